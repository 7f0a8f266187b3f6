"""Dropped and added sentences (T052, T053): recall and false findings by margin threshold.

``python -m bench.sentcurve --docs ../shared/corpus/mtdocs/arthas --mqm
../shared/corpus/mt/wmt23_zhen_mqm.jsonl [--part tune]``

Every ``drop`` site of :mod:`bench.pairdamage` (the last sentence of a paragraph of two or more
sentences, deleted) is damaged in turn; an ``add`` site is a paragraph given, as its last
sentence, a sentence of another paragraph of the same page (or segment of another document).
For each threshold of :data:`lint.translation.sentalign.MARGIN`, the table gives the damages
found (a finding of the rule overlapping the damaged block, for ``add`` the added sentence),
the findings that appear on the damaged page but not at the damage, and the findings on the
clean pages (each one a false finding unless the translation really lost a sentence).
"""

from __future__ import annotations

import argparse
import random
import sys

from bench.pairdamage import _SENT_EN_RE, doc_pairs, mqm_pairs, sites
from lint.translation.bitext import file_bitext, segment_bitext
from rules.translation import omission

THRESHOLDS = (0, 2, 4, 6, 8, 10, 12, 15, 20)


def _bitext(source, target, fmt):
    return file_bitext("s", source, target, fmt) if fmt != "segment" else \
        segment_bitext(source, target)


def _scored(bt, side: str) -> list[tuple[float, int, int]]:
    """(margin, target start, target end) of each unmatched sentence of ``side``, long
    enough to report."""
    out = []
    for pair, u in omission._unmatched(bt):
        if u.side != side:
            continue
        if side == "source":
            if u.sentence.length >= omission.SENT_MIN_SOURCE[bt.src_script] and \
                    not omission._moved(bt, pair.target, u.sentence, omission.file_ratio(bt)):
                out.append((u.margin, pair.target.start, pair.target.end))
        elif u.sentence.length >= omission.MIN_TARGET:
            out.append((u.margin, pair.target.start + u.sentence.start,
                        pair.target.start + u.sentence.end))
    return out


def add_sites(target: str, fmt: str, donors: list[str], rng: random.Random):
    """Candidate additions ``(at, inserted text)``: a sentence of a donor after the last
    sentence of a paragraph."""
    bt = _bitext("", target, fmt) if fmt == "segment" else file_bitext("s", "", target, fmt)
    out = []
    for blk in bt.target_blocks:
        if blk.kind not in ("paragraph", "segment"):
            continue
        sents = list(_SENT_EN_RE.finditer(blk.text))
        if sents and donors:
            donor = rng.choice(donors)
            out.append((blk.start + sents[-1].end(), " " + donor))
    return out


def curve(pairs, side: str, rng: random.Random, per_page: int, donors_of) -> dict:
    stats = {th: [0, 0, 0, 0] for th in THRESHOLDS}  # damages, found, elsewhere, clean
    for name, source, target, fmt in pairs:
        clean = _scored(_bitext(source, target, fmt), side)
        for th in THRESHOLDS:
            stats[th][3] += sum(m >= th for m, _, _ in clean)
        if side == "source":
            cands = [(a, b, "", s0, s1) for a, b, _n, s0, s1 in sites("drop", source, target,
                                                                       fmt)]
        else:
            cands = [(at, at, text, at, at + len(text))
                     for at, text in add_sites(target, fmt, donors_of(name), rng)]
        local = random.Random(f"{name}:{side}")
        for a, b, new, s0, s1 in local.sample(cands, min(per_page, len(cands))):
            damaged = target[:a] + new + target[b:]
            got = _scored(_bitext(source, damaged, fmt), side)
            base = {(round(m, 6)) for m, _, _ in clean}
            for th in THRESHOLDS:
                at = [g for g in got if g[0] >= th and g[1] < s1 and s0 < g[2]]
                other = [g for g in got if g[0] >= th and not (g[1] < s1 and s0 < g[2])
                         and round(g[0], 6) not in base]
                st = stats[th]
                st[0] += 1
                st[1] += bool(at)
                st[2] += len(other)
    return stats


def table(label: str, stats: dict) -> str:
    rows = [f"#### {label}\n", "| margin | damages | found | recall | elsewhere | "
            "clean-page findings |", "|---|---|---|---|---|---|"]
    for th, (n, found, other, clean) in stats.items():
        rows.append(f"| {th} | {n} | {found} | {found / n if n else 0:.1%} | {other} | "
                    f"{clean} |")
    return "\n".join(rows) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.sentcurve")
    p.add_argument("--docs")
    p.add_argument("--mqm")
    p.add_argument("--part", default="tune", choices=("tune", "test", "all"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-page", type=int, default=5)
    p.add_argument("--sample", type=int, default=800, help="MQM segments sampled")
    p.add_argument("--side", default="source,target")
    args = p.parse_args(argv)
    w = sys.stdout.write
    sides = args.side.split(",")
    if args.docs:
        pairs = doc_pairs(args.docs, args.part, args.seed)
        sents = {name: [m.group().strip() for m in _SENT_EN_RE.finditer(t)
                        if len(m.group().split()) >= 6] for name, _, t, _ in pairs}

        def donors(name):
            return [s for other, ss in sents.items() if other != name for s in ss][:2000]

        for side in sides:
            w(table(f"Documentation pairs, {args.part} part: {side} sentences",
                    curve(pairs, side, random.Random(args.seed), args.per_page, donors)) + "\n")
    if args.mqm:
        pairs = mqm_pairs(args.mqm, args.part, args.seed)
        rng = random.Random(args.seed)
        pairs = rng.sample(pairs, min(len(pairs), args.sample))
        texts = [(name.split("/")[1], t) for name, _, t, _ in pairs]

        def donors(name):
            doc = name.split("/")[1]
            return [t for d, t in texts[:300] if d != doc and len(t.split()) >= 6][:200]

        for side in sides:
            w(table(f"MQM segments, {args.part} part ({len(pairs)} sampled): {side} sentences",
                    curve(pairs, side, random.Random(args.seed), 1, donors)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
