"""Encoding damage: mojibake, HTML entities left in prose, invisible characters, U+FFFD.

Candidates are found with precompiled regexes over each segment; ftfy only judges and repairs
the short candidate spans (it is far too slow to run over every line).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from lint import patterns
from lint.document import PLACEHOLDER, Document, Segment
from lint.finding import Fix, Hit
from lint.registry import rule

# -- mojibake ---------------------------------------------------------------------------------
#: Characters that UTF-8 continuation bytes (0x80-0xBF) become when read as cp1252 / Latin-1.
_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: A UTF-8 lead byte (0xC2-0xF4) read as cp1252, then continuation characters.
_MOJIBAKE_RE = patterns.compile(
    rf"[\xc2-\xf4][{_CONT}]+(?:[\xc2-\xf4][{_CONT}]+)*(?:[\xc2-\xf4](?=[ \xa0]))?"
    rf"|[ÂÃ][ \xa0]"
)
_QUICK_RE = patterns.compile(r"[\xc2-\xf4]")


@lru_cache(maxsize=4096)
def _repair(span: str) -> str | None:
    """ftfy's repair of a suspicious span, or None when ftfy sees nothing to repair."""
    import ftfy

    fixed = ftfy.fix_encoding(span)
    return fixed if fixed != span else None


def _mojibake_spans(text: str) -> Iterator[tuple[int, int, str | None]]:
    for m in _MOJIBAKE_RE.finditer(text):
        a, b = m.span()
        span = m.group()
        fixed = _repair(span)
        if fixed is not None:
            if "†" in fixed and "†" not in span:
                yield a, b, None  # "â€ " is far more often a lost ” than a dagger
            else:
                yield a, b, fixed
        elif span.startswith("â€"):
            yield a, b, None  # "â€" + a lost byte: the ” of a quotation, cannot be repaired


@rule(code="E001", name="mojibake", family="encoding", severity="error")
def mojibake(doc: Document) -> Iterator[Hit]:
    """Flags mojibake: UTF-8 text decoded in the wrong encoding (`â€™`, `Ã©`, `Â `).

    ## What it flags
    Mojibake, UTF-8 text that was once decoded as Windows-1252 or Latin-1: `donâ€™t`,
    `cafÃ©`, `Â£5`, `â€œhelloâ€`, doubly damaged `Ã¢â‚¬â„¢`.

    ## Why it matters
    Every reader sees the garbage; it shows a pipeline that mixed encodings, and the damage
    usually repeats across the whole file.

    ## Example
    ```
    The minister said the plan wasnâ€™t ready.
    ```

    ## Fix
    ftfy's repair of the span (`wasn’t`), applied as a fix when ftfy gives one. A lone `â€`
    (the `”` whose last byte was lost) is reported without a fix.

    ## Leaves alone
    Correct non-ASCII text (`café`, `Zürich`, `Київ`, `SÃO PAULO`): a span is reported only
    when ftfy can decode it back to different text, or it is the unmistakable `â€`.
    """
    for seg in doc.segments:
        text = seg.text
        if not _QUICK_RE.search(text):
            continue
        for a, b, fixed in _mojibake_spans(text):
            start, end = seg.source_span(a, b)
            bad = text[a:b]
            if fixed is None:
                yield Hit(start, end, f"Mojibake '{bad}': text decoded in the wrong encoding.",
                          suggestions=["”"] if bad.startswith("â€") else [])
            else:
                yield Hit(start, end,
                          f"Mojibake '{bad}' (should read '{fixed}').",
                          suggestions=[fixed], fix=Fix(start, end, fixed))


# -- HTML entities ---------------------------------------------------------------------------
_ENTITY_RE = patterns.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _decode_entity(ent: str) -> str | None:
    if ent[1] == "#":
        try:
            cp = int(ent[3:-1], 16) if ent[2] in "xX" else int(ent[2:-1])
        except ValueError:
            return None
        if cp == 0 or cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
            return None
        return html.unescape(ent)
    if ent[1:] not in html.entities.html5:
        return None
    return html.entities.html5[ent[1:]]


def _entity_spans(doc: Document, seg: Segment) -> Iterator[tuple[int, int, str]]:
    """File spans of entities in the segment's prose, whether or not the reader decoded them."""
    src = doc.source
    for run in seg.runs:
        if run.text_len == run.src_len:
            a = run.text_start
            piece = seg.text[a:a + run.text_len]
            if "&" not in piece:
                continue
            for m in _ENTITY_RE.finditer(piece):
                yield run.src_start + m.start(), run.src_start + m.end(), m.group()
        else:
            text = seg.text[run.text_start:run.text_start + run.text_len]
            if PLACEHOLDER in text:
                continue  # code span, URL
            raw = src[run.src_start:run.src_start + run.src_len]
            if _ENTITY_RE.fullmatch(raw):
                yield run.src_start, run.src_start + run.src_len, raw


#: Entities that Markdown authors type to space their layout (they render as intended).
_LAYOUT_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u200a\u200c\u200d")


@rule(code="E002", name="html-entity", family="encoding", severity="warning")
def html_entity(doc: Document) -> Iterator[Hit]:
    """Flags HTML character references left in plain-text or Markdown prose (`&amp;`).

    ## What it flags
    HTML character references in plain-text or Markdown prose: `&amp;`, `&nbsp;`, `&#8217;`,
    `&#x2019;`, `AT&amp;T`.

    ## Why it matters
    Text scraped from web pages or passed through an HTML escaper keeps its entities, and
    every reader sees the code instead of the character.

    ## Example
    ```
    Shares in Marks &amp; Spencer rose 3%.
    ```

    ## Fix
    Replace the reference with its character (`Marks & Spencer`). A fix is offered, except
    in Markdown where the character is markup (`&lt;`, `&gt;`, `*`, `_`, `` ` ``, `[`, `]`,
    `\\`, `#`, `|`, `~`, `!`): decoding those changes what the page renders; and never
    where `&amp;` would start another reference (`&amp;copy;`).

    ## Leaves alone
    HTML files and raw HTML inside Markdown (there entities are markup and the reader decodes
    them), entities inside code spans, unknown names (`&foo;`), and in Markdown the spacing
    entities authors type for layout (`&nbsp;`, `&ensp;`, `&emsp;`, `&thinsp;`, `&#160;`,
    `&zwnj;`: a Markdown page renders them as meant).
    """
    if doc.format not in ("text", "markdown"):
        return
    for seg in doc.segments:
        if seg.meta.get("html"):
            continue  # raw HTML inside Markdown: `alt="a &quot;b&quot;"` is markup
        for start, end, ent in _entity_spans(doc, seg):
            char = _decode_entity(ent)
            if char is None:
                continue
            if doc.format == "markdown" and char in _LAYOUT_SPACES:
                continue  # `&nbsp;&nbsp;**Note**`: Markdown authors space their layout so
            shown = {"\u00a0": "a no-break space", " ": "a space"}.get(char, f"'{char}'")
            if char == "&" and _ENTITY_AHEAD_RE.match(doc.source, end):
                safe = False  # `&amp;copy;`: decoded, it is another reference
            else:
                safe = doc.format != "markdown" or char not in _MARKDOWN_SYNTAX
            yield Hit(start, end, f"HTML entity '{ent}' in prose (means {shown}).",
                      suggestions=[char], fix=Fix(start, end, char) if safe else None)


#: Characters that are Markdown (or HTML inside Markdown) syntax: decoded from an entity they
#: would stop being text.
_MARKDOWN_SYNTAX = frozenset("<>*_`[]\\#|~!")
_ENTITY_AHEAD_RE = re.compile(r"#?[A-Za-z0-9]+;")


# -- invisible characters ----------------------------------------------------------------------
#: stdlib ``re``: twice as fast as ``regex`` on a plain character class.
_INVISIBLE_RE = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+"
)
#: Scripts that use zero-width characters legitimately (word breaks, joining control).
_JOINING_SCRIPT_RE = patterns.compile(
    r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Devanagari}\p{Bengali}\p{Gurmukhi}"
    r"\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Sinhala}\p{Thai}"
    r"\p{Lao}\p{Tibetan}\p{Myanmar}\p{Khmer}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
    r"\p{Mongolian}\p{Extended_Pictographic}\U0001F3FB-\U0001F3FF\U0001F1E6-\U0001F1FF"
    r"\U000E0020-\U000E007F\ufe0f\u20e3]"
)
_NOT_JOINER_RE = patterns.compile(r"[^\u200c\u200d]")
_NAMES = {
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner", "\u2060": "word joiner", "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
}


def _char_name(c: str) -> str:
    return _NAMES.get(c) or f"control character U+{ord(c):04X}"


@rule(code="E003", name="invisible-char", family="encoding", severity="warning")
def invisible_char(doc: Document) -> Iterator[Hit]:
    """Flags zero-width characters, soft hyphens and control characters in prose.

    ## What it flags
    Zero-width characters (U+200B/C/D, U+2060), a byte-order mark after the start of the file,
    soft hyphens and C0/C1 control characters (other than tab and line ends) in prose.

    ## Why it matters
    Invisible characters split words for search, spell checkers and screen readers, and they
    arrive unseen with copy-paste from PDFs, web pages and chat tools.

    ## Example
    ```
    The govern\u00adment an\u200bnounced the plan.
    ```
    (with a soft hyphen and a zero-width space inside the words)

    ## Fix
    Delete the character. A fix is offered.

    ## Leaves alone
    Zero-width joiners and non-joiners next to emoji or in scripts that need them (emoji ZWJ
    sequences, Arabic, Indic, Thai), no-break spaces (deliberate between a number and its
    unit), the byte-order mark at the start of a file, and soft hyphens or zero-width spaces
    an HTML file writes as entities (`&shy;`, `&#8203;`: deliberate break hints).
    """
    src = doc.source
    for seg in doc.segments:
        text = seg.text
        if text.isprintable():
            continue  # no control or format character at all (the common case)
        for m in _INVISIBLE_RE.finditer(text):
            a, b = m.span()
            if _MOJIBAKE_RE.search(text, max(0, a - 1), b + 3) and text[a] >= "\x80":
                continue  # C1 characters inside mojibake: E001 reports them
            around = text[max(0, a - 1):a] + text[b:b + 1]
            if _JOINING_SCRIPT_RE.search(around) and not _NOT_JOINER_RE.search(m.group()):
                continue  # ZWJ / ZWNJ doing their job
            start, end = seg.source_span(a, b)
            if start == 0 and m.group() == "\ufeff":
                continue  # a byte-order mark opening the file
            if src[start:end] != m.group():
                continue  # written as an entity or reference: deliberate
            name = _char_name(m.group()[0])
            more = "" if b - a == 1 else f" (and {b - a - 1} more)"
            yield Hit(start, end, f"Invisible {name}{more} in prose.",
                      suggestions=[""], fix=Fix(start, end, ""))


# -- replacement character ---------------------------------------------------------------------
_FFFD_RE = patterns.compile(r"\ufffd+")


@rule(code="E004", name="replacement-char", family="encoding", severity="error")
def replacement_char(doc: Document) -> Iterator[Hit]:
    """Flags U+FFFD replacement characters (`�`): characters lost in decoding.

    ## What it flags
    The replacement character `�` (U+FFFD), or a run of them.

    ## Why it matters
    A decoder met bytes it could not read and replaced them: the original character (often a
    quote, dash or accented letter) is gone.

    ## Example
    ```
    The caf� opened in March.
    ```

    ## Fix
    Restore the character from the source. No fix is offered: it cannot be recovered.

    ## Leaves alone
    Nothing: U+FFFD never belongs in prose.
    """
    for seg in doc.segments:
        text = seg.text
        if "\ufffd" not in text:
            continue
        for m in _FFFD_RE.finditer(text):
            start, end = seg.source_span(*m.span())
            yield Hit(start, end, "Replacement character '\ufffd': a character was lost "
                      "in decoding.")
