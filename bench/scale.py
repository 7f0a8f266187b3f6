"""Peak memory and throughput of one ``mtlint check`` run on a large input, and the speed-up
from one worker to two.

``python -m bench.scale INPUT [mtlint check options]`` runs the command in this process with
its report going to /dev/null, then prints one JSON line: input bytes, seconds, MB/s, the
main process's peak RSS and the largest worker's peak RSS (MB), and the CPU seconds of the
main process and its workers together.

``python -m bench.scale --scaling INPUT [mtlint check options]`` runs the same check four
times, each in a fresh process: local ``-j 1`` and ``-j 2``, and on a Dask ``LocalCluster``
(started here, on loopback) with one and with two single-threaded worker processes; it prints
one JSON line per run and then the speed-up of two workers over one, locally and on the
cluster (1.0 = none, 2.0 = linear). Wall-clock: run it on an otherwise idle machine. The
cluster's workers run without Dask's sampling profiler, as docs/corpus-scale.md advises;
``python -m bench.scale --cluster N [--worker-profiler] INPUT [options]`` runs one cluster
measurement (with the profiler on, to compare).
``--repeat N`` makes N rounds of the four runs and prints the median speed-ups (this machine's
speed drifts by up to half between runs of minutes apart).
``--scaling INPUT --findings DIR`` also writes each run's report (``--format json``, findings
sorted) to DIR and says whether the four runs' findings are identical byte for byte.

Make inputs with ``python -m bench.synth``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time


def measure(argv: list[str]) -> dict:
    from lint.cli import main as mtlint

    size = os.path.getsize(argv[0])
    start = time.perf_counter()
    stdout = sys.stdout
    with open(os.devnull, "w") as sink:
        sys.stdout = sink
        try:
            code = mtlint(["check", *argv, "--no-cache"])
        finally:
            sys.stdout = stdout
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_rss, worker_rss = own.ru_maxrss / 1024, children.ru_maxrss / 1024
    # CPU seconds of the main process and its (finished) workers: on a busy machine the
    # wall time says little about scaling, the CPU time says whether splitting costs extra
    main_cpu = own.ru_utime + own.ru_stime
    worker_cpu = children.ru_utime + children.ru_stime
    return {"input": argv[0], "bytes": size, "exit": code, "seconds": round(seconds, 1),
            "mb_per_s": round(size / 1e6 / seconds, 3), "main_cpu_s": round(main_cpu, 1),
            "worker_cpu_s": round(worker_cpu, 1),
            "main_peak_rss_mb": round(main_rss), "worker_peak_rss_mb": round(worker_rss),
            "args": argv[1:]}


def _own_usage() -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of the calling process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime, own.ru_maxrss / 1024


def _cluster_run(workers: int, argv: list[str], profile: bool = False) -> dict:
    """``argv`` on a LocalCluster of ``workers`` single-threaded worker processes, with Dask's
    sampling profiler off (as docs/corpus-scale.md advises) unless ``profile``."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": profile}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         host="127.0.0.1", dashboard_address=None) as cluster:
        out = measure([*argv, "--dask-scheduler", cluster.scheduler_address])
        # the workers are not this process's finished children: ask them
        from distributed import Client

        with Client(cluster.scheduler_address) as client:
            usage = list(client.run(_own_usage).values())
    out["worker_cpu_s"] = round(sum(cpu for cpu, _ in usage), 1)
    out["worker_peak_rss_mb"] = round(max(rss for _, rss in usage))
    out["cluster_workers"] = workers
    out["worker_profiler"] = profile
    return out


def _pop_option(argv: list[str], name: str) -> str | None:
    """Remove ``name VALUE`` from ``argv`` (in place) and return VALUE, or None."""
    if name not in argv:
        return None
    at = argv.index(name)
    value = argv[at + 1]
    del argv[at:at + 2]
    return value


def scaling(argv: list[str]) -> int:
    """Four runs in fresh processes (so no run inherits another's warm caches or memory), in
    ``--repeat N`` rounds: this machine's speed drifts between runs, so each round's speed-ups
    compare runs made minutes apart, and the summary gives every round and the median."""
    keep = _pop_option(argv, "--findings")
    if keep is not None:
        os.makedirs(keep, exist_ok=True)
    rounds = int(_pop_option(argv, "--repeat") or 1)
    runs = {"local 1": ["--one", "-j", "1"], "local 2": ["--one", "-j", "2"],
            "cluster 1": ["--cluster", "1"], "cluster 2": ["--cluster", "2"]}
    speedups: dict[str, list[float]] = {"local": [], "cluster": []}
    reports = {}
    for round_no in range(rounds):
        seconds = {}
        for name, how in runs.items():
            run_argv = list(argv)
            if keep is not None and round_no == 0:
                reports[name] = os.path.join(keep, name.replace(" ", "-") + ".json")
                run_argv += ["--format", "json", "--output-file", reports[name]]
            if how[0] == "--cluster":
                cmd = [sys.executable, "-m", "bench.scale", *how, *run_argv]
            else:
                cmd = [sys.executable, "-m", "bench.scale", *run_argv, *how[1:]]
            line = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            result = json.loads(line.strip().splitlines()[-1])
            result["run"], result["round"] = name, round_no + 1
            print(json.dumps(result), flush=True)
            seconds[name] = result["seconds"]
        for kind in speedups:
            speedups[kind].append(round(seconds[f"{kind} 1"] / seconds[f"{kind} 2"], 2))
    summary = {}
    for kind, values in speedups.items():
        summary[f"speedup_{kind}_1_to_2"] = values
        summary[f"median_speedup_{kind}_1_to_2"] = statistics.median(values)
    if reports:
        found = {name: _findings_bytes(path) for name, path in reports.items()}
        summary["findings"] = len(json.loads(found["local 1"]))
        summary["identical"] = len(set(found.values())) == 1
    print(json.dumps(summary))
    return 0 if summary.get("identical", True) else 1


def _findings_bytes(report: str) -> str:
    """The findings of a JSON report, serialised the same way for every run."""
    with open(report, encoding="utf-8") as f:
        return json.dumps(json.load(f)["findings"], sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    if argv[0] == "--scaling":
        return scaling(argv[1:])
    if argv[0] == "--cluster":
        profile = "--worker-profiler" in argv
        rest = [a for a in argv[2:] if a != "--worker-profiler"]
        print(json.dumps(_cluster_run(int(argv[1]), rest, profile)))
        return 0
    print(json.dumps(measure(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
