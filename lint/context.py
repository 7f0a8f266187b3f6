"""What rules may know besides the document: settings, and data the engine loaded for them.

Rules do no I/O. A family that needs files named in the config (vocabularies) registers a
*loader* here; the engine calls it once per run, in the main process, and hands the result to
rules as ``ctx.resources[section]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: section name -> loader(section_settings: dict, root_dir: str) -> picklable resource
LOADERS: dict[str, Callable[[dict, str], Any]] = {}


def loader(section: str):
    """Register the function that loads a config section's files for its rules."""

    def wrap(fn):
        LOADERS[section] = fn
        return fn

    return wrap


@dataclass
class Context:
    sections: dict[str, dict] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict:
        return self.sections.get(name, {})
