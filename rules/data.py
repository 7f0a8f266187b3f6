"""Word and phrase lists shipped in ``rules/data/``: data, not code."""

from __future__ import annotations

import os
from functools import cache

#: The lists are installed as plain files beside this module (``package-data``); opening them
#: directly spares a one-file check importlib.resources (~30 ms to import and set up).
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_text(name: str) -> str:
    """The text of ``rules/data/<name>.txt``."""
    with open(os.path.join(DATA_DIR, f"{name}.txt"), encoding="utf-8") as fh:
        return fh.read()


@cache
def word_list(name: str) -> frozenset[str]:
    """Entries of ``rules/data/<name>.txt``: one a line, ``#`` starts a comment."""
    return frozenset(_entries(data_text(name)))


@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """Like :func:`word_list` but keeps file order (for ordered patterns)."""
    return tuple(_entries(data_text(name)))


def _entries(text: str):
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line
