"""The run: discover files, read them, apply rules in parallel, filter, sort.

Per-document rules run in worker processes, one file a job; corpus rules split into a
``collect`` step in the worker and a ``reduce`` step here, so only small data crosses
processes. The run's identifier vocabulary (:mod:`lint.identifiers`) is applied here too, to
every file's findings. Output order is deterministic: path, then position.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field

from lint import patterns
from lint.config import Config
from lint.context import LOADERS, Context
from lint.document import Document
from lint.finding import SEVERITY_RANK, Finding, Hit
from lint.identifiers import RunVocabulary
from lint.selection import Selection
from lint.suppress import Suppressions
from lint.textdecode import DecodeProblem, decode_text

UNUSED_SUPPRESSION = "M001"
#: Below this many files the process pool costs more than it saves.
PARALLEL_THRESHOLD = 8


@dataclass
class Plan:
    """Everything a worker needs, picklable."""

    selection: Selection
    severity: dict[str, str]
    per_file_ignores: list[tuple[str, list[str]]]
    ctx: Context
    grammar: dict = field(default_factory=dict)  # empty: no grammar engine
    keep_lines: bool = False  # return the source lines of findings (for the rich report)
    root: str | None = None  # per-file-ignores are relative to it (the config's directory)


@dataclass
class Job:
    path: str  # as shown in reports
    real_path: str | None  # None: source given (stdin)
    source: str | None = None
    fmt: str | None = None
    pair: object = None  # a lint.translation.pairs.PairSpec: the file is a translation


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    corpus: dict[str, object] = field(default_factory=dict)
    line_starts: list[int] | None = None
    suppressions: Suppressions | None = None
    words: int = 0
    chars: int = 0
    lines: dict[int, str] = field(default_factory=dict)  # line number -> text, when kept
    digest: bytes | None = None  # of the text linted (lint.cache.content_digest), for --fix
    #: What the document writes as code (lint.identifiers): a set of words, for the run's
    #: identifier vocabulary.
    vocabulary: frozenset[str] = frozenset()


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[str]
    files: int
    words: int
    chars: int
    lines: dict[str, dict[int, str]] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)  # path -> digest of what was linted
    #: The words the run writes as code (lint.identifiers): findings judging one are dropped.
    vocabulary: frozenset[str] = frozenset()

    def source_line(self, path: str, line: int) -> str:
        return self.lines.get(path, {}).get(line, "")

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)


class InputError(Exception):
    """A file could not be read as text."""


def decode(path: str, data: bytes) -> str:
    try:
        return decode_text(data)
    except DecodeProblem as exc:
        raise InputError(f"{path}: {exc}, not linted") from None


def read_source(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return decode(path, data)


# -- worker side -------------------------------------------------------------------------------
_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan


def _init_pool_worker(plan: Plan) -> None:
    from lint.interrupt import worker_signals

    worker_signals()
    _init_worker(plan)


def _selection_for(plan: Plan, path: str) -> Selection:
    if not plan.per_file_ignores:
        return plan.selection
    if plan.root is not None:
        rel = os.path.relpath(os.path.abspath(path), plan.root)
        path = path if rel.startswith("..") else rel
    extra = [codes for pattern, codes in plan.per_file_ignores if _glob_match(pattern, path)]
    if not extra:
        return plan.selection
    return plan.selection.without([c for codes in extra for c in codes])


def _glob_match(pattern: str, path: str) -> bool:
    return _glob_spec(pattern).match_file(path)


@functools.lru_cache(maxsize=256)
def _glob_spec(pattern: str):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def lint_document(doc: Document, plan: Plan) -> FileResult:
    """Run the selected rules on one document (no I/O)."""
    selection = _selection_for(plan, doc.path)
    rules = selection.rules()
    result = FileResult(doc.path, words=doc.word_count, chars=len(doc.source))
    raw: list[tuple[str, str, str, Hit]] = []  # (code, name, default severity, hit)
    for rule in rules:
        if rule.is_corpus:
            args = (doc, plan.ctx) if rule.wants_ctx else (doc,)
            result.corpus[rule.code] = rule.collect(*args)
        elif rule.check is not None:
            args = (doc, plan.ctx) if rule.wants_ctx else (doc,)
            for hit in rule.check(*args):
                raw.append((hit.code or rule.code, hit.rule or rule.name,
                            hit.severity or rule.severity, hit))
    if plan.grammar:
        from lint.grammar import grammar_hits

        for hit in grammar_hits(doc, plan.grammar):
            if selection.allows(hit.code):
                raw.append((hit.code, hit.rule or hit.code, hit.severity or "warning", hit))
    if doc.translation is not None:
        from lint.translation.faithful import filter_repetition

        raw = filter_repetition(doc, raw)
    sup = Suppressions.from_document(doc)
    for code, name, severity, hit in raw:
        if sup.suppresses(code, hit.offset):
            continue
        result.findings.append(make_finding(doc.path, doc.position, code, name,
                                            plan.severity.get(code, severity), hit))
    result.suppressions = sup
    if doc.code:
        from lint.identifiers import vocabulary

        result.vocabulary = vocabulary(doc)
    if plan.keep_lines:
        result.lines = {n: doc.line_text(n) for f in result.findings
                        for n in range(f.line, f.end_line + 1)}
    if any(r.is_corpus for r in rules) or selection.allows(UNUSED_SUPPRESSION, False):
        result.line_starts = doc.line_starts
    return result


def make_finding(path, position, code, name, severity, hit: Hit) -> Finding:
    line, col = position(hit.offset)
    end_line, end_col = position(hit.end_offset)
    return Finding(path, line, col, end_line, end_col, hit.offset, hit.end_offset, code, name,
                   severity, hit.message, list(hit.suggestions), hit.fix, hit.related,
                   judged=hit.judged)


def lint_job(job: Job) -> FileResult:
    from lint.readers import read_document

    plan = _PLAN
    try:
        source = job.source if job.source is not None else read_source(job.real_path)
        doc = read_document(job.path, source, job.fmt)  # a malformed PO/XLIFF file raises
    except InputError as exc:
        return FileResult(job.path, error=str(exc))
    if job.pair is not None:
        from lint.translation.pairs import attach

        attach(doc, job.pair)
    result = lint_document(doc, plan)
    if job.real_path is not None:
        from lint.digest import content_digest

        result.digest = content_digest(source, doc.format)
    patterns.save()  # what this worker compiled, for the next run (a no-op once stored)
    return result


def lint_job_packed(job: Job):
    """A worker's job in a run with the results cache: ``(result, digest, packed)``, with the
    digest of the text it read and the result encoded for the cache here, in the worker (in
    parallel, and as the worker returned it); ``(result, None, None)`` for an error or stdin."""
    from lint.cache import content_digest, pack
    from lint.readers import format_for

    try:
        source = job.source if job.source is not None else read_source(job.real_path)
    except InputError as exc:
        return FileResult(job.path, error=str(exc)), None, None
    result = lint_job(Job(job.path, job.real_path, source, job.fmt))
    if job.real_path is None:
        return result, None, None
    return result, content_digest(source, job.fmt or format_for(job.path)), pack(result)


# -- main side ---------------------------------------------------------------------------------
def build_plan(config: Config, *, select=None, ignore=(), extend_select=(), grammar=None) -> Plan:
    selection = Selection.from_lists(
        select if select is not None else config.select,
        list(config.ignore) + list(ignore),
        list(config.extend_select) + list(extend_select),
    )
    from lint.registry import all_rules

    all_rules()  # rule modules register their config loaders when imported
    ctx = Context(sections=dict(config.sections))
    for section, load in LOADERS.items():
        ctx.resources[section] = load(config.section(section), config.root)
    return Plan(
        selection=selection,
        severity=dict(config.severity),
        per_file_ignores=list(config.per_file_ignores.items()),
        ctx=ctx,
        grammar=grammar or {},
        root=config.root if config.path else None,
    )


def run(jobs: list[Job], plan: Plan, *, workers: int = 0, progress=None,
        keep_lines: bool = False, cache=None) -> RunResult:
    """Lint ``jobs``; ``cache`` (a :class:`lint.cache.ResultCache`) reuses per-file results.

    The results cache is not used with a grammar engine (it has its own paragraph cache, and a
    LanguageTool server can change under us) nor for text from stdin.
    """
    from lint.registry import all_rules

    plan.keep_lines = keep_lines

    rules = all_rules()  # import rule modules before forking
    if plan.grammar:
        from lint.grammar import prepare
        from lint.grammar.selected import with_selected_rules

        # fail fast (exit 2) before any file is read; `--select HARPER:AnA` turns AnA on
        plan.grammar = prepare(with_selected_rules(plan.grammar, plan.selection))
        cache = None
    if cache is None:
        results = list(_map(jobs, plan, workers, progress))
        digests: list[bytes | None] = [None] * len(jobs)
    else:
        results, digests = _cached_map(jobs, plan, workers, progress, cache)
    reduce_keys: dict[str, bytes | None] = {}
    cached_reduce: dict[str, list] = {}
    if cache is not None:
        # A corpus rule's reduce is a function of every file's collect data, so of the
        # files' paths and digests: with none of them changed, its last output is reused.
        parts = [(r.path, d) for r, d in zip(results, digests, strict=True) if not r.error]
        corpus_codes = [r.code for r in plan.selection.rules() if r.is_corpus]
        for code in corpus_codes:
            reduce_keys[code] = key = cache.reduce_key(code, parts)
            got = cache.get_reduce(code, key)
            if got is not None:
                cached_reduce[code] = got
        if len(cached_reduce) < len(corpus_codes):
            _fill_corpus(jobs, results, plan, cache)
    findings, errors = [], []
    words = chars = 0
    vocab = RunVocabulary()
    for res in results:
        if res.error:
            errors.append(res.error)
            continue
        findings.extend(res.findings)
        words += res.words
        chars += res.chars
        vocab.add(res.vocabulary)
    by_path = {r.path: r for r in results if not r.error}
    for code, rule in rules.items():
        if not rule.is_corpus:
            continue
        key = reduce_keys.get(code)
        reduced = cached_reduce.get(code)
        if reduced is None:
            items = [(r.path, r.corpus[code]) for r in results if code in r.corpus]
            reduced = []
            if items:
                args = (items, plan.ctx) if rule.wants_ctx else (items,)
                reduced = list(rule.reduce(*args))
            if key is not None:
                cache.put_reduce(code, key, reduced)
        for path, hit in reduced:
            res = by_path[path]
            if not _selection_for(plan, path).allows(rule.code, rule.default):
                continue
            if res.suppressions and res.suppressions.suppresses(rule.code, hit.offset):
                continue
            findings.append(make_finding(path, _positioner(res.line_starts), rule.code,
                                         rule.name, plan.severity.get(rule.code, rule.severity),
                                         hit))
    if cache is not None:
        cache.save()
    # a word written as code in one file is an identifier in all: after the per-file results
    # (cached or fresh, whole or split), so none of them depends on the other files
    findings = vocab.filter(findings)
    if plan.selection.allows(UNUSED_SUPPRESSION, False):
        findings.extend(_unused_suppressions(results, plan))
    findings.sort(key=Finding.sort_key)
    patterns.save()  # what this run compiled, for the next one
    result = RunResult(findings, errors, len(jobs), words, chars,
                       vocabulary=frozenset(vocab.words))
    result.digests = {r.path: r.digest for r in results if r.digest is not None}
    if keep_lines:
        result.lines = {r.path: r.lines for r in results if not r.error}
        _add_missing_lines(result, jobs)
    return result


def _cached_map(jobs: list[Job], plan: Plan, workers: int, progress, cache):
    """Results in job order: hits from ``cache``, the misses linted; and each file's digest
    (None for stdin and unreadable files). A file the cache has an entry for is read once,
    here, to hash it (on a miss its text goes to the worker in ``Job.source``); a file it has
    never seen is read and hashed by the worker."""
    if any(job.real_path is not None for job in jobs):  # stdin alone: nothing to load
        cache.load(plan)
    results: list[FileResult | None] = [None] * len(jobs)
    todo: list[int] = []
    for i, job in enumerate(jobs):
        if job.real_path is None or not cache.has_entry(job):  # stdin is never cached
            todo.append(i)
            continue
        try:
            source = job.source if job.source is not None else read_source(job.real_path)
        except InputError as exc:  # reported on every run, never cached
            results[i] = FileResult(job.path, error=str(exc))
        else:
            job.source = source
            results[i] = cache.get(job, source)
            if results[i] is None:
                todo.append(i)
                continue
        if progress:
            progress()
    for i, (res, digest, packed) in zip(todo, _map([jobs[i] for i in todo], plan, workers,
                                                   progress, lint_job_packed), strict=True):
        # packed as the worker returned it: the reduce below marks suppressions used
        cache.store(jobs[i], digest, packed)
        results[i] = res
    digests = [cache.digest(job) if job.real_path is not None and not res.error else None
               for job, res in zip(jobs, results, strict=True)]
    return results, digests


def _fill_corpus(jobs: list[Job], results: list[FileResult], plan: Plan, cache) -> None:
    """Give the cache hits their corpus collect data back (a reduce must run again); a file
    whose data cannot be read is linted again here."""
    for i, job in enumerate(jobs):
        if job.real_path is None or not cache.has_lazy_corpus(job):
            continue
        if not cache.fill_corpus(job, results[i]):
            _init_worker(plan)
            results[i] = lint_job(job)
            cache.put(job, results[i])


def _add_missing_lines(result: RunResult, jobs: list[Job]) -> None:
    """Corpus findings point at lines no worker kept: read those files once more."""
    from lint.document import Document

    missing = {f.path for f in result.findings
               if f.line not in result.lines.get(f.path, {})}
    for job in jobs:
        if job.path not in missing:
            continue
        try:
            source = job.source if job.source is not None else read_source(job.real_path)
        except InputError:
            continue
        doc = Document(job.path, source, "text")
        kept = result.lines.setdefault(job.path, {})
        for f in result.findings:
            if f.path == job.path:
                for n in range(f.line, f.end_line + 1):
                    kept.setdefault(n, doc.line_text(n))


def _unused_suppressions(results: list[FileResult], plan: Plan):
    for res in results:
        if res.error or not res.suppressions:
            continue
        for d in res.suppressions.unused():
            codes = ",".join(d.codes) or "all rules"
            hit = Hit(d.offset, d.end_offset, f"Suppression of {codes} suppressed nothing.")
            yield make_finding(res.path, _positioner(res.line_starts), UNUSED_SUPPRESSION,
                               "unused-suppression",
                               plan.severity.get(UNUSED_SUPPRESSION, "info"), hit)


def _positioner(line_starts):
    import bisect

    def position(offset):
        k = bisect.bisect_right(line_starts, offset) - 1
        return k + 1, offset - line_starts[k] + 1

    return position


def warm_and_freeze(plan: Plan) -> None:
    """Load the rules' data (:func:`_warm_up`) and take everything built so far out of the
    garbage collector's reach: the lexicons are never garbage, and a full collection would
    walk them again in every worker."""
    import gc

    _warm_up(plan)
    gc.freeze()


def _warm_up(plan: Plan) -> None:
    """Load shared data (sentence model, lexicons) once, before forking, so workers share it.

    A rule module opts in with a module-level ``warm_up()`` function; it runs only when one of
    the module's rules is selected (``--ignore N`` does not load the name index).
    """
    import importlib

    from lint.registry import RULE_MODULES
    from lint.sentences import split_sentences

    split_sentences("Warm up. Done.")
    selected = {(r.check or r.collect).__module__ for r in plan.selection.rules()
                if (r.check or r.collect) is not None}
    for name in RULE_MODULES:
        if name not in selected:
            continue
        module = sys.modules.get(name) or importlib.import_module(name)
        hook = getattr(module, "warm_up", None)
        if hook is not None:
            hook()


def _map(jobs: list[Job], plan: Plan, workers: int, progress, fn=lint_job):
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
        _init_worker(plan)
        for job in jobs:
            yield fn(job)
            if progress:
                progress()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    warm_and_freeze(plan)

    method = "fork" if sys.platform.startswith("linux") else None
    mp = multiprocessing.get_context(method)
    chunk = max(1, min(32, len(jobs) // (workers * 4)))
    from lint import interrupt

    pool = ProcessPoolExecutor(workers, mp_context=mp, initializer=_init_pool_worker,
                               initargs=(plan,))
    mask = interrupt.block()  # the workers fork in map(): none may run our signal handlers
    try:
        results = pool.map(fn, jobs, chunksize=chunk)
    finally:
        interrupt.unblock(mask)
    try:
        for res in results:
            yield res
            if progress:
                progress()
    except BaseException as exc:
        if not isinstance(exc, Exception):  # Ctrl-C, SIGTERM, abandoned: stop the workers now
            interrupt.stop_children()
        raise
    finally:
        # On an error (a grammar server gone) do not wait for the queued files.
        pool.shutdown(wait=True, cancel_futures=True)
