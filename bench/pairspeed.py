"""Cost of the paired (translation-QA) mode against the monolingual run, in instructions.

``python -m bench.pairspeed ../shared/corpus/mtdocs/arthas [--every N]`` runs ``mtlint check``
on the English pages (every N-th file) alone and with ``--source zh/`` (default rules, one
process, no cache) under valgrind's callgrind, which counts the same for the same code and
input whatever else the machine does, and prints both counts and their ratio.
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
    import argparse

    p = argparse.ArgumentParser(prog="python -m bench.pairspeed")
    p.add_argument("root", help="a folder with en/ and zh/ pages of the same names")
    p.add_argument("--every", type=int, default=1, help="every N-th page only")
    args = p.parse_args(argv)
    root = os.path.abspath(args.root)
    en, zh = os.path.join(root, "en"), os.path.join(root, "zh")
    pages = [os.path.join(en, n) for n in sorted(os.listdir(en)) if n.endswith(".md")]
    base = ["check", *pages[::args.every], "--no-cache", "-j1", "-q", "--format", "json"]
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
