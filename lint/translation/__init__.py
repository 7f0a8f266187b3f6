"""Translation QA: a translation checked against its source.

- :mod:`lint.translation.pairs`: which file translates which (config, ``--source``);
- :mod:`lint.translation.blocks` and :mod:`lint.translation.align`: files cut into blocks and
  the blocks paired;
- :mod:`lint.translation.anchors`: what must survive translation (code, links, numbers...);
- :mod:`lint.translation.bilingual`: PO, XLIFF and TMX files read as pairs of segments;
- the checks themselves are the T rules in ``rules/translation/``.

:func:`check_pairs` runs the T rules on a list of (source, target[, id]) strings, for tables
of segments and benchmarks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def pair_rules(select=None, extend_select=()):
    """The T rules to run on pairs of segments: those on by default, or ``select``."""
    from lint.registry import all_rules

    out = []
    for code, r in all_rules().items():
        check = getattr(r.check, "unit_check", None)
        if check is None:
            continue
        if select is not None:
            if not any(code.startswith(s) for s in select):
                continue
        elif not r.default and not any(code.startswith(s) for s in extend_select):
            continue
        out.append((code, check))
    return out


def check_pairs(pairs: Iterable, *, select=None, extend_select=(), source_language: str = "",
                localised_links: bool = True, glossary=()) -> Iterator[tuple[int, str, int, int]]:
    """``(pair index, code, start, end)`` for each finding of the T rules on each
    ``(source, target[, id])`` pair; offsets are into the target string."""
    from lint.translation.bitext import segment_bitext

    rules = pair_rules(select, extend_select)
    for i, pair in enumerate(pairs):
        source, target = pair[0], pair[1]
        bt = segment_bitext(source or "", target or "", source_language=source_language,
                            localised_links=localised_links, glossary=glossary)
        for code, check in rules:
            for start, end, _message, _src in check(bt):
                yield i, code, start, end


def check_pairs_messages(pairs: Iterable, **kwargs) -> Iterator[tuple[int, str, int, int, str]]:
    """As :func:`check_pairs`, with each finding's message."""
    from lint.translation.bitext import segment_bitext

    rules = pair_rules(kwargs.get("select"), kwargs.get("extend_select", ()))
    for i, pair in enumerate(pairs):
        bt = segment_bitext(pair[0] or "", pair[1] or "",
                            source_language=kwargs.get("source_language", ""))
        for code, check in rules:
            for start, end, message, _src in check(bt):
                yield i, code, start, end, message
