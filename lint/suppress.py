"""Inline suppression: ``<!-- mtlint-disable ... -->`` comments found by the readers (in plain
text too, where the same comment is recognised and is not prose).

Supported directives (Markdown and HTML comments; never inside code):

- ``mtlint-disable CODE[,CODE]`` … ``mtlint-enable [CODE]``: a region (to the end of the file
  when never enabled again); no codes means every code.
- ``mtlint-disable-next-line CODE``: the line after the comment.
- ``mtlint-disable-line CODE``: the comment's own line (a comment at the end of a line, as
  ``--add-suppression`` writes them).
- ``mtlint-disable-file [CODE]``: the whole file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lint.document import Directive, Document

#: A suppression comment in plain text: the Markdown/HTML comment syntax.
_TEXT_DIRECTIVE_RE = r"<!--(\s*mtlint-[a-z-]+[^\n]*?)-->"


def mask_text_directives(source: str) -> tuple[str, list[Directive]]:
    """The directives of a plain-text file, and its text with each directive comment blanked out
    with spaces, so offsets stay those of the file."""
    from lint import patterns
    from lint.readers.html import parse_directive

    directives, pieces, pos = [], [], 0
    for m in patterns.compile(_TEXT_DIRECTIVE_RE).finditer(source):
        found = parse_directive(m.group(1))
        if found is None:
            continue
        directives.append(Directive(found[0], found[1], m.start(), m.end()))
        pieces.append(source[pos:m.start()])
        pieces.append(" " * (m.end() - m.start()))
        pos = m.end()
    pieces.append(source[pos:])
    return "".join(pieces), directives


def _matches(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code == c or code.startswith(c) for c in codes)


@dataclass
class Suppressions:
    """The regions a document's directives cover; remembers which ones were used."""

    directives: list[Directive]
    regions: list[tuple[int, int, tuple[str, ...], int]]  # (start, end, codes, directive index)
    used: set[int] = field(default_factory=set)

    @classmethod
    def from_document(cls, doc: Document) -> Suppressions:
        regions = []
        open_: list[tuple[int, Directive]] = []
        end_of_file = len(doc.source) + 1
        for idx, d in enumerate(doc.directives):
            if d.kind == "disable-file":
                regions.append((0, end_of_file, d.codes, idx))
            elif d.kind == "disable":
                open_.append((idx, d))
            elif d.kind == "enable":
                still = []
                for j, od in open_:
                    if not d.codes or (od.codes and set(od.codes) <= set(d.codes)):
                        regions.append((od.end_offset, d.offset, od.codes, j))
                    else:
                        still.append((j, od))
                open_ = still
            elif d.kind == "disable-next-line":
                line, _ = doc.position(d.end_offset)
                starts = doc.line_starts
                a = starts[line] if line < len(starts) else len(doc.source)
                b = starts[line + 1] if line + 1 < len(starts) else end_of_file
                regions.append((a, b, d.codes, idx))
            elif d.kind == "disable-line":
                line, _ = doc.position(d.offset)
                starts = doc.line_starts
                b = starts[line] if line < len(starts) else end_of_file
                regions.append((starts[line - 1], b, d.codes, idx))
        for j, od in open_:
            regions.append((od.end_offset, end_of_file, od.codes, j))
        regions.sort()
        return cls(list(doc.directives), regions)

    def suppresses(self, code: str, offset: int) -> bool:
        """True when a directive covers ``code`` at ``offset`` (marks the directive used)."""
        hit = False
        upto = bisect.bisect_right(self.regions, (offset, float("inf")))
        for start, end, codes, idx in self.regions[:upto]:
            if start <= offset < end and _matches(codes, code):
                self.used.add(idx)
                hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for i, d in enumerate(self.directives)
                if d.kind != "enable" and i not in self.used]
