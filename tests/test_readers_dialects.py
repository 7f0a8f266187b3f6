"""Docs-site Markdown dialects: the prose their authors meant, the markup they did not."""

from __future__ import annotations

import pytest

from lint.document import PLACEHOLDER
from lint.readers.dialects import line_kind
from lint.readers.markdown import read
from tests.test_readers_properties import assert_well_mapped


def prose(source: str) -> list[tuple[str, str]]:
    doc = read("x.md", source)
    assert_well_mapped(doc)  # every verbatim character is the file's
    return [(seg.kind, seg.text) for seg in doc.segments]


def texts(source: str) -> list[str]:
    return [t for _, t in prose(source)]


@pytest.mark.parametrize("source, expected", [
    # VuePress / VitePress: the fence and type word are markup, title and body prose
    ("::: tip Use the cache\nThe body is prose.\n:::\n",
     [("heading", "Use the cache"), ("paragraph", "The body is prose.")]),
    ("::: warning\nBody only.\n:::\n", [("paragraph", "Body only.")]),
    ("::::: details Click me\nHidden body.\n:::::\n",
     [("heading", "Click me"), ("paragraph", "Hidden body.")]),
    # Docusaurus, with and without a bracketed title
    (":::note[Read this]\nA note.\n:::\n", [("heading", "Read this"), ("paragraph", "A note.")]),
    (":::danger\nTake care.\n:::\n", [("paragraph", "Take care.")]),
    # MkDocs Material: the indented body is prose, not an indented code block
    ('!!! note "Phasellus posuere"\n    Body of the note.\n\nAfter it.\n',
     [("heading", "Phasellus posuere"), ("paragraph", "Body of the note."),
      ("paragraph", "After it.")]),
    ("??? tip\n    Collapsed body.\n", [("paragraph", "Collapsed body.")]),
    ('=== "Linux"\n    Install it.\n', [("heading", "Linux"), ("paragraph", "Install it.")]),
    # GitHub alerts
    ("> [!NOTE]\n> Useful information.\n", [("blockquote", "Useful information.")]),
    ("> [!WARNING]\n> Critical content.\n", [("blockquote", "Critical content.")]),
])
def test_containers_and_admonitions(source, expected):
    assert prose(source) == expected


def test_admonition_body_keeps_code_as_code():
    got = texts('!!! example "Run it"\n    Type this:\n\n    ```bash\n    ls -la\n    ```\n')
    assert got == ["Run it", "Type this:"]


@pytest.mark.parametrize("source", [
    "$$\nx^2 + y^2 = z^2\n$$\n",
    "{{< figure src=\"a.png\" >}}\n",
    "{% include note.html %}\n",
    "import Tabs from '@theme/Tabs';\n",
    "export const meta = {title: 'x'}\n",
    "+-------+     +--------+\n| agent | --> | server |\n+-------+     +--------+\n",
    "┌──────┐\n│ box  │\n└──────┘\n",
    "$ java -jar arthas-boot.jar\n",
    "watch -b -e demo.MathGame primeFactors\n",
    "`network`: \"tcp\" | \"udp\"\n",
    "---\ntitle: Front matter\n---\n",
    "+++\ntitle = \"TOML\"\n+++\n",
    "<!-- a comment\nover two lines -->\n",
])
def test_markup_and_non_sentences_are_not_prose(source):
    assert texts(source) == []


def test_inline_markup_becomes_placeholders_at_exact_offsets():
    source = "Inline $x^2$ math, a note[^1] and {{< ref \"a\" >}} here.\n"
    doc = read("x.md", source)
    (seg,) = doc.segments
    assert seg.text == f"Inline {PLACEHOLDER} math, a note{PLACEHOLDER} and {PLACEHOLDER} here."
    i = seg.text.index("math")
    assert source[seg.source_offset(i):seg.source_end(i + 4)] == "math"
    i = seg.text.index("here")
    assert source[seg.source_offset(i):seg.source_end(i + 4)] == "here"
    assert source[seg.source_offset(7):seg.source_end(8)] == "$x^2$"


def test_currency_is_not_math():
    assert texts("It costs $5 and $10 in total.\n") == ["It costs $5 and $10 in total."]


def test_footnotes_and_definition_lists():
    assert prose("Term\n: The definition.\n\n[^1]: The footnote text.\n") == [
        ("paragraph", "Term"), ("list_item", "The definition."),
        ("paragraph", f"{PLACEHOLDER} The footnote text.")]


def test_table_cells_are_their_own_segments():
    got = prose("| a | b |\n|---|---|\n| Required if set. | Required if set. |\n")
    assert [k for k, _ in got] == ["table_cell"] * 4


def test_heading_attributes_are_markup():
    (seg,) = read("x.md", "## Install {#install}\n").segments
    assert seg.text.startswith("Install") and "#install" not in seg.text


def test_hard_wrapped_prose_lines_are_not_commands():
    source = ("Put the code in src/lib.rs rather than\nin src/main.rs, which lets us test it.\n")
    assert texts(source) == [source.strip()]


@pytest.mark.parametrize("line, kind", [
    ("java -jar arthas-boot.jar", "command"),
    ("$ ls -la", "command"),
    ("f(x, y) -> int", "signature"),
    ("+----+----+", "diagram"),
    ("use -v to view the details", None),
    ("The option -v shows more.", None),
    ("Português (BR)", None),
    ("A plain sentence with words.", None),
])
def test_line_kind(line, kind):
    assert line_kind(line) == kind


def test_statistics_by_kind():
    doc = read("x.md", "::: tip T\nBody.\n:::\n\n$ ls -la\n\nText.\n")
    assert doc.stats["container"] == 2
    assert doc.stats["command"] == 1
    assert doc.stats["dropped:paragraph"] == 1
    assert doc.stats["prose:paragraph"] == 2


def test_code_is_recorded_for_the_identifier_vocabulary():
    doc = read("x.md", "Use `statUrl` or [the site](https://example.com/x).\n\n```\nfooBar\n```\n")
    assert "statUrl" in doc.code and "https://example.com/x" in doc.code
    assert any("fooBar" in c for c in doc.code)


def test_code_shortcodes_hide_their_content_and_feed_the_vocabulary():
    source = ("Intro text.\n\n{{< highlight go >}}\nfunc fooBar() {}\n{{< /highlight >}}\n\n"
              "{% highlight ruby %}\nputs 'the the'\n{% endhighlight %}\n\nAfter.\n")
    doc = read("x.md", source)
    assert [s.text for s in doc.segments] == ["Intro text.", "After."]
    assert any("fooBar" in c for c in doc.code)


def test_kramdown_attribute_lists_are_markup():
    (seg,) = read("x.md", "A note here.\n{: .note }\n").segments
    assert seg.text.startswith("A note here.") and ".note" not in seg.text
