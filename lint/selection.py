"""Which rules run: ruff-style prefix selection (``G``, ``G0``, ``G001``, ``ALL``, names)."""

from __future__ import annotations

from dataclasses import dataclass

from lint.registry import Rule, all_rules

#: Prefixes of codes that grammar engines emit (``LT:RULE_ID``, ``HARPER:Kind``).
DYNAMIC_PREFIXES = ("LT:", "HARPER:")


def _normalise(selector: str) -> str:
    s = selector.strip()
    for prefix in DYNAMIC_PREFIXES:
        if s.upper().startswith(prefix):
            return prefix + s[len(prefix):]
    if s.upper() in ("LT", "HARPER"):
        return s.upper() + ":"
    rules = all_rules()
    for r in rules.values():
        if r.name == s.lower():
            return r.code
    return s.upper()


def is_known_selector(selector: str) -> bool:
    s = _normalise(selector)
    if s == "ALL" or s.startswith(DYNAMIC_PREFIXES):
        return True
    return any(code.startswith(s) for code in all_rules())


def _best(code: str, selectors: list[str]) -> int:
    """Length of the most specific selector matching ``code`` (-1 if none)."""
    best = -1
    for s in selectors:
        if s == "ALL":
            best = max(best, 0)
        elif code.startswith(s):
            best = max(best, len(s))
    return best


@dataclass
class Selection:
    select: list[str] | None
    ignore: list[str]
    extend_select: list[str]

    @classmethod
    def from_lists(cls, select, ignore, extend_select) -> Selection:
        norm = lambda xs: [_normalise(x) for x in xs]  # noqa: E731
        return cls(None if select is None else norm(select), norm(ignore), norm(extend_select))

    def allows(self, code: str, default: bool = True) -> bool:
        chosen = self.extend_select + (self.select or [])
        if not default:
            # A rule that is off by default (noisy or special) is turned on by its own code,
            # its name or ALL, never by a family prefix: `--select G` keeps G006 off.
            chosen = [s for s in chosen if s in (code, "ALL")]
        on = _best(code, chosen)
        off = _best(code, self.ignore)
        if self.select is None and on < 0:
            # Without `select`, rules run by their default and engine codes run when asked.
            on = 0 if default else -1
        if on < 0:
            return False
        return off < on if off >= 0 else True

    def rules(self) -> list[Rule]:
        cached = self.__dict__.get("_rules")
        if cached is None:
            cached = [r for r in all_rules().values() if self.allows(r.code, r.default)]
            self.__dict__["_rules"] = cached
        return cached

    def without(self, extra_ignore: list[str]) -> Selection:
        return Selection(self.select, self.ignore + [_normalise(x) for x in extra_ignore],
                         self.extend_select)
