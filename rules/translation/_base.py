"""What every T rule shares: the document's bitext, and turning issues into hits."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lint.finding import Hit
from lint.translation.bitext import Bitext, Issue, bitext_of, to_hits  # noqa: F401

#: Block kinds whose text is prose (compared for numbers, names, length).
PROSE_KINDS = frozenset({"paragraph", "heading", "list_item", "table_row", "segment", "text"})


def run(doc, check: Callable[[Bitext], Iterable[Issue]]) -> list[Hit]:
    bt = bitext_of(doc)
    if bt is None:
        return []
    return to_hits(bt, check(bt))


def unit_rule(check: Callable[[Bitext], Iterable[Issue]]):
    """Decorator for a rule function: attach the bitext-level check it runs."""

    def wrap(fn):
        fn.unit_check = check
        return fn

    return wrap
