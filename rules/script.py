"""Script leftovers: text of the source language left in English prose.

Characters of another script (CJK, Cyrillic, Arabic, ...), full-width punctuation and CJK
quotation marks, Chinese-style ranges (``5~10``) and, off by default, untranslated words of a
Latin-script language (language identification with ``lingua``, when installed).
"""

from __future__ import annotations

from collections.abc import Iterator

from lint import patterns
from lint.document import PLACEHOLDER, Document, Segment
from lint.finding import Fix, Hit
from lint.registry import rule

#: Scripts that never belong in English prose unless quoted with a translation. Greek is left
#: out: its letters are symbols in mathematics and science (α, Δ, μ).
_FOREIGN = (r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Arabic}\p{Hebrew}"
            r"\p{Thai}\p{Devanagari}\p{Bengali}\p{Tamil}\p{Armenian}\p{Georgian}\p{Ethiopic}"
            r"\p{Khmer}\p{Lao}\p{Myanmar}\p{Tibetan}\p{Mongolian}\p{Sinhala}\p{Gujarati}"
            r"\p{Gurmukhi}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Syriac}\p{Thaana}\p{Bopomofo}")
#: CJK punctuation and full-width forms (U+3000-303F, U+FF01-FF65 without the letters).
_FULLWIDTH = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
#: A run of foreign script, with the spaces, digits and punctuation inside it.
_RUN_RE = patterns.compile(
    rf"[{_FOREIGN}](?:[{_FOREIGN}{_FULLWIDTH}\p{{M}}\d\s·・\-]*[{_FOREIGN}{_FULLWIDTH}\p{{M}}])?")
_FULLWIDTH_RE = patterns.compile(rf"[{_FULLWIDTH}]+")
_LATIN_WORD_RE = patterns.compile(r"\p{Latin}{2,}")
#: A document naming a language or script is about it: its examples are not leftovers.
_LANGUAGES = (r"chinese|mandarin|cantonese|japanese|korean|russian|ukrainian|belarusian|"
              r"bulgarian|serbian|arabic|persian|farsi|urdu|hebrew|yiddish|thai|hindi|sanskrit|"
              r"bengali|tamil|armenian|georgian|amharic|khmer|burmese|tibetan|mongolian|greek")
_ABOUT_LANGUAGE_RE = patterns.compile(
    rf"(?i)\b(?:{_LANGUAGES})\s+(?:language|script|characters?|words?|terms?|alphabet|"
    rf"writing|spelling|name|for|translation)\b|\b(?:in|from|into|learn|learning|speak|"
    rf"speaking|speaks|spoken)\s+(?:{_LANGUAGES})\b|\b(?:unicode|utf-?8|i18n|l10n|cyrillic|"
    rf"kanji|hiragana|katakana|hangul|pinyin|devanagari|alphabet|transliterat\w*|"
    rf"pronounc\w*|translations|locali[sz]ation)\b")
_GLOSS_WORD_RE = patterns.compile(
    r"\s*(?:meaning|means|literally|lit\.|i\.e\.|or|that is|translated|which means|\[)")
_PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption", "heading",
                          "table_cell"})

#: Full-width punctuation -> its English counterpart (what the fix writes).
_ASCII_OF = {
    "，": ", ", "。": ". ", "：": ": ", "；": "; ", "！": "! ", "？": "? ", "（": " (", "）": ") ",
    "、": ", ", "【": " [", "】": "] ", "《": " “", "》": "” ", "「": " “", "」": "” ",
    "『": " ‘", "』": "’ ", "〈": " ‘", "〉": "’ ", "〔": " (", "〕": ") ", "～": "~",
    "\u3000": " ", "．": ".", "［": "[", "］": "]", "｛": "{", "｝": "}", "＂": '"', "＇": "'",
    "％": "%", "＃": "#", "＆": "&", "＊": "*", "＋": "+", "－": "-", "／": "/", "＜": "<",
    "＝": "=", "＞": ">", "＠": "@", "＼": "\\", "＾": "^", "＿": "_", "｀": "`", "｜": "|",
}


def _english(seg: Segment) -> bool:
    """Mostly Latin-script words: English prose where another script is a leftover."""
    latin = len(_LATIN_WORD_RE.findall(seg.text))
    return latin >= 4


def _glossed(text: str, s: int, e: int) -> bool:
    """A term quoted in its own script with its translation or reading beside it:
    ``Kyiv (Київ)``, ``“你好” (hello)``, ``the word 你好 ("hello")``, ``(Russian: мир)``."""
    before = text[max(s - 3, 0):s]
    after = text[e:e + 3]
    if before.endswith(("(", "（", "[", "“", "«", '"', "‘", "'", ": ")) and \
            after[:1] in ")）]”»\"’',;":
        return True  # in brackets or quotes
    rest = text[e:e + 40].lstrip(" ”\"'’»")
    if rest[:1] in ("(", "[", "（") or after.startswith((" - ", " – ", " — ")):
        return True  # followed by its gloss
    if rest[:1] in (",", ":") and _GLOSS_WORD_RE.match(rest, 1):
        return True  # `谢谢, meaning thanks`
    if before.endswith(("= ", "=", "→ ", "->")):
        return True
    return False


@rule(code="S001", name="foreign-script", family="script", severity="error")
def foreign_script(doc: Document) -> Iterator[Hit]:
    """Flags characters of another script left in English prose.

    ## What it flags
    A run of Chinese, Japanese, Korean, Cyrillic, Arabic, Hebrew, Thai, Devanagari or other
    non-Latin characters inside an English paragraph: `open the account of @芳芳一人食 on
    Douyin`, `the 经济观察网 website`. One finding per run.

    ## Why it matters
    The translation stopped there: the reader of the English text cannot read the words, and
    what they said is missing from the translation.

    ## Example
    ```
    The company was founded in 2003 by 张伟 and grew quickly.
    ```

    ## Fix
    Translate or transliterate the words (`Zhang Wei`); keep the original only beside its
    translation.

    ## Leaves alone
    A name or term quoted in its own script with its translation or reading beside it
    (`Kyiv (Київ)`, `“你好” (hello)`, `the word 谢谢, meaning thanks`); text in brackets or
    quotes; Greek letters (symbols in science); code spans and blocks; paragraphs that are
    not English prose (fewer than four Latin-script words); pages about a language, script,
    Unicode or translation.
    """
    about = None
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        if text.isascii():
            continue
        runs = list(_RUN_RE.finditer(text))
        if not runs or not _english(seg):
            continue
        if about is None:
            about = bool(_ABOUT_LANGUAGE_RE.search("\n".join(s.text for s in doc.segments)))
        if about:
            return
        for m in runs:
            s, e = m.span()
            if _glossed(text, s, e):
                continue
            a, b = seg.source_span(s, e)
            yield Hit(a, b, f"'{m.group()[:30]}' is not English: a source-language leftover "
                      f"(translate or transliterate it).")


@rule(code="S002", name="fullwidth-punctuation", family="script", severity="warning")
def fullwidth_punctuation(doc: Document) -> Iterator[Hit]:
    """Flags full-width punctuation and CJK quotation marks and brackets in English prose.

    ## What it flags
    `，。：；！？、（）《》【】「」『』〈〉` and the other full-width forms (U+FF01–FF65, the
    ideographic space U+3000) between English words: `Font:【Large Medium Small】`,
    `the plan，which`.

    ## Why it matters
    They are the source language's punctuation carried over: they look wrong in English,
    break search and sentence splitting, and often mark a spot where the translation was
    pasted rather than written.

    ## Example
    ```
    The council approved the plan（after a long debate）on Monday。
    ```

    ## Fix
    Use the English mark and spacing (`, . : ; ( ) “ ”`); a fix is offered.

    ## Leaves alone
    Punctuation inside or beside a run of CJK text (S001 reports the run; a quoted CJK name
    keeps its own punctuation); paragraphs that are not English prose; code.
    """
    for seg in doc.segments:
        if seg.kind not in _PROSE_KINDS:
            continue
        text = seg.text
        if text.isascii() or not _FULLWIDTH_RE.search(text) or not _english(seg):
            continue
        for m in _FULLWIDTH_RE.finditer(text):
            s, e = m.span()
            near = text[max(s - 1, 0):s] + text[e:e + 1]
            if _RUN_RE.search(near):
                continue  # part of a CJK passage
            repl = "".join(_ASCII_OF.get(c, c) for c in m.group())
            a, b = seg.source_span(s, e)
            fix_text = repl
            # no doubled or dangling spaces around the replacement
            if fix_text.startswith(" ") and (s == 0 or text[s - 1].isspace()):
                fix_text = fix_text[1:]
            if fix_text.endswith(" ") and (e >= len(text) or text[e].isspace()
                                           or text[e] in ".,;:!?)]”’"):
                fix_text = fix_text[:-1]
            yield Hit(a, b, f"Full-width punctuation '{m.group()}' in English text: use "
                      f"'{repl.strip() or ' '}'.", suggestions=[fix_text],
                      fix=Fix(a, b, fix_text))


_RANGE_RE = patterns.compile(r"(?<![\p{L}\p{N}~/.])(\d+(?:\.\d+)?)\s?[~～〜]\s?(\d+(?:\.\d+)?)"
                             r"(?![\p{N}/])")


@rule(code="S004", name="tilde-range", family="script", severity="info", default=False)
def tilde_range(doc: Document) -> Iterator[Hit]:
    """Flags a range written with a tilde, Chinese style (`5~10 days`).

    ## What it flags
    Two numbers joined by `~`, `～` or `〜`: `5~10`, `3.5～4`.

    ## Why it matters
    Chinese and Japanese write ranges with a wave dash; English house styles use an en dash
    or `to` (`5–10 days`), and in English a tilde reads as "about". Off by default: it is a
    matter of house style; select `S004` where yours says so.

    ## Example
    ```
    Delivery takes 5~10 working days.
    ```

    ## Fix
    Write `5–10` or `5 to 10`; a fix to an en dash is offered.

    ## Leaves alone
    A tilde before a single number (`~5`, "about five"), paths (`~/bin`), version
    constraints, code.
    """
    for seg in doc.segments:
        text = seg.text
        if "~" not in text and "～" not in text and "〜" not in text:
            continue
        for m in _RANGE_RE.finditer(text):
            a, b = seg.source_span(*m.span())
            repl = f"{m.group(1)}–{m.group(2)}"
            yield Hit(a, b, f"Range written with a tilde: '{m.group()}'; English uses an en "
                      f"dash ('{repl}') or 'to'.", suggestions=[repl], fix=Fix(a, b, repl))


# -- S003 untranslated Latin-script language (optional: lingua) -----------------------------------
#: Languages told apart from English; a few only: each costs memory (lingua, ~25 MB a language).
LINGUA_LANGUAGES = ("ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH",
                    "POLISH", "INDONESIAN", "VIETNAMESE", "TURKISH", "SWEDISH")
#: A span must have this many words and lingua this much confidence in its language.
MIN_SPAN_WORDS = 4
MIN_CONFIDENCE = 0.95
MAX_ENGLISH_CONFIDENCE = 0.02
_WORD_RE = patterns.compile(r"\p{L}+")
_NON_LATIN_LETTER_RE = patterns.compile(r"[^\P{L}\p{Latin}]")
_detector = None


def _lingua():
    """The detector, built on first use; None when lingua is not installed."""
    global _detector
    if _detector is None:
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError:
            _detector = False
            return None
        langs = [getattr(Language, name) for name in LINGUA_LANGUAGES]
        _detector = LanguageDetectorBuilder.from_languages(*langs) \
            .with_minimum_relative_distance(0.25).build()
    return _detector or None


def _foreign_window(text: str) -> bool:
    """Three words in six that English hardly uses (lower-case and rare, or spelt with a
    letter English does not use and not common: `très`, `Maßnahmen`, `não`): worth asking
    lingua."""
    from rules.lexicon import zipf

    words = _WORD_RE.findall(text)
    rare = [zipf(w) < 3.5 if not w.isascii() else w[:1].islower() and zipf(w) < 2.5
            for w in words]
    return any(sum(rare[i:i + 6]) >= 3 for i in range(max(len(rare) - 5, 1)))


@rule(code="S003", name="untranslated-span", family="script", severity="warning",
      default=False)
def untranslated_span(doc: Document) -> Iterator[Hit]:
    """Flags a clause in another Latin-script language left in English prose.

    ## What it flags
    A span of four or more words inside an English paragraph that the language identifier
    `lingua` (built for English and eleven European and Asian Latin-script languages) assigns
    to other languages with at least 95% confidence together and to English with at most 2%:
    `The minister said that la réunion sera reportée à la semaine prochaine.`

    ## Why it matters
    The MT system passed the clause through untranslated (or the source had it and nobody
    translated it): the reader of the English text loses its meaning.

    ## Example
    ```
    The minister said that la réunion sera reportée à la semaine prochaine.
    ```

    ## Fix
    Translate the clause; keep a quotation in the original only beside its translation.

    ## Leaves alone
    Spans under four words (names, `per se`, `coup d'état`), spans mostly of capitalised
    words (`Banca Nazionale del Lavoro`, `Luiz Inacio Lula da Silva`), spans across a link
    or code or holding another script (a list of links to translations), paragraphs without
    three words in six that English hardly uses (the prefilter: lingua is only asked there),
    spans lingua is not sure of, text in quotes followed by a bracketed gloss, code. Off by
    default: it needs the optional `lingua-language-detector` package (`pip install
    'mtlint[lang]'`; ~260 MB of memory once loaded) and is silent without it.
    """
    candidates = [seg for seg in doc.segments if seg.kind in _PROSE_KINDS and
                  len(_LATIN_WORD_RE.findall(seg.text)) >= 8 and _foreign_window(seg.text)]
    if not candidates:
        return
    detector = _lingua()
    if detector is None:
        return
    from lingua import Language

    for seg in candidates:
        text = seg.text
        for part in detector.detect_multiple_languages_of(text):
            if part.language == Language.ENGLISH:
                continue
            s, e = part.start_index, part.end_index
            span = text[s:e].strip()
            words = _WORD_RE.findall(span)
            if len(words) < MIN_SPAN_WORDS:
                continue
            if sum(w[:1].isupper() for w in words) * 2 > len(words) or PLACEHOLDER in span \
                    or _NON_LATIN_LETTER_RE.search(span):
                continue  # names (`Banca Nazionale del Lavoro`), links, a list of languages
            conf = {c.language: c.value
                    for c in detector.compute_language_confidence_values(span)}
            # other languages together: Spanish and Portuguese share words, and which one a
            # clause is matters less than that it is not English
            foreign = sum(v for lang, v in conf.items() if lang != Language.ENGLISH)
            if foreign < MIN_CONFIDENCE or conf.get(Language.ENGLISH, 0) > MAX_ENGLISH_CONFIDENCE:
                continue
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            s += lead
            e = s + len(span)
            if _glossed(text, s, e):
                continue
            a, b = seg.source_span(s, e)
            yield Hit(a, b, f"This looks like {part.language.name.title()}, not English: "
                      f"'{span[:40]}'.")
