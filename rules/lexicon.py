"""English word frequencies (wordfreq's offline list), as Zipf values, loaded once per process.

Zipf is log10 of occurrences per billion words: 7 for `the`, 3 for `moderately common`, 0 for
words wordfreq has never seen. wordfreq lower-cases, so this knows nothing about case.
"""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive); 0.0 when unknown."""
    freq = _frequencies().get(word.lower())
    if not freq:
        # wordfreq splits on apostrophes (don't -> don, t): look at the longest piece
        if "'" in word or "’" in word:
            pieces = [p for p in word.replace("’", "'").lower().split("'") if p]
            return min((zipf(p) for p in pieces), default=0.0)
        return 0.0
    return round(math.log10(freq) + 9, 2)


def known(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf
