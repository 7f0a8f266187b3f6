"""Translations much shorter or longer than their source (T050), and sources without a
translation (T051)."""

from __future__ import annotations

from collections.abc import Iterator

from lint.registry import rule
from lint.translation.align import prose_length
from lint.translation.bitext import Bitext, Issue
from lint.translation.sentalign import (
    ADD_MARGIN,
    DEFAULT_RATIO,
    MARGIN,
    MIN_TARGET,
    sentences,
    unmatched,
)
from lint.translation.sentalign import MIN_SOURCE as SENT_MIN_SOURCE
from rules.translation._base import PROSE_KINDS, run, unit_rule

#: Bounds on target/source prose characters (spaces and markup excluded) per source script,
#: for English targets: below LOW a block lost content, above HIGH it gained some. Chinese:
#: the 0.5th and 99.5th percentiles of the MQM tuning segments (median 3.37). Latin-script
#: sources: not calibrated on data here (no such pairs); wide guesses.
RATIO_BOUNDS = {"cjk": (1.66, 5.17), "latin": (0.45, 2.2)}
#: In a file of at least MIN_PAIRS aligned prose blocks the bounds follow the file's own
#: median ratio (documentation with many Latin-script terms in its Chinese runs near 2.2,
#: news near 3.4): the same 0.5th/99.5th percentiles relative to the median.
RELATIVE_BOUNDS = (1.66 / 3.37, 5.17 / 3.37)
MIN_PAIRS = 8
#: Source blocks shorter than this (prose characters) are not judged: the ratio is too noisy.
MIN_SOURCE = {"cjk": 20, "latin": 60}


def check_length(bt: Bitext) -> Iterator[Issue]:
    lo, hi = RATIO_BOUNDS[bt.src_script]
    measured = []
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        ls = prose_length(s.text)
        if ls >= MIN_SOURCE[bt.src_script]:
            measured.append((pair, ls, prose_length(t.text)))
    if not bt.segment_mode and len(measured) >= MIN_PAIRS:
        ratios = sorted(lt / ls for _, ls, lt in measured)
        median = ratios[len(ratios) // 2]
        lo, hi = median * RELATIVE_BOUNDS[0], median * RELATIVE_BOUNDS[1]
    for pair, ls, lt in measured:
        s, t = pair.source, pair.target
        ratio = lt / ls
        if ratio < lo:
            yield (t.start, t.end, f"Translation much shorter than its source ({lt} characters "
                   f"for {ls}): something may be missing", s.start)
        elif ratio > hi:
            yield (t.start, t.end, f"Translation much longer than its source ({lt} characters "
                   f"for {ls}): something may have been added", s.start)


@unit_rule(check_length)
@rule(code="T050", name="length-mismatch", family="translation", default=False)
def length_mismatch(doc):
    """Flags an aligned block or segment whose translation is far shorter or longer than its
    source for the language pair.

    ## What it flags
    A target block whose prose length (characters, without spaces and markup) divided by its
    source's falls outside bounds calibrated on data: for Chinese to English the 0.5th and
    99.5th percentiles of the MQM tuning segments (1.66 and 5.17, median 3.37); in a file of
    eight aligned blocks or more, the same percentiles relative to the file's own median
    (documentation runs near 2.2). Sources of at least 20 (CJK) or 60 (Latin) prose
    characters. Latin-script sources use uncalibrated bounds (0.45 to 2.2). Off by default
    (see the measured precision).

    ## Why it matters
    A dropped clause or sentence, or a hallucinated one, shows as a length out of proportion.

    ## Example
    A four-sentence Chinese paragraph translated by one short English sentence.

    ## Fix
    Compare the two and translate what is missing (or remove what was added).

    ## Leaves alone
    Short blocks, code, tables as a whole, and blocks alignment could not pair.
    """
    return run(doc, check_length)


@rule(code="T051", name="missing-translation", family="translation", default=False)
def missing_translation(doc):
    """Flags a source file that has no translation.

    ## What it flags
    A file matching a `source` pattern of `[[tool.mtlint.translations]]` whose `target`
    file does not exist. Reported on the source file, line 1. Off by default.

    ## Why it matters
    A page missing from a translated site is a dead link in its navigation.

    ## Example
    `docs/zh/arthas3.md` exists, `docs/en/arthas3.md` does not.

    ## Fix
    Translate the page, or exclude it.

    ## Leaves alone
    Source files outside the configured patterns.
    """
    return ()  # produced by the command line after pairing files (lint.translation.pairs)


def file_ratio(bt: Bitext) -> float:
    """The target/source prose-length ratio expected of this file's blocks: the median of its
    aligned prose blocks when it has :data:`MIN_PAIRS` of them, else the script's default."""
    if "ratio" not in bt.memo:
        ratios = []
        if not bt.segment_mode:
            for pair in bt.pairs:
                if pair.target.kind in PROSE_KINDS:
                    ls = prose_length(pair.source.text)
                    if ls >= MIN_SOURCE[bt.src_script]:
                        ratios.append(prose_length(pair.target.text) / ls)
        ratios.sort()
        bt.memo["ratio"] = ratios[len(ratios) // 2] if len(ratios) >= MIN_PAIRS else \
            DEFAULT_RATIO[bt.src_script]
    return bt.memo["ratio"]


#: Block kinds whose sentences are matched (a heading or table row is one unit).
_SENTENCE_KINDS = frozenset({"paragraph", "list_item", "segment", "text"})


def _unmatched(bt: Bitext) -> list:
    """(pair, Unmatched) for the sentences without a counterpart, computed once per bitext."""
    if "unmatched" in bt.memo:
        return bt.memo["unmatched"]
    out = []
    cjk = bt.src_script == "cjk"
    ratio = file_ratio(bt)
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in _SENTENCE_KINDS:
            continue
        src = sentences(s.text, cjk=cjk, src_script=bt.src_script)
        if not src:
            continue
        tgt = sentences(t.text, cjk=False, src_script=bt.src_script, target=True)
        for u in unmatched(src, tgt, ratio=ratio, src_script=bt.src_script,
                             target_text=t.text):
            out.append((pair, u))
    bt.memo["unmatched"] = out
    return out


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _moved(bt: Bitext, target, sent, ratio: float) -> bool:
    """Is a source sentence translated in the target block next to ``target`` (a paragraph
    split in two)? Yes when that block has every anchor of the sentence (two, or a link, code
    or a long name), or, for a sentence
    without anchors, when it is unpaired and of a length that could translate it."""
    blocks = bt.target_blocks
    k = next((i for i, b in enumerate(blocks) if b is target), -1)
    paired = {id(p.target) for p in bt.pairs}
    for j in (k - 1, k + 1):
        if k < 0 or not 0 <= j < len(blocks) or blocks[j].kind not in PROSE_KINDS:
            continue
        near = blocks[j]
        if sent.keys:
            # one common name (`Arthas`) in the next paragraph says nothing
            specific = len(sent.keys) >= 2 or any(not key.isalpha() or len(key) >= 10
                                                  for key in sent.keys)
            lower = near.text.lower()
            if specific and all(key in lower for key in sent.keys):
                return True
        elif id(near) not in paired:
            if 0.5 <= prose_length(near.text) / (ratio * sent.length) <= 2:
                return True
    return False


def check_sentences(bt: Bitext) -> Iterator[Issue]:
    for pair, u in _unmatched(bt):
        sent = u.sentence
        if u.side != "source" or u.margin < MARGIN or \
                sent.length < SENT_MIN_SOURCE[bt.src_script]:
            continue
        s, t = pair.source, pair.target
        if _moved(bt, t, sent, file_ratio(bt)):
            continue
        quoted = _quote(s.text[sent.start:sent.end])
        yield (t.start, t.end, f"The source sentence '{quoted}' has no counterpart in this "
               "translation: it may have been dropped", s.start + sent.start)


def check_added(bt: Bitext) -> Iterator[Issue]:
    for pair, u in _unmatched(bt):
        sent = u.sentence
        if u.side != "target" or u.margin < ADD_MARGIN or sent.length < MIN_TARGET:
            continue
        s, t = pair.source, pair.target
        yield (t.start + sent.start, t.start + sent.end, "This sentence has no counterpart in "
               "the source: it may have been added", s.start)


@unit_rule(check_sentences)
@rule(code="T052", name="sentence-missing", family="translation")
def sentence_missing(doc):
    """Flags an aligned block whose translation has no counterpart for one of the source's
    sentences.

    ## What it flags
    The sentences of an aligned block pair (paragraph, list item, segment) are matched in
    order by their lengths and anchors (numbers, inline code, links, Latin-script names), as
    `docs/translation-qa.md` describes. A source sentence of at least 10 prose characters
    (30 for a Latin-script source) that the best matching leaves without a counterpart is
    reported at the target block, naming the source line, when that matching beats every
    matching without a missing sentence by a clear margin. Tuned for precision: it finds a
    dropped sentence that changes the block's length or takes an anchor with it, and misses
    most others.

    ## Why it matters
    A sentence dropped from a paragraph is the commonest omission, and nothing in the
    translation alone shows it.

    ## Example
    Source `默认情况下只打印有 appender 的 logger。如果想查看没有 appender 的 logger，
    可以加上 `--include-no-appender` 参数。`, target `By default, only loggers with an
    appender are printed.`

    ## Fix
    Translate the missing sentence.

    ## Leaves alone
    Two source sentences joined into one English sentence of a plausible length, one source
    sentence split in two, blocks of one source sentence, headings and table rows, a block
    where one sentence looks dropped and another added (a poor match, not an omission),
    a source sentence whose link, code or names are in the next target paragraph (a paragraph
    split in two), full stops inside code, links and list markers, blocks alignment could
    not pair.
    """
    return run(doc, check_sentences)


@unit_rule(check_added)
@rule(code="T053", name="sentence-added", family="translation", default=False)
def sentence_added(doc):
    """Flags a sentence of a translation that matches no sentence of its source.

    ## What it flags
    Sentences are matched as for T052; a target sentence of at least 30 prose characters
    that the best matching leaves without a source counterpart, when that matching beats
    every matching without an added sentence by a clear margin. Off by default (see the
    measured precision).

    ## Why it matters
    Machine translation sometimes adds a sentence the source never had (a hallucination),
    and a copy-paste slip can repeat a sentence of another paragraph.

    ## Example
    Source `执行命令。`, target `Run the command. This feature was introduced in version
    3.0 to improve security for all users.`

    ## Fix
    Remove the sentence, or check the source for one the translation follows.

    ## Leaves alone
    A source sentence translated as two sentences of a plausible length, short sentences,
    a block where one sentence looks added and another dropped, blocks alignment could not
    pair.
    """
    return run(doc, check_added)
