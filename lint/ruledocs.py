"""Rule documentation from the registry: ``mtlint rules``, ``mtlint explain``, and the rule
pages of the documentation site (``mkdocs_hooks.py`` expands the markers below at build
time, so the site says what ``mtlint explain`` says)."""

from __future__ import annotations

import json


def explain_text(rule) -> str:
    state = "on by default" if rule.default else "off by default (enable with select)"
    head = f"{rule.code} {rule.name} ({rule.family}, {rule.severity}, {state})\n"
    return head + "\n" + rule.doc.strip() + "\n"


def rules_markdown(rules) -> str:
    lines = ["| Code | Name | Family | Severity | Default | What it flags |",
             "|---|---|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | `{r.name}` | {r.family} | {r.severity} | "
                     f"{'on' if r.default else 'off'} | {summary} |")
    return "\n".join(lines) + "\n"


#: ``<!-- mtlint-rules:table -->`` (every rule) or ``<!-- mtlint-rules:FAMILY -->``.
MARKER_RE = r"<!--\s*mtlint-rules:([a-z-]+)\s*-->"


def _page_of_family(family: str, pages: dict[str, str] | None) -> str:
    return (pages or {}).get(family, "")


def rules_index_markdown(rules, pages: dict[str, str] | None = None) -> str:
    """The table of every rule, each code linking to its section on its family's page
    (``pages`` maps a family to that page's path relative to the table's page)."""
    lines = ["| Code | Name | Family | Severity | Default | What it flags |",
             "|---|---|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        page = _page_of_family(r.family, pages)
        code = f"[{r.code}]({page}#{r.code.lower()})" if page else r.code
        lines.append(f"| {code} | `{r.name}` | {r.family} | {r.severity} | "
                     f"{'on' if r.default else 'off'} | {summary} |")
    return "\n".join(lines) + "\n"


def rule_markdown(rule) -> str:
    """One rule's section: its docstring with each ``## Section`` one level down."""
    state = "on by default" if rule.default else "off by default (enable with select)"
    out = [f"## {rule.code} `{rule.name}` {{#{rule.code.lower()}}}", "",
           f"*{rule.family} · {rule.severity} · {state}* · `mtlint explain {rule.code}`", ""]
    for line in rule.doc.strip().splitlines():
        out.append("#" + line if line.startswith("## ") else line)
    return "\n".join(out) + "\n"


def family_markdown(family: str, rules) -> str:
    return "\n".join(rule_markdown(r) for r in rules if r.family == family)


def expand_markers(markdown: str, rules, pages: dict[str, str] | None = None) -> tuple[str, set]:
    """``markdown`` with each rules marker replaced; and the families it documented."""
    import re

    families = {r.family for r in rules}
    seen: set[str] = set()

    def sub(m):
        name = m.group(1)
        if name == "table":
            return rules_index_markdown(rules, pages)
        if name not in families:
            raise ValueError(f"unknown rule family {name!r} in a rules marker")
        seen.add(name)
        return family_markdown(name, rules)

    return re.sub(MARKER_RE, sub, markdown), seen


def rules_json(rules) -> str:
    return json.dumps([{"code": r.code, "name": r.name, "family": r.family,
                        "severity": r.severity, "default": r.default, "summary": r.summary}
                       for r in rules], indent=2) + "\n"


def rules_table(rules, out) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("Code", "Name", "Default", "Summary"):
        table.add_column(col, overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, "on" if r.default else "off", r.summary)
    Console(file=out, highlight=False, soft_wrap=False).print(table)


def main() -> None:
    """Print the rule table as Markdown (the docs site generates its own when it is built)."""
    import sys

    from lint.registry import all_rules

    sys.stdout.write(rules_markdown(list(all_rules().values())))


if __name__ == "__main__":
    main()
