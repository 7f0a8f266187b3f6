"""A translation next to its source: the aligned block pairs the T rules read.

A :class:`Bitext` is built once per target document (``doc.memo``) from the source text the
engine attached to it (:class:`~lint.translation.pairs.PairSpec`), or directly from a
(source, target) pair of strings (:func:`segment_bitext`, for bilingual files and tables).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lint.finding import Hit
from lint.translation.align import Pair, align, script_of
from lint.translation.blocks import Block, blocks_of


@dataclass
class Bitext:
    source_path: str
    source: str  # the source file's text (or segment)
    target: str  # the target file's text (or segment)
    pairs: list[Pair]
    source_blocks: list[Block]
    target_blocks: list[Block]
    src_script: str = "cjk"
    source_language: str = ""
    localised_links: bool = True
    glossary: list[tuple[str, str]] = field(default_factory=list)
    segment_mode: bool = False  # one given pair of segments, not a file
    target_map: Callable[[int], int] | None = None  # target index -> file offset
    source_map: Callable[[int], int] | None = None  # source index -> file offset
    file_text: str | None = None  # a bilingual file: where both sides' positions are
    source_label: str | None = None  # how messages name the source, when not its path
    memo: dict = field(default_factory=dict)  # what several rules compute once per bitext
    _line_starts: list[int] | None = None

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset, in the source file (or, for a bilingual
        file, in that file)."""
        text = self.source
        if self.source_map is not None and self.file_text is not None:
            offset, text = self.source_map(offset), self.file_text
        if self._line_starts is None:
            starts = [0]
            pos = text.find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._line_starts = starts
        k = bisect.bisect_right(self._line_starts, offset) - 1
        return k + 1, offset - self._line_starts[k] + 1

    def where(self, source_offset: int) -> str:
        line, _ = self.source_position(source_offset)
        return f"{self.source_path}:{line}"


#: What a check yields: target span (offsets into ``Bitext.target``), message, and the
#: offset in the source it corresponds to (for the related location).
Issue = tuple[int, int, str, int]


def file_bitext(source_path: str, source: str, target: str, fmt: str, *,
                source_language: str = "", localised_links: bool = True,
                glossary=(), target_tokens=None) -> Bitext:
    src_blocks = blocks_of(source, fmt)
    tgt_blocks = blocks_of(target, fmt, target_tokens)
    script = _script_for(source_language, source)
    pairs = align(src_blocks, tgt_blocks, src_script=script)
    return Bitext(source_path, source, target, pairs, src_blocks, tgt_blocks, script,
                  source_language, localised_links, list(glossary))


_CJK_LANGS = ("zh", "ja", "ko", "cn")


def _script_for(language: str, text: str) -> str:
    if language:
        return "cjk" if language.lower().split("-")[0] in _CJK_LANGS else "latin"
    return script_of(text[:20000])


def segment_bitext(source: str, target: str, *, source_path: str = "source",
                   source_language: str = "", localised_links: bool = True,
                   glossary=(), source_label: str | None = None) -> Bitext:
    s = Block("segment", 0, len(source), source, 1, {})
    t = Block("segment", 0, len(target), target, 1, {})
    return Bitext(source_path, source, target, [Pair(s, t, "given")], [s], [t],
                  _script_for(source_language, source), source_language, localised_links,
                  list(glossary), segment_mode=True, source_label=source_label)


def bitext_of(doc) -> Bitext | None:
    """The aligned source of ``doc``, or None when it is not a translation."""
    spec = doc.translation
    if spec is None:
        return None
    if isinstance(spec, Bitext):
        return spec
    return doc.memo("translation.bitext", lambda d: file_bitext(
        spec.source_shown, spec.source_text, d.source, d.format,
        source_language=spec.source_language, localised_links=spec.localised_links,
        glossary=spec.glossary, target_tokens=d._memo.get("markdown.tokens")))


def to_hits(bt: Bitext, issues: Iterable[Issue]) -> list[Hit]:
    """Hits at the target with the source location in the message and as related location."""
    out = []
    for start, end, message, src_offset in issues:
        line, col = bt.source_position(src_offset)
        if bt.target_map is not None:
            start, end = bt.target_map(start), bt.target_map(end) if end > start else \
                bt.target_map(start)
        where = f"{bt.source_label}, line {line}" if bt.source_label else \
            f"{bt.source_path}:{line}"
        hit = Hit(start, end, f"{message} (source: {where})")
        file_offset = bt.source_map(src_offset) if bt.source_map is not None else src_offset
        hit.related = [{"path": bt.source_path, "line": line, "column": col,
                        "offset": file_offset, "message": bt.source_label or "source"}]
        out.append(hit)
    return out
