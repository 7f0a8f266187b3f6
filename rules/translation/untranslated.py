"""Text left in the source language, and empty translations (T030, T031)."""

from __future__ import annotations

from collections.abc import Iterator

from lint import patterns
from lint.registry import rule
from lint.translation.anchors import CJK_RUN_RE, _mask, markup_anchors
from lint.translation.bitext import Bitext, Issue
from rules.translation._base import PROSE_KINDS, run, unit_rule

_WORDS_RE = patterns.compile(r"\p{L}{2,}")
#: A source-script term quoted beside its translation: `函数 (function)`, `“函数”`, `《三体》`.
_GLOSSED_BEFORE = frozenset("(（“「『《\"'")
_GLOSSED_AFTER = frozenset(")）”」』》\"'")


def _glossed(text: str, a: int, b: int) -> bool:
    """A short term quoted or followed by its gloss; a quoted sentence is not a term."""
    if b - a > 8:
        return False
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    if before in _GLOSSED_BEFORE and after in _GLOSSED_AFTER:
        return True
    rest = text[b:b + 3].lstrip()
    return b - a <= 6 and rest[:1] in ("(", "（")


def check_untranslated(bt: Bitext) -> Iterator[Issue]:
    markdown = True  # inline code and links are specific enough to find in any text
    paired = {id(p.target): p.source for p in bt.pairs}
    for t in bt.target_blocks:
        if t.kind not in PROSE_KINDS:
            continue
        s = paired.get(id(t))
        if bt.src_script == "cjk":
            _, covered = markup_anchors(t.text, markdown=markdown)
            masked = _mask(t.text, covered, "\x00")  # a CJK run stops at code
            where = s.text if s is not None else bt.source
            base = s.start if s is not None else 0
            for m in CJK_RUN_RE.finditer(masked):
                run_text = m.group()
                if sum(1 for c in run_text if not c.isspace()) < 2:
                    continue
                if _glossed(masked, m.start(), m.end()):
                    continue
                at = where.find(run_text)
                if at >= 0:
                    at += base
                else:  # paired with another block: copied from elsewhere in the source
                    at = bt.source.find(run_text)
                if at < 0:
                    continue
                yield (t.start + m.start(), t.start + m.end(),
                       f"Source text left untranslated: '{_short(run_text)}'", at)
        elif s is not None and s.text.strip() == t.text.strip() \
                and len(_WORDS_RE.findall(t.text)) >= 4:
            yield (t.start, t.end, "Translation identical to its source", s.start)
        else:
            yield from _source_language_spans(bt, t, s)


#: A Latin-script span left in the source language: this many words, lingua this sure (in a
#: detector of English and the source language only), and this share of its words found in
#: the source (the span was copied, not merely foreign).
MIN_SPAN_WORDS = 4
MIN_CONFIDENCE = 0.9
MIN_SHARED_WORDS = 0.6
_detectors: dict = {}


def _source_language(bt: Bitext):
    """The lingua Language of a Latin-script source: the configured one, else lingua's guess
    among the languages S003 knows; None for English, unknown languages, or without lingua."""
    if "lingua.language" in bt.memo:
        return bt.memo["lingua.language"]
    language = None
    try:
        from lingua import IsoCode639_1, Language
    except ImportError:
        bt.memo["lingua.language"] = None
        return None
    code = bt.source_language.lower().split("-")[0].split("_")[0]
    if code:
        try:
            language = Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
        except ValueError:
            language = None
    else:
        from rules.script import _lingua

        detector = _lingua()
        language = detector.detect_language_of(bt.source[:3000]) if detector else None
    if language == Language.ENGLISH:
        language = None
    bt.memo["lingua.language"] = language
    return language


def _detector(language):
    if language not in _detectors:
        from lingua import Language, LanguageDetectorBuilder

        _detectors[language] = LanguageDetectorBuilder.from_languages(
            Language.ENGLISH, language).build()
    return _detectors[language]


def _source_language_spans(bt: Bitext, t, s) -> Iterator[Issue]:
    """Spans of a target block that lingua assigns to the Latin-script source language and
    whose words the source has: a sentence or clause left untranslated."""
    if len(_WORDS_RE.findall(t.text)) < MIN_SPAN_WORDS:
        return
    language = _source_language(bt)
    if language is None:
        return
    _, covered = markup_anchors(t.text)
    masked = _mask(t.text, covered)
    where = s.text if s is not None else bt.source
    base = s.start if s is not None else 0
    source_words = {w.lower() for w in _WORDS_RE.findall(where)}
    detector = _detector(language)
    for part in detector.detect_multiple_languages_of(masked):
        if part.language != language:
            continue
        a, b = part.start_index, part.end_index
        span = masked[a:b]
        a += len(span) - len(span.lstrip())
        span = span.strip()
        b = a + len(span)
        words = _WORDS_RE.findall(span)
        if len(words) < MIN_SPAN_WORDS:
            continue
        if sum(w.lower() in source_words for w in words) < MIN_SHARED_WORDS * len(words):
            continue
        conf = {c.language: c.value for c in detector.compute_language_confidence_values(span)}
        if conf.get(language, 0) < MIN_CONFIDENCE:
            continue
        at = where.find(words[0])
        yield (t.start + a, t.start + b,
               f"Source text left untranslated ({language.name.title()}): '{_short(span)}'",
               base + max(at, 0))


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def check_empty(bt: Bitext) -> Iterator[Issue]:
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if s.text.strip() and not t.text.strip():
            yield (t.start, t.end, "Empty translation of a non-empty source", s.start)


@unit_rule(check_untranslated)
@rule(code="T030", name="untranslated-text", family="translation")
def untranslated_text(doc):
    """Flags text of the source language left untranslated in the translation.

    ## What it flags
    For a CJK source, a run of two or more CJK characters in the target's prose that occurs
    verbatim in the aligned source block or anywhere else in the source file. For a
    Latin-script source, a block of four or more words identical to its source block; and,
    with the optional `lingua-language-detector` package (`pip install 'mtlint[lang]'`), a
    span of four or more words that lingua assigns to the source language (the configured
    `source-language`, else the one lingua finds in the source file) with 90% confidence or
    more, most of whose words the source has.

    ## Why it matters
    An untranslated sentence or term is unreadable to the page's audience, and it is the most
    common slip of a partly updated translation.

    ## Example
    Source `启动 Demo`, target `启动 Demo`; target `Start the 快速入门 demo`.

    ## Fix
    Translate the span.

    ## Leaves alone
    A source-script term quoted beside its translation (`函数 (function)`, `“函数”`), text in
    inline code or URLs, a single CJK character, CJK text the source does not have (the
    monolingual foreign-script rule's business), and code blocks. A block identical to its
    source in a Latin-script pair when it has fewer than four words (names, commands); a
    span in the source language whose words the source does not have (a quotation, a name);
    English sources; Latin-script spans when lingua is not installed.
    """
    return run(doc, check_untranslated)


@unit_rule(check_empty)
@rule(code="T031", name="empty-translation", family="translation")
def empty_translation(doc):
    """Flags an empty translation of a non-empty source.

    ## What it flags
    A segment of a bilingual file (or an aligned block) whose target is empty or blank while
    its source has text.

    ## Why it matters
    An empty `msgstr` falls back to the source language in most software; an empty `<target>`
    may ship an empty label.

    ## Example
    `msgid "Save"` with `msgstr ""` in a catalogue marked complete.

    ## Fix
    Translate the entry, or mark it fuzzy / needs-translation.

    ## Leaves alone
    An empty source, and entries a bilingual reader already skips (fuzzy and obsolete PO
    entries, XLIFF units marked `translate="no"`).
    """
    return run(doc, check_empty)
