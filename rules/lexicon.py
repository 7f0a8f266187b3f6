"""English word frequencies (wordfreq's offline list), as Zipf values, loaded once per process.

Zipf is log10 of occurrences per billion words: 7 for `the`, 3 for `moderately common`, 0 for
words wordfreq has never seen. wordfreq lower-cases, so this knows nothing about case.

Building the dictionary from wordfreq's packed list takes about 0.3 s (most of a one-file
run), so the first run keeps a copy in mtlint's cache directory (the words joined by line
breaks, then their frequencies as an array of doubles: data only, its sizes checked on load),
which loads in half the time without importing wordfreq. The copy is keyed by the size and
checksum of wordfreq's data file; an unwritable or damaged cache only costs the slower path.

Even that copy takes 0.1 s to become a dictionary (321,000 strings to hash), which
a one-file check cannot afford for the few hundred words it looks up. So a second cache file
holds the same entries in hash buckets (``crc32`` of the word), mapped into memory: opening it
reads nothing, and a lookup is a byte search in one bucket of a few hundred bytes. Lookups go to
that index until the dictionary is loaded (by a rule module's ``warm_up`` before worker
processes fork, or after :data:`LAZY_LOOKUPS` lookups in one process, when the dictionary pays
for itself). Both answer exactly the same.
"""

from __future__ import annotations

import math
import os
import sys
from functools import lru_cache

from lint.usercache import cache_dir, write_atomically


def _source_file() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    return os.path.join(os.path.dirname(spec.origin), "data", "large_en.msgpack.gz")


def _cache_path() -> str | None:
    """``lexicon3-en-<size>-<crc32>.lex`` in the cache directory (see :func:`_source_key`)."""
    key = _source_key()
    return os.path.join(cache_dir(), f"lexicon3-en-{key}.lex") if key else None


@lru_cache(maxsize=1)
def _source_key() -> str | None:
    """The size and CRC-32 of wordfreq's data file (reading and checksumming its 1.5 MB takes
    ~1 ms): every virtual environment with the same wordfreq shares one copy. The file's time,
    the key before, differs in each new environment, so a fresh CI environment wrote 14 MB
    more each time."""
    import zlib

    source = _source_file()
    if source is None:
        return None
    try:
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return f"{len(data)}-{zlib.crc32(data):08x}"


def _drop_old_copies(keep: str) -> None:
    """Delete the copies keyed the old way (``lexicon-en-<size>-<mtime>...``), one pair per
    environment that ever ran, when writing a new copy."""
    folder = os.path.dirname(keep)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(("lexicon-en-", "lexicon2-en-")):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """wordfreq's English word -> frequency dictionary (read-only; shared by the rules)."""
    global _FULL
    _FULL = data = _load_frequencies()
    return data


#: The copy's layout: magic, the entry count and the byte length of the words (little-endian
#: 32-bit), the words (UTF-8, one a line), then one little-endian double per word.
_COPY_MAGIC = b"MTLLEX3\n"


def _pack_frequencies(data: dict[str, float]) -> bytes | None:
    import array
    import struct

    if any("\n" in w for w in data):
        return None  # cannot be stored one a line: keep no copy
    words = "\n".join(data).encode("utf-8", "surrogatepass")
    values = array.array("d", data.values())
    if sys.byteorder != "little":
        values.byteswap()
    return _COPY_MAGIC + struct.pack("<II", len(data), len(words)) + words + values.tobytes()


def _unpack_frequencies(blob: bytes) -> dict[str, float] | None:
    import array
    import struct

    head = len(_COPY_MAGIC) + 8
    if len(blob) < head or not blob.startswith(_COPY_MAGIC):
        return None
    count, size = struct.unpack_from("<II", blob, len(_COPY_MAGIC))
    if count == 0 or len(blob) != head + size + 8 * count:
        return None
    words = blob[head:head + size].decode("utf-8", "surrogatepass").split("\n")
    values = array.array("d")
    values.frombytes(blob[head + size:])
    if sys.byteorder != "little":
        values.byteswap()
    if len(words) != count:
        return None
    return dict(zip(words, values, strict=True))


def _load_frequencies() -> dict[str, float]:
    path = _cache_path()
    if path:
        try:
            with open(path, "rb") as fh:
                data = _unpack_frequencies(fh.read())
            if data:
                return data
        except (OSError, ValueError):  # missing, unreadable, not UTF-8
            pass
    import wordfreq

    data = wordfreq.get_frequency_dict("en", wordlist="best")
    blob = _pack_frequencies(data) if path else None
    if blob is not None:
        write_atomically(path, blob)
        _drop_old_copies(path)
    return data


#: The dictionary once :func:`frequencies` has loaded it (then every lookup uses it).
_FULL: dict[str, float] | None = None
#: Lookups answered from the bucket index before loading the dictionary is cheaper.
LAZY_LOOKUPS = 20_000
_BUCKETS = 16_384  # a power of two


def _bucket(word: str) -> int:
    import zlib

    return zlib.crc32(word.encode("utf-8", "surrogatepass")) & (_BUCKETS - 1)


#: The index file: a magic number, ``_BUCKETS + 1`` little-endian offsets of the buckets in the
#: data that follows, then the buckets, each ``b"\nword\tfrequency"`` per entry and a final
#: line break (UTF-8; ``repr`` of a float round-trips).
_MAGIC = b"MTLXIDX1"
_HEADER = len(_MAGIC) + 4 * (_BUCKETS + 1)


def _build_index(data: dict[str, float]) -> bytes:
    import struct

    buckets: list[list[bytes]] = [[] for _ in range(_BUCKETS)]
    for word, freq in data.items():
        key = word.encode("utf-8", "surrogatepass")
        buckets[_bucket(word)].append(b"\n" + key + b"\t" + repr(freq).encode())
    blobs = [b"".join(b) + b"\n" for b in buckets]
    offsets, pos = [], 0
    for blob in blobs:
        offsets.append(pos)
        pos += len(blob)
    offsets.append(pos)
    return _MAGIC + struct.pack(f"<{_BUCKETS + 1}I", *offsets) + b"".join(blobs)


class _Index:
    """Lookups in the index file, mapped into memory: a lookup reads one bucket (a few hundred
    bytes), so opening the index costs nothing however large it is."""

    __slots__ = ("data", "lookups")

    def __init__(self, data):
        self.data = data  # bytes or mmap of the whole file
        self.lookups = 0

    @classmethod
    def checked(cls, data) -> _Index | None:
        import struct

        if len(data) < _HEADER or data[:len(_MAGIC)] != _MAGIC:
            return None
        (end,) = struct.unpack_from("<I", data, _HEADER - 4)
        return cls(data) if _HEADER + end == len(data) else None

    def get(self, word: str) -> float | None:
        import struct

        self.lookups += 1
        data = self.data
        start, end = struct.unpack_from("<II", data, len(_MAGIC) + 4 * _bucket(word))
        bucket = data[_HEADER + start:_HEADER + end]
        key = b"\n" + word.encode("utf-8", "surrogatepass") + b"\t"
        i = bucket.find(key)
        if i < 0:
            return None
        i += len(key)
        return float(bucket[i:bucket.index(b"\n", i)])


@lru_cache(maxsize=1)
def _index() -> _Index | None:
    """The bucket index from the cache, written from the dictionary when missing or damaged;
    None when there is no cache (then lookups load the dictionary)."""
    path = _cache_path()
    if not path:
        return None
    path = path[: -len(".lex")] + f"-index{_BUCKETS}.bin"
    try:
        with open(path, "rb") as fh:
            try:
                import mmap

                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (ImportError, OSError, ValueError):  # no mmap here: read it all
                data = fh.read()
        index = _Index.checked(data)
        if index is not None:
            return index
    except OSError:
        pass
    blob = _build_index(frequencies())
    write_atomically(path, blob)
    return _Index(blob)


def _get(word: str) -> float | None:
    """The frequency of ``word`` as spelled (the dictionary's ``get``)."""
    if _FULL is not None:
        return _FULL.get(word)
    if "\n" not in word and "\t" not in word:
        index = _index()
        if index is not None and index.lookups < LAZY_LOOKUPS:
            return index.get(word)
    return frequencies().get(word)


def unknown(words: set[str]) -> set[str]:
    """The members of ``words`` that are not entries of the lexicon (spelled as given)."""
    if _FULL is None:
        index = _index()
        if index is not None and index.lookups + len(words) <= LAZY_LOOKUPS:
            return {w for w in words if _get(w) is None}
    return words.difference(frequencies())


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive); 0.0 when unknown."""
    freq = _get(word.lower())
    if not freq:
        # wordfreq splits on apostrophes (don't -> don, t): look at the longest piece
        if "'" in word or "’" in word:
            pieces = [p for p in word.replace("’", "'").lower().split("'") if p]
            return min((zipf(p) for p in pieces), default=0.0)
        return 0.0
    return round(math.log10(freq) + 9, 2)


def known(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf
