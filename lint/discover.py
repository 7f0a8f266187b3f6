"""Which files a run lints: walk directories, honour .gitignore, hidden paths and excludes.

Nothing is dropped silently: a path that yields no file to lint gets a warning saying why
(excluded, ignored by .gitignore, hidden, no linted extension, not a regular file), a
directory that cannot be read is an error, and a FIFO, socket or device is never opened.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field

from lint.readers import LINTED_EXTENSIONS


@dataclass
class Discovery:
    files: list[str]
    errors: list[str]
    warnings: list[str] = field(default_factory=list)
    #: files found under a configuration of their own inside a walked directory, by the key
    #: its :class:`Scope` carries (see ``nested`` in :func:`discover`)
    scoped: dict = field(default_factory=dict)


@dataclass
class Scope:
    """One configuration's say in a walk: its ``exclude`` and ``include`` patterns, matched
    against paths relative to ``base`` (its directory), and whether .gitignore counts."""
    exclude: list = field(default_factory=list)
    include: list = field(default_factory=list)
    base: str | None = None
    respect_gitignore: bool = True
    key: object = None

    def __post_init__(self):
        self.exclude_spec = _spec(list(self.exclude))
        self.include_spec = _spec(list(self.include))


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _why_nothing(given: str, skipped: Counter) -> str:
    reasons = {"excluded": "excluded by 'exclude'", "gitignored": "ignored by .gitignore",
               "hidden": "hidden", "extension": "without a linted extension (" +
               ", ".join(LINTED_EXTENSIONS) + ")", "special": "not regular files",
               "unreadable": "unreadable"}
    parts = [f"{n} {reasons[k]}" for k, n in sorted(skipped.items()) if n]
    if not parts:
        return f"{given}: no file to lint (the directory is empty)"
    return f"{given}: no file to lint ({'; '.join(parts)})"


def _spec(patterns):
    if not patterns:
        return None
    import pathspec  # only when needed: its import costs a one-file check ~30 ms

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str, base: str | None = None) -> str:
    rel = os.path.relpath(path, base) if base else os.path.relpath(path)
    return path if rel.startswith("..") else rel


def discover(paths: list[str], *, exclude=(), include=(), respect_gitignore=True,
             base: str | None = None, cli_exclude=(), nested=None) -> Discovery:
    """Files to lint, sorted; explicitly named files are linted whatever their extension.

    ``exclude`` and ``include`` patterns (the configuration's) are matched against paths
    relative to ``base`` (the configuration file's directory; default: the working
    directory), ``cli_exclude`` (``--exclude``) against paths relative to the working
    directory. ``nested(directory, names)`` (optional) gives the :class:`Scope` of a
    configuration file in a directory below a given one, or None: that directory's subtree is
    then walked with that scope's patterns (the directory itself was kept or skipped by the
    patterns above it, as ruff does) and its files go to ``scoped[scope.key]``."""
    main = Scope(exclude, include, base, respect_gitignore)
    cli_spec = _spec(list(cli_exclude))
    files: list[str] = []
    scoped: dict = {}
    errors: list[str] = []
    warnings: list[str] = []
    load_gitignores = respect_gitignore or nested is not None

    for given in paths:
        try:
            mode = os.stat(given).st_mode
        except FileNotFoundError:
            errors.append(f"{given}: no such file or directory")
            continue
        except OSError as exc:
            errors.append(f"{given}: cannot read: {exc.strerror}")
            continue
        if not stat.S_ISDIR(mode):
            kind = _special_kind(mode)
            if kind is not None:
                warnings.append(f"{given}: {kind}, not linted")
            elif (main.exclude_spec and main.exclude_spec.match_file(_relative(given, base))) \
                    or (cli_spec and cli_spec.match_file(_relative(given))):
                warnings.append(f"{given}: excluded by 'exclude', not linted")
            else:
                files.append(_relative(given))
            continue
        found_before = len(files) + sum(len(v) for v in scoped.values())
        skipped: Counter = Counter()

        def walk_error(exc: OSError, skipped=skipped) -> None:
            errors.append(f"{exc.filename}: cannot read directory: {exc.strerror}")
            skipped["unreadable"] += 1

        ignores: list[tuple[str, pathspec.PathSpec]] = []
        if load_gitignores:
            ignores = _parent_gitignores(given)
        scope_of = {given: main}  # each directory still to visit -> the scope it is under
        for root, dirs, names in os.walk(given, onerror=walk_error):
            scope = scope_of.pop(root, main)
            if nested is not None and root != given:
                scope = nested(root, names) or scope
            if load_gitignores and ".gitignore" in names:
                import pathspec  # only when there is one: the import costs a one-file check 20 ms

                try:
                    with open(os.path.join(root, ".gitignore"), encoding="utf-8",
                              errors="replace") as fh:
                        ignores.append((root, pathspec.GitIgnoreSpec.from_lines(fh)))
                except OSError:
                    pass

            def ignored(full: str, is_dir: bool, ignores=ignores, scope=scope) -> str | None:
                return _ignored(full, is_dir, scope.exclude_spec,
                                ignores if scope.respect_gitignore else (), scope.base, cli_spec)

            kept = []
            for d in sorted(dirs):
                why = "hidden" if d.startswith(".") else ignored(os.path.join(root, d), True)
                if why:
                    skipped[why] += 1
                else:
                    kept.append(d)
                    scope_of[os.path.join(root, d)] = scope
            dirs[:] = kept
            rel_root = _relative(root)  # once a directory: relpath is the walk's main cost
            rel_base_root = rel_root if scope.base is None else _relative(root, scope.base)
            into = files if scope is main else scoped.setdefault(scope.key, [])
            for name in sorted(names):
                if name.startswith("."):
                    skipped["hidden"] += 1
                    continue
                full = os.path.join(root, name)
                rel = name if rel_root == "." else os.path.join(rel_root, name)
                wanted = name.lower().endswith(LINTED_EXTENSIONS) or (
                    scope.include_spec is not None and scope.include_spec.match_file(
                        name if rel_base_root == "." else os.path.join(rel_base_root, name)))
                if not wanted:
                    skipped["extension"] += 1
                    continue
                why = ignored(full, False)
                if why:
                    skipped[why] += 1
                    continue
                try:
                    mode = os.stat(full).st_mode
                    kind = None if stat.S_ISREG(mode) else _special_kind(mode)
                except OSError:
                    kind = None  # a dangling link: reading it reports the error
                if kind is not None:
                    warnings.append(f"{rel}: {kind}, not linted")
                    skipped["special"] += 1
                    continue
                into.append(rel)
        if len(files) + sum(len(v) for v in scoped.values()) == found_before:
            warnings.append(_why_nothing(given, skipped))
    return Discovery(_unique(files), errors, warnings,
                     {key: _unique(found) for key, found in scoped.items()})


def _unique(files: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted(f for f in files if not (f in seen or seen.add(f)))


def _ignored(full: str, is_dir: bool, exclude_spec, ignores, base=None,
             cli_spec=None) -> str | None:
    """Why ``full`` is skipped ("excluded", "gitignored") or None."""
    suffix = "/" if is_dir else ""
    if exclude_spec and exclude_spec.match_file(_relative(full, base) + suffix):
        return "excluded"
    if cli_spec and cli_spec.match_file(_relative(full) + suffix):
        return "excluded"
    for root, spec in ignores:
        rel = os.path.relpath(full, root)
        if not rel.startswith("..") and spec.match_file(rel + suffix):
            return "gitignored"
    return None


def _parent_gitignores(start: str):
    """.gitignore files above ``start`` up to the repository root (the folder with .git)."""
    found = []
    directory = os.path.abspath(start)
    if os.path.exists(os.path.join(directory, ".git")):
        return found
    while True:
        parent = os.path.dirname(directory)
        if parent == directory:
            return []  # not inside a git checkout: only the walked tree's files apply
        directory = parent
        gi = os.path.join(directory, ".gitignore")
        if os.path.isfile(gi):
            import pathspec

            with open(gi, encoding="utf-8", errors="replace") as fh:
                found.append((directory, pathspec.GitIgnoreSpec.from_lines(fh)))
        if os.path.exists(os.path.join(directory, ".git")):
            return found
