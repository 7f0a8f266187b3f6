"""Sentence spans for a segment's text.

nupunkt (a Punkt model shipped in its wheel) knows abbreviations, initials and decimals. We
additionally never end a sentence inside a placeholder or after a list of abbreviations that
Punkt models often miss in news text.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_NO_BREAK_AFTER = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Lt|Sgt|Rev|Sen|Rep|Gov|Jr|Sr|Mt|No|vs|etc|"
    r"approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\."
    r"|\b(?:e\.g|i\.e|a\.m|p\.m|U\.S|U\.K|U\.N|E\.U|Ph\.D)\."
    r"|(?<![\p{L}])\p{Lu}\.)$"
)


@lru_cache(maxsize=1)
def _splitter():
    import nupunkt

    return nupunkt.sent_spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    spans = _splitter()(text)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and _NO_BREAK_AFTER.search(text[merged[-1][0]:merged[-1][1]].rstrip()):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((a + lead, a + trail))
    return out
