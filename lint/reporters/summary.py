"""Counts by rule and severity, shared by the reporters."""

from __future__ import annotations

from collections import Counter


def counts_by_rule(result) -> list[tuple[str, str, str, int]]:
    """(code, rule name, severity, count), most frequent first."""
    counter = Counter((f.code, f.rule, f.severity) for f in result.findings)
    return sorted(((c, r, s, n) for (c, r, s), n in counter.items()), key=lambda x: (-x[3], x[0]))


def fixable_by_rule(result) -> Counter:
    """How many findings of each code carry a safe fix (what ``--fix`` would apply)."""
    return Counter(f.code for f in result.findings if f.fix is not None)


def statistics_lines(result) -> list[str]:
    """Count, code, rule and severity, then how many of them ``--fix`` can fix."""
    fixable = fixable_by_rule(result)
    rows = [(f"{n:6d}  {code:<8} {name} [{sev}]", fixable.get(code, 0))
            for code, name, sev, n in counts_by_rule(result)]
    width = max((len(text) for text, _ in rows), default=0)
    return [f"{text:<{width}}  {k:5d} fixable" for text, k in rows]


def summary_dict(result) -> dict:
    by_sev = Counter(f.severity for f in result.findings)
    return {
        "files": result.files,
        "words": result.words,
        "findings": len(result.findings),
        "errors": len(result.errors),
        "by_severity": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": {code: n for code, _, _, n in counts_by_rule(result)},
    }


def suggestion_text(finding) -> str:
    """The first suggestion as a reader sees it (an empty replacement means: delete)."""
    text = finding.suggestions[0]
    return text if text.strip() else "delete it"
