"""Work units for corpus-scale runs: tables split into batches of records, large plain-text
files split into windows at paragraph boundaries, every other file one unit.

A *unit* is what one worker (a local process or a Dask worker) lints at a time; it carries its
own text, so the main process holds only the units in flight, never a table or a corpus.

Splitting a large file must not change a finding. Records are independent documents, so a
batch boundary changes nothing. A large text file is split by rule:

- *window rules* see only a few paragraphs around a position (their docstrings bound their
  reach: a sentence, the next block, a line). Each window is linted with ``WINDOW_CONTEXT``
  paragraphs of the neighbouring windows on each side, and keeps only the findings that start
  in its own part, so a repeat or a broken line across a border is seen whole, once.
- *document rules* carry state through the whole document (R002's first copy of a sentence,
  a quotation carried over paragraphs, N001's majority spelling, G002's term counts, F002's
  headings) and the corpus rules' collect steps run on the whole text, in units of their
  own: one per rule group, so the groups and the windows keep every core busy.

``tests/test_chunking.py`` proves the split runs byte-identical to one unsplit run.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lint.finding import Finding

#: Rules whose findings depend on the whole document (see the module docstring); each group
#: runs on the whole text in one unit. Corpus rules always run there too (with the names
#: group, whose scan they share, unless they are G006).
DOCUMENT_GROUPS = (
    ("N001", "N002", "N003"),
    ("G002", "G006", "F002", "R002", "Q"),
)
#: Paragraphs of context on each side of a window.
WINDOW_CONTEXT = 4
#: A plain-text file longer than this many characters is split into windows of about this size.
CHUNK_CHARS = 1 << 18
#: A batch of records holds about this many characters of text.
BATCH_CHARS = 1 << 18

#: The end of a blank line (only spaces or tabs): a paragraph starts there.
_BLANK_LINE = r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)"
_NEWLINE = r"\r\n|\r|\n"
#: Characters that also break lines in the text reader: such files are not split.
_OTHER_BREAK = r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"


# -- units ---------------------------------------------------------------------------------------
@dataclass
class FileUnit:
    """One whole file (or stdin), linted as usual."""

    path: str
    real_path: str | None
    source: str | None = None
    fmt: str | None = None
    size: int = 0  # bytes on disk, for the progress display


@dataclass
class RecordsUnit:
    """A batch of records of a table: ``(id, index, text, source)`` each."""

    path: str
    records: list[tuple[str, int, str, str | None]]
    size: int = 0


@dataclass
class WindowUnit:
    """``text`` is ``file[start:start+len(text)]`` (a line start on line ``start_line``);
    the window reports findings that start in ``[own_start, own_end)`` (file offsets), from
    the window rules only."""

    path: str
    text: str
    start: int
    start_line: int
    own_start: int
    own_end: int
    size: int = 0


@dataclass
class DocumentUnit:
    """A large file's whole text for one group of document rules (``codes``)."""

    path: str
    text: str
    codes: tuple[str, ...]
    first: bool  # the first group also counts words and characters
    size: int = 0


@dataclass
class UnitResult:
    """What a unit sends back: the documents' results (see :mod:`lint.runner`'s FileResult)
    with the findings already made; ``record``/``index`` say which record each one is."""

    results: list = field(default_factory=list)  # list[FileResult]
    records: list[tuple[str, int] | None] = field(default_factory=list)
    size: int = 0


# -- splitting -----------------------------------------------------------------------------------
def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph starts after a blank line (and 0)."""
    return [0, *(m.end() for m in re.finditer(_BLANK_LINE, text))]


def split_windows(path: str, text: str, chunk_chars: int = CHUNK_CHARS,
                  context: int = WINDOW_CONTEXT) -> list[WindowUnit]:
    """Windows of about ``chunk_chars`` characters at paragraph starts, each with ``context``
    paragraphs of its neighbours on each side; one window when the text has no blank lines
    or has line breaks the split cannot see."""
    starts = paragraph_starts(text) if not re.search(_OTHER_BREAK, text) else [0]
    cuts = [0]
    for k, p in enumerate(starts):
        if p - cuts[-1] >= chunk_chars and k > 0:
            cuts.append(p)
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ka = bisect.bisect_left(starts, a)
        kb = bisect.bisect_left(starts, b)
        wa = starts[max(0, ka - context)]
        wb = starts[kb + context] if kb + context < len(starts) else len(text)
        out.append(WindowUnit(path, text[wa:wb], wa, 0, a, b))
    _count_lines(out, text)
    return out


def _count_lines(windows: list[WindowUnit], text: str) -> None:
    """The line number of each window's start, counted once over the text (window starts
    never go backwards)."""
    newline = re.compile(_NEWLINE)
    pos, line = 0, 1
    for w in windows:
        line += len(newline.findall(text, pos, w.start))
        pos = w.start
        w.start_line = line


def large_file_units(path: str, text: str, groups, chunk_chars: int = CHUNK_CHARS):
    """Units for one large plain-text file: its document-rule groups, then its windows."""
    windows = split_windows(path, text, chunk_chars)
    size = len(text)
    units: list = [DocumentUnit(path, text, codes, i == 0, 0) for i, codes in enumerate(groups)]
    units[0].size = size // 2 if windows else size
    for w in windows:
        w.size = (size - units[0].size) * (w.own_end - w.own_start) // max(size, 1)
    return units + windows


def document_groups(plan) -> list[tuple[str, ...]]:
    """The selected codes of each document group (corpus rules join a group), and the codes of
    the window rules last; empty groups dropped."""
    rules = plan.selection.rules()
    groups: list[list[str]] = [[] for _ in DOCUMENT_GROUPS]
    window: list[str] = []
    for r in rules:
        for i, prefixes in enumerate(DOCUMENT_GROUPS):
            if any(r.code.startswith(p) for p in prefixes):
                groups[i].append(r.code)
                break
        else:
            if r.is_corpus:
                groups[0].append(r.code)
            else:
                window.append(r.code)
    return [tuple(g) for g in groups if g], tuple(window)


# -- the worker side -----------------------------------------------------------------------------
def _restricted(plan, codes):
    """``plan`` running only ``codes`` (a copy; per-file ignores still apply)."""
    from dataclasses import replace

    return replace(plan, selection=_OnlySelection(plan.selection, frozenset(codes)))


class _OnlySelection:
    """A selection narrowed to some codes (what a unit of a split file runs)."""

    def __init__(self, base, codes: frozenset[str]):
        self.base, self.codes = base, codes

    def allows(self, code: str, default: bool = True) -> bool:
        return code in self.codes and self.base.allows(code, default)

    def rules(self):
        return [r for r in self.base.rules() if r.code in self.codes]

    def without(self, extra_ignore):
        return _OnlySelection(self.base.without(extra_ignore), self.codes)


def lint_unit(unit, plan) -> UnitResult:
    """Lint one unit (in a worker process or on a Dask worker)."""
    from lint.readers import read_document
    from lint.runner import Job, _init_worker, lint_document, lint_job

    out = UnitResult(size=unit.size)
    if isinstance(unit, FileUnit):
        _init_worker(plan)
        res = lint_job(Job(unit.path, unit.real_path, unit.source, unit.fmt))
        out.results.append(res)
        out.records.append(None)
    elif isinstance(unit, RecordsUnit):
        for rid, index, text, source in unit.records:
            doc = read_document(unit.path, text, "text")
            if source is not None:
                attach_source(doc, source, unit.path, rid)
            res = lint_document(doc, plan)
            for f in res.findings:
                f.record, f.record_index = rid, index
            out.results.append(res)
            out.records.append((rid, index))
    elif isinstance(unit, WindowUnit):
        _, window_codes = document_groups(plan)
        doc = read_document(unit.path, unit.text, "text")
        res = lint_document(doc, _restricted(plan, window_codes))
        kept = []
        for f in res.findings:
            offset = f.offset + unit.start
            if unit.own_start <= offset < unit.own_end:
                kept.append(_shifted(f, unit.start, unit.start_line - 1))
        res.findings, res.words, res.chars, res.corpus = kept, 0, 0, {}
        res.lines = {n + unit.start_line - 1: t for n, t in res.lines.items()}
        res.line_starts = None
        out.results.append(res)
        out.records.append(None)
    elif isinstance(unit, DocumentUnit):
        doc = read_document(unit.path, unit.text, "text")
        res = lint_document(doc, _restricted(plan, unit.codes))
        if not unit.first:
            res.words = res.chars = 0
        out.results.append(res)
        out.records.append(None)
    else:  # pragma: no cover - a programming error
        raise TypeError(f"unknown unit {type(unit).__name__}")
    return out


def attach_source(doc, source: str, path: str = "source", record: str | None = None) -> None:
    """Give a record's document its source text, for the translation-QA rules: with
    :mod:`lint.translation` present, as the one-segment pair they read from
    ``doc.translation``; without it, kept in the document's memo (nothing reads it).
    Messages then name the source as the record's source text in the table ``path``."""
    try:
        from lint.translation.bitext import segment_bitext
    except ImportError:
        doc._memo["translation.source"] = source
        return
    label = f"source text of record {record}" if record is not None else None
    doc.translation = segment_bitext(source, doc.source, source_path=path, source_label=label)


def _shifted(f: Finding, offset: int, lines: int) -> Finding:
    from lint.finding import Fix

    f.offset += offset
    f.end_offset += offset
    f.line += lines
    f.end_line += lines
    if f.fix is not None:
        f.fix = Fix(f.fix.offset + offset, f.fix.end_offset + offset, f.fix.replacement)
    return f
