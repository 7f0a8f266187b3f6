"""Is a fix local? The document re-read after the fix must have the same prose segments
outside the fixed span: the same kinds, the same texts, at the same places (shifted by what
the fix added or removed). A fix that would turn a paragraph into a heading, open a code
block, break a list or a table, or change any text it does not cover fails this check and is
never applied (``--fix``) — whatever the rule that offered it claims.
"""

from __future__ import annotations


def _signature(seg, fmt: str) -> tuple:
    return (_kind(seg, fmt), seg.text, tuple(sorted((k, repr(v)) for k, v in seg.meta.items())))


def _kind(seg, fmt: str) -> str:
    """Plain text has no markup: its reader calls a short lone line a heading by guesswork,
    which a fix that removes the line's twin may change; only markup kinds must hold."""
    return "paragraph" if fmt == "text" and seg.kind == "heading" else seg.kind


def apply_one(source: str, fix) -> str:
    return source[:fix.offset] + fix.replacement + source[fix.end_offset:]


def fix_is_local(doc, fix) -> bool:
    """True when applying ``fix`` to ``doc`` leaves every segment outside its span as it
    was (see the module docstring), and the segments it touches keep their kinds."""
    from lint.readers import read_document

    source = doc.source
    a, b = fix.offset, fix.end_offset
    if not (0 <= a <= b <= len(source)):
        return False
    new_source = apply_one(source, fix)
    new_doc = read_document(doc.path, new_source, doc.format)
    delta = len(fix.replacement) - (b - a)
    before, after, touched = [], [], []
    for seg in doc.segments:
        start, end = seg.start, seg.end
        if end <= a and end < b or end == start == a == b:
            before.append((start, end, _signature(seg, doc.format)))
        elif start >= b and start > a:
            after.append((start + delta, end + delta, _signature(seg, doc.format)))
        elif not (a <= start and end <= b):  # a segment the fix deletes whole is not kept
            touched.append(seg)
    new = [(seg.start, seg.end, _signature(seg, doc.format)) for seg in new_doc.segments]
    if len(new) < len(before) + len(after):
        return False
    middle = new[len(before):len(new) - len(after)]
    if not (new[:len(before)] == before and new[len(new) - len(after):] == after
            and [sig[0] for _, _, sig in middle] == [_kind(seg, doc.format) for seg in touched]):
        return False
    if len(touched) == 1:  # the usual case: an edit inside one segment's prose
        seg = touched[0]
        if not fix.replacement and not source[a:seg.start].strip() \
                and not source[seg.end:b].strip():
            a, b = max(a, seg.start), min(b, seg.end)  # a deletion reaching over blank lines
        expected = _edited_text(seg, a, b, fix.replacement, source)
        return expected is not None and _words(expected) == _words(middle[0][2][1])
    return True


def _words(text: str) -> str:
    return " ".join(text.split())


def _edited_text(seg, a: int, b: int, replacement: str, source: str) -> str | None:
    """The segment's text with the file span [a, b) replaced, when the span's ends are
    positions of its text, or only blanks (an indent) away from one; else None: the fix
    reaches into markup."""
    text = seg.text
    i = next((k for k in range(len(text) + 1) if seg.source_offset(k) >= a), None)
    if i is None or source[a:seg.source_offset(i)].strip():
        return None
    j = next((k for k in range(len(text), i - 1, -1) if seg.source_end(k) <= b), None)
    if j is None or source[seg.source_end(j):b].strip():
        return None
    return text[:i] + replacement + text[j:]
