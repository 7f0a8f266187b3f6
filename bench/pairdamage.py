"""Seeded damage to translations, to measure the translation-QA (T) rules' recall and precision.

``python -m bench.pairdamage --docs ../shared/corpus/mtdocs/arthas --mqm
../shared/corpus/mt/wmt23_zhen_mqm.jsonl [--part test] [--seed 1] [--per-file 3]``

Each damage is applied alone to one translation (a Markdown page of a ``zh/`` + ``en/`` pair,
or one segment of the MQM set) at a site chosen with a seeded RNG:

- ``number``: a number of the target's prose that the source also has, changed (``50`` -> ``51``);
- ``code``: a code-block line of the target (not a comment) that the source also has, one
  identifier's letters swapped (``primeFactors`` -> ``pirmeFactors``);
- ``link``: a link target of the target that the source also has, one character dropped;
- ``untranslated``: a sentence of the target replaced by a sentence of the source;
- ``list``: an ordered list item (not the first) renumbered;
- ``drop``: a sentence of a paragraph of two or more sentences deleted.

The T rules on by default (or ``--select``) run on the clean and the damaged pair; findings of
the damaged run that the clean run does not have are *new*. A damage is found when a new
finding overlaps its span (three characters of slack; for ``drop``, the paragraph it was cut
from). Precision = new findings that overlap the damage / all new findings.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter, defaultdict

import regex

from lint.translation import pair_rules
from lint.translation.anchors import CJK_RUN_RE, markup_anchors, number_anchors
from lint.translation.bitext import file_bitext, segment_bitext

MISSES: list | None = None  # set to a list to collect the damages not found (tuning)
CLASSES = ("number", "code", "link", "untranslated", "list", "drop")
SLACK = 3
_SENT_EN_RE = regex.compile(r"[^.!?]+[.!?]+(?=\s|$)")
_SENT_ZH_RE = regex.compile(r"[^。！？\n]+[。！？]")
_IDENT_RE = regex.compile(r"\b[A-Za-z][A-Za-z]{4,}\b")
_ORDERED_RE = regex.compile(r"(?m)^([ \t]*)(\d{1,3})([.)][ \t]+)")
_FENCE_RE = regex.compile(r"(?ms)^[ \t]*(```+|~~~+)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$")


def _prose_numbers(text: str, blocks) -> list[tuple[int, int, str]]:
    out = []
    for b in blocks:
        if b.kind not in ("paragraph", "heading", "list_item", "table_row", "segment"):
            continue
        _, covered = markup_anchors(b.text)
        covered += [m.span() for m in _ORDERED_RE.finditer(b.text)]  # the list class's
        for a in number_anchors(b.text, covered, words=False):
            if a.kind == "number" and a.raw.strip().isdigit():
                out.append((b.start + a.start, b.start + a.end, a.raw.strip()))
    return out


def sites(cls: str, source: str, target: str, fmt: str):
    """Candidate damages ``(start, end, replacement, span_start, span_end)`` of ``target``."""
    bt = file_bitext("s", source, target, fmt) if fmt != "segment" else \
        segment_bitext(source, target)
    out = []
    if cls == "number":
        src_nums = {raw for _, _, raw in _prose_numbers(source, bt.source_blocks)}
        for a, b, raw in _prose_numbers(target, bt.target_blocks):
            if raw in src_nums:
                new = str(int(raw) + 1)
                out.append((a, b, new, a, a + len(new)))
    elif cls == "code":
        for m in _FENCE_RE.finditer(target):
            body_start = m.start(2)
            pos = body_start
            for line in m.group(2).split("\n"):
                stripped = line.strip()
                if stripped and not stripped.startswith(("#", "//", "*")) and line in source:
                    for im in _IDENT_RE.finditer(line):
                        w = im.group()
                        new = w[0] + w[2] + w[1] + w[3:]
                        if new != w:
                            a = pos + im.start()
                            out.append((a, a + len(w), new, pos, pos + len(line)))
                            break
                pos += len(line) + 1
    elif cls == "link":
        for blk in bt.target_blocks:
            found, _ = markup_anchors(blk.text)
            for an in found:
                if an.kind == "link" and len(an.value) > 4 and an.value in source:
                    k = len(an.value) // 2
                    a = blk.start + an.start
                    new = an.value[:k] + an.value[k + 1:]
                    out.append((a, a + len(an.value), new, a, a + len(new)))
    elif cls == "untranslated":
        src_sents = [m.group().strip() for m in _SENT_ZH_RE.finditer(source)
                     if CJK_RUN_RE.search(m.group()) and len(m.group().strip()) >= 6]
        if src_sents:
            for blk in bt.target_blocks:
                if blk.kind not in ("paragraph", "list_item", "segment"):
                    continue
                _, code = markup_anchors(blk.text)
                for m in _SENT_EN_RE.finditer(blk.text):
                    # a full stop inside inline code (`as.sh`) is no sentence end
                    if any(a < m.start() < b or a < m.end() < b for a, b in code):
                        continue
                    if len(m.group().split()) >= 4:
                        a = blk.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                        b = blk.start + m.end()
                        new = src_sents[(a * 7919) % len(src_sents)]
                        out.append((a, b, new, a, a + len(new)))
    elif cls == "list":
        for m in _ORDERED_RE.finditer(target):
            if m.group(2) != "1":
                a, b = m.span(2)
                new = str(int(m.group(2)) + 1)
                out.append((a, b, new, a, a + len(new)))
    elif cls == "drop":
        for blk in bt.target_blocks:
            if blk.kind not in ("paragraph", "list_item", "segment"):
                continue
            _, code = markup_anchors(blk.text)
            # a full stop inside inline code or a link (`as.sh`, `a.md)`) ends no sentence
            sents = [m for m in _SENT_EN_RE.finditer(blk.text)
                     if not any(a < m.start() < b or a < m.end() < b for a, b in code)]
            if len(sents) >= 2 and sents[-1].end() == len(blk.text.rstrip()):
                m = sents[-1]
                a, b = blk.start + m.start(), blk.start + m.end()
                out.append((a, b, "", blk.start, blk.end - (b - a)))
    return out


def findings(source: str, target: str, fmt: str, rules) -> list[tuple[str, int, int, str]]:
    bt = file_bitext("s", source, target, fmt) if fmt != "segment" else \
        segment_bitext(source, target)
    out = []
    for code, check in rules:
        for a, b, _msg, _ in check(bt):
            out.append((code, a, b, target[a:b]))
    return out


def _new(clean, damaged):
    have = Counter((c, t) for c, _, _, t in clean)
    out = []
    for f in damaged:
        key = (f[0], f[3])
        if have[key] > 0:
            have[key] -= 1
        else:
            out.append(f)
    return out


def run(pairs: list[tuple[str, str, str, str]], classes, rules, rng: random.Random,
        per_file: int):
    """pairs: (name, source, target, fmt). Returns {class: [damages, found, new, good]}."""
    stats = defaultdict(lambda: [0, 0, 0, 0])
    base = rng.random()
    for _name, source, target, fmt in pairs:
        clean = None
        for cls in classes:
            cands = sites(cls, source, target, fmt)
            if not cands:
                continue
            # one generator per page and class, so that the classes do not shift each other
            local = random.Random(f"{base}:{_name}:{cls}")
            for a, b, new, s0, s1 in local.sample(cands, min(per_file, len(cands))):
                if clean is None:
                    clean = findings(source, target, fmt, rules)
                damaged_text = target[:a] + new + target[b:]
                got = _new(clean, findings(source, damaged_text, fmt, rules))
                good = [f for f in got if f[1] < s1 + SLACK and s0 < f[2] + SLACK]
                st = stats[cls]
                st[0] += 1
                st[1] += bool(good)
                st[2] += len(got)
                st[3] += len(good)
                if MISSES is not None and not good:
                    MISSES.append((cls, _name, target[max(0, s0 - 60):s1 + 20], new,
                                   [f for f in got][:3]))
    return stats


def doc_pairs(root: str, part: str = "all", seed: int = 1):
    from bench.splits import part_of

    out = []
    for name in sorted(os.listdir(os.path.join(root, "en"))):
        if part != "all" and part_of(name, seed) != part:
            continue
        src = os.path.join(root, "zh", name)
        if not os.path.isfile(src):
            continue
        with open(src, encoding="utf-8") as fh:
            s = fh.read()
        with open(os.path.join(root, "en", name), encoding="utf-8") as fh:
            t = fh.read()
        out.append((name, s, t, "markdown"))
    return out


def mqm_pairs(path: str, part: str, seed: int):
    from bench.mqm import load

    return [(f"{s['system']}/{s['doc']}/{s['seg']}", s["source"], s["target"], "segment")
            for s in load(path, part, seed)]


def report(label: str, stats) -> str:
    rows = [f"#### {label}\n", "| damage | cases | found | recall | new findings | precision |",
            "|---|---|---|---|---|---|"]
    for cls in CLASSES:
        if cls not in stats:
            continue
        n, found, new, good = stats[cls]
        rows.append(f"| {cls} | {n} | {found} | {found / n:.1%} | {new} | "
                    f"{(good / new if new else 1):.1%} |")
    return "\n".join(rows) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.pairdamage")
    p.add_argument("--docs", help="a folder with en/ and zh/ Markdown pages of the same names")
    p.add_argument("--mqm", help="wmt23_zhen_mqm.jsonl")
    p.add_argument("--part", default="test", choices=("tune", "test", "all"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-file", type=int, default=3)
    p.add_argument("--select", help="T rule codes (default: those on by default)")
    p.add_argument("--extend-select", help="add rules off by default, e.g. T050")
    args = p.parse_args(argv)
    select = args.select.split(",") if args.select else None
    extend = args.extend_select.split(",") if args.extend_select else ()
    rules = pair_rules(select, extend)
    w = sys.stdout.write
    w(f"rules: {', '.join(c for c, _ in rules)}\n\n")
    if args.docs:
        stats = run(doc_pairs(args.docs, args.part, args.seed), CLASSES, rules,
                    random.Random(args.seed), args.per_file)
        w(report(f"Documentation pairs ({args.docs}, {args.part} part)", stats) + "\n")
    if args.mqm:
        pairs = mqm_pairs(args.mqm, args.part, args.seed)
        rng = random.Random(args.seed)
        pairs = rng.sample(pairs, min(len(pairs), 800))
        stats = run(pairs, ("number", "untranslated", "drop"), rules, rng, 1)
        w(report(f"MQM segments ({args.part} part, 800 sampled)", stats) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
