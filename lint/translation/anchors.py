"""What must survive translation unchanged, found in a piece of text with its positions.

An *anchor* is a span of a source or target text that translation must carry over: inline code,
a link or image target, a placeholder, an HTML tag, a number, a Latin-script name inside
non-Latin text. :func:`anchors` returns them with their offsets in the text it was given, so a
finding can point at the target exactly.

Numbers are compared by value after normalising what translation changes legitimately:
full-width digits, thousands separators, Chinese numerals and the 万/亿 scales (``1.2万`` =
``12,000`` = ``12 thousand``), English number words and scales (``3 million``), ordinals
(``第3`` / ``3rd`` / ``third``), month names (so ``2023年3月5日`` and ``March 5, 2023`` hold the
same numbers), percentages (``百分之五十`` / ``50%`` / ``50 percent``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from lint import patterns

# -- spans that are not prose ------------------------------------------------------------------
INLINE_CODE_RE = patterns.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", regex.S)
#: Markdown link or image: [text](url "title") -- the URL is group "url".
MD_LINK_RE = patterns.compile(
    r"(?P<img>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_LINK_RE = patterns.compile(
    r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["'](?P<url>[^"']*)["']""", regex.I)
BARE_URL_RE = patterns.compile(r"(?<![\w(/\"'=<])https?://[^\s<>()\[\]`\"'，。）]+[^\s<>()\[\]`\"'.,;:!?，。）]")
HTML_TAG_RE = patterns.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?/?>")
#: Placeholders of the common formats: printf (%s, %1$d, %(name)s), {name} / {0} (Python,
#: .NET, ICU arguments), {{var}} (Mustache, Angular, Jinja), ${var}, <0></0> (i18next, Lingui).
PLACEHOLDER_RE = patterns.compile(
    r"%(?:\d+\$)?(?:\([A-Za-z_][\w.]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifuxXoeEgGcr@]"
    r"|\{\{\s*[\w.\-]+\s*\}\}"
    r"|\$\{[\w.\-]+\}"
    r"|\{[A-Za-z_0-9][\w.\-]*(?:\s*,\s*(?:plural|select|selectordinal|number|date|time)\b)?"
    r"|</?\d+>|<\d+/>")

# -- numbers -----------------------------------------------------------------------------------
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_SCALES = {"万": 10 ** 4, "亿": 10 ** 8}
#: An Arabic number: digits with optional thousands groups and decimals, then a scale.
#: Digits touch Han characters (``共3个``), so only ASCII letters and digits bound a number; an
#: English ordinal suffix or a unit of one or two letters is part of it (``3rd``, ``5000ms``,
#: ``2m``); a version (``1.2.3``) is not a number.
ARABIC_RE = patterns.compile(
    r"(?<![A-Za-z0-9_.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th|[A-Za-z]{1,2})?"
    r"(?![A-Za-z0-9_]|[.,]\d)"
    r"(?:\s*(?:余|多)?(?P<cnscale>[万亿]+)|\s+(?P<enscale>thousand|million|billion|trillion)\b)?")
_RANGE_RE = patterns.compile(r"\s*(?:to|and|or|-|–|—|~|～|至|到)\s*")
VERSION_RE = patterns.compile(r"(?<![A-Za-z0-9_.])v?\d+(?:\.\d+){2,}(?![A-Za-z0-9_]|\.\d)")
CN_NUMBER_RE = patterns.compile(r"[零〇一二两三四五六七八九十百千万亿]{1,12}")
_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "double": 2, "triple": 3, "half": 0.5,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12,
}
EN_WORD_RE = patterns.compile(r"(?i)\b(?:" + "|".join(sorted(_EN_WORDS, key=len, reverse=True))
                              + r")\b")
_EN_SCALE = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
#: A Latin-script name, acronym or product name inside non-Latin text.
LATIN_RUN_RE = patterns.compile(
    r"(?<![\p{Latin}\d_.\-/])\p{Latin}[\p{Latin}\d]*(?:[.\-+][\p{Latin}\d]+)*\+*")
CJK_RUN_RE = patterns.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}][\p{Han}\p{Hiragana}"
                              r"\p{Katakana}\p{Hangul}，、：；（）“”《》·\s]*[\p{Han}\p{Hiragana}"
                              r"\p{Katakana}\p{Hangul}]|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: str  # code | link | placeholder | tag | number
    value: object  # normalised value compared across the pair
    start: int  # offsets into the text
    end: int
    raw: str


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def chinese_numeral(text: str) -> int | None:
    """Value of a Chinese numeral like 三, 十二, 一百零五, 三千万, 两亿; None if not one."""
    total, section, digit = 0, 0, None
    seen = False
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            seen = True
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
            seen = True
        elif ch in _CN_SCALES:
            section += digit or 0
            total += (section or 1) * _CN_SCALES[ch]
            section, digit = 0, None
        else:
            return None
    if not seen and not total:
        return None
    return total + section + (digit or 0)


def _mask(text: str, spans: list[tuple[int, int]], fill: str = " ") -> str:
    """``text`` with the given spans blanked out (same length, so offsets hold)."""
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append(text[pos:a])
        out.append(fill * (b - a))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def markup_anchors(text: str, *, markdown: bool = True
                   ) -> tuple[list[Anchor], list[tuple[int, int]]]:
    """Code, links, placeholders and tags of ``text``, and the spans they cover (not prose).
    Every T rule asks for the same blocks' anchors: computed once per text (fresh lists)."""
    found, covered = _markup_anchors(text, markdown)
    return list(found), list(covered)


@functools.lru_cache(maxsize=4096)
def _markup_anchors(text: str, markdown: bool):
    found, covered = _find_markup(text, markdown=markdown)
    return tuple(found), tuple(covered)


def _find_markup(text: str, *, markdown: bool = True
                 ) -> tuple[list[Anchor], list[tuple[int, int]]]:
    # each pass only where its marker occurs (most blocks have no links, tags or braces)
    out: list[Anchor] = []
    covered: list[tuple[int, int]] = []
    masked = text
    if markdown and "`" in text:
        for m in INLINE_CODE_RE.finditer(text):
            code = m.group(2).strip()
            out.append(Anchor("code", code, m.start(2), m.end(2), m.group(2)))
            covered.append(m.span())
        masked = _mask(text, covered)
    if markdown and "](" in masked:
        for m in MD_LINK_RE.finditer(masked):
            url = m.group("url")
            if url:
                out.append(Anchor("link", url, m.start("url"), m.end("url"), url))
            covered.append((m.start("url") - 1, m.end()))  # the text itself is prose
        masked = _mask(text, covered)
    if "<" in masked:
        for m in HTML_LINK_RE.finditer(masked):
            out.append(Anchor("link", m.group("url"), m.start("url"), m.end("url"),
                              m.group("url")))
    if "://" in masked:
        for m in BARE_URL_RE.finditer(masked):
            out.append(Anchor("link", m.group(), m.start(), m.end(), m.group()))
            covered.append(m.span())
        masked = _mask(text, covered)
    if "<" in masked:
        for m in HTML_TAG_RE.finditer(masked):
            out.append(Anchor("tag", m.group(1).lower() + ("/" if m.group().startswith("</")
                                                           else ""),
                              m.start(), m.end(), m.group()))
            covered.append(m.span())
        masked = _mask(text, covered)
    if not ("%" in masked or "{" in masked or "<" in masked):
        return out, covered
    for m in PLACEHOLDER_RE.finditer(masked):
        raw = m.group()
        if raw.startswith("{") and not raw.startswith("{{"):
            close = masked.find("}", m.end())
            if close < 0 or close - m.end() > 80:
                continue  # a brace in prose, not an argument
            if m.group().endswith(("plural", "select", "selectordinal")):
                value = raw.split(",")[0] + "}"
            else:
                if close != m.end():
                    continue  # {name} must close right after the name (ICU kinds aside)
                value = raw + "}"
            out.append(Anchor("placeholder", value.replace(" ", ""), m.start(), close + 1,
                              text[m.start():close + 1]))
            covered.append((m.start(), close + 1))
            continue
        out.append(Anchor("placeholder", raw.replace(" ", ""), m.start(), m.end(), raw))
        covered.append(m.span())
    return out, covered


def number_anchors(text: str, covered: list[tuple[int, int]], *, words: bool) -> list[Anchor]:
    """Numbers of ``text`` outside ``covered``, as Decimal values. ``words``: also English number
    words and month names (the target side; never reported, only used to match)."""
    found = _number_anchors(text, tuple(covered))  # words or not: one scan, then filtered
    if words:
        return list(found)
    return [a for a in found if not (a.kind == "number-word" and a.raw.isascii())]


@functools.lru_cache(maxsize=4096)
def _number_anchors(text: str, covered: tuple) -> tuple:
    return tuple(_find_numbers(text, list(covered), words=True))


def _find_numbers(text: str, covered: list[tuple[int, int]], *, words: bool) -> list[Anchor]:
    masked = _mask(text, covered).translate(_FULLWIDTH)
    out = []
    versions = []
    for m in VERSION_RE.finditer(masked):
        out.append(Anchor("version", m.group().lstrip("v"), m.start(), m.end(), m.group()))
        versions.append(m.span())
    masked = _mask(masked, versions)
    found = []
    for m in ARABIC_RE.finditer(masked):
        raw = m.group()
        num = regex.match(r"[\d,]+(?:\.\d+)?", raw).group().rstrip(",")
        value = _decimal(num)
        if value is None:
            continue
        factor = 1
        for ch in m.group("cnscale") or "":
            factor *= _CN_SCALES[ch]
        if m.group("enscale"):
            factor = _EN_SCALE[m.group("enscale").lower()]
        found.append([m, num, value, factor])
    # a range shares its scale: `4 to 6 million`, `12-18亿` (the first number is 4 million)
    for k in range(len(found) - 1):
        first, second = found[k], found[k + 1]
        if first[3] == 1 and second[3] != 1 and \
                _RANGE_RE.fullmatch(masked, first[0].end(), second[0].start()):
            first[3] = second[3]
    for m, num, value, factor in found:
        # "12 thousand" also matches a "12" elsewhere: keep the unscaled value as an alias
        out.append(Anchor("number", (value * factor).normalize(), m.start(), m.end(),
                          text[m.start():m.end()]))
        if factor != 1:
            out.append(Anchor("number-alias", value.normalize(), m.start(),
                              m.start() + len(num), num))
    cn_chars = "零〇一二两三四五六七八九十百千万亿"
    if any(c in masked for c in cn_chars):
        for m in CN_NUMBER_RE.finditer(masked):
            value = chinese_numeral(m.group())
            if value is not None:
                out.append(Anchor("number-word", Decimal(value), m.start(), m.end(), m.group()))
            for k, ch in enumerate(m.group()):  # the digits alone too: 十一 days, 3 月, ...
                if ch in _CN_DIGITS:
                    out.append(Anchor("number-word", Decimal(_CN_DIGITS[ch]), m.start() + k,
                                      m.start() + k + 1, ch))
    if words:
        for m in EN_WORD_RE.finditer(masked):
            value = _EN_WORDS[m.group().lower()]
            out.append(Anchor("number-word", Decimal(str(value)), m.start(), m.end(), m.group()))
    return out


_LANG_PART_RE = patterns.compile(
    r"(?i)[/_.\-](?:zh|cn|zh[-_](?:cn|hans|hant|tw|hk)|en|en[-_](?:us|gb)|ja|ko|de|fr|es"
    r"|ru|pt|it)(?=[/#._\-]|$)")


def normalise_link(url: str, localised: bool) -> str:
    """A link target compared across a pair: with ``localised``, language codes in its path
    (``/zh/``, ``/zh-cn/docs``, ``index.zh-CN.md``) and its query (``?language=cn``,
    ``?mirror=aliyun``: query strings choose language and region) do not count."""
    url = url.strip()
    if localised:
        url = url.split("?", 1)[0]
        url = _LANG_PART_RE.sub("", url)
    return url.rstrip("/")
