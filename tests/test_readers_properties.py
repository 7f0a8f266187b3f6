"""Property tests: random Markdown, HTML and text never crash a reader nor map text outside it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.readers import html as html_reader
from lint.readers import markdown as md_reader
from lint.readers import text as text_reader

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

_WORDS = ["the", "The", "cat", "naïve", "Zürich", "東京", "😀", "don't", "e.g.", "U.S.",
          "1.5", "x", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u2028", "\0",
          "\ufeff", "é", "e\u0301"]
_MD_MARKUP = ["# ", "## ", "#", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "    ", "```",
              "~~~", "`", "``", "*", "**", "_", "__", "~~", "[", "]", "(", ")", "![", "](",
              "<", ">", "</", "<b>", "</b>", "<br>", "<code>", "</code>", "<!--", "-->",
              "<!-- mtlint-disable G001 -->", "<!-- mtlint-enable -->", "&amp;", "&copy;",
              "&#35;", "&#x41;", "&bogus;", "&", "\\", "\\*", "\\\n", "|", " | ", "|---|---|",
              "---", "===", "+++", "http://example.com/a_b", "<http://x.org>", "<a@b.cd>",
              "[ref]: /url \"title\"", "[ref]", "  \n", '"', "'", "<div>", "</div>",
              "<pre>", "</pre>", "<img alt=\"x\">", "\"title\"", "<script>", "</script>"]
_HTML_MARKUP = ["<p>", "</p>", "<h1>", "</h1>", "<h3 class='x'>", "<li>", "<ul>", "</ul>",
                "<td>", "<th>", "<tr>", "<table>", "</table>", "<blockquote>", "<em>", "</em>",
                "<a href=\"http://x.y/?a=1&amp;b=2\">", "</a>", "<br>", "<br/>", "<br />",
                "<img src=\"a.png\" alt=\"A &amp; B\">", "<img alt='it''s'>", "<img alt=x>",
                "<code>", "</code>", "<pre>", "</pre>", "<script>", "</script>", "<style>",
                "</style>", "<!--", "-->", "<!-- c -->", "<!-- mtlint-disable-next-line G001 -->",
                "&amp;", "&nbsp;", "&#169;", "&#x1F600;", "&bogus;", "&", "&#", "<", ">",
                "</", "<!DOCTYPE html>", "<![CDATA[x]]>", "<?xml?>", "<title>", "</title>",
                "<figcaption>", "<svg><text>t</text></svg>", "<math>", "<template>", "<div",
                "<p class=\"a", "=\"", "<kbd>", "</kbd>", "<figure>", "<dd>", "<caption>"]

_words = st.sampled_from(_WORDS)
_unicode = st.text(min_size=0, max_size=6)
markdown_docs = st.lists(st.one_of(_words, st.sampled_from(_MD_MARKUP), _unicode),
                         max_size=60).map("".join)
html_docs = st.lists(st.one_of(_words, st.sampled_from(_HTML_MARKUP), _unicode),
                     max_size=60).map("".join)
text_docs = st.lists(st.one_of(_words, st.sampled_from(_MD_MARKUP[:20]), _unicode),
                     max_size=60).map("".join)


def assert_well_mapped(doc) -> None:
    src = doc.source
    n = len(src)
    for seg in doc.segments:
        assert seg.runs, seg
        prev_start = prev_end = 0
        for i in range(len(seg.text)):
            start, end = seg.source_offset(i), seg.source_end(i + 1)
            assert 0 <= start <= end <= n, (seg.kind, seg.text, i)
            assert start >= prev_start and end >= prev_end, (seg.kind, seg.text, i)
            prev_start, prev_end = start, end
        for run in seg.runs:
            assert 0 <= run.src_start and run.src_start + run.src_len <= n
            if run.text_len == run.src_len:  # verbatim: every character is the file's
                text = seg.text[run.text_start:run.text_start + run.text_len]
                # (a lone CR line end shown as "\n" is the one 1:1 replacement)
                found = src[run.src_start:run.src_start + run.src_len]
                if found != text:
                    assert found.replace("\r", "\n") == text, (seg.kind, text)
    for d in doc.directives:
        assert 0 <= d.offset < d.end_offset <= n
        assert src[d.offset:d.offset + 4] == "<!--"


@SETTINGS
@given(markdown_docs)
def test_markdown_reader_maps_random_input(source):
    assert_well_mapped(md_reader.read("x.md", source))


@SETTINGS
@given(html_docs)
def test_html_reader_maps_random_input(source):
    assert_well_mapped(html_reader.read("x.html", source))


@SETTINGS
@given(text_docs)
def test_text_reader_maps_random_input(source):
    assert_well_mapped(text_reader.read("x.txt", source))


@SETTINGS
@given(html_docs)
def test_html_inside_markdown_maps(source):
    # raw HTML blocks in Markdown go through the HTML walker and are mapped back
    assert_well_mapped(md_reader.read("x.md", "Intro.\n\n" + source))


_DIALECT_MARKUP = ["::: tip Title", "::: warning", ":::", "::::", ":::note[Title]", "!!! note",
                   '!!! tip "A title"', "??? info", '=== "Tab"', "    ", "> [!NOTE]", "> ",
                   "$$", "$", "$x^2$", "\\(a\\)", "{{< figure >}}", "{{% note %}}",
                   "{% include x %}", "{{ var }}", "[^1]", "[^note]: ", ": ", "\n: ",
                   "+---+", "|", "--> ", "│ ", "└──", "$ ls -la /tmp", "java -jar a.jar",
                   "import X from 'y'", "export const a = 1", "{#id}", "`a`: \"b\" | \"c\"",
                   "f(x, y) -> int"]
dialect_docs = st.lists(st.one_of(_words, st.sampled_from(_DIALECT_MARKUP),
                                  st.sampled_from(_MD_MARKUP), _unicode),
                        max_size=60).map("".join)


@SETTINGS
@given(dialect_docs)
def test_markdown_reader_maps_docs_site_dialects(source):
    assert_well_mapped(md_reader.read("x.md", source))
