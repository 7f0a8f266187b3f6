"""Repetition: a phrase said twice in a sentence, a sentence or line printed twice, a heading
printed twice in a row.

Everything is found by hashing token n-grams (a C-level ``zip`` of the lower-cased words and a
set), never by comparing strings pairwise; sentence splitting and the Python judgement run only
for the few segments where an n-gram repeats.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count
from operator import ne

import regex

from lint import patterns
from lint.document import PLACEHOLDER, WORD_RE, Document, Segment
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.data import phrase_list, word_list

#: Kinds whose prose can repeat itself by mistake. Table cells repeat by design; headings are
#: handled by R003.
_PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption"})
#: A quotation; one left open runs to the end of the paragraph (news convention for a quote
#: continued in the next paragraph).
_DOUBLE_MARK_RE = patterns.compile(r'["“”«»]')
_SINGLE_QUOTE_RE = patterns.compile(r"‘[^‘’]*’(?![\p{L}])")
#: What may stand right before a straight quote that opens: "(" , "[", a dash, a slash.
_OPEN_BEFORE = frozenset("([{—–-/")
_DIGIT_RE = patterns.compile(r"\d")
_HYPHEN_RE = patterns.compile(r"[-‐‑]")
_SENTENCE_START_RE = patterns.compile(r"(?:^|[.!?…][\"”’)]*\s)$")


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return word_list("repetition_stopwords")


@lru_cache(maxsize=1)
def _idioms() -> tuple[str, ...]:
    return phrase_list("repetition_idioms")


def _parts(word: str) -> list[str]:
    return [p for p in _HYPHEN_RE.split(word.lower()) if p]


def _content(word: str) -> int:
    """How many parts of a (possibly hyphenated) word are content words."""
    stop = _stop()
    return sum(1 for p in _parts(word) if p not in stop and not _DIGIT_RE.search(p)
               and len(p) > 1)


def _is_verse(seg: Segment) -> bool:
    """Several short lines mostly without closing punctuation: poetry, lyrics, an address."""
    if "\n" not in seg.text:
        return False
    lines = [seg.text[a:b].strip() for a, b in seg.lines()]
    lines = [ln for ln in lines if ln]
    if len(lines) < 3:
        return False
    short = sum(1 for ln in lines if len(ln.split()) <= 12)
    open_ended = sum(1 for ln in lines if not ln.rstrip("\"”’)").endswith((".", "!", "?")))
    return short >= 0.8 * len(lines) and open_ended >= 0.5 * len(lines)


def _quoted(seg: Segment) -> list[tuple[int, int]]:
    """Spans of quotations. A straight double quote opens or closes by what surrounds it
    (space before and a word after: it opens), so one stray or missing mark does not turn
    the rest of the paragraph inside out; a quotation reopened before it is closed is one
    quotation (news text joins the paragraphs of a continued quote), one left open runs to
    the end of the text."""
    text = seg.text
    if not text:
        return []
    out = [m.span() for m in _SINGLE_QUOTE_RE.finditer(text)]
    start = None
    for m in _DOUBLE_MARK_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isspace() or before in _OPEN_BEFORE:
                if after.isspace():
                    continue  # a lone mark between spaces: neither
                opens = True
            else:
                opens = False
        else:
            opens = ch in "“«"
        if opens:
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i + 1))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


# -- R001 repeated phrase in a sentence or in adjacent sentences --------------------------------
@rule(code="R001", name="repeated-phrase", family="repetition", severity="warning")
def repeated_phrase(doc: Document) -> Iterator[Hit]:
    """Flags the same phrase written twice in one sentence or in two adjacent sentences.

    ## What it flags
    A run of words that occurs twice within one sentence or across two neighbouring
    sentences, when it has four words or more of which two are content words, or three
    content words: `the largest protest in the capital since 1989, which is the largest
    protest in the capital in decades`; `a long-term, strategic plan ... is part of a
    long-term, strategic effort`. A copy of four words or more tacked on at the end of the
    sentence (after a comma, `and`, `as` or a restating `, that is`) while the first copy runs
    on needs only one content word, idioms included: `signed over his shareholding to one of
    his fellow investors and over his shareholding to one.` The second occurrence is
    reported.

    ## Why it matters
    Machine translation and paraphrasing tools restate a clause they already produced;
    editors rarely repeat a four-word phrase within a sentence on purpose.

    ## Example
    ```
    It was the largest protest in the capital since 1989, which is the largest protest in
    the capital in decades.
    ```

    ## Fix
    Delete or rephrase the second occurrence. No automatic fix.

    ## Leaves alone
    Phrases made of function words (`one of the`, `in the case of the`; the stopword list is
    `rules/data/repetition_stopwords.txt`), numbers, a defined term (`the Licensee ... the
    Licensee`) and other names across two sentences (a repeated run whose content words are all
    capitalised; within one sentence a name is left alone only when it is part of a longer name
    or a bracketed label: `The Official UK Charts Company`, and not restated after `, which
    is`), idioms (`step by step`, `day after day`, `this time next year`:
    `rules/data/repetition_idioms.txt`), parallel wording (`residential real estate activity and
    commercial real estate activity`, `a different system or no system`; a frame whose copies
    run on into different content words when it ends on a function word or a comparison stands
    between them: `cutting the budget for roads rather than cutting the budget for schools`),
    repetition inside quotation marks (`we will fight on the beaches, we will fight on the
    beaches`; `as much as every rival will be trying to finish first`) unless the copy has four
    content words, follows a restating `, which is`, or is a truncated echo tacked on after a
    comma or conjunction at the end (`a difficult court to play on and a difficult court to
    play.`), verse (blocks of short lines: refrains), repeats further apart than the next
    sentence (news text repeats phrases across an article on purpose), table cells, headings,
    and an exact duplicate sentence (that is R002). Quotation marks are paired by what surrounds
    them, so a continued quote that reopens before it closes (news text joining paragraphs) does
    not swallow the narrative after it.

    Measured on the test part of the news corpus (662 files, seeded `repeated-clause` damage,
    seeds 1-5): recall 98.9% (271/274), precision 100%; 1 finding on the clean test part
    (0.05 per 10k words, parallel wording), 0 in code.
    """
    segs, words = _prose(doc)
    for seg, low in zip(segs, words, strict=True):
        if not _may_repeat(low):
            continue
        if _is_verse(seg):
            continue
        yield from _phrase_hits(seg, doc.format == "markdown")


# -- per-document words, shared by R001 and R002 ----------------------------------------------
def _prose(doc: Document) -> tuple[list[Segment], list[list[str]]]:
    """The prose segments and their prefilter words (lower-cased, ``_PUNCT`` as spaces),
    computed once per document: splitting every word of the text is the prefilters' main cost.
    """
    return doc.memo("repetition", _split_prose)


def _split_prose(doc: Document) -> tuple[list[Segment], list[list[str]]]:
    segs = [s for s in doc.segments if s.kind in _PROSE_KINDS]
    words = []
    for seg in segs:
        low = seg.text.lower()
        for ch in _PUNCT:
            if ch in low:
                low = low.replace(ch, " ")
        words.append(low.split())
    return segs, words


def _later_occurrences(grams: list) -> tuple[dict, Iterator[int]]:
    """(item -> its first position, the positions of ``grams`` whose item occurred before),
    found by C-level passes: texts repeat few trigrams, so few positions reach Python."""
    first = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1), strict=True))
    return first, compress(count(), map(ne, map(first.__getitem__, grams), count()))


def _may_repeat(low: list[str]) -> bool:
    """Cheap filter, a superset of what R001 reports: does a run of three words or more with
    two content words occur twice, near enough to be in the same or the next sentence?

    ``low`` are the segment's prefilter words (see ``_prose``). A C-level pass first (a set of
    word trigrams); for the few texts with a repeated trigram, C-level passes again find the
    positions whose trigram occurred before, and only those reach Python."""
    n = len(low)
    if n < 8:
        return False
    if len(set(zip(low, low[1:], low[2:], strict=False))) == n - 2:
        return False
    grams = list(zip(low, low[1:], low[2:], strict=False))
    first, later = _later_occurrences(grams)
    stop = _stop()
    last: dict[tuple[str, str, str], int] = {}
    for i in later:
        g = grams[i]
        j = last.get(g)
        if j is None:
            j = first[g]
        last[g] = i
        if i - j > _NEAR:
            continue
        k = 3  # extend the repeated run as far as it goes, without overlapping
        while i + k < n and j + k < i and low[j + k] == low[i + k]:
            k += 1
        content = sum(not (w in stop or w[:1].isdigit()) for w in low[i:i + k])
        if content >= 3 or (content == 2 and (
                low[i - 1] in _RESTATE_LAST or low[i - 2] in _RESTATE_LAST)) or (
                content and k >= SAME_WORDS):  # a tacked-on echo needs one (_tacked_on)
            return True
    return False


def _phrase_hits(seg: Segment, reference: bool = False) -> Iterator[Hit]:
    """R001's hits in one segment; ``reference``: documentation (Markdown), where only a
    restatement counts (see :func:`_clarity_repeat`)."""
    tokens = seg.tokens
    words = [t.text.lower() for t in tokens]
    sentences: list[tuple[int, int]] = []
    sentence_starts: list[int] = []

    def sentence_of(t: int) -> int:
        """The unit holding token ``t``; units only when a pair is worth it: splitting is
        the cost."""
        if not sentences:
            sentences.extend(_units(seg))  # sentences, cut at line breaks (list lines)
            sentence_starts[:] = [a for a, _ in sentences]
        return bisect.bisect_right(sentence_starts, tokens[t].start) - 1

    seen: dict[tuple[str, str, str], list[int]] = {}
    covered = -1
    judged: dict[int, int] = {}  # distance between the two runs -> end of the judged run
    quotes = None
    n = len(words)
    budget = PAIR_BUDGET + n  # prose repeats a trigram now and then, not at every word
    grams = list(zip(words, words[1:], words[2:], strict=False))
    # only the positions whose trigram occurred before can start a copy; each gets the
    # earlier positions of its trigram
    first, later = _later_occurrences(grams)
    for j in later:
        gram = grams[j]
        earlier = seen.get(gram)
        if earlier is None:
            earlier = seen[gram] = [first[gram]]
        if j > covered:
            # only the occurrences within reach: a text that repeats a trigram thousands of
            # times (a log, a table flattened into prose) must not cost quadratic time
            for p in earlier[bisect.bisect_left(earlier, j - _NEAR):]:
                budget -= 1
                if budget < 0:
                    return  # a text repeating itself everywhere (a log, a chant) is no prose
                if judged.get(j - p, -1) > j:
                    continue  # the tail of a run already judged
                k = 3
                while j + k < n and p + k < j and words[p + k] == words[j + k]:
                    k += 1
                if p + k > j:
                    continue  # overlapping: "very very very"
                k = _unbroken(seg.text, tokens, p, j, k)
                if k < 3:
                    continue
                run = tokens[j:j + k]
                judged[j - p] = j + k
                if not _worth_reporting(seg, tokens[p:p + k], run, words[j:j + k], True):
                    continue
                sentence_p, sentence_j = sentence_of(p), sentence_of(j)
                if sentence_j - sentence_p > 1:
                    continue
                same = sentence_p == sentence_j
                if not same and not _worth_reporting(seg, tokens[p:p + k], run,
                                                     words[j:j + k], False):
                    continue
                if _whole_copy(seg, sentences, sentence_p, sentence_j, p, j, k):
                    covered = j + k - 1
                    break
                if reference and same and _clarity_repeat(seg.text, tokens[p:p + k], run):
                    continue
                if quotes is None:
                    quotes = _quoted(seg)
                if _inside(quotes, run[0].start, run[-1].end) and \
                        _distinct_content(words[j:j + k]) < QUOTED_CONTENT and \
                        not _restated(seg.text, run[0].start) and \
                        not _echo(seg.text, tokens[p:p + k], run):
                    continue  # rhetorical repetition in a quotation; a restatement is not
                a, b = run[0].start, run[-1].end
                phrase = seg.text[a:b]
                where = "in the same sentence" if same else \
                    "in the previous sentence"
                yield Hit(*seg.source_span(a, b),
                          message=f"Repeated phrase: '{_clip(phrase)}' also appears {where}.")
                covered = j + k - 1
                break
        earlier.append(j)


#: Thresholds: within one sentence, this many content words, or this many words of which two
#: are content words; across two adjacent sentences, this many content words.
SAME_CONTENT, SAME_WORDS, ADJACENT_CONTENT = 3, 4, 5
#: Inside quotation marks (speakers repeat themselves on purpose), this many content words,
#: or a restating connector right before the copy ("..., which is <phrase>").
QUOTED_CONTENT = 4
#: A restating connector right before the second occurrence: "..., which is <phrase>".
_RESTATE_RE = patterns.compile(r"(?:,[ \t]*(?:which|that)[ \t]+(?:is|was|are|were)|\bi\.e\.,?|"
                            r"\bnamely|\bin[ \t]+other[ \t]+words,?)[ \t]+(?:the[ \t]+)?$",
                            regex.IGNORECASE)

_NEAR = 90  # words: two long sentences
#: R002: a copy this many paragraphs (prose segments) after the first at most. A pipeline that
#: prints a sentence twice prints it next to itself; a text that repeats a sentence sections
#: later (a changelog entry under two versions, a reader's comment quoting another, a warning
#: in two chapters) means to.
DUPLICATE_REACH = 3
#: Earlier copies of a trigram looked at in one paragraph at most, plus one per word: edited
#: news needs a handful; a paragraph that repeats itself everywhere is given up on.
PAIR_BUDGET = 100


# Both patterns end at ``$``: searched only in a short window before ``i``, so that asking
# about every candidate of a long paragraph stays linear (a search from 0 tries every start).
def _restated(text: str, i: int) -> bool:
    """A restating connector (``, which is``) right before ``i``."""
    return _RESTATE_RE.search(text, max(0, i - 40), i) is not None


def _sentence_start_before(text: str, i: int) -> bool:
    """``i`` starts the text or follows a sentence end."""
    return _SENTENCE_START_RE.search(text, max(0, i - 12), i) is not None


#: Last words of a restating connector (the prefilter's view of ``_RESTATE_RE``).
_RESTATE_LAST = frozenset({"is", "was", "are", "were", "e", "namely", "words"})
#: Characters the prefilter treats as spaces (hyphens too: "long-term" is two words there).
_PUNCT = tuple(",.;:!?()[]\"“”‘’«»…—–-")


#: After the first copy of an echo: the sentence goes on with a word.
_GOES_ON_RE = patterns.compile(r"[ \t]+[\p{L}\p{N}]")
#: After the second copy of an echo: the sentence (or the quotation) ends.
_ENDS_RE = patterns.compile(r"[ \t]*(?:[.!?…]|,?[\"”’]|$)")


#: Before the second copy of an echo: a comma or a conjunction, not a subject of its own
#: ("... as much as every player will be challenging to come first" is parallel).
_TACKED_ON_RE = patterns.compile(r"(?:,|\b(?:and|as|or|but))[ \t]+$", regex.IGNORECASE)


def _tacked_on(text: str, first, second, restated: bool) -> bool:
    """The second copy is an echo tacked on at the end of the sentence (:func:`_echo`), or
    follows a restating connector (``restated``) and ends the sentence while the first copy
    runs on (`... a number of power plants ..., that is a number of power.`): what a tool
    that repeats itself leaves, whatever the words; a writer restates a whole phrase."""
    if _echo(text, first, second):
        return True
    return len(second) >= 4 and restated and \
        bool(_GOES_ON_RE.match(text, first[-1].end)) and \
        bool(_ENDS_RE.match(text, second[-1].end))


def _echo(text: str, first, second) -> bool:
    """The second copy is a truncated echo of the first: four words or more, the first copy
    runs on into the sentence, the second is tacked on after a comma or a conjunction and
    ends it ("... to play on and a difficult court to play."). Rhetorical repetition repeats
    a whole clause or its opening words (both copies followed alike: "we will fight on the
    beaches, we will fight on the beaches"), or its end after a new subject."""
    return len(second) >= 4 and bool(_GOES_ON_RE.match(text, first[-1].end)) and \
        bool(_ENDS_RE.match(text, second[-1].end)) and \
        bool(_TACKED_ON_RE.search(text, max(0, second[0].start - 12), second[0].start))


#: What follows a repeated frame that only introduces a slot: code, a letter, a number.
_SLOT_AFTER_RE = patterns.compile(r"[ \t\n]*(?:\ufffc|\p{Lu}\b|\p{Sc}?\d)")
_NUMBER_BEFORE_RE = patterns.compile(r"\d(?:[\d,.]*\d)?(?:bn|m|k|%)?[ \t]*$")


def _after_number(text: str, i: int) -> bool:
    return bool(_NUMBER_BEFORE_RE.search(text, max(0, i - 20), i))


def _has_digit(word: str) -> bool:
    return bool(_DIGIT_RE.search(word))


_WORDS_BEFORE_RE = patterns.compile(r"(?:[\p{L}']+[ \t]+){1,2}$")
_GAP_OK = patterns.compile(r"[ \t\n,'’]*")


_NAME_GOES_ON_RE = patterns.compile(r"[ \t]+(?:of[ \t]+|&[ \t]+)?\p{Lu}")
_NAME_BEFORE_RE = patterns.compile(r"(?:\p{Lu}[\p{L}.'’-]*[ \t]+|\()$")


def _in_longer_name(text: str, run) -> bool:
    """The run is part of a longer name or a bracketed label: `The Official UK Charts
    Company`, `the New Zealand Rugby Football Union`, `(Woodford Green with Essex Ladies)`."""
    a, b = run[0].start, run[-1].end
    if _NAME_GOES_ON_RE.match(text, b):
        return True
    m = _NAME_BEFORE_RE.search(text, max(0, a - 30), a)
    # "(Woodford Green ..." or "Official UK Charts" after "The"; not "Even the IMF", where
    # the capital only starts the sentence
    return bool(m) and (m.group() == "(" or (run[0].text[:1].isupper() and not
                                              _sentence_start_before(text, m.start())))


def _unbroken(text: str, tokens, p: int, j: int, k: int) -> int:
    """How many words of the two runs at ``p`` and ``j`` follow each other without a full
    stop, dash or quote between them ("... with the braking" / "... with. The next")."""
    for i in range(1, k):
        if not (_GAP_OK.fullmatch(text, tokens[p + i - 1].end, tokens[p + i].start)
                and _GAP_OK.fullmatch(text, tokens[j + i - 1].end, tokens[j + i].start)):
            return i
    return k


def _distinct_content(words: list[str]) -> int:
    stop = _stop()
    return len({p for w in words for p in _parts(w)
                if p not in stop and len(p) > 1 and not _DIGIT_RE.search(p)})


_WORD_BEFORE_RE = patterns.compile(r"([\p{L}\p{N}][\p{L}\p{N}'’&-]*)[ \t\n]+$")


#: Function words that set two parallel phrases apart ("a different version control system or
#: no version control system"; "we get a warning ... we don't get a warning").
_CONTRAST = frozenset({"no", "not", "never", "every", "each", "any", "some", "another", "other",
                       "either", "neither", "both", "more", "less", "most", "least",
                       # pairs that set two things side by side ("the first position in the
                       # slice ... the last position in the slice", "before/after the call")
                       "same", "different", "first", "second", "third", "last", "next",
                       "previous", "former", "latter", "before", "after"})


#: A run that starts with one of these is a clause tacked on, not a phrase that two different
#: modifiers set apart ("... two months and if found guilty ... sentence and if found guilty").
_CONJUNCTIONS = frozenset({"and", "or", "but"})


def _parallel(text: str, first, second) -> bool:
    """Parallel wording: each occurrence directly follows a different content word or
    contrasting determiner ("residential real estate activity ... commercial real estate
    activity")."""
    before = []
    for run in (first, second):
        m = _WORD_BEFORE_RE.search(text, max(0, run[0].start - 40), run[0].start)
        if not m:
            return False
        before.append(m.group(1).lower())
    if before[0] == before[1]:
        return False
    second = before[1]
    return second in _CONTRAST or second.endswith(("n't", "n’t")) or \
        (first[0].text.lower() not in _CONJUNCTIONS and all(_content(w) for w in before))


_NEXT_WORD_RE = patterns.compile(r"[ \t\n]+([\p{L}][\p{L}'’-]*)")


def _clarity_repeat(text: str, first, second) -> bool:
    """Documentation names a thing again rather than say `it` (`the default timeout ... and
    the default timeout can be changed`): in reference prose a phrase repeated within a
    sentence is left alone unless it is a restatement: after a restating connector (`, which
    is`), right after the first copy (at most three words between), or a truncated echo that
    ends the sentence."""
    if _restated(text, second[0].start) or _echo(text, first, second):
        return False
    return len(_BETWEEN_WORD_RE.findall(text, first[-1].end, second[0].start)) > 3


_BETWEEN_WORD_RE = patterns.compile(r"[\p{L}\p{N}]+")


def _different_slots(text: str, first, second) -> bool:
    """A deliberate parallel: each copy runs on into a different content word, the frame of
    a comparison (`cutting the budget for roads rather than cutting the budget for schools`,
    `the default size of the heap ... the default size of the stack`). A restatement repeats
    the phrase and stops (`..., which is the largest protest in the capital.`)."""
    after = []
    for run in (first, second):
        pos, word = run[-1].end, None
        for _ in range(3):  # the next content word, past up to two function words (`a`, `an`)
            m = _NEXT_WORD_RE.match(text, pos)
            if m is None:
                return False
            word, pos = m.group(1).lower(), m.end()
            if _content(word):
                break
        after.append(word)
    if after[0] == after[1] or not all(_content(w) for w in after):
        return False
    # a frame with a slot (it ends on a function word: `the budget for`), or a comparison
    # between the copies (`rather than`); not `a long-term, strategic plan ... a long-term,
    # strategic effort`, the same modifiers restated before another noun
    return not _content(second[-1].text) or \
        _CONTRAST_GAP_RE.search(text, first[-1].end, second[0].start) is not None


_CONTRAST_GAP_RE = patterns.compile(
    r"\b(?:rather[ \t]+than|instead[ \t]+of|than|versus|vs\.?|not|but|whereas|while|"
    r"compared[ \t]+(?:to|with)|unlike|against)\b", regex.IGNORECASE)


def _worth_reporting(seg: Segment, first, second, words: list[str],
                     same_sentence: bool) -> bool:
    """Long enough to matter: in one sentence, three content words or five words with two;
    across two sentences, five content words. No punctuation but commas inside the phrase,
    not a name, not an idiom."""
    second_initials = [t.text[0] for t in second]
    parts = sum(len(_parts(w)) for w in words)
    n_content = _distinct_content(words)  # "really, really hard" has two
    text = seg.text
    restated = same_sentence and _restated(text, second[0].start)
    if not restated and _different_slots(text, first, second):
        return False
    tacked = False
    if same_sentence:
        tacked = _tacked_on(text, first, second, restated)
        if n_content <= SAME_CONTENT and not tacked and _parallel(text, first, second):
            return False
        # "from 60,000 barrels a day to 80,000 barrels a day": parallel quantities
        quantities = any(map(_has_digit, words)) or _after_number(text, first[0].start) \
            or _after_number(text, second[0].start)
        if not (n_content >= SAME_CONTENT or (parts >= SAME_WORDS and n_content >= 2
                                              and (restated or not quantities))
                or (restated and parts >= 3 and n_content >= 2)
                or (tacked and n_content >= 1)):
            return False
    elif n_content < ADJACENT_CONTENT:
        return False
    if any(not _GAP_OK.fullmatch(text, a.end, b.start)
           for run in (first, second) for a, b in zip(run, run[1:], strict=False)):
        return False  # a dash, a full stop or a quote inside: list lines, split sentences
    # a name or a defined term ("the Licensed Software", "Royal Bank of Scotland"): every
    # content word capitalised, not counting the first word of a sentence
    sentence_start = _sentence_start_before(text, first[0].start)
    content = [t for i, t in enumerate(first) if _content(t.text)
               and not (i == 0 and sentence_start)]
    name = (content and all(t.text[:1].isupper() for t in content)) or \
        all(c.isupper() for w, c in zip(words, second_initials, strict=False) if _content(w))
    if name and not (same_sentence and (
            not any(_in_longer_name(text, r) for r in (first, second))
            or (restated and not _in_longer_name(text, second)))):
        return False  # a name twice in one sentence is reported, unless part of a longer name
        # (", which is the Bank of England" restates one, whatever came before)
    if all(_SLOT_AFTER_RE.match(text, t[-1].end) for t in (first, second)):
        return False  # a frame around a slot: "a value of type `T`", "table A", "index 1"
    # the idiom may start before the run: "this time next year ... fear this time next year"
    m = _WORDS_BEFORE_RE.search(text, max(0, second[0].start - 30), second[0].start)
    phrase = " ".join(([m.group().lower().strip()] if m else []) + words)
    return tacked or not any(idiom in phrase for idiom in _idioms()) or n_content > 3


def _whole_copy(seg, sentences, sentence_p, sentence_j, p, j, k) -> bool:
    """The run is a whole sentence or line repeated word for word (R002's or R003's);
    ``sentence_p``, ``sentence_j``: the units of ``sentences`` holding tokens ``p`` and ``j``."""
    tokens, text = seg.tokens, seg.text
    a, b = tokens[j].start, tokens[j + k - 1].end
    if sentence_p != sentence_j:
        sa, sb = sentences[sentence_j]
        if a - sa <= 1 and sb - b <= 2:
            return True
    line_a = text.rfind("\n", 0, a) + 1
    line_b = text.find("\n", b)
    line_b = len(text) if line_b < 0 else line_b
    return not text[line_a:a].strip() and len(text[b:line_b].strip()) <= 1 and \
        "\n" in text[tokens[p].start:a]


# -- R002 duplicated sentence or line --------------------------------------------------------
_MIN_WORDS = 6


@rule(code="R002", name="duplicated-sentence", family="repetition", severity="warning")
def duplicated_sentence(doc: Document) -> Iterator[Hit]:
    """Flags a sentence or a line that appears twice in a document.

    ## What it flags
    A sentence (or a line) of six words or more, with at least two content words, that is
    repeated word for word in the same paragraph or one of the three before it, with no
    heading between; the later copy is reported.

    ## Why it matters
    Copy-paste pipelines and machine translation of overlapping chunks print a sentence
    twice; an edited text almost never says exactly the same thing twice.

    ## Example
    ```
    The bridge will reopen in May. The bridge will reopen in May. Drivers should use the
    ring road until then.
    ```

    ## Fix
    Delete the second copy. A fix is offered when it directly follows the first in the same
    paragraph.

    ## Leaves alone
    Short lines and sentences (fewer than six words: `Read the documentation.`, table
    boilerplate), lead-ins ending in a colon (`This code compiles, runs, and prints:`), table
    cells and headings (a repeated heading is R003), verse (refrains in blocks of short
    lines), sentences that differ in any word or code span, and copies more than three
    paragraphs apart or under different headings, in two entries of a list or table
    (reference prose: `Required if the server requires authentication.` under both `user` and
    `pass`; a repeat inside one entry is reported), or in Markdown with a code block, image,
    table or container between them (a changelog entry under two versions, a
    parameter described alike for two functions, a warning repeated in another chapter, one
    reader's comment echoing another: repeated on purpose). Case and
    punctuation are ignored when comparing.
    """
    segs, words = _prose(doc)
    candidates = _segments_sharing_ngrams(words, _MIN_WORDS)
    if candidates:
        candidates = _sharing_unit_starts(segs, candidates)
    if not candidates:
        return
    first: dict[tuple[str, ...], tuple[int, int, int]] = {}
    headings = {h.offset for h in repeated_heading(doc)}  # reported by R003, not twice
    section = _sections(doc, segs)
    for si, seg in enumerate(segs):
        if si not in candidates or _is_verse(seg):
            continue
        tokens = seg.tokens
        tstarts = [t.start for t in tokens]
        units = _units(seg)
        prev_end = None
        for ui, (a, b) in enumerate(units):
            i, k = bisect.bisect_left(tstarts, a), bisect.bisect_left(tstarts, b)
            key = tuple(t.text.lower() for t in tokens[i:k])
            if len(key) < _MIN_WORDS or sum(_content(w) for w in key) < 2 or \
                    seg.text[b - 1] == ":":
                prev_end = b  # short, or a boilerplate lead-in to a listing ("...prints:")
                continue
            if PLACEHOLDER in seg.text[a:b]:  # code spans differ: compare the source
                key = key + (" ".join(doc.source[slice(*seg.source_span(a, b))].split()),)
            if key in first and (si - first[key][0] > DUPLICATE_REACH
                                 or section[si] != section[first[key][0]]
                                 or _siblings(doc, segs, first[key][0], si)):
                first[key] = (si, ui, seg.source_offset(a))  # far apart: on purpose
            elif key in first and seg.source_offset(a) not in headings:
                fsi, fui, offset = first[key]
                fix = None
                if fsi == si and fui == ui - 1 and prev_end is not None:
                    fa, fb = _span_between(seg, prev_end, b)
                    # only plain text: deleting half of `**…**` would leave the other half
                    if doc.source[fa:fb].split() == seg.text[prev_end:b].split():
                        fix = Fix(fa, fb, "")
                where = "the previous sentence" if fix else \
                    f"line {doc.position(offset)[0]}"
                yield Hit(*seg.source_span(a, b),
                          message=f"Duplicated sentence: '{_clip(seg.text[a:b])}' repeats "
                                  f"{where}.",
                          fix=fix)
            elif key not in first:
                first[key] = (si, ui, seg.source_offset(a))
            prev_end = b


#: Segments of reference prose whose entries repeat their wording by design.
_ENTRY_KINDS = frozenset({"list_item", "table_cell"})
#: Markdown between two copies that makes them two separate pieces of documentation: a code
#: block, an image, a table, a container (`The following graph shows ...` under each of two
#: benchmark graphs).
_BLOCK_BETWEEN_RE = patterns.compile(r"^[ \t>]*(?:```|~~~|<img|<table|<figure|\||:::|!!!)",
                                     regex.M)


def _siblings(doc: Document, segs: list[Segment], a: int, b: int) -> bool:
    """Segments ``a`` < ``b`` are two entries of a list or table (parameter lists describe
    `user` and `pass` alike), or Markdown copies with a block of another kind between them."""
    if a == b:
        return False
    if segs[a].kind in _ENTRY_KINDS and segs[b].kind in _ENTRY_KINDS:
        return True
    return doc.format == "markdown" and \
        _BLOCK_BETWEEN_RE.search(doc.source, segs[a].end, segs[b].start) is not None


def _sections(doc: Document, segs: list[Segment]) -> list[int]:
    """For each of ``segs``, how many headings come before it in the document."""
    count, before = 0, {}
    for seg in doc.segments:
        if seg.kind == "heading":
            count += 1
        else:
            before[id(seg)] = count
    return [before.get(id(seg), 0) for seg in segs]


def _segments_sharing_ngrams(words: list[list[str]], n: int) -> set[int]:
    """Indices of the segments holding an n-gram of prefilter words (see ``_prose``) that
    occurs twice in the document."""
    # The common case, decided at C speed on one list: every segment's words followed by the
    # segment's index, so an n-gram across a boundary holds that int and is never repeated.
    flat: list[str | int] = []
    for si, low in enumerate(words):
        flat += low
        flat.append(si)
    if len(set(zip(*(flat[i:] for i in range(n)), strict=False))) == max(len(flat) - n + 1, 0):
        return set()
    per_seg = [list(zip(*(low[i:] for i in range(n)), strict=False)) for low in words]
    where: dict[tuple[str, ...], int] = {}
    out: set[int] = set()
    for si, grams in enumerate(per_seg):
        if len(set(grams)) < len(grams):
            out.add(si)
        for g in set(grams):
            k = where.setdefault(g, si)
            if k != si:
                out.update((k, si))
    return out


#: The first six words (``WORD_RE`` tokens) after a possible unit start: the start of the
#: text, or a sentence end or line break followed by anything but letters and digits. A unit
#: (``_units``) starts at the text's first word, after a line break, or at a sentence start;
#: the sentence splitter only ends a sentence right after one of ``.!?…``, and only
#: whitespace or closing punctuation (no letter or digit) lies between that character and
#: the next sentence. So every unit's first word is the first word after such a place.
_UNIT_START_RE = patterns.compile(
    r"(?:\A|[.!?…\n])(?=[^\p{L}\p{N}]*+((?>" + WORD_RE.pattern + r")"
    r"(?:[^\p{L}\p{N}]*+(?>" + WORD_RE.pattern + r")){" + str(_MIN_WORDS - 1) + r"}))")


def _sharing_unit_starts(segs: list[Segment], candidates: set[int]) -> set[int]:
    """The candidates whose text has, at a possible unit start, six words (case ignored) that
    also follow a possible unit start in a candidate (or twice in itself). Two copies of a
    unit of six words or more both begin so, so no other candidate can hold either copy."""
    where: dict[tuple[str, ...], list[int]] = {}
    for si in candidates:
        for m in _UNIT_START_RE.finditer(segs[si].text):
            key = tuple(w.lower() for w in WORD_RE.findall(m.group(1)))
            where.setdefault(key, []).append(si)
    return {si for sis in where.values() if len(sis) > 1 for si in sis}


def _units(seg: Segment) -> list[tuple[int, int]]:
    """Sentences, split further at line breaks (a pasted line is a unit of its own)."""
    text = seg.text
    out = []
    for a, b in seg.sentences:
        pos = a
        while True:
            nl = text.find("\n", pos, b)
            if nl < 0:
                break
            if text[pos:nl].strip():
                out.append(_trim(text, pos, nl))
            pos = nl + 1
        if text[pos:b].strip():
            out.append(_trim(text, pos, b))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _span_between(seg: Segment, a: int, b: int) -> tuple[int, int]:
    return seg.source_span(a, b)


# -- R003 repeated heading --------------------------------------------------------------------
def _norm(text: str) -> str:
    """Words only, case folded; a placeholder (code, a URL) counts as a word: `Load a
    resource` and `Load a `.class` resource` are different headings."""
    return " ".join(_ALNUM_OR_CODE_RE.findall(text.casefold()))


_ALNUM_OR_CODE_RE = patterns.compile(r"[\p{L}\p{N}]+|\ufffc")


def _heading_like(line: str) -> bool:
    """Short, and no sentence punctuation at the end (a closing quote may follow a word:
    `Renault boss hails 'great year'`)."""
    line = line.strip()
    bare = line.rstrip("'\"’”")
    return bool(bare) and len(line.split()) <= 20 and not bare.endswith(tuple(".!?:;…"))


@rule(code="R003", name="repeated-heading", family="repetition", severity="warning")
def repeated_heading(doc: Document) -> Iterator[Hit]:
    """Flags a heading printed twice in a row.

    ## What it flags
    A heading immediately followed by the same text again: a second heading, or a first
    line of the next block that repeats it (`Markets rally after rate cut` twice at the top
    of a plain-text article), or a headline-like line repeated as the next line of its block.

    ## Why it matters
    Scrapers pick up the page title and the article's own headline; both end up in the text.

    ## Example
    ```
    Markets rally after rate cut
    Markets rally after rate cut

    Shares rose on Monday ...
    ```

    ## Fix
    Delete the copy. A fix is offered when the two are identical and nothing but blank lines
    and heading markers sits between them.

    ## Leaves alone
    A heading repeated further away, such as a chapter title in a table of contents or a
    running title (only a copy right after the heading counts), a copy that is a link's text
    (`# Title` followed by a contents entry `[Title](title.md)`); a line ending in sentence
    punctuation (that is R002's business); table cells. A heading repeated as a
    `Read next:` line is reported by F002 (leaked furniture), not here.
    """
    prev = None
    for n, seg in enumerate(doc.segments):
        lines = [(a, b) for a, b in seg.lines() if seg.text[a:b].strip()]
        if seg.kind in ("table_cell", "title") or not lines:
            prev = None  # an HTML page's <title> is normally repeated by its <h1>
            continue
        if prev is not None and (prev.kind == "heading" or (
                n == 1 and "\n" not in prev.text and _heading_like(prev.text))):
            a, b = _trim(seg.text, *lines[0])
            if _norm(seg.text[a:b]) == _norm(prev.text) and _norm(prev.text) and \
                    not _is_link(doc, seg, a):
                yield _heading_hit(doc, prev, 0, len(prev.text), seg, a, b)
                prev = seg
                continue
        if len(lines) >= 2:
            a0, b0 = _trim(seg.text, *lines[0])
            a1, b1 = _trim(seg.text, *lines[1])
            first_line = seg.text[a0:b0]
            if _heading_like(first_line) and _norm(first_line) and \
                    _norm(first_line) == _norm(seg.text[a1:b1]):
                yield _heading_hit(doc, seg, a0, b0, seg, a1, b1)
        prev = seg


def _is_link(doc: Document, seg: Segment, a: int) -> bool:
    """The copy is a link's text: a table of contents entry (`[Title](title.md)`)."""
    start = seg.source_offset(a)
    return doc.source[max(0, start - 1):start] == "["


#: Between a heading and its copy: blank lines and `#` marks. Not a setext underline (`---`,
#: `===`): deleting it with the copy would turn the heading into a paragraph.
_BETWEEN_OK = patterns.compile(r"[\s#]*")


def _heading_hit(doc: Document, first: Segment, fa: int, fb: int,
                 copy: Segment, a: int, b: int) -> Hit:
    start, end = copy.source_span(a, b)
    first_end = first.source_end(fb)
    fix = None
    # the copy must be its whole segment: deleting it from a paragraph that goes on can
    # turn the rest into something else (an indented line after a heading is code)
    if first.text[fa:fb] == copy.text[a:b] and first_end <= start and \
            a == 0 and b == len(copy.text) and _ends_block(doc.source, end) and \
            _BETWEEN_OK.fullmatch(doc.source[first_end:start]) and \
            "\n" in doc.source[first_end:start]:
        fix = Fix(first_end, end, "")
    return Hit(start, end, message=f"Repeated heading: '{_clip(copy.text[a:b])}'.", fix=fix)


def _ends_block(source: str, end: int) -> bool:
    """Nothing but blanks follows ``end`` on its line, and the next line is blank or there is
    none: a setext underline (`---`) after a deleted copy would underline the first."""
    rest = source[end:]
    line, _, after = rest.partition("\n")
    return not line.strip() and (not after.strip() or after.split("\n", 1)[0].strip() == "")


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
