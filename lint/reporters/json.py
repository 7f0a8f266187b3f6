"""``{"version": ..., "findings": [...], "summary": {...}}``."""

from __future__ import annotations

import json

from lint import __version__
from lint.reporters.summary import summary_dict


def report(result, out, ctx) -> None:
    payload = {
        "version": __version__,
        "findings": [f.to_dict() for f in result.findings],
        "errors": list(result.errors),
        "summary": summary_dict(result),
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
