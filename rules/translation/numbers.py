"""Numbers, dates and versions that differ between a translation and its source (T020)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

import regex

from lint.registry import rule
from lint.translation.anchors import Anchor, _mask, markup_anchors, number_anchors
from lint.translation.bitext import Bitext, Issue
from rules.translation._base import PROSE_KINDS, run, unit_rule

_MATCH_KINDS = ("number", "number-alias", "number-word", "version")


_LIST_MARK_RE = regex.compile(r"(?m)^[ \t>]*\d{1,9}[.)](?=[ \t])")


#: A number written against a product name (`java11`, `jdk1.8` aside): the name has four
#: letters or more, so `md5`, `x86`, `h2` and `utf8` stay names.
_GLUED_RE = regex.compile(r"(?<=(?<![A-Za-z0-9_.\-])[A-Za-z]{4,})\d{1,3}(?![A-Za-z0-9_.\-])")


def _values(text: str, *, markdown: bool):
    """Numbers reported (digits, versions), every form of each value (digits, words, scales;
    one per position), and the values written in words (`三`, `first`), counted."""
    _, covered = markup_anchors(text, markdown=markdown)
    covered += [m.span() for m in _LIST_MARK_RE.finditer(text)]
    found = number_anchors(text, covered, words=True)
    if any(ch.isdigit() for ch in text):
        masked = _mask(text, covered)
        found += [Anchor("number", Decimal(m.group()), m.start(), m.end(), m.group())
                  for m in _GLUED_RE.finditer(masked)]
    reported = [a for a in found if a.kind in ("number", "version")]
    # `一` is found as a numeral and as a digit at the same place: one form
    every = Counter(v for v, _ in {(a.value, a.start) for a in found if a.kind in _MATCH_KINDS})
    words = Counter(v for v, _ in {(a.value, a.start) for a in found if a.kind == "number-word"})
    return reported, every, words


def _equivalent(value, every: set, clock: bool = False) -> bool:
    if value in every:
        return True
    # a 12-hour and a 24-hour clock (下午3点 / 15:00) write the same time differently
    if not clock or isinstance(value, str) or value > 24:
        return False
    return value + 12 in every or value - 12 in every


def _unmatched(mine: list, mine_len: int, theirs: list, theirs_len: int, their_all: Counter,
               clock: bool, mine_words: Counter | None = None) -> list:
    """Numbers of ``mine`` with no counterpart. Digits are matched one to one with ``theirs``
    (a `2022` changed into the `2023` the text already has is one `2023` too many; the
    occurrence left over is the one farthest, in relative position, from any of theirs); a
    value ``theirs`` never writes in digits is matched by its other forms (`三`, `March`,
    `second`), as many times as they occur, less the times ``mine`` writes that value in
    words itself (`第一个` is `the first one`, not the `1` of `1~5`)."""
    where = defaultdict(list)
    for a in theirs:
        where[a.value].append(a.start / max(theirs_len, 1))
    by_value = defaultdict(list)
    for a in mine:
        by_value[a.value].append(a)
    out = []
    for value, group in by_value.items():
        if value in where:
            if len(group) > len(where[value]):
                def distance(a, spots=where[value]):
                    return min(abs(a.start / max(mine_len, 1) - p) for p in spots)

                out += sorted(group, key=distance)[len(where[value]):]
        elif their_all[value] > 0:
            budget = their_all[value] - (mine_words or {}).get(value, 0)
            out += group[max(budget, 0):]  # `2` and `2` against one `second`
        elif not _equivalent(value, their_all, clock):
            out += group
    return sorted(out, key=lambda a: a.start)


#: A time of day on either side: only then may 3 and 15 be the same hour.
_CLOCK_RE = regex.compile(r"[\d一二三四五六七八九十两]\s*[点时](?!间|候|期|代)|上午|下午|凌晨|晚上"
                          r"|\d:\d\d|[ap]\.m\.", regex.I)


def _digits(value) -> str:
    return str(value).replace(".", "").lstrip("0-")[:1]


def _similar(a, b) -> bool:
    """Two numbers one could be a slip for the other: the same first significant digit, or
    within a factor of two, or two apart (`50`/`51`, `9`/`10`, `0`/`1`, `4765亿`/`4765
    billion`) -- not `11` and `0.005428ms` from two different examples."""
    if isinstance(a, str) or isinstance(b, str):
        return True  # versions
    if _digits(a) == _digits(b) or abs(a - b) <= 2:  # 0 and 1, 9 and 10
        return True
    return bool(a and b) and 0.5 <= float(a) / float(b) <= 2


def check_numbers(bt: Bitext) -> Iterator[Issue]:
    markdown = True  # inline code and links are specific enough to find in any text
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        s_rep, s_all, s_words = _values(s.text, markdown=markdown)
        t_rep, t_all, t_words = _values(t.text, markdown=markdown)
        clock = bool(_CLOCK_RE.search(s.text) or _CLOCK_RE.search(t.text))
        missing = _unmatched(s_rep, len(s.text), t_rep, len(t.text), t_all, clock, s_words)
        extra = _unmatched(t_rep, len(t.text), s_rep, len(s.text), s_all, clock, t_words)
        if not missing or not extra:
            continue  # one side alone: an omission or an addition, not a changed number
        extra = [a for a in extra if any(_similar(a.value, m.value) for m in missing)]
        if not extra:
            continue
        src_off = s.start + missing[0].start
        had = ", ".join(dict.fromkeys(a.raw.strip() for a in missing))
        for a in extra:
            yield (t.start + a.start, t.start + a.end,
                   f"Number '{a.raw.strip()}' is not in the source, which has '{had}' here",
                   src_off)


@unit_rule(check_numbers)
@rule(code="T020", name="number-mismatch", family="translation")
def number_mismatch(doc):
    """Flags a number, date or version in a translation that its source does not have, where
    the source has one the translation lacks: a changed number.

    ## What it flags
    In a block aligned with its source (a paragraph, heading, list item, table row, or a
    segment of a bilingual file), a number of the target that matches no number of the source
    while a number of the source, similar to it (the same first significant digit, or within
    a factor of two), matches none of the target. Numbers are compared by value
    after normalising what translation changes legitimately: full-width digits, thousands
    separators, Chinese numerals and the 万/亿 scales, English number words and scales,
    ordinals (`第3` / `3rd` / `third`), month names in dates, percentages.

    ## Why it matters
    A changed number reads fluently and passes every monolingual check; a reader acts on it.

    ## Example
    Source `默认值为 50`, target `The default value is 500.`

    ## Fix
    Copy the number from the source.

    ## Leaves alone
    `1.2万` and `12,000`, `第3` and `3rd` or `third`, `三` and `3`, `2023年3月5日` and
    `March 5, 2023`, `下午3点` and `15:00` (12-hour and 24-hour clocks), numbers inside inline
    code and URLs (other rules compare those), list markers, and a number on one side only
    (alone it is too often a legitimate rewording, `一` as `a`, a year spelled `this year`;
    T052 looks for what was dropped).
    """
    return run(doc, check_numbers)
