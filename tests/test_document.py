"""The document model: offset maps, positions, sentences."""

import pytest

from lint.document import PLACEHOLDER, Directive, Document, SegmentBuilder
from lint.readers.text import read
from lint.sentences import split_sentences


def test_builder_maps_verbatim_and_atomic_runs():
    source = "a &amp; b `code` c"
    b = SegmentBuilder("paragraph")
    b.add("a ", 0)
    b.add_atomic("&", 2, 7)
    b.add(" b ", 7)
    b.add_atomic(PLACEHOLDER, 10, 16)
    b.add(" c", 16)
    seg = b.build()
    assert seg.text == f"a & b {PLACEHOLDER} c"
    assert seg.source_span(2, 3) == (2, 7)  # the entity as a whole
    assert source[slice(*seg.source_span(4, 5))] == "b"
    assert source[slice(*seg.source_span(6, 7))] == "`code`"
    assert source[slice(*seg.source_span(0, len(seg.text)))] == source


def test_builder_trims_whitespace_and_drops_empty():
    b = SegmentBuilder("paragraph")
    b.add("  hi  ", 10)
    seg = b.build()
    assert seg.text == "hi" and seg.start == 12 and seg.end == 14
    empty = SegmentBuilder("paragraph")
    empty.add_atomic(PLACEHOLDER, 0, 5)
    assert empty.build() is None


def test_positions_with_crlf_and_lone_cr():
    doc = Document("x", "ab\r\ncd\ref\ngh", "text")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(7) == (3, 1)
    assert doc.position(11) == (4, 2)
    assert doc.line_text(1) == "ab" and doc.line_text(4) == "gh"


def test_text_reader_masks_urls_and_finds_headings():
    src = "A headline\n\nSee https://example.com/a?b=1, or mail me@example.org today.\n"
    doc = read("a.txt", src)
    kinds = [s.kind for s in doc.segments]
    assert kinds == ["heading", "paragraph"]
    para = doc.segments[1]
    assert "example.com" not in para.text and para.text.count(PLACEHOLDER) == 2
    i = para.text.index(PLACEHOLDER)
    assert src[slice(*para.source_span(i, i + 1))] == "https://example.com/a?b=1"


@pytest.mark.parametrize("text, count", [
    ("Mr. Smith met Dr. Jones in St. Louis. They talked.", 2),
    ("The U.S. Army left. It was late.", 2),
    ("Use a tool, e.g. a hammer, i.e. something heavy. Then stop.", 2),
    ("J. R. R. Tolkien wrote it. He was English.", 2),
    ("Prices rose 3.5% in 2004. Analysts were surprised.", 2),
    ("It rained. It poured! Did it stop? No.", 4),
    # frequent words that the Punkt model lists as abbreviations still end a sentence
    ("The target was not met. Anil has said so.", 2),
    ("Sales rose last month. Throughout 2004, hiring grew.", 2),
    ('They met. "Anil said so."', 2),
    # lower-case abbreviations and rare words do not
    ("He paid approx. Five dollars each.", 1),
    ("The firm had many assets, buildings, land etc. Some were sold.", 1),
])
def test_sentences(text, count):
    spans = split_sentences(text)
    assert len(spans) == count, [text[a:b] for a, b in spans]
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_suppression_regions_through_the_runner():
    from lint.config import Config
    from lint.runner import build_plan, lint_document

    src = ("one the the\n"
           "<!--x-->\n"
           "two and and\n"
           "three so so so to to\n")
    doc = read("a.txt", src)
    plan = build_plan(Config(), extend_select=["M001"])

    def codes(directives):
        doc.directives = directives
        return [(f.line, f.code) for f in lint_document(doc, plan).findings]

    assert codes([]) == [(1, "G001"), (3, "G001"), (4, "G001")]
    nxt = Directive("disable-next-line", ("G001",), 12, 20)
    assert codes([nxt]) == [(1, "G001"), (4, "G001")]
    region = [Directive("disable", ("G",), 0, 0), Directive("enable", (), 33, 33)]
    assert codes(region) == [(4, "G001")]
    assert codes([Directive("disable-file", (), 0, 0)]) == []
    assert codes([Directive("disable-file", ("Q001",), 0, 0)]) == [
        (1, "G001"), (3, "G001"), (4, "G001")]


def test_unused_suppression_is_reported_only_when_selected():
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    src = "<!-- mtlint-disable-next-line G001 -->\nclean text here\n"
    job = Job("a.md", None, src, "text")
    plan = build_plan(Config())
    from lint.readers import text

    real_read = text.read

    def read_with_directive(path, source):
        doc = real_read(path, source)
        doc.directives = [Directive("disable-next-line", ("G001",), 0, 38)]
        return doc

    text.read = read_with_directive
    try:
        assert run([job], plan).findings == []
        plan = build_plan(Config(), extend_select=["M001"])
        (finding,) = run([job], plan).findings
    finally:
        text.read = real_read
    assert finding.code == "M001" and finding.severity == "info" and finding.line == 1
    assert "G001" in finding.message


def test_memo_builds_once_per_document_and_joined_maps_back():
    doc = read("a.txt", "First block here.\n\nSecond block there.\n")
    calls = []

    def build(d):
        calls.append(d)
        return len(d.segments)

    assert doc.memo("family", build) == 2 and doc.memo("family", build) == 2
    assert calls == [doc]
    other = read("a.txt", "Just one.\n")
    assert other.memo("family", build) == 1 and len(calls) == 2
    joined = doc.joined
    assert joined.text == "First block here.\nSecond block there."
    i = joined.text.index("there")
    k = joined.segment_at(i)
    assert k == 1 and doc.segments[k].text[i - joined.starts[k]:].startswith("there")
