"""Spacing and joining damage: a missing space after a comma or full stop (``Council,rejected``),
two lower-case content words run together (``greatlyreduced``), a paragraph cut off
mid-sentence, a full stop lost after a closing quote (``the deal" Asked``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from lint import patterns
from lint.document import PLACEHOLDER, Document
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.data import word_list
from rules.lexicon import zipf

_PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption"})

# -- G007 missing space after punctuation --------------------------------------------------------
#: A comma or semicolon between two words, or a full stop / ? / ! before a capitalised word,
#: with no space: the word before ends in two lower-case letters (not `e.g.,x`, `Mr.Smith`).
_NO_SPACE_RE = patterns.compile(
    r"(?<![\p{L}\p{N}_@/.\\{\[`-])(\p{L}+\p{Ll}\p{Ll})(?:([,;])(\p{L}[\p{Ll}'’]+)|([.!?])"
    r"(\p{Lu}\p{Ll}+))(?![\p{L}\p{N}_@/\\(`-]|\.\p{L})")
#: Words people glue to a full stop in names and handles: `Chinanews.Com`, `Node.Js`.
_DOT_PARTS = frozenset({"com", "org", "net", "io", "js", "py", "rs", "ts", "md", "txt", "html",
                        "gov", "edu", "co", "uk", "cn", "de", "fr", "jp", "ai", "app", "dev"})
_TIGHT_ANY_RE = patterns.compile(r"\p{Ll}[,;.!?]\p{L}")
_TIGHT_JOIN_RE = patterns.compile(r"\p{L}[,;]\p{L}")
#: A segment with this many is data (CSV, tags), not prose with slips.
_MAX_PER_SEGMENT = 3
MIN_WORD_ZIPF = 3.0


@rule(code="G007", name="missing-space-after-punctuation", family="garbled",
      severity="warning")
def missing_space_after_punctuation(doc: Document) -> Iterator[Hit]:
    """Flags a comma, semicolon or full stop followed by a word with no space between.

    ## What it flags
    `the Council,rejected the plan`, `prices rose;exports fell`, `in March.The talks`:
    two words of English joined by punctuation without the space after it.

    ## Why it matters
    MT pipelines and copy-paste drop the space: search, sentence splitting and spell checkers
    then see one long token, and readers stumble.

    ## Example
    ```
    The Council,rejected the proposal on Monday.
    ```

    ## Fix
    Add the space; a fix is offered.

    ## Leaves alone
    Abbreviations and initials (`e.g.,x`, `Mr.Smith`, `U.S.Army`), words of two letters
    before the mark (`re.Pattern`), braces and brackets (`{min,max}`), file names and domains
    (`file.txt`, `Chinanews.com`, `Node.js`), numbers (`1,000`, `3.5`), words the lexicon does
    not know on either side (identifiers, `key,value` data), a segment with three or more such
    joins (data, tags, CSV), code spans.
    """
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS and seg.kind != "heading":
            continue
        text = seg.text
        if not _TIGHT_ANY_RE.search(text):
            continue  # one C-level scan before the full pattern
        matches = list(_NO_SPACE_RE.finditer(text))
        if not matches or len(_TIGHT_JOIN_RE.findall(text)) >= _MAX_PER_SEGMENT:
            continue
        for m in matches:
            before = m.group(1)
            after = m.group(3) or m.group(5)
            punct = m.group(2) or m.group(4)
            if after.lower() in _DOT_PARTS or before.lower() in _DOT_PARTS:
                continue
            if zipf(before) < MIN_WORD_ZIPF or (m.group(3) and zipf(after) < MIN_WORD_ZIPF):
                continue  # after a full stop the next word is often a name: known or not
            i = m.start(2) if m.group(2) else m.start(4)
            a, b = seg.source_span(m.start(1), m.end())
            at = seg.source_end(i + 1)
            yield Hit(a, b, f"No space after '{punct}' between '{before}' and '{after}'.",
                      suggestions=[f"{before}{punct} {after}"], fix=Fix(at, at, " "))


# -- G008 run-together lower-case words ----------------------------------------------------------
_LOWER_RUN_RE = patterns.compile(
    r"(?<![\p{L}\p{N}_@/.\\'’-])[a-z]{7,}(?![\p{L}\p{N}_@/\\'’-]|\.\p{L})")
#: Each half must be at least this frequent in English (Zipf): the split must be far likelier
#: than an unknown joined token.
MIN_PART_ZIPF = 3.3
#: Halves this frequent split any unknown token, whatever their endings.
MIN_PART_ZIPF_ANY = 3.8
#: Endings that make a word a poor first half of a closed compound (`greatly`, `reduced`,
#: `economic`): a split there is a lost space, not a coinage.
_NON_COMPOUNDING_ENDINGS = ("ly", "ed", "ous", "ive", "ful", "ic", "al", "tion", "sion",
                            "ment", "ness", "ity", "ing", "est", "ise", "ize", "ate")


@lru_cache(maxsize=1)
def _compound_heads() -> frozenset[str]:
    return word_list("garbled_compound_parts")


#: What G008 can flag, in the standard library's engine: a run of a-z that no ASCII letter,
#: digit or identifier mark touches (a subset of the marks the full pattern rules out).
_A_TO_Z_RUN_RE = re.compile(r"(?<![A-Za-z0-9_@/.\\'’-])[a-z]{7,}(?![A-Za-z0-9_@/\\'’-])")


@lru_cache(maxsize=20_000)
def _best_split(word: str) -> tuple[str, str] | None:
    best, best_score = None, 0.0
    heads = _compound_heads()
    for i in range(3, len(word) - 2):
        a, b = word[:i], word[i:]
        if a in heads or b in heads or b in _COMPOUND_TAILS:
            continue
        za, zb = zipf(a), zipf(b)
        if min(za, zb) < MIN_PART_ZIPF:
            continue
        if not (a.endswith(_NON_COMPOUNDING_ENDINGS) or b.endswith(("ly",))) and \
                min(za, zb) < MIN_PART_ZIPF_ANY:
            continue
        score = za + zb
        if score > best_score:
            best, best_score = (a, b), score
    return best


_PREFIXES = ("de", "re", "un", "non", "sub", "pre", "co", "dis", "mis", "anti", "multi", "inter",
             "semi", "over", "under", "out", "up", "self", "post", "mid", "micro", "macro",
             "meta", "pseudo", "hyper", "auto", "bi", "tri", "cross", "counter", "super")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "able", "ible", "less", "ness",
             "like", "wise", "ward", "wards", "ship", "hood", "ism", "ist", "ists")


#: Second halves of closed compounds coined all the time, in technical text above all
#: (`lockfile`, `codebase`, `schoolyard`): a split there is no evidence of a lost space.
_COMPOUND_TAILS = frozenset("""
file files name names path paths base space spaces stamp stamps ware work works book books
line lines point points side land room rooms yard house houses ship load loads set sets box
boxes map maps list lists word words type types like wide less
""".split())


@lru_cache(maxsize=20_000)
def _derived_from_known(word: str) -> bool:
    """An inflection or a derivation of a known word (`formatters`, `growable`,
    `deallocating`, `subteams`): a coinage, not two words."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and zipf(word[: -len(suffix)]) > 0:
            return True
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and (zipf(rest) > 0 or _derived_suffix(rest)):
            return True
    return False


def _derived_suffix(word: str) -> bool:
    return any(word.endswith(sfx) and zipf(word[: -len(sfx)]) > 0 for sfx in _SUFFIXES)


_TECH_MARK_RE = patterns.compile(r"``|>>>|\w\(\)|\b\w+_\w+\b|::|\w\.\w+\(|\ufffc")


def _technical(doc: Document) -> bool:
    """Code or identifiers in the prose (a README, API docs): there identifiers and terms
    of art (`getitem`, `tabstop`, `docstring`) look like run-together words."""
    return len(_TECH_MARK_RE.findall(doc.joined.text, concurrent=False)) >= 3 or any(
        seg.kind == "code" for seg in doc.segments)


@rule(code="G008", name="run-together-words", family="garbled", severity="warning")
def run_together_words(doc: Document) -> Iterator[Hit]:
    """Flags two lower-case words run together without a space (`greatlyreduced`).

    ## What it flags
    A lower-case token unknown to the word-frequency lexicon that splits into two frequent
    words, the first of them a word that does not start closed compounds (an adverb in -ly,
    a participle in -ed or -ing, an adjective in -ous, -ive, -ic, -al, a noun in -tion,
    -ment, -ness, -ity): `greatlyreduced`, `economicgrowth`, `rapidlygrowing`.

    ## Why it matters
    The space was lost in extraction or by the MT pipeline; spell checkers often miss it and
    search cannot find either word.

    ## Example
    ```
    The new rules greatlyreduced the backlog.
    ```

    ## Fix
    Put the space back; the split is suggested.

    ## Leaves alone
    Words the lexicon knows (`carmaker`, `nonetheless`), compounds with a particle or head
    word that forms real compounds (`beermaker`, `lockout`, `upswing`), noun-noun coinages
    (`lockfile`, `housebuilder`: brand names and terms look the same), inflections of known
    words, a token the document uses twice or more (a term of its own), identifiers (with
    `_`, `.`, `/`, digits or capitals), code spans, and technical documents altogether
    (three or more marks of code in the prose: inline code, ``` `` ```, `>>>`, `f()`,
    `snake_case`, `::`), where identifiers and terms of art (`getitem`, `tabstop`,
    `docstring`) look the same. Joins with a function word (`theplan`) are G002's.
    """
    counts: Counter | None = None
    from rules.lexicon import unknown

    # one C-level scan of the document: every candidate below is one of these runs of a-z;
    # unless one of them passes the per-word tests, nothing can be flagged
    runs = set(_A_TO_Z_RUN_RE.findall(doc.joined.text))
    if not any(split is not None for split in map(_best_split, (
            w for w in unknown(runs) if not _derived_from_known(w)))):
        return
    if _technical(doc):
        return

    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        cands = [m for m in _LOWER_RUN_RE.finditer(text)]
        if not cands:
            continue
        unk = unknown({m.group() for m in cands})
        for m in cands:
            word = m.group()
            if word not in unk or _derived_from_known(word):
                continue
            split = _best_split(word)
            if split is None:
                continue
            if counts is None:
                counts = Counter(t.text for s in doc.segments for t in s.tokens
                                 if len(t.text) >= 7 and t.text.islower())
            if counts[word] >= 2:
                continue
            a, b = seg.source_span(*m.span())
            yield Hit(a, b, f"'{word}' looks like two words run together: '{split[0]} "
                      f"{split[1]}'.", suggestions=[f"{split[0]} {split[1]}"], judged=(word,))


# -- G009 truncated paragraph --------------------------------------------------------------------
_DANGLING = frozenset("""
the a an of to in on at for with from by and or but nor into onto about than as our your their
its his her my this these those that which whose whom every each
""".split())
MIN_PARAGRAPH_WORDS = 6
#: A plain-text line without final punctuation reads as a title; it is judged a cut-off
#: paragraph only when long and ending on a word no title ends on.
MIN_TITLE_LIKE_WORDS = 8
_NEVER_LAST = frozenset("the a an and or of their his her its our your my this these those "
                        "every each".split())


@rule(code="G009", name="truncated-paragraph", family="garbled", severity="warning")
def truncated_paragraph(doc: Document) -> Iterator[Hit]:
    """Flags a paragraph that stops on a preposition, article or conjunction.

    ## What it flags
    A paragraph of running prose whose last word is `the`, `a`, `of`, `to`, `and`, `with`,
    `their`... with no closing punctuation: `For details, contact us on`.

    ## Why it matters
    The rest of the sentence was cut off: by a length limit of the MT system, a lost line or
    a broken extraction. What it said is missing.

    ## Example
    ```
    The ministry said the new rules would apply to all of the
    ```

    ## Fix
    Restore the end of the sentence from the source.

    ## Leaves alone
    Headings, list items and table cells; paragraphs ending in punctuation, a colon, code or a
    link; short paragraphs (under six words); lines of verse; in Markdown and HTML, a paragraph
    followed by a list, code block, table or container (`... such as` leading into it). A
    plain-text line without final
    punctuation reads as a title: it is flagged only from eight words on and when it ends on
    an article, `and`, `or`, `of` or a possessive (titles end on `for`, `to`, `with`).
    """
    for seg in doc.segments:
        title_like = seg.kind == "heading" and doc.format == "text"
        if seg.kind not in ("paragraph", "blockquote") and not title_like:
            continue
        text = seg.text.rstrip()
        if not text or not text[-1].isalpha():
            continue
        toks = seg.tokens
        if len(toks) < MIN_PARAGRAPH_WORDS:
            continue
        last = toks[-1]
        if last.text not in _DANGLING or last.end != len(text):
            continue
        if title_like and (len(toks) < MIN_TITLE_LIKE_WORDS or last.text not in _NEVER_LAST):
            continue  # a plain-text title may end on a preposition: `Who to vote for`
        if PLACEHOLDER in text[max(last.start - 2, 0):]:
            continue
        from rules.repetition import _is_verse

        if _is_verse(seg):
            continue
        a, b = seg.source_span(last.start, last.end)
        if doc.format != "text" and _introduces_block(doc.source, b):
            continue  # `... such as` before a list, code block or table: it goes on there
        yield Hit(a, b, f"The paragraph ends on '{last.text}': the end of the sentence is "
                  f"missing.")


_BLOCK_START_RE = patterns.compile(r"[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|```|~~~|\||:::|<|    )")


def _introduces_block(source: str, end: int) -> bool:
    """Does the next non-blank line after ``end`` open a list, code block, table, container
    or HTML block (what a Markdown or HTML paragraph ending on `such as` leads into)?"""
    nl = source.find("\n", end)
    while nl >= 0:
        start = nl + 1
        nl = source.find("\n", start)
        line = source[start:] if nl < 0 else source[start:nl]
        if line.strip():
            return _BLOCK_START_RE.match(line) is not None
    return False


# -- Q007 lost full stop after a closing quote ---------------------------------------------------
_QUOTE_THEN_OPENER_RE = patterns.compile(
    r"(?<=[\p{Ll}\p{N}])([\"”]) (Asked|He|She|They|It|We|The|But|In|This|That|There|When|"
    r"However|His|Her|Their|Its|Our|Speaking|Meanwhile|After|Before|According)"
    r"(?= \p{Ll})")


@rule(code="Q007", name="lost-stop-after-quote", family="quotes", severity="warning")
def lost_stop_after_quote(doc: Document) -> Iterator[Hit]:
    """Flags a quotation that ends without punctuation right before a new sentence.

    ## What it flags
    A closing quotation mark after a word, followed by a word that opens sentences (`He`,
    `The`, `Asked`, `However`...): `they had reached the deal" Asked about it, he left.`

    ## Why it matters
    The full stop (or comma and attribution) between the quotation and the next sentence was
    lost: the two run together and the quotation's end is unclear.

    ## Example
    ```
    "We have reached the deal" Asked about the timing, he declined to comment.
    ```

    ## Fix
    Put the full stop back inside the quotation (`the deal." Asked`).

    ## Leaves alone
    A quotation ending in punctuation (`deal." He`, `deal," he`); an opening quotation mark;
    a quoted title followed by a name (`"Frozen" Smith`); headings.
    """
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        if '"' not in text and "”" not in text:
            continue
        for m in _QUOTE_THEN_OPENER_RE.finditer(text):
            q = m.start(1)
            if text[q] == '"' and text.count('"', 0, q) % 2 == 0:
                continue  # an opening straight quote
            if text[q] == "”" and "“" not in text[:q]:
                continue
            a, b = seg.source_span(q - 1, m.end(2))
            at = seg.source_offset(q)
            yield Hit(a, b, f"No full stop between the quotation and '{m.group(2)}': "
                      f"a sentence boundary was lost.", suggestions=[".", ","],
                      fix=Fix(at, at, "."))
