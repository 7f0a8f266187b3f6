"""Corpora for the precision measures: a tuning corpus's test split, package READMEs, and
what the readers keep as prose in a Markdown corpus.

``python -m bench.corpora split ../shared/corpus/news [--part test]``
    lints the test part (:mod:`bench.splits`, seed 1) with every default rule and prints the
    clean-text table with the review's verdicts (``bench/clean_review.tsv``): the figure to
    report for a corpus that rules were tuned on.
``python -m bench.corpora readmes OUT_DIR [--site-packages DIR]``
    writes the Markdown long descriptions of the installed packages (``*.dist-info/METADATA``
    with ``Description-Content-Type: text/markdown``) to ``OUT_DIR/<package>.md``, a corpus
    of real READMEs nobody tuned on.
``python -m bench.corpora segments DIR...``
    counts, by kind, the segments the Markdown reader reads as prose or drops and the markup
    it masks (docs-site dialects, lines that are not sentences).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from email.parser import BytesHeaderParser


def lint_files(root: str, files: list[str], *, select=None, extend_select=None,
               workers: int = 0):
    """:class:`bench.quality.LintRun` over ``files`` (paths under ``root``)."""
    from bench.quality import Found, LintRun
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    plan = build_plan(Config(), select=select, extend_select=extend_select or ())
    result = run([Job(p, p) for p in files], plan, workers=workers)
    out = [Found(os.path.relpath(os.path.abspath(f.path), os.path.abspath(root)), f.offset,
                 f.end_offset, f.code, f.line, f.message) for f in result.findings]
    return LintRun(out, result.words, result.files, result.chars, result.errors)


def split_report(root: str, *, part: str = "test", seed: int = 1, review: str | None = None,
                 top: int = 20, workers: int = 0, select=None, extend_select=None
                 ) -> tuple[str, dict]:
    """Clean-text findings on one part of ``root`` with the review's verdicts."""
    from bench import quality
    from bench.splits import corpus_files, split_files

    files = split_files(root, corpus_files(root), seed)[part]
    run = lint_files(root, files, workers=workers, select=select, extend_select=extend_select)
    judged = quality.verdicts(run, root, quality.load_review(review or quality.REVIEW_FILE))
    text = (f"### False positives on clean text: `{root}`, {part} part (seed {seed}, "
            f"{len(files)} files; every default rule, `info` included)\n\n"
            + quality.clean_tables(run, quality.family_names(), judged) + "\n")
    if top:
        text += (f"\nFindings not known to be genuine (up to {top}):\n\n"
                 + quality.top_false_positives(run, root, top, judged))
    false = sum(v != quality.GENUINE for v in judged)
    return text, {"part": part, "files": len(files), "words": run.words,
                  "findings": len(run.findings), "false_positives": false,
                  "by_rule": dict(Counter(f.code for f in run.findings))}


def site_packages() -> list[str]:
    import site
    import sysconfig

    dirs = [sysconfig.get_paths()["purelib"], *getattr(site, "getsitepackages", list)()]
    return [d for i, d in enumerate(dirs) if os.path.isdir(d) and d not in dirs[:i]]


def markdown_readmes(dirs: list[str]) -> dict[str, str]:
    """``{package name: Markdown long description}`` from ``*.dist-info/METADATA``."""
    out: dict[str, str] = {}
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".dist-info"):
                continue
            path = os.path.join(d, name, "METADATA")
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
            except OSError:
                continue
            head, _, body = raw.partition(b"\n\n")
            headers = BytesHeaderParser().parsebytes(head + b"\n\n")
            kind = (headers.get("Description-Content-Type") or "").lower()
            if not kind.startswith("text/markdown"):
                continue
            text = body.decode("utf-8", errors="replace").strip()
            if not text:
                text = (headers.get("Description") or "").strip()
            pkg = headers.get("Name") or name.split("-")[0]
            if text and pkg.lower() != "mtlint":  # our own README is no unseen text
                out[pkg] = text + "\n"
    return out


def write_readmes(out_dir: str, dirs: list[str] | None = None) -> list[str]:
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for pkg, text in markdown_readmes(dirs or site_packages()).items():
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in pkg)
        path = os.path.join(out_dir, f"{safe}.md")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        written.append(path)
    return written


def segment_stats(roots: list[str]) -> Counter:
    """What the Markdown reader read as prose, dropped and masked, by kind, over ``roots``."""
    from bench.splits import corpus_files
    from lint.readers import read_document

    total: Counter = Counter()
    for root in roots:
        for path in corpus_files(root, (".md", ".markdown")):
            with open(path, "rb") as fh:
                source = fh.read().decode("utf-8", errors="replace")
            total.update(read_document(path, source).stats)
    return total


def stats_table(stats: Counter) -> str:
    from bench.quality import table

    rows = [[k.split(":", 1)[1], n, "prose"] for k, n in sorted(stats.items())
            if k.startswith("prose:")]
    rows += [[k.split(":", 1)[1], n, "dropped (no prose left)"] for k, n in sorted(stats.items())
             if k.startswith("dropped:")]
    rows += [[k, n, "masked as markup"] for k, n in sorted(stats.items()) if ":" not in k]
    return table(["kind", "segments or lines", "read as"], rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.corpora", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("split")
    s.add_argument("root")
    s.add_argument("--part", choices=("tune", "test"), default="test")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--top", type=int, default=20)
    s.add_argument("--jobs", type=int, default=0)
    s.add_argument("--extend-select")
    r = sub.add_parser("readmes")
    r.add_argument("out")
    r.add_argument("--site-packages", action="append")
    g = sub.add_parser("segments")
    g.add_argument("roots", nargs="+")
    args = p.parse_args(argv)
    if args.cmd == "split":
        ext = [c for c in (args.extend_select or "").split(",") if c]
        text, _ = split_report(args.root, part=args.part, seed=args.seed, top=args.top,
                               workers=args.jobs, extend_select=ext)
        sys.stdout.write(text)
    elif args.cmd == "readmes":
        written = write_readmes(args.out, args.site_packages)
        sys.stdout.write(f"{len(written)} Markdown READMEs -> {args.out}\n")
    else:
        sys.stdout.write(stats_table(segment_stats(args.roots)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
