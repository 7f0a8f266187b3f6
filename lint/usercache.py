"""mtlint's per-user cache directory: data derived once per machine (the word-frequency
dictionary, compiled patterns) so that later runs start faster. Everything in it can be
deleted at any time; a missing, damaged or unwritable cache only makes a run slower."""

from __future__ import annotations

import os
import tempfile


def cache_dir() -> str:
    """``$MTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtlint``, else ``~/.cache/mtlint``."""
    explicit = os.environ.get("MTLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mtlint")


def write_atomically(path: str, blob: bytes) -> None:
    """Write ``blob`` to ``path`` through a temporary file and a rename, so that concurrent
    runs never read half a file; an error leaves the old file (or none) and no temporary."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
