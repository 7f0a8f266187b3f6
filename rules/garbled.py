"""Garbled fragments: doubled words, glued words, lost sentence boundaries, mangled tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from lint.document import Document
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.data import word_list

# stdlib ``re`` runs this back-reference pattern 4x faster than ``regex`` with IGNORECASE.
_DOUBLED_RE = re.compile(
    r"(?<![^\s\"“‘(\[])([^\W\d_]++)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'’-])", re.IGNORECASE
)
#: After "that that", these words show the double is a slip, not "said that that was wrong".
_AFTER_THAT_THAT = re.compile(r"[ \t\n]+(?:the|a|an|this|these|his|her|their|its|our|my)\b")


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
    names (`Duran Duran`, `Bora Bora`), and words joined by punctuation (`the, the`).
    """
    allowed = word_list("doubled_ok")
    for seg in doc.segments:
        for m in _DOUBLED_RE.finditer(seg.text):
            first, second = m.group(1), m.group(3)
            if first.lower() in allowed:
                if first.lower() != "that" or not _AFTER_THAT_THAT.match(seg.text, m.end()):
                    continue
            if first[0].isupper() and second[0].isupper():
                continue  # Duran Duran, Bora Bora
            if first.isupper() and len(first) > 1:
                continue  # acronyms in lists, "AA AA"
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
_HUMP_RE = regex.compile(r"(?<=\p{Ll})\p{Lu}\p{Ll}")
_GLUE_HEAD_RE = regex.compile(r"(?:the|and|of)[a-z]{3}")
_GLUE_TAIL_RE = regex.compile(r"[a-z]{3}(?:the|and|of)(?![a-z])")
# A token made of exactly one lower-case run and one Capitalised word (``heatAnd``), or of two
# Capitalised words (``WaterAnd``). More humps (``getElementById``) make it an identifier.
_GLUED_CASE_RE = regex.compile(r"(\p{Ll}{2,}|\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}+)")
_TECH_BEFORE_RE = regex.compile(_TECH_BEFORE)
_TECH_AFTER_RE = regex.compile(_TECH_AFTER)


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


def _split_lower(token: str, parts: frozenset[str]) -> tuple[str, str] | None:
    """Split an unknown lower-case token into function word + frequent word (``the|plan``)."""
    best = None
    for p in parts:
        if token.startswith(p):
            rest = token[len(p):]
            cand = (p, rest)
        elif token.endswith(p):
            rest = token[: -len(p)]
            cand = (rest, p)
        else:
            continue
        if len(rest) >= 3 and _zipf(rest) >= 4.0 and (best is None or _zipf(rest) > _zipf(best[2])):
            best = (*cand, rest)
    return None if best is None else best[:2]


def _glued_lower(text: str, parts: frozenset[str]) -> Iterator[tuple[int, int, tuple[str, str]]]:
    seen = set()
    for rx in (_GLUE_HEAD_RE, _GLUE_TAIL_RE):
        for m in rx.finditer(text):
            i, j = _token_bounds(text, m.start(), m.end())
            if i in seen:
                continue
            seen.add(i)
            token = text[i:j]
            if not token.islower() or not _isolated(text, i, j):
                continue
            z = _zipf(token)
            if z >= 1.0:
                # typos common enough to be in the lexicon: two function words (ofthe, andthe)
                if not (z < 3.5 and any(token.startswith(p) and token[len(p):] in parts
                                        for p in parts)):
                    continue
            split = _split_lower(token, parts)
            if split is not None:
                yield i, j, split


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
    Put the space back (`heat. And`, `heat and`, `the plan`). The rule suggests the split but
    offers no automatic fix: whether a full stop was lost too is for the editor to judge.

    ## Leaves alone
    Brands and names in CamelCase (`iPhone`, `eBay`, `JavaScript`, `YouTube`, `PlayStation`,
    `McDonald`, `MacArthur`, `DiCaprio`, `PhD`), identifiers (`getElementById`, `useState`,
    `forEach`, `logIn`), units and formulas (`mAh`, `kWh`, `NaCl`), compounds the lexicon knows
    (`inbox`, `login`), and anything inside code. Two content words glued together
    (`EnergyWater`, `beermaker`) are left alone: brand names and rare compounds look the same.
    """
    glue = word_list("garbled_glue_words")
    parts = word_list("garbled_glue_parts")
    for seg in doc.segments:
        text = seg.text
        seen = -1
        for h in _HUMP_RE.finditer(text):
            i, j = _token_bounds(text, h.start(), h.end())
            if i <= seen:
                continue
            seen = i
            m = _GLUED_CASE_RE.fullmatch(text, i, j)
            if m is None or not _isolated(text, i, j):
                continue
            first, second = m.group(1), m.group(2)
            if second.lower() not in glue:
                continue
            if _zipf(first + second) >= 2.0 or _zipf(first) < 3.0:
                continue
            yield Hit(
                *seg.source_span(i, j),
                message=f"Glued words: '{m.group()}' looks like '{first}' and '{second}' "
                        "run together.",
                suggestions=[f"{first}. {second}", f"{first} {second.lower()}"],
            )
        for i, j, split in _glued_lower(text, parts):
            yield Hit(
                *seg.source_span(i, j),
                message=f"Glued words: '{text[i:j]}' looks like '{split[0]} {split[1]}'.",
                suggestions=[f"{split[0]} {split[1]}"],
            )


# -- G003 lost-sentence-boundary -----------------------------------------------------------------

_BOUNDARY_RE: regex.Pattern | None = None
# The word before the candidate: letters/digits directly before the space (no punctuation).
_PREV_WORD_RE = regex.compile(r"(?r)[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*")


def _boundary_re() -> regex.Pattern:
    words = "|".join(sorted(word_list("garbled_boundary_words"), key=len, reverse=True))
    # a word char, ONE space, the capitalised function word, one space, a lower-case word
    return regex.compile(rf"(?<=[\p{{Ll}}\p{{N}}] )(?:{words})(?= \p{{Ll}}\p{{Ll}})")


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
    capitalised common word (Title-Case titles: `You Can Do It to three`), line breaks,
    headings, list items, table cells and captions, where Title Case and fragments are normal.
    """
    global _BOUNDARY_RE
    if _BOUNDARY_RE is None:
        _BOUNDARY_RE = _boundary_re()
    dates = word_list("garbled_proper_common")
    for seg in doc.segments:
        if seg.kind not in _RUNNING_PROSE:
            continue
        text = seg.text
        for m in _BOUNDARY_RE.finditer(text):
            prev = _PREV_WORD_RE.match(text, 0, m.start() - 1)
            prev_word = prev.group() if prev else ""
            if prev_word[:1].isupper() and prev_word not in dates and _zipf(prev_word) >= 3.0:
                continue  # a Title-Case run: "You Can Do It to three", "Faking It and"
            yield Hit(
                *seg.source_span(m.start(), m.end()),
                message=f"Capitalised '{m.group()}' after '{prev_word}' with no punctuation: "
                        "a lost sentence boundary?",
                suggestions=[f"{prev_word}. {m.group()}"],
            )


# -- G004 mangled-initials -----------------------------------------------------------------------

# Dotted capitals: "L.", "C.O." ... Anchored on a capital followed by a dot and a capital.
_INITIALS_RE = regex.compile(
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
                    continue  # U.S, U.K, D.C: common abbreviations (a missing dot only)
                message = (f"Mangled initials: '{m.group()}' is no abbreviation anyone writes; "
                           "initials broken by a conversion?")
                suggestions = []
            yield Hit(*seg.source_span(m.start(), m.end()), message=message,
                      suggestions=suggestions)


# -- G005 stray-token ----------------------------------------------------------------------------

_LEET = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
# One digit between two lower-case runs: "gov3rnment", "thr0ugh".
_STRAY_RE = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}.\-_@/#\\$])(\p{Ll}{2,})(\d)(\p{Ll}{2,})"
    r"(?![\p{L}\p{N}\p{M}_@/\\$'’\-]|\.[\p{L}\p{N}])"
)
_DIGIT_IN_WORD_RE = regex.compile(r"[^\W\d_][0-9][^\W\d_]")


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
    for seg in doc.segments:
        text = seg.text
        if not _DIGIT_IN_WORD_RE.search(text):
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
