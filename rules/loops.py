"""Degenerate repetition as neural MT and LLMs produce it: a token or group looping three or
more times (also hidden by hyphens, gluing, commas or capitals), identical items on both sides
of ``and``/``or``, and an adjacent sentence that restates the previous one with a word changed.

The loop search compares each lower-cased token with the one ``k`` places later (a C-level
``map``), turns the comparison into bytes and lets a regular expression find the runs: no
Python work per token unless a run is there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import attrgetter, eq, itemgetter

from lint import patterns
from lint.document import PLACEHOLDER, WORD_RE, Document, Segment
from lint.finding import Hit
from lint.registry import rule
from rules.data import word_list

#: Kinds of prose a loop can hide in; table cells repeat on purpose.
_PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption", "heading"})
#: Longest repeating group looked for (tokens).
MAX_PERIOD = 8
#: Between two tokens of a loop only spaces, commas, hyphens, slashes and full stops before a
#: space (`a.b.c` is a dotted identifier, not a loop).
_GAP_RE = patterns.compile(r"(?:[\s,;\-‐‑–—/·・、，。]|\.(?=\s))*")
#: A word glued to copies of itself: ``BlueBlueBlue``, ``abcabcabc`` (unit of 3+ letters).
_GLUED_LOOP_RE = patterns.compile(r"(?i)(\p{L}{3,}?)\1{2,}")
#: The shortest token that can hold a glued loop (three copies of three letters).
GLUED_MIN = 9
#: The same search on lower-cased ASCII text, where it means the same (the standard library's
#: engine is about twice as fast at it).
_GLUED_ASCII_RE = re.compile(r"([a-z]{3,}?)\1{2,}")


def _may_glue(text: str) -> bool:
    """Does ``text`` hold what :data:`_GLUED_LOOP_RE` finds?"""
    if text.isascii():
        return _GLUED_ASCII_RE.search(text.lower()) is not None
    return _GLUED_LOOP_RE.search(text) is not None
_LETTER_RE = patterns.compile(r"\p{L}")
_ONE_TOKEN = b"\x01"
#: A loop that resumes within this many tokens is the same loop (one finding).
LOOP_GAP = 8


def _words_of(name: str) -> frozenset[str]:
    """The words of a data list that holds several a line."""
    return frozenset(w for entry in word_list(name) for w in entry.split())


@lru_cache(maxsize=1)
def _emphatic() -> frozenset[str]:
    return _words_of("loops_emphatic")


def _lower_words(seg: Segment) -> list[str]:
    """``[t.text.lower() for t in seg.tokens]`` in C: tokens hold no space, and lowering the
    joined text lowers each token as it would alone (a space is not case-ignorable)."""
    if not seg.tokens:
        return []
    return " ".join(map(itemgetter(0), seg.tokens)).lower().split(" ")


class _Words:
    """The lower-cased words of a whole document (what :func:`_lower_words` gives for each
    segment, one list after the other) and where each segment's words end, split in C
    without building a token per word: R004 and R006 look for repeats in them and build
    tokens only for the few segments where one is."""

    __slots__ = ("words", "ends", "long")

    def __init__(self, doc: Document):
        per = list(map(WORD_RE.findall, map(attrgetter("text"), doc.segments)))
        self.ends = list(accumulate(map(len, per)))
        shown = list(chain.from_iterable(per))
        self.words = " ".join(shown).lower().split(" ") if shown else []
        #: the words that can hold a glued loop, as written, one space apart
        self.long = " ".join(compress(shown, map((GLUED_MIN - 1).__lt__, map(len, shown))))

    def of(self, idx: int) -> list[str]:
        """The words of segment ``idx``: ``_lower_words(doc.segments[idx])``."""
        return self.words[self.ends[idx - 1] if idx else 0:self.ends[idx]]

    def segment_of(self, i: int) -> int:
        """Index of the segment holding word ``i``."""
        return bisect_right(self.ends, i)


def _doc_words(doc: Document) -> _Words:
    return doc.memo("loops.words", _Words)


def _token_parts(seg: Segment):
    """``(lower-cased part, start, end)`` of each word, hyphenated words split into parts."""
    out = []
    text = seg.text
    for tok in seg.tokens:
        word = tok.text
        if "-" not in word and "‐" not in word and "‑" not in word:
            out.append((word.lower(), tok.start, tok.end))
            continue
        pos = tok.start
        for part in patterns.compile(r"[-‐‑]").split(word):
            if part:
                out.append((part.lower(), pos, pos + len(part)))
            pos += len(part) + 1
    # a gap holding anything but spaces and light punctuation breaks the chain
    pairs = zip(out, out[1:], strict=False)
    cut = [True] + [not _GAP_RE.fullmatch(text, a[2], b[1]) for a, b in pairs]
    return out, cut


_HYPHEN_LOOP_RE = patterns.compile(r"(?i)(?<![\p{L}\p{N}])(\p{L}[\p{L}\p{N}]*)(?:[-‐‑]\1){2,}")
#: The same repeat, tried at hyphens only (the first part in a lookbehind): a fast prefilter.
_HYPHEN_REPEAT_AT_RE = patterns.compile(
    r"(?i)(?<=(?<![\p{L}\p{N}])(\p{L}[\p{L}\p{N}]*))(?:[-‐‑]\1){2,}")


def _may_loop(seg: Segment, long_tokens) -> bool:
    """C-level test before any Python work per token: some word equals the one up to
    MAX_PERIOD places later twice in a row at the same period, or a hyphenated word
    repeats its part (`ABC-ABC-ABC`). ``long_tokens`` is called only when the segment
    text as a whole holds such a hyphenated repeat (a token's match is one of the text's)."""
    words = _lower_words(seg)
    for k in range(1, min(MAX_PERIOD, len(words) // 3) + 1):
        if _ONE_TOKEN * (2 * k) in bytes(map(eq, words, words[k:])):
            return True
    text = seg.text
    if ("-" not in text and "‐" not in text and "‑" not in text) or \
            _HYPHEN_REPEAT_AT_RE.search(text) is None:
        return False
    return any(_HYPHEN_LOOP_RE.search(t.text) for t in long_tokens() if "-" in t.text) or \
        ("‐" in text or "‑" in text) and _HYPHEN_LOOP_RE.search(text) is not None


def _loop_segments(doc: Document) -> list[int]:
    """Indices of the segments where R004 must look, found in C without a token per word:
    a glued loop in a word of 9+ characters, a hyphenated repeat (the first test
    of :func:`_may_loop`'s hyphen branch; neither crosses a line break of the joined text, so
    each match lies in one segment), and a word equal to the one ``k`` places later ``2k``
    times in a row over the document's words (a run that :func:`_may_loop` finds in one
    segment's words is also one of the document's). Any other segment yields nothing."""
    joined = doc.joined
    text = joined.text
    found: set[int] = set()
    words = _doc_words(doc)
    if _may_glue(words.long):  # rare: find the segments
        found.update(i for i, seg in enumerate(doc.segments)
                     if any(_GLUED_LOOP_RE.search(t.text) for t in seg.tokens
                            if len(t.text) >= GLUED_MIN))
    if "-" in text or "‐" in text or "‑" in text:
        found.update(joined.segment_at(m.start()) for m in _HYPHEN_REPEAT_AT_RE.finditer(text))
    w = words.words
    for k in range(1, min(MAX_PERIOD, len(w) // 3) + 1):
        same = bytes(map(eq, w, w[k:]))
        if _ONE_TOKEN * (2 * k) not in same:
            continue
        for m in patterns.compile(rb"\x01{%d,}" % (2 * k)).finditer(same):
            # every segment the run touches: one of them may hold it whole
            found.update(range(words.segment_of(m.start()),
                               words.segment_of(m.end() + k - 1) + 1))
    return sorted(found)


def _runs(words: list[str], cut: list[bool]) -> list[tuple[int, int, int]]:
    """``(first token, end token, period)`` of each maximal run where a group of ``period``
    tokens occurs three or more times in a row."""
    n = len(words)
    found: list[tuple[int, int, int]] = []
    cut_bytes = bytes(cut)
    for k in range(1, min(MAX_PERIOD, n // 3) + 1):
        same = bytes(map(eq, words, words[k:]))  # same[i]: words[i] == words[i + k]
        if _ONE_TOKEN * (2 * k) not in same:
            continue
        for m in patterns.compile(rb"\x01{%d,}" % (2 * k)).finditer(same):
            i, j = m.start(), m.end() + k  # tokens i .. j-1 repeat with period k
            if b"\x01" in cut_bytes[i + 1:j]:
                continue  # crosses punctuation or a placeholder
            found.append((i, j, k))
    # keep the runs that cover most; one finding per stretch of text
    found.sort(key=lambda r: (-(r[1] - r[0]), r[2]))
    kept: list[tuple[int, int, int]] = []
    for r in found:
        if all(r[1] <= o[0] or r[0] >= o[1] for o in kept):
            kept.append(r)
    return sorted(kept)


_QUOTE_MARKS = "\"'“”‘’«»"


def _quoted_whole(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` all of a quotation (`"no no no"`, `'scrum, scrum, scrum'`)?"""
    before = text[max(start - 1, 0):start]
    after = text[end:end + 2].lstrip(".,!?")[:1]
    return bool(before) and before in _QUOTE_MARKS and bool(after) and after in _QUOTE_MARKS


def _is_loop(unit: list[str], shown: list[str], reps: int, quoted: bool) -> bool:
    if not any(_LETTER_RE.search(w) for w in unit):
        return False  # numbers and vectors: `0, 0, 0`
    if len(unit) == 1 and unit[0] in _emphatic() and reps < 6:
        return False  # `no, no, no`, `very very very`, `ha ha ha`
    if len(unit) == 1 and len(unit[0]) == 1 and reps < 5:
        return False  # `A A A` battery sizes, `x x x` placeholders
    if quoted and reps < 6:
        return False  # a chant quoted whole: "'scrum, scrum, scrum'"
    if reps == 3 and all(w[:1].isupper() and not w.isupper() for w in shown):
        return False  # a title: the musical `Spend Spend Spend`
    return True


@rule(code="R004", name="degenerate-loop", family="repetition", severity="error")
def degenerate_loop(doc: Document) -> Iterator[Hit]:
    """Flags a token or group of tokens repeated three or more times in a row.

    ## What it flags
    A word or a group of up to eight words repeated three or more times in a row, also when
    the copies are joined by hyphens (`ABC-ABC-ABC`, `sub-sub-sub-contract`), glued together
    (`BlueBlueBlue`), separated by commas (`station, station, station`) or written in capitals
    (`QUALITY QUALITY QUALITY`). A loop of any length is one finding.

    ## Why it matters
    Neural MT and language models fall into loops when decoding degenerates: the text stops
    carrying meaning where the loop starts, and what the source said there is lost.

    ## Example
    ```
    The talks in Bern, Bern, Bern, Bern ended on Friday.
    ```

    ## Fix
    Translate the passage again; keep one copy only where one was meant.

    ## Leaves alone
    Two copies (`bye bye`, `that that`: G001 and R001 judge those); emphatic interjections and
    intensifiers up to five times (`no, no, no`, `very, very, very`, `ha ha ha`); a chant
    that is a whole quotation (`'scrum, scrum, scrum'`) up to five times; a title of three
    capitalised copies (the musical `Spend Spend Spend`); single letters (`A A A`); numbers
    (`0, 0, 0`); table cells; code spans.
    """
    segments = doc.segments
    for idx in _loop_segments(doc):
        seg = segments[idx]
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text

        def long_tokens(seg=seg):  # 3 copies of 3+ letters
            return [t for t in seg.tokens if len(t.text) >= GLUED_MIN]

        glued = [m for t in long_tokens()
                 for m in _GLUED_LOOP_RE.finditer(text, t.start, t.end)]
        for m in glued:
            s, e = m.span()
            if (s and text[s - 1].isalpha()) or (e < len(text) and text[e].isalpha()):
                # inside a longer word: only when the loop is most of it
                w0 = s
                while w0 and text[w0 - 1].isalpha():
                    w0 -= 1
                w1 = e
                while w1 < len(text) and text[w1].isalpha():
                    w1 += 1
                if (e - s) * 2 < (w1 - w0):
                    continue
            reps = (e - s) // len(m.group(1))
            if m.group(1).lower() in _emphatic() and reps < 6:
                continue  # `hahaha`, `lalala`
            a, b = seg.source_span(s, e)
            yield Hit(a, b, f"'{m.group(1)}' glued to itself {reps} times: a degenerate "
                      f"repetition loop.")
        if len(seg.tokens) < 3 or not _may_loop(seg, long_tokens):
            continue
        parts, cut = _token_parts(seg)
        words = [p[0] for p in parts]
        loops: list[list] = []  # [first token, end token, unit, reps, shown]
        for i, j, k in _runs(words, cut):
            unit = words[i:i + k]
            reps = (j - i) // k
            start, end = parts[i][1], parts[j - 1][2]
            shown_words = [text[p[1]:p[2]] for p in parts[i:i + k]]
            if PLACEHOLDER in text[start:end]:
                continue
            last = loops[-1] if loops else None
            if last is not None and last[2] == unit and i - last[1] <= LOOP_GAP:
                last[1], last[3] = j, last[3] + reps  # the loop resumes after a few words
                continue
            if reps < 3 or not _is_loop(unit, shown_words, reps, _quoted_whole(text, start, end)):
                continue
            loops.append([i, j, unit, reps, " ".join(shown_words)])
        for i, j, _unit, reps, shown in loops:
            a, b = seg.source_span(parts[i][1], parts[j - 1][2])
            yield Hit(a, b, f"'{shown}' repeated {reps} times: a degenerate repetition loop.")


# -- R005 identical coordination -----------------------------------------------------------------
_COORD_RE = patterns.compile(
    r"(?<![\p{L}\p{N}'’-]|\p{L}\.)(\p{L}[\p{L}'’-]*) (and|or|and/or|nor) (\p{L}[\p{L}'’-]*)"
    r"(?![\p{L}\p{N}'’-]|\.[\p{L}\p{N}])")  # `main or main.exe`: a file name is another item
#: An item of a comma list: one to three words.
_LIST_RE = patterns.compile(
    r"(?<![\p{L}\p{N}'’-])((?:\p{L}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*){0,2})"
    r"(?:, (?:\p{L}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*){0,2})){1,}),? (?:and|or) "
    r"(\p{L}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*){0,2})(?=[.,;:!?)]|$)")


@lru_cache(maxsize=1)
def _coordination_ok() -> frozenset[str]:
    return _words_of("loops_coordination_ok")


def _reduplication(word: str) -> bool:
    """`more and more`, `bigger and bigger`, `miles and miles`: said on purpose."""
    w = word.lower()
    if w in _coordination_ok():
        return True
    # comparatives grow on purpose: `stronger and stronger`, `deeper and deeper`
    return w.endswith(("er", "ier")) and len(w) > 3


def _name_pair(a: str) -> bool:
    """Two people sharing a name (`Kim and Kim`): a capitalised word that is a known name,
    short, or not a common lower-case word."""
    if not a[:1].isupper():
        return False
    from rules.lexicon import zipf

    return len(a) <= 4 or a in word_list("names_frequent") or zipf(a.lower()) < 4.0


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return word_list("repetition_stopwords")


_POST_MODIFIER_RE = patterns.compile(r" (?:\p{Ll}+ed|that|which|who|whose|where)\b")
#: A prepositional phrase after the second item, up to three words (`words of different
#: lengths`).
_PREP_AFTER_RE = patterns.compile(
    r" (?:of|with|without|from|for|in|on|at|under|over)((?: \p{L}[\p{L}'’-]*){1,3})")
#: The word before the first item (`different` in `different words and words of ...`).
_WORD_BEFORE_RE = patterns.compile(r"(?<![\p{L}\p{N}'’-])(\p{Ll}+) $")


def _chiasmus(text: str, start: int, end: int) -> bool:
    """A crossed parallel: the content word before the first item comes back in a phrase
    after the second (`different words and words of different lengths`), so the items are
    two sets told apart on purpose, not one word given twice."""
    after = _PREP_AFTER_RE.match(text, end)
    if after is None:
        return False
    m = _WORD_BEFORE_RE.search(text, max(start - 30, 0), start)
    return m is not None and m.group(1) not in _stop() and \
        m.group(1) in after.group(1).lower().split()
_CAP_BEFORE_RE = patterns.compile(r"\p{Lu}[\p{L}.]* $")
_CAP_AFTER_RE = patterns.compile(r" \p{Lu}")


def _capitalised_before(text: str, i: int) -> bool:
    return bool(_CAP_BEFORE_RE.search(text, max(i - 30, 0), i))


def _capitalised_after(text: str, i: int) -> bool:
    return bool(_CAP_AFTER_RE.match(text, i))


#: Prefilters run once on a document's lower-cased text, each a superset of what R005 can
#: report: a word on both sides of a conjunction, and the last word of a list item (followed
#: by its comma, or by `and`/`or` before the last item) coming back after a space later in
#: the same list (only words, spaces and commas between: a repeated item ends so).
#: Each starts with the conjunction or the comma, the first word in a lookbehind after it,
#: so that the engine tries a match only where that text is (about 4x faster than trying the
#: lookbehind at every character).
_SAME_COORD_RE = patterns.compile(
    r" (?:and/or|and|or|nor) (?<=(?<![\p{L}\p{N}'’-])(\p{L}[\p{L}'’-]*) (?:and/or|and|or|nor) )"
    r"\1")
_SAME_ITEM_RE = patterns.compile(r",(?<=(?<![\p{L}'’-])(\p{L}[\p{L}'’-]*),)[\p{L}'’\-, ]*? \1")
_SAME_LAST_ITEM_RE = patterns.compile(
    r" (?:and|or) (?<=(?<![\p{L}'’-])(\p{L}[\p{L}'’-]*),? (?:and|or) )(?:\p{L}[\p{L}'’-]* ){0,2}\1")


def _coordination_segments(doc: Document) -> range | set[int]:
    """Indices of the segments that may hold an R005 finding (neither pattern crosses a line
    break, so each match lies in one segment)."""
    joined = doc.joined
    text = joined.text
    if " and " not in text and " or " not in text and " nor " not in text:
        return set()
    low = text.lower()
    if len(low) != len(text) or "ς" in low:
        return range(len(doc.segments))  # lowering changed lengths or sigma by context
    return {joined.segment_at(m.start())
            for pattern in (_SAME_COORD_RE, _SAME_ITEM_RE, _SAME_LAST_ITEM_RE)
            for m in pattern.finditer(low)}


@rule(code="R005", name="identical-coordination", family="repetition", severity="warning")
def identical_coordination(doc: Document) -> Iterator[Hit]:
    """Flags the same word on both sides of `and`/`or`, or the same item twice in one list.

    ## What it flags
    `cups or cups`, `health and health`, `areas and areas`, and a comma list naming one item
    twice (`wheat, rice, wheat and maize`).

    ## Why it matters
    MT produces it when two different source words got one translation: the distinction the
    source made (`cups or bowls`) is gone and the sentence reads as nonsense.

    ## Example
    ```
    Guests may bring cups or cups to the tasting.
    ```

    ## Fix
    Check the source and translate the second item; drop it if it really is a duplicate.

    ## Leaves alone
    Reduplications written on purpose: `more and more`, `again and again`, `over and over`,
    `through and through`, `on and on`, comparatives (`stronger and stronger`), quantities
    (`miles and miles`, `years and years`); `may or may not`; function words; a second
    item with a modifier after it (`paths and paths ignored by git`, `cases and cases
    that`), a crossed parallel whose word before the first item comes back after the
    second (`different words and words of different lengths`); capitalised
    names (`Kim and Kim`: two people) and words inside a longer name (`UK Sport and Sport
    England`); a coordination quoted as a phrase (`the phrase "cups or cups"`).
    """
    segments = doc.segments
    for idx in sorted(_coordination_segments(doc)):
        seg = segments[idx]
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        if " and " not in text and " or " not in text and " nor " not in text:
            continue
        words = [t.text.lower() for t in seg.tokens if len(t.text) > 2]
        if len(set(words)) == len(words):
            continue  # both checks need a word said twice
        low = text.lower()
        exact = len(low) == len(text) and "ς" not in low  # else no prefilter
        for m in _COORD_RE.finditer(text, overlapped=True) if not exact or \
                _SAME_COORD_RE.search(low) is not None else ():
            a, b = m.group(1), m.group(3)
            if a.lower() != b.lower() or _reduplication(a) or _name_pair(a):
                continue
            if a.lower() in _stop() or text.startswith(" not", m.end()):
                continue  # `may or may not`, `in there and there is`
            if _POST_MODIFIER_RE.match(text, m.end()):
                continue  # `hidden paths and paths ignored by git`: two different sets
            if _chiasmus(text, m.start(), m.end()):
                continue  # `different words and words of different lengths`
            if a[:1].isupper() and (_capitalised_before(text, m.start())
                                    or _capitalised_after(text, m.end())):
                continue  # part of a longer name: `UK Sport and Sport England`
            if _quoted_whole(text, m.start(), m.end()):
                continue  # a phrase quoted as such: `the expression "cups or cups"`
            s, e = seg.source_span(m.start(), m.end())
            yield Hit(s, e, f"'{a}' on both sides of '{m.group(2)}': one of the two items "
                      f"was probably mistranslated.")
        for m in _LIST_RE.finditer(text) if not exact or _SAME_ITEM_RE.search(low) is not None \
                or _SAME_LAST_ITEM_RE.search(low) is not None else ():
            items = [x.strip() for x in m.group(1).split(",")] + [m.group(2).strip()]
            # the match may start mid-sentence: the first item is as long as the second
            items[0] = " ".join(items[0].split()[-len(items[1].split()):])
            seen: dict[str, int] = {}
            for item in items:
                key = item.lower()
                if key in seen and not _reduplication(item.split()[-1]) and \
                        not _name_pair(item) and len(items) >= 3:
                    first = m.start(1) + m.group(1).split(",")[0].rfind(items[0])
                    s, e = seg.source_span(first, m.end())
                    yield Hit(s, e, f"'{item}' appears twice in one list: one of the items "
                              f"was probably mistranslated.")
                    break
                seen[key] = 1


# -- R006 near-duplicate adjacent sentence -------------------------------------------------------
#: Sentences shorter than this (in words) are left alone: short parallel sentences are style.
MIN_SENTENCE_WORDS = 8
#: At most this many word edits, and at most this share of the sentence.
MAX_EDITS = 2
MAX_EDIT_SHARE = 0.2


def _sentence_words(seg: Segment) -> list[tuple[int, int, list[str], list[str]]]:
    """``(start, end, lower-cased words, words)`` for each sentence of a segment."""
    out = []
    text, spans = seg.text, seg.sentences
    if all((a == 0 or text[a - 1].isspace()) and (b == len(text) or text[b].isspace())
           for a, b in spans):
        # no word crosses a sentence's edge: its words are those of its own text, split in C
        for a, b in spans:
            words = WORD_RE.findall(text, a, b)
            out.append((a, b, " ".join(words).lower().split(" ") if words else [], words))
        return out
    toks = seg.tokens
    k = 0
    for a, b in seg.sentences:
        while k < len(toks) and toks[k].start < a:
            k += 1
        words = []
        while k < len(toks) and toks[k].end <= b:
            words.append(toks[k].text)
            k += 1
        out.append((a, b, [w.lower() for w in words], words))
    return out


def _restates(a: list[str], b: list[str], wa: list[str], wb: list[str]) -> bool:
    """Is ``b`` ``a`` with one or two words changed, added or dropped (common words only)?"""
    if a == b or min(len(a), len(b)) < MIN_SENTENCE_WORDS or abs(len(a) - len(b)) > MAX_EDITS:
        return False
    if len(set(a) ^ set(b)) > 2 * MAX_EDITS:
        return False
    from rapidfuzz.distance import Levenshtein

    if any(x != y and x.lower() == y.lower() for x, y in zip(wa, wb, strict=False)):
        return False  # `\m matches…` / `\M matches…`: case tells two things apart
    ops = Levenshtein.editops(a, b)
    if not 0 < len(ops) <= MAX_EDITS or len(ops) > MAX_EDIT_SHARE * len(a):
        return False
    for op in ops:
        changed = []
        if op.tag in ("replace", "delete") and op.src_pos < len(wa):
            changed.append(wa[op.src_pos])
        if op.tag in ("replace", "insert") and op.dest_pos < len(wb):
            changed.append(wb[op.dest_pos])
        for w in changed:
            if any(c.isdigit() for c in w) or w[:1].isupper():
                return False  # a number or a name changed: two facts, not one restated
    return True


_R006_KINDS = ("paragraph", "list_item", "blockquote")


def _restatement_segments(doc: Document) -> set[int]:
    """Indices of the segments whose sentences R006 must split: the rest cannot hold either
    sentence of a restated pair. A restatement of eight or more words with at most two edits
    (one below ten words) keeps three consecutive words unchanged, so the two sentences share
    a lower-cased word trigram: within one segment, or between a segment and the next one
    holding words (a segment without words is always split, as it may carry no sentence).
    In fact it keeps two trigrams: an edit breaks at most three of the first sentence's
    ``n - 2``, and ``n - 2 - 3 * edits`` is at least 2 at the most edits allowed (3 for 8
    words and one edit, 2 for 10 and two). So within one segment two trigram occurrences
    repeat one before; across two segments they share two trigrams, or one that the
    first sentence (so its segment) or its restatement holds twice."""
    needed: set[int] = set()
    # (index, trigrams, holds one twice) of the last segment with words
    last: tuple[int, set, bool] | None = None
    doc_words = _doc_words(doc)
    for idx, seg in enumerate(doc.segments):
        if seg.kind not in _R006_KINDS:
            last = None
            continue
        words = doc_words.of(idx)
        if not words:
            needed.add(idx)
            continue
        grams = set(zip(words, words[1:], words[2:], strict=False))
        repeats = len(words) - 2 - len(grams)  # trigram occurrences that repeat one before
        if repeats >= 2:
            needed.add(idx)
        if last is not None and not last[1].isdisjoint(grams):
            shared = len(last[1] & grams)
            if shared >= 2 or last[2] or repeats:
                needed.add(idx)
                needed.add(last[0])
        last = (idx, grams, repeats > 0)
    return needed


@rule(code="R006", name="near-duplicate-sentence", family="repetition", severity="warning")
def near_duplicate_sentence(doc: Document) -> Iterator[Hit]:
    """Flags a sentence that restates the one before it with a word or two changed.

    ## What it flags
    Two adjacent sentences of at least eight words where the second is the first with one or
    two words replaced, added or dropped (`The plan was approved on Monday. The plan was
    adopted on Monday.`), also across a paragraph break.

    ## Why it matters
    MT and LLM output loops at the sentence level too: the second sentence carries no new
    information and usually stands where the source said something else.

    ## Example
    ```
    The new bridge will open to traffic next spring after years of delays. The new bridge
    will open to traffic next spring after years of setbacks.
    ```

    ## Fix
    Delete the restatement, or translate what the source said in its place.

    ## Leaves alone
    Identical sentences (R002 reports those); short sentences (under eight words), where
    parallel wording is style; pairs that differ in a number or a capitalised word (`Smith
    scored in the 10th minute. Jones scored in the 20th minute.`: two facts) or in the
    case of a word (`x` matches at the start, `X` matches at the end); table cells,
    headings, and sibling list items (option lists describe each entry in parallel words).
    """
    needed = _restatement_segments(doc)
    if not needed:
        return
    prev = None  # (segment, start, end, lower words, words) of the last sentence seen
    for idx, seg in enumerate(doc.segments):
        if seg.kind not in _R006_KINDS:
            prev = None
            continue
        if idx not in needed:
            prev = None  # its last sentence restates nothing and is restated by nothing
            continue
        for a, b, low, words in _sentence_words(seg):
            if prev is not None and not (prev[0] is not seg and seg.kind == "list_item"
                                         and prev[0].kind == "list_item") \
                    and _restates(prev[3], low, prev[4], words):  # siblings are parallel
                s, e = seg.source_span(a, b)
                first = prev[0].source_offset(prev[1])
                yield Hit(s, e, f"This sentence restates the previous one (line "
                          f"{doc.position(first)[0]}) with a word or two changed.")
            prev = (seg, a, b, low, words)
