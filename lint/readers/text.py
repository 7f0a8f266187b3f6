"""Plain text: paragraphs are blocks separated by blank lines.

A one-line block without closing punctuation is a heading (news articles start with a
headline), and so is a line underlined (or over- and underlined) with a run of one punctuation
character, as plain-text and reStructuredText documents write titles (``Known Issues`` over
``------------``); the underline itself is no prose. Bare URLs and e-mail addresses become
placeholders (and the document's code, for its identifier vocabulary); CRLF line ends appear
as ``\\n``. Suppression comments
(``<!-- mtlint-disable-line G001 -->``, as in Markdown and HTML) are directives, not prose.
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
#: A title's underline or overline: three or more of one punctuation character.
_UNDERLINE_RE = patterns.compile(r"[ \t]*([=\-~^*#+_`:.'\"])\1{2,}[ \t]*")


def add_prose(builder: SegmentBuilder, text: str, src_start: int,
              code: list[str] | None = None) -> None:
    """Add verbatim prose, masking URLs and e-mail addresses with a placeholder (and adding
    them to ``code``, the document's identifier vocabulary, when given)."""
    if "://" not in text and "@" not in text and "www." not in text:
        builder.add(text, src_start)
        return
    pos = 0
    for m in URL_RE.finditer(text):
        if code is not None:
            code.append(m.group())
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


def _underlined_title(block: list) -> tuple | None:
    """The title line of a block that is a title with its underline (and overline), or None."""
    rules = [_UNDERLINE_RE.fullmatch(body) is not None for body, _, _ in block]
    if len(block) == 2 and rules == [False, True]:
        return block[0]
    if len(block) == 3 and rules == [True, False, True]:
        return block[1]
    return None


def read(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="text")
    if "mtlint-" in source:
        from lint.suppress import mask_text_directives

        source, doc.directives = mask_text_directives(source)
    for block in _blocks(source):
        title = _underlined_title(block) if 1 < len(block) < 4 else None
        if title is not None:
            block = [title]
        single = len(block) == 1
        line = block[0][0].strip()
        heading = title is not None or (
            single and not line.endswith(_END_PUNCT) and len(line.split()) <= 20)
        if single:
            body = block[0][0]
            if "://" not in body and "@" not in body and "www." not in body:
                seg = _plain_line("heading" if heading else "paragraph", body, block[0][1])
                if seg is not None:
                    doc.segments.append(seg)
                continue
        builder = SegmentBuilder("heading" if heading else "paragraph")
        for n, (body, start, nl) in enumerate(block):
            add_prose(builder, body, start, doc.code)
            if n < len(block) - 1:
                builder.add_atomic("\n", start + len(body), start + len(body) + nl)
        seg = builder.build()
        if seg is not None:
            doc.segments.append(seg)
    return doc
