"""JSON Lines: one finding a line, written as each unit of work is done (``--format
json-lines``), so a long run can be piped and followed. Errors go to stderr."""

from __future__ import annotations

import json


def write_findings(findings, out) -> None:
    for f in findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False))
        out.write("\n")


def report(result, out, ctx) -> None:
    write_findings(result.findings, out)
