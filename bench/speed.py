"""Speed: ``mtlint check`` throughput, one-file start time, peak memory, and proselint beside it.

``python -m bench.speed DIR... [--runs 3] [--profile]`` runs ``mtlint check DIR... --format
json --no-cache`` as a subprocess (default rules, whole directories, parallel as the CLI does;
every timed run is cold), then proselint's CLI on the same files, and prints a Markdown table
with issue 6's targets beside the measured values, the same run with one trivial rule (what the
engine alone costs), and a run over unchanged files with a warm results cache (primed once, in
a temporary cache directory of its own).
``--costs`` times each default rule in one process; ``--profile`` runs pyinstrument on an
in-process, single-process run and prints the top of the profile; ``--instructions [N]``
counts the instructions of one process over every N-th file under valgrind, a figure that
does not drift with the machine's load (seconds here varied by 2x between sessions).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_MBS = 5.0
TARGET_RATIO = 30.0
TARGET_START = 0.25
#: A rule that costs next to nothing (replacement characters): `--select` it to time the engine.
FLOOR_RULE = "E004"

# Runs a command and prints the peak RSS of it and its children (KiB), so each measurement gets
# its own getrusage(RUSAGE_CHILDREN) instead of the maximum over this whole process.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "with open(sys.argv[1], 'wb') as out:\n"
    "    r = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
)


def _bin(name: str) -> str:
    here = os.path.join(os.path.dirname(sys.executable), name)
    return here if os.path.exists(here) else (shutil.which(name) or name)


def mtlint_cmd(paths: list[str], extra: list[str] = (), *, cache_dir: str | None = None
               ) -> list[str]:
    """The timed command: cold (``--no-cache``) unless a results cache directory is given."""
    cache = ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    return [_bin("mtlint"), "check", *paths, "--format", "json", "--no-progress", *cache,
            *extra]


def proselint_cmd(paths: list[str]) -> list[str]:
    return [_bin("proselint"), "check", "--output-format", "json", *paths]


def _env() -> dict[str, str]:
    """The environment of a timed run: Python may cache bytecode, as it does on a user's
    machine (a sandbox that sets PYTHONDONTWRITEBYTECODE makes every start compile mtlint's
    modules again, ~40 ms); ``MTLINT_BENCH_NO_BYTECODE=1`` keeps the variable to time that."""
    env = dict(os.environ)
    if not env.get("MTLINT_BENCH_NO_BYTECODE"):
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(cmd: list[str], stdout: str = os.devnull) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB of the command and its children, return code)."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, stdout, *cmd], capture_output=True,
                         text=True, check=False, env=_env())
    wall = time.perf_counter() - t0
    try:
        rss, code = (int(x) for x in out.stdout.split())
    except ValueError:
        raise RuntimeError(f"{cmd[0]} failed: {out.stderr.strip()[-500:]}") from None
    return wall, rss, code


def corpus_size(paths: list[str]) -> tuple[int, int, list[str]]:
    """(files, bytes, file list) of what ``mtlint check`` lints under ``paths``."""
    from lint.discover import discover

    found = discover(paths, respect_gitignore=False)
    size = sum(os.path.getsize(f) for f in found.files)
    return len(found.files), size, found.files


def one_file_start(path: str, runs: int = 5) -> float:
    env = _env()
    subprocess.run(mtlint_cmd([path]), capture_output=True, check=False, env=env)  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(mtlint_cmd([path]), capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def warm_cache(paths: list[str], extra: list[str] = (), runs: int = 3) -> float:
    """Best wall seconds of ``mtlint check`` over unchanged files with a warm results cache:
    one priming run fills a cache directory of its own, then ``runs`` timed runs read it. The
    warm reports must equal the priming run's."""
    with tempfile.TemporaryDirectory(prefix="mtlint-cache-") as tmp:
        cache = os.path.join(tmp, "cache")
        first, again = os.path.join(tmp, "first.json"), os.path.join(tmp, "again.json")
        timed(mtlint_cmd(paths, extra, cache_dir=cache), first)
        walls = []
        for _ in range(runs):
            walls.append(timed(mtlint_cmd(paths, extra, cache_dir=cache), again)[0])
            with open(first, encoding="utf-8") as a, open(again, encoding="utf-8") as b:
                if a.read() != b.read():
                    raise RuntimeError("a warm-cache run reported other findings than the "
                                       "run that filled the cache")
        return min(walls)


def one_big_file(files: list[str], runs: int = 1) -> tuple[float, int]:
    """(best wall seconds, bytes) of ``mtlint check`` on all of ``files`` joined into one text
    file: a rule whose cost grows faster than the document shows here, not in a corpus of
    small files."""
    with tempfile.TemporaryDirectory(prefix="mtlint-big-") as tmp:
        path = os.path.join(tmp, "joined.txt")
        with open(path, "w", encoding="utf-8") as out:
            for f in files:
                try:
                    with open(f, encoding="utf-8") as fh:
                        out.write(fh.read().strip() + "\n\n")
                except (OSError, UnicodeDecodeError):
                    continue
        size = os.path.getsize(path)
        return min(timed(mtlint_cmd([path]))[0] for _ in range(runs)), size


def _stage(files: list[str], limit: int | None) -> tuple[list[str], tempfile.TemporaryDirectory
                                                        | None]:
    """A directory holding only ``files`` (symlinks), when a sample is asked for."""
    if not limit or limit >= len(files):
        return files, None
    tmp = tempfile.TemporaryDirectory(prefix="mtlint-speed-")
    step = len(files) / limit
    for i in range(limit):
        src = os.path.abspath(files[int(i * step)])
        dest = os.path.join(tmp.name, f"{i:05d}{os.path.splitext(src)[1]}")
        os.symlink(src, dest)
    return [tmp.name], tmp


def measure(paths: list[str], *, runs: int = 3, limit: int | None = None,
            proselint: bool = True, jobs: int | None = None) -> dict:
    n_files, size, files = corpus_size(paths)
    staged, tmp = _stage(files, limit)
    try:
        if tmp is not None:
            n_files, size, _ = corpus_size(staged)
        extra = ["--jobs", str(jobs)] if jobs else []
        walls, rss = [], 0
        report = os.path.join(tempfile.gettempdir(), f"mtlint-speed-{os.getpid()}.json")
        for _ in range(runs):
            wall, peak, code = timed(mtlint_cmd(staged, extra), report)
            try:  # exit 2 with a full report: some files were not text (they are skipped)
                with open(report, encoding="utf-8") as fh:
                    json.load(fh)["summary"]
            except (OSError, ValueError, KeyError):
                raise RuntimeError(f"mtlint check exited {code} without a report") from None
            walls.append(wall)
            rss = max(rss, peak)
        os.unlink(report)
        wall = min(walls)
        # the engine alone: the same run with one trivial rule (reading, segmenting,
        # start-up, the pool, the report): the ceiling that no rule tuning can pass
        floor = min(timed(mtlint_cmd(staged, [*extra, "--select", FLOOR_RULE]))[0]
                    for _ in range(runs))
        big_wall, big_size = one_big_file(files, runs)
        warm = warm_cache(staged, extra, runs)
        result = {"files": n_files, "bytes": size, "mtlint_seconds": wall,
                  "big_file_seconds": big_wall, "big_file_mb_s": big_size / 1e6 / big_wall,
                  "mtlint_mb_s": size / 1e6 / wall, "mtlint_files_s": n_files / wall,
                  "mtlint_peak_mb": rss / 1024, "floor_seconds": floor,
                  "floor_mb_s": size / 1e6 / floor, "warm_seconds": warm,
                  "one_file_seconds": one_file_start(files[0])}
        if proselint and not os.path.exists(_bin("proselint")):
            print("proselint is not installed (pip install -e '.[bench]'): measured without it",
                  file=sys.stderr)
        elif proselint:
            pwall, prss, _ = timed(proselint_cmd(staged))
            result.update(proselint_seconds=pwall, proselint_mb_s=size / 1e6 / pwall,
                          proselint_peak_mb=prss / 1024, ratio=pwall / wall)
        return result
    finally:
        if tmp is not None:
            tmp.cleanup()


def speed_table(r: dict) -> str:
    def ok(good: bool) -> str:
        return "yes" if good else "**no**"

    rows = [
        ("throughput (MB/s)", f"{r['mtlint_mb_s']:.2f}", f"≥ {TARGET_MBS:g}",
         ok(r["mtlint_mb_s"] >= TARGET_MBS)),
        ("files/s", f"{r['mtlint_files_s']:.0f}", "", ""),
        ("wall time (s)", f"{r['mtlint_seconds']:.2f}", "", ""),
        ("one-file check (s, median)", f"{r['one_file_seconds']:.3f}", f"≤ {TARGET_START:g}",
         ok(r["one_file_seconds"] <= TARGET_START)),
        ("peak memory (MB, largest process)", f"{r['mtlint_peak_mb']:.0f}", "", ""),
    ]
    if "big_file_seconds" in r:
        rows.insert(3, ("the same text as one file, MB/s (one process)",
                        f"{r['big_file_mb_s']:.2f} ({r['big_file_seconds']:.2f} s)", "", ""))
    if "floor_seconds" in r:
        rows.insert(3, (f"engine alone: one trivial rule ({FLOOR_RULE}), MB/s",
                        f"{r['floor_mb_s']:.2f} ({r['floor_seconds']:.2f} s)", "", ""))
    if "warm_seconds" in r:
        rows.insert(3, ("warm cache (unchanged files), wall time (s)",
                        f"{r['warm_seconds']:.2f} ({r['mtlint_seconds'] / r['warm_seconds']:.1f}"
                        "× faster than cold)", "", ""))
    if "proselint_seconds" in r:
        rows += [
            ("proselint 0.16 wall time (s)", f"{r['proselint_seconds']:.2f}", "", ""),
            ("proselint throughput (MB/s)", f"{r['proselint_mb_s']:.2f}", "", ""),
            ("proselint peak memory (MB)", f"{r['proselint_peak_mb']:.0f}", "", ""),
            ("speed-up over proselint", f"{r['ratio']:.1f}×", f"≥ {TARGET_RATIO:g}×",
             ok(r["ratio"] >= TARGET_RATIO)),
        ]
    head = (f"{r['files']} files, {r['bytes'] / 1e6:.2f} MB, {os.cpu_count()} CPUs, "
            f"best of the runs\n\n")
    lines = ["| measure | mtlint | target | met |", "|---|--:|--:|:-:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return head + "\n".join(lines) + "\n"


def apply_rule(rule, doc, ctx) -> None:
    """Run one rule on one document as a worker does (a corpus rule: its collect step)."""
    args = (doc, ctx) if rule.wants_ctx else (doc,)
    if rule.is_corpus:
        rule.collect(*args)
    else:
        for _ in rule.check(*args):
            pass


def rule_costs(paths: list[str]) -> tuple[int, list[tuple[str, float]]]:
    """(bytes, [(rule code or "read", seconds)]): one process, each document read once and
    every default rule run on it in turn, as a worker does. A cache that several rules share
    (sentences, tokens, the names scan) is paid by the first rule that asks for it."""
    from lint.config import Config
    from lint.discover import discover
    from lint.readers import read_document
    from lint.runner import InputError, _warm_up, build_plan, read_source

    plan = build_plan(Config())
    _warm_up(plan)
    rules = plan.selection.rules()
    cost: dict[str, float] = {"read": 0.0}
    size = 0
    for path in discover(paths, respect_gitignore=False).files:
        t0 = time.perf_counter()
        try:
            source = read_source(path)
        except InputError:
            continue
        doc = read_document(path, source)
        cost["read"] += time.perf_counter() - t0
        size += len(source.encode("utf-8"))
        for rule in rules:
            t0 = time.perf_counter()
            apply_rule(rule, doc, plan.ctx)
            cost[rule.code] = cost.get(rule.code, 0.0) + time.perf_counter() - t0
    return size, sorted(cost.items(), key=lambda kv: -kv[1])


def cost_table(size: int, costs: list[tuple[str, float]], top: int = 12) -> str:
    total = sum(s for _, s in costs)
    lines = [f"One process, {size / 1e6:.2f} MB: {total:.2f} s in all = {size / 1e6 / total:.2f} "
             "MB/s single-threaded (corpus rules: collect only)\n",
             "| step | seconds | share | MB/s alone |", "|---|--:|--:|--:|"]
    for code, sec in costs[:top]:
        lines.append(f"| {code} | {sec:.3f} | {sec / total:.0%} | {size / 1e6 / sec:.0f} |")
    rest = sum(s for _, s in costs[top:])
    if rest:
        lines.append(f"| {len(costs) - top} others | {rest:.3f} | {rest / total:.0%} | |")
    return "\n".join(lines) + "\n"


def run_sample(paths: list[str], every: int) -> None:
    """The workload that :func:`instructions` counts: every ``every``-th file of ``paths``
    read and checked by every default rule in this one process (corpus rules: collect),
    start-up, imports and the lexicon's load included."""
    from lint.config import Config
    from lint.discover import discover
    from lint.readers import read_document
    from lint.runner import InputError, _warm_up, build_plan, read_source

    plan = build_plan(Config())
    _warm_up(plan)
    rules = plan.selection.rules()
    for path in discover(paths, respect_gitignore=False).files[::every]:
        try:
            doc = read_document(path, read_source(path))
        except InputError:
            continue
        for rule in rules:
            apply_rule(rule, doc, plan.ctx)


_COLLECTED_RE = re.compile(r"Collected\s*:\s*([\d,]+)")


def parse_collected(valgrind_stderr: str) -> int | None:
    """The instruction count callgrind reports (``==123== Collected : 2532538968``)."""
    m = _COLLECTED_RE.search(valgrind_stderr)
    return int(m.group(1).replace(",", "")) if m else None


def instructions(paths: list[str], every: int = 10) -> int | None:
    """Instructions executed by :func:`run_sample` under valgrind's callgrind: unlike seconds,
    the same for the same code and input whatever else the machine is doing (hash seeds
    fixed), so two commits compare to the percent. None without valgrind. About a minute for
    every tenth file of the news corpus."""
    if shutil.which("valgrind") is None:
        return None
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    absolute = [os.path.abspath(p) for p in paths]  # the child runs in the repository root
    code = f"from bench.speed import run_sample; run_sample({absolute!r}, {every})"
    env = {**_env(), "PYTHONHASHSEED": "0"}
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"valgrind failed: {out.stderr.strip()[-500:]}")
    return parse_collected(out.stderr)


def profile(paths: list[str], top: int = 40) -> str:
    """pyinstrument over an in-process, single-process run of the default rules."""
    from pyinstrument import Profiler

    from lint.config import Config
    from lint.discover import discover
    from lint.registry import all_rules
    from lint.runner import Job, build_plan, run

    all_rules()
    plan = build_plan(Config())
    jobs = [Job(p, p) for p in discover(paths, respect_gitignore=False).files]
    profiler = Profiler(interval=0.001)
    profiler.start()
    run(jobs, plan, workers=1)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return "\n".join(text.splitlines()[:top]) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="+", help="directories (or files) to lint")
    p.add_argument("--runs", type=int, default=3, help="mtlint runs (the best counts)")
    p.add_argument("--limit", type=int, help="at most N files (an even sample)")
    p.add_argument("--jobs", type=int, help="pass --jobs to mtlint (default: the CLI's)")
    p.add_argument("--no-proselint", action="store_true")
    p.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    p.add_argument("--costs", action="store_true", help="print each rule's single-thread cost")
    p.add_argument("--instructions", type=int, metavar="N", nargs="?", const=10,
                   help="count the instructions of one process over every N-th file "
                        "(valgrind; default 10): a measure that does not drift with the machine")
    p.add_argument("--json", help="write the numbers to this file")
    args = p.parse_args(argv)
    r = measure(args.paths, runs=args.runs, limit=args.limit, proselint=not args.no_proselint,
                jobs=args.jobs)
    sys.stdout.write(speed_table(r))
    if args.costs:
        sys.stdout.write("\n" + cost_table(*rule_costs(args.paths)))
    if args.instructions:
        count = instructions(args.paths, args.instructions)
        if count is None:
            print("valgrind is not installed: no instruction count", file=sys.stderr)
        else:
            sys.stdout.write(f"\nInstructions, one process over every {args.instructions}th "
                             f"file (callgrind, start-up included): {count:,}\n")
            r["instructions"] = count
    if args.profile:
        sys.stdout.write("\n```\n" + profile(args.paths) + "```\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(r, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
