"""The rule registry: every rule's code, name, family, default severity and docstring.

Rules live in the ``rules`` package, one module a family, and register themselves with the
:func:`rule` and :func:`corpus_rule` decorators when :func:`all_rules` first imports them.
"""

from __future__ import annotations

import importlib
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lint import patterns
from lint.finding import SEVERITIES

CODE_RE = patterns.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = patterns.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

#: Modules of the ``rules`` package, imported on first use of the registry.
RULE_MODULES = (
    "rules.garbled",
    "rules.quotes",
    "rules.furniture",
    "rules.repetition",
    "rules.encoding",
    "rules.names",
    "rules.meta",
    "rules.translation.markup",
    "rules.translation.numbers",
    "rules.translation.structure",
    "rules.translation.untranslated",
    "rules.translation.terms",
    "rules.translation.omission",
    "rules.loops",
    "rules.degeneration",
    "rules.script",
    "rules.spacing",
    "rules.names_world",
    "rules.furniture_inline",
    "rules.name_case",
)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: str
    default: bool
    doc: str
    check: Callable[..., Any] | None = None  # per-document: check(doc[, ctx]) -> Iterable[Hit]
    collect: Callable[..., Any] | None = None  # corpus: collect(doc[, ctx]) -> picklable data
    reduce: Callable[..., Any] | None = None  # corpus: reduce(list[(path, data)][, ctx])
    #: corpus, optional: combine(items) -> fewer items that reduce the same way, so that a
    #: large run keeps merged data instead of every document's (see lint.stream)
    combine: Callable[..., Any] | None = None
    wants_ctx: bool = False

    @property
    def is_corpus(self) -> bool:
        return self.reduce is not None

    @property
    def summary(self) -> str:
        """First sentence of the *What it flags* section."""
        text = section(self.doc, "What it flags") or self.doc
        first = " ".join(text.split())
        cut = first.find(". ")
        return first if cut < 0 else first[: cut + 1]


_REGISTRY: dict[str, Rule] = {}
_LOADED = False


def section(doc: str, title: str) -> str:
    """The body of a ``## title`` section of a rule docstring."""
    lines = doc.splitlines()
    out, inside = [], False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].strip().lower() == title.lower()
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def _register(rule: Rule) -> None:
    if not CODE_RE.match(rule.code):
        raise ValueError(f"rule code {rule.code!r} must be a capital letter and three digits")
    if not NAME_RE.match(rule.name):
        raise ValueError(f"rule name {rule.name!r} must be kebab-case")
    if rule.severity not in SEVERITIES:
        raise ValueError(f"rule {rule.code}: unknown severity {rule.severity!r}")
    for other in _REGISTRY.values():
        if other.code == rule.code or other.name == rule.name:
            if other.check is rule.check and other.reduce is rule.reduce:
                return  # module re-imported
            raise ValueError(f"rule {rule.code} {rule.name} registered twice")
    _REGISTRY[rule.code] = rule


def _doc_of(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    if "## What it flags" not in doc:
        raise ValueError(f"{obj.__qualname__}: docstring needs a '## What it flags' section")
    return textwrap.dedent(doc).strip()


def _takes_ctx(fn) -> bool:
    return len(inspect.signature(fn).parameters) >= 2


def rule(*, code: str, name: str, family: str, severity: str = "warning", default: bool = True):
    """Register a per-document rule: ``check(doc[, ctx]) -> Iterable[Hit]``."""

    def wrap(fn):
        _register(Rule(code, name, family, severity, default, _doc_of(fn), check=fn,
                       wants_ctx=_takes_ctx(fn)))
        return fn

    return wrap


def corpus_rule(*, code: str, name: str, family: str, severity: str = "warning",
                default: bool = True):
    """Register a rule over every document of a run, as map (``collect``) and reduce.

    The decorated class has static methods ``collect(doc[, ctx])`` (runs in the worker next
    to the per-document rules and returns picklable data) and ``reduce(items[, ctx])`` taking
    ``[(path, data), ...]`` and returning ``[(path, Hit), ...]``.
    """

    def wrap(cls):
        _register(Rule(code, name, family, severity, default, _doc_of(cls),
                       collect=cls.collect, reduce=cls.reduce,
                       combine=getattr(cls, "combine", None),
                       wants_ctx=_takes_ctx(cls.collect)))
        return cls

    return wrap


def all_rules() -> dict[str, Rule]:
    global _LOADED
    if not _LOADED:
        for module in RULE_MODULES:
            importlib.import_module(module)
        _LOADED = True
    return dict(sorted(_REGISTRY.items()))


def find_rule(code_or_name: str) -> Rule | None:
    rules = all_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for r in rules.values():
        if r.name == key.lower():
            return r
    return None
