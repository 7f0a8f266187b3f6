"""Harper, rule by rule: precision on real MT output and false positives on clean text.

``python -m bench.harper_rules ../shared/corpus/mt/wmt23_zhen_mqm.jsonl --clean
../shared/corpus/news --clean ../shared/corpus/docs [--part test]``

Every Harper rule and lint kind is switched on; mtlint's own filter of spelling findings
(names, units, known words) still applies, as in a normal run. For each rule:

- on the English side of the MQM dev set (each segment a paragraph): findings, **span
  precision** (the finding overlaps a rater's error span, three characters of slack) and
  **segment precision** (the segment carries any error; read it against the base rate);
- on clean text (each corpus's ``--part`` by :mod:`bench.splits`, read with mtlint's readers,
  so code is never checked): findings and findings per 10,000 words. Published text has few
  errors: nearly every finding there is a false positive.

The table also shows whether the rule is on in mtlint's Harper defaults
(:data:`lint.grammar.harper.DEFAULT_DISABLED_RULES` and ``DEFAULT_DISABLED_KINDS``) and what
the measured bar says (``keep``: right at least 80% of the time over all its findings, MT
findings that overlap a rater's span counting right and every clean-text finding wrong, and
at most ``--max-fp`` findings per 10k words of clean text; a rule with no finding anywhere
has no evidence and keeps its default).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from bench.mqm import SLACK, load, target_errors
from bench.mt_rules import corpus_part

#: The bar: right at least this often over all findings (MT findings that hit a rater's span
#: are right; misses on MT and every finding on clean text are counted wrong) ...
MIN_PRECISION = 0.8
#: ... and at most this many findings per 10k words of clean text.
MAX_FP_PER_10K = 0.3


def all_on_settings() -> dict:
    """Resolved Harper settings with every rule and kind on."""
    import harper

    from lint.grammar import harper as engine

    linter = harper.Linter(harper.Dialect(0))
    names = list(linter.get_lint_config())
    kinds = ["Agreement", "BoundaryError", "Capitalization", "Eggcorn", "Enhancement",
             "Formatting", "Grammar", "Malapropism", "Miscellaneous", "Nonstandard",
             "Punctuation", "Readability", "Redundancy", "Regionalism", "Repetition",
             "Spelling", "Style", "Typo", "Usage", "WordChoice"]
    return engine.prepare({"engine": "harper", "enabled-rules": names,
                           "enabled-categories": kinds})


def harper_defaults() -> tuple[set[str], set[str]]:
    """(rules on in Harper's own defaults, rules mtlint turns off)."""
    import harper

    from lint.grammar import harper as engine

    linter = harper.Linter(harper.Dialect(0))
    on = {k for k, v in linter.get_default_lint_config().items() if v}
    return on, set(engine.DEFAULT_DISABLED_RULES)


#: Lint kind of each Harper rule seen (filled as texts are checked).
KINDS: dict[str, str] = {}


def check(texts: list[str], settings: dict) -> list[list[tuple[int, int, str]]]:
    """``[(start, end, rule)]`` per text: every rule on, mtlint's spelling filter applied."""
    from lint.grammar import harper as engine
    from lint.grammar import skip_spelling

    linter = engine._linter(settings)
    out = []
    for text in texts:
        found = []
        for name, lints in linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                kind = lint.lint_kind
                start, end = lint.span.start, lint.span.end
                if kind == "Spelling" and skip_spelling(text, start, end, False):
                    continue
                KINDS[name] = kind
                found.append((start, end, name))
        out.append(found)
    return out


def mt_results(path: str, part: str, settings: dict):
    from lint.grammar import masked_text

    segments = load(path, part)
    texts = [masked_text(" ".join(s["target"].split("\n"))) for s in segments]
    per_rule: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for i, (seg, res) in enumerate(zip(segments, check(texts, settings), strict=True)):
        spans = [e["target_span"] for e in target_errors(seg) if e.get("target_span")]
        for start, end, name in res:
            hit = any(start < b + SLACK and a < end + SLACK for a, b in spans)
            per_rule[name].append((i, hit))
    has_error = [bool(target_errors(s)) for s in segments]
    return per_rule, has_error


def clean_results(roots: list[str], part: str, settings: dict) -> tuple[Counter, int, list]:
    from lint.grammar import masked_text
    from lint.readers import read_document

    counts: Counter = Counter()
    words = 0
    examples: list = []
    for root in roots:
        for path in corpus_part(root, part):
            with open(path, encoding="utf-8", errors="replace") as fh:
                doc = read_document(path, fh.read())
            words += doc.word_count
            segs = [s for s in doc.segments if s.text.strip()]
            res = check([masked_text(s.text) for s in segs], settings)
            for seg, rs in zip(segs, res, strict=True):
                for start, end, name in rs:
                    if "\ufffc" in seg.text[max(start - 1, 0):end + 1] or \
                            seg.text[end:end + 2] == " \ufffc":
                        continue  # as lint.grammar.grammar_hits: not prose
                    counts[name] += 1
                    examples.append((name, path, seg.text[max(start - 30, 0):end + 30]))
    return counts, words, examples


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.harper_rules",
                                description=__doc__.split("\n")[0])
    p.add_argument("mqm", help="wmt23_zhen_mqm.jsonl")
    p.add_argument("--clean", action="append", default=[], help="clean corpus directory")
    p.add_argument("--part", choices=("tune", "test", "all"), default="test")
    p.add_argument("--max-fp", type=float, default=MAX_FP_PER_10K)
    p.add_argument("--examples", type=int, default=0, help="clean findings to print per rule")
    args = p.parse_args(argv)
    settings = all_on_settings()
    harper_on, mtlint_off = harper_defaults()
    from lint.grammar.harper import DEFAULT_DISABLED_KINDS

    per_rule, has_error = mt_results(args.mqm, args.part, settings)
    clean, words, examples = clean_results(args.clean, args.part, settings)
    base = sum(has_error) / max(len(has_error), 1)
    w = sys.stdout.write
    w(f"### Harper rules, {args.part} part: MQM dev set ({len(has_error)} segments, base rate "
      f"{base:.2f}) and clean text ({words} words)\n\n")
    w("| rule | kind | on by default | MT findings | span precision | segment precision | "
      "clean findings | FP per 10k | right (all findings) | measured bar |\n"
      "|---|---|---|--:|--:|--:|--:|--:|--:|---|\n")
    names = sorted(set(per_rule) | set(clean), key=lambda n: (-len(per_rule.get(n, ())), n))
    for name in names:
        fs = per_rule.get(name, [])
        n = len(fs)
        right = sum(h for _, h in fs)
        span_p = right / n if n else None
        segs = {i for i, _ in fs}
        seg_p = sum(has_error[i] for i in segs) / len(segs) if segs else None
        fp = clean.get(name, 0)
        rate = fp * 1e4 / max(words, 1)
        kind = KINDS.get(name, "?")
        default_on = (name in harper_on and name not in mtlint_off
                      and kind not in DEFAULT_DISABLED_KINDS)
        overall = right / (n + fp) if n + fp else None
        keep = overall is not None and overall >= MIN_PRECISION and rate <= args.max_fp
        w(f"| {name} | {kind} | {'yes' if default_on else 'no'} | {n} | "
          f"{'–' if span_p is None else f'{span_p:.2f}'} | "
          f"{'–' if seg_p is None else f'{seg_p:.2f}'} | {fp} | {rate:.2f} | "
          f"{'–' if overall is None else f'{overall:.2f}'} | {'keep' if keep else 'off'} |\n")
    w(f"\nKinds off by default whatever the rule: {', '.join(DEFAULT_DISABLED_KINDS)}.\n")
    if args.examples:
        shown: Counter = Counter()
        w("\n")
        for name, path, ctx in examples:
            if shown[name] < args.examples:
                shown[name] += 1
                w(f"- {name} {path}: …{' '.join(ctx.split())}…\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
