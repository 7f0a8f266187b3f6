"""Plain text: paragraphs are blocks separated by blank lines.

A one-line block without closing punctuation is a heading (news articles start with a
headline). Bare URLs and e-mail addresses become placeholders; CRLF line ends appear as ``\\n``.
"""

from __future__ import annotations

from lint import patterns
from lint.document import PLACEHOLDER, Document, Run, Segment, SegmentBuilder

URL_RE = patterns.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"""
)
_LINE_RE = patterns.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: Line breaks of ``str.splitlines`` that are not line breaks here.
_OTHER_BREAK_RE = patterns.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_END_PUNCT = tuple(".!?:;\"”’')…")


def add_prose(builder: SegmentBuilder, text: str, src_start: int) -> None:
    """Add verbatim prose, masking URLs and e-mail addresses with a placeholder."""
    if "://" not in text and "@" not in text and "www." not in text:
        builder.add(text, src_start)
        return
    pos = 0
    for m in URL_RE.finditer(text):
        builder.add(text[pos:m.start()], src_start + pos)
        builder.add_atomic(PLACEHOLDER, src_start + m.start(), src_start + m.end())
        pos = m.end()
    builder.add(text[pos:], src_start + pos)


def _lines(source: str):
    """(line with its line break, start offset); lines end at LF, CRLF or a lone CR."""
    if _OTHER_BREAK_RE.search(source):  # str.splitlines would also break there
        for m in _LINE_RE.finditer(source):
            raw = m.group()
            if not raw and m.start() == len(source):
                break
            yield raw, m.start()
        return
    pos = 0
    for raw in source.splitlines(True):
        yield raw, pos
        pos += len(raw)


def _blocks(source: str):
    """Yield lists of (line_text, line_start, newline_len) for each blank-line-separated block."""
    block = []
    for raw, start in _lines(source):
        body = raw.rstrip("\r\n")
        if body.strip():
            block.append((body, start, len(raw) - len(body)))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _plain_line(kind: str, body: str, start: int) -> Segment | None:
    """What :class:`SegmentBuilder` builds for a one-line block without a URL or e-mail
    address (most paragraphs), without its general bookkeeping."""
    text = body.strip()
    if not text or (PLACEHOLDER in text and not text.replace(PLACEHOLDER, "").strip()):
        return None
    lead = len(body) - len(body.lstrip())
    return Segment(kind, text, [Run(0, len(text), start + lead, len(text))])


def read(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="text")
    for block in _blocks(source):
        single = len(block) == 1
        line = block[0][0].strip()
        heading = single and not line.endswith(_END_PUNCT) and len(line.split()) <= 20
        if single:
            body = block[0][0]
            if "://" not in body and "@" not in body and "www." not in body:
                seg = _plain_line("heading" if heading else "paragraph", body, block[0][1])
                if seg is not None:
                    doc.segments.append(seg)
                continue
        builder = SegmentBuilder("heading" if heading else "paragraph")
        for n, (body, start, nl) in enumerate(block):
            add_prose(builder, body, start)
            if n < len(block) - 1:
                builder.add_atomic("\n", start + len(body), start + len(body) + nl)
        seg = builder.build()
        if seg is not None:
            doc.segments.append(seg)
    return doc
