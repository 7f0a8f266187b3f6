"""Encoding damage (E001-E004): each case a line and the span expected, traps beside."""

import pytest
from rulecases import fixed, flagged, spans

from lint.document import Document, SegmentBuilder
from rules import encoding

hits = flagged
apply_fixes = fixed


@pytest.mark.parametrize("source, expected", [
    ("The minister said the plan wasnâ€™t ready.", ["â€™"]),
    ("They met at the cafÃ© on the corner.", ["Ã©"]),
    ("Tickets cost Â£5 at the door.", ["Â£"]),
    ("He said â€œnoâ€\x9d and left.", ["â€œ", "â€\x9d"]),
    ("The striker scored twiceâ€” then limped off.", ["â€”"]),
    ("It was the playerâ€ s best season.", ["â€"]),
    ("She said it wasnÃ¢â‚¬â„¢t over.", ["Ã¢â‚¬â„¢"]),
    # traps
    ("They met at the café in Zürich, then flew to Київ.", []),
    ("The SÃO PAULO office opened; a naïve plan, said the façade expert.", []),
    ("Prices rose 5% to £600m; café… and more.", []),
])
def test_mojibake(source, expected):
    assert spans(encoding.mojibake, source) == expected


def test_mojibake_fix():
    assert apply_fixes(encoding.mojibake, "The plan wasnâ€™t ready at the cafÃ©.") == (
        "The plan wasn’t ready at the café.")


def test_mojibake_lost_byte_has_no_fix():
    [(_, h)] = hits(encoding.mojibake, "It was the playerâ€ s best season.")
    assert h.fix is None and h.suggestions == ["”"]


@pytest.mark.parametrize("source, expected", [
    ("Shares in Marks &amp; Spencer rose 3%.", ["&amp;"]),
    ("The price was 5&nbsp;euros and the cafe&#233; was shut.", ["&nbsp;", "&#233;"]),
    ("It&#x2019;s over, said AT&amp;T.", ["&#x2019;", "&amp;"]),
    # traps
    ("Marks & Spencer and R&D rose; see &foo; and &#xZZ; and & amp;.", []),
])
def test_html_entity(source, expected):
    assert spans(encoding.html_entity, source) == expected


def test_html_entity_fix():
    assert apply_fixes(encoding.html_entity, "Marks &amp; Spencer&#8217;s shares") == (
        "Marks & Spencer’s shares")


def _doc(fmt: str, source: str, pieces) -> Document:
    """A document whose reader decoded entities: pieces are (text, src_start, src_end)."""
    b = SegmentBuilder("paragraph")
    for text, a, z in pieces:
        if z - a == len(text) and source[a:z] == text:
            b.add(text, a)
        else:
            b.add_atomic(text, a, z)
    doc = Document(path="t", source=source, format=fmt)
    doc.segments.append(b.build())
    return doc


def test_html_entity_decoded_by_markdown_reader_still_found():
    src = "Marks &amp; Spencer"
    doc = _doc("markdown", src, [("Marks ", 0, 6), ("&", 6, 11), (" Spencer", 11, 19)])
    assert [src[h.offset:h.end_offset] for h in encoding.html_entity(doc)] == ["&amp;"]


def test_html_entity_silent_in_html_and_code():
    src = "Marks &amp; Spencer"
    doc = _doc("html", src, [("Marks ", 0, 6), ("&", 6, 11), (" Spencer", 11, 19)])
    assert list(encoding.html_entity(doc)) == []
    src = "Use `&amp;` here"
    doc = _doc("markdown", src, [("Use ", 0, 4), ("\ufffc", 4, 11), (" here", 11, 16)])
    assert list(encoding.html_entity(doc)) == []


def test_html_entity_silent_in_raw_html_inside_markdown():
    from lint.readers.markdown import read as read_md

    src = ('Fish &amp; chips.\n\n<img alt="the string &quot;hello&quot; on the heap" src="a.png">'
           '\n\n<p>Salt &amp; vinegar.</p>\n')
    found = [src[h.offset:h.end_offset] for h in encoding.html_entity(read_md("a.md", src))]
    assert found == ["&amp;"] and src.index("&amp;") == 5


@pytest.mark.parametrize("source, expected", [
    ("The govern\u00adment an\u200bnounced the plan.", ["\u00ad", "\u200b"]),
    ("A word\u2060joiner and a mid\ufefftext mark.", ["\u2060", "\ufeff"]),
    ("Control\x07char and C1\x85char here.", ["\x07", "\x85"]),
    ("Latin joiner in\u200dside a word.", ["\u200d"]),
    # traps
    ("Family: \U0001F468\u200d\U0001F469\u200d\U0001F467 and \u2764\ufe0f.", []),
    ("Persian: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 is correct.", []),
    ("It weighs 5\u00a0kg and costs 10\u202f€.", []),
    ("\ufeffThe file starts with a byte-order mark.", []),
    ("Tabs\tare fine.", []),
])
def test_invisible_char(source, expected):
    assert spans(encoding.invisible_char, source) == expected


def test_invisible_char_fix():
    assert apply_fixes(encoding.invisible_char, "The govern\u00adment an\u200bnounced it.") == (
        "The government announced it.")


def test_invisible_char_silent_on_html_entity():
    src = "super&shy;cali"
    doc = _doc("html", src, [("super", 0, 5), ("\u00ad", 5, 10), ("cali", 10, 14)])
    assert list(encoding.invisible_char(doc)) == []


@pytest.mark.parametrize("source, expected", [
    ("The caf\ufffd opened in March.", ["\ufffd"]),
    ("He said \ufffd\ufffdno\ufffd\ufffd twice.", ["\ufffd\ufffd", "\ufffd\ufffd"]),
    ("The café opened in March.", []),
])
def test_replacement_char(source, expected):
    assert spans(encoding.replacement_char, source) == expected
