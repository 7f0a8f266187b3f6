"""On-disk cache of grammar results, one small JSON file per paragraph.

The key is a SHA-256 of the engine, its version, the settings that change its output and the
paragraph text, so a rerun over unchanged files does not call the engine again, and changing
any setting or upgrading the engine misses cleanly. Several worker processes (and several
mtlint runs) may write at once: each file is written to a temporary name and moved into place
with :func:`os.replace`, which is atomic, so a reader sees the old file, the new one, or none.
A file that cannot be read or parsed is a miss; a directory that cannot be written turns the
cache off silently. Nothing here is ever fatal.

The directory is untrusted input (see :mod:`lint.cache`): each file is JSON (never executed)
sealed with mtlint's cache key (:mod:`lint.cachekey`), so a planted file that would hide or
invent findings is a miss, and every result is type-checked before use.
"""

from __future__ import annotations

import hashlib
import json
import os

from lint.atomic import replace_file
from lint.cache import DEFAULT_DIR, make_root  # noqa: F401 - DEFAULT_DIR is re-exported

#: Bump when the stored format changes: old entries then miss instead of being misread.
FORMAT = 2


def settings_key(parts: dict) -> str:
    """A stable hash of the settings that change an engine's output."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def valid_results(results) -> bool:
    """Each result ``[start, end, code, rule, severity, message, suggestions]`` with those
    types (see :data:`lint.grammar.Result`)."""
    if type(results) is not list:
        return False
    for r in results:
        if not (type(r) is list and len(r) == 7 and type(r[0]) is int and type(r[1]) is int
                and all(type(x) is str for x in r[2:6]) and r[4] in ("info", "warning", "error")
                and type(r[6]) is list and all(type(x) is str for x in r[6])):
            return False
    return True


class ParagraphCache:
    def __init__(self, directory: str | None, engine: str, settings_hash: str):
        self.directory = os.path.join(directory, "grammar", engine) if directory else None
        self.prefix = f"{FORMAT}\0{engine}\0{settings_hash}\0"
        self._ready = False

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def key(self, text: str) -> str:
        return hashlib.sha256((self.prefix + text).encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key[2:] + ".json")

    def get(self, key: str) -> list | None:
        from lint.cachekey import unseal

        if not self.directory:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                payload = unseal(fh.read())
            if payload is None:
                return None
            data = json.loads(payload.decode("utf-8", "surrogatepass"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("k") != key or not valid_results(data.get("r")):
            return None
        return data["r"]

    def put(self, key: str, results: list) -> None:
        if not self.directory:
            return
        path = self._path(key)
        try:
            if not self._ready:
                make_root(os.path.dirname(os.path.dirname(self.directory)))
                os.makedirs(self.directory, exist_ok=True)
                self._ready = True
            os.makedirs(os.path.dirname(path), exist_ok=True)
            from lint.cachekey import seal

            blob = seal(json.dumps({"k": key, "r": results}, ensure_ascii=False)
                        .encode("utf-8", "surrogatepass"))
            if blob is None:  # no key: nothing a later run could read back
                self.directory = None
                return
            replace_file(path, blob)
        except OSError:
            self.directory = None  # read-only or full disk: run on without the cache
