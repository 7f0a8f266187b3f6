"""mtlint's per-user cache directory: data derived once per machine (the word-frequency
dictionary, compiled patterns) so that later runs start faster. Everything in it can be
deleted at any time; a missing, damaged or unwritable cache only makes a run slower."""

from __future__ import annotations

import os

from lint.atomic import replace_file


def cache_dir() -> str:
    """``$MTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtlint``, else ``~/.cache/mtlint``."""
    explicit = os.environ.get("MTLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mtlint")


def write_atomically(path: str, blob: bytes) -> None:
    """Write ``blob`` to ``path`` atomically (see :func:`lint.atomic.replace_file`), creating
    the directory; a cache that cannot be written is only slower, so errors are ignored."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        replace_file(path, blob)
    except OSError:
        pass
