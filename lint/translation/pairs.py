"""Which file is the translation of which: ``[[tool.mtlint.translations]]`` and ``--source``.

A pattern is a path relative to the config file with placeholders: ``{path}`` (any relative
path, slashes included), ``{name}`` (one path component without slashes), ``{lang}`` (a
language code)::

    [[tool.mtlint.translations]]
    source = "docs/zh/{path}"
    target = "docs/en/{path}"
    source-language = "zh"

A target file matching ``target`` gets the source file named by filling ``source`` with the
same values. The engine then hands the source text to the T rules with the target document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import regex

_PLACEHOLDERS = {"path": r".+", "name": r"[^/]+", "lang": r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?"}
_KEYS = {"source", "target", "source-language", "target-language", "localised-links",
         "glossary"}


@dataclass(frozen=True)
class PairSpec:
    """What a worker needs to pair one target with its source (picklable)."""

    source_path: str  # as found on disk
    source_shown: str  # as named in messages
    source_language: str = ""
    localised_links: bool = True
    glossary: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Mapping:
    source: str
    target: str
    source_language: str = ""
    localised_links: bool = True
    glossary: tuple[tuple[str, str], ...] = ()

    def _regex(self, pattern: str):
        out, pos = [], 0
        seen = set()
        for m in regex.finditer(r"\{(path|name|lang)\}", pattern):
            out.append(regex.escape(pattern[pos:m.start()]))
            key = m.group(1)
            out.append(f"(?P={key})" if key in seen else f"(?P<{key}>{_PLACEHOLDERS[key]})")
            seen.add(key)
            pos = m.end()
        out.append(regex.escape(pattern[pos:]))
        return regex.compile("^" + "".join(out) + "$")

    def source_for(self, target_rel: str) -> str | None:
        """The source path (relative) for a target path (relative), or None if no match."""
        m = self._regex(self.target).match(target_rel.replace(os.sep, "/"))
        if m is None:
            return None
        values = m.groupdict()
        values.setdefault("lang", self.source_language)

        def fill(mm):
            return values.get(mm.group(1)) or mm.group()

        return regex.sub(r"\{(path|name|lang)\}", fill, self.source)

    def is_source(self, rel: str) -> bool:
        return self._regex(self.source).match(rel.replace(os.sep, "/")) is not None

    def target_for(self, source_rel: str) -> str | None:
        return Mapping(self.target, self.source).source_for(source_rel)


def validate(value) -> str | None:
    """Config check for ``translations``: an array of tables with known keys."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return "an array of tables ([[tool.mtlint.translations]])"
    for item in value:
        unknown = set(item) - _KEYS
        if unknown:
            return f"tables with keys {sorted(_KEYS)} (unknown: {sorted(unknown)[0]!r})"
        if not isinstance(item.get("source"), str) or not isinstance(item.get("target"), str):
            return "tables with 'source' and 'target' patterns (strings)"
    return None


def load_glossary(path: str) -> tuple[tuple[str, str], ...]:
    """``source -> target`` lines (``#`` comments), or a TBX file's term entries."""
    if path.lower().endswith((".tbx", ".xml")):
        from lint.translation.bilingual import tbx_terms

        return tuple(tbx_terms(path))
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if "->" in line:
                src, tgt = (x.strip() for x in line.split("->", 1))
                if src and tgt:
                    out.append((src, tgt))
    return tuple(out)


def mappings_from_config(items: list[dict], root: str) -> list[Mapping]:
    out = []
    for item in items:
        glossary = ()
        if item.get("glossary"):
            glossary = load_glossary(os.path.join(root, item["glossary"]))
        out.append(Mapping(item["source"], item["target"], item.get("source-language", ""),
                           bool(item.get("localised-links", True)), glossary))
    return out


def mapping_for_source_dir(source_dir: str, target_paths: list[str], root: str) -> list[Mapping]:
    """``--source DIR``: each target directory argument pairs with DIR, file by file."""
    out = []
    src = os.path.relpath(os.path.abspath(source_dir), root).replace(os.sep, "/")
    for p in target_paths:
        rel = os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/")
        if os.path.isdir(p):
            prefix = "" if rel == "." else rel + "/"
            out.append(Mapping(f"{src}/{{path}}", f"{prefix}{{path}}"))
        else:
            out.append(Mapping(f"{src}/{os.path.basename(p)}", rel))
    return out


@dataclass
class Pairing:
    """The outcome of pairing a run's files."""

    specs: dict[str, PairSpec]  # target path (as given) -> its source
    unpaired: list[str]  # targets whose source file does not exist
    sources: set[str]  # files that are sources (not linted as English)


def pair_files(files: list[str], mappings: list[Mapping], root: str) -> Pairing:
    specs, unpaired, sources = {}, [], set()
    for path in files:
        rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        for m in mappings:
            src_rel = m.source_for(rel)
            if src_rel is not None:
                src_abs = os.path.join(root, src_rel)
                if os.path.isfile(src_abs):
                    shown = os.path.relpath(src_abs)
                    specs[path] = PairSpec(src_abs, shown, m.source_language, m.localised_links,
                                           m.glossary)
                else:
                    unpaired.append(path)
                break
        else:
            if any(m.is_source(rel) for m in mappings):
                sources.add(path)
    return Pairing(specs, unpaired, sources)


def missing_targets(mappings: list[Mapping], root: str) -> list[str]:
    """Source files (found by walking the source patterns' fixed prefix) without a target."""
    out = []
    for m in mappings:
        prefix = m.source.split("{", 1)[0]
        base = os.path.join(root, os.path.dirname(prefix) if not prefix.endswith("/") else prefix)
        if not os.path.isdir(base):
            continue
        for dirpath, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                if not m.is_source(rel):
                    continue
                tgt = m.target_for(rel)
                if tgt is not None and not os.path.isfile(os.path.join(root, tgt)):
                    out.append(os.path.relpath(full))
    return out


@dataclass(frozen=True)
class AttachedSource:
    """A target document's source, as the T rules read it (``Document.translation``)."""

    source_shown: str
    source_text: str
    source_language: str
    localised_links: bool
    glossary: tuple[tuple[str, str], ...]


def attach(doc, spec: PairSpec) -> None:
    """Give ``doc`` its source text; an unreadable source leaves it monolingual."""
    from lint.runner import InputError, read_source

    try:
        text = read_source(spec.source_path)
    except InputError:
        return
    doc.translation = AttachedSource(spec.source_shown, text, spec.source_language,
                                     spec.localised_links, spec.glossary)


def pair_jobs(jobs: list, config, source_dir: str | None, paths: list[str]) -> Pairing | None:
    """Give each job that is a translation its source (``job.pair``) and drop the jobs that
    are sources; None when no translations are configured."""
    root = config.root
    mappings = mappings_from_config(config.translations, root) if config.translations else []
    if source_dir:
        if not os.path.isdir(source_dir):
            from lint.config import ConfigError

            raise ConfigError(f"--source {source_dir}: not a directory")
        mappings = mapping_for_source_dir(source_dir, paths, root) + mappings
    if not mappings:
        return None
    pairing = pair_files([j.path for j in jobs], mappings, root)
    jobs[:] = [j for j in jobs if j.path not in pairing.sources]
    for job in jobs:
        job.pair = pairing.specs.get(job.path)
    return pairing


def missing_translation_findings(mappings_config: list[dict], root: str, severity: str):
    """T051's findings: one per source file without its target, at the source's line 1."""
    from lint.finding import Finding

    out = []
    for path in missing_targets(mappings_from_config(mappings_config, root), root):
        out.append(Finding(path, 1, 1, 1, 1, 0, 0, "T051", "missing-translation", severity,
                           "Source file has no translation"))
    return out
