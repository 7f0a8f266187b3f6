"""Names and glossary terms of the source that the translation dropped or respelled (T040,
T041)."""

from __future__ import annotations

from collections.abc import Iterator

from lint import patterns
from lint.registry import rule
from lint.translation.anchors import LATIN_RUN_RE, _mask, markup_anchors
from lint.translation.bitext import Bitext, Issue
from rules.lexicon import zipf
from rules.translation._base import PROSE_KINDS, run, unit_rule

_TOKEN_RE = patterns.compile(r"[\p{L}\p{N}][\p{L}\p{N}.\-+]*")


def _is_name(word: str) -> bool:
    """A product name, acronym or proper name: a capital letter after the first, or a
    capitalised word of three letters or more (`Arthas`, `OGNL`, `iPhone`, `Spring`)."""
    if len(word) < 2 or not any(c.isalpha() for c in word):
        return False
    return any(c.isupper() for c in word[1:]) or (word[0].isupper() and len(word) >= 3)


def _near(name: str, token: str) -> bool:
    """``token`` looks like a respelling of ``name``: capitalised like a name, rare as an
    English word (not `started` for `Starter`), one or two edits away."""
    from rapidfuzz.distance import Levenshtein

    if abs(len(name) - len(token)) > 2 or len(name) < 5 or not token[:1].isupper():
        return False
    if zipf(token.lower()) >= 2.5:
        return False
    d = Levenshtein.distance(name.lower(), token.lower())
    return 0 < d <= (1 if len(name) < 8 else 2)


def check_names(bt: Bitext) -> Iterator[Issue]:
    if bt.src_script != "cjk":
        return  # Latin names inside Latin text cannot be told from ordinary words here
    markdown = True  # inline code and links are specific enough to find in any text
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        _, covered = markup_anchors(s.text, markdown=markdown)
        masked = _mask(s.text, covered)
        target_lower = t.text.lower()
        tokens = None
        seen = set()
        for m in LATIN_RUN_RE.finditer(masked):
            name = m.group()
            if not _is_name(name) or name.lower() in seen:
                continue
            seen.add(name.lower())
            if name.lower() in target_lower or name.lower().replace("-", " ") in target_lower:
                continue
            if tokens is None:
                tokens = [(mm.start(), mm.end(), mm.group()) for mm in _TOKEN_RE.finditer(t.text)]
            near = [(a, b, w) for a, b, w in tokens if _near(name, w)]
            if near:
                a, b, w = near[0]
                yield (t.start + a, t.start + b,
                       f"'{w}' is spelled '{name}' in the source", s.start + m.start())


def check_glossary(bt: Bitext) -> Iterator[Issue]:
    if not bt.glossary:
        return
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        sl, tl = s.text.lower(), t.text.lower()
        for src_term, tgt_term in bt.glossary:
            at = sl.find(src_term.lower())
            if at >= 0 and tgt_term.lower() not in tl:
                end = t.text.find("\n")
                yield (t.start, t.start + (end if end >= 0 else len(t.text)),
                       f"Glossary: '{src_term}' should be translated '{tgt_term}'",
                       s.start + at)


@unit_rule(check_names)
@rule(code="T040", name="name-changed", family="translation")
def name_changed(doc):
    """Flags a Latin-script name of a CJK source that the translation respells.

    ## What it flags
    In an aligned block of a Chinese/Japanese/Korean source, a Latin-script name, acronym or
    product name (`Arthas`, `JProfiler`, `iPhone`) that the target block does not contain
    (ignoring case) while a capitalised target word, rare as an English word, is one edit
    away (two for names of eight letters or more): that word is flagged as a respelling.
    A name dropped altogether is not reported: on real documentation most such drops are
    legitimate (`JVM 的线程` translated as `threads`).

    ## Why it matters
    The source already wrote these names in the target's script: they should come through
    unchanged, and a misspelled product name is a search that finds nothing.

    ## Example
    Source `使用 Arthas 诊断`, target `Diagnose with Arthos`.

    ## Fix
    Copy the name from the source.

    ## Leaves alone
    Case changes (`ognl` / `OGNL`), plurals and compounds (`Class` / `classes`), names in code
    or URLs, short names (fewer than five letters are never judged as respellings), ordinary
    capitalised words and common English words (`Started` beside `Starter`), names dropped
    altogether, and Latin-script sources.
    """
    return run(doc, check_names)


@unit_rule(check_glossary)
@rule(code="T041", name="glossary-term", family="translation")
def glossary_term(doc):
    """Flags a block whose source uses a glossary term the translation does not render as the
    glossary says.

    ## What it flags
    With `glossary = "terms.txt"` in a `[[tool.mtlint.translations]]` table (lines
    `source -> target`, or a TBX file), an aligned block whose source contains a glossary
    source term (ignoring case) while the target lacks the glossary's target term.

    ## Why it matters
    Consistent terminology is what makes documentation searchable and a product's UI and
    docs agree.

    ## Example
    Glossary `类加载器 -> class loader`; source `类加载器的 hash`, target `the loader hash`.

    ## Fix
    Use the glossary's term.

    ## Leaves alone
    Pairs without a glossary; blocks alignment could not pair.
    """
    return run(doc, check_glossary)
