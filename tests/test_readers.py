"""Readers: what is prose, what is not, and exact offsets for every segment kind."""

from __future__ import annotations

import pytest
from test_readers_properties import assert_well_mapped

from lint.config import Config
from lint.document import PLACEHOLDER, Directive
from lint.readers import markdown as md_reader
from lint.readers import read_document
from lint.runner import build_plan, decode, lint_document


def md(source):
    before = md_reader.DROPPED[0]
    doc = read_document("t.md", source)
    assert md_reader.DROPPED[0] == before, "a block could not be aligned"
    assert_well_mapped(doc)
    return doc


def html(source):
    doc = read_document("t.html", source)
    assert_well_mapped(doc)
    return doc


def texts(doc, kind=None):
    return [s.text for s in doc.segments if kind is None or s.kind == kind]


def span_of(doc, kind, word):
    """File span of ``word`` in the first segment of ``kind`` holding it."""
    for seg in doc.segments:
        if seg.kind == kind and word in seg.text:
            i = seg.text.index(word)
            return seg.source_span(i, i + len(word))
    found = [(s.kind, s.text) for s in doc.segments]
    raise AssertionError(f"{word!r} not in a {kind} segment: {found}")


def assert_points_at(doc, kind, word):
    a, b = span_of(doc, kind, word)
    assert doc.source[a:b] == word


# -- Markdown: every segment kind points at the file ---------------------------------------
MD_CASES = [
    ("# A heading here\n", "heading", "heading here"),
    ("Title *text*\n=====\n", "heading", "Title text"),
    ("> ## Quoted heading ##\n", "heading", "Quoted heading"),
    ("Some *emphasised* words.\n", "paragraph", "Some emphasised words."),
    ("Line one\nline two.\n", "paragraph", "line two."),
    ("- first item\n- second **bold** item\n", "list_item", "second bold item"),
    ("1. one\n\n   Loose paragraph\n   continues.\n", "list_item", "Loose paragraph"),
    ("- outer\n  - inner item text\n", "list_item", "inner item text"),
    ("> A quoted line\n> and its lazy\ncontinuation.\n", "blockquote", "continuation."),
    ("> > deeply quoted words\n", "blockquote", "deeply quoted words"),
    ("- > quote in a list\n  > goes on\n", "blockquote", "goes on"),
    ("| Name | Role |\n|---|---|\n| Ada | writes *code* |\n", "table_cell", "writes code"),
    ("| a | b \\| c |\n|---|---|\n", "table_cell", "b | c"),
    ("> | in | quote |\n> |---|---|\n> | x | yes |\n", "table_cell", "yes"),
    ("See ![a small cat](cat.png \"Cat\") here.\n", "alt_text", "a small cat"),
    ("See [the *manual*](http://x.org \"title\") now.\n", "paragraph", "the manual"),
    ("A [reference link][ref] here.\n\n[ref]: http://x.org\n", "paragraph", "reference link"),
    ("Tab\tinside and trailing   \nhard break.\n", "paragraph", "hard break."),
    ("<figure>\n<figcaption>A caption line</figcaption>\n</figure>\n", "caption",
     "A caption line"),
    ("<p>Raw <em>html</em> prose</p>\n", "paragraph", "Raw html prose"),
    ("- item\n\n  <p>html in a list</p>\n", "paragraph", "html in a list"),
    ("| <img src=\"f.svg\" alt=\"Ferris &amp; friend\"/> | ok |\n|--|--|\n", "alt_text",
     "Ferris & friend"),
    ("Text <img alt=\"inline alt\" src=x> more.\n", "alt_text", "inline alt"),
]


@pytest.mark.parametrize("source,kind,expected", MD_CASES)
def test_markdown_segment_kinds_point_at_the_source(source, kind, expected):
    doc = md(source)
    assert_points_at(doc, kind, expected.split()[-1])
    seg = next(s for s in doc.segments if s.kind == kind and expected in s.text.replace("\n", " "))
    for i, ch in enumerate(seg.text):
        if ch not in ("\n", PLACEHOLDER):
            assert doc.source[seg.source_offset(i)] == ch


def test_markdown_heading_levels():
    doc = md("# One\n\n### Three\n\nSetext\n---\n")
    assert [(s.text, s.meta["level"]) for s in doc.segments] == [
        ("One", 1), ("Three", 3), ("Setext", 2)]


def test_markdown_soft_break_is_one_newline_over_the_line_end_and_prefix():
    doc = md("> first line\n>   second line\n")
    seg = doc.segments[0]
    assert seg.text == "first line\nsecond line"
    nl = seg.text.index("\n")
    a, b = seg.source_span(nl, nl + 1)
    assert doc.source[a:b] == "\n>   "


NEVER_PROSE_MD = [
    ("Intro.\n\n```rust\nlet the the = 1;\n```\n", "let"),
    ("Intro.\n\n    indented code the the\n", "indented"),
    ("Use `the the` here.\n", "the the"),
    ("---\ntitle: the the\n---\nBody text.\n", "title"),
    ("+++\ntitle = \"the the\"\n+++\nBody text.\n", "title"),
    ("A [link](http://example.com/path \"Link title\") here.\n", "example"),
    ("A [link](http://example.com/path \"Link title\") here.\n", "Link title"),
    ("An ![image](pic.png \"Pic title\") here.\n", "pic.png"),
    ("Visit <http://example.com/autolink> or <me@example.com>.\n", "example"),
    ("Text <!-- a hidden comment --> more.\n", "hidden"),
    ("<!--\nblock comment\n-->\n\nText.\n", "block comment"),
    ("Text <span class=\"warn\">inside</span> more.\n", "warn"),
    ("Press <kbd>Ctrl</kbd> and <code>the the</code> now.\n", "Ctrl"),
    ("Press <code>the the</code> now.\n", "the the"),
    ("<script>\nvar the = 1;\n</script>\n\nText.\n", "var"),
    ("<style>\np { color: red }\n</style>\n\nText.\n", "color"),
    ("<pre>\nthe the preformatted\n</pre>\n\nText.\n", "preformatted"),
    ("Bare url http://example.com/the/the works.\n", "example"),
    ("[ref]: http://example.com \"Definition title\"\n\nText.\n", "Definition"),
]


@pytest.mark.parametrize("source,hidden", NEVER_PROSE_MD)
def test_markdown_never_prose(source, hidden):
    doc = md(source)
    assert doc.segments, "the prose around it is still read"
    assert all(hidden not in s.text for s in doc.segments), texts(doc)


def test_markdown_placeholders_keep_word_boundaries():
    doc = md("Run `cargo build` then <http://x.org> and ![cat](c.png).\n")
    assert doc.segments[0].text == f"Run {PLACEHOLDER} then {PLACEHOLDER} and {PLACEHOLDER}."
    seg = doc.segments[0]
    i = seg.text.index(PLACEHOLDER)
    a, b = seg.source_span(i, i + 1)
    assert doc.source[a:b] == "`cargo build`"


def test_markdown_escapes_and_entities():
    doc = md("Fish \\& chips &amp; peas &copy; 2024 &#233;t&#xE9; \\*not em\\*.\n")
    seg = doc.segments[0]
    assert seg.text == "Fish & chips & peas © 2024 été *not em*."
    atomic = [doc.source[slice(*seg.source_span(i, i + 1))] for i in range(len(seg.text))]
    assert [a for a, ch in zip(atomic, seg.text, strict=True) if a != ch] == [
        "&amp;", "&copy;", "&#233;", "&#xE9;"]
    i = seg.text.index("*")
    assert doc.source[seg.source_offset(i) - 1:seg.source_offset(i) + 1] == "\\*"


def test_markdown_image_inside_link_and_multiline_link():
    doc = md("> [![Logo of *Rust*](logo.svg)](https://rust-lang.org) and [a link\n"
             "> that wraps](u).\n")
    assert texts(doc, "alt_text") == ["Logo of Rust"]
    assert_points_at(doc, "alt_text", "Rust")
    assert texts(doc, "blockquote") == [f"{PLACEHOLDER} and a link\nthat wraps."]
    assert_points_at(doc, "blockquote", "wraps")


def test_markdown_crlf_line_and_column():
    src = "# Title\r\n\r\nFirst para.\r\n\r\n- item one\r\n- item two\r\n"
    doc = md(src)
    a, _ = span_of(doc, "list_item", "two")
    assert doc.position(a) == (6, 8)
    a, _ = span_of(doc, "paragraph", "para")
    assert doc.position(a) == (3, 7)


def test_markdown_crlf_soft_break_covers_both_characters():
    doc = md("one\r\ntwo\r\n")
    seg = doc.segments[0]
    assert seg.text == "one\ntwo"
    assert seg.source_span(3, 4) == (3, 5)


def test_bom_is_dropped_by_decoding_and_tolerated_by_readers():
    data = "\ufeff# Title\n\nBody text.\n".encode()
    doc = md(decode("t.md", data))
    assert doc.segments[0].kind == "heading"
    assert doc.position(span_of(doc, "heading", "Title")[0]) == (1, 3)
    raw = md("\ufeff# Title\n\nBody.\n")  # a BOM left in the text (stdin) is no prose
    assert texts(raw) == ["Title", "Body."]
    assert raw.source[span_of(raw, "heading", "Title")[0]] == "T"
    h = html(decode("t.html", "\ufeff<p>Body</p>".encode()))
    assert texts(h) == ["Body"]


@pytest.mark.parametrize("name", ["e.md", "e.html", "e.txt"])
@pytest.mark.parametrize("source", ["", "\n", "\r\n\r\n", "   "])
def test_empty_files_have_no_segments(name, source):
    doc = read_document(name, source)
    assert doc.segments == [] and doc.directives == []


# -- HTML -----------------------------------------------------------------------------------
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Page title</title>
<style>body { color: red }</style><script>var secret = "the the";</script></head>
<body>
<h2 id="x">Section heading</h2>
<p>First <a href="http://example.com/u">linked words</a> and <em>more</em><br>after break.</p>
<ul><li>item one<li>item <b>two</b></ul>
<ol><li><p>para in item</p></li></ol>
<blockquote><p>quoted words</p></blockquote>
<table><caption>Table caption</caption><tr><th>Head cell<td>body cell</table>
<figure><img src="a.png" alt="Alt &amp; text"><figcaption>Figure caption</figcaption></figure>
<dl><dt>Term here<dd>Definition here</dl>
<div>Loose div text</div>
<pre>preformatted the the</pre>
<p>Run <code>cargo the the</code> now &mdash; ok.</p>
<!-- a comment the the -->
</body></html>
"""

HTML_CASES = [
    ("title", "Page title"),
    ("heading", "Section heading"),
    ("paragraph", "linked words"),
    ("paragraph", "after break."),
    ("list_item", "item one"),
    ("list_item", "item two"),
    ("list_item", "para in item"),
    ("blockquote", "quoted words"),
    ("caption", "Table caption"),
    ("table_cell", "Head cell"),
    ("table_cell", "body cell"),
    ("alt_text", "text"),
    ("caption", "Figure caption"),
    ("list_item", "Term here"),
    ("list_item", "Definition here"),
    ("paragraph", "Loose div text"),
]


@pytest.mark.parametrize("kind,word", HTML_CASES)
def test_html_segment_kinds_point_at_the_source(kind, word):
    doc = html(HTML_PAGE)
    seg = next(s for s in doc.segments if s.kind == kind and word in s.text)
    for i, ch in enumerate(seg.text):
        if ch not in ("\n", PLACEHOLDER, "&", "—"):
            assert doc.source[seg.source_offset(i)] == ch
    if word != "item two":
        assert_points_at(doc, kind, word)


def test_html_structure():
    doc = html(HTML_PAGE)
    assert "First linked words and more\nafter break." in texts(doc, "paragraph")
    assert f"Run {PLACEHOLDER} now — ok." in texts(doc, "paragraph")
    assert texts(doc, "alt_text") == ["Alt & text"]
    assert [s.meta.get("level") for s in doc.segments if s.kind == "heading"] == [2]
    assert texts(doc, "title") == ["Page title"]


@pytest.mark.parametrize("hidden", ["color", "secret", "preformatted", "cargo", "comment",
                                    "href", "example.com", "a.png", "DOCTYPE", "id="])
def test_html_never_prose(hidden):
    doc = html(HTML_PAGE)
    assert all(hidden not in s.text for s in doc.segments)


def test_html_entities_are_atomic_runs_over_the_whole_entity():
    doc = html("<p>Tom &amp; Jerry &copy; &#169; &#xA9; &nbsp;x &bogus; &amp</p>")
    seg = doc.segments[0]
    assert seg.text == "Tom & Jerry © © © \xa0x &bogus; &"
    found = []
    for i, ch in enumerate(seg.text):
        a, b = seg.source_span(i, i + 1)
        if doc.source[a:b] != ch:
            found.append(doc.source[a:b])
    assert found == ["&amp;", "&copy;", "&#169;", "&#xA9;", "&nbsp;", "&amp"]


def test_html_crlf_line_and_column():
    doc = html("<html>\r\n<body>\r\n<p>one\r\ntwo three</p>\r\n</body>")
    seg = doc.segments[0]
    assert seg.text == "one\ntwo three"
    a, _ = span_of(doc, "paragraph", "three")
    assert doc.position(a) == (4, 5)
    assert seg.source_span(3, 4) == (doc.source.index("\r\n", 20), doc.source.index("\r\n", 20) + 2)


def test_html_line_ends_and_indentation_become_one_newline():
    doc = html("<ul>\n  <li>\n    One item\n    continues here.\n  </li>\n</ul>")
    seg = doc.segments[0]
    assert seg.text == "One item\ncontinues here."
    a, b = seg.source_span(8, 9)
    assert doc.source[a:b] == "\n    "


def test_html_unclosed_and_broken_markup():
    doc = html("<p>open para <b>bold <p>next <code>never closed")
    assert texts(doc) == ["open para bold", f"next {PLACEHOLDER}"]
    assert texts(html("<p>text <a href=\"x")) == ["text"]
    assert texts(html("<pre>all skipped <p>here")) == []


# -- directives -----------------------------------------------------------------------------
def test_markdown_directives_in_file_order_with_offsets():
    src = ("<!-- mtlint-disable-file q001 -->\n\n"
           "Text <!-- mtlint-disable G001, g002 --> more <!-- mtlint-enable -->.\n\n"
           "<!-- mtlint-disable-next-line G001 reason: a name -->\n"
           "Next line.\n\n"
           "`<!-- mtlint-disable G001 -->`\n\n"
           "```\n<!-- mtlint-disable G001 -->\n```\n\n"
           "<!-- an ordinary comment -->\n")
    doc = md(src)
    got = [(d.kind, d.codes, doc.source[d.offset:d.end_offset]) for d in doc.directives]
    assert got == [
        ("disable-file", ("Q001",), "<!-- mtlint-disable-file q001 -->"),
        ("disable", ("G001", "G002"), "<!-- mtlint-disable G001, g002 -->"),
        ("enable", (), "<!-- mtlint-enable -->"),
        ("disable-next-line", ("G001",), "<!-- mtlint-disable-next-line G001 reason: a name -->"),
    ]


def test_html_directives_not_inside_code():
    src = ("<p>a <!-- mtlint-disable G001 --> b</p>\n<pre><!-- mtlint-disable Q001 --></pre>\n"
           "<code><!-- mtlint-enable --></code><script>/* <!-- mtlint-enable --> */</script>")
    doc = html(src)
    assert [(d.kind, d.codes) for d in doc.directives] == [("disable", ("G001",))]
    d = doc.directives[0]
    assert doc.source[d.offset:d.end_offset] == "<!-- mtlint-disable G001 -->"


def _doubled(fmt_name, source):
    doc = read_document(fmt_name, source)
    plan = build_plan(Config())
    return [(f.line, f.code) for f in lint_document(doc, plan).findings if f.code == "G001"]


@pytest.mark.parametrize("name,wrap", [
    ("t.md", "{}"),
    ("t.html", "<p>{}</p>"),
])
def test_suppression_through_the_runner(name, wrap):
    lines = [wrap.format("Before the the break."),  # 1
             "",
             "<!-- mtlint-disable G001 -->",
             "",
             wrap.format("Inside the the region."),  # 5
             "",
             "<!-- mtlint-enable G001 -->",
             "",
             wrap.format("After the the region."),  # 9
             "",
             "<!-- mtlint-disable-next-line G001 -->",
             wrap.format("Next the the line."),  # 12
             wrap.format("Not this the the one."),  # 13
             ]
    source = "\n".join(lines) + "\n"
    unsuppressed = source.replace("mtlint-", "plain-")
    assert [line for line, _ in _doubled(name, unsuppressed)] == [1, 5, 9, 12, 13]
    assert [line for line, _ in _doubled(name, source)] == [1, 9, 13]


def test_disable_file_through_the_runner():
    assert _doubled("t.md", "<!-- mtlint-disable-file -->\n\nSo the the end.\n") == []
    source = "<!-- mtlint-disable-file Q001 -->\n\nSo the the end.\n"
    assert _doubled("t.md", source) == [(3, "G001")]


def test_directive_objects():
    doc = html("<!--mtlint-disable-->x")
    assert doc.directives == [Directive("disable", (), 0, 21)]
    assert html("<!-- mtlint-disabled G001 -->").directives == []


@pytest.mark.parametrize("source", [
    "Headline\r\rFirst line\r\nsecond line.\r\n\r\n  Indented paragraph.  \n",
    "Headline\n\nA page\x0cbreak and a\u2028separator stay inside the line.\n\nLast one",
    "Only \ufffc here\n\n\ufffc\n\nMail me@example.com today.",
])
def test_text_blocks_end_at_lf_crlf_or_cr_only(source):
    doc = read_document("t.txt", source, "text")
    assert_well_mapped(doc)
    texts = [(s.kind, s.text) for s in doc.segments]
    if source.startswith("Headline\r"):
        assert texts == [("heading", "Headline"), ("paragraph", "First line\nsecond line."),
                         ("paragraph", "Indented paragraph.")]
        seg = doc.segments[2]
        assert seg.source_span(0, len(seg.text)) == (source.index("Indented"),
                                                     source.index(".  \n") + 1)
    elif source.startswith("Headline\n"):
        assert texts == [("heading", "Headline"),
                         ("paragraph",
                          "A page\x0cbreak and a\u2028separator stay inside the line."),
                         ("heading", "Last one")]
    else:
        assert texts == [("heading", "Only \ufffc here"),
                         ("paragraph", f"Mail {PLACEHOLDER} today.")]


def test_markdown_deep_nesting_does_not_end_the_document():
    # markdown-it's CommonMark preset stops reading a document at nesting depth 20 (ten list
    # markers); everything after would silently go unlinted
    source = "- " * 15 + "deep item\n\n> " * 1 + "quoted\n\nThe last paragraph.\n"
    doc = md_reader.read("t.md", source)
    texts = [s.text for s in doc.segments]
    assert "deep item" in texts and "The last paragraph." in texts
    assert_well_mapped(doc)


@pytest.mark.parametrize("source, expected", [
    ("FAQ and Known Issues\n--------------------\n\nThe bar shows progress.\n",
     [("heading", "FAQ and Known Issues"), ("paragraph", "The bar shows progress.")]),
    ("==========\nUser Guide\n==========\n\nRead it first.\n",
     [("heading", "User Guide"), ("paragraph", "Read it first.")]),
    ("Ports to Other Languages.\n~~~~~~~~~~~~~~~~~~~~~~~~~\n",  # a heading whatever its end
     [("heading", "Ports to Other Languages.")]),
    # traps: a rule under two lines of prose, a rule alone, a line of two dashes
    ("A first line\nand a second one.\n-----\n",
     [("paragraph", "A first line\nand a second one.\n-----")]),
    ("-----\n", [("heading", "-----")]),
    ("Totals\n--\n", [("paragraph", "Totals\n--")]),
])
def test_text_titles_with_an_underline_are_headings(source, expected):
    doc = read_document("t.txt", source, "text")
    assert_well_mapped(doc)
    assert [(s.kind, s.text) for s in doc.segments] == expected
    heading = doc.segments[0]
    if heading.kind == "heading" and heading.text[0].isalpha():
        a, b = heading.source_span(0, len(heading.text))
        assert source[a:b] == heading.text
