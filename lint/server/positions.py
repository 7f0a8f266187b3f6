"""Offsets into a document's text <-> LSP positions (line, character in code units).

mtlint counts characters (code points); the protocol counts UTF-16 code units unless client
and server agreed on UTF-8 or UTF-32 at initialisation. A line ends at LF, CRLF or a lone CR,
as both the protocol and :class:`lint.document.Document` say (``str.splitlines`` would also
break at form feeds and U+2028, which editors do not).
"""

from __future__ import annotations

import bisect
import re

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding`` (utf-16, utf-8 or utf-32)."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Line starts of one text, for converting in both directions."""

    __slots__ = ("text", "starts", "encoding")

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]

    def _line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            while end > self.starts[line] and self.text[end - 1] in "\r\n":
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line]:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """Character offset of a position; past the end of a line means its end (the
        protocol's rule), past the last line means the end of the text."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if self.encoding == "utf-32" or self.text[start:end].isascii():
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            if count >= character:
                return i
            count += units(self.text[i], self.encoding)
        return end


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new_text: str,
                 encoding: str = "utf-16") -> str:
    """``text`` with the range ``start``..``end`` (LSP positions) replaced (incremental sync)."""
    index = LineIndex(text, encoding)
    a, b = index.offset(*start), index.offset(*end)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]
