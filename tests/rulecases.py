"""Shared helpers of the rule tests: run a rule on a line of plain text, read what it flagged."""

from lint.readers.text import read


def flagged(check, source: str):
    """``(flagged substring, hit)`` for each hit of ``check`` on ``source``, in file order."""
    doc = read("t.txt", source)
    hits = sorted(check(doc), key=lambda h: (h.offset, h.end_offset))
    return [(source[h.offset:h.end_offset], h) for h in hits]


def spans(check, source: str) -> list[str]:
    """The substrings of ``source`` that ``check`` flags."""
    return [text for text, _ in flagged(check, source)]


def fixed(check, source: str) -> str:
    """``source`` with every hit's fix applied; every hit must offer one."""
    out = source
    for _, h in sorted(flagged(check, source), key=lambda p: -p[1].offset):
        assert h.fix is not None
        out = out[:h.fix.offset] + h.fix.replacement + out[h.fix.end_offset:]
    return out
