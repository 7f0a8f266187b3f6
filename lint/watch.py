"""``mtlint check --watch``: lint, then lint again whenever a file under the paths changes.

Polls file sizes and modification times twice a second (no extra dependency, works the same on
every system and on network drives); Ctrl-C stops it.
"""

from __future__ import annotations

import os
import sys
import time

POLL_SECONDS = 0.5
_SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"}


def snapshot(paths: list[str], skip: frozenset[str] = frozenset()) -> dict[str, tuple[int, int]]:
    """``path -> (mtime_ns, size)`` of the files under ``paths`` that a walk lints (by
    extension), the files named explicitly and the configuration files (the nearest above
    each path and the working directory, and those in the walked folders); hidden folders
    and virtual environments are skipped, and so are the paths in ``skip`` (the report
    file), so what mtlint itself writes (cache, report) never starts another run."""
    from lint.config import CONFIG_FILES, find_config
    from lint.readers import LINTED_EXTENSIONS

    seen: dict[str, tuple[int, int]] = {}

    def add(path: str) -> None:
        try:
            st = os.stat(path)
        except OSError:
            return
        seen[path] = (st.st_mtime_ns, st.st_size)

    for root in paths:
        if os.path.isdir(root):
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".")]
                for name in files:
                    if os.path.splitext(name)[1].lower() in LINTED_EXTENSIONS \
                            or name in CONFIG_FILES:  # a nested one rules its subtree
                        add(os.path.join(folder, name))
        else:
            add(root)
        above = find_config(root if os.path.isdir(root) else os.path.dirname(
            os.path.abspath(root))) if os.path.exists(root) else None
        if above:
            add(above)
    for name in CONFIG_FILES:
        add(name)
    return {p: v for p, v in seen.items() if os.path.abspath(p) not in skip}


def maybe_watch(cmd_check, args) -> int:
    """Run ``cmd_check(args)`` once, or for ever with ``--watch``."""
    if not getattr(args, "watch", False):
        return cmd_check(args)
    if args.paths == ["-"]:
        from lint.cli import UsageError

        raise UsageError("--watch cannot read standard input")
    skip = frozenset({os.path.abspath(args.output_file)} if args.output_file else ())
    return watch(lambda: cmd_check(args), args.paths or ["."], skip=skip)


def watch(run_once, paths: list[str], *, skip: frozenset[str] = frozenset(),
          poll: float = POLL_SECONDS) -> int:
    from lint.cli import UsageError
    from lint.config import ConfigError

    while True:
        before = snapshot(paths, skip)
        try:
            status = run_once()
        except (UsageError, ConfigError) as exc:
            sys.stderr.write(f"mtlint: error: {exc}\n")
            status = 2
        sys.stderr.write(f"mtlint: watching {', '.join(paths)} for changes (exit code "
                         f"{status}; Ctrl-C stops)\n")
        sys.stderr.flush()
        while True:
            time.sleep(poll)
            now = snapshot(paths, skip)
            if now != before:
                break
        sys.stderr.write("mtlint: files changed, linting again\n")

