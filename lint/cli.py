"""Command line: ``mtlint check|rules|explain``; a user's mistake is one line and exit 2."""

from __future__ import annotations

import argparse
import os
import sys

from lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, like every other user error
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    from lint.reporters import FORMATS

    parser = _Parser(prog="mtlint", description="Lint prose for machine-translation and "
                     "copy-paste artifacts.")
    parser.add_argument("--version", action="version", version=f"mtlint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="lint files or directories")
    check.add_argument("paths", nargs="*", default=None, help="files, directories, or - for stdin")
    check.add_argument("--format", choices=FORMATS, help="report format (rich on a terminal, "
                       "text otherwise)")
    check.add_argument("--config", help="configuration file (default: found upwards)")
    check.add_argument("--select", help="comma-separated codes or prefixes to run (replaces "
                       "the configured selection)")
    check.add_argument("--extend-select", help="codes or prefixes to add")
    check.add_argument("--ignore", help="codes or prefixes to skip")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip paths matching GLOB (repeatable)")
    check.add_argument("--no-respect-gitignore", action="store_true",
                       help="lint files that .gitignore excludes")
    check.add_argument("--stdin-filename", help="name (and so reader) for text read from -")
    check.add_argument("--fail-on", choices=("error", "warning", "info"),
                       help="lowest severity that makes the exit code 1")
    check.add_argument("--statistics", action="store_true", help="counts by rule")
    check.add_argument("-q", "--quiet", action="store_true", help="findings only, no summary")
    check.add_argument("--jobs", "-j", type=int, help="worker processes (default: CPU count)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; "
                       "write nothing")
    check.add_argument("--no-progress", action="store_true", help="no progress bar")
    check.add_argument("--allow-empty", action="store_true", help="exit 0 when no file is "
                       "linted (default: exit 2, a check that checked nothing fails)")
    check.add_argument("--grammar", choices=("languagetool", "harper", "none"),
                       help="grammar engine to run as well (default: none)")
    check.add_argument("--languagetool-url", help="LanguageTool server, e.g. "
                       "http://localhost:8081")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the "
                       "caches (per-file results and grammar)")
    check.add_argument("--cache-dir", metavar="DIR", help="cache directory (default: "
                       "cache-dir in the config, else .mtlint_cache beside the config file)")
    from lint.check_options import add_arguments

    add_arguments(check)
    check.add_argument("--source", metavar="DIR", help="the paths are translations of the "
                       "files of the same relative names in DIR: check them against it")
    from lint.scaleargs import add_arguments

    add_arguments(check)

    clean = sub.add_parser("clean", help="remove the cache directory")
    clean.add_argument("--config", help="configuration file (default: found upwards)")
    clean.add_argument("--cache-dir", metavar="DIR", help="cache directory to remove")

    rules = sub.add_parser("rules", help="list every rule, on or off by default")
    rules.add_argument("--format", choices=("table", "markdown", "json"), default="table")

    server = sub.add_parser("server", help="run the language server (LSP) on stdin/stdout")
    server.add_argument("--stdio", action="store_true", help="accepted for editors that pass "
                        "it; stdio is the only transport")

    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule", help="code or name, e.g. G001 or doubled-word")
    return parser


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def main(argv: list[str] | None = None) -> int:
    from lint import interrupt

    # the command itself shuts down from the signal handler; called in-process (tests), the
    # signals become exceptions that unwind to here
    previous = interrupt.install(leave=argv is None)
    try:
        return _main(argv)
    except (KeyboardInterrupt, interrupt.Terminated) as exc:
        code = interrupt.EXIT_SIGINT if isinstance(exc, KeyboardInterrupt) \
            else interrupt.EXIT_SIGTERM
        if argv is None:
            interrupt.shutdown(code)
        interrupt.ignore_signals()
        interrupt.stop_children()
        _error("interrupted")
        interrupt.default_signals()
        return code
    finally:
        interrupt.restore(previous)


def _main(argv: list[str] | None) -> int:
    from lint.config import ConfigError

    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.command == "check":
            from lint.watch import maybe_watch

            return maybe_watch(cmd_check, args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "clean":
            return cmd_clean(args)
        if args.command == "server":
            from lint.server import main as serve

            return serve()
        build_parser().print_help()
        return EXIT_ERROR
    except (UsageError, ConfigError, _dask_unavailable()) as exc:
        _error(str(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        except OSError:
            pass
        return EXIT_ERROR
    except Exception as exc:  # a bug in mtlint: one line unless asked for the traceback
        if os.environ.get("MTLINT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set MTLINT_DEBUG=1 for details)")
        return EXIT_ERROR


def _dask_unavailable():
    from lint.distributed import DaskUnavailable  # a light module: dask is imported on use

    return DaskUnavailable


def _error(message: str) -> None:
    sys.stderr.write(f"mtlint: error: {message}\n")


def cmd_rules(args) -> int:
    from lint.registry import all_rules
    from lint.ruledocs import rules_json, rules_markdown, rules_table

    rules = list(all_rules().values())
    if args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    elif args.format == "json":
        sys.stdout.write(rules_json(rules))
    else:
        rules_table(rules, sys.stdout)
    return EXIT_CLEAN


def cmd_explain(args) -> int:
    from lint.registry import find_rule
    from lint.ruledocs import explain_text

    found = find_rule(args.rule)
    if found is None:
        raise UsageError(f"unknown rule '{args.rule}' (see 'mtlint rules')")
    sys.stdout.write(explain_text(found))
    return EXIT_CLEAN


def cmd_clean(args) -> int:
    from lint.cache import cache_root, clean
    from lint.config import load_config

    config = load_config(args.config)
    roots = [cache_root(config, args.cache_dir)]
    grammar_dir = config.section("grammar").get("cache-dir")
    if grammar_dir and not args.cache_dir:
        roots.append(os.path.abspath(os.path.join(config.root, grammar_dir)))
    for root in roots:
        removed = clean(root)
        if root in removed:
            removed = [root]  # the whole directory went: say that, not each entry
        for path in removed:
            sys.stdout.write(f"Removed {path}\n")
        if not removed:
            sys.stdout.write(f"No cache at {root}\n")
    return EXIT_CLEAN


def cmd_check(args) -> int:
    from lint.configgroups import config_groups, merge
    from lint.finding import SEVERITY_RANK

    paths = args.paths or ["."]
    if args.stdin_filename and paths != ["-"]:
        raise UsageError("--stdin-filename needs '-' as the path")
    if "-" in paths and paths != ["-"]:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    from lint.selection import is_known_selector

    for selector in _split(args.select) + _split(args.ignore) + _split(args.extend_select):
        if not is_known_selector(selector):
            raise UsageError(f"unknown rule or prefix '{selector}'")
    fmt = args.format or ("rich" if sys.stdout.isatty() and not args.output_file else "text")
    groups = config_groups(paths, args.config, cli_exclude=args.exclude,
                           respect_gitignore=not args.no_respect_gitignore)
    for group in groups:
        for warning in group.warnings:
            sys.stderr.write(f"mtlint: warning: {warning}\n")
    runs = [_check_group(args, group, fmt) for group in groups]
    jobs = [job for group_jobs, _ in runs for job in group_jobs]
    if not jobs and not any(r.errors for _, r in runs) and not args.allow_empty \
            and paths != ["-"]:
        raise UsageError("no file to lint (see the warnings above; --allow-empty to "
                         "accept that)")
    result = merge([r for _, r in runs])
    from lint.check_options import after_run, fix_describer

    done = after_run(args, result, jobs, groups[0].config)  # baseline, suppressions
    if done is not None:
        return done
    if args.diff:
        from lint.fixreport import show_diff

        return show_diff(result, jobs)
    if args.fix:
        from lint.fixreport import fix_files

        describe = fix_describer(args, result)
        notes = {id(f): (f, describe(f)) for f in result.findings if describe and f.fix}
        fix_files(result, jobs, quiet=args.quiet)
        left = {id(f) for f in result.findings}
        for f, note in ([] if args.quiet else notes.values()):
            if id(f) not in left:  # applied
                sys.stderr.write(f"  fixed {f.path}:{f.line}:{f.column} {f.code}: {note}\n")
    if fmt != "json-lines":  # json-lines findings were written as they came
        _write_report(result, fmt, args, jobs)
    for message in result.errors:
        _error(message)
    if result.errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    kept = {id(f) for f in result.findings}  # --fix removed the fixed ones
    for group, (_, group_result) in zip(groups, runs, strict=True):
        fail_on = args.fail_on or group.config.fail_on
        if any(id(f) in kept and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]
               for f in group_result.findings):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def _check_group(args, group, fmt: str):
    """Lint a :class:`~lint.configgroups.Group`'s files with its configuration: (the jobs,
    the RunResult)."""
    from lint.config import ConfigError
    from lint.runner import Job, build_plan, run

    config, paths = group.config, group.paths

    use_cache = config.cache and not args.no_cache
    cache_dir = None
    if use_cache:
        from lint.cache import cache_root

        cache_dir = cache_root(config, args.cache_dir)
    grammar = _grammar_settings(args, config, cache_dir)
    try:
        plan = build_plan(
            config,
            select=_split(args.select) if args.select else None,
            ignore=_split(args.ignore),
            extend_select=_split(args.extend_select),
            grammar=grammar,
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from None

    errors: list[str] = list(group.errors)
    if paths == ["-"]:
        data = sys.stdin.buffer.read()
        from lint.runner import InputError, decode

        name = args.stdin_filename or "-"
        try:
            jobs = [Job(name, None, decode(name, data))]
        except InputError as exc:
            errors.append(str(exc))
            jobs = []
    else:
        jobs = [Job(p, p) for p in group.files]
    from lint.translation.pairs import pair_jobs

    pairing = pair_jobs(jobs, config, args.source, paths) if paths != ["-"] else None

    workers = _workers(args.jobs, config.jobs)
    progress = _progress_bar(jobs, fmt, args)
    cache = None
    if cache_dir and not plan.grammar and not (pairing and pairing.specs):  # keyed on one file
        from lint.cache import ResultCache

        cache = ResultCache(cache_dir)
    from lint.stream import cli_run

    # tables, large files, Dask, json-lines
    result = cli_run(jobs, plan, args, config, fmt, workers=workers)
    if result is None:
        with progress as tick:
            result = run(jobs, plan, workers=workers, progress=tick,
                         keep_lines=fmt in ("rich", "rdjson", "html"), cache=cache)
    result.errors[:0] = errors
    if pairing is not None:
        _translation_notes(result, pairing, plan, config, args)
    return jobs, result


def _workers(asked: int | None, configured: int) -> int:
    """Worker processes: ``--jobs``, else the config's ``jobs``; 0 means one per CPU (at most
    8); more than the CPU count is capped, with a note."""
    if asked is not None and asked < 0:
        raise UsageError(f"--jobs must be 0 or more, not {asked}")
    wanted = asked or configured
    cpus = os.cpu_count() or 1
    if wanted > cpus:
        sys.stderr.write(f"mtlint: note: {wanted} jobs capped at the CPU count ({cpus})\n")
        return cpus
    return wanted


def _translation_notes(result, pairing, plan, config, args) -> None:
    """Targets without a source, said once; T051 (off by default) for sources without one."""
    from lint.finding import Finding

    if pairing.unpaired and not args.quiet:
        n = len(pairing.unpaired)
        sys.stderr.write(f"mtlint: {n} translation{'s' if n != 1 else ''} without a source "
                         f"file, linted alone (first: {pairing.unpaired[0]})\n")
    if plan.selection.allows("T051", False) and config.translations:
        from lint.translation.pairs import missing_translation_findings

        result.findings.extend(missing_translation_findings(
            config.translations, config.root, plan.severity.get("T051", "warning")))
        result.findings.sort(key=Finding.sort_key)


def _grammar_settings(args, config, cache_dir: str | None) -> dict:
    """The grammar section with the command line applied. Its paragraph cache lives in the
    same cache directory as the results (``grammar/`` there) unless ``grammar.cache-dir``
    names another one (relative to the config file); ``cache = false`` at the top level or
    ``--no-cache`` turns it off too."""
    settings = dict(config.section("grammar"))
    if args.grammar:
        settings["engine"] = args.grammar
    if args.languagetool_url:
        settings["url"] = args.languagetool_url
        settings.setdefault("engine", "languagetool")
    if cache_dir is None:
        settings["cache"] = False
    if settings.get("engine", "none") == "none":
        return {}
    if settings.get("cache-dir") and not args.cache_dir:
        settings["cache-dir"] = os.path.join(config.root, settings["cache-dir"])
    elif cache_dir:
        settings["cache-dir"] = cache_dir
    return settings


class _NoProgress:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress_bar(jobs, fmt: str, args):
    """A bar of files done, on a terminal, for 50 files or more, or fewer that are large
    (a long single file shows the time it has been running)."""
    if args.no_progress or args.quiet or not sys.stderr.isatty():
        return _NoProgress()
    if len(jobs) < 50:
        from lint.stream import PROGRESS_BYTES, total_size

        if not jobs or total_size(jobs) < PROGRESS_BYTES:
            return _NoProgress()
    from lint.reporters.rich import progress_bar

    return progress_bar(len(jobs))


def _write_report(result, fmt, args, jobs) -> None:
    from lint.check_options import fix_describer, output_stream
    from lint.reporters import ReportContext, get_reporter

    ctx = ReportContext(statistics=args.statistics, quiet=args.quiet,
                        color=sys.stdout.isatty() and "NO_COLOR" not in os.environ
                        and not args.output_file, show_fixes=fix_describer(args, result))
    with output_stream(args) as out:
        get_reporter(fmt)(result, out, ctx)
        out.flush()
