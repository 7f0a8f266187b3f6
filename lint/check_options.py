"""The ``check`` options for adopting mtlint in a team's workflow, kept out of ``cli.py``:
``--output-file``, ``--exit-zero``, ``--show-fixes``, ``--baseline``/``--write-baseline``,
``--add-suppression`` and ``--watch`` (the last in :mod:`lint.watch`)."""

from __future__ import annotations

import contextlib
import os
import sys

DEFAULT_BASELINE = ".mtlint-baseline.json"


def add_arguments(check) -> None:
    check.add_argument("--output-file", "-o", metavar="FILE",
                       help="write the report to FILE instead of standard output")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (2 still means an error)")
    check.add_argument("--show-fixes", action="store_true",
                       help="show what each safe fix would change (with --fix: what it did)")
    check.add_argument("--baseline", metavar="FILE",
                       help="report only findings not recorded in this baseline file")
    check.add_argument("--write-baseline", action="store_true",
                       help=f"record the current findings in the baseline file (--baseline, "
                       f"default {DEFAULT_BASELINE}) and exit 0")
    check.add_argument("--add-suppression", action="store_true",
                       help="end each flagged line with a <!-- mtlint-disable-line CODE --> "
                       "comment and exit 0")
    check.add_argument("--watch", "-w", action="store_true",
                       help="lint again whenever a file under the paths changes (Ctrl-C stops)")


def _note(message: str) -> None:
    sys.stderr.write(f"mtlint: {message}\n")


def baseline_path(args, config) -> str | None:
    """``--baseline``, else the config's ``baseline`` (relative to the config file)."""
    if args.baseline:
        return args.baseline
    if config is not None and config.baseline:
        return os.path.join(config.root, config.baseline)
    return None


def after_run(args, result, jobs, config=None) -> int | None:
    """Apply the adoption options to a finished run. Returns an exit code when the command is
    done (a baseline or suppressions were written), else None and ``result.findings`` holds
    what to report."""
    from lint.sources import Sources

    args.baseline = baseline_path(args, config)

    wants_sources = args.baseline or args.write_baseline or args.add_suppression \
        or args.show_fixes
    if not wants_sources:
        return None
    sources = Sources(jobs)
    result.sources = sources
    if args.write_baseline:
        from lint.baseline import BaselineError, record, write

        path = args.baseline or DEFAULT_BASELINE
        try:
            entries = record(result.findings, sources, path)
            write(path, entries)
        except (BaselineError, OSError) as exc:
            result.errors.append(f"cannot write baseline: {exc}")
            return None
        n = len(entries)
        _note(f"wrote {n} finding{'s' if n != 1 else ''} to the baseline {path}")
        return 0
    if args.add_suppression:
        from lint.add_suppression import add_suppressions

        fmts = {job.path: job.fmt for job in jobs}
        written, errors = add_suppressions(result.findings, sources, fmts.get)
        _note(f"added {written} suppression comment{'s' if written != 1 else ''}")
        for message in result.errors + errors:
            _note(f"error: {message}")
        return 2 if result.errors or errors else 0
    if args.baseline:
        from lint.baseline import BaselineError, apply, load, stale_lines

        try:
            entries = load(args.baseline)
        except BaselineError as exc:
            from lint.config import ConfigError

            raise ConfigError(str(exc)) from None
        outcome = apply(result.findings, entries, sources, args.baseline)
        result.findings = outcome.new
        if not args.quiet:
            if outcome.known:
                _note(f"{outcome.known} finding{'s' if outcome.known != 1 else ''} in the "
                      f"baseline not shown")
            for line in stale_lines(outcome.stale):
                _note(line)
            if outcome.stale:
                _note("prune the baseline with --write-baseline")
    return None


def fix_describer(args, result):
    """The reporters' ``show_fixes`` callable (finding -> text or None), or None."""
    if not args.show_fixes:
        return None
    from lint.sources import fix_description

    sources = result.sources
    return lambda finding: fix_description(finding, sources)


@contextlib.contextmanager
def output_stream(args):
    """Standard output, or the ``--output-file`` (UTF-8; replaced when the report is done)."""
    if not args.output_file:
        yield sys.stdout
        return
    import io

    buffer = io.StringIO()
    yield buffer
    from lint.atomic import replace_file

    directory = os.path.dirname(os.path.abspath(args.output_file))
    os.makedirs(directory, exist_ok=True)
    replace_file(args.output_file, buffer.getvalue().encode("utf-8"))
