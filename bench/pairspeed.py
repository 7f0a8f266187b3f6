"""Cost of the paired (translation-QA) mode against the monolingual run, in instructions.

``python -m bench.pairspeed ../shared/corpus/mtdocs/arthas`` runs ``mtlint check en/`` and
``mtlint check en/ --source zh/`` (default rules, one process, no cache) under valgrind's
callgrind, which counts the same for the same code and input whatever else the machine does,
and prints both counts and their ratio.
"""

from __future__ import annotations

import os
import subprocess
import sys

from bench.speed import _env, parse_collected


def count(args: list[str]) -> int | None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = f"from lint.cli import main; main({args!r})"
    env = {**_env(), "PYTHONHASHSEED": "0"}
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, env=env, check=False)
    return parse_collected(out.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = os.path.abspath(argv[0])
    en, zh = os.path.join(root, "en"), os.path.join(root, "zh")
    base = ["check", en, "--no-cache", "-j1", "-q", "--format", "json"]
    mono = count(base)
    paired = count([*base, "--source", zh])
    if mono is None or paired is None:
        print("valgrind not available or failed")
        return 1
    print(f"monolingual: {mono:,} instructions\npaired:      {paired:,} instructions\n"
          f"ratio:       {paired / mono:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
