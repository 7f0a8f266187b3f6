"""Seeded damage generator: inject realistic machine-translation and copy-paste artifacts.

``python -m bench.damage CLEAN_DIR... --out OUT --seed 1`` writes ``OUT/clean/`` (untouched
copies, for precision), ``OUT/damaged/`` (the same files with a few injected defects each, at
well-separated places) and ``OUT/manifest.json``: one entry per edit,
``{file, class, id, offset, end_offset, original, damaged, clean_offset, clean_end_offset,
related}``. ``offset``/``end_offset`` are ``str`` offsets into the DAMAGED file text (the span
a rule should flag); ``clean_offset``/``clean_end_offset`` the replaced span of the clean text;
``related`` lists damaged-text spans of untouched text that belong to the same defect (the first
copy of a duplicated sentence, the other spelling of a name); edits with the same ``id`` are one
injected defect (``name-cross-file`` changes every occurrence of a name in a file).

Classes are pluggable: decorate ``fn(text, rng, ctx) -> list[list[Edit]]`` (the candidate
injections in ``text``, each a list of edits, usually one) with ``@damage(name, family=...)``,
where ``family`` lists the code letters of the mtlint rule families expected to catch it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

# -- model ---------------------------------------------------------------------------------


@dataclass
class Edit:
    """Replace ``text[start:end]`` of the clean text by ``replacement``.

    ``mark`` is the part of the replacement to report as the damaged span (default: all of
    it), so an inserted line does not report its leading blank line. ``related`` are spans of
    the clean text that stay as they are but belong to the defect.
    """

    start: int
    end: int
    replacement: str
    mark: tuple[int, int] | None = None
    related: tuple[tuple[int, int], ...] = ()


Injection = list[Edit]
DamageFn = Callable[[str, random.Random, "Context"], list[Injection]]


@dataclass
class DamageClass:
    name: str
    fn: DamageFn
    family: tuple[str, ...]  # code letters of the rule families expected to catch it
    exclusive: bool = False  # the only damage in its file (touches the whole file)
    on_pick: Callable | None = None  # fn(text, injection, ctx) after an injection is chosen


#: name -> class; the names are the contract with ``bench.quality``.
DAMAGE: dict[str, DamageClass] = {}


def damage(name: str, *, family: str | tuple[str, ...], exclusive: bool = False,
           on_pick: Callable | None = None):
    def wrap(fn: DamageFn) -> DamageFn:
        fam = (family,) if isinstance(family, str) else tuple(family)
        DAMAGE[name] = DamageClass(name, fn, fam, exclusive, on_pick)
        return fn

    return wrap


@dataclass
class Context:
    """What a damage function may know about the file and the batch."""

    path: str = ""
    headlines: list[str] = field(default_factory=list)  # first lines of the other files
    name_files: Counter = field(default_factory=Counter)  # name -> files of the batch using it
    vocab: frozenset = frozenset()  # lower-case words of the whole batch
    lower: frozenset = frozenset()  # words the batch writes in lower case
    # shared by the files of one batch, updated as injections are picked (names):
    variants: Counter = field(default_factory=Counter)  # misspelling -> files using it
    cross_damaged: Counter = field(default_factory=Counter)  # name -> files where all replaced
    blocked: list[tuple[int, int]] = field(default_factory=list)  # code spans (Markdown)
    text: str = ""

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

    @cached_property
    def prose(self) -> list[tuple[int, int]]:
        """Paragraphs of running prose: several words and final punctuation, not a heading."""
        out = []
        for i, (s, e) in enumerate(self.paragraphs):
            block = self.text[s:e]
            if i == 0 or len(block.split()) < 8 or "\n" in block.strip():
                continue
            if block.lstrip().startswith(("#", "-", "*", ">", "|", "    ")) or "`" in block:
                continue
            if block.rstrip()[-1:] in ".!?\"”’')":
                out.append((s, e))
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        out = []
        for s, e in self.prose:
            start = s
            for m in _SENT_SPLIT.finditer(self.text, s, e):
                out.append((start, m.start()))
                start = m.end()
            out.append((start, e))
        return out


_PARA_RE = regex.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_SENT_SPLIT = regex.compile(r"(?<=[a-z0-9%)][.!?][\"”’']?) +(?=[\"“‘']?\p{Lu})")
_WORD_RE = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line-separated blocks, without their final line break."""
    return [(m.start(), m.start() + len(m.group().rstrip("\n"))) for m in _PARA_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from rules.lexicon import zipf as _z

    return _z(word)


FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet for of to in on at by with from into onto over under about
after before since until as than that this these those there here it its he she they we you i
him her them us me my his their our your is are was were be been being has have had do does did
will would can could shall should may might must not no if when while where which who whom whose
what how why all any some each every both either neither such very just also only then
""".split())

# Not "I": it is capitalised everywhere, so "in March I will" cannot be told from correct text.
LEAD_WORDS = ("The", "They", "He", "She", "It", "We", "But", "This", "That", "There", "These",
              "In", "His", "Her", "Their", "Its", "However", "If", "When", "As", "A", "And")
ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr inc corp ltd co no gov sen rep gen col lt "
                          "jan feb mar apr jun jul aug sep sept oct nov dec vs etc ave".split())


def _words(text: str, start: int, end: int):
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, end)]


# -- garbled (G) ---------------------------------------------------------------------------

_PAIR_RE = regex.compile(r"(?<=[a-z,] )([a-z]{3,}) ([a-z]{2,})\b(?![-'’])")


@damage("glued-words", family="G")
def glued_words(text, rng, ctx):
    """`heat and` -> `heatAnd`; sometimes `the plan` -> `theplan` when both are common."""
    out = []
    for s, e in ctx.sentences:
        for m in _PAIR_RE.finditer(text, s, e, overlapped=True):
            a, b = m.group(1), m.group(2)
            if zipf(a) < 3.5 or zipf(b) < 3.5:
                continue
            if rng.random() < 0.25 and zipf(a) >= 5 and zipf(b) >= 5 and zipf(a + b) == 0:
                out.append([Edit(m.start(), m.end(), a + b)])
            elif len(b) >= 3:
                out.append([Edit(m.start(), m.end(), a + b.capitalize())])
    return out


_BOUNDARY_RE = regex.compile(r"(?<=(?:^|\s)(\p{L}+))\. (" + "|".join(LEAD_WORDS) + r") (?=\p{Ll})")


@damage("lost-boundary", family="G")
def lost_boundary(text, rng, ctx):
    """`in March. They` -> `in March They` (the full stop between two sentences dropped)."""
    out = []
    for s, e in ctx.prose:
        for m in _BOUNDARY_RE.finditer(text, s, e):
            prev = m.group(1)
            if len(prev) < 3 or prev.lower() in ABBREVIATIONS or prev.isupper():
                continue
            start = m.start() - len(prev)
            out.append([Edit(start, m.end(2), prev + " " + m.group(2))])
    return out


_DOUBLE_CANDIDATES = ("the", "a", "to", "of", "in", "and", "for", "on", "with", "at", "from",
                      "by", "was", "will", "has", "said", "it", "be")
_DOUBLE_RE = regex.compile(r"(?<=[a-z,] )(" + "|".join(_DOUBLE_CANDIDATES) + r") (?=[a-z])")


@damage("doubled-word", family="G")
def doubled_word(text, rng, ctx):
    """`the` -> `the the`."""
    out = []
    for s, e in ctx.prose:
        for m in _DOUBLE_RE.finditer(text, s, e):
            w = m.group(1)
            out.append([Edit(m.start(1), m.end(1), f"{w} {w}")])
    return out


_INITIALS_RE = regex.compile(r"(?<=[a-z] )([a-z]{3,9})(?= [a-z]{3,})")
_REAL_INITIALS = {"U.S", "U.K", "A.M", "P.M", "E.G", "I.E", "U.N", "E.U"}


@damage("mangled-initials", family="G")
def mangled_initials(text, rng, ctx):
    """`told him three times` -> `told L.N times` (a word replaced by dotted initials)."""
    out = []
    letters = "BCDFGHJKLMNPRSTVW"
    for s, e in ctx.sentences:
        for m in _INITIALS_RE.finditer(text, s, e):
            if m.group(1) in FUNCTION_WORDS:
                continue
            while True:
                n = 2 if rng.random() < 0.7 else 3
                initials = ".".join(rng.choice(letters) for _ in range(n))
                if initials not in _REAL_INITIALS:
                    break
            out.append([Edit(m.start(1), m.end(1), initials)])
    return out


# A two-word noun phrase ends where the next word is a function word or punctuation follows:
# title-casing tools and MT capitalise phrases (`the Water Supply`, `a Naked Protest against`),
# not a verb and an adverb that happen to follow a determiner (`the Middle Gives Nadal`).
_TITLE_RE = regex.compile(r"(?<=[a-z] (?:the|a|an|of|for|to|in|on|with|and) )"
                          r"([a-z]{4,}) ([a-z]{4,})(?=[.,;:!?)\"”]|\s+([a-z]+)\b)")
#: Not inside a noun phrase: prepositions and conjunctions the function-word list lacks, and
#: frequent verbs that do not end in -ed.
_NOT_IN_PHRASE = FUNCTION_WORDS | frozenset("""
through between during against without within among across along around behind beyond
towards toward upon despite except unless because although though whether said says told
made took gave came went became began left found thought knew held kept brought
""".split())


@damage("title-case", family="G")
def title_case(text, rng, ctx):
    """`the water supply` -> `the Water Supply` (a two-word noun phrase Title-Cased
    mid-sentence)."""
    out = []
    for s, e in ctx.sentences:
        for m in _TITLE_RE.finditer(text, s, e):
            a, b, after = m.group(1), m.group(2), m.group(3)
            if a in _NOT_IN_PHRASE or b in _NOT_IN_PHRASE or a.endswith("ly") or \
                    b.endswith(("ly", "ed")):
                continue
            if after is not None and after not in _NOT_IN_PHRASE:
                continue  # the phrase goes on (`to steal market share`)
            if zipf(a) < 3.8 or zipf(b) < 3.8:
                continue
            out.append([Edit(m.start(), m.end(), f"{a.capitalize()} {b.capitalize()}")])
    return out


# -- quotes and brackets (Q) -----------------------------------------------------------------

_OPENS = regex.compile(r'(?<=^|[\s(\[—–-])"(?=[\p{L}\p{N}\[(£$‘\'.])', regex.MULTILINE)
_CLOSES = regex.compile(r'(?<=[^\s])"(?=$|[\s,.;:!?)\]—–-])', regex.MULTILINE)


def open_quotation(text: str, s: int, e: int) -> bool:
    """Does the paragraph leave a quotation open (the multi-paragraph convention)?"""
    block = text[s:e]
    return block.count('"') % 2 == 1 or block.count("“") > block.count("”")


def _quote_pairs(text: str, s: int, e: int):
    """(open, close) offsets of the double quotations in a balanced paragraph, else []."""
    block = text[s:e]
    straight = [s + i for i, ch in enumerate(block) if ch == '"']
    curly = [s + i for i, ch in enumerate(block) if ch in "“”"]
    if straight and curly:
        return []
    if straight:
        if len(straight) % 2:
            return []
        pairs = list(zip(straight[::2], straight[1::2], strict=True))
        for o, c in pairs:  # every quote must look like what the pairing makes it
            if not (_OPENS.match(text, o) and _CLOSES.match(text, c)):
                return []
        return pairs
    pairs, opened = [], None
    for i in curly:
        if text[i] == "“":
            if opened is not None:
                return []
            opened = i
        else:
            if opened is None:
                return []
            pairs.append((opened, i))
            opened = None
    return [] if opened is not None else pairs


def _next_para_starts_with_quote(text, ctx, e):
    for s2, _ in ctx.paragraphs:
        if s2 > e:
            return text[s2] in "\"“"
    return False


def _last_quotes(text, ctx):
    """The last quotation of each prose paragraph (so that breaking it is unambiguous)."""
    for s, e in ctx.prose:
        pairs = _quote_pairs(text, s, e)
        if pairs and not _next_para_starts_with_quote(text, ctx, e):
            o, c = pairs[-1]
            if 3 < c - o < 400:
                yield s, e, o, c


@damage("unclosed-quote", family="Q")
def unclosed_quote(text, rng, ctx):
    """A closing quote deleted: `"We will win," he said.` -> `"We will win, he said.`"""
    return [[Edit(o, c + 1, text[o:c])] for _, _, o, c in _last_quotes(text, ctx)]


@damage("stray-apostrophe", family="Q")
def stray_apostrophe(text, rng, ctx):
    """`…give up,"` -> `…give up'"` (a straight apostrophe before the closing quote)."""
    out = []
    for s, e in ctx.prose:
        for o, c in _quote_pairs(text, s, e):
            inner = text[o + 1:c]
            if regex.search(r"(?<!\p{L})['‘]|['’](?!\p{L})", inner):
                continue  # a nested quotation: an apostrophe there is not stray
            m = regex.search(r"(\p{L}+)([.,!?]?)$", inner)
            if not m or m.group(1).endswith(("s", "S")) or len(m.group(1)) < 2:
                continue
            word_start = o + 1 + m.start(1)
            word, punct = m.group(1), m.group(2)
            repl = word + "'" + (punct if punct and rng.random() < 0.5 else "")
            out.append([Edit(word_start, c + 1, repl + text[c])])
    return out


@damage("mixed-quotes", family="Q")
def mixed_quotes(text, rng, ctx):
    """`"…"` -> `“…"` (or `“…”` -> `“…"`): one quotation in two styles."""
    out = []
    for s, e in ctx.prose:
        for o, c in _quote_pairs(text, s, e):
            if c - o > 300 or c - o < 4:
                continue
            inner = text[o + 1:c]
            if text[o] == '"':
                repl = ("“" + inner + '"') if rng.random() < 0.5 else ('"' + inner + "”")
            else:
                repl = "“" + inner + '"'
            out.append([Edit(o, c + 1, repl)])
    return out


_PRONOUNS = ("He", "She", "They", "We", "It", "I", "This")


@damage("bracket-quote", family="Q")
def bracket_quote(text, rng, ctx):
    """`"She is ready," Lopez said.` -> `"[She] Lopez said.` (quoted words lost)."""
    out = []
    for _, _e, o, c in _last_quotes(text, ctx):
        if text[c - 1] != "," or not regex.match(r" \p{L}", text[c + 1:c + 3]):
            continue
        first = regex.match(r"\p{L}+", text[o + 1:c])
        word = first.group() if first and first.group() in _PRONOUNS else rng.choice(_PRONOUNS[:3])
        out.append([Edit(o, c + 1, text[o] + f"[{word}]")])
    return out


_PAREN_RE = regex.compile(r"\(([^()\[\]\n]{2,80})\)")


@damage("unclosed-bracket", family="Q")
def unclosed_bracket(text, rng, ctx):
    """`(SEC), which` -> `(SEC, which`: a closing bracket dropped."""
    out = []
    for s, e in ctx.prose:
        for m in _PAREN_RE.finditer(text, s, e):
            out.append([Edit(m.start(), m.end(), m.group()[:-1])])
    return out


# -- leaked page furniture (F) -----------------------------------------------------------------

CREDITS = (" (AFP)", " (Reuters)", " (AP)", " (Photo: EPA)", " (Photo: Getty Images)",
           " (Source: City Hall/Flickr)", " (Image: Reuters)", " (Photo: AFP/Getty)",
           " (Picture: PA)")
NEWSLETTER = (
    "Get the day's top headlines delivered to your inbox. Subscribe now",
    "Sign up for our daily newsletter to get the latest news straight to your inbox.",
    "Subscribe to our newsletter",
    "Want more stories like this? Sign up for our free weekly briefing.",
    "Click here to subscribe to our morning newsletter",
    "Enter your email address to receive breaking news alerts.",
    "Never miss a story: sign up for the Evening Update newsletter.",
    "Sign up now for our free Business Today email",
)
READ_NEXT = ("Read Next: ", "Related: ", "Read more: ", "READ MORE: ", "Read next: ",
             "See also: ")
ADVERTS = ("Advertisement", "ADVERTISEMENT", "Advertisement - scroll to continue",
           "Story continues below advertisement")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _insert_line(text, ctx, make_line, *, after_heading=False) -> list[Injection]:
    """Candidates: a new paragraph after each prose paragraph (or after the heading)."""
    out = []
    paras = ctx.paragraphs
    targets = [(s, e) for s, e in ctx.prose]
    if after_heading and paras:
        targets.insert(0, paras[0])
    for s, e in targets:
        if open_quotation(text, s, e):
            continue  # do not cut a quotation that runs on into the next paragraph
        k = paras.index((s, e))
        if k + 1 >= len(paras):
            continue  # not after the last paragraph
        sep = text[e:paras[k + 1][0]]
        if sep.count("\n") < 2:
            continue
        line = make_line()
        out.append([Edit(e, e, sep + line, mark=(len(sep), len(sep) + len(line)))])
    return out


@damage("photo-credit", family="F")
def photo_credit(text, rng, ctx):
    """` (AFP)`, ` (Photo: EPA)`, … appended to the end of a line."""
    out = []
    for _, e in ctx.prose:
        credit = rng.choice(CREDITS)
        out.append([Edit(e, e, credit, mark=(1, len(credit)))])
    return out


@damage("newsletter", family="F")
def newsletter(text, rng, ctx):
    return _insert_line(text, ctx, lambda: rng.choice(NEWSLETTER))


@damage("read-next", family=("F", "R"))
def read_next(text, rng, ctx):
    """`Read Next: <the headline of another article>`."""
    others = [h for h in ctx.headlines if h and len(h.split()) >= 3]
    if not others:
        return []
    return _insert_line(text, ctx, lambda: rng.choice(READ_NEXT) + rng.choice(others))


@damage("advertisement", family="F")
def advertisement(text, rng, ctx):
    return _insert_line(text, ctx, lambda: rng.choice(ADVERTS))


def _metadata_line(rng: random.Random) -> str:
    y, mo, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    h, mi = rng.randint(0, 23), rng.randint(0, 59)
    forms = (
        f"Published {y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}",
        f"By Staff Writer | Updated {rng.randint(1, 11)}h ago",
        f"Updated: {d} {MONTHS[mo - 1]} {y}, {h:02d}:{mi:02d} GMT",
        f"Last updated on {d} {MONTHS[mo - 1]} {y} at {h:02d}:{mi:02d}",
        f"Posted {d:02d}/{mo:02d}/{y} at {h % 12 or 12}:{mi:02d}{'am' if h < 12 else 'pm'}",
        f"By {rng.choice(('Staff Reporter', 'News Desk', 'Our Correspondent'))} | "
        f"{MONTHS[mo - 1]} {d}, {y}",
    )
    return rng.choice(forms)


@damage("metadata", family="F")
def metadata(text, rng, ctx):
    """`Published 2023-04-02 09:14` / `By Staff Writer | Updated 3h ago` on a line."""
    return _insert_line(text, ctx, lambda: _metadata_line(rng), after_heading=True)


# -- repetition (R) ----------------------------------------------------------------------------

_CONNECTORS = (", which is ", ", as ", " and ", ", that is ", ", ")


#: A sentence end behind a closing quote or an acronym (`…accessible". This …`, `…at UBS.
#: The …`), which ``_SENT_SPLIT`` does not cut: the copied phrase must come from the last one.
_QUOTED_END_RE = regex.compile(r"(?:[.!?][\"”’']+|[\"”’'][.!?]|(?<=\p{Lu}\p{Lu})\.)[ \t]+"
                               r"(?=[\"“‘']?\p{Lu})")
#: A capitalised word just before / after the phrase: the phrase would cut a name in half.
_CAP_BEFORE_RE = regex.compile(r"\p{Lu}[\p{L}'’.-]* $")
_CAP_AFTER_RE = regex.compile(r" \p{Lu}")
_CONJUNCTIONS = frozenset("and or but nor so yet".split())


@damage("repeated-clause", family="R")
def repeated_clause(text, rng, ctx):
    """`…since 1989.` -> `…since 1989, which is the largest protest in the capital.`

    The copied phrase is a run of whole words, as translation and paraphrase models repeat
    them: it neither starts nor ends inside a hyphenated compound (not `term growth drivers
    of` from `Long-term growth drivers of`), does not end on a function word (not `number one
    singles at the`) or start with a conjunction (not `, which is but the player`), does not
    start inside a token or cut a name in half (not `Carradine and Natalie` of `Natalie Wood`),
    and comes from the sentence it is appended to (not from a sentence before a closing quote,
    `"cultural icon". Enterprise`)."""
    out = []
    for s, e in ctx.sentences:
        if text[e - 1] != ".":
            continue
        for m in _QUOTED_END_RE.finditer(text, s, e - 1):
            s = m.end()
        words = _words(text, s, e - 1)
        if len(words) < 8:
            continue
        for _ in range(2):
            n = rng.randint(4, 6)
            i = rng.randrange(0, len(words) - n)
            span = words[i:i + n]
            if any(span[j + 1][0] - span[j][1] != 1 or text[span[j][1]] != " "
                   for j in range(n - 1)):
                continue  # punctuation inside the phrase
            content = [w for _, _, w in span if w.lower() not in FUNCTION_WORDS]
            if len(content) < 2:
                continue
            a, b = span[0][0], span[-1][1]
            if text[a - 1:a] in ("-", "‐", "'", "’") or text[b:b + 1] in ("-", "‐") or \
                    span[-1][2].lower() in FUNCTION_WORDS or span[0][2].lower() in _CONJUNCTIONS:
                continue  # part of a compound, a fragment ending on "the", "and but ..."
            if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "$£€.,"):
                continue  # starts inside a token (`m profit` from `$17m profit`)
            if (span[0][2][0].isupper() and _CAP_BEFORE_RE.search(text, max(0, a - 40), a)) or \
                    (span[-1][2][0].isupper() and _CAP_AFTER_RE.match(text, b)):
                continue  # cuts a name in half (`Carradine and Natalie` from `... Natalie Wood`)
            phrase = text[span[0][0]:span[-1][1]]
            if i == 0 and phrase[0].isupper() and phrase.split()[0] in LEAD_WORDS:
                phrase = phrase[0].lower() + phrase[1:]
            conn = rng.choice(_CONNECTORS)
            ins = conn + phrase
            lead = len(conn)
            out.append([Edit(e - 1, e - 1, ins, mark=(lead, len(ins)),
                             related=((span[0][0], span[-1][1]),))])
            break
    return out


@damage("duplicated-sentence", family="R")
def duplicated_sentence(text, rng, ctx):
    """A sentence printed twice, right after itself or as the next paragraph."""
    out = []
    paras = ctx.paragraphs
    for s, e in ctx.sentences:
        sentence = text[s:e]
        if len(sentence.split()) < 6 or regex.search(r'["“”]', sentence):
            continue
        if rng.random() < 0.7:
            out.append([Edit(e, e, " " + sentence, mark=(1, len(sentence) + 1),
                             related=((s, e),))])
        else:
            ps, pe = next(((ps, pe) for ps, pe in paras if ps <= s < pe), (0, None))
            nxt = [ps for ps, _ in paras if ps > s]
            if pe is None or not nxt or regex.search(r'["“”]', text[ps:pe]):
                continue  # outside its paragraph a sentence from a quotation breaks it
            sep = text[pe:nxt[0]]
            out.append([Edit(pe, pe, sep + sentence, mark=(len(sep), len(sep) + len(sentence)),
                             related=((s, e),))])
    return out


@damage("repeated-heading", family=("R", "F"))
def repeated_heading(text, rng, ctx):
    """The headline printed twice."""
    paras = ctx.paragraphs
    if not paras:
        return []
    s, e = paras[0]
    head = text[s:e]
    if "\n" in head or len(head.split()) < 2 or head.rstrip()[-1:] in ".!?":
        return []
    sep = "\n" if rng.random() < 0.4 else "\n\n"
    return [[Edit(e, e, sep + head, mark=(len(sep), len(sep) + len(head)), related=((s, e),))]]


# -- encoding (E) ------------------------------------------------------------------------------

def _mojibake(s: str) -> str:
    return s.encode("utf-8").decode("cp1252", errors="replace")


# A word with an apostrophe, a pound sign, a spaced dash, or any non-ASCII letter (not a quote:
# mojibake of one quote of a pair would also break the quotation).
_ENC_SPOT_RE = regex.compile(r"\p{L}+'\p{L}+|£\d[\d.,]*\p{L}*| - (?=\p{L})"
                             r"|\p{L}*[^\x00-\x7f“”’£\p{Z}]\p{L}*")
_CURLY = {"'": "’", " - ": " – "}


def _enc_spots(text, ctx):
    for s, e in ctx.prose:
        yield from _ENC_SPOT_RE.finditer(text, s, e)


@damage("mojibake", family="E")
def mojibake(text, rng, ctx):
    """`don't` -> `donâ€™t`, `£5m` -> `Â£5m`, ` - ` -> ` â€“ ` (UTF-8 read as cp1252)."""
    out = []
    for m in _enc_spots(text, ctx):
        w = m.group()
        fixed = _CURLY.get(w, w.replace("'", "’") if "'" in w else w)
        bad = _mojibake(fixed)
        if bad != w and "\ufffd" not in bad:
            out.append([Edit(m.start(), m.end(), bad)])
    return out


@damage("html-entity", family="E")
def html_entity(text, rng, ctx):
    """`&` -> `&amp;`, `’` -> `&#8217;`, a space -> `&nbsp;` in plain prose."""
    out = []
    for s, e in ctx.prose:
        for m in regex.finditer(r"\S*&\S*", text[s:e]):
            if "&" in m.group() and ";" not in m.group():
                a, b = s + m.start(), s + m.end()
                out.append([Edit(a, b, text[a:b].replace("&", "&amp;"))])
        for m in regex.finditer(r"\p{L}+'\p{L}+", text[s:e]):
            a, b = s + m.start(), s + m.end()
            ent = rng.choice(("&#8217;", "&rsquo;", "&#39;"))
            out.append([Edit(a, b, text[a:b].replace("'", ent))])
        for m in regex.finditer(r"(?<=\s)(\d[\d.,]*) (\p{L}+)", text[s:e]):
            a, b = s + m.start(), s + m.end()
            out.append([Edit(a, b, f"{m.group(1)}&nbsp;{m.group(2)}")])
    return out


@damage("zero-width", family="E")
def zero_width(text, rng, ctx):
    """A zero-width space or soft hyphen inside a word."""
    out = []
    for s, e in ctx.sentences:
        for m in regex.finditer(r"(?<!\S)\p{Ll}{6,}(?!\S)", text[s:e]):
            w = m.group()
            k = rng.randint(2, len(w) - 2)
            ch = rng.choice(("\u200b", "\u00ad", "\u200b", "\u200c", "\ufeff"))
            out.append([Edit(s + m.start(), s + m.end(), w[:k] + ch + w[k:])])
    return out


@damage("replacement-char", family="E")
def replacement_char(text, rng, ctx):
    """A non-ASCII character (or the curly apostrophe that stood there) replaced by U+FFFD."""
    out = []
    for m in _enc_spots(text, ctx):
        w = m.group()
        if "'" in w:
            bad = w.replace("'", "\ufffd")
        elif w == " - ":
            bad = " \ufffd "
        else:
            bad = regex.sub(r"[^\x00-\x7f]", "\ufffd", w, count=1)
        if bad != w:
            out.append([Edit(m.start(), m.end(), bad)])
    return out


# -- names (N) ---------------------------------------------------------------------------------
#
# Issue 4 defines the target: ONE edit (a substitution, insertion, deletion or adjacent
# transposition; a transliteration swap only where it is one edit) in a name that also appears
# correctly in the same file (``name-in-file``) or in another file of the batch
# (``name-cross-file``). The generator keeps to that definition, else recall measures something
# else:
# - ``misspell`` checks every variant with an edit distance (optimal string alignment) of exactly
#   one, so two-edit swaps (``ee``/``i``, ``ph``/``f``, ``x``/``ks``) are not produced;
# - ``name-cross-file`` replaces every occurrence of a name in one file (possessives too), so
#   the batch keeps count (``Context.cross_damaged``) and a name is damaged only while at least
#   two OTHER files still spell it right (a 1-vs-1 split is undecidable, for a rule and for an
#   editor);
# - a typo is random, so a typo variant (vowel slip, dropped letter, transposition) is used in
#   one file of the batch at most (``Context.variants``); only a transliteration variant (the
#   systematic y/i, k/c, v/w, sh/sch, kh/h, doubled letters a translation engine repeats) may
#   recur, in at most ``_TRANSLIT_MAX_FILES`` files and while at least three times as many files
#   keep the right spelling (else it is an established competing spelling, not a slip);
# - a capitalised word that the batch also uses in lower case (``Analysts`` opening a sentence)
#   is a common word, not a name, and is never damaged.

_NAME_RE = regex.compile(r"(?<![\p{L}\p{N}'’.-])\p{Lu}\p{Ll}{3,}(?![\p{L}\p{N}'’-])")
_NOT_NAMES = frozenset(m.lower() for m in MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday however although".split())
#: one-edit transliteration swaps (each is a substitution, insertion or deletion)
_SWAPS = (("y", "i"), ("i", "y"), ("sch", "sh"), ("sh", "sch"), ("c", "k"), ("k", "c"),
          ("v", "w"), ("w", "v"), ("ou", "u"), ("j", "y"), ("kh", "h"))
_TRANSLIT_MAX_FILES = 3
_LOWER_RE = regex.compile(r"(?<![\p{L}'’-])\p{Ll}+(?![\p{L}'’-])")


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (an adjacent transposition is one edit)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def lower_words(text: str) -> set[str]:
    """Words written in lower case in ``text``."""
    return set(_LOWER_RE.findall(text))


def name_candidates(text: str, lower_batch=frozenset()) -> Counter:
    """Capitalised tokens that look like names: never lower-case in the text (nor in
    ``lower_batch``, the lower-case words of the batch), rare as words."""
    counts = Counter(m.group() for m in _NAME_RE.finditer(text))
    lower = lower_words(text)
    return Counter({w: n for w, n in counts.items()
                    if w.lower() not in lower and w.lower() not in lower_batch
                    and w.lower() not in _NOT_NAMES
                    and w.lower() not in FUNCTION_WORDS and zipf(w) < 4.0})


def misspell_kind(name: str, rng: random.Random, vocab=frozenset(),
                  taken=None) -> tuple[str, str] | None:
    """One plausible edit of a name (never the first letter), not a word of ``vocab``:
    ``(variant, kind)`` with kind ``translit`` or ``typo``. ``taken``: variant -> files of the
    batch already using it; a typo variant must be new, a transliteration variant may recur
    (see the comment above)."""
    taken = taken or {}
    for _ in range(20):
        kind = rng.choice(("swap", "swap", "double", "sub", "del", "transpose"))
        head, body = name[0], name[1:]
        if kind == "swap":
            options = [(a, b) for a, b in _SWAPS if a in body]
            if not options:
                continue
            a, b = rng.choice(options)
            idx = [m.start() for m in regex.finditer(regex.escape(a), body)]
            i = rng.choice(idx)
            new = body[:i] + b + body[i + len(a):]
        elif kind == "double":  # double an inner consonant or undouble a double letter
            idx = [i for i in range(len(body) - 1) if body[i] not in "aeiouy"
                   and body[i - 1:i] != body[i] and body[i + 1:i + 2] != body[i]]
            dbl = [i for i in range(len(body) - 1) if body[i] == body[i + 1]]
            if dbl and (not idx or rng.random() < 0.5):
                i = rng.choice(dbl)
                new = body[:i] + body[i + 1:]
            elif idx:
                i = rng.choice(idx)
                new = body[:i] + body[i] + body[i:]
            else:
                continue
        elif kind == "sub":
            idx = [i for i, ch in enumerate(body) if ch in "aeiou"]
            if not idx:
                continue
            i = rng.choice(idx)
            new = body[:i] + rng.choice([v for v in "aeiou" if v != body[i]]) + body[i + 1:]
        elif kind == "del":
            if len(body) < 4:
                continue
            i = rng.randrange(1, len(body))
            new = body[:i] + body[i + 1:]
        else:
            idx = [i for i in range(len(body) - 1) if body[i] != body[i + 1]]
            if not idx:
                continue
            i = rng.choice(idx)
            new = body[:i] + body[i + 1] + body[i] + body[i + 2:]
        variant = head + new
        if variant == name or variant.lower() in vocab or zipf(variant) != 0:
            continue
        if edit_distance(name, variant) != 1:
            continue
        typo = kind not in ("swap", "double")
        if taken.get(variant, 0) >= (1 if typo else _TRANSLIT_MAX_FILES):
            continue
        return variant, ("typo" if typo else "translit")
    return None


def misspell(name: str, rng: random.Random, vocab=frozenset(), taken=None) -> str | None:
    """One plausible edit of a name (never the first letter), not a word of ``vocab``."""
    got = misspell_kind(name, rng, vocab, taken)
    return got[0] if got else None


def _record_in_file(text: str, injection, ctx) -> None:
    """Book-keeping after a name injection is picked (see the comment above)."""
    ctx.variants[injection[0].replacement] += 1


def _record_cross_file(text: str, injection, ctx) -> None:
    e = injection[0]
    ctx.variants[e.replacement] += 1
    ctx.cross_damaged[text[e.start:e.end]] += 1


def _translit_ok(name: str, variant: str, ctx, correct_files: int) -> bool:
    """A recurring (transliteration) variant stays a clear minority of the batch."""
    return 3 * (ctx.variants.get(variant, 0) + 1) <= correct_files or not ctx.variants.get(variant)


@damage("name-in-file", family="N", on_pick=_record_in_file)
def name_in_file(text, rng, ctx):
    """One later occurrence of a name that occurs several times in the file misspelt."""
    out = []
    for name, n in name_candidates(text, ctx.lower).items():
        if n < 2:
            continue
        got = misspell_kind(name, rng, ctx.vocab, ctx.variants)
        if got is None:
            continue
        spots = [m.span() for m in _NAME_RE.finditer(text) if m.group() == name]
        k = rng.randrange(1, len(spots))
        a, b = spots[k]
        # with only two occurrences a rule cannot know which is right: either is a hit
        related = (spots[0],) if n == 2 else ()
        out.append([Edit(a, b, got[0], related=related)])
    return out


@damage("name-cross-file", family="N", exclusive=True, on_pick=_record_cross_file)
def name_cross_file(text, rng, ctx):
    """Every occurrence of a name in one file misspelt; at least two other files of the batch
    keep the right spelling (also after the damage done to other files)."""
    out = []
    for name in name_candidates(text, ctx.lower):
        correct = ctx.name_files.get(name, 0) - ctx.cross_damaged.get(name, 0)
        if correct < 3:  # this file and at least two others that stay correct
            continue
        got = misspell_kind(name, rng, ctx.vocab, ctx.variants)
        if got is None or not _translit_ok(name, got[0], ctx, correct - 1):
            continue
        # possessives too (`Nissan's`), else the file keeps the right spelling
        spots = regex.finditer(r"(?<![\p{L}\p{N}'’.-])" + regex.escape(name)
                               + r"(?=['’]s?(?!\p{L})|(?![\p{L}\p{N}'’-]))", text)
        out.append([Edit(*m.span(), got[0]) for m in spots])
    return out


# -- Markdown code (never damaged; findings there are false positives) ----------------------

_INLINE_CODE_RE = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)


def markdown_code_spans(text: str, *, inline: bool = True) -> list[tuple[int, int]]:
    """Offsets of fenced and indented code blocks (and inline code spans) of a Markdown text."""
    from markdown_it import MarkdownIt

    starts = [0]
    for m in regex.finditer(r"\n", text):
        starts.append(m.end())
    starts.append(len(text))
    spans = []
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            a, b = tok.map
            spans.append((starts[a], starts[min(b, len(starts) - 1)]))
    if not inline:
        return sorted(spans)
    for m in _INLINE_CODE_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append(m.span())
    return sorted(spans)


# -- driver ------------------------------------------------------------------------------------

@dataclass
class Applied:
    cls: str
    id: int
    edits: list[Edit]


def apply_edits(text: str, chosen: list[Applied]):
    """The damaged text and the manifest entries (damaged-text offsets) of ``chosen``."""
    flat = sorted(((e, a) for a in chosen for e in a.edits), key=lambda p: (p[0].start, p[0].end))
    parts, entries, pos, delta = [], [], 0, 0
    shifts = []  # (clean_pos, delta after it) to map related spans
    for edit, app in flat:
        parts.append(text[pos:edit.start])
        d_start = edit.start + delta
        mark = edit.mark or (0, len(edit.replacement))
        entries.append({
            "class": app.cls, "id": app.id,
            "offset": d_start + mark[0], "end_offset": d_start + mark[1],
            "original": text[edit.start:edit.end],
            "damaged": edit.replacement[mark[0]:mark[1]],
            "clean_offset": edit.start, "clean_end_offset": edit.end,
            "edit_offset": d_start, "edit_end_offset": d_start + len(edit.replacement),
            "_related": edit.related,
        })
        parts.append(edit.replacement)
        pos = edit.end
        delta += len(edit.replacement) - (edit.end - edit.start)
        shifts.append((edit.end, delta))
    parts.append(text[pos:])

    def to_damaged(p: int) -> int:
        d = 0
        for end, dl in shifts:
            if end <= p:
                d = dl
        return p + d

    for entry in entries:
        entry["related"] = [[to_damaged(a), to_damaged(b)] for a, b in entry.pop("_related")]
    return "".join(parts), entries


def _touched(edits: list[Edit], paras) -> set[int]:
    out = set()
    for e in edits:
        for a, b in [(e.start, e.end)] + list(e.related):
            for k, (s, t) in enumerate(paras):
                if s <= b and a <= t + 1:
                    out.add(k)
    return out


def _in_blocked(edits: list[Edit], blocked) -> bool:
    return any(a < e.end + 1 and e.start - 1 < b for e in edits for a, b in blocked)


def damage_file(text: str, rng: random.Random, ctx: Context, order: list[str],
                per_file: int = 3) -> list[Applied]:
    """Choose up to ``per_file`` injections, trying classes in ``order``, in separate paragraphs
    with at least one untouched paragraph between them."""
    ctx.text = text
    paras = ctx.paragraphs
    used: set[int] = set()
    chosen: list[Applied] = []
    for name in order:
        cls = DAMAGE[name]
        if cls.exclusive and chosen:
            continue
        cands = [c for c in cls.fn(text, rng, ctx) if c and not _in_blocked(c, ctx.blocked)]
        if not cls.exclusive:
            cands = [c for c in cands
                     if not any(abs(k - u) <= 1 for k in _touched(c, paras) for u in used)]
        if not cands:
            continue
        pick = rng.choice(cands)
        chosen.append(Applied(name, len(chosen), pick))
        if cls.on_pick:
            cls.on_pick(text, pick, ctx)
        if cls.exclusive:
            break
        used |= _touched(pick, paras)
        if len(chosen) >= per_file:
            break
    return chosen


def find_files(paths: list[str]) -> list[tuple[str, str]]:
    """(root, relative path) of the .txt and .md files under ``paths``, sorted."""
    out = []
    for root in paths:
        if os.path.isfile(root):
            out.append((os.path.dirname(root) or ".", os.path.basename(root)))
            continue
        for dirpath, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.endswith((".txt", ".md")) and not name.startswith(".") \
                        and not name.upper().startswith("README"):
                    out.append((root, os.path.relpath(os.path.join(dirpath, name), root)))
    return out


def read_text(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def generate(paths: list[str], out_dir: str, *, seed: int = 1, limit: int | None = None,
             per_file: int = 3, classes: list[str] | None = None,
             clean_rate: float = 0.0, part: str | None = None) -> dict:
    """Write ``out_dir/clean``, ``out_dir/damaged`` and ``out_dir/manifest.json``.

    ``clean_rate``: share of files left undamaged in ``damaged/`` as well. ``part``: only the
    files of that split (``bench.splits``, seed 1), so recall can be reported on the test part.
    """
    rng = random.Random(seed)
    files = find_files(paths)
    if part:
        from bench.splits import part_of

        files = [(root, rel) for root, rel in files
                 if part_of(rel.replace(os.sep, "/")) == part]
    if limit and len(files) > limit:
        files = sorted(rng.sample(files, limit))
    texts = {}
    for root, rel in files:
        text = read_text(os.path.join(root, rel))
        if text is not None:
            texts[rel] = text
    headlines = {rel: t.split("\n", 1)[0].strip() for rel, t in texts.items()}
    name_files: Counter = Counter()
    vocab, lower = set(), set()
    for t in texts.values():
        vocab.update(w.lower() for w in _WORD_RE.findall(t))
        lower |= lower_words(t)
    vocab, lower = frozenset(vocab), frozenset(lower)
    for t in texts.values():
        name_files.update(name_candidates(t, lower).keys())
    variants: Counter = Counter()
    cross_damaged: Counter = Counter()
    names = classes or list(DAMAGE)
    unknown = [c for c in names if c not in DAMAGE]
    if unknown:
        raise SystemExit(f"unknown damage class: {', '.join(unknown)}")
    used = Counter({c: 0 for c in names})
    # classes that fit anywhere (a line after the headline) must not crowd out the others
    cap = max(1, -(-len(texts) * per_file // len(names)))
    manifest: list[dict] = []
    order_files = sorted(texts)
    rng.shuffle(order_files)
    for rel in order_files:
        text = texts[rel]
        chosen: list[Applied] = []
        if rng.random() >= clean_rate:
            order = sorted((c for c in names if used[c] < cap),
                           key=lambda c: (used[c], rng.random()))
            ctx = Context(path=rel, headlines=[h for r, h in headlines.items() if r != rel],
                          name_files=name_files, vocab=vocab, lower=lower,
                          variants=variants, cross_damaged=cross_damaged,
                          blocked=markdown_code_spans(text) if rel.endswith(".md") else [])
            chosen = damage_file(text, rng, ctx, order, per_file)
        damaged, entries = apply_edits(text, chosen)
        for a in chosen:
            used[a.cls] += 1
        for entry in entries:
            entry["file"] = rel
            entry["id"] = f"{rel}#{entry['id']}"
        manifest.extend(entries)
        for sub, content in (("clean", text), ("damaged", damaged)):
            dest = os.path.join(out_dir, sub, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as fh:
                fh.write(content.encode("utf-8"))
    manifest.sort(key=lambda e: (e["file"], e["offset"]))
    data = {"seed": seed, "files": len(texts), "classes": {c: list(DAMAGE[c].family)
                                                            for c in names},
            "injections": dict(sorted(used.items())), "spans": manifest}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    return data


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.damage", description=__doc__.split("\n")[0])
    p.add_argument("paths", nargs="+", help="directories of clean .txt/.md files")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--limit", type=int, help="at most N files (a seeded sample)")
    p.add_argument("--per-file", type=int, default=3, help="injections per file (default 3)")
    p.add_argument("--classes", help="comma-separated damage classes (default: all)")
    args = p.parse_args(argv)
    classes = [c.strip() for c in args.classes.split(",")] if args.classes else None
    data = generate(args.paths, args.out, seed=args.seed, limit=args.limit,
                    per_file=args.per_file, classes=classes)
    n = len({e["id"] for e in data["spans"]})
    print(f"{data['files']} files, {n} injections -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
