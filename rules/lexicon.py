"""English word frequencies (wordfreq's offline list), as Zipf values, loaded once per process.

Zipf is log10 of occurrences per billion words: 7 for `the`, 3 for `moderately common`, 0 for
words wordfreq has never seen. wordfreq lower-cases, so this knows nothing about case.

Building the dictionary from wordfreq's packed list takes about 0.3 s (most of a one-file
run), so the first run keeps a copy in mtlint's cache directory as a ``marshal`` file, which
loads in half the time without importing wordfreq. The copy is keyed by the size and time of
wordfreq's data file; an unwritable or damaged cache only costs the slower path.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache


def cache_dir() -> str:
    """``$MTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtlint``, else ``~/.cache/mtlint``."""
    explicit = os.environ.get("MTLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mtlint")


def _source_file() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    return os.path.join(os.path.dirname(spec.origin), "data", "large_en.msgpack.gz")


def _cache_path() -> str | None:
    source = _source_file()
    try:
        st = os.stat(source) if source else None
    except OSError:
        return None
    if st is None:
        return None
    return os.path.join(cache_dir(), f"lexicon-en-{st.st_size}-{int(st.st_mtime)}.marshal")


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """wordfreq's English word -> frequency dictionary (read-only; shared by the rules)."""
    import marshal

    path = _cache_path()
    if path:
        try:
            with open(path, "rb") as fh:
                data = marshal.loads(fh.read())  # load(fh) reads piecemeal: 4x slower
            if isinstance(data, dict) and data:
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    import wordfreq

    data = wordfreq.get_frequency_dict("en", wordlist="best")
    if path:
        _write_cache(path, marshal.dumps(data))
    return data


def _write_cache(path: str, blob: bytes) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lexicon-", dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # atomic: concurrent runs never read half a file
    except OSError:
        pass


_frequencies = frequencies  # the name rules used before it was public


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive); 0.0 when unknown."""
    freq = frequencies().get(word.lower())
    if not freq:
        # wordfreq splits on apostrophes (don't -> don, t): look at the longest piece
        if "'" in word or "’" in word:
            pieces = [p for p in word.replace("’", "'").lower().split("'") if p]
            return min((zipf(p) for p in pieces), default=0.0)
        return 0.0
    return round(math.log10(freq) + 9, 2)


def known(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf
