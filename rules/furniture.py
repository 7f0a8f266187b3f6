"""Leaked page furniture: newsletter prompts, "Read next" lines, ad slugs, photo credits,
timestamp lines and share widgets that a copy-paste or scraping pipeline left in the prose.

The phrases are data (``rules/data/furniture_*.txt``); the code is one shared matcher,
:func:`phrase_regex`, that turns a list into a pattern, plus the judgement of *where* a match
counts: on a line of its own (lines of the segment text, as :meth:`Segment.lines` gives them:
a plain-text block keeps its line breaks, so a furniture line inside a paragraph is found), at
the end of a line, or at the start of a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache

import regex

from lint import patterns
from lint.document import Document, Segment
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.data import phrase_list

_ALNUM_RE = patterns.compile(r"[\p{L}\p{N}]+")
_LETTERS_RE = patterns.compile(r"\p{L}+")

#: Segment kinds where furniture can leak. Table cells and block quotes are left alone.
_KINDS = frozenset({"paragraph", "heading", "list_item", "caption", "alt_text"})
_CAPTION_KINDS = frozenset({"caption", "alt_text"})


# -- the shared matcher ---------------------------------------------------------------------
def _phrase_source(phrase: str) -> str:
    out = []
    for part in regex.split(r"(\*\s*|\s+|['’]|-)", phrase):
        if not part:
            continue
        if part.isspace():
            out.append(r"[ \t]+")
        elif part.startswith("*"):  # up to three words: "sign up for our * newsletter"
            out.append(r"(?:[\p{L}\p{N}'’-]+[ \t]+){0,3}?")
        elif part in ("'", "’"):
            out.append("['’]")
        elif part == "-":
            out.append(r"[-‐‑ ]?")
        else:
            out.append(regex.escape(part))
    return "".join(out)


@cache
def phrase_regex(name: str) -> str:
    """An alternation (no group) matching any entry of ``rules/data/<name>.txt``.

    Longest entries first; spaces match any run of blanks, either apostrophe matches both,
    a hyphen is optional, ``*`` stands for up to three words. The caller adds anchors and
    case-sensitivity.
    """
    phrases = sorted(phrase_list(name), key=len, reverse=True)
    return "(?:" + "|".join(_phrase_source(p) for p in phrases) + r")(?![\p{L}\p{N}])"


class _View:
    """A document's furniture-capable segments, their line spans, and their texts joined (each
    after a line break) so that one cheap ``re`` scan of the whole document finds the few segments
    worth the exact line and sentence logic. Patterns never match across a line break, so a
    prefilter hit belongs to the segment it falls in."""

    __slots__ = ("segs", "lines", "text", "starts")

    def __init__(self, doc: Document):
        self.segs = [s for s in doc.segments if s.kind in _KINDS]
        self.lines = [s.lines() for s in self.segs]
        starts, pos = [], 1
        for s in self.segs:
            starts.append(pos)
            pos += len(s.text) + 1
        self.starts = starts
        self.text = "\n" + "\n".join(s.text for s in self.segs)

    def flagged(self, pattern: re.Pattern) -> list[int]:
        """Indices of the segments holding a match of ``pattern`` (which ends inside one)."""
        found: list[int] = []
        for m in pattern.finditer(self.text):
            k = bisect.bisect_right(self.starts, m.end() - 1) - 1
            if k >= 0 and (not found or found[-1] != k):
                found.append(k)
        return found


def _view(doc: Document) -> _View:
    return doc.memo("furniture", _View)


def _match_lines(text: str, spans: list[tuple[int, int]], pattern: regex.Pattern
                 ) -> Iterator[regex.Match]:
    """Matches of a line pattern (anchored with ``^`` and ``$``) against each line of a
    segment text. Matching line by line is much faster than a multiline search, and it is what
    "a line of its own" means."""
    for a, b in spans:
        m = pattern.match(text, a, b)
        if m:
            yield m


def _lines(doc: Document, pattern: regex.Pattern, prefilter: re.Pattern | None = None
           ) -> Iterator[tuple[Segment, regex.Match]]:
    """(segment, match) for every line of a segment whose kind can hold furniture; with a
    ``prefilter`` (see :func:`_line_start_prefilter`), only in the segments it flags."""
    view = _view(doc)
    if prefilter is None:
        pairs = zip(view.segs, view.lines, strict=True)
    else:
        pairs = ((view.segs[k], view.lines[k]) for k in view.flagged(prefilter))
    for seg, spans in pairs:
        for m in _match_lines(seg.text, spans, pattern):
            yield seg, m


@cache
def _line_start_prefilter(name: str) -> re.Pattern:
    """Where a line made of an entry of ``rules/data/<name>.txt`` may start: a line break (the
    joined text of :class:`_View` puts one before each segment), blanks and bullets or dashes,
    then the first letters of an entry. A cheap superset of the line patterns of F002, F003
    and F006 (stdlib ``re`` with IGNORECASE folds at least what ``regex`` folds), so a
    document is scanned once instead of matching every line (32,000 lines in the news
    corpus)."""
    # one bullet or dash an iteration: `(?:[-]+[ \t]*)*` backtracks exponentially on a line of
    # dashes (an RST underline)
    return re.compile(r"\n[ \t]*(?:[>»›•*|–—-][ \t]*)*(?:" + _initial_words(name) + ")",
                      re.IGNORECASE)


def _delete_line_fix(doc: Document, start: int, end: int) -> Fix | None:
    """A fix deleting file span [start, end) with its line, if the line holds nothing else."""
    src = doc.source
    line, _ = doc.position(start)
    line_start = doc.line_starts[line - 1]
    if src[line_start:start].strip():
        return None  # a Markdown prefix ("## ", "- ") or other text before it
    end_line, _ = doc.position(end)
    next_start = doc.line_starts[end_line] if end_line < len(doc.line_starts) else len(src)
    if src[end:next_start].strip():
        return None
    if doc.format != "text":
        # the line must be a block of its own: deleting the first line of a paragraph can
        # turn the next into something else (an indented line becomes code)
        for seg in doc.segments:
            if seg.start <= start < seg.end and (seg.start < line_start or
                                                 seg.end > next_start):
                return None
        following = src[next_start:].split("\n", 1)[0]
        if following.strip():  # a setext underline or a lazy line: it would change meaning
            return None
    return Fix(line_start, next_start, "")


def _words(text: str) -> int:
    return len(text.split())


# -- F001 newsletter and subscription calls to action -----------------------------------------
@lru_cache(maxsize=1)
def _cta_res() -> tuple[regex.Pattern, regex.Pattern]:
    """A prompt at the start of a line, and one after a sentence end within a line."""
    cta = r"[ \t]*(?:[>»›•*|–—-][ \t]*)?(?P<cta>" + phrase_regex("furniture_cta") + ")"
    # the first letters of the prompts, as a cheap filter before the alternation
    initials = "".join(sorted({p[0].lower() + p[0].upper() for p in phrase_list("furniture_cta")}))
    return (patterns.compile(cta, regex.IGNORECASE),
            patterns.compile(r"[.!?…][ \t](?=[ \t]*(?:[>»›•*|–—-][ \t]*)?[" + regex.escape(initials)
                          + "])" + cta, regex.IGNORECASE))


def _initial_words(name: str) -> str:
    """An alternation of the leading letters of every entry of a phrase list."""
    return "|".join(sorted({regex.match(r"\p{L}*", p).group() for p in phrase_list(name)},
                           key=lambda w: (-len(w), w)))  # the same pattern in every process


@lru_cache(maxsize=1)
def _cta_prefilter() -> re.Pattern:
    """Where a prompt may start: a line start (the joined text puts a line break before each
    segment) or a sentence end, then the first letters of a prompt. A cheap superset of both
    patterns of :func:`_cta_res`: stdlib ``re`` with IGNORECASE folds at least the characters
    ``regex`` folds (it adds dotless ``ı`` to ``i``)."""
    return re.compile(r"[\n.!?…][ \t]*(?:[>»›•*|–—-][ \t]*)?(?:"
                      + _initial_words("furniture_cta") + ")", re.IGNORECASE)


def _sentence_at(seg: Segment, i: int) -> tuple[int, int]:
    """The sentence holding text index ``i``, clipped to its line."""
    text = seg.text
    lo = text.rfind("\n", 0, i) + 1
    hi = text.find("\n", i)
    hi = len(text) if hi < 0 else hi
    for a, b in seg.sentences:
        if a <= i < b:
            return max(a, lo), min(b, hi)
    return lo, hi


@rule(code="F001", name="newsletter-prompt", family="furniture", severity="warning")
def newsletter_prompt(doc: Document) -> Iterator[Hit]:
    """Flags a newsletter, subscription or "click here" call to action left in the text.

    ## What it flags
    A short sentence that starts with a call to action from a web page: `Sign up for our
    newsletter`, `Get the day's top headlines delivered to your inbox. Subscribe now`,
    `Click here to read more`, `Download our app`. Consecutive prompts are one finding.

    ## Why it matters
    Scrapers and copy-paste pick up the sign-up boxes around an article; in a translated or
    republished text they read as if the author were asking the reader to subscribe.

    ## Example
    ```
    The council will vote on the plan in May.
    Get the day's top headlines delivered to your inbox. Subscribe now
    ```

    ## Fix
    Delete the prompt. No automatic fix: the sentence may share a line with prose.

    ## Leaves alone
    Prose about newsletters (`The firm's newsletter, which has 3,000 subscribers, ...`): a
    prompt must open a sentence and be imperative; a quoted prompt (`"Subscribe now," the
    ad said`); sentences longer than 30 words. The phrases are `rules/data/furniture_cta.txt`.
    """
    view = _view(doc)
    for k in view.flagged(_cta_prefilter()):
        at_line, after_stop = _cta_res()  # compiled only once a line may hold a prompt
        seg = view.segs[k]
        spans: list[list[int]] = []
        matches = sorted([*_match_lines(seg.text, view.lines[k], at_line),
                          *after_stop.finditer(seg.text)], key=lambda m: m.start("cta"))
        for m in matches:
            a, b = _sentence_at(seg, m.start("cta"))
            if m.start("cta") - a > 3 or _words(seg.text[a:b]) > 30:
                continue
            gap = seg.text[spans[-1][1]:a] if spans else "x"
            if not gap.strip() and "\n" not in gap:
                spans[-1][1] = b
            elif not spans or a >= spans[-1][1]:
                spans.append([a, b])
        for a, b in spans:
            yield Hit(*seg.source_span(a, b),
                      message=f"Leaked call to action: '{_clip(seg.text[a:b])}'.")


# -- F002 "Read next" lines -----------------------------------------------------------------
@lru_cache(maxsize=1)
def _read_next_re() -> regex.Pattern:
    labels = phrase_regex("furniture_labels")
    return patterns.compile(
        r"[ \t]*(?:[>»›•*–—-][ \t]*)?(?P<label>" + labels + r")"
        r"(?:[ \t]*(?P<sep>:|»|›|>>|\|)[ \t]*(?P<rest>[^\n]*?)|[ \t]*[.…»›>]*)[ \t]*$",
        regex.IGNORECASE,
    )


def _norm(text: str) -> str:
    return " ".join(_ALNUM_RE.findall(text.casefold()))


@rule(code="F002", name="read-next-line", family="furniture", severity="warning")
def read_next_line(doc: Document) -> Iterator[Hit]:
    """Flags a `Read next:`, `Related:` or `Read more:` line left from a web page.

    ## What it flags
    A line of its own that starts with a "read next" widget label and a colon (or `>>`, `»`,
    `|`) followed by a short headline: `Read Next: Markets rally after rate cut`,
    `Related: Five things to know`, `Also read: ...`, `See also: ...`; or a line that is only
    a label of two words or more (`Read more`, `More on this story`). When the headline
    repeats one of the document's headings the message says so (the "heading repeated as a
    Read Next line" case lives here, not in the repetition family).

    ## Why it matters
    Links to other articles are page furniture; pasted into an article they interrupt it with
    a headline that belongs to another story (or to this one).

    ## Example
    ```
    The talks resume on Monday.
    Read Next: Five things to know about the strike
    ```

    ## Fix
    Delete the line. No automatic fix: the headline after the label may be meant as a link.

    ## Leaves alone
    `Next, read the manual.` and other prose (the label must start the line and be followed
    by a separator or end the line), a single-word label alone (`Related` as a heading),
    a label followed by more than 20 words, table cells. Labels are
    `rules/data/furniture_labels.txt`.
    """
    pattern = _read_next_re()
    headings = None
    for seg, m in _lines(doc, pattern, _line_start_prefilter("furniture_labels")):
        label = m.group("label")
        rest = m.group("rest")
        if m.group("sep") is None:
            if _words(label) < 2:
                continue
        elif rest is not None:
            if _words(rest) > 20:
                continue
            if m.group("sep") == ":" and rest[:1].islower() and _words(rest) > 3:
                continue  # "see also: the rules in chapter 5, which ..." reads as prose
        start, end = m.start("label"), m.end()
        while end > start and seg.text[end - 1] in " \t":
            end -= 1
        message = f"Leaked '{label}' line."
        if rest:
            if headings is None:
                headings = {_norm(s.text) for s in doc.segments if s.kind == "heading"}
            if _norm(rest) in headings:
                message = f"Leaked '{label}' line repeating the document's heading."
        yield Hit(*seg.source_span(start, end), message=message)


# -- F003 advertisement slugs ---------------------------------------------------------------
@lru_cache(maxsize=1)
def _ad_re() -> regex.Pattern:
    return patterns.compile(
        r"[ \t]*(?:[-–—]+[ \t]*)?(?P<ad>" + phrase_regex("furniture_ads") + r")[ \t]*[.:!…]*"
        r"(?:[ \t]*[-–—]+)?[ \t]*$",
        regex.IGNORECASE,
    )


@rule(code="F003", name="advertisement-line", family="furniture", severity="warning")
def advertisement_line(doc: Document) -> Iterator[Hit]:
    """Flags an `Advertisement` or `Sponsored content` slug on a line of its own.

    ## What it flags
    A line that is only an advertising slug: `Advertisement`, `ADVERTISEMENT`,
    `Sponsored content`, `Story continues below advertisement`, `- Advertisement -`.

    ## Why it matters
    The slug marks where an ad sat on the web page; in the text it breaks a paragraph and
    shows the text was scraped, not edited.

    ## Example
    ```
    The minister said the plan was on track.
    ADVERTISEMENT
    Officials expect the first results in May.
    ```

    ## Fix
    Delete the line. A fix is offered when the slug is the only thing on its source line.

    ## Leaves alone
    The words inside a sentence (`The advertisement ran for a week.`), a slug with other text
    on its line, table cells. Slugs are `rules/data/furniture_ads.txt`.
    """
    pattern = _ad_re()
    for seg, m in _lines(doc, pattern, _line_start_prefilter("furniture_ads")):
        a, b = m.start("ad"), m.end("ad")
        start, end = seg.source_span(m.start(), m.end())
        yield Hit(*seg.source_span(a, b),
                  message=f"Leaked advertising slug: '{m.group('ad')}'.",
                  fix=_delete_line_fix(doc, start, end))


# -- F004 photo credits and caption lines ---------------------------------------------------
@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    return frozenset(phrase_list("furniture_agencies"))


@lru_cache(maxsize=1)
def _credit_res() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    labels = phrase_regex("furniture_credit_labels")
    paren_eol = patterns.compile(r"\((?P<body>[^()\n]{1,80})\)[ \t]*[.,;]?[ \t]*$", regex.MULTILINE)
    paren_any = patterns.compile(r"\((?P<body>[^()\n]{1,80})\)")
    label_line = patterns.compile(
        r"[ \t]*(?P<label>" + labels + r")(?:[ \t]*(?P<sep>[:,|/])|[ \t]+(?P<by>by)\b|"
        r"(?<=caption|copyright|source)(?=[ \t]+\p{Lu}))[ \t]*(?P<rest>[^\n]*?)[ \t]*$",
        regex.IGNORECASE,
    )
    agency_line = patterns.compile(r"[ \t]*(?P<body>\p{Lu}[^\n]{0,60}?)[ \t]*$")
    return paren_eol, paren_any, label_line, agency_line


#: The longest line ``agency_line`` of :func:`_credit_res` matches, blanks around it aside.
_AGENCY_LINE_MAX = 61


@lru_cache(maxsize=1)
def _label_prefilter() -> re.Pattern:
    """A line (or segment) start, blanks, the first letters of a credit label: a cheap superset
    of ``label_line`` (stdlib ``re`` IGNORECASE folds at least what ``regex`` folds)."""
    return re.compile(r"\n[ \t]*(?:" + _initial_words("furniture_credit_labels") + ")",
                      re.IGNORECASE)


_CREDIT_BODY_RE = patterns.compile(
    r"(?i:photo(?:graph)?s?|image|picture|credit|photo[ \t]+credit|image[ \t]+credit|foto)"
    r"(?:[ \t]*[:/][ \t]*|[ \t]+by[ \t]+)(?P<who>\S.*)"
)
_SOURCE_BODY_RE = patterns.compile(r"(?i:source)[ \t]*:[ \t]*(?P<who>\S.*)")
_NAME_RE = patterns.compile(
    r"\p{Lu}[\p{L}'’.&-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.&-]*|de|van|von|da|di)){0,3}")
_PIECE_SPLIT_RE = patterns.compile(r"[ \t]*(?:/|\bvia\b|;)[ \t]*")
_SKIP_INITIAL = frozenset({"of", "and", "for", "the", "de", "la", "&"})


def _is_agency(piece: str) -> bool:
    agencies = _agencies()
    if piece in agencies:
        return True
    for suffix in (" Photo", " Photos", " Images", " Pictures", " Photo Agency"):
        if piece.endswith(suffix) and piece[: -len(suffix)] in agencies:
            return True
    return False


def _agency_credit(body: str) -> bool:
    """`AFP`, `AP Photo/Jane Doe`, `Jane Doe/AFP via Getty Images`: agencies and names only."""
    pieces = [p for p in _PIECE_SPLIT_RE.split(body.strip()) if p]
    if not pieces or len(pieces) > 4:
        return False
    found = False
    for p in pieces:
        if _is_agency(p):
            found = True
        elif not _NAME_RE.fullmatch(p):
            return False
    return found


def _expands(before: str, acronym: str) -> bool:
    """True if the words before ``(ACRONYM)`` spell it: `Agence France-Presse (AFP)`."""
    words = [w for w in _LETTERS_RE.findall(before)[-2 * len(acronym) - 2:]
             if w.lower() not in _SKIP_INITIAL]
    initials = "".join(w[0] for w in words).upper()
    return initials.endswith(acronym.upper())


def _credit_in_paren(body: str, before: str) -> bool:
    m = _CREDIT_BODY_RE.fullmatch(body)
    if m:
        return _words(m.group("who")) <= 8
    if body.strip().lower() == "file photo":
        return True
    m = _SOURCE_BODY_RE.fullmatch(body)
    if m:
        return any(_is_agency(p) for p in _PIECE_SPLIT_RE.split(m.group("who")))
    if not _agency_credit(body):
        return False
    if body.isupper() and " " not in body and "/" not in body \
            and not before.rstrip().endswith((".", "!", "?")) and _expands(before, body):
        return False
    return True


@rule(code="F004", name="photo-credit", family="furniture", severity="warning")
def photo_credit(doc: Document) -> Iterator[Hit]:
    """Flags a photo credit or caption label left in the text.

    ## What it flags
    A photo credit at the end of a line or in a caption: `(AFP)`, `(Reuters)`,
    `(AP Photo/Jane Doe)`, `(Photo: EPA)`, `(Source: City Hall/Flickr)`; a credit or caption
    line of its own: `Photo: Getty Images`, `Image caption The minister in Kyiv`,
    `Image copyright Reuters`, `AFP/Getty Images`.

    ## Why it matters
    Credits and caption labels belong to pictures the text no longer has; left in the prose
    they read as stray words, or wrongly attribute the sentence to an agency.

    ## Example
    ```
    Protesters marched through the capital on Sunday. (AFP)
    ```

    ## Fix
    Delete the credit (or the caption line). No automatic fix.

    ## Leaves alone
    Acronyms in running text (`(IMF)`, `(NATO)`, `(AP Stylebook)`), an acronym right after
    its expansion (`the Environmental Protection Agency (EPA)`), a credit-like parenthesis in
    the middle of a line of prose, datelines (`LONDON (Reuters) -`), data sources
    (`(Source: World Bank)`), table cells. Agencies are `rules/data/furniture_agencies.txt`,
    labels `rules/data/furniture_credit_labels.txt`.
    """
    paren_eol, paren_any, label_line, agency_line = _credit_res()
    view = _view(doc)
    labelled = set(view.flagged(_label_prefilter()))
    for k, seg in enumerate(view.segs):
        text = seg.text
        # a credit line of its own is short: only those lines can match ``agency_line``
        short = [(a, b) for a, b in view.lines[k] if b - a <= _AGENCY_LINE_MAX or (
            (text[a] in " \t" or text[b - 1] in " \t")
            and len(text[a:b].strip(" \t")) <= _AGENCY_LINE_MAX)]
        if not short and k not in labelled and "(" not in text:
            continue
        seen: set[int] = set()
        parens = paren_any if seg.kind in _CAPTION_KINDS else paren_eol
        if "(" in text:
            for m in parens.finditer(text):
                body = m.group("body")
                if _credit_in_paren(body, text[:m.start()]):
                    seen.add(m.start())
                    yield Hit(*seg.source_span(m.start(), m.start() + len(body) + 2),
                              message=f"Leaked photo credit: '({body})'.")
        for m in _match_lines(text, view.lines[k] if k in labelled else [], label_line):
            rest = m.group("rest")
            if not rest or m.start("label") in seen:
                continue
            label = m.group("label").lower()
            caption = "caption" in label or label in ("pictured", "caption")
            if _words(rest) > (40 if caption else 12):
                continue
            if m.group("by") and not rest[0].isupper():
                continue
            if not caption and not (rest[0].isupper() or rest[0].isdigit()):
                continue
            if not caption and m.group("sep") in (",", "/", "|") and not _agency_credit(rest):
                continue
            if not caption and not m.group("sep") and not m.group("by") \
                    and not _agency_credit(rest):
                continue
            seen.add(m.start("label"))
            yield Hit(*seg.source_span(m.start("label"), m.end("rest")),
                      message=f"Leaked {'caption' if caption else 'photo credit'} line: "
                              f"'{_clip(text[m.start('label'):m.end('rest')])}'.")
        for m in _match_lines(text, short, agency_line):
            body = m.group("body")
            if m.start("body") in seen or _words(body) > 6 or not _agency_credit(body):
                continue
            yield Hit(*seg.source_span(m.start("body"), m.end("body")),
                      message=f"Leaked photo credit line: '{body}'.")


# -- F005 timestamp and byline lines --------------------------------------------------------
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}(?:,?[ \t]+\d{{4}})?"
    r"|yesterday|today)"
)
_TIME = (r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]*(?:am|pm|a\.m\.|p\.m\.))?"
         r"|\d{1,2}[ \t]*(?:am|pm|a\.m\.|p\.m\.))"
         r"(?:[ \t]*(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST))?")
_RELATIVE = (r"(?:\d+[ \t]*(?:s|m|h|d|w|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|"
             r"weeks?|months?|years?)[ \t]+ago|just[ \t]+now)")
_READING = r"(?:\d{1,3}[ \t]*(?:-[ \t]*)?min(?:ute)?s?\.?[ \t]+read)"
_STAMP = rf"(?:{_DATE}|{_TIME}|{_RELATIVE}|{_READING}|{_WEEKDAY})"
_BYLINE = (r"(?:by[ \t]+(?:\p{Lu}[\p{L}'’.-]*|our|staff|and|,)"
           r"(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|and|our|staff|reporter|correspondent|writer|,)){0,6})")


@lru_cache(maxsize=1)
def _metadata_re() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    labels = phrase_regex("furniture_metadata_labels")
    sep = r"(?:[ \t]*(?:[|·•,:]|[-–—]|\bat\b|\bon\b)[ \t]*|[ \t]+)"
    item = rf"(?:{labels}|{_STAMP})"
    line = patterns.compile(
        rf"[ \t]*(?P<line>(?:{_BYLINE}{sep})?{item}(?:{sep}{item})*)[ \t]*[.]?[ \t]*$",
        regex.IGNORECASE,
    )
    stamp = patterns.compile(rf"(?<![\p{{L}}\p{{N}}]){_STAMP}(?![\p{{L}}\p{{N}}])",
                          regex.IGNORECASE)
    return line, patterns.compile(rf"^(?:{_BYLINE}|{labels})|{_TIME}|{_RELATIVE}|{_READING}",
                               regex.IGNORECASE), stamp


@rule(code="F005", name="metadata-line", family="furniture", severity="warning")
def metadata_line(doc: Document) -> Iterator[Hit]:
    """Flags a timestamp, byline-with-timestamp or reading-time line left from a web page.

    ## What it flags
    A line of its own made only of a publication label, a byline and a date or time:
    `published 2023-04-02 09:14`, `By Staff Writer | Updated 3h ago`,
    `Last updated: 3 April 2023`, `5 min read`.

    ## Why it matters
    Page metadata is not part of the article; in a translation or a republished text it puts
    a stale timestamp in the middle of the prose.

    ## Example
    ```
    Markets rally after rate cut
    published 2023-04-02 09:14
    Shares rose on Monday after the central bank cut rates.
    ```

    ## Fix
    Delete the line. No automatic fix.

    ## Leaves alone
    A date inside a sentence (`The law was published on 2 April 2023.`), a line with any
    other words (`Updated rules apply from 1 May`), a bare date line without a label, time or
    byline (a heading in a timeline), a byline without a date. Labels are
    `rules/data/furniture_metadata_labels.txt`.
    """
    line_re, anchor_re, stamp_re = _metadata_re()
    for seg, m in _lines(doc, line_re):
        body = m.group("line")
        if not stamp_re.search(body) or not anchor_re.search(body):
            continue
        yield Hit(*seg.source_span(m.start("line"), m.end("line")),
                  message=f"Leaked page metadata: '{_clip(body)}'.")


# -- F006 share widgets ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _share_re() -> regex.Pattern:
    item = phrase_regex("furniture_share")
    return patterns.compile(
        rf"[ \t]*(?P<line>{item}(?:[ \t]*[|·•,/:]?[ \t]*{item})*)[ \t]*[|·•:]?[ \t]*$",
        regex.IGNORECASE,
    )


_SHARE_ITEM_RE = patterns.compile(r"share\b|copy|link|tweet", regex.IGNORECASE)


@rule(code="F006", name="share-widget", family="furniture", severity="warning")
def share_widget(doc: Document) -> Iterator[Hit]:
    """Flags the text of a share widget left on a line of its own.

    ## What it flags
    A line made only of share-widget words: `Share this article`,
    `Share on Facebook Twitter WhatsApp`, `Copy link`, `Facebook | Twitter | Email`.

    ## Why it matters
    The buttons around an article come along when it is copied from a browser; the words are
    noise in the text.

    ## Example
    ```
    Share this article
    Copy link
    ```

    ## Fix
    Delete the line. No automatic fix.

    ## Leaves alone
    A line with any other word (`Share your views with us`, `Twitter and Facebook removed the
    posts`), a single network or verb alone on a line (`Email`, `Print`, `Share` as headings),
    table cells. The words are `rules/data/furniture_share.txt`.
    """
    pattern = _share_re()
    for seg, m in _lines(doc, pattern, _line_start_prefilter("furniture_share")):
        body = m.group("line")
        words = _words(body)
        if words < 2 or (words == 2 and not _SHARE_ITEM_RE.search(body)):
            continue
        yield Hit(*seg.source_span(m.start("line"), m.end("line")),
                  message=f"Leaked share-widget text: '{_clip(body)}'.")


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
