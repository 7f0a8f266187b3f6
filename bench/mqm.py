"""Real MT with professional error annotations: precision and recall of mtlint's findings.

``python -m bench.mqm ../shared/corpus/mt/wmt23_zhen_mqm.jsonl [--part test] [--select ...]``

The data set holds Chinese→English segments of news documents, each translated by several
systems, with raters' MQM error spans (see its README). Each (system, document) is linted as one
plain-text file whose paragraphs are its segments, so rules that look across sentences see what
a reader of that translation would; a finding belongs to the segment its start falls in.

The split is by source document (seeded, :mod:`bench.splits`): every system's translation of a
document falls in the same part, so nothing tuned on one part has seen the other's text.

Reported, per rule and for all rules together:

- **segment precision**: flagged segments that carry any rater's error (``Source issue`` is
  not an error of the translation). Nearly every segment of this set carries one, so the table
  prints that base rate beside it: a rule is only useful where it beats it.
- **span precision**: findings that overlap a rater's error span in the target (three
  characters of slack), the stricter reading;
- **recall per MQM category**: error spans of the category that a finding overlaps, and
  segments carrying the category that are flagged.

``--source-aware`` also lints each segment against its source with the translation-QA rules,
when those exist (:func:`source_aware_findings`); both modes are then shown side by side.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bench.splits import part_of

NOT_TARGET_ERRORS = {"Source issue"}
SLACK = 3
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Flag:
    """One finding, reduced to its segment and its span inside the segment's target text."""

    seg: int  # index into the loaded segments
    code: str
    start: int
    end: int


def load(path: str, part: str = "test", seed: int = 1) -> list[dict]:
    """Segments of ``part`` (``tune``, ``test`` or ``all``), in file order."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            seg = json.loads(line)
            if part == "all" or part_of(seg["doc"], seed) == part:
                out.append(seg)
    return out


def target_errors(seg: dict) -> list[dict]:
    return [e for e in seg["errors"] if e["category"] not in NOT_TARGET_ERRORS]


def documents(segments: list[dict]) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """``(shown path, text, [(segment index, start offset)])`` for each (system, document)."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, seg in enumerate(segments):
        groups[(seg["system"], seg["doc"])].append(i)
    out = []
    for (system, doc), idxs in groups.items():
        idxs.sort(key=lambda i: segments[i]["seg"])
        parts, starts, pos = [], [], 0
        for i in idxs:
            # A segment's own line breaks would split it into paragraphs: keep it one.
            text = " ".join(segments[i]["target"].split("\n"))
            starts.append((i, pos))
            parts.append(text)
            pos += len(text) + len(SEPARATOR)
        name = f"{system}/{doc.replace(':', '_')}.txt"
        out.append((name, SEPARATOR.join(parts), starts))
    return out


def monolingual_findings(segments: list[dict], *, select=None, extend_select=(), grammar=None,
                         workers: int = 0) -> list[Flag]:
    """Lint the targets alone, as plain text, with mtlint's engine."""
    import bisect

    from lint.config import Config
    from lint.runner import Job, build_plan, run

    plan = build_plan(Config(), select=select, extend_select=extend_select, grammar=grammar)
    docs = documents(segments)
    jobs = [Job(name, None, text, "text") for name, text, _ in docs]
    result = run(jobs, plan, workers=workers)
    where = {name: starts for name, _, starts in docs}
    flags = []
    for f in result.findings:
        starts = where[f.path]
        k = bisect.bisect_right([s for _, s in starts], f.offset) - 1
        seg, base = starts[k]
        flags.append(Flag(seg, f.code, f.offset - base, f.end_offset - base))
    return flags


def source_aware_findings(segments: list[dict], **kwargs) -> list[Flag] | None:
    """Findings of the translation-QA rules on (source, target) pairs, or None where mtlint has
    no such rules yet. Filled in by the translation-QA family (``lint.translation``)."""
    try:
        from lint.translation import check_pairs  # type: ignore[attr-defined]
    except ImportError:
        return None
    pairs = [(s["source"], s["target"]) for s in segments]
    return [Flag(i, code, a, b) for i, code, a, b in check_pairs(pairs, **kwargs)]


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 + SLACK and b0 < a1 + SLACK


@dataclass
class Scores:
    segments: int
    erroneous: int  # segments with a target error
    rows: list[list]  # per rule: code, findings, segments, seg precision, span precision
    recall: list[list]  # per category: category, spans, found spans, segments, flagged


def score(segments: list[dict], flags: Iterable[Flag]) -> Scores:
    flags = list(flags)
    has_error = [bool(target_errors(s)) for s in segments]
    spans = [[(e["target_span"][0], e["target_span"][1], e["category"]) for e in target_errors(s)
              if e.get("target_span")] for s in segments]
    by_code: dict[str, list[Flag]] = defaultdict(list)
    for f in flags:
        by_code[f.code].append(f)
    rows = []

    def row(label: str, fs: list[Flag]) -> list:
        segs = {f.seg for f in fs}
        good_segs = sum(has_error[s] for s in segs)
        good_spans = sum(any(_overlaps(f.start, f.end, a, b) for a, b, _ in spans[f.seg])
                         for f in fs)
        return [label, len(fs), len(segs), _ratio(good_segs, len(segs)),
                _ratio(good_spans, len(fs))]

    for code in sorted(by_code):
        rows.append(row(code, by_code[code]))
    rows.append(row("all", flags))
    flagged = {f.seg for f in flags}
    found_spans: Counter = Counter()
    all_spans: Counter = Counter()
    seg_cats: dict[str, set[int]] = defaultdict(set)
    for i, seg in enumerate(segments):
        for e in target_errors(seg):
            seg_cats[e["category"]].add(i)
        for a, b, cat in spans[i]:
            all_spans[cat] += 1
            if any(f.seg == i and _overlaps(f.start, f.end, a, b) for f in flags):
                found_spans[cat] += 1
    recall = []
    for cat, segs in sorted(seg_cats.items(), key=lambda kv: -len(kv[1])):
        recall.append([cat, all_spans[cat], found_spans[cat], len(segs), len(segs & flagged)])
    return Scores(len(segments), sum(has_error), rows, recall)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "–"


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def report(label: str, s: Scores) -> str:
    base = _ratio(s.erroneous, s.segments)
    out = [f"#### {label}\n", f"{s.segments} segments; base rate (segments with an error): "
           f"{base}\n"]
    out.append(table(["rule", "findings", "segments", "segment precision", "span precision"],
                     s.rows))
    out.append("Recall per MQM category (error spans overlapped; segments flagged):\n")
    out.append(table(["category", "spans", "found", "segments", "flagged"], s.recall))
    return "\n".join(out)


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.mqm", description=__doc__.split("\n")[0])
    p.add_argument("data", help="wmt23_zhen_mqm.jsonl")
    p.add_argument("--part", choices=("tune", "test", "all"), default="test")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--select", help="rule selectors (default: the rules on by default)")
    p.add_argument("--extend-select", help="add rules, e.g. ones off by default")
    p.add_argument("--grammar", choices=("harper",), help="add a grammar engine's findings")
    p.add_argument("--source-aware", action="store_true",
                   help="also score the translation-QA rules on (source, target) pairs")
    p.add_argument("--jobs", type=int, default=0)
    args = p.parse_args(argv)
    segments = load(args.data, args.part, args.seed)
    grammar = {"engine": args.grammar} if args.grammar else None
    flags = monolingual_findings(segments, select=_codes(args.select),
                                 extend_select=_codes(args.extend_select) or (),
                                 grammar=grammar, workers=args.jobs)
    w = sys.stdout.write
    w(f"### MQM dev set, {args.part} part (seed {args.seed})\n\n")
    w(report("Monolingual (target alone)", score(segments, flags)) + "\n")
    if args.source_aware:
        pair_flags = source_aware_findings(
            segments, extend_select=[c for c in _codes(args.extend_select) or () if
                                     c.startswith("T")])
        if pair_flags is None:
            w("Source-aware: no translation-QA rules in this version.\n")
        else:
            w(report("Source-aware (translation-QA rules)", score(segments, pair_flags)) + "\n")
            w(report("Both together", score(segments, flags + pair_flags)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
