"""Which configuration lints which file: the nearest one above each file (as ruff finds it).

A path given on the command line starts with the nearest configuration above it, so
``mtlint check /repo/docs`` from anywhere uses ``/repo``'s; a configuration file met while
walking a directory takes over for that directory's subtree (its ``exclude``, ``include``
and ``per-file-ignores`` relative to its own directory). ``--config`` names one for every
file. Each configuration's files are linted with its own settings and the results merged;
corpus rules (names across files) compare the files of one configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Group:
    """The files one configuration lints."""

    config: object  # lint.config.Config
    paths: list[str]  # the paths given on the command line that led to it
    files: list[str] | None = None  # None for stdin
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def config_groups(paths: list[str], explicit: str | None, *, cli_exclude=(),
                  respect_gitignore: bool = True) -> list[Group]:
    """The groups, in the order the paths were given (a configuration found inside a walked
    directory after the one that found it); one group with ``--config`` or for stdin (then
    the configuration is found from the working directory). ``respect_gitignore=False``
    (``--no-respect-gitignore``) overrides every configuration's ``respect-gitignore``."""
    from lint.config import Config, find_config, load_config

    if paths == ["-"]:
        return [Group(load_config(explicit), paths)]
    if explicit is not None:
        groups = {explicit: Group(load_config(explicit), list(paths))}
    else:
        groups = {}
        for path in paths:
            start = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
            found = find_config(start) if os.path.exists(start) else find_config()
            if found not in groups:
                groups[found] = Group(load_config(found) if found else Config(), [])
            groups[found].paths.append(path)
    scopes: dict = {}

    def scope_of(config):
        from lint.discover import Scope

        if config.path not in scopes:
            scopes[config.path] = Scope(
                list(config.exclude) + list(config.extend_exclude), config.include,
                config.root if config.path else None,
                config.respect_gitignore and respect_gitignore, key=config.path)
        return scopes[config.path]

    def nested(directory: str, names: list[str]):
        from lint.config import config_here

        found = config_here(directory, names)
        if found is None:
            return None
        if found not in groups:
            groups[found] = Group(load_config(found), [])
        return scope_of(groups[found].config)

    from lint.discover import discover

    for group in list(groups.values()):  # (the nested ones are walked by their parents)
        main = scope_of(group.config)
        found = discover(group.paths, exclude=main.exclude, include=main.include,
                         respect_gitignore=main.respect_gitignore, base=main.base,
                         cli_exclude=cli_exclude, nested=None if explicit else nested)
        group.files = (group.files or []) + found.files
        group.errors.extend(found.errors)
        group.warnings.extend(found.warnings)
        for key, files in found.scoped.items():
            inner = groups[key]
            inner.files = (inner.files or []) + files
            for path in group.paths:
                if path not in inner.paths:
                    inner.paths.append(path)
    for group in groups.values():
        seen: set[str] = set()
        group.files = sorted(f for f in group.files or [] if not (f in seen or seen.add(f)))
    return list(groups.values())


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
