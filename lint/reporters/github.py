"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding."""

from __future__ import annotations

from lint.reporters.summary import suggestion_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result, out, ctx) -> None:
    for f in result.findings:
        props = ",".join([
            f"file={_escape_property(f.path)}",
            f"line={f.line}",
            f"col={f.column}",
            f"endLine={f.end_line}",
            f"endColumn={f.end_column}",
            f"title={_escape_property(f.code)}",
        ])
        message = f.message if f.record is None else f"record {f.record}: {f.message}"
        if f.suggestions:
            message += f" (suggestion: {suggestion_text(f)})"
        out.write(f"::{_LEVEL[f.severity]} {props}::{_escape_data(message)}\n")
