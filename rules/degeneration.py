"""Degenerate output that is not an adjacent loop: a definition that defines a term by itself
(R008), and a sentence or paragraph made mostly of one token or compressing far better than
prose does (R007).

Both run in time linear in the document: R008 is one regular-expression scan of the segments
that hold a defining verb, R007 one zlib pass and one token count per segment.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from lint import patterns
from lint.document import PLACEHOLDER, Document
from lint.finding import Hit
from lint.registry import rule
from rules.data import word_list

#: Kinds of prose checked; table cells and headings repeat on purpose.
_PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption"})

# -- R008 self-referential definition ------------------------------------------------------------
#: What may stand before a defined term: an article, `so-called`, `the term`, `the word of`...
_MARKER = (r"(?:(?:the|a|an|this) )?(?P<{g}>so[- ]called "
           r"|(?:term|word|phrase|expression|concept|notion|name)(?: of)? )?")
#: A word of a term: inner apostrophes and hyphens only (a closing quote is not part of it).
_WORD = r"\p{L}[\p{L}\p{N}]*(?:['’\-][\p{L}\p{N}]+)*"
_OPEN = r"(?P<{g}>[\"“‘'«])?"
_CLOSE = r"[\"”’'»]?"
#: Verbs that define or name: what follows them is meant to explain what precedes them.
_DEFINING = (r"(?:refers? to|(?:is|are) (?:defined|referred to|known|described|understood) as"
             r"|means?|stands? for|(?:is|are) called|denotes?|(?:is|are) short for"
             r"|(?:is|are) (?:the )?(?:abbreviation|acronym) (?:of|for))")
#: Where a defined term may start: the start of a clause (a term that starts mid-phrase, `the
#: price of oil refers to oil`, is the tail of a longer subject).
_CLAUSE_START = (r"(?<=^|[.!?;:,(\[—–]\s*|[.!?,]?[\"”’]\s+|[\"“‘«]"
                 r"|\b(?i:that|which|and|but|so|thus|here|where|when|while|because|if|whereas"
                 r"|then) )")
_SELF_DEFINITION_RE = patterns.compile(
    r"(?i)" + _CLAUSE_START + _MARKER.format(g="m1") + _OPEN.format(g="q1")
    + r"(?P<x>" + _WORD + r"(?: " + _WORD + r"){0,4})" + _CLOSE
    + r",? (?:(?:which|that|it|this) )?(?P<verb>" + _DEFINING + r") "
    + _MARKER.format(g="m2") + _OPEN.format(g="q2") + r"(?P=x)" + _CLOSE
    + r"(?![\p{L}\p{N}'’\-])")
#: `the levy, which means the levy`: a relative clause defining the word before it.
_APPOSITIVE_RE = patterns.compile(
    r"(?i)(?<![\p{L}\p{N}'’\-])(?P<x>" + _WORD + r"(?: " + _WORD + r"){0,2})"
    r", (?:(?:which|that) (?P<verb>" + _DEFINING + r")|i\.e\.,?|namely|that is,) (?:(?:the|a|an) )?"
    r"(?P=x)"
    r"(?=\s*[,.;:!?)—–])")
#: A defining verb at all (the prefilter: most segments hold none).
_DEFINING_ANY_RE = patterns.compile(r"(?i)\b" + _DEFINING + r" ")
_APPOSITIVE_ANY_RE = patterns.compile(r"(?i), (?:which|that|i\.e\.|namely) ")
#: After an unmarked complement: the end of a clause.
_CLAUSE_END_RE = patterns.compile(r"\s*(?:[.,;:!?)\]\"”’»—–]|$)")


@lru_cache(maxsize=1)
def _tautology_ok() -> frozenset[str]:
    return word_list("loops_tautology_ok") | word_list("repetition_stopwords")


def _quoted_whole(text: str, m) -> bool:
    """Is the match all of a quotation (`"Brexit means Brexit"`), not two quoted terms?"""
    closers = "\"'”’»"
    first_closed = text[m.end("x"):m.end("x") + 1] in tuple(closers)
    before = text[max(m.start() - 1, 0):m.start()]
    opened = (bool(m.group("q1")) or (bool(before) and before in "\"'“‘«")) and not first_closed
    after = text[m.end():m.end() + 2].lstrip(".,!?")[:1]
    closed = m.group()[-1] in closers or (bool(after) and after in closers)
    return opened and closed


@rule(code="R008", name="self-referential-definition", family="repetition", severity="warning")
def self_referential_definition(doc: Document) -> Iterator[Hit]:
    """Flags a term defined as itself: `the term "X" refers to the term "X"`.

    ## What it flags
    A defining or naming verb (`refers to`, `is defined as`, `means`, `stands for`, `is
    known as`, `is called`, `denotes`, `is short for`) with the same term on both sides:
    `The term "carbon peak" refers to the term "carbon peak".`, `Digital economy is defined
    as digital economy.`, `The so-called dual circulation refers to dual circulation.`, `the
    levy, which means the levy,`.

    ## Why it matters
    MT produces it when it could not translate the explanation the source gave: the
    definition is there in form only and the reader learns nothing. The source's explanation
    is lost.

    ## Example
    ```
    The term "common prosperity" refers to the term "common prosperity".
    ```

    ## Fix
    Translate the explanation the source gives, or drop the definition.

    ## Leaves alone
    Tautologies people write on purpose, which use `is` or `will be` rather than a defining
    verb: `a deal is a deal`, `boys will be boys`, `it is what it is`, `enough is enough`;
    with `means`, a single word that is a function word or a slogan's (`no means no`, `yes
    means yes`, `never means never`) or a name (`Brexit means Brexit`); a tautology that is
    a whole quotation; a term that starts inside a longer subject (`the price of oil refers
    to oil`); an unmarked complement that goes on (`growth means growth in exports`: the
    rest is the definition); code.
    """
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        defining = _DEFINING_ANY_RE.search(text) is not None
        appositive = _APPOSITIVE_ANY_RE.search(text) is not None
        found = []
        for m in _SELF_DEFINITION_RE.finditer(text, overlapped=True) if defining else ():
            x = m.group("x")
            if PLACEHOLDER in m.group():
                continue
            marked = bool(m.group("m1") or m.group("m2") or m.group("q1") or m.group("q2"))
            if not marked and not _CLAUSE_END_RE.match(text, m.end()):
                continue  # `growth means growth in exports`: the definition goes on
            words = x.split()
            verb = m.group("verb").lower()
            if verb.startswith("mean") and len(words) == 1 and not marked:
                first, second = x, text[m.end() - len(x):m.end()]
                if x.lower() in _tautology_ok() or (first[:1].isupper() and second[:1].isupper()):
                    continue  # `no means no`, `Brexit means Brexit`: said on purpose
            if _quoted_whole(text, m):
                continue
            found.append(m)
        for m in _APPOSITIVE_RE.finditer(text) if appositive else ():
            if m.group("x").lower() not in _tautology_ok() and PLACEHOLDER not in m.group() \
                    and not any(f.start() <= m.start() < f.end() for f in found):
                found.append(m)
        last_end = -1
        for m in sorted(found, key=lambda f: f.start()):
            if m.start() < last_end:
                continue  # overlapping matches describe the same definition
            last_end = m.end()
            s, e = seg.source_span(m.start(), m.end())
            yield Hit(s, e, f"'{m.group('x')}' is defined by itself: the explanation the "
                      f"source gave was probably lost in translation.")


# -- R007 degenerate text ----------------------------------------------------------------------
#: A sentence needs this many word tokens before its most frequent token is judged ...
MIN_DOMINATED_TOKENS = 12
#: ... and is flagged when one token makes up at least this share of them, this many times.
#: (Prose peaks near a third: `the` in `On the right is the memory on the heap...`.)
MIN_DOMINANT_SHARE = 0.45
MIN_DOMINANT_COUNT = 6
#: A paragraph of at least this many characters is flagged when zlib shrinks it below this
#: share of its UTF-8 size (prose compresses to 0.4 and more at this length).
MIN_COMPRESS_CHARS = 200
MAX_COMPRESS_RATIO = 0.25


def _compression_ratio(text: str) -> float:
    raw = text.encode("utf-8")
    return len(zlib.compress(raw, 6)) / len(raw)


def _dominated_sentences(seg) -> Iterator[tuple[int, int, str, int, int]]:
    """``(start, end, token, count, tokens)`` of each sentence dominated by one token."""
    toks = seg.tokens
    k = 0
    for a, b in seg.sentences:
        while k < len(toks) and toks[k].start < a:
            k += 1
        words = []
        while k < len(toks) and toks[k].end <= b:
            w = toks[k].text
            if not w.isdigit():
                words.append(w.lower())
            k += 1
        if len(words) < MIN_DOMINATED_TOKENS:
            continue
        word, count = Counter(words).most_common(1)[0]
        if count >= MIN_DOMINANT_COUNT and count >= MIN_DOMINANT_SHARE * len(words) \
                and len(word) > 1:
            yield a, b, word, count, len(words)


@rule(code="R007", name="degenerate-text", family="repetition", severity="warning")
def degenerate_text(doc: Document) -> Iterator[Hit]:
    """Flags a sentence made mostly of one token, or a paragraph that compresses far better
    than prose.

    ## What it flags
    A sentence of twelve or more words where one word makes up nearly half of them (`the
    bank of bank and the bank for bank the bank...`), and a paragraph of 200 or
    more characters that zlib shrinks to under a quarter of its size (a clause repeated with
    a word changed each time: `the price of rice, the price of wheat, the price of rice, the
    price of corn...`). These are the loops that R004 does not see because the copies are
    not adjacent or not identical.

    ## Why it matters
    Neural MT and language models degenerate this way when decoding goes wrong: the text
    stops carrying the source's meaning, however fluent each piece looks.

    ## Example
    ```
    The bank said the bank of bank and the bank for bank the bank of bank are bank products
    bank the bank.
    ```

    ## Fix
    Translate the passage again.

    ## Leaves alone
    Prose, however repetitive its style: in published news and documentation no sentence
    has one word above 35% of its words, and no paragraph of 200 characters compresses
    below 40%. Short sentences (under twelve words), numbers, single letters, table cells,
    headings, code blocks and inline code (masked before the count).
    """
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        if len(text) >= MIN_COMPRESS_CHARS:
            ratio = _compression_ratio(text.replace(PLACEHOLDER, ""))
            if ratio < MAX_COMPRESS_RATIO:
                s, e = seg.source_span(0, len(text.rstrip()))
                yield Hit(s, e, f"This paragraph compresses to {ratio:.0%} of its size (prose: "
                          f"40% or more): it repeats itself like degenerate MT output.")
                continue
        for a, b, word, count, n in _dominated_sentences(seg):
            s, e = seg.source_span(a, b)
            yield Hit(s, e, f"'{word}' makes up {count} of this sentence's {n} words: "
                      f"degenerate MT output.")
