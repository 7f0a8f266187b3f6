"""On-disk cache of grammar results, one small JSON file per paragraph.

The key is a SHA-256 of the engine, its version, the settings that change its output and the
paragraph text, so a rerun over unchanged files does not call the engine again, and changing
any setting or upgrading the engine misses cleanly. Several worker processes (and several
mtlint runs) may write at once: each file is written to a temporary name and moved into place
with :func:`os.replace`, which is atomic, so a reader sees the old file, the new one, or none.
A file that cannot be read or parsed is a miss; a directory that cannot be written turns the
cache off silently. Nothing here is ever fatal.
"""

from __future__ import annotations

import hashlib
import json
import os

from lint.atomic import replace_file
from lint.cache import DEFAULT_DIR, make_root  # noqa: F401 - DEFAULT_DIR is re-exported

#: Bump when the stored format changes: old entries then miss instead of being misread.
FORMAT = 1


def settings_key(parts: dict) -> str:
    """A stable hash of the settings that change an engine's output."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


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
        if not self.directory:
            return None
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("k") != key or not isinstance(data.get("r"),
                                                                                 list):
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
            blob = json.dumps({"k": key, "r": results}, ensure_ascii=False)
            replace_file(path, blob.encode("utf-8", "surrogatepass"))
        except OSError:
            self.directory = None  # read-only or full disk: run on without the cache
