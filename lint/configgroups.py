"""Which configuration lints which path: the nearest one above each path given (as ruff
finds it), so ``mtlint check /repo/docs`` from anywhere uses ``/repo``'s configuration, and
paths under different configurations are linted each with its own (their results merged).
Corpus rules (names across files) compare the files of one configuration."""

from __future__ import annotations

import os


def config_groups(paths: list[str], explicit: str | None) -> list[tuple[object, list[str]]]:
    """``[(Config, paths)]`` in the order the paths were given; one group with ``--config``
    or for stdin (then the configuration is found from the working directory)."""
    from lint.config import Config, find_config, load_config

    if explicit is not None or paths == ["-"]:
        return [(load_config(explicit), paths)]
    groups: dict[str | None, list[str]] = {}
    for path in paths:
        start = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        found = find_config(start) if os.path.exists(start) else find_config()
        groups.setdefault(found, []).append(path)
    out = []
    for found, members in groups.items():
        out.append((load_config(found) if found else Config(), members))
    return out


def merge(results: list) -> object:
    """One :class:`~lint.runner.RunResult` from the groups' results."""
    from lint.finding import Finding
    from lint.runner import RunResult

    if len(results) == 1:
        return results[0]
    merged = RunResult([], [], 0, 0, 0)
    for r in results:
        merged.findings.extend(r.findings)
        merged.errors.extend(r.errors)
        merged.files += r.files
        merged.words += r.words
        merged.chars += r.chars
        merged.lines.update(r.lines)
        merged.digests.update(r.digests)
    merged.findings.sort(key=Finding.sort_key)
    return merged
