"""Translations much shorter or longer than their source (T050), and sources without a
translation (T051)."""

from __future__ import annotations

from collections.abc import Iterator

from lint.registry import rule
from lint.translation.align import prose_length
from lint.translation.bitext import Bitext, Issue
from rules.translation._base import PROSE_KINDS, run, unit_rule

#: Bounds on target/source prose characters (spaces and markup excluded) per source script,
#: for English targets: below LOW a block lost content, above HIGH it gained some. Calibrated
#: on data (docs/translation-qa.md): the 1st and 99th percentiles of aligned blocks and
#: segments of the tuning parts.
RATIO_BOUNDS = {"cjk": (1.0, 7.0), "latin": (0.45, 2.2)}
#: Source blocks shorter than this (prose characters) are not judged: the ratio is too noisy.
MIN_SOURCE = {"cjk": 20, "latin": 60}


def check_length(bt: Bitext) -> Iterator[Issue]:
    lo, hi = RATIO_BOUNDS[bt.src_script]
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        ls = prose_length(s.text)
        if ls < MIN_SOURCE[bt.src_script]:
            continue
        lt = prose_length(t.text)
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
    source's falls outside bounds calibrated per source script on aligned data (Chinese to
    English: 1.0 to 7.0; Latin-script sources: 0.45 to 2.2), for sources of at least 20 (CJK)
    or 60 (Latin) prose characters. Off by default (see the measured precision).

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
