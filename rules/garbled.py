"""Garbled fragments: doubled words, glued words, lost sentence boundaries, mangled tokens."""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import regex

from lint import patterns
from lint.document import Document
from lint.finding import Fix, Hit
from lint.identifiers import is_identifier
from lint.registry import corpus_rule, rule
from rules.data import data_text, word_list

# -- the document as one text ---------------------------------------------------------------


# stdlib ``re`` runs this back-reference pattern 4x faster than ``regex`` with IGNORECASE.
_DOUBLED_RE = re.compile(
    r"(?<![^\s\"“‘(\[])([^\W\d_]++)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'’-])", re.IGNORECASE
)
#: After "that that", these words show the double is a slip, not "said that that was wrong".
_AFTER_THAT_THAT = re.compile(r"[ \t\n]+(?:the|a|an|this|these|his|her|their|its|our|my)\b")

#: Bytes to words: ASCII letters lower-cased, digits, ``_``, ``'`` and ``-`` kept, every other
#: byte (punctuation, white space, any byte of a non-ASCII character) a separator.
_DOUBLE_BYTES = bytes(
    (b | 0x20 if 65 <= b <= 90 else b) if (b < 128 and chr(b).isalnum()) or b in b"_'-" else 32
    for b in range(256))
#: A character ``[^\W\d_]`` matches beyond ASCII (letters, and numerals such as ``Ⅻ``).
_NON_ASCII_LETTER_RE = re.compile(r"[^\x00-\x7f\W\d_]")


def _may_double(text: str) -> bool:
    """False only if ``_DOUBLED_RE`` finds nothing in ``text``, at C speed.

    Both words of a double are whole letter runs bounded by separators of
    ``_DOUBLE_BYTES``, so for ASCII letters they are two equal neighbours in the byte split.
    Non-ASCII letters (``É``, ``İ``, whose case folding the split cannot do) send the text to
    the exact pattern.
    """
    if not text.isascii() and _NON_ASCII_LETTER_RE.search(text):
        return True
    words = text.encode().translate(_DOUBLE_BYTES).split()
    return any(map(operator.eq, words, islice(words, 1, None)))


#: A capitalised word (a name) right after a doubled word: `marshal Marshal Tedder`.
_NAME_AFTER_RE = patterns.compile(r"[ \t]+\p{Lu}\p{Ll}")


@rule(code="G001", name="doubled-word", family="garbled", severity="warning")
def doubled_word(doc: Document) -> Iterator[Hit]:
    """Flags a word written twice in a row (``the committee said that the the plan``).

    ## What it flags
    The same word twice in a row, separated only by spaces or a line break: `the the`,
    `to to`, `and And`.

    ## Why it matters
    Machine translation and paste-over editing leave doubled words behind, and the eye skips
    them when proofreading.

    ## Example
    ```
    The minister said the the plan would be ready in May.
    ```

    ## Fix
    Delete the second word: `The minister said the plan would be ready in May.` A fix is
    offered.

    ## Leaves alone
    Doubles that are grammatical (`he said that that was wrong`, `she had had enough`,
    `what it is is a mess`; but `said that that the` is flagged), reduplications and spoken
    emphasis (`bye bye`, `so so`, `really really`, `very very`), capitalised pairs that are
    names (`Duran Duran`, `Bora Bora`), a title before a name that starts with the same word
    (`the air marshal Marshal Tedder`, `a general General Lee`), and words joined by
    punctuation (`the, the`).
    """
    if not _may_double(doc.joined.text):
        return
    allowed = word_list("doubled_ok")
    for seg in doc.segments:
        if not _may_double(seg.text):
            continue
        for m in _DOUBLED_RE.finditer(seg.text):
            first, second = m.group(1), m.group(3)
            if first.lower() in allowed:
                if first.lower() != "that" or not _AFTER_THAT_THAT.match(seg.text, m.end()):
                    continue
            if first[0].isupper() and second[0].isupper():
                continue  # Duran Duran, Bora Bora
            if first.isupper() and len(first) > 1:
                continue  # acronyms in lists, "AA AA"
            if first.islower() and second[0].isupper() and \
                    _NAME_AFTER_RE.match(seg.text, m.end()):
                continue  # a title before a name: "the air marshal Marshal Tedder"
            start, end = seg.source_span(m.start(2), m.end(3))
            yield Hit(
                *seg.source_span(m.start(1), m.end(3)),
                message=f"Doubled word: '{first} {second}'.",
                suggestions=[first],
                fix=Fix(start, end, ""),
            )


# -- shared helpers ------------------------------------------------------------------------------

#: Segment kinds holding running prose; headings, list items, table cells, captions and alt text
#: are often Title Case or fragments, so sentence-level rules skip them.
_RUNNING_PROSE = frozenset({"paragraph", "blockquote"})

#: Characters that make a token part of an identifier, path, handle or address, not prose.
_TECH_BEFORE = r"[\p{L}\p{N}\p{M}'’.\-_@/#\\$]"
_TECH_AFTER = r"(?:[\p{L}\p{N}\p{M}_@/\\$]|\.[\p{L}\p{N}])"


def _zipf(word: str) -> float:
    from rules.lexicon import zipf

    return zipf(word)


# -- G002 glued-words ----------------------------------------------------------------------------

# Candidates are found with cheap anchors, then the whole token around them is checked.
#: Identifier prefixes that are also prose words: a join is code only with a code-ish suffix.
_WEAK_PREFIXES = frozenset({"and", "or", "not", "for"})
#: First halves of lower-case method names (`getitem`, `setdefault`, `isdir`, `readline`).
_CODE_VERBS = frozenset({"get", "set", "del", "is", "has", "init", "read", "write", "add",
                         "make", "parse", "load", "dump", "to", "from"})
_HUMP_RE = patterns.compile(r"(?<=\p{Ll})\p{Lu}\p{Ll}")
# A token made of exactly one lower-case run and one Capitalised word (``heatAnd``), or of two
# Capitalised words (``WaterAnd``). More humps (``getElementById``) make it an identifier.
_GLUED_CASE_RE = patterns.compile(r"(\p{Ll}{2,}|\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}+)")
_TECH_BEFORE_RE = patterns.compile(_TECH_BEFORE)
_TECH_AFTER_RE = patterns.compile(_TECH_AFTER)


def _token_bounds(text: str, i: int, j: int) -> tuple[int, int]:
    """Extend [i, j) to the run of letters around it."""
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    n = len(text)
    while j < n and text[j].isalpha():
        j += 1
    return i, j


def _isolated(text: str, i: int, j: int) -> bool:
    """The letters text[i:j] are a whole prose token, not part of an identifier or address."""
    return not (i > 0 and _TECH_BEFORE_RE.match(text, i - 1)) and not _TECH_AFTER_RE.match(text, j)


_LOWER_TOKEN_RE = re.compile(r"\b[a-z]{5,40}\b", re.ASCII)  # longer: no two words


def _split_lower(token: str, parts: frozenset[str],
                 heads: frozenset[str]) -> tuple[str, str] | None:
    """Split an unknown lower-case token into two frequent words (``the|plan``, ``will|mean``).

    Either half is a glue function word (``the``, ``and``, ``of``) and the other a frequent
    word, or both halves are very frequent words and neither is a particle or compound head
    that forms real compounds (``out|jumped``, ``beer|maker``, ``sick|out``).
    """
    best = None
    for i in range(2, len(token) - 1):
        a, b = token[:i], token[i:]
        za, zb = _zipf(a), _zipf(b)
        if a in parts or b in parts:
            ok = min(za, zb) >= 4.0 and len(a) > 1 and len(b) > 2
        else:
            ok = (min(za, zb) >= _GLUE_BOTH_ZIPF and max(za, zb) >= _GLUE_ONE_ZIPF
                  and a not in heads and b not in heads)
        if ok and (best is None or min(za, zb) > best[0]):
            best = (min(za, zb), a, b)
    return None if best is None else best[1:]


#: Both halves of a lower-case join must be this frequent (``will|mean``), one of them more.
_GLUE_BOTH_ZIPF = 4.5
_GLUE_ONE_ZIPF = 5.5


@lru_cache(maxsize=4)
def _pair_typos(parts: frozenset[str]) -> frozenset[str]:
    return frozenset(a + b for a in parts for b in parts | {"a", "an", "to", "in"} if a != b)


#: G002: an unknown lower-case token used this often in one document is a term, not a join.
TERM_USES = 3
#: G002: a camelCase join of two content words used this often is an identifier: a tool that
#: drops a space does not drop it twice at the same two words.
CAMEL_TERM_USES = 2
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")


def _identifier_in(doc: Document, prose: str, token: str) -> bool:
    """A camelCase join of two content words (`packageName`) that the document also has
    outside its prose (in code, which readers mask) or uses TERM_USES times: an identifier
    or a term, not two words a tool ran together."""
    in_prose = prose.count(token)
    return in_prose >= CAMEL_TERM_USES or doc.source.count(token) > in_prose


def _inflected_known(token: str) -> bool:
    """``token`` is a word of the lexicon (Zipf >= 1.5) plus an inflection (`formatter` + `s`)."""
    return any(token.endswith(end) and len(token) - len(end) >= 4
               and _zipf(token[:-len(end)]) >= 1.5 for end in _INFLECTIONS)


def _glued_lower(text: str, parts: frozenset[str], heads: frozenset[str]
                 ) -> list[tuple[str, tuple[str, str], regex.Pattern]]:
    """Unknown lower-case tokens of ``text`` (a whole document) that split into two words, with
    the split and the pattern finding the token as a whole word."""
    from rules.lexicon import unknown

    all_tokens = _LOWER_TOKEN_RE.findall(text)
    tokens = set(all_tokens)
    suspects = unknown(tokens)
    # an inflection of a known word is a word (`formatters`: not `for|matters`), and a token
    # the document uses again and again is a term of its own (`lookaround`, `getitem` in
    # technical text): a join left by a tool is a one-off
    suspects = {t for t in suspects if not _inflected_known(t)}
    if suspects:
        uses = Counter(t for t in all_tokens if t in suspects)
        suspects = {t for t in suspects if uses[t] < TERM_USES}
    # typos common enough to be in the lexicon: two glue words run together (ofthe, andthe)
    suspects.update(t for t in tokens & _pair_typos(parts) if _zipf(t) < 3.5)
    found = []
    for token in sorted(suspects):
        split = _split_lower(token, parts, heads)
        if split is not None and split[0] in _CODE_VERBS and split[1] not in parts:
            continue  # `getitem`, `setattr`, `isdir`: a method name, not two words
        if split is not None:
            found.append((token, split, regex.compile(
                rf"(?<![\w'’.@/\\-]){token}(?![\w'’@/\\-]|\.\w)")))
    return found


#: Words that join two parts of one sentence far more often than they open one: a capitalised
#: one glued to the word before is most likely the same sentence (`heatAnd the` -> `heat and
#: the`), another (`WaterThe plant`) a lost full stop (`Water. The plant`).
_JOINING_WORDS = frozenset("and or nor of to in on at for with from by as than".split())


def _glued_suggestions(first: str, second: str) -> list[str]:
    joined, split = f"{first} {second.lower()}", f"{first}. {second}"
    return [joined, split] if second.lower() in _JOINING_WORDS else [split, joined]


@rule(code="G002", name="glued-words", family="garbled", severity="warning")
def glued_words(doc: Document) -> Iterator[Hit]:
    """Flags two words run together without a space (``the heatAnd the``, ``theplan``).

    ## What it flags
    A word run into a capitalised sentence-opening word (`heatAnd`, `WaterThe`), and a
    function word run into a frequent word (`theplan`, `ofthe`), when the glued form is unknown
    to the word-frequency lexicon and both halves are frequent words.

    ## Why it matters
    Copy-paste from PDFs and machine translation pipelines drop the space (and often the full
    stop) between two words; spell checkers that accept camelCase miss them.

    ## Example
    ```
    There was a shortage the heatAnd the water supply failed.
    ```

    ## Fix
    Put the space back (`heat and`, `Water. The`, `the plan`). The rule suggests both splits,
    the likelier first (a conjunction or preposition joins one sentence: `heat and`; a pronoun
    or article more often opens the next: `Water. The`), but offers no automatic fix: whether
    a full stop was lost too is for the editor to judge.

    ## Leaves alone
    Brands and names in CamelCase (`iPhone`, `eBay`, `JavaScript`, `YouTube`, `PlayStation`,
    `McDonald`, `MacArthur`, `DiCaprio`, `PhD`), identifiers (`getElementById`, `useState`,
    `logIn`; after `and`, `or`, `not`, `for` only with a code word from
    `rules/data/garbled_identifier_suffixes.txt`: `forEach`, `andThen`, `notNull`), units and
    formulas (`mAh`, `kWh`, `NaCl`), compounds the lexicon knows (`inbox`, `login`), and
    anything inside code, a camelCase word the document also has in code or uses three times
    or more (`packageName` in API docs), inflections of words the lexicon knows (`formatters`),
    and an
    unknown lower-case token the document uses three times or more (a term of its own:
    `lookaround`, `getitem` in technical text). Two content words glued together
    (`EnergyWater`, `beermaker`) are left alone: brand names and rare compounds look the same.
    """
    glue = word_list("garbled_glue_words")
    parts = word_list("garbled_glue_parts")
    prefixes = word_list("garbled_identifier_prefixes")
    suffixes = word_list("garbled_identifier_suffixes")
    heads = word_list("garbled_compound_parts")
    joined = doc.joined
    # one scan of the whole document for humps ("heatAnd"; none crosses the line breaks that
    # join the segments) and for unknown lower-case tokens ("theplan")
    humps: dict[int, list[int]] = {}
    for h in _HUMP_RE.finditer(joined.text):
        k = joined.segment_at(h.start())
        humps.setdefault(k, []).append(h.start() - joined.starts[k])
    lower = _glued_lower(joined.text, parts, heads)
    if not humps and not lower:
        return
    for k, seg in enumerate(doc.segments):
        text = seg.text
        token_end = -1
        for h in humps.get(k, ()):
            if h < token_end:
                continue  # another hump of a token already judged ("aBcDeF...")
            i, j = _token_bounds(text, h, h + 2)
            token_end = j
            m = _GLUED_CASE_RE.fullmatch(text, i, j)
            if m is None or not _isolated(text, i, j):
                continue
            first, second = m.group(1), m.group(2)
            if second.lower() not in glue:
                # two content words: only lower+Capitalised, both frequent, no identifier
                # prefix ("useState", "maxValue") and no brand-like capitalised first half;
                # after a conjunction-like prefix only code words make an identifier
                # ("andThen", "forEach", but "andHave", "forFreezing" are glued prose)
                if first in _WEAK_PREFIXES:
                    if second.lower() in suffixes:
                        continue
                elif first in prefixes:
                    continue
                if (not first.islower() or len(second) < 3
                        or _zipf(second) < 3.5 or _zipf(first) < 3.5):
                    continue
            joined_zipf = _zipf(first + second)
            if _zipf(first) < 3.0 or (joined_zipf >= 2.0 and not (
                    joined_zipf < 3.5 and second.lower() in glue and _zipf(first) >= 5.0)):
                continue  # known as one word (youtube, powerpoint), save typos like "forthe"
            token = m.group()
            if second.lower() not in glue and _identifier_in(doc, joined.text, token):
                continue  # `packageName` written in prose as well as in code, or over and over
            if is_identifier(doc, token):
                continue  # written as code in this document
            yield Hit(
                *seg.source_span(i, j),
                message=f"Glued words: '{m.group()}' looks like '{first}' and '{second}' "
                        "run together.",
                suggestions=_glued_suggestions(first, second),
                judged=(token,),
            )
        for token, split, pattern in lower:
            if token not in text or is_identifier(doc, token):
                continue
            for m in pattern.finditer(text):
                i, j = m.start(), m.end()
                yield Hit(
                    *seg.source_span(i, j),
                    message=f"Glued words: '{text[i:j]}' looks like '{split[0]} {split[1]}'.",
                    suggestions=[f"{split[0]} {split[1]}"],
                    judged=(token,),
                )


# -- G003 lost-sentence-boundary -----------------------------------------------------------------

_BOUNDARY_RE: regex.Pattern | None = None
# The word before the candidate: letters/digits directly before the space (no punctuation).
_PREV_WORD_RE = patterns.compile(r"(?r)[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*")


def _boundary_re() -> regex.Pattern:
    # longest first, ties by spelling: a pattern that is the same in every process is
    # compiled once per machine (lint.patterns)
    words = "|".join(sorted(word_list("garbled_boundary_words"), key=lambda w: (-len(w), w)))
    # a word char, ONE space, the capitalised function word, one space, a lower-case word
    return patterns.compile(rf"(?<=[\p{{Ll}}\p{{N}}] )(?:{words})(?= \p{{Ll}}(?:\p{{Ll}}|[ ,]))")


_TITLE_CONTINUES_RE = patterns.compile(r" \p{Ll}{1,4} \p{Lu}")
#: After a noun that introduces a title (`song`, `book`): a capitalised word within the next
#: three words (`hit When a Man Loves a Woman`); a sentence goes on in lower case.
_TITLE_GOES_ON_RE = patterns.compile(r"(?: [\p{Ll}'’]+){0,2} \p{Lu}")
#: Words that never follow a sentence-opening article "A": after them, "A" is a label.
_NOT_AFTER_ARTICLE_RE = patterns.compile(
    r" (?:is|was|are|were|has|had|and|or|to|of|in|on|at|by|as|for|from|with|again|will|would|"
    r"can|could|should|may|must|then|but|if|than|that)\b")
#: Pronouns that end titles of songs and shows ("Faking It", "How We", "Do It").
_TITLE_END_PRONOUNS = frozenset({"It", "We", "They"})


def _in_title(text: str, prev_start: int, title_nouns: frozenset[str],
              names: frozenset[str]) -> bool:
    """The capitalised word at ``prev_start`` continues a title: another capitalised word or a
    noun that introduces a title ("song", "show") comes right before it; not a given name (a
    person's name ends there: "said Anthony Gooch It could take months")."""
    before = _PREV_WORD_RE.match(text, 0, max(prev_start - 1, 0))
    if before is None or before.end() != prev_start - 1:
        return False
    word = before.group()
    if word in names:
        return False
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in title_nouns


@rule(code="G003", name="lost-sentence-boundary", family="garbled", severity="warning")
def lost_sentence_boundary(doc: Document) -> Iterator[Hit]:
    """Flags a capitalised function word mid-sentence with no punctuation before it.

    ## What it flags
    A capitalised pronoun, article or connective (`They`, `The`, `He`, `But`, `However`...)
    that follows a word with only a space between them and is followed by a lower-case word,
    in running prose: the full stop between two sentences was lost.

    ## Why it matters
    Machine translation, speech-to-text and paste-over edits drop sentence-final punctuation;
    the result reads as one run-on sentence and grammar checkers rarely catch it.

    ## Example
    ```
    The results arrive in March They will show whether the plan worked.
    ```

    ## Fix
    Put the full stop back: `in March. They will show`. Offered as a suggestion only (a comma
    or a semicolon may be what was lost).

    ## Leaves alone
    Words after any punctuation (`i.e. They`, `Mr. He`, after a colon, dash or quotation mark),
    `I` and `A` (`World War I`, `Vitamin A`, `Plan A`), capitalised words followed by another
    capitalised word (`The Hague`, `They Might Be Giants`, `Meet The Parents`), words after a
    capitalised common word (Title-Case titles: `You Can Do It to three`; after a person's
    name, `said Anthony Gooch It could`, the sentence boundary is flagged), a title after a
    noun that introduces one when the title goes on in capitals (`the hit When a Man Loves a
    Woman`; `to play his game He makes you run` is flagged), line breaks, headings, list
    items, table cells and captions, where Title Case and fragments are normal.

    Measured on the test part of the news corpus (662 files, seeded `lost-boundary` damage,
    seeds 1-5): recall 94.1% (257/273), precision 100%; no false finding on the clean test
    part.
    """
    global _BOUNDARY_RE
    if _BOUNDARY_RE is None:
        _BOUNDARY_RE = _boundary_re()
    labels = word_list("garbled_letter_labels")
    dates = word_list("garbled_proper_common")
    title_nouns = word_list("garbled_title_nouns")
    names = word_list("names_frequent")
    for seg in doc.segments:
        if seg.kind not in _RUNNING_PROSE:
            continue
        text = seg.text
        for m in _BOUNDARY_RE.finditer(text):
            prev = _PREV_WORD_RE.match(text, 0, m.start() - 1)
            prev_word = prev.group() if prev else ""
            word = m.group()
            if word in ("A", "That") and (prev_word in labels or (
                    prev_word[:1].isupper() and prev_word not in dates)):
                continue  # "grade A students", "Serie A titles", "his former Take That colleagues"
            if prev_word in title_nouns and _TITLE_GOES_ON_RE.match(text, m.end()):
                continue  # a title starts: "his best-known hit When a Man Loves a Woman"; not
                # a sentence: "to play his game He makes you run"
            if prev_word[:1].isupper() and _TITLE_CONTINUES_RE.match(text, m.end()):
                continue  # "Quitting After a Correct Guess": Title Case keeps "a" lower-case
            if word == "A" and _NOT_AFTER_ARTICLE_RE.match(text, m.end()):
                continue  # a label: "module A is the parent", "then one from A again"
            if word in _TITLE_END_PRONOUNS and prev_word[:1].isupper() and _in_title(
                    text, prev.start() if prev else 0, title_nouns, names):
                continue  # a Title-Case title: "You Can Do It to three", "show Faking It and"
            yield Hit(
                *seg.source_span(m.start(), m.end()),
                message=f"Capitalised '{m.group()}' after '{prev_word}' with no punctuation: "
                        "a lost sentence boundary?",
                suggestions=[f"{prev_word}. {m.group()}"],
            )


# -- G004 mangled-initials -----------------------------------------------------------------------

# Dotted capitals: "L.", "C.O." ... Anchored on a capital followed by a dot and a capital.
_INITIALS_RE = patterns.compile(
    r"(?<![\p{L}\p{N}\p{M}.\-_@/])((?:\p{Lu}\.){1,5})(\p{Lu})(\p{Ll}*)"
    r"(?![\p{L}\p{N}\p{M}_@/'’\-]|\.[\p{L}\p{N}])"
)


@rule(code="G004", name="mangled-initials", family="garbled", severity="warning")
def mangled_initials(doc: Document) -> Iterator[Hit]:
    """Flags dotted initials glued to a word or missing their last dot before a word.

    ## What it flags
    Dotted capitals run into a lower-case word (`told L.Ntimes`, where `Ntimes` is no word but
    `times` is), and dotted initials that nobody writes (rare in the word-frequency lexicon)
    that lost their final dot before a lower-case word (`told L.N times`, `the C.O.N
    spokesman`).

    ## Why it matters
    OCR, PDF extraction and machine translation break abbreviations and names into dotted
    fragments; the result is unreadable and hides what was meant.

    ## Example
    ```
    The agency told L.N times that the figures were wrong.
    ```

    ## Fix
    Restore what was meant (a name, an abbreviation, or a missing space). No fix is offered.

    ## Leaves alone
    Dotted abbreviations people write (`U.S.`, `U.K.`, `a.m.`, `p.m.`, `e.g.`, `i.e.`,
    `Ph.D.`, `U.S.-led`), initials with their final dot (`J.R.R. Tolkien`, `the A.N.C.
    leader`), initials before a capitalised name (`J.R Tolkien`, `J.Smith`), and anything
    joined to an address or file name (`Node.js`, `A.B.C.com`).
    """
    for seg in doc.segments:
        text = seg.text
        if "." not in text:
            continue
        for m in _INITIALS_RE.finditer(text):
            dotted, cap, tail = m.group(1), m.group(2), m.group(3)
            if tail:
                # glued: "L.Ntimes" -> "ntimes" unknown, "times" frequent; "J.Smith" is a name
                if len(tail) < 3 or _zipf(tail) < 3.5 or _zipf(cap + tail) >= 2.0:
                    continue
                message = (f"Mangled initials: '{m.group()}' looks like initials "
                           f"'{dotted}{cap}' glued to '{tail}'.")
                suggestions = [f"{dotted}{cap}. {tail}"]
            else:
                # no final dot, then a lower-case word: "L.N times", "C.O.N spokesman"
                after = text[m.end():m.end() + 2]
                if len(after) < 2 or after[0] != " " or not after[1].islower():
                    continue
                if _zipf(m.group()) >= 2.0:
                    # U.S, D.C, B.C: an abbreviation people write, missing its final dot
                    message = (f"Mangled initials: '{m.group()}' lacks its final dot before a "
                               "lower-case word; initials broken by a conversion?")
                    suggestions = [m.group() + "."]
                else:
                    message = (f"Mangled initials: '{m.group()}' is no abbreviation anyone "
                               "writes; initials broken by a conversion?")
                    suggestions = []
            yield Hit(*seg.source_span(m.start(), m.end()), message=message,
                      suggestions=suggestions)


# -- G005 stray-token ----------------------------------------------------------------------------

_LEET = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
# One digit between two lower-case runs: "gov3rnment", "thr0ugh".
_STRAY_RE = patterns.compile(
    r"(?<![\p{L}\p{N}\p{M}.\-_@/#\\$])(\p{Ll}{2,})(\d)(\p{Ll}{2,})"
    r"(?![\p{L}\p{N}\p{M}_@/\\$'’\-]|\.[\p{L}\p{N}])"
)
_DIGIT_IN_WORD_RE = patterns.compile(r"[^\W\d_][0-9][^\W\d_]")

#: Bytes to classes: ``a`` an ASCII lower-case letter, ``0`` an ASCII digit, ``x`` any byte of
#: a non-ASCII character (perhaps a lower-case letter or a digit), a space for the rest.
_STRAY_BYTES = bytes(
    97 if 97 <= b <= 122 else 48 if 48 <= b <= 57 else 120 if b >= 128 else 32
    for b in range(256))
#: Common non-ASCII characters that are neither letters nor digits (a space before the scan).
_NON_WORD_UTF8_RE = re.compile(
    b"|".join(re.escape(c.encode()) for c in "’‘“”—–…£€°•·«»\u00a0\ufffc"))
_STRAY_BYTES_RE = re.compile(rb"(?<=[ax]{2})[0x](?=[ax]{2})")


def _may_stray(text: str) -> bool:
    """False only if ``_STRAY_RE`` finds nothing in ``text`` (two lower-case letters, a digit,
    two lower-case letters), tested on bytes at C speed."""
    data = text.encode()
    if len(data) != len(text):
        data = _NON_WORD_UTF8_RE.sub(b" ", data)
    data = data.translate(_STRAY_BYTES)
    if b"x" not in data:
        return b"aa0aa" in data
    return _STRAY_BYTES_RE.search(data) is not None


@rule(code="G005", name="stray-token", family="garbled", severity="warning")
def stray_token(doc: Document) -> Iterator[Hit]:
    """Flags a word with a stray digit inside it (``the gov3rnment``, ``thr0ugh``).

    ## What it flags
    A lower-case word with one digit between letters that is unknown to the word-frequency
    lexicon, while the word with the digit read as a letter (`3`→`e`, `0`→`o`, `1`→`l`...) or
    dropped is a frequent English word.

    ## Why it matters
    OCR and broken conversions swap letters for look-alike digits; spell checkers often skip
    tokens that contain digits.

    ## Example
    ```
    The gov3rnment announced the budget on Tuesday.
    ```

    ## Fix
    Replace the digit with the letter: `government`. A fix is offered when exactly one reading
    is a frequent word.

    ## Leaves alone
    Tokens the lexicon knows (`mp3`, `h5n1`, `co2`), tokens with fewer than two letters on either
    side of the digit (`i18n`, `k8s`, `mp3s`, `4x4`), words with capitals (`MP3`, `A380`,
    `H5N1`), and anything in code, file names, handles and addresses.
    """
    if not _may_stray(doc.joined.text):
        return
    for seg in doc.segments:
        text = seg.text
        if not _may_stray(text) or not _DIGIT_IN_WORD_RE.search(text):
            continue
        for m in _STRAY_RE.finditer(text):
            token = m.group()
            if _zipf(token) > 0:
                continue
            left, digit, right = m.group(1), m.group(2), m.group(3)
            readings = {left + right}
            if digit in _LEET:
                readings.add(left + _LEET[digit] + right)
            if digit == "1":
                readings.add(left + "i" + right)
            good = sorted(w for w in readings if _zipf(w) >= 3.0)
            if not good:
                continue
            start, end = seg.source_span(m.start(), m.end())
            yield Hit(
                start, end,
                message=f"Stray digit in '{token}': did you mean '{good[0]}'?",
                suggestions=good,
                fix=Fix(start, end, good[0]) if len(good) == 1 else None,
            )


# -- G006 title-case-mid-sentence ----------------------------------------------------------------

# Exactly two Capitalised words after a determiner or preposition, mid-sentence: not followed by
# a further capitalised word or number. Groups: the word (or amount: "£5m a") before the
# determiner, the determiner, the two words, and the capital after "of"/"for"/"and" (the run
# may be part of a longer name: "the Bank of England"; "and I" is no name). A place after
# "in"/"at"/"on" is no tie ("a Cold Spell in North America").
_TC_PAIR_RE = patterns.compile(
    r"(?<=(?:^|[^\p{L}\p{N}'’.-])(\p{L}[\p{L}'’-]*|[£$€]?\p{N}[\p{N}.,]*(?:m|bn|k|%)?)"
    r" (the|a|an|of|for|to|in|on|with|and|from|by|at"
    r"|into|about|over|under|after|before|its|their|his|her|our|this|that|these|those|some|any|no"
    r"|more|new|every|each) )"
    r"(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)"
    r"(?![\p{L}\p{N}'’&_*-]| [\p{Lu}\p{N}&(]|\s(?:de|du|&)\s\p{Lu})"
    r"(?:\s(?:of|for|and)\s(?!I[\s'’])(\p{Lu}))?")
# A capitalised word mid-sentence (after a lower-case word and a space), with the capitalised
# word after it if any: the document's capitalised words and two-word runs in one pass.
_TC_CAP_MID_RE = patterns.compile(r"(?<=\p{Ll}[,;]? )(\p{Lu}\p{Ll}+)(?: (\p{Lu}\p{Ll}+))?")
# Two lower-case words after a determiner or preposition (not a second one): the same words
# written in lower case. Stdlib ``re``, the alternation as a trie after a literal: ~110 MB/s.
_TC_DET = (r"a(?:bout|fter|n[dy]?|t)?|b(?:efore|y)|each|every|f(?:or|rom)|h(?:er|is)"
           r"|i(?:n(?:to)?|ts)|more|n(?:ew|o)|o(?:f|n|ur|ver)|some"
           r"|t(?:h(?:e(?:ir|se)?|at|is|ose)|o)|under|with")
# The same scan finds where a candidate may start (a capital after a determiner, then a space
# and a capital), for the exact ``_TC_PAIR_RE`` to match there: a superset of its matches.
_TC_SCAN_RE = re.compile(rf"[ \n](?:{_TC_DET}) (?!(?:{_TC_DET}) )"
                         rf"(?=([a-z]{{3,}} [a-z]{{3,}})\b|[^\W\d_a-z][^\W\d_]+ [^\W\d_a-z])")

#: The lower-case word right after a run (`titlecase_name_nouns.txt` lists the nouns that
#: follow a name used attributively).
_TC_NEXT_WORD_RE = patterns.compile(r" (\p{Ll}+)\b")
#: The word after a tie (`of`/`for`/`and` + capital).
_TC_WORD_RE = patterns.compile(r"\p{L}+")
#: Flag a run whose score (natural log; lower = less like a name) is below this.
TC_THRESHOLD = -5.75
#: Evidence weights: a word the document also writes in lower case; a word that heads names.
TC_LOWER_WEIGHT = 1.0
TC_NAME_HEAD_WEIGHT = 2.0
#: Run-wide evidence (other files writing the pair capitalised vs in lower case) is capped at
#: this much in favour of flagging; collect() keeps runs that could reach the threshold with it.
TC_CORPUS_MAX = 3.0
_TC_FLOOR = 0.005  # capitalised share of a word below which all count the same
#: Evidence for flagging: the indefinite article (`a Rival Club`; names rarely take it) and an
#: adjective opening the run (`the Biggest Investors`; ``titlecase_adjectives.txt``).
TC_INDEF_WEIGHT = 2.0
TC_ADJ_WEIGHT = 2.0
#: Evidence for flagging: `and` after a lower-case word (coordinated with common words: `the
#: drug and Healthcare Industries`) and a verb after `to` (`to Keep Control`: a first word
#: whose -ing form is a frequent word, Zipf >= TC_VERB_ZIPF).
TC_AND_WEIGHT = 2.5
TC_VERB_WEIGHT = 2.0
TC_VERB_ZIPF = 3.5
#: Evidence against: a word capitalised mid-sentence elsewhere in the document (a name
#: recurs), per extra use, at most two.
TC_RECUR_WEIGHT = 2.0
#: Run-wide evidence for flagging counts this many times when no other file writes the pair
#: capitalised (`the driving force` in other files, `the Driving Force` in none).
TC_CORPUS_LOWER_WEIGHT = 2.0
#: Evidence for flagging: a plural second word (`Police Authorities`, `Federal Bonds`; names
#: are mostly singular-headed: `the Stock Exchange`, `the Box Office`), unless a name head.
TC_PLURAL_WEIGHT = 0.5
#: A tie word (`of Life`) capitalised less often than this is a common word: the run goes on
#: a title (`the Bright Side of Life`), not before a name (`the Forced Sale of Yukos`).
TC_TIE_COMMON = 0.2
#: Prepositions that open titles (`With a Little Help`, `In a Lonely Place`): a sentence
#: opening on one before `a`/`an` may be a title; on another word (`But a Rival Club`) it is not.
_TC_TITLE_OPENERS = frozenset("with in on at for from into by under over after before about"
                              " to of through across against without like".split())
_TC_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty"
                        " hundred thousand million billion".split())


class _CapShares(dict):
    """Word -> its per-mille as read (a string); ``get`` gives the share (0..1). Converting
    only the few words a document looks up, not all ~14,800 at load, halves the load."""

    def get(self, word: str, default: float) -> float:
        value = dict.get(self, word)
        return default if value is None else int(value) / 1000


@lru_cache(maxsize=1)
def _cap_shares() -> _CapShares:
    """``titlecase_capshare.txt``: word -> share of its uses written Capitalised (0..1)."""
    # ~14,800 lines: split the whole text once (word_list's line-by-line parse took a tenth of
    # a one-file check); every non-comment line is "word per-mille"
    text = data_text("titlecase_capshare")
    start = 0
    while text.startswith("#", start):  # the header comment
        start = text.index("\n", start) + 1
    body = text[start:]
    if "#" in body:
        body = "\n".join(line for line in body.splitlines() if not line.startswith("#"))
    fields = body.split()
    if len(fields) % 2:
        raise ValueError("titlecase_capshare.txt: a line is not 'word per-mille'")
    if not all(map(str.isdigit, fields[1::2])):
        raise ValueError("titlecase_capshare.txt: a per-mille is not a number")
    return _CapShares(zip(fields[::2], fields[1::2], strict=True))


def _doc_cap_runs(doc: Document) -> list[tuple[str, str]]:
    """``(word, next word or "")`` for each word capitalised mid-sentence in the document
    (once per document: collect() and the candidates both need it)."""
    return doc.memo("G006.caps", lambda d: _TC_CAP_MID_RE.findall(d.source))


def _tc_scan(doc: Document) -> tuple[frozenset[str], list[int]]:
    """One scan of the document's prose: its lower-case word pairs after a determiner or
    preposition, and the offsets (in ``doc.joined.text``) where a candidate run may start."""
    def build(doc: Document):
        lower, starts = set(), []
        for m in _TC_SCAN_RE.finditer(doc.joined.text):
            pair = m.group(1)
            if pair is None:
                starts.append(m.end())
            else:
                lower.add(pair)
        return frozenset(lower), starts

    return doc.memo("G006.scan", build)


def _lower_in_doc(doc: Document, word: str, cache: dict[str, bool]) -> bool:
    """``word`` also occurs in lower case somewhere in the document."""
    hit = cache.get(word)
    if hit is None:
        source = doc.source
        hit = False
        if word in source:  # the pattern starts with the word: re skips to it at C speed
            for m in re.finditer(rf"{re.escape(word)}(?![\w-])", source):
                i = m.start()
                if not i or not (source[i - 1].isalnum() or source[i - 1] in "_-"):
                    hit = True
                    break
        cache[word] = hit
    return hit


def _tc_candidates(doc: Document) -> Iterator[tuple[str, float, Hit]]:
    """G006's per-document step: ``(pair in lower case, score, hit)`` for each two-word
    capitalised run that may be common words, scored on the document's own evidence."""
    heads = word_list("garbled_titlecase_ok")
    openers = word_list("titlecase_name_openers")
    dates = word_list("garbled_proper_common")
    names = word_list("names_frequent")
    function = word_list("titlecase_function_words")
    adjectives = word_list("titlecase_adjectives")
    name_nouns = word_list("titlecase_name_nouns")
    shares = _cap_shares()
    capitalised: Counter[str] | None = None
    pairs: Counter[str] | None = None
    seen: dict[str, bool] = {}
    joined = doc.joined  # one scan of the document; a run never spans two segments
    text = joined.text
    for at in _tc_scan(doc)[1]:
        m = _TC_PAIR_RE.match(text, at)
        if m is None:
            continue
        k = joined.segment_at(m.start(3))
        seg = doc.segments[k]
        if seg.kind not in _RUNNING_PROSE:
            continue
        before, det, first, second = m.group(1, 2, 3, 4)
        seg_start = joined.starts[k]
        if text.startswith(('"', "”"), m.end(4)) and not _in_lower_quote(
                text, seg_start, m.start(1)):
            continue  # a quoted title ends here; quoted speech opens on a lower-case word
        if _in_title_quote(text, seg_start, m.start(3), function):
            continue  # inside a quoted title: "Creating Instances from Other Instances with"
        if m.group(5) and det not in ("a", "an") and not _tie_broken(
                m, names, adjectives, heads | openers, function, shares):
            continue  # "the Bank of England"; names rarely take "a": "a Summer Move for England"
        # a glued word before the determiner counts as lower case: "the heatAnd the Energy
        # Water"; a number does not: "in 2000 by Cast Away"
        if not (before.islower() or before[:1].islower()) and not (
                det in _TC_TITLE_OPENERS and first.lower() in _TC_NUMBERS and first != "One"
        ) and not _checked_after_capital(doc, text, seg_start, m, function, dates, names):
            continue  # but a quantity after a name and a preposition: "Bath for Eight Years"
        if det in ("of", "for") and before.lower() in _tc_job_titles():
            continue  # a department: "head of Trade Policy", "Minister for Sport"
        follower = _TC_NEXT_WORD_RE.match(text, m.end(4))
        if follower is not None and follower.group(1) in name_nouns:
            continue  # a name used attributively: "a Lifetime Achievement award"
        lower = (first.lower(), second.lower())
        if any(w in function for w in lower) or any(
                w in dates or w in names or _zipf(w) < 3.8 for w in (first, second)):
            continue
        if capitalised is None:
            runs = _doc_cap_runs(doc)
            capitalised = Counter(w for run in runs for w in run)
            pairs = Counter(f"{a} {b}" for a, b in runs if b)
        if pairs[f"{first} {second}"] > 1:
            continue  # a name recurs: "the Six Nations ... the Six Nations"
        score = 0.0
        for w, is_name_word in ((lower[0], lower[0] in openers), (lower[1], lower[1] in heads)):
            score += math.log(max(shares.get(w, 0.5), _TC_FLOOR))
            if is_name_word:
                score += TC_NAME_HEAD_WEIGHT
            if _lower_in_doc(doc, w, seen):
                score -= TC_LOWER_WEIGHT
        # either word capitalised mid-sentence elsewhere in the document: part of a name?
        for w in (first, second):
            if capitalised[w] > 1:
                score += TC_RECUR_WEIGHT * min(capitalised[w] - 1, 2)
        if det in ("a", "an"):
            score -= TC_INDEF_WEIGHT
        elif det == "and" and before[:1].islower():
            score -= TC_AND_WEIGHT
        elif det == "to" and _verb_like(lower[0]):
            score -= TC_VERB_WEIGHT
        if lower[1] not in heads and _plural(lower[1]):
            score -= TC_PLURAL_WEIGHT
        if _opening_adjective(lower[0], adjectives) and lower[1] not in heads \
                and lower[1] not in openers and lower[1] not in _TC_NUMBERS:
            score -= TC_ADJ_WEIGHT
        if score - TC_CORPUS_MAX >= TC_THRESHOLD:
            continue
        at = joined.starts[k]
        start, end = seg.source_span(m.start(3) - at, m.end(4) - at)
        if doc.source[start - 1:start] == "[" and doc.source[end:end + 1] == "]":
            continue  # the whole text of a Markdown link names what it links to
        yield f"{lower[0]} {lower[1]}", score, Hit(
            start, end,
            message=f"Title Case mid-sentence: '{first} {second}' are common words; "
                    "a name, or common nouns capitalised?",
            suggestions=[f"{first.lower()} {second.lower()}"],
            judged=(first, second),
        )


@lru_cache(maxsize=1)
def _tc_job_titles() -> frozenset[str]:
    """``names_titles.txt`` in lower case: roles before a name, and before `of`/`for` and a
    department (`head of Trade Policy`)."""
    return frozenset(w.lower() for w in word_list("names_titles"))


def _opening_adjective(word: str, adjectives: frozenset[str]) -> bool:
    """Does ``word`` (lower case) open common noun phrases rather than names: listed
    (``titlecase_adjectives.txt``), or a superlative, as word frequencies tell (its -er form is
    a frequent word: `hottest` -> `hotter`, `happiest` -> `happier`; not `forest`, `modest`)?"""
    return word in adjectives or (len(word) >= 6 and word.endswith("est")
                                  and _zipf(word[:-3] + "er") >= 3.0)


def _plural(word: str) -> bool:
    """Is ``word`` (lower case) a plural noun, as far as word frequencies tell: a frequent
    word less its -s, -es or -ies (`bonds`, `taxes`, `authorities`; not `press`)?"""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    if word.endswith("ies") and _zipf(word[:-3] + "y") >= 3.0:
        return True
    return _zipf(word[:-1]) >= 3.0 or (word.endswith("es") and _zipf(word[:-2]) >= 3.0)


def _verb_like(word: str) -> bool:
    """Is ``word`` (lower case) a verb, as far as word frequencies tell: is its -ing form a
    frequent word (`keep` -> `keeping`, `raise` -> `raising`, `cut` -> `cutting`; not
    `home`, `radio`)?"""
    forms = [word + "ing"]
    if word.endswith("e") and not word.endswith("ee"):
        forms.append(word[:-1] + "ing")
    if len(word) > 2 and word[-1] not in "aeiouwy" and word[-2] in "aeiou" \
            and word[-3] not in "aeiou":
        forms.append(word + word[-1] + "ing")
    return any(_zipf(f) >= TC_VERB_ZIPF for f in forms)


def _checked_after_capital(doc: Document, text: str, seg_start: int, m: regex.Match,
                           function: frozenset[str], dates: frozenset[str],
                           names: frozenset[str]) -> bool:
    """The word before the determiner is capitalised, so the run may go on a name or title
    (`the Securities and Exchange Commission`, `Notes on Falling Leaves`): is it checked all
    the same? Yes when that word opens the sentence with a phrase (`In the Fourth Quarter,
    ...`, `But a Rival Club`, `In the Second Half we had ...`), unless the phrase is a title
    as the subject (`With the Lights Out was ...`) or follows a colon (`Door in the Mountain:
    New and Collected Poems`), or when it ends a known name (:func:`_after_name`)."""
    before, det = m.group(1).lower(), m.group(2)
    if _sentence_start(text, seg_start, m.start(1)):
        if (det in ("a", "an") and before not in _TC_TITLE_OPENERS) or (
                before in function and text.startswith(",", m.end(4))):
            return True
        j = m.start(1)
        while j > seg_start and text[j - 1] in " \"“‘'(":
            j -= 1
        if j > seg_start and text[j - 1] == ":":
            return False
        if before in _TC_TITLE_OPENERS:
            follower = _TC_NEXT_WORD_RE.match(text, m.end(4))
            return follower is None or follower.group(1) not in word_list(
                "titlecase_auxiliaries")
        return True
    return _after_name(doc, text, seg_start, m, dates, names)


def _in_lower_quote(text: str, seg_start: int, i: int) -> bool:
    """Is ``i`` inside a quotation that opens on a lower-case word (`"against the National
    Interest"`: quoted speech, not a quoted title, which opens on a capital)?"""
    j = max(text.rfind("“", seg_start, i), text.rfind('"', seg_start, i))
    if j < 0 or (text[j] == '"' and text.count('"', seg_start, j) % 2):
        return False  # no quotation, or the nearest straight quote closes one
    return text[j + 1:j + 2].islower()


def _in_title_quote(text: str, seg_start: int, i: int, function: frozenset[str]) -> bool:
    """Is ``i`` inside a quotation written in Title Case so far, with a capitalised word after
    the first (`“Creating Instances from`: a quoted title; not speech, `“The company said`,
    `“In the`)?"""
    j = max(text.rfind("“", seg_start, i), text.rfind('"', seg_start, i))
    if j < 0 or (text[j] == '"' and text.count('"', seg_start, j) % 2) or "”" in text[j:i]:
        return False
    words = text[j + 1:i].split()
    return len(words) > 1 and words[0][:1].isupper() and all(
        w[:1].isupper() or w in function for w in words) and any(
        w[:1].isupper() for w in words[1:])


def _tie_broken(m: regex.Match, names: frozenset[str], adjectives: frozenset[str],
                ok: frozenset[str], function: frozenset[str], shares: _CapShares) -> bool:
    """A run followed by `of`/`for`/`and` + capital that is no longer name: after `to` (a
    verb: `to Take Charge of Scotland's match`), opened by an adjective (`the First Season of
    Buck`, not before a name head: `the First Minister of Wales`), before a given name or
    surname followed by another (`the Outstanding Work of Graham Rowntree`), or before a word
    that is no common word: a name (`the Forced Sale of Yukos`, `the Possible Risk of PML`)
    or a function word opening a title (`the Film Adaptation of The Da Vinci Code`). The run
    is scored as usual then (`the Bank of England` is a name head and stays silent). A tie to
    a common word goes on a name or title (`Secretary of State`, `the Bright Side of
    Life`)."""
    if m.group(2) == "to":
        return True
    first, second = m.group(3).lower(), m.group(4).lower()
    if _opening_adjective(first, adjectives) and second not in ok:
        return True
    word = _TC_PERSON_RE.match(m.string, m.start(5))
    if word is not None and word.group(1) in names:
        return True
    tie = _TC_WORD_RE.match(m.string, m.start(5)).group().lower()
    return tie in function or shares.get(tie, 0.5) >= TC_TIE_COMMON


#: A capitalised word before ``i`` (with its space), to walk back over a name.
_TC_CAP_BEFORE_RE = patterns.compile(r"(?:^|(?<= ))\p{Lu}[\p{L}'’-]* $")
#: A person's name: a given name and a surname (`of Graham Rowntree`).
_TC_PERSON_RE = patterns.compile(r"(\p{Lu}\p{Ll}+) \p{Lu}\p{Ll}")


def _after_name(doc: Document, text: str, seg_start: int, m: regex.Match,
                dates: frozenset[str], names: frozenset[str]) -> bool:
    """Does the capitalised word before the determiner end a known name, not a title running
    on into the run? A month, weekday, given name or surname (`in October to Settle Charges`),
    or, after a determiner other than `a`/`an` and the ties `and`/`of`/`for` (`Factory and
    Rough Trade`, `Gonna Have a Number One`, `the Academy of Motion Picture, Arts and
    Sciences`, `the Award for Best Actor`), a name the document also writes without this
    continuation (`with Million Dollar Baby in Second Place` when `Million Dollar Baby`
    recurs alone)."""
    before = m.group(1)
    if before in dates or before in names:
        return True
    if m.group(2) in ("a", "an", "and", "of", "for"):
        return False
    i = m.start(1)
    while (p := _TC_CAP_BEFORE_RE.search(text, max(seg_start, i - 40), i)) is not None:
        i = p.start()
    name, tail = text[i:m.end(1)], text[m.end(1):m.end(4)]
    source = doc.source
    return any(not source.startswith(tail, end) for end in _word_ends(source, name))


def _word_ends(source: str, name: str) -> Iterator[int]:
    """Ends of the occurrences of ``name`` in ``source`` with no letter, apostrophe or hyphen
    on either side, left to right and not overlapping (a search, not a pattern compiled for
    each name: `regex` compiles in Python, ~0.2 ms a name)."""
    n, size = len(name), len(source)
    p = source.find(name)
    while p >= 0:
        if (p == 0 or not _word_joined(source[p - 1])) and (
                p + n >= size or not _word_joined(source[p + n])):
            yield p + n
            p = source.find(name, p + n)
        else:
            p = source.find(name, p + 1)


def _word_joined(c: str) -> bool:
    return c.isalpha() or c in "'’-"


def _sentence_start(text: str, seg_start: int, i: int) -> bool:
    """Does a sentence start at ``i`` (after opening quotes or brackets)?"""
    j = i
    while j > seg_start and text[j - 1] in " \"“‘'(":
        j -= 1
    return j == seg_start or text[j - 1] in ".!?:;"


def _tc_decide(score: float, cap_elsewhere: int, lower_files: int) -> bool:
    """Flag a run of in-document ``score`` that ``cap_elsewhere`` other files of the run write
    capitalised and ``lower_files`` files (this one included) write in lower case."""
    corpus = math.log1p(cap_elsewhere) - math.log1p(lower_files)
    if not cap_elsewhere:
        corpus *= TC_CORPUS_LOWER_WEIGHT
    return score + max(corpus, -TC_CORPUS_MAX) < TC_THRESHOLD


def title_case_mid_sentence(doc: Document) -> Iterator[Hit]:
    """G006 on one document alone (no other files of a run to weigh)."""
    cands = _tc_not_code(doc, list(_tc_candidates(doc)))
    if not cands:
        return
    lower = _tc_scan(doc)[0]
    for key, score, hit in cands:
        if _tc_decide(score, 0, key in lower):
            yield hit


def _tc_not_code(doc: Document, cands: list) -> list:
    """G006 candidates none of whose words the document writes as code (`the Config Loader`
    beside `ConfigLoader` in a code block)."""
    if not cands or not doc.code:
        return cands
    return [c for c in cands if not any(is_identifier(doc, w) for w in
                                        doc.source[c[2].offset:c[2].end_offset].split())]


@corpus_rule(code="G006", name="title-case-mid-sentence", family="garbled", severity="info",
             default=False)
class TitleCaseMidSentence:
    """Flags common nouns Title-Cased mid-sentence where they are no name (``the Energy Water``).

    ## What it flags
    Exactly two Capitalised common words after a determiner or preposition in the middle of a
    sentence (`the planned Transfer Station was closed`, `a Rival Club`) that look less like a
    name than like common words capitalised by a tool. The evidence, added up as a log score:
    how often each word is written Capitalised in general English (`titlecase_capshare.txt`,
    from spaCy's case-sensitive word probabilities: `water` 5%, `golden` 37%). For flagging:
    each word the document also writes in lower case, the indefinite article (names rarely
    take it: `a Bidding Battle`), `and` after a lower-case word (`the drug and Healthcare
    Industries`), a verb after `to` (`to Keep Control`; its -ing form is a frequent word), an
    adjective opening the run (`titlecase_adjectives.txt`: `the Biggest Investors`, `the
    Overall Winner`; or any superlative whose -er form is a frequent word: `the Hottest
    Period`), a plural second word (`Police Authorities`; names are mostly
    singular-headed). Against: a word that opens names as the first word
    (`titlecase_name_openers.txt`: `the World Bank`, `the Evening Standard`) or heads names as
    the second (`garbled_titlecase_ok.txt`: `Office`, `Cup`, `Show`), either word capitalised
    mid-sentence elsewhere in the document. Across the files of a run, other files writing
    the pair Capitalised count against, files writing it in lower case for (double while no
    other file capitalises it). Measured (news corpus, seeded `title-case` damage): 0.04
    findings per 10,000 clean words both over the whole corpus and linting each file alone
    (2 findings, both titles of works made of common words: `Family Guy`, `Cut Off`), 0 in
    docs code, recall 91.7% / 90.6% (seeds 1, 2; 88.7% / 87.7% linting each file alone; the
    misses are mostly runs that score like names: `the World Tour`, `the Gold Medal`, `a
    Radio Interview`), precision 100%.

    Off by default (select it with `--extend-select G006`): on text it was not tuned on
    (edited news, package READMEs, docs sites) most of its findings were names of
    institutions, events, products and works (`a Pull Request`, an election, a media player),
    which no evidence that transfers across corpora tells from Title-Cased common nouns yet.
    Its words are never identifiers the document writes as code.

    ## Why it matters
    Machine translation and Title-Case headline tools capitalise common nouns at random; the
    reader takes them for names of organisations that do not exist.

    ## Example
    ```
    There was a shortage of heat and the Energy Water supply failed; water was rationed and
    energy prices rose.
    ```

    ## Fix
    Lower-case the words (`the energy water supply`) unless they are the name of something.
    No fix is offered.

    ## Leaves alone
    Sentence starts, except a phrase opening the sentence (`In the Fourth Quarter, ...`, `But
    a Rival Club ...`, `In the Second Half we had ...`), unless a title is the subject (an
    auxiliary follows: `With the Lights Out was ...`) or it follows a colon (`the Mountain:
    New and Collected Poems`); words after a capitalised word (unless it ends a name: a
    month, weekday or frequent name, `in October to Settle Charges`, a name the document also
    writes without the run, `Million Dollar Baby in Second Place`, or a quantity follows a
    preposition, `Bath for Eight Years`; never after `a`/`an`/`and`/`of`/`for`: `Factory and
    Rough Trade`, `the Award for Best Actor`), words after a dash, bracket or quotation mark,
    runs of one or of three and more capitalised words, runs followed by a capital or a
    number, runs before a closing quotation mark that opens on a capital (a quoted title;
    quoted speech, `"one of the Biggest Threats"`, is checked) and inside a quotation in
    Title Case so far (`“Creating Instances from Other Instances with ...”`), the whole text
    of a Markdown link (`[Event Loop][]`), runs tied by `of`, `for`, `and` to a common word
    (`Secretary of State`, `the Securities and Exchange Commission`, `the Bright Side of
    Life`; a tie to a name or a function word is scored as usual: `the Bank of England`
    stays silent, `the Forced Sale of Yukos` is flagged; the tie is not trusted after
    `a`/`an`, `to`, an opening adjective or before a person's name), a department after a
    job title (`head of Trade Policy`), function words (`The Who`, `This Love`), frequent
    given names and surnames (`names_frequent.txt`), dates, rarer words (Zipf < 3.8), the same
    pair capitalised twice in the document (`the Six Nations ... the Six Nations`), words
    often capitalised in English (`the Red Sea`, `a Golden Globe`, `a Grand Slam`), heads of
    names (`the Home Office`, `the Greatest Hits album`) and interface elements (`the Settings
    Menu`, `the Save Button`), runs followed by a noun that follows names used attributively
    (`titlecase_name_nouns.txt`: `a Lifetime Achievement award`, `a Premier League club`), an
    adjective before a name head or a number (`the Second Division`, `the Fantastic Four`),
    and runs that other files of the run write capitalised more often than in lower case.
    Names made of rare-capitalised common words are flagged (`the creator of Family Guy`):
    suppress them inline or in the config.
    """

    @staticmethod
    def collect(doc: Document):
        """Per file: ``(candidates, capitalised pairs, lower-case pairs)``, the pairs only
        when the file has a candidate or for the other files to weigh."""
        cands = _tc_not_code(doc, list(_tc_candidates(doc)))
        caps = {f"{a} {b}".lower() for a, b in _doc_cap_runs(doc) if b}
        return cands, frozenset(caps), _tc_scan(doc)[0]

    @staticmethod
    def combine(items):
        """The files with candidates, and one summary item counting, for every pair, the
        files without candidates that write it capitalised and in lower case."""
        caps_n: Counter[str] = Counter()
        lower_n: Counter[str] = Counter()
        kept = []
        for path, (cands, caps, lower) in items:
            if cands:
                kept.append((path, (cands, caps, lower)))
            else:
                caps_n.update(caps)
                lower_n.update(lower)
        kept.append(("", ([], caps_n, lower_n)))
        return kept

    @staticmethod
    def reduce(items):
        keys = {key for _, (cands, _, _) in items for key, _, _ in cands}
        if not keys:
            return []
        cap_files: Counter[str] = Counter()
        low_files: Counter[str] = Counter()
        for _, (_, caps, lower) in items:
            if isinstance(caps, Counter):  # a summary of files without candidates (combine)
                for key in keys:
                    cap_files[key] += caps[key]
                    low_files[key] += lower[key]
            else:
                cap_files.update(caps & keys)
                low_files.update(lower & keys)
        out = []
        for path, (cands, caps, _) in items:
            for key, score, hit in cands:
                if _tc_decide(score, cap_files[key] - (key in caps), low_files[key]):
                    out.append((path, hit))
        return out


def warm_up() -> None:
    """Load the word-frequency dictionary before workers fork (G002 and G004 look up every
    token of every file)."""
    from rules.lexicon import frequencies

    frequencies()
