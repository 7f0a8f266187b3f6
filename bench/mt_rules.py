"""Findings of chosen rules on clean text, with context, and their rate per 10,000 words.

``python -m bench.mt_rules --select R004,R005,S001 ../shared/corpus/news ../shared/corpus/docs``

Each corpus directory is split with :mod:`bench.splits` and only its test part is linted
(``--part all`` for corpora never tuned on, like package READMEs). Every finding printed is a
false positive unless reading it shows a genuine slip of the original; the table counts
findings per rule and per 10,000 words.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter


def lint_files(paths: list[str], select: list[str]):
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    plan = build_plan(Config(), select=select)
    return run([Job(p, p) for p in paths], plan, workers=0)


def corpus_part(root: str, part: str, seed: int = 1) -> list[str]:
    from bench.splits import corpus_files, split_files

    files = corpus_files(root) if os.path.isdir(root) else [root]
    if part == "all":
        return files
    return split_files(root, files, seed)[part]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.mt_rules", description=__doc__.split("\n")[0])
    p.add_argument("corpus", nargs="+")
    p.add_argument("--select", required=True, help="rule selectors, e.g. R004,R005,S")
    p.add_argument("--part", choices=("tune", "test", "all"), default="test")
    p.add_argument("--show", type=int, default=40, help="findings to print with context")
    args = p.parse_args(argv)
    select = [s.strip() for s in args.select.split(",") if s.strip()]
    w = sys.stdout.write
    rows = []
    for root in args.corpus:
        files = corpus_part(root, args.part)
        result = lint_files(files, select)
        counts = Counter(f.code for f in result.findings)
        for f in result.findings[: args.show]:
            with open(f.path, encoding="utf-8", errors="replace") as fh:
                src = fh.read()
            ctx = src[max(f.offset - 50, 0):f.end_offset + 50].replace("\n", " ")
            w(f"{os.path.basename(root)} {f.code} {os.path.relpath(f.path, root)}:{f.line}: "
              f"[{src[f.offset:f.end_offset][:60]}] …{ctx}…\n")
        rows.append((root, result.words, counts))
    w("\n| corpus | words | " + " | ".join(["rule", "findings", "per 10k"]) + " |\n")
    w("|---|---|---|---|---|\n")
    for root, words, counts in rows:
        if not counts:
            w(f"| {root} | {words} | – | 0 | 0.00 |\n")
        for code, n in sorted(counts.items()):
            w(f"| {root} | {words} | {code} | {n} | {n * 1e4 / max(words, 1):.2f} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
