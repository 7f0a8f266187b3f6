"""The terminal report: findings grouped by file, each with its source line and the span
underlined, then a summary table by rule and severity."""

from __future__ import annotations

from itertools import groupby

from lint.reporters.summary import counts_by_rule, fixable_by_rule, suggestion_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _console(out, ctx):
    from rich.console import Console

    return Console(file=out, highlight=False, no_color=not ctx.color, force_terminal=ctx.color,
                   width=ctx.width or (None if ctx.color else 100), soft_wrap=True,
                   emoji=False, markup=False)


def _safe(text: str, encoding: str | None) -> str:
    """Text the output stream can encode (a Windows console or LANG=C may not take UTF-8)."""
    if not encoding:
        return text
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        return text.encode(encoding, errors="replace").decode(encoding, errors="replace")


def report(result, out, ctx) -> None:
    from rich.text import Text

    console = _console(out, ctx)
    encoding = getattr(out, "encoding", None)
    for path, group in groupby(result.findings, key=lambda f: f.where):
        console.print(Text(_safe(path, encoding), style="bold underline"))
        for f in group:
            head = Text()
            head.append(f"  {f.line}:{f.column} ", style="dim")
            head.append(f.code, style=_STYLE.get(f.severity, ""))
            head.append(f" [{f.severity}] ", style="dim")
            head.append(_safe(f.message, encoding))
            console.print(head)
            source = result.source_line(path, f.line)
            if source:
                _print_source(console, source, f, encoding)
            if f.suggestions:
                console.print(Text(_safe(f"      suggestion: {suggestion_text(f)}", encoding),
                                   style="green"))
            if ctx.show_fixes and f.fix is not None:
                console.print(Text(_safe(f"      fix: {ctx.show_fixes(f)}", encoding),
                                   style="green"))
        console.print()
    if not ctx.quiet or ctx.statistics:
        _summary(console, result)


def _print_source(console, source: str, f, encoding) -> None:
    from rich.text import Text

    source = source.replace("\t", " ")
    start = min(f.column - 1, len(source))
    end = f.end_column - 1 if f.end_line == f.line else len(source)
    end = max(end, start + 1)
    # A window of the line that fits the console, so the carets stay under the span.
    room = max(20, (console.width or 100) - 8)
    if end - start >= room:
        lo, hi = start, start + room
    else:
        context = (room - (end - start)) // 2
        lo = max(0, start - context)
        hi = min(len(source), end + context)
        lo = max(0, min(lo, hi - room))
        hi = min(len(source), max(hi, lo + room))
    prefix = "…" if lo else ""
    suffix = "…" if hi < len(source) else ""
    shown = source[lo:hi]
    line = Text("      " + prefix)
    line.append(_safe(shown[: start - lo], encoding))
    line.append(_safe(shown[start - lo:end - lo], encoding), style="bold")
    line.append(_safe(shown[end - lo:], encoding) + suffix)
    console.print(line, overflow="ignore", no_wrap=True, crop=True)
    marker = " " * (6 + len(prefix) + start - lo) + "^" * max(1, min(end, hi) - start)
    console.print(Text(marker, style=_STYLE.get(f.severity, "")), no_wrap=True, crop=True)


def _summary(console, result) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = counts_by_rule(result)
    if rows:
        table = Table(title=None, box=None, show_header=True, header_style="bold")
        table.add_column("Code")
        table.add_column("Rule")
        table.add_column("Severity")
        table.add_column("Count", justify="right")
        table.add_column("Fixable", justify="right")
        fixable = fixable_by_rule(result)
        for code, name, severity, n in rows:
            table.add_row(code, name, Text(severity, style=_STYLE.get(severity, "")), str(n),
                          str(fixable.get(code, 0)))
        console.print(table)
    n = len(result.findings)
    console.print(f"Found {n} finding{'s' if n != 1 else ''} in {result.files} "
                  f"file{'s' if result.files != 1 else ''}.")


def progress_bar(total: int):
    """A context manager yielding a tick() callback that advances a bar on stderr."""
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    @contextmanager
    def bar():
        with Progress("Linting", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("lint", total=total)
            yield lambda: progress.advance(task)

    return bar()
