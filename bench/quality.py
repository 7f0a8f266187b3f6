"""Accuracy: false positives on clean text, recall and precision on injected damage.

``python -m bench.quality CLEAN_DIR... [--seed 1] [--limit N]`` generates damaged copies with
:mod:`bench.damage` (or reuses ``--damaged OUT`` from an earlier run), lints the clean and the
damaged copies in-process with the default rules, and prints Markdown tables:

- clean text: findings per 10,000 words by rule family and by rule; each is either a false
  positive or a genuine slip of the original, as judged once by reading it in context and
  recorded in ``bench/clean_review.tsv`` (``--review``): the false-positive rate counts the
  false ones and every finding nobody has reviewed yet (``--top`` prints those to read);
- recall per damage class: an injected defect counts as found when a finding of the expected
  family overlaps one of its spans (with ``--slack`` characters of tolerance);
- precision per family on damaged text: of the findings that are *new* (no finding of the same
  code at the same place of the clean copy), the share that overlaps an injected span of any
  class.

``--docs DIR`` lints a Markdown corpus and counts findings inside code: within an inline code
span, or touching a fenced or indented block (every one is a false positive); findings that
merely contain inline code (a sentence mentioning `x`) are counted apart, to read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field

FAMILY_NAMES = {"G": "garbled", "Q": "quotes", "F": "furniture", "R": "repetition",
                "E": "encoding", "N": "names", "M": "meta"}


@dataclass
class Found:
    """A finding reduced to what the arithmetic needs."""

    path: str  # relative to the linted root
    offset: int
    end_offset: int
    code: str
    line: int = 0
    message: str = ""

    @property
    def family(self) -> str:
        return self.code[:1]


@dataclass
class LintRun:
    findings: list[Found]
    words: int
    files: int
    chars: int
    errors: list[str] = field(default_factory=list)


def family_names() -> dict[str, str]:
    from lint.registry import all_rules

    names = dict(FAMILY_NAMES)
    for code, rule in all_rules().items():
        names[code[0]] = rule.family
    return names


def lint_tree(root: str, *, select: list[str] | None = None, workers: int = 0,
              extend_select: list[str] | None = None) -> LintRun:
    """Lint every file under ``root`` with mtlint's engine (default rules unless ``select``;
    ``extend_select`` adds rules, e.g. one that is off by default)."""
    from lint.config import Config
    from lint.discover import discover
    from lint.runner import Job, build_plan, run

    plan = build_plan(Config(), select=select, extend_select=extend_select or ())
    found = discover([root], respect_gitignore=False)
    jobs = [Job(p, p) for p in found.files]
    result = run(jobs, plan, workers=workers)
    out = [Found(os.path.relpath(os.path.abspath(f.path), os.path.abspath(root)), f.offset,
                 f.end_offset, f.code, f.line, f.message) for f in result.findings]
    return LintRun(out, result.words, result.files, result.chars, found.errors + result.errors)


# -- arithmetic ------------------------------------------------------------------------------

def overlaps(a0: int, a1: int, b0: int, b1: int, slack: int = 3) -> bool:
    """Do [a0, a1) and [b0, b1) overlap, allowing ``slack`` characters between them?
    Empty spans count as one character."""
    a1, b1 = max(a1, a0 + 1), max(b1, b0 + 1)
    return a0 < b1 + slack and b0 < a1 + slack


def to_clean(offset: int, entries: list[dict]) -> int:
    """Map an offset of the damaged text to the clean text (inside an edit: its start)."""
    delta = 0
    for e in sorted(entries, key=lambda e: e["edit_offset"]):
        if offset < e["edit_offset"]:
            break
        if offset < e["edit_end_offset"]:
            return e["clean_offset"]
        delta += (e["edit_end_offset"] - e["edit_offset"]) - (e["clean_end_offset"]
                                                               - e["clean_offset"])
    return offset - delta


def injection_spans(entries: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """id -> damaged-text spans (edited spans and related untouched spans)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in entries:
        spans[e["id"]].append((e["offset"], e["end_offset"]))
        spans[e["id"]].extend(tuple(r) for r in e.get("related", ()))
    return spans


def new_findings(damaged: list[Found], clean: list[Found], manifest: list[dict],
                 slack: int = 3) -> list[Found]:
    """Findings on damaged text with no finding of the same code at the same clean place."""
    by_file: dict[str, list[dict]] = defaultdict(list)
    for e in manifest:
        by_file[e["file"]].append(e)
    before: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f in clean:
        before[(f.path, f.code)].append(f.offset)
    out = []
    for f in damaged:
        at = to_clean(f.offset, by_file.get(f.path, []))
        if not any(abs(at - o) <= slack for o in before.get((f.path, f.code), ())):
            out.append(f)
    return out


@dataclass
class Score:
    injected: int = 0
    found: int = 0  # by a finding of an expected family
    found_any: int = 0  # by any finding

    @property
    def recall(self) -> float | None:
        return self.found / self.injected if self.injected else None


def recall_by_class(damaged: list[Found], manifest: list[dict], classes: dict[str, list[str]],
                    slack: int = 3) -> dict[str, Score]:
    by_file: dict[str, list[Found]] = defaultdict(list)
    for f in damaged:
        by_file[f.path].append(f)
    cls_of = {e["id"]: (e["class"], e["file"]) for e in manifest}
    scores: dict[str, Score] = {c: Score() for c in classes}
    for ident, spans in injection_spans(manifest).items():
        cls, path = cls_of[ident]
        score = scores.setdefault(cls, Score())
        score.injected += 1
        hits = [f for f in by_file.get(path, ())
                if any(overlaps(f.offset, f.end_offset, a, b, slack) for a, b in spans)]
        if hits:
            score.found_any += 1
        if any(f.family in classes.get(cls, ()) for f in hits):
            score.found += 1
    return scores


@dataclass
class Precision:
    new: int = 0
    on_damage: int = 0

    @property
    def value(self) -> float | None:
        return self.on_damage / self.new if self.new else None


def precision_by_family(new: list[Found], manifest: list[dict], slack: int = 3,
                        key=lambda f: f.family) -> dict[str, Precision]:
    spans_by_file: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in manifest:
        spans_by_file[e["file"]].append((e["offset"], e["end_offset"]))
        spans_by_file[e["file"]].extend(tuple(r) for r in e.get("related", ()))
    out: dict[str, Precision] = defaultdict(Precision)
    for f in new:
        p = out[key(f)]
        p.new += 1
        if any(overlaps(f.offset, f.end_offset, a, b, slack) for a, b in spans_by_file[f.path]):
            p.on_damage += 1
    return dict(out)


# -- reporting -------------------------------------------------------------------------------

def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def per10k(n: int, words: int) -> str:
    return f"{n * 10000 / words:.2f}" if words else "–"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# -- the reviewed clean findings ---------------------------------------------------------------

#: Every finding of the default rules on ``../shared/corpus/news``, read in context and judged:
#: ``genuine`` (a slip of the published original) or ``false`` (correct text).
REVIEW_FILE = os.path.join(os.path.dirname(__file__), "clean_review.tsv")
GENUINE, FALSE, UNREVIEWED = "genuine", "false", "unreviewed"


def load_review(path: str = REVIEW_FILE) -> dict[tuple[str, str, str], str]:
    """``(code, path, flagged text) -> verdict`` from a review file (tab-separated, ``#``
    comments); an unreadable file is an empty review."""
    review: dict[tuple[str, str, str], str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                code, rel, flagged, verdict = line.rstrip("\n").split("\t")[:4]
                if verdict not in (GENUINE, FALSE):
                    raise ValueError(f"{path}: verdict must be genuine or false: {line!r}")
                review[(code, rel, flagged)] = verdict
    except FileNotFoundError:
        pass
    return review


def verdicts(run: LintRun, root: str, review: dict) -> list[str]:
    """The review's verdict on each clean finding of ``run`` (matched by rule, file and the
    flagged text, so that edits elsewhere in a rule do not invalidate the review)."""
    texts: dict[str, str] = {}
    out = []
    for f in run.findings:
        if f.path not in texts:
            texts[f.path] = _read(os.path.join(root, f.path))
        flagged = texts[f.path][f.offset:f.end_offset]
        out.append(review.get((f.code, f.path.replace(os.sep, "/"), flagged), UNREVIEWED))
    return out


def clean_tables(run: LintRun, names: dict[str, str], judged: list[str] | None = None) -> str:
    """Findings on clean text per family and per rule; with ``judged`` (the review's verdict
    on each finding), also how many are genuine slips of the original and the false-positive
    rate, counting unreviewed findings as false until someone reads them."""
    judged = judged if judged is not None else [UNREVIEWED] * len(run.findings)
    fams, codes, genuine = Counter(), Counter(), Counter()
    for f, v in zip(run.findings, judged, strict=True):
        fams[f.family] += 1
        codes[f.code] += 1
        if v == GENUINE:
            genuine[f.family] += 1
            genuine[f.code] += 1
    n_genuine = sum(v == GENUINE for v in judged)
    n_false = sum(v == FALSE for v in judged)
    n_unread = len(judged) - n_genuine - n_false
    out = [f"Clean text: {run.files} files, {run.words:,} words, {len(run.findings)} findings "
           f"({per10k(len(run.findings), run.words)} per 10k words): {n_genuine} genuine slips "
           f"of the originals, {n_false} false, {n_unread} not reviewed "
           f"(`bench/clean_review.tsv`). **False positives (false + not reviewed): "
           f"{n_false + n_unread} = {per10k(n_false + n_unread, run.words)} per 10k words.**\n"]

    def row(label, key):
        n, g = fams[key] if len(key) == 1 else codes[key], genuine[key]
        return [label, n, per10k(n, run.words), g, n - g, per10k(n - g, run.words)]

    header = ["findings", "per 10k words", "genuine", "false or not reviewed",
              "FP per 10k words"]
    rows = [row(f"{letter} {names.get(letter, '')}", letter)
            for letter in sorted(set(names) | set(fams)) if letter != "M" or fams.get(letter)]
    rows.append(["**all**", len(run.findings), per10k(len(run.findings), run.words), n_genuine,
                 n_false + n_unread, per10k(n_false + n_unread, run.words)])
    out.append(table(["family", *header], rows))
    if codes:
        from lint.registry import all_rules

        rules = all_rules()
        out.append("")
        out.append(table(["rule", *header],
                         [row(f"{c} {rules[c].name if c in rules else ''}".strip(), c)
                          for c in sorted(codes)]))
    return "\n".join(out)


def recall_table(scores: dict[str, Score], classes: dict[str, list[str]]) -> str:
    rows = []
    tot = Score()
    for cls in classes:
        s = scores.get(cls, Score())
        tot.injected += s.injected
        tot.found += s.found
        tot.found_any += s.found_any
        rows.append([cls, "/".join(classes[cls]), s.injected, s.found, pct(s.recall),
                     pct(s.found_any / s.injected if s.injected else None)])
    rows.append(["**all**", "", tot.injected, tot.found, pct(tot.recall),
                 pct(tot.found_any / tot.injected if tot.injected else None)])
    return table(["damage class", "family", "injected", "found", "recall", "any rule"], rows)


def precision_table(prec: dict[str, Precision], names: dict[str, str]) -> str:
    rows, new, hit = [], 0, 0
    for key in sorted(prec):
        p = prec[key]
        new += p.new
        hit += p.on_damage
        label = f"{key} {names.get(key, '')}".strip()
        rows.append([label, p.new, p.on_damage, p.new - p.on_damage, pct(p.value)])
    rows.append(["**all**", new, hit, new - hit, pct(hit / new if new else None)])
    return table(["family", "new findings", "on damage", "elsewhere", "precision"], rows)


def excerpt(text: str, start: int, end: int, width: int = 70) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    s = text[a:start] + "»" + text[start:end] + "«" + text[end:b]
    return " ".join(s.split())


def top_false_positives(run: LintRun, root: str, top: int,
                        judged: list[str] | None = None) -> str:
    """Up to ``top`` clean-text findings that the review does not call genuine (unreviewed
    first, then false), taken round-robin over the rules, with context."""
    judged = judged if judged is not None else [UNREVIEWED] * len(run.findings)
    by_code: dict[str, list[Found]] = defaultdict(list)
    for verdict in (UNREVIEWED, FALSE):
        for f, v in zip(run.findings, judged, strict=True):
            if v == verdict:
                by_code[f.code].append(f)
    tag = {id(f): v for f, v in zip(run.findings, judged, strict=True)}
    picked: list[Found] = []
    while len(picked) < top and any(by_code.values()):
        for code in sorted(by_code):
            if by_code[code] and len(picked) < top:
                picked.append(by_code[code].pop(0))
    lines = []
    cache: dict[str, str] = {}
    for f in sorted(picked, key=lambda f: (f.code, f.path, f.offset)):
        text = cache.setdefault(f.path, _read(os.path.join(root, f.path)))
        lines.append(f"- `{f.code}` ({tag[id(f)]}) {f.path}:{f.line}: {f.message}\n"
                     f"  > {excerpt(text, f.offset, f.end_offset)}")
    return "\n".join(lines) + ("\n" if lines else "(none)\n")


def _read(path: str) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


# -- docs mode -------------------------------------------------------------------------------

def docs_report(root: str, *, workers: int = 0, show: int = 10) -> tuple[str, int]:
    from bench.damage import markdown_code_spans

    run = lint_tree(root, workers=workers)
    inside: list[Found] = []
    touching: Counter = Counter()
    cache: dict[str, tuple[str, list]] = {}
    for f in run.findings:
        if not f.path.endswith((".md", ".markdown")):
            continue
        if f.path not in cache:
            text = _read(os.path.join(root, f.path))
            cache[f.path] = (text, markdown_code_spans(text),
                             markdown_code_spans(text, inline=False))
        text, spans, blocks = cache[f.path]
        end = max(f.end_offset, f.offset + 1)
        # inside: within a code span, or touching a code block (a sentence that merely
        # contains `inline code` is prose)
        if any(a <= f.offset and end <= b for a, b in spans) or \
                any(f.offset < b and a < end for a, b in blocks):
            inside.append(f)
        elif any(f.offset < b and a < end for a, b in spans):
            touching[f.code] += 1
    out = [f"Markdown corpus `{root}`: {run.files} files, {run.words:,} words, "
           f"{len(run.findings)} findings ({per10k(len(run.findings), run.words)} per 10k "
           f"words), **{len(inside)} inside code** (target 0).\n"]
    codes = Counter(f.code for f in run.findings)
    in_codes = Counter(f.code for f in inside)
    if codes:
        out.append(table(["rule", "findings", "inside code", "containing inline code"],
                         [[c, n, in_codes.get(c, 0), touching.get(c, 0)]
                          for c, n in sorted(codes.items())]))
    for f in inside[:show]:
        text = cache[f.path][0]
        out.append(f"- `{f.code}` {f.path}:{f.line}: {f.message}\n"
                   f"  > {excerpt(text, f.offset, f.end_offset)}")
    from bench.corpora import segment_stats, stats_table

    out.append("\nWhat the Markdown reader read as prose, dropped and masked, by kind:\n")
    out.append(stats_table(segment_stats([root])))
    return "\n".join(out) + "\n", len(inside)


# -- the whole evaluation ----------------------------------------------------------------------

def evaluate(paths: list[str], *, out_dir: str | None = None, seed: int = 1,
             limit: int | None = None, per_file: int = 3, slack: int = 3, top: int = 20,
             workers: int = 0, reuse: bool = False, review: str = REVIEW_FILE,
             select: list[str] | None = None, extend_select: list[str] | None = None,
             part: str | None = None, stream=sys.stdout) -> dict:
    """Damage ``paths`` into ``out_dir`` (unless ``reuse``), lint, print the tables."""
    from bench.damage import generate

    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="mtlint-bench-")
        out_dir = tmp.name
    try:
        if reuse:
            with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as fh:
                data = json.load(fh)
        else:
            data = generate(paths, out_dir, seed=seed, limit=limit, per_file=per_file,
                            part=part)
        manifest, classes = data["spans"], data["classes"]
        names = family_names()
        clean_root = os.path.join(out_dir, "clean")
        damaged_root = os.path.join(out_dir, "damaged")
        clean = lint_tree(clean_root, workers=workers, select=select,
                          extend_select=extend_select)
        damaged = lint_tree(damaged_root, workers=workers, select=select,
                            extend_select=extend_select)
        scores = recall_by_class(damaged.findings, manifest, classes, slack)
        new = new_findings(damaged.findings, clean.findings, manifest, slack)
        prec = precision_by_family(new, manifest, slack)
        prec_code = precision_by_family(new, manifest, slack, key=lambda f: f.code)
        w = stream.write
        w(f"### False positives on clean text (seed {seed}, "
          f"{data['files']} files{', ' + part + ' part' if part else ''})\n\n")
        judged = verdicts(clean, clean_root, load_review(review))
        w(clean_tables(clean, names, judged) + "\n")
        n_inj = len({e["id"] for e in manifest})
        w(f"### Recall on injected damage ({n_inj} defects, slack {slack} characters)\n\n")
        w(recall_table(scores, classes) + "\n")
        w("### Precision on damaged text (new findings that overlap an injected span)\n\n")
        w(precision_table(prec, names) + "\n")
        if prec_code:
            w(precision_table(prec_code, {}).replace("| family |", "| rule |") + "\n")
        w(f"### Clean-text findings not known to be genuine (up to {top}, round-robin over "
          "rules)\n\n")
        w(top_false_positives(clean, clean_root, top, judged) + "\n")
        return {
            "seed": seed, "files": data["files"], "words": clean.words,
            "clean_findings": Counter(f.code for f in clean.findings),
            "clean_false_positives": Counter(f.code for f, v in zip(clean.findings, judged,
                                                                    strict=True)
                                             if v != GENUINE),
            "recall": {c: (s.injected, s.found) for c, s in scores.items()},
            "precision": {k: (p.new, p.on_damage) for k, p in prec.items()},
        }
    finally:
        if tmp is not None:
            tmp.cleanup()


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.quality",
                                description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="*", help="directories of clean .txt/.md files")
    p.add_argument("--out", help="where to write the damaged copies (default: a temp dir)")
    p.add_argument("--reuse", action="store_true", help="reuse the damage already in --out")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--limit", type=int, help="at most N files (a seeded sample)")
    p.add_argument("--per-file", type=int, default=3)
    p.add_argument("--slack", type=int, default=3, help="overlap tolerance in characters")
    p.add_argument("--top", type=int, default=20, help="clean-text findings to print")
    p.add_argument("--jobs", type=int, default=0)
    p.add_argument("--docs", action="append", default=[], metavar="DIR",
                   help="Markdown corpus: count findings inside code")
    p.add_argument("--json", help="write the numbers to this file")
    p.add_argument("--select", help="rules to score instead of the default set (comma list)")
    p.add_argument("--extend-select", help="rules to add, e.g. an off-by-default one: G006")
    p.add_argument("--review", default=REVIEW_FILE,
                   help="reviewed clean findings (TSV: code, path, flagged text, verdict)")
    p.add_argument("--part", choices=("tune", "test"),
                   help="damage only the files of this split of each path (bench.splits, seed "
                        "1) and also report clean-text false positives on it: report the test "
                        "part")
    args = p.parse_args(argv)
    if not args.paths and not args.docs and not args.reuse:
        p.error("give clean directories, --docs DIR, or --out DIR --reuse")
    numbers = {}
    if args.paths or args.reuse:
        if args.reuse and not args.out:
            p.error("--reuse needs --out")
        numbers = evaluate(args.paths, out_dir=args.out, seed=args.seed, limit=args.limit,
                           per_file=args.per_file, slack=args.slack, top=args.top,
                           workers=args.jobs, reuse=args.reuse, review=args.review,
                           select=_codes(args.select), extend_select=_codes(args.extend_select),
                           part=args.part)
    if args.part:
        from bench.corpora import split_report

        for root in args.paths:
            text, numbers[f"split_{args.part}:{root}"] = split_report(
                root, part=args.part, top=args.top, workers=args.jobs,
                select=_codes(args.select), extend_select=_codes(args.extend_select))
            sys.stdout.write(text + "\n")
    inside_total = 0
    for root in args.docs:
        sys.stdout.write("### Findings inside code (Markdown)\n\n")
        text, inside = docs_report(root, workers=args.jobs)
        inside_total += inside
        sys.stdout.write(text + "\n")
    numbers["docs_inside_code"] = inside_total
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(numbers, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
