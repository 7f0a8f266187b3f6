"""The corpus-scale run: tables, large files, streamed findings, local or Dask workers.

:func:`run_units` is :func:`lint.runner.run` for inputs that do not fit the one-file-a-job
model: it turns the inputs into work units (:mod:`lint.chunking`), sends them to local worker
processes or to a Dask cluster (:mod:`lint.distributed`) with a bounded number in flight, and
keeps, in the main process, only findings and the compact per-document data that the corpus
rules' reduce needs, never a text. Findings of each unit go to ``on_findings`` as soon as the
unit is done (``--format json-lines``), and the final result is sorted exactly like
:func:`lint.runner.run`'s, so the two give the same findings.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lint.chunking import (
    BATCH_CHARS,
    CHUNK_CHARS,
    FileUnit,
    RecordsUnit,
    UnitResult,
    document_groups,
    large_file_units,
    lint_unit,
)
from lint.finding import Finding
from lint.identifiers import RunVocabulary
from lint.readers.tables import Fields, TableError, is_table, iter_records

#: Units in flight per worker: enough to keep workers busy, few enough that the main process
#: holds only a few batches of text.
IN_FLIGHT_PER_WORKER = 3


@dataclass
class ScaleOptions:
    fields: Fields = field(default_factory=Fields)
    chunk_chars: int = CHUNK_CHARS  # split plain-text files longer than twice this
    batch_chars: int = BATCH_CHARS  # characters of record text per unit
    dask_scheduler: str | None = None  # tcp://host:8786


def needs_units(jobs, options: ScaleOptions, plan) -> bool:
    """Whether a run needs :func:`run_units` (a table, a large text file, or Dask)."""
    if options.dask_scheduler:
        return True
    for job in jobs:
        if job.real_path is None:
            continue
        if is_table(job.real_path):
            return True
        if _large_text(job, options):
            return not plan.grammar  # a grammar engine reads whole documents
    return False


def _large_text(job, options: ScaleOptions) -> bool:
    from lint.readers import format_for

    try:
        size = os.path.getsize(job.real_path)
    except OSError:
        return False
    return size > 2 * options.chunk_chars and (job.fmt or format_for(job.path)) == "text"


def iter_units(jobs, plan, options: ScaleOptions, errors: list[str]) -> Iterator:
    """The work units of a run, in output order, produced lazily (a table is read as the
    units are sent, never whole)."""
    from lint.runner import InputError, read_source

    groups, _ = document_groups(plan)
    for job in jobs:
        path = job.real_path
        if path is not None and is_table(path):
            yield from _record_units(job.path, path, options, errors)
        elif path is not None and groups and not plan.grammar and _large_text(job, options):
            try:
                text = read_source(path)
            except InputError as exc:
                errors.append(str(exc))
                continue
            yield from large_file_units(job.path, text, groups, options.chunk_chars)
        else:
            size = len(job.source) if job.source is not None else _size(path)
            yield FileUnit(job.path, path, job.source, job.fmt, size)


def _size(path: str | None) -> int:
    try:
        return os.path.getsize(path) if path else 0
    except OSError:
        return 0


def _record_units(shown: str, path: str, options: ScaleOptions, errors: list[str]):
    consumed = [0]
    done = 0
    batch, chars = [], 0
    try:
        for rec in iter_records(path, options.fields, consumed):
            batch.append((rec.id, rec.index, rec.text, rec.source))
            chars += len(rec.text)
            if chars >= options.batch_chars:
                yield RecordsUnit(shown, batch, consumed[0] - done)
                done, batch, chars = consumed[0], [], 0
    except TableError as exc:
        errors.append(str(exc))
    if batch:
        yield RecordsUnit(shown, batch, consumed[0] - done)


def total_size(jobs) -> int:
    """Bytes on disk of the inputs (what the progress display counts)."""
    return sum(len(j.source) if j.source is not None else _size(j.real_path) for j in jobs)


# -- executors -----------------------------------------------------------------------------------
def local_map(units: Iterable, plan, workers: int) -> Iterator[UnitResult]:
    """Unit results in unit order from ``workers`` local processes, a bounded number of
    units in flight."""
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1:
        for unit in units:
            yield lint_unit(unit, plan)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from lint.runner import warm_and_freeze

    warm_and_freeze(plan)
    mp = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    pool = ProcessPoolExecutor(workers, mp_context=mp, initializer=_set_plan, initargs=(plan,))
    pending: deque = deque()
    try:
        for unit in units:
            pending.append(pool.submit(_lint_unit_here, unit))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_PLAN = None


def _set_plan(plan) -> None:
    global _PLAN
    _PLAN = plan


def _lint_unit_here(unit) -> UnitResult:
    return lint_unit(unit, _PLAN)


# -- the run -------------------------------------------------------------------------------------
def run_units(jobs, plan, *, options: ScaleOptions, workers: int = 0,
              progress: Callable[[int], None] | None = None, keep_lines: bool = False,
              on_findings: Callable[[list[Finding]], None] | None = None, errors=None,
              units: Iterable | None = None, keep_findings: bool = True):
    """Lint ``jobs`` as units (or the ``units`` given); ``progress(bytes)`` after each unit;
    ``on_findings`` gets each unit's findings as they are ready and, last, the corpus rules'
    findings and those that judge a word (they wait for the run's identifier vocabulary).
    Without ``keep_findings`` (they were written as they came) the result keeps one finding
    of each severity, enough for the exit code."""
    from lint import patterns
    from lint.corpus_state import CorpusState
    from lint.registry import all_rules
    from lint.runner import RunResult

    plan.keep_lines = keep_lines
    rules = all_rules()
    if plan.grammar:
        from lint.grammar import prepare

        plan.grammar = prepare(plan.grammar)  # fail fast (exit 2) before any unit is read
    unit_errors: list[str] = [] if errors is None else errors
    rereadable = units is None  # a second reading is possible (see NeedOccurrences)
    if units is None:
        units = iter_units(jobs, plan, options, unit_errors)
    reduce_remote = None
    if options.dask_scheduler:
        from lint.distributed import DaskRun

        dask_run = DaskRun(options.dask_scheduler, plan, prunable=rereadable)
        results = dask_run.map(units)
        reduce_remote = dask_run
    else:
        state = CorpusState(prunable=rereadable)
        results = _with_state(local_map(units, plan, workers), state, rules)
    findings: list[Finding] = []
    run_errors: list[str] = []
    lines: dict[str, dict[int, str]] = {}
    words = chars = 0
    vocab = RunVocabulary()
    # findings that judge a word wait for the run's whole vocabulary before they are streamed
    judging: list[Finding] = []
    try:
        for unit_result in results:
            new: list[Finding] = []
            for res, rec in zip(unit_result.results, unit_result.records, strict=True):
                if res.error:
                    run_errors.append(res.error)
                    continue
                for f in res.findings:
                    (judging if f.judged else new).append(f)
                words += res.words
                chars += res.chars
                vocab.add(res.vocabulary)
                if keep_lines and res.lines:
                    where = res.path if rec is None else f"{res.path}[{rec[0]}]"
                    lines.setdefault(where, {}).update(res.lines)
            new.sort(key=Finding.sort_key)
            _keep(findings, new, keep_findings)
            if on_findings is not None and new:
                on_findings(new)
            if progress is not None:
                progress(unit_result.size)
        if reduce_remote is not None:
            corpus_found = reduce_remote.finish(lambda s: _finish_local(s, jobs, plan, options))
        else:
            corpus_found = _finish_local(state, jobs, plan, options)
        # a word written as code anywhere in the run is an identifier everywhere
        corpus_found = vocab.filter(judging + corpus_found)
        corpus_found.sort(key=Finding.sort_key)
    finally:
        if reduce_remote is not None:
            reduce_remote.close()
    if on_findings is not None and corpus_found:
        on_findings(corpus_found)
    _keep(findings, corpus_found, keep_findings)
    findings.sort(key=Finding.sort_key)
    patterns.save()
    result = RunResult(findings, unit_errors + run_errors, len(jobs), words, chars,
                       vocabulary=frozenset(vocab.words))
    if keep_lines:
        result.lines = lines
    return result


def _keep(findings: list[Finding], new: list[Finding], everything: bool) -> None:
    if everything:
        findings.extend(new)
        return
    seen = {f.severity for f in findings}
    for f in new:
        if f.severity not in seen:
            findings.append(f)
            seen.add(f.severity)


def _with_state(results: Iterable, state, rules) -> Iterator:
    """``results`` passed on, each added to the corpus ``state`` first."""
    for unit_result in results:
        state.add_unit(unit_result, rules)
        yield unit_result


def _finish_local(state, jobs, plan, options: ScaleOptions) -> list[Finding]:
    """The corpus findings of ``state``; when a summary let go of data its reduce needs
    (spellings that became flaggable late in the run), the inputs are read again for that
    rule alone (locally) and the reduce runs once more."""
    from lint.chunking import _restricted
    from rules.names_summary import NeedOccurrences

    try:
        return state.finish(plan)
    except NeedOccurrences as need:
        code = need.code
        again = _restricted(plan, (code,))
        units = iter_units(jobs, again, options, [])
        state.restore(code, need.words, local_map(units, again, 1))
        return state.finish(plan)


# -- the command line ----------------------------------------------------------------------------
def options_from(args, config) -> ScaleOptions:
    fields = Fields(text=args.text_field or config.text_field,
                    id=args.id_field or config.id_field,
                    source=args.source_field or config.source_field)
    options = ScaleOptions(fields=fields,
                           dask_scheduler=args.dask_scheduler or config.dask_scheduler)
    if args.chunk_size is not None:
        if args.chunk_size < 1:
            from lint.cli import UsageError

            raise UsageError("--chunk-size must be positive")
        options.chunk_chars = options.batch_chars = args.chunk_size
    return options


def cli_run(jobs, plan, args, config, fmt: str, *, workers: int | None = None):
    """The run for ``mtlint check`` when it needs units (else None: the usual run);
    ``workers``: the worker count already checked and capped (else ``--jobs`` or the
    config's)."""
    options = options_from(args, config)
    if fmt != "json-lines" and not needs_units(jobs, options, plan):
        return None
    if args.fix and any(j.real_path and is_table(j.real_path) for j in jobs):
        from lint.cli import UsageError

        raise UsageError("--fix cannot change records of a table")
    on_findings = None
    keep = True
    if fmt == "json-lines":
        from lint.check_options import baseline_path

        # written as they come: kept only for what runs after (baseline, fixes, suppressions)
        keep = bool(baseline_path(args, config) or args.write_baseline or args.add_suppression
                    or args.show_fixes or args.fix or args.diff)
        from lint.reporters.json_lines import write_findings

        def on_findings(found):
            write_findings(found, sys.stdout)
            sys.stdout.flush()

    total = total_size(jobs)
    with _progress(total, args) as advance:
        return run_units(jobs, plan, options=options,
                         workers=workers if workers is not None else args.jobs or config.jobs,
                         progress=advance, keep_lines=fmt == "rich", on_findings=on_findings,
                         keep_findings=keep)


#: A run of at least this many bytes shows a progress bar on a terminal.
PROGRESS_BYTES = 8 << 20


def _progress(total: int, args):
    from contextlib import contextmanager, nullcontext

    if args.no_progress or args.quiet or total < PROGRESS_BYTES or not sys.stderr.isatty():
        return nullcontext(None)

    @contextmanager
    def bar():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TimeElapsedColumn,
            TransferSpeedColumn,
        )

        with Progress("Linting", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                      TimeElapsedColumn(), console=Console(stderr=True),
                      transient=True, redirect_stdout=False, redirect_stderr=False) as progress:
            task = progress.add_task("lint", total=total)
            yield lambda n: progress.advance(task, n)

    return bar()
