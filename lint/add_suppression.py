"""``mtlint check --add-suppression``: end each flagged line with a suppression comment.

Like ruff's ``--add-noqa``: every line where a finding starts gets
``<!-- mtlint-disable-line CODE[,CODE] -->`` at its end (Markdown, HTML and plain text read
the same comment), so a repository adopts mtlint with its current findings marked in place and
later findings reported. The comment goes before a Markdown hard line break (trailing ``\\``
or two spaces), and an existing ``mtlint-disable-line`` comment on the line gets the new codes.
Each rewritten file is read again before it is written: if the new comments would not
suppress exactly those findings (a line that ends inside an HTML tag, a ``<pre>`` or a
comment), the file is left alone and reported.
"""

from __future__ import annotations

import bisect

from lint import patterns

_EXISTING_RE = r"<!--\s*mtlint-disable-line\b([^>]*?)\s*-->"
_HARD_BREAK_RE = r"(?:\\|[ \t]{2,})$"


def _line_bounds(source: str) -> list[int]:
    from lint.document import _NEWLINE_RE

    return [0, *(m.end() for m in _NEWLINE_RE.finditer(source))]


def _line_end(source: str, starts: list[int], k: int) -> int:
    """Offset where line ``k`` (0-based) ends, before its line break."""
    end = starts[k + 1] if k + 1 < len(starts) else len(source)
    while end > starts[k] and source[end - 1] in "\r\n":
        end -= 1
    return end


def rewrite(source: str, codes_by_line: dict[int, set[str]]) -> tuple[str, list[int]]:
    """``source`` with the comments added; and for each edit, (offset, inserted length) so
    offsets after it can be mapped. ``codes_by_line`` maps 0-based lines to codes."""
    starts = _line_bounds(source)
    out, pos, shifts = [], 0, []
    for k in sorted(codes_by_line):
        a, end = starts[k], _line_end(source, starts, k)
        line = source[a:end]
        codes = set(codes_by_line[k])
        existing = patterns.compile(_EXISTING_RE).search(line)
        if existing:
            old = existing.group(1).replace(",", " ").split()
            merged = ",".join(sorted(set(old) | codes))
            at_a, at_b = a + existing.start(), a + existing.end()
            new = f"<!-- mtlint-disable-line {merged} -->"
        else:
            brk = patterns.compile(_HARD_BREAK_RE).search(line)
            cut = a + (brk.start() if brk else len(line.rstrip(" \t")))
            at_a = at_b = cut
            new = f" <!-- mtlint-disable-line {','.join(sorted(codes))} -->"
            if brk and source[cut - 1:cut] in (" ", "\t"):
                new = new.lstrip()
        out.append(source[pos:at_a])
        out.append(new)
        shifts.append((at_a, at_b, len(new) - (at_b - at_a)))
        pos = at_b
    out.append(source[pos:])
    return "".join(out), shifts


def _shifted(offset: int, shifts) -> int:
    return offset + sum(delta for a, _b, delta in shifts if a <= offset)


def add_suppressions(findings, sources, fmt_for) -> tuple[int, list[str]]:
    """Write the comments into the findings' files; (number of comments, error messages)."""
    from lint.document import Document
    from lint.fix import write_atomically
    from lint.readers import read_document
    from lint.runner import UNUSED_SUPPRESSION
    from lint.suppress import Suppressions

    by_path: dict[str, list] = {}
    for f in findings:
        if f.code != UNUSED_SUPPRESSION and sources.real_path(f.path):
            by_path.setdefault(f.path, []).append(f)
    written, errors = 0, []
    for path, group in sorted(by_path.items()):
        source = sources.get(path)
        if source is None:
            errors.append(f"{path}: cannot add suppressions: file unreadable")
            continue
        starts = _line_bounds(source)
        codes_by_line: dict[int, set[str]] = {}
        for f in group:
            k = bisect.bisect_right(starts, f.offset) - 1
            codes_by_line.setdefault(k, set()).add(f.code)
        new_text, shifts = rewrite(source, codes_by_line)
        fmt = fmt_for(path)
        before: Document = read_document(path, source, fmt)
        after: Document = read_document(path, new_text, fmt)
        sup = Suppressions.from_document(after)
        ok = all(sup.suppresses(f.code, _shifted(f.offset, shifts)) for f in group)
        ok = ok and _prose(before) == _prose(after)
        if not ok:
            errors.append(f"{path}: cannot add suppressions safely (a flagged line ends "
                          f"inside markup); add them by hand")
            continue
        with open(sources.real_path(path), "rb") as fh:
            had_bom = fh.read(3) == b"\xef\xbb\xbf"
        try:
            write_atomically(sources.real_path(path), new_text, had_bom=had_bom)
        except OSError as exc:
            errors.append(f"{path}: cannot add suppressions: {exc}")
            continue
        written += len(codes_by_line)
    return written, errors


def _prose(doc) -> list[str]:
    return [" ".join(seg.text.split()) for seg in doc.segments]
