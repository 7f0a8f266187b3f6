"""``python -m bench all CORPUS``: speed, damage and accuracy (or one of speed|damage|quality).

``CORPUS`` is either a directory of prose (``.txt``/``.md``) or a directory holding ``news/``
(prose, for speed, false positives and injected damage) and ``docs/`` (Markdown, for findings
inside code), like ``../shared/corpus``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _split_corpus(root: str) -> tuple[list[str], list[str]]:
    news, docs = os.path.join(root, "news"), os.path.join(root, "docs")
    if os.path.isdir(news) or os.path.isdir(docs):
        return ([news] if os.path.isdir(news) else []), ([docs] if os.path.isdir(docs) else [])
    return [root], []


def cmd_all(argv: list[str]) -> int:
    from bench import quality, speed

    p = argparse.ArgumentParser(prog="python -m bench all", description=__doc__.split("\n")[0])
    p.add_argument("corpus", nargs="+", help="corpus directories (see above)")
    p.add_argument("--limit", type=int, help="at most N prose files for speed and damage")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=2, help="mtlint speed runs (best counts)")
    p.add_argument("--per-file", type=int, default=3, help="injections per damaged file")
    p.add_argument("--top", type=int, default=20, help="clean-text findings to print")
    p.add_argument("--out", help="keep the damaged copies here (default: a temp dir)")
    p.add_argument("--no-proselint", action="store_true")
    p.add_argument("--profile", action="store_true", help="add a pyinstrument profile")
    args = p.parse_args(argv)
    prose, docs = [], []
    for root in args.corpus:
        a, b = _split_corpus(root)
        prose += a
        docs += b
    t0 = time.perf_counter()
    w = sys.stdout.write
    from lint import __version__

    w(f"## mtlint {__version__}: accuracy and speed\n\n"
      f"Command: `python -m bench all {' '.join(argv)}`\n\n")
    if prose:
        w(f"### Speed (`mtlint check {' '.join(prose)}`, default rules)\n\n")
        r = speed.measure(prose, runs=args.runs, limit=args.limit,
                          proselint=not args.no_proselint)
        w(speed.speed_table(r) + "\n")
        w("Where the time goes:\n\n" + speed.cost_table(*speed.rule_costs(prose)) + "\n")
        sys.stdout.flush()
        quality.evaluate(prose, out_dir=args.out, seed=args.seed, limit=args.limit,
                         per_file=args.per_file, top=args.top)
        from bench.corpora import split_report

        for root in prose:  # the figure to quote: the part no rule was tuned on
            w(split_report(root, part="test", seed=1, top=args.top)[0] + "\n")
    for root in docs:
        w("### Findings inside code (Markdown)\n\n")
        w(quality.docs_report(root)[0] + "\n")
    if args.profile and prose:
        w("### Profile (one process, pyinstrument)\n\n```\n" + speed.profile(prose) + "```\n\n")
    w(f"_Measured in {time.perf_counter() - t0:.0f} s._\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = {"all": cmd_all}
    if argv and argv[0] in ("speed", "damage", "quality", "damage_mt", "mt_rules",
                            "harper_rules"):
        import importlib

        return importlib.import_module(f"bench.{argv[0]}").main(argv[1:])
    if not argv or argv[0] not in commands:
        sys.stderr.write("usage: python -m bench {all,speed,damage,quality,damage_mt,mt_rules,"
                         "harper_rules} ...\n")
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
