"""The document model: a file's decoded text, its prose segments, and position arithmetic.

Readers build a :class:`Document`; rules only ever read one. A :class:`Segment` is a run of
prose (a paragraph, heading, list item, table cell, alt text...) whose text is what rules see
and whose *runs* map every character of that text back to the original file. Markup that is not
prose is either dropped (URLs, tags, container prefixes) or replaced by :data:`PLACEHOLDER`
(inline code, bare URLs), so rules never see it but word boundaries survive.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from lint import patterns

_NEWLINE_RE = patterns.compile(r"\r\n|\r|\n")

#: Stands in for a piece of non-prose inside prose (inline code, a URL, an inline image).
PLACEHOLDER = "\ufffc"

#: A word: letters, marks, digits and inner apostrophes/hyphens (``don't``, ``long-term``).
#: Possessive runs between the joiners, not an alternation per character (~1.8x faster).
WORD_RE = patterns.compile(
    r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*+(?:['’\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+)*+")


@dataclass(frozen=True, slots=True)
class Run:
    """``text[text_start:text_start+text_len]`` comes from ``source[src_start:src_start+src_len]``.

    A run with equal lengths maps character by character; otherwise it is atomic (an entity
    decoded to one character, a placeholder for a code span, a CRLF shown as ``\\n``).
    """

    text_start: int
    text_len: int
    src_start: int
    src_len: int


class Token(NamedTuple):
    text: str
    start: int  # offsets into the segment text
    end: int


class Segment:
    """One run of prose with the map from its text to the file's offsets."""

    __slots__ = ("kind", "text", "runs", "_run_starts", "meta", "__dict__")

    def __init__(self, kind: str, text: str, runs: list[Run], meta: dict | None = None):
        self.kind = kind
        self.text = text
        self.runs = runs
        self._run_starts = [r.text_start for r in runs]
        self.meta = meta or {}

    def __repr__(self) -> str:
        return f"Segment({self.kind!r}, {self.text[:40]!r}…)"

    # -- positions -------------------------------------------------------------------------
    def _run_at(self, i: int) -> Run:
        k = bisect.bisect_right(self._run_starts, i) - 1
        return self.runs[max(k, 0)]

    def source_offset(self, i: int) -> int:
        """File offset of the character at text index ``i`` (start of a span)."""
        if i >= len(self.text):
            return self.source_end(len(self.text))
        run = self._run_at(i)
        if run.text_len == run.src_len:
            return run.src_start + (i - run.text_start)
        return run.src_start

    def source_end(self, j: int) -> int:
        """File offset just after text index ``j - 1`` (exclusive end of a span)."""
        if j <= 0:
            return self.runs[0].src_start if self.runs else 0
        run = self._run_at(j - 1)
        if run.text_len == run.src_len:
            return run.src_start + (j - run.text_start)
        return run.src_start + run.src_len

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        return self.source_offset(i), self.source_end(j)

    @property
    def start(self) -> int:
        return self.source_offset(0)

    @property
    def end(self) -> int:
        return self.source_end(len(self.text))

    # -- structure on demand ---------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (start, end) in the segment text, whitespace trimmed."""
        from lint.sentences import split_sentences

        return split_sentences(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        new = tuple.__new__  # a NamedTuple's own __new__ is a Python call per token
        return [new(Token, (m.group(), m.start(), m.end())) for m in WORD_RE.finditer(self.text)]

    def lines(self) -> list[tuple[int, int]]:
        """Spans of the text's lines (a plain-text paragraph may hold several)."""
        spans, pos = [], 0
        for line in self.text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans


class SegmentBuilder:
    """Accumulates text pieces with their source positions into a :class:`Segment`."""

    def __init__(self, kind: str, meta: dict | None = None):
        self.kind = kind
        self.meta = meta or {}
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def add(self, text: str, src_start: int) -> None:
        """Text copied verbatim from the file at ``src_start``."""
        if text:
            self._push(text, Run(self.length, len(text), src_start, len(text)))

    def add_atomic(self, text: str, src_start: int, src_end: int) -> None:
        """Text standing for ``source[src_start:src_end]`` as a whole (entity, placeholder)."""
        if text:
            self._push(text, Run(self.length, len(text), src_start, src_end - src_start))

    def _push(self, text: str, run: Run) -> None:
        last = self.runs[-1] if self.runs else None
        if (
            last is not None
            and last.text_len == last.src_len
            and run.text_len == run.src_len
            and last.src_start + last.src_len == run.src_start
        ):
            self.runs[-1] = Run(last.text_start, last.text_len + run.text_len, last.src_start,
                                last.src_len + run.src_len)
        else:
            self.runs.append(run)
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> Segment | None:
        """The segment, or None when it holds no prose (only space and placeholders)."""
        text = "".join(self.parts)
        if not text.replace(PLACEHOLDER, "").strip():
            return None
        # Trim surrounding whitespace so segment spans start and end on prose.
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if lead or trail < len(text):
            return _slice_segment(self.kind, text, self.runs, lead, trail, self.meta)
        return Segment(self.kind, text, self.runs, self.meta)


def _slice_segment(kind, text, runs, lo, hi, meta) -> Segment:
    new_runs = []
    for r in runs:
        a, b = max(r.text_start, lo), min(r.text_start + r.text_len, hi)
        if a >= b:
            continue
        if r.text_len == r.src_len:
            new_runs.append(Run(a - lo, b - a, r.src_start + (a - r.text_start), b - a))
        else:
            new_runs.append(Run(a - lo, b - a, r.src_start, r.src_len))
    return Segment(kind, text[lo:hi], new_runs, meta)


@dataclass(slots=True)
class Directive:
    """An inline suppression comment found by a reader."""

    kind: str  # "disable" | "enable" | "disable-next-line" | "disable-file"
    codes: tuple[str, ...]  # empty means every code
    offset: int
    end_offset: int


class JoinedText:
    """A document's segment texts joined by line breaks, for whole-document prefilters: one
    C-level scan per document instead of one call per segment, then the exact per-segment logic
    only where the prefilter says a finding is possible."""

    __slots__ = ("text", "starts")

    def __init__(self, segments: list[Segment]):
        starts, pos = [], 0
        for seg in segments:
            starts.append(pos)
            pos += len(seg.text) + 1
        self.starts = starts
        self.text = "\n".join(seg.text for seg in segments)

    def segment_at(self, i: int) -> int:
        """Index of the segment holding joined-text index ``i``."""
        return bisect.bisect_right(self.starts, i) - 1


@dataclass
class Document:
    """A decoded file and the prose a reader found in it."""

    path: str
    source: str
    format: str  # "text" | "markdown" | "html"
    segments: list[Segment] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    #: What the run writes as code here (inline code, code blocks, link targets): the
    #: identifier vocabulary (:mod:`lint.identifiers`) is built from it.
    code: list[str] = field(default_factory=list)
    #: Segments read as prose or dropped, and markup masked, by kind (for the bench).
    stats: dict[str, int] = field(default_factory=dict)
    translation: object = None  # its source, when it is a translation (lint.translation)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, build):
        """``build(self)``, computed once per document and shared by the rules that ask for
        ``key`` (a family's analysis used by several of its rules)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build(self)
            return value

    @cached_property
    def joined(self) -> JoinedText:
        return JoinedText(self.segments)

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where lines start; a line ends at LF, CRLF or a lone CR."""
        return [0, *(m.end() for m in _NEWLINE_RE.finditer(self.source))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a file offset; columns count characters."""
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return k + 1, offset - self.line_starts[k] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        a = starts[line - 1]
        b = starts[line] if line < len(starts) else len(self.source)
        return self.source[a:b].rstrip("\r\n")

    @cached_property
    def word_count(self) -> int:
        """Whitespace-separated words of prose (what "per 10,000 words" counts)."""
        return sum(len(s.text.split()) for s in self.segments)
