"""Page furniture inside a paragraph line: a `Read more:` teaser or a photo credit that a
scraper or MT pipeline ran into the prose instead of leaving on a line of its own (the F rules
of :mod:`rules.furniture` judge whole lines, line ends and calls to action)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from lint import patterns
from lint.document import Document
from lint.finding import Hit
from lint.registry import rule
from rules.data import phrase_list

_KINDS = frozenset({"paragraph", "list_item", "caption"})

#: A teaser label after a sentence end, then its headline up to the next sentence end.
_TEASER_RE = patterns.compile(
    r"(?<=[.!?…][\"”’)]?[ \t]+)(?P<label>(?i:read more|read next|read also|also read|"
    r"related(?: story| article| coverage)?|recommended|most read|see also|watch|listen)"
    r"[ \t]*(?::|»|>>|›)[ \t]*)(?P<headline>\p{Lu}[^\n]{3,160}?[.!?…](?=[ \t]+\p{Lu}|$))")
#: `Read more` standing alone between two sentences: `…in May. Read more The mayor…`.
_BARE_READ_MORE_RE = patterns.compile(
    r"(?<=[.!?…][\"”’)]?[ \t]+)(?i:read more|read next|click here)(?:[ \t]*(?:»|>>|›|…|\.\.\.))?"
    r"(?=[ \t]+\p{Lu}\p{Ll})")


@lru_cache(maxsize=1)
def _credit_re():
    agencies = sorted(phrase_list("furniture_agencies"), key=len, reverse=True)
    alt = "|".join(regex.escape(a) for a in agencies)
    return patterns.compile(
        r"(?P<paren>\((?i:photo|photograph|picture|image|credit|photo credit)s?[ \t]*:"
        r"[^()\n]{2,60}\))(?![ \t]*$)"
        r"|(?<=[.!?][\"”’]?[ \t]+)(?P<bare>(?i:photo|photograph|picture|image|credit)s?[ \t]*:"
        r"[ \t]*[^.\n]{0,50}?(?:" + alt + r"))(?=[ \t]+\p{Lu}\p{Ll})")


@rule(code="F007", name="inline-furniture", family="furniture", severity="warning")
def inline_furniture(doc: Document) -> Iterator[Hit]:
    """Flags a `Read more:` teaser or a photo credit run into a paragraph line.

    ## What it flags
    Inside a line of prose, after a sentence: a teaser label with its headline (`… in May.
    Read more: Rates rise again as inflation bites. The mayor said …`), a bare `Read more`
    or `Click here` between two sentences, and a photo credit (`(Photo: EPA)` mid-line,
    `Photo: John Smith/Reuters` between sentences).

    ## Why it matters
    When a page is flattened, the teasers and credits that sat beside the article end up
    inside its paragraphs; a translation then carries them as if the author had written them.

    ## Example
    ```
    The council will vote in May. Read more: Rates rise again. The mayor expects a close vote.
    ```

    ## Fix
    Delete the teaser or credit.

    ## Leaves alone
    `Read more about it in the report` (no label, lower case after it); teasers and credits
    on a line of their own or at the end of a line (F002, F004 report those); `(Source:
    World Bank)` and other sources of data; labels at the start of a paragraph; table cells;
    block quotes.
    """
    for seg in doc.segments:
        if seg.kind not in _KINDS:
            continue
        text = seg.text
        low = text.lower()
        if not any(k in low for k in ("read", "related", "recommended", "see also", "watch",
                                      "listen", "click here", "photo", "picture", "image",
                                      "credit")):
            continue
        for m in _TEASER_RE.finditer(text):
            a, b = seg.source_span(m.start(), m.end())
            yield Hit(a, b, f"A '{m.group('label').strip(' :»>›')}' teaser inside the "
                      f"paragraph: page furniture.")
        for m in _BARE_READ_MORE_RE.finditer(text):
            a, b = seg.source_span(m.start(), m.end())
            yield Hit(a, b, f"'{m.group()}' inside the paragraph: page furniture.")
        for m in _credit_re().finditer(text):
            a, b = seg.source_span(m.start(), m.end())
            yield Hit(a, b, f"Photo credit inside the paragraph: '{m.group()}'.")
