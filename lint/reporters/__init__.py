"""Reporters turn a run's findings into text; they never read files.

Each reporter is ``report(result, out, ctx)`` where ``result`` is the run's
:class:`~lint.runner.RunResult` (with the source lines of findings when the rich report asked
for them) and ``ctx`` a :class:`ReportContext` with the options.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = ("rich", "text", "json", "json-lines", "sarif", "github", "junit", "rdjson",
           "html")


@dataclass
class ReportContext:
    statistics: bool = False
    quiet: bool = False
    color: bool = False
    width: int | None = None  # rich report: None = the terminal's width (100 off a terminal)
    show_fixes: object = None  # finding -> "'old' -> 'new'" (or None) when fixes are shown


def get_reporter(fmt: str):
    return importlib.import_module(f"lint.reporters.{fmt.replace('-', '_')}").report
