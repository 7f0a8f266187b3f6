"""Seeded damage of the kinds neural MT produces, and the recall/precision of mtlint on it.

``python -m bench.damage_mt CLEAN_DIR... [--seed 1] [--part test|all] [--per-file 3]``

Registers these classes with :mod:`bench.damage` (importing this module adds them to
``DAMAGE``; the default ``bench all`` run does not import it, so its figures do not move):

- loops in four disguises: ``loop-comma`` (`station, station, station`), ``loop-hyphen``
  (`ABC-ABC-ABC`), ``loop-glued`` (`BlueBlueBlue`), ``loop-caps`` (`QUALITY QUALITY
  QUALITY`), and ``loop-group`` (a group of two to four words three times);
- ``x-or-x`` (`cups or bowls` -> `cups or cups`), ``near-duplicate`` (a sentence restated
  after itself with one word changed);
- ``self-reference`` (a term defined by itself: `The term "X" refers to the term "X".`,
  `X is defined as X.`, `X means X.`, `the levy, which means the levy,`);
- ``dominated-sentence`` (one word of a sentence put in place of about half its words, never
  three in a row), ``degenerate-paragraph`` (the rest of a paragraph collapses into a clause
  repeated with one word changed each time);
- ``latin-leftover`` (only with ``--classes``: a clause of the paragraph replaced by a
  sentence of French, Spanish, German, Italian or Portuguese, for S003, which is off by
  default: add ``--extend-select S003``);
- ``cjk-leftover`` (a word replaced by Chinese characters), ``fullwidth-punct`` (`,` -> `，`);
- ``missing-space`` (`Council, rejected` -> `Council,rejected`), ``run-together``
  (`greatly reduced` -> `greatlyreduced`);
- ``name-typo-world`` (a frequent non-English first name misspelt: `Krzysztof` ->
  `Krzystof`), when ``rules/data/names_world.txt`` exists.

Each corpus directory is split with :mod:`bench.splits`; only its test part is damaged
(``--part all`` for corpora never tuned on). Then :func:`bench.quality.evaluate` lints the
clean and damaged copies with the default rules and prints its tables.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from functools import lru_cache

import regex

from bench.damage import FUNCTION_WORDS, Edit, damage, zipf

MT_CLASSES = ("loop-comma", "loop-hyphen", "loop-glued", "loop-caps", "loop-group", "x-or-x",
              "near-duplicate", "self-reference", "dominated-sentence", "degenerate-paragraph",
              "cjk-leftover", "fullwidth-punct", "missing-space", "run-together",
              "name-typo-world")
#: Classes measured only when named with ``--classes`` (their rule is off by default).
OPTIONAL_CLASSES = ("latin-leftover",)

_CONTENT_RE = regex.compile(r"(?<=[a-z,] )([a-z]{4,12})(?= [a-z])")
_WORD_SPAN_RE = regex.compile(r"(?<![\p{L}'’-])\p{L}+(?![\p{L}'’-])")


def _content_words(text, ctx, min_zipf=3.5):
    """Lower-case content words inside prose sentences: (start, end, word)."""
    for s, e in ctx.sentences:
        for m in _CONTENT_RE.finditer(text, s, e):
            w = m.group(1)
            if w not in FUNCTION_WORDS and zipf(w) >= min_zipf:
                yield m.start(1), m.end(1), w


def _loop(text, rng, ctx, make):
    return [[Edit(a, b, make(w, rng))] for a, b, w in _content_words(text, ctx)]


@damage("loop-comma", family="R")
def loop_comma(text, rng, ctx):
    """`station` -> `station, station, station` (three to six copies, commas or spaces)."""
    return _loop(text, rng, ctx, lambda w, r: (", " if r.random() < 0.6 else " ").join(
        [w] * r.randint(3, 6)))


@damage("loop-hyphen", family="R")
def loop_hyphen(text, rng, ctx):
    """`plan` -> `plan-plan-plan-plan`."""
    return _loop(text, rng, ctx, lambda w, r: "-".join([w] * r.randint(3, 5)))


@damage("loop-glued", family="R")
def loop_glued(text, rng, ctx):
    """`blue` -> `BlueBlueBlue` or `blueblueblue`."""
    return _loop(text, rng, ctx, lambda w, r: (w.capitalize() if r.random() < 0.5 else w)
                 * r.randint(3, 5))


@damage("loop-caps", family="R")
def loop_caps(text, rng, ctx):
    """`quality` -> `QUALITY QUALITY QUALITY`."""
    return _loop(text, rng, ctx, lambda w, r: " ".join([w.upper()] * r.randint(3, 5)))


_GROUP_RE = regex.compile(r"(?<=[a-z,] )((?:[a-z]+ ){1,3}[a-z]+)(?=[.,;])")


@damage("loop-group", family="R")
def loop_group(text, rng, ctx):
    """`the poor people.` -> `the poor people the poor people the poor people.`"""
    out = []
    for s, e in ctx.sentences:
        for m in _GROUP_RE.finditer(text, s, e):
            g = m.group(1)
            if not any(w not in FUNCTION_WORDS for w in g.split()):
                continue
            out.append([Edit(m.start(1), m.end(1), " ".join([g] * rng.randint(3, 4)))])
    return out


_COORD_RE = regex.compile(r"(?<=[a-z,] )([a-z]{4,12}) (and|or) ([a-z]{4,12})(?=[ .,;])")


@damage("x-or-x", family="R")
def x_or_x(text, rng, ctx):
    """`cups or bowls` -> `cups or cups` (the second item given the first's translation)."""
    out = []
    for s, e in ctx.sentences:
        for m in _COORD_RE.finditer(text, s, e):
            a, b = m.group(1), m.group(3)
            if a == b or a in FUNCTION_WORDS or b in FUNCTION_WORDS or a.endswith("er"):
                continue
            if zipf(a) < 3.0:
                continue
            out.append([Edit(m.start(3), m.end(3), a, related=((m.start(1), m.end(1)),))])
    return out


@damage("near-duplicate", family="R")
def near_duplicate(text, rng, ctx):
    """A sentence followed by itself with one content word replaced by another word of the
    text (`…after years of delays. …after years of setbacks.`)."""
    out = []
    vocab = sorted(w for w in ctx.vocab if len(w) >= 4 and w.isalpha() and w.islower()
                   and w not in FUNCTION_WORDS)
    if not vocab:
        return out
    for s, e in ctx.sentences:
        sentence = text[s:e]
        words = list(_WORD_SPAN_RE.finditer(sentence))
        if len(words) < 9 or regex.search(r'["“”]', sentence) or sentence[-1:] != ".":
            continue
        cands = [m for m in words[1:] if m.group().islower() and m.group() not in FUNCTION_WORDS
                 and len(m.group()) >= 4]
        if not cands:
            continue
        m = rng.choice(cands)
        new = rng.choice(vocab)
        if new == m.group():
            continue
        restated = sentence[:m.start()] + new + sentence[m.end():]
        ins = " " + restated
        out.append([Edit(e, e, ins, mark=(1, len(ins)), related=((s, e),))])
    return out


_PHRASE_RE = regex.compile(r"(?<=[a-z,] )((?:[a-z]{4,12} )?[a-z]{4,12})(?=[ .,;])")
_SELF_TEMPLATES = (
    ' The term "{x}" refers to the term "{x}".',
    " {X} is defined as {x}.",
    " {X} refers to {x}.",
    " The so-called {x} refers to {x}.",
    " {X} means {x}.",
    ' "{X}" means "{x}".',
    " {X} is known as {x}.",
)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from rules.data import word_list

    return word_list("repetition_stopwords")


@damage("self-reference", family="R")
def self_reference(text, rng, ctx):
    """A term of a sentence defined by itself, as a sentence after it (`The term "carbon
    peak" refers to the term "carbon peak".`) or in place (`the levy, which means the
    levy,`)."""
    out = []
    for s, e in ctx.sentences:
        for m in _PHRASE_RE.finditer(text, s, e):
            x = m.group(1)
            words = x.split()
            if any(w in FUNCTION_WORDS or w in _stopwords() or w.endswith("ly") or zipf(w) < 3.5
                   for w in words):
                continue  # a defined term is a noun phrase, not `although`, `once`, `made`
            if rng.random() < 0.2 and text[m.end():m.end() + 1] == " ":
                ins = f"{x}, which means {x},"
                out.append([Edit(m.start(1), m.end(1), ins)])
                continue
            sentence = rng.choice(_SELF_TEMPLATES).format(x=x, X=x[:1].upper() + x[1:])
            out.append([Edit(e, e, sentence, mark=(1, len(sentence)), related=((m.start(1),
                                                                                 m.end(1)),))])
    return out


_SENT_WORD_RE = regex.compile(r"(?<![\p{L}\p{N}'’.-])\p{L}+(?:['’-]\p{L}+)*")


@damage("dominated-sentence", family="R")
def dominated_sentence(text, rng, ctx):
    """A content word of a sentence put in place of half to two thirds of its words, never
    three copies in a row (`the bank of the bank and the bank for bank the bank...`)."""
    out = []
    for s, e in ctx.sentences:
        words = list(_SENT_WORD_RE.finditer(text, s, e))
        if not 14 <= len(words) <= 40:
            continue
        cands = [m.group() for m in words if m.group().islower() and len(m.group()) >= 4
                 and m.group() not in FUNCTION_WORDS]
        if not cands:
            continue
        w = rng.choice(cands)
        share = rng.uniform(0.5, 0.65)
        positions = list(range(1, len(words)))  # the first word keeps the sentence start
        rng.shuffle(positions)
        chosen: set[int] = set()
        for i in positions:
            if len(chosen) >= share * len(words):
                break
            if {i - 1, i - 2} <= chosen or {i + 1, i + 2} <= chosen or {i - 1, i + 1} <= chosen:
                continue  # never three in a row: R004 would see a plain loop
            chosen.add(i)
        if len(chosen) < 0.5 * len(words):
            continue
        edits = [Edit(words[i].start(), words[i].end(), w) for i in sorted(chosen)
                 if words[i].group() != w]
        if edits:
            a, b = words[0].start(), words[-1].end()
            new = text[a:b]
            for ed in sorted(edits, key=lambda x: -x.start):
                new = new[:ed.start - a] + ed.replacement + new[ed.end - a:]
            out.append([Edit(a, b, new)])
    return out


_CLAUSE_RE = regex.compile(r"(?<=[a-z] )((?:[a-z]+ ){2,4})([a-z]{4,12})(?=[ ,.;])")


@damage("degenerate-paragraph", family="R")
def degenerate_paragraph(text, rng, ctx):
    """The rest of a paragraph after a clause collapses into that clause repeated with its
    last word changed each time (`the price of rice, the price of wheat, the price of rice,
    the price of corn, ...`), as the tail of a degenerate MT segment does."""
    out = []
    vocab = sorted(w for w in ctx.vocab if 4 <= len(w) <= 10 and w.isalpha() and w.islower()
                   and w not in FUNCTION_WORDS)
    if len(vocab) < 3:
        return out
    for ps, pe in ctx.prose:
        if pe - ps < 200:
            continue
        for m in _CLAUSE_RE.finditer(text, ps, min(ps + (pe - ps) // 2, pe)):
            head, last = m.group(1), m.group(2)
            pool = [last] + rng.sample(vocab, 2)
            parts, prev = [], None
            while sum(len(p) + 2 for p in parts) < max(pe - m.start(), 200):
                choice = rng.choice([p for p in pool if p != prev])
                parts.append(head + choice)
                prev = choice
            out.append([Edit(m.start(), pe, ", ".join(parts) + ".")])
            break
    return out


_LATIN_SENTENCES = (
    "nous avons décidé de reporter la réunion à la semaine prochaine",
    "la situation économique reste très difficile pour les familles",
    "el gobierno ha anunciado nuevas medidas para la economía",
    "los ciudadanos esperan una respuesta clara de las autoridades",
    "die Regierung hat neue Maßnahmen für die Wirtschaft angekündigt",
    "wir müssen die Situation in den nächsten Wochen genau beobachten",
    "il governo ha annunciato nuove misure per sostenere le famiglie",
    "la situazione economica resta molto difficile per molti cittadini",
    "o governo anunciou novas medidas para apoiar a economia do país",
    "os moradores esperam uma resposta rápida das autoridades locais",
    "le ministre a refusé de répondre aux questions",
    "cette décision a surpris tout le monde",
    "la empresa no ha querido hacer comentarios",
    "según los datos publicados ayer por el ministerio",
    "das Unternehmen wollte sich dazu nicht äußern",
    "nach Angaben der Polizei wurde niemand verletzt",
    "secondo le stime ufficiali la crescita rallenterà",
    "il presidente non ha voluto commentare la notizia",
    "a empresa não quis comentar o assunto",
    "segundo os dados divulgados ontem pelo ministério",
)


@damage("latin-leftover", family="S")
def latin_leftover(text, rng, ctx):
    """A clause of a sentence (after its first comma) replaced by a clause of French,
    Spanish, German, Italian or Portuguese that MT left untranslated."""
    out = []
    for s, e in ctx.sentences:
        sentence = text[s:e]
        c = sentence.find(", ")
        if c < 10 or not sentence.endswith(".") or len(sentence) - c < 30:
            continue
        foreign = rng.choice(_LATIN_SENTENCES)
        out.append([Edit(s + c + 2, e - 1, foreign)])
    return out


_HAN = [chr(c) for c in range(0x4E00, 0x9FA5)]


@damage("cjk-leftover", family="S")
def cjk_leftover(text, rng, ctx):
    """A word or name replaced by two to six Chinese characters (`by Zhang` -> `by 张伟`)."""
    out = []
    for s, e in ctx.sentences:
        for m in _WORD_SPAN_RE.finditer(text, s, e):
            if len(m.group()) < 4 or m.start() == s:
                continue
            han = "".join(rng.choice(_HAN) for _ in range(rng.randint(2, 6)))
            out.append([Edit(m.start(), m.end(), han)])
    return out


_PUNCT_RE = regex.compile(r"(?<=\p{L})(, |\. (?=\p{Lu})|: |; )")
_FULL = {", ": "，", ". ": "。", ": ": "：", "; ": "；"}


@damage("fullwidth-punct", family="S")
def fullwidth_punct(text, rng, ctx):
    """`, ` -> `，` (and `.` `:` `;`), or brackets `( )` -> `（ ）`."""
    out = []
    for s, e in ctx.prose:
        for m in _PUNCT_RE.finditer(text, s, e):
            out.append([Edit(m.start(), m.end(), _FULL[m.group()])])
        for m in regex.finditer(r"\(([^()\n]{2,60})\)", text[s:e]):
            a = s + m.start()
            out.append([Edit(a, a + 1, "（"), Edit(a + len(m.group()) - 1, a + len(m.group()),
                                                   "）")])
    return out


_SPACE_RE = regex.compile(r"(?<=\b[a-z]{3,}[,;]) (?=[a-z]{3,}\b)"
                          r"|(?<=\b[a-z]{3,}\.) (?=[A-Z][a-z]+ )")


@damage("missing-space", family="G")
def missing_space(text, rng, ctx):
    """`Council, rejected` -> `Council,rejected`; `March. The` -> `March.The`."""
    out = []
    for s, e in ctx.prose:
        for m in _SPACE_RE.finditer(text, s, e):
            a = m.start()
            out.append([Edit(a - 1, a + 1, text[a - 1])])
    return out


_PAIR_RE = regex.compile(r"(?<=[a-z,] )([a-z]{3,}) ([a-z]{3,})(?=[ .,;])")


@damage("run-together", family="G")
def run_together(text, rng, ctx):
    """`greatly reduced` -> `greatlyreduced`: two lower-case content words joined."""
    out = []
    for s, e in ctx.sentences:
        for m in _PAIR_RE.finditer(text, s, e, overlapped=True):
            a, b = m.group(1), m.group(2)
            if a in FUNCTION_WORDS or b in FUNCTION_WORDS or zipf(a) < 3.5 or zipf(b) < 3.5:
                continue
            if zipf(a + b) > 0:
                continue
            out.append([Edit(m.start(), m.end(), a + b)])
    return out


@lru_cache(maxsize=1)
def _world_names() -> dict[str, int | None]:
    """Name -> best first-name rank, from ``rules/data/names_world.txt`` (empty if missing)."""
    from rules.names_world import world_ranks

    return {name: first for name, (first, _last) in world_ranks().items()}


@lru_cache(maxsize=1)
def _typo_pool() -> tuple[str, ...]:
    """Frequent first names of the world that the English name list does not know."""
    from rules.data import word_list

    english = word_list("names_frequent")
    return tuple(sorted(n for n, r in _world_names().items() if r is not None and r <= 100
                        and len(n) >= 6 and n not in english
                        and regex.fullmatch(r"\p{Latin}+", n)))


_FIRST_LAST_RE = regex.compile(r"(?<![\p{L}.])(\p{Lu}\p{Ll}{3,}) (\p{Lu}\p{Ll}{2,})(?![\p{L}])")


@damage("name-typo-world", family="N")
def name_typo_world(text, rng, ctx):
    """A frequent non-English first name, inserted in place of an English one and misspelt
    (`David Smith` -> `Krzystof Smith`): the name list of the world, one letter dropped,
    doubled or swapped."""
    names = _world_names()
    pool = _typo_pool()
    if not pool:
        return []
    out = []
    for s, e in ctx.sentences:
        for m in _FIRST_LAST_RE.finditer(text, s, e):
            if m.start() == s:
                continue
            name = rng.choice(pool)
            typo = _misspell(name, rng)
            if typo is None or typo in names:
                continue
            out.append([Edit(m.start(1), m.end(1), typo)])
    return out


def _misspell(name: str, rng) -> str | None:
    i = rng.randrange(1, len(name) - 1)
    kind = rng.random()
    if kind < 0.4:
        return name[:i] + name[i + 1:]  # a letter dropped
    if kind < 0.7:
        return name[:i] + name[i] + name[i:]  # a letter doubled
    if name[i] == name[i + 1]:
        return None
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]  # two letters swapped


def _test_copy(roots: list[str], part: str, dest: str) -> list[str]:
    """Copy each corpus's ``part`` files into ``dest/<corpus name>/`` and return the dirs."""
    from bench.splits import corpus_files, split_files

    out = []
    for root in roots:
        files = corpus_files(root)
        if part != "all":
            files = split_files(root, files)[part]
        base = os.path.join(dest, os.path.basename(os.path.normpath(root)))
        for f in files:
            target = os.path.join(base, os.path.relpath(f, root))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(f, target)
        out.append(base)
    return out


def main(argv: list[str] | None = None) -> int:
    from bench import quality
    from bench.damage import generate

    p = argparse.ArgumentParser(prog="python -m bench.damage_mt",
                                description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="+", help="directories of clean .txt/.md files")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--part", choices=("tune", "test", "all"), default="test")
    p.add_argument("--per-file", type=int, default=2)
    p.add_argument("--limit", type=int)
    p.add_argument("--classes", help="comma list (default: every MT class available)")
    p.add_argument("--extend-select", help="rules to add, e.g. off-by-default ones")
    p.add_argument("--top", type=int, default=10)
    args = p.parse_args(argv)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else \
        [c for c in MT_CLASSES if c != "name-typo-world" or _world_names()]
    unknown = [c for c in classes if c not in MT_CLASSES + OPTIONAL_CLASSES]
    if unknown:
        p.error(f"unknown damage classes: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="mtlint-mt-") as tmp:
        roots = _test_copy(args.paths, args.part, os.path.join(tmp, "src"))
        out = os.path.join(tmp, "out")
        generate(roots, out, seed=args.seed, limit=args.limit, per_file=args.per_file,
                 classes=classes)
        ext = [c.strip() for c in args.extend_select.split(",")] if args.extend_select else None
        quality.evaluate([], out_dir=out, seed=args.seed, reuse=True, top=args.top,
                         extend_select=ext)
    return 0


if __name__ == "__main__":
    sys.exit(main())
