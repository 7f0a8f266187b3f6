"""Peak memory and throughput of one ``mtlint check`` run on a large input.

``python -m bench.scale INPUT [mtlint check options]`` runs the command in this process with
its report going to /dev/null, then prints one JSON line: input bytes, seconds, MB/s, the
main process's peak RSS and the largest worker's peak RSS (MB), and the CPU seconds of the
main process and its workers together. Make inputs with
``python -m bench.synth``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.stderr.write(__doc__)
        return 2
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
    print(json.dumps({"input": argv[0], "bytes": size, "exit": code, "seconds": round(seconds, 1),
                      "mb_per_s": round(size / 1e6 / seconds, 3), "main_cpu_s": round(main_cpu, 1),
                      "worker_cpu_s": round(worker_cpu, 1),
                      "main_peak_rss_mb": round(main_rss), "worker_peak_rss_mb": round(worker_rss),
                      "args": argv[1:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
