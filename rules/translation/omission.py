"""Translations much shorter or longer than their source (T050), and sources without a
translation (T051)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.registry import rule
from lint.translation.align import prose_length
from lint.translation.anchors import _mask, markup_anchors
from lint.translation.bitext import Bitext, Issue
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


_ZH_SENT_END_RE = regex.compile(r"[。！？!?]+|[.](?=\s|$)")
_EN_SENT_END_RE = regex.compile(r"[.!?]+[\"'’”)]*(?=\s|$)")
#: Below this length ratio a block with fewer target sentences lost one (calibrated on the
#: tuning files of the documentation pairs: the median aligned ratio is 2.2 for Chinese).
SENTENCE_RATIO = {"cjk": 2.0, "latin": 0.8}


_LIST_MARK_RE = regex.compile(r"(?m)^[ \t>]*(?:\d{1,9}[.)]|[-*+])[ \t]+")
_IMAGE_RE = regex.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


def _prose(text: str) -> str:
    """Text with code, links, placeholders and list markers blanked: sentence ends only."""
    _, covered = markup_anchors(text)
    covered += [m.span() for m in _LIST_MARK_RE.finditer(text)]
    covered += [m.span() for m in _IMAGE_RE.finditer(text)]
    return _mask(text, covered).strip() + " "


def check_sentences(bt: Bitext) -> Iterator[Issue]:
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS or t.kind == "table_row":
            continue
        src_end = _ZH_SENT_END_RE if bt.src_script == "cjk" else _EN_SENT_END_RE
        ns = len(src_end.findall(_prose(s.text)))
        if ns < 2:
            continue
        nt = len(_EN_SENT_END_RE.findall(_prose(t.text)))
        if nt >= ns:
            continue
        ls, lt = prose_length(s.text), prose_length(t.text)
        if ls and lt / ls < SENTENCE_RATIO[bt.src_script]:
            yield (t.start, t.end, f"{nt} sentence{'s' if nt != 1 else ''} for the source's "
                   f"{ns}, and shorter than usual: a sentence may be missing", s.start)


@unit_rule(check_sentences)
@rule(code="T052", name="sentence-missing", family="translation", default=False)
def sentence_missing(doc):
    """Flags an aligned block with fewer sentences than its source and a short translation.

    ## What it flags
    A target block (paragraph, list item, segment) whose source has two sentences or more,
    when the target has fewer sentences than the source and its prose length ratio is below
    the calibrated bound for the language pair (Chinese to English: 2.0, where aligned
    blocks have a median of 2.2). Off by default (see the measured precision).

    ## Why it matters
    A sentence dropped from a paragraph is the commonest omission, and nothing in the
    translation alone shows it.

    ## Example
    Source `执行命令。查看结果。`, target `Run the command.`

    ## Fix
    Translate the missing sentence.

    ## Leaves alone
    Two source sentences joined into one long target sentence (the length stays in
    proportion), blocks of one source sentence, table rows, full stops inside code, links
    and list markers, blocks alignment could not pair.
    """
    return run(doc, check_sentences)
