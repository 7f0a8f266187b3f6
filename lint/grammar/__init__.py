"""Grammar engines as optional backends: LanguageTool (a server) and Harper (offline).

The runner calls :func:`prepare` once in the main process, before any file is read: it checks
the settings and that the engine answers, and returns a picklable settings dict. Each worker
then calls :func:`grammar_hits` per document. Only prose segments are checked, never code:
each segment's text goes to the engine with placeholders (inline code, URLs) masked, findings
that touch a placeholder are dropped, and every span is mapped back to the file through
``Segment.source_span``. Results are cached per paragraph on disk (see :mod:`.cache`).

Codes keep the engine's rule id: ``LT:<RULE_ID>`` (e.g. ``LT:MORFOLOGIK_RULE_EN_US``) and
``HARPER:<RuleName>`` (e.g. ``HARPER:SpellCheck``), so ``select``/``ignore`` and inline
suppression work on them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from lint import patterns
from lint.config import ConfigError
from lint.document import PLACEHOLDER, Document
from lint.finding import Hit

ENGINES = ("languagetool", "harper")

#: What a placeholder becomes in the text sent to an engine: one BMP character, so offsets do
#: not move; a letter reads as a word ("run X to build"), where U+FFFC would read as noise.
MASK = "X"

#: A result as engines return it and the cache stores it, offsets in code points of the text:
#: [start, end, code, rule, severity, message, suggestions]
Result = list

#: Revision of mtlint's filtering of engine output: part of every cache key.
FILTERS = 1

#: Spelling findings on words at least this frequent in English (wordfreq Zipf) are dropped:
#: the engines' dictionaries lack many real words (eurozone, renminbi, bourse, lineout).
KNOWN_WORD_ZIPF = 2.0


class GrammarError(ConfigError):
    """The engine failed during a run (server error, timeout): one line, exit 2."""


_FAILED: str | None = None  # set in a process after an engine error: later files fail fast


def _engine_module(name: str):
    if name == "harper":
        from lint.grammar import harper

        return harper
    if name == "languagetool":
        from lint.grammar import languagetool

        return languagetool
    raise ConfigError(f"grammar engine must be one of {', '.join(ENGINES)} or none, "
                      f"not {name!r}")


def prepare(settings: dict) -> dict:
    """Validate ``settings``, check the engine is there and answers; a picklable dict.

    Raises :class:`ConfigError` (one line, exit 2) when it is not.
    """
    global _FAILED
    _FAILED = None
    engine = settings.get("engine", "none")
    if not engine or engine == "none":
        return {}
    module = _engine_module(engine)
    timeout = settings.get("timeout", 20)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ConfigError("grammar 'timeout' must be a positive number of seconds")
    resolved = module.prepare(settings)
    resolved["engine"] = engine
    resolved["timeout"] = float(timeout)
    if settings.get("cache", True):
        from lint.grammar.cache import DEFAULT_DIR

        resolved["cache_dir"] = os.path.abspath(settings.get("cache-dir") or DEFAULT_DIR)
    else:
        resolved["cache_dir"] = None
    return resolved


def masked_text(text: str) -> str:
    return text.replace(PLACEHOLDER, MASK) if PLACEHOLDER in text else text


def check_texts(texts: list[str], settings: dict) -> list[list[Result]]:
    """Results for each text: from the cache, else from the engine (then cached)."""
    global _FAILED
    if _FAILED:
        raise GrammarError(_FAILED)
    from lint.grammar.cache import ParagraphCache

    module = _engine_module(settings["engine"])
    cache = ParagraphCache(settings.get("cache_dir"), settings["engine"], settings["key"])
    out: list[list[Result] | None] = [None] * len(texts)
    keys = [cache.key(t) for t in texts] if cache.enabled else [None] * len(texts)
    todo = []
    for i, key in enumerate(keys):
        cached = cache.get(key) if key else None
        if cached is not None:
            out[i] = cached
        else:
            todo.append(i)
    if todo:
        try:
            fresh = module.check_many([texts[i] for i in todo], settings)
        except GrammarError as exc:
            _FAILED = str(exc)
            raise
        for i, results in zip(todo, fresh, strict=True):
            out[i] = results
            if keys[i]:
                cache.put(keys[i], results)
    return out  # type: ignore[return-value]


def grammar_hits(doc: Document, settings: dict) -> Iterator[Hit]:
    """The engine's findings on the document's prose segments, at file offsets."""
    segments = [s for s in doc.segments if s.text.replace(PLACEHOLDER, "").strip()]
    if not segments:
        return
    texts = [masked_text(s.text) for s in segments]
    for seg, results in zip(segments, check_texts(texts, settings), strict=True):
        text = seg.text
        for start, end, code, rule, severity, message, suggestions in results:
            if not (0 <= start < end <= len(text)):
                continue
            if PLACEHOLDER in text[max(start - 1, 0):end + 1] or \
                    text[end:end + 2] == " " + PLACEHOLDER:
                continue  # touches code or a URL, or judges the mask (`a X` for `a `Vec``)
            judged: tuple[str, ...] = ()
            if _spelling(code):
                if _on_identifier(doc, text, start, end):
                    continue  # a spelling finding on a word the document writes as code
                judged = _judged_words(text, start, end)
            offset, end_offset = seg.source_span(start, end)
            yield Hit(offset, end_offset, message, suggestions=list(suggestions)[:5],
                      code=code, rule=rule, severity=severity, judged=judged)


#: A lower-case letter followed by a capital inside a token: camelCase (`sessionId`, `topN`).
_CAMEL_RE = patterns.compile(r"\p{Ll}\p{Lu}")


def _spelling(code: str) -> bool:
    """A spelling finding (``LT:MORFOLOGIK_RULE_EN_US``, ``HARPER:SpellCheck``)."""
    return "MORFOLOGIK" in code or "SPELL" in code.upper() or "TYPO" in code.upper()


def _judged_words(text: str, start: int, end: int) -> tuple[str, ...]:
    """The words a spelling finding on ``text[start:end]`` judges: the flagged word, then the
    token around it (``options.json`` around ``options``); none for a span of several words."""
    flagged = text[start:end]
    if not flagged or any(c.isspace() for c in flagged):
        return ()
    a, b = start, end
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_.-"):
        a -= 1
    while b < len(text) and (text[b].isalnum() or text[b] in "_.-"):
        b += 1
    token = text[a:b].strip(".-")
    return (flagged,) if token == flagged or not token else (flagged, token)


def _on_identifier(doc: Document, text: str, start: int, end: int) -> bool:
    """The finding covers one word that is an identifier (:mod:`lint.identifiers`), or part
    of a token that is one (``statUrl``, ``config_file``, ``options.json``)."""
    from lint.identifiers import is_identifier

    judged = _judged_words(text, start, end)
    if judged and _CAMEL_RE.search(judged[-1]):
        return True  # `getInstances`, `sessionId`, `topN`: a spell checker's camelCase is code
    return any(is_identifier(doc, w) for w in judged)


def skip_spelling(text: str, start: int, end: int, caps: bool) -> bool:
    """Spelling findings that are noise: names, units on numbers, fragments, known words."""
    word = text[start:end]
    if not caps and word[:1].isupper():
        return True  # names: mtlint's names rules handle them
    if end - start <= 2 or any(c.isdigit() for c in word):
        return True  # "bn" in "5bn", "4's", initials
    before, after = text[start - 1:start], text[end:end + 1]
    if before.isdigit() or before.isalpha() or after.isalpha():
        return True  # a unit on a number, or a word cut where the tokenizer stumbled
    from rules.lexicon import zipf

    return zipf(word) >= KNOWN_WORD_ZIPF


def kebab(name: str) -> str:
    """``PronounVerbAgreement`` -> ``pronoun-verb-agreement``; ``EN_A_VS_AN`` -> ``en-a-vs-an``."""
    import re

    if "_" in name or name.isupper():
        return name.lower().replace("_", "-")
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()
