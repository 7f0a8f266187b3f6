"""Reviewdog Diagnostic Format (``rdjson``): ``reviewdog -f=rdjson`` reads it.

Positions are 1-based lines and 1-based columns counted in UTF-8 bytes, as the format says;
the run keeps the lines of findings so the character columns can be converted. Safe fixes are
``suggestions`` (reviewdog turns them into suggested changes on a pull request).
"""

from __future__ import annotations

import json

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_column(line_text: str, column: int) -> int:
    return len(line_text[: column - 1].encode("utf-8", "surrogatepass")) + 1


def _position(result, path: str, line: int, column: int) -> dict:
    return {"line": line, "column": _byte_column(result.source_line(path, line), column)}


def _suggestion(result, f) -> dict | None:
    """The fix as a suggestion, when it lies on the finding's first line (possibly taking its
    line break, as deleting a leaked line does); other fixes are left out."""
    fix = f.fix
    text = result.source_line(f.path, f.line)
    line_start = f.offset - (f.column - 1)
    a, b = fix.offset - line_start, fix.end_offset - line_start
    if a < 0 or a > len(text):
        return None
    start = _position(result, f.path, f.line, a + 1)
    if b <= len(text):
        end = _position(result, f.path, f.line, b + 1)
    elif b <= len(text) + 2:
        end = {"line": f.line + 1, "column": 1}
    else:
        return None
    return {"range": {"start": start, "end": end}, "text": fix.replacement}


def build(result) -> dict:
    diagnostics = []
    for f in result.findings:
        diag = {
            # a record of a table: its positions are inside the record's text, not the file's
            "message": f.message if f.record is None else f"[record {f.record}] {f.message}",
            "location": {"path": f.path, "range": {
                "start": _position(result, f.path, f.line, f.column),
                "end": _position(result, f.path, f.end_line, f.end_column)}},
            "severity": _SEVERITY[f.severity],
            "code": {"value": f.code},
        }
        suggestion = _suggestion(result, f) if f.fix is not None else None
        if suggestion is not None:
            diag["suggestions"] = [suggestion]
        diagnostics.append(diag)
    return {"source": {"name": "mtlint"}, "diagnostics": diagnostics}


def report(result, out, ctx) -> None:
    json.dump(build(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
