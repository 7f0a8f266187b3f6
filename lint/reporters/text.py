"""``path:line:col: CODE [severity] message``, one finding a line (``path[record]:line:col``
for a record of a table)."""

from __future__ import annotations

from lint.reporters.summary import statistics_lines, suggestion_text


def report(result, out, ctx) -> None:
    for f in result.findings:
        suggestion = f" (suggestion: {suggestion_text(f)})" if f.suggestions else ""
        out.write(f"{f.where}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
                  f"{suggestion}\n")
        if ctx.show_fixes and f.fix is not None:
            out.write(f"    fix: {ctx.show_fixes(f)}\n")
    if ctx.statistics:
        for line in statistics_lines(result):
            out.write(line + "\n")
    if not ctx.quiet:
        n = len(result.findings)
        out.write(f"Found {n} finding{'s' if n != 1 else ''} in {result.files} "
                  f"file{'s' if result.files != 1 else ''}.\n")
