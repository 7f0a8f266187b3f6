"""Pair the blocks of a translation with the blocks of its source.

How it decides, in order:

1. **Structure.** Each block has a signature (``h2``, ``paragraph``, ``ol``, ``ul``,
   ``table_row``, ``code``, ``container``...). The two signature sequences are matched with a
   longest-matching-blocks diff; blocks in a matching run are paired one to one.
2. **Anchors.** Where the structure differs (a bullet list rendered as prose, a note dropped),
   blocks of the differing stretch are paired when they share what translation keeps
   (inline code, link targets, numbers, Latin-script names): at least two shared anchors and
   half of the smaller side's.
3. **Check.** A structurally paired prose block must also look like a translation of its
   partner: a plausible length ratio for the language pair and, when both sides have two
   anchors or more, one in common (or half their Latin-script names). Code blocks must share
   a third of their lines (compared on letters and digits, numbers as 0), or be 75% similar
   as a whole. Otherwise the pair
   is dropped.

Unpaired blocks are never reported as mismatches by the block checks: alignment degrades to
saying less, not to saying something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

import regex

from lint.translation.anchors import CJK_RUN_RE, LATIN_RUN_RE, markup_anchors, number_anchors
from lint.translation.blocks import Block

#: Target/source prose length (characters) outside which a structural pair is not trusted,
#: per source script. Wide on purpose: it only vetoes pairs, never reports.
LENGTH_BOUNDS = {"cjk": (0.6, 12.0), "latin": (0.3, 3.5)}


@dataclass(slots=True)
class Pair:
    source: Block
    target: Block
    how: str  # structure | anchors | given
    meta: dict = field(default_factory=dict)


def prose_length(text: str) -> int:
    """Characters of prose: without markup anchors and whitespace."""
    _, covered = markup_anchors(text)
    n = len(text) - sum(b - a for a, b in covered)
    return max(0, n - text.count(" "))


def _keys(block: Block) -> set:
    """What a block shares with its translation: code, links, numbers, Latin-script names."""
    if block.kind == "code":
        return set()
    found, covered = markup_anchors(block.text)
    keys = {(a.kind, str(a.value)) for a in found if a.kind in ("code", "link")}
    keys |= {("number", str(a.value)) for a in number_anchors(block.text, covered, words=False)
             if a.kind == "number"}
    return keys


def _names(block: Block) -> set:
    return {m.group().lower() for m in LATIN_RUN_RE.finditer(block.text) if len(m.group()) > 2}


def script_of(text: str) -> str:
    return "cjk" if CJK_RUN_RE.search(text) else "latin"


_NOT_ALNUM_RE = regex.compile(r"[^\p{L}\p{N}]+")
_DIGITS_RE = regex.compile(r"\d+")


def _code_lines(block: Block) -> set[str]:
    """A code block's lines as compared for pairing: letters and digits, numbers as 0."""
    out = set()
    for ln in block.meta.get("content", block.text).splitlines():
        key = _DIGITS_RE.sub("0", _NOT_ALNUM_RE.sub(" ", ln)).strip()
        if key:
            out.add(key)
    return out


def _similar_code(a: Block, b: Block) -> bool:
    la, lb = _code_lines(a), _code_lines(b)
    if not la or not lb:
        return not la and not lb
    if len(la & lb) >= max(1, min(len(la), len(lb)) / 3):
        return True
    from rapidfuzz.fuzz import ratio

    # a short block with a changed line shares no line: compare the whole text
    return ratio(" ".join(sorted(la)), " ".join(sorted(lb))) >= 75


def _plausible(s: Block, t: Block, src_script: str) -> bool:
    if s.kind == "code":
        return _similar_code(s, t)
    if s.kind in ("container", "table"):
        return True
    ls, lt = prose_length(s.text), prose_length(t.text)
    if ls < 4 or lt < 4:
        return True  # too short to judge by length
    lo, hi = LENGTH_BOUNDS[src_script]
    if not lo <= lt / ls <= hi:
        return False
    ks, kt = _keys(s), _keys(t)
    if min(len(ks), len(kt)) >= 2 and not ks & kt:
        # no anchor in common: still a pair when their Latin names agree
        ns, nt = _names(s), _names(t)
        return bool(ns and nt and len(ns & nt) >= max(1, min(len(ns), len(nt)) // 2))
    return True


def _anchor_pairs(src: list[Block], tgt: list[Block]) -> list[tuple[int, int]]:
    """Greedy pairs of blocks (indexes into the two lists, in order) sharing enough anchors."""
    out, j0 = [], 0
    tkeys = [_keys(b) | {("name", n) for n in _names(b)} for b in tgt]
    for i, s in enumerate(src):
        ks = _keys(s) | {("name", n) for n in _names(s)}
        if len(ks) < 2:
            continue
        best, best_j = 0, -1
        for j in range(j0, len(tgt)):
            if tgt[j].kind == "code" or s.kind == "code":
                continue
            shared = len(ks & tkeys[j])
            if shared >= 2 and shared * 2 >= min(len(ks), len(tkeys[j])) and shared > best:
                best, best_j = shared, j
        if best_j >= 0:
            out.append((i, best_j))
            j0 = best_j + 1
    return out


def align(src: list[Block], tgt: list[Block], *, src_script: str = "cjk") -> list[Pair]:
    """Pairs of (source block, target block), in target order; unpaired blocks are absent."""
    pairs: list[Pair] = []
    sig_s = [b.signature for b in src]
    sig_t = [b.signature for b in tgt]
    matcher = SequenceMatcher(None, sig_s, sig_t, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for k in range(a1 - a0):
                s, t = src[a0 + k], tgt[b0 + k]
                if _plausible(s, t, src_script):
                    pairs.append(Pair(s, t, "structure"))
        elif op == "replace":
            for i, j in _anchor_pairs(src[a0:a1], tgt[b0:b1]):
                pairs.append(Pair(src[a0 + i], tgt[b0 + j], "anchors"))
    # code blocks the diff left unpaired, matched by content
    paired_s = {id(p.source) for p in pairs}
    paired_t = {id(p.target) for p in pairs}
    free_t = [t for t in tgt if t.kind == "code" and id(t) not in paired_t]
    for s in src:
        if s.kind != "code" or id(s) in paired_s:
            continue
        for t in free_t:
            if _similar_code(s, t):
                pairs.append(Pair(s, t, "anchors"))
                free_t.remove(t)
                break
    pairs.sort(key=lambda p: p.target.start)
    return pairs
