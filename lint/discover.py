"""Which files a run lints: walk directories, honour .gitignore, hidden paths and excludes."""

from __future__ import annotations

import os
from dataclasses import dataclass

from lint.readers import LINTED_EXTENSIONS


@dataclass
class Discovery:
    files: list[str]
    errors: list[str]


def _spec(patterns):
    if not patterns:
        return None
    import pathspec  # only when needed: its import costs a one-file check ~30 ms

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def discover(paths: list[str], *, exclude=(), include=(), respect_gitignore=True) -> Discovery:
    """Files to lint, sorted; explicitly named files are linted whatever their extension."""
    exclude_spec = _spec(list(exclude))
    include_spec = _spec(list(include))
    files: list[str] = []
    errors: list[str] = []
    for given in paths:
        if os.path.isfile(given):
            if not (exclude_spec and exclude_spec.match_file(_relative(given))):
                files.append(_relative(given))
            continue
        if not os.path.exists(given):
            errors.append(f"{given}: no such file or directory")
            continue
        ignores: list[tuple[str, pathspec.PathSpec]] = []
        if respect_gitignore:
            ignores = _parent_gitignores(given)
        for root, dirs, names in os.walk(given):
            if respect_gitignore and ".gitignore" in names:
                import pathspec  # only when there is one: the import costs a one-file check 20 ms

                try:
                    with open(os.path.join(root, ".gitignore"), encoding="utf-8",
                              errors="replace") as fh:
                        ignores.append((root, pathspec.GitIgnoreSpec.from_lines(fh)))
                except OSError:
                    pass

            def ignored(full: str, is_dir: bool, ignores=ignores) -> bool:
                return _ignored(full, is_dir, exclude_spec, ignores)

            dirs[:] = sorted(d for d in dirs
                             if not d.startswith(".") and not ignored(os.path.join(root, d), True))
            rel_root = _relative(root)  # once a directory: relpath is the walk's main cost
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = os.path.join(root, name)
                rel = name if rel_root == "." else os.path.join(rel_root, name)
                wanted = name.lower().endswith(LINTED_EXTENSIONS) or (
                    include_spec is not None and include_spec.match_file(rel))
                if wanted and not ignored(full, False):
                    files.append(rel)
    seen = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return Discovery(sorted(unique), errors)


def _ignored(full: str, is_dir: bool, exclude_spec, ignores) -> bool:
    suffix = "/" if is_dir else ""
    if exclude_spec and exclude_spec.match_file(_relative(full) + suffix):
        return True
    for base, spec in ignores:
        rel = os.path.relpath(full, base)
        if not rel.startswith("..") and spec.match_file(rel + suffix):
            return True
    return False


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
