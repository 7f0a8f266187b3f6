"""Sentence spans for a segment's text.

nupunkt (a Punkt model shipped in its wheel) knows abbreviations, initials and decimals. We
additionally never end a sentence inside a placeholder or after a list of abbreviations that
Punkt models often miss in news text, and we do end one after a frequent English word that the
model's abbreviation list holds (`met.`, `month.`, `win.`: `the target was not met. Anil said`
is two sentences; 122 such ends in the news corpus, all real).
"""

from __future__ import annotations

from functools import lru_cache

from lint import patterns

_NO_BREAK_AFTER = patterns.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Lt|Sgt|Rev|Sen|Rep|Gov|Jr|Sr|Mt|No|vs|etc|"
    r"approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\."
    r"|\b(?:e\.g|i\.e|a\.m|p\.m|U\.S|U\.K|U\.N|E\.U|Ph\.D)\."
    r"|(?<![\p{L}])\p{Lu}\.)$"
)


#: A frequent lower-case word, a full stop, then a capital: nupunkt keeps some of these together
#: because its abbreviation list holds common words (`met`, `month`, `win`, `series`). Found
#: from the full stop: what follows it, then the lower-case run before it, which must start
#: after anything but a letter, digit, dot, apostrophe or hyphen (scanning the text for the
#: word itself, position by position, cost as much as nupunkt's own splitting).
_AFTER_STOP_RE = patterns.compile(r"\s+[\"“‘'(]?\p{Lu}")
_WORD_BEFORE_STOP_RE = patterns.compile(r"(?r)(?<![\p{L}\p{N}.'’-])\p{Ll}{3,}")
#: Lower-case abbreviations that a capital may follow inside a sentence (`approx. Five`).
_LOWER_ABBREVIATIONS = frozenset(
    "etc vs approx inc ltd corp est fig figs vol vols nos jan feb mar apr jun jul aug sep "
    "sept oct nov dec dept govt gen sen rep rev prof ave mts lbs eds cf ibid viz esp capt "
    "col sgt cmdr adm gov pres supt det insp bros secs mins hrs yrs wks approx misc".split())
#: Zipf frequency from which a word before the full stop is a word, not an abbreviation.
_WORD_ZIPF = 3.0


def _word_stops(text: str, a: int, b: int) -> list[int]:
    """Where a sentence ``text[a:b]`` really ends inside: after ``word.`` (see above)."""
    from rules.lexicon import zipf

    cuts = []
    dot = text.find(".", a, b)
    while dot >= 0:
        if _AFTER_STOP_RE.match(text, dot + 1, b):
            m = _WORD_BEFORE_STOP_RE.match(text, a, dot)
            if m is not None and m.end() == dot:
                word = m.group()
                if word not in _LOWER_ABBREVIATIONS and zipf(word) >= _WORD_ZIPF:
                    cuts.append(dot + 1)
        dot = text.find(".", dot + 1, b)
    return cuts


@lru_cache(maxsize=1)
def _splitter():
    import nupunkt

    return nupunkt.sent_spans


def _no_break_after(sentence: str) -> bool:
    """Does ``sentence`` end with an abbreviation that ends no sentence? Only its tail can:
    the longest ending (`approx.`) has 7 characters (searching it all was quadratic)."""
    return sentence.endswith(".") and \
        _NO_BREAK_AFTER.search(sentence, max(0, len(sentence) - 8)) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    spans = _splitter()(text)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and _no_break_after(text[merged[-1][0]:merged[-1][1]].rstrip()):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in _cut_at_word_stops(text, merged):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((a + lead, a + trail))
    return out


def _cut_at_word_stops(text: str, spans: list[list[int]]) -> list[list[int]]:
    if "." not in text:
        return spans
    out = []
    for a, b in spans:
        for cut in _word_stops(text, a, b) if text.find(".", a, b - 1) >= 0 else ():
            out.append([a, cut])
            a = cut
        out.append([a, b])
    return out
