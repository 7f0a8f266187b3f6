"""Word and phrase lists shipped in ``rules/data/``: data, not code."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """Entries of ``rules/data/<name>.txt``: one a line, ``#`` starts a comment."""
    text = resources.files("rules").joinpath("data", f"{name}.txt").read_text("utf-8")
    return frozenset(_entries(text))


@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """Like :func:`word_list` but keeps file order (for ordered patterns)."""
    text = resources.files("rules").joinpath("data", f"{name}.txt").read_text("utf-8")
    return tuple(_entries(text))


def _entries(text: str):
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line
