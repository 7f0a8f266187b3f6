"""Configuration: ``[tool.mtlint]`` in pyproject.toml, or mtlint.toml / .mtlint.toml.

The file is found from the working directory upwards (``--config`` overrides); every key is
checked against :data:`SCHEMA`, so a typo is one clear error instead of a silently ignored
setting. Sections that rule families add (``names``, ``grammar``) are validated the same way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

from lint.finding import SEVERITIES


class ConfigError(Exception):
    """A user's configuration is wrong: reported as one line, exit code 2."""


# A type spec is a callable check(value) -> error text or None; built from the helpers below.
def _is_str(v):
    return None if isinstance(v, str) else "a string"


def _is_bool(v):
    return None if isinstance(v, bool) else "true or false"


def _is_number(v):
    return None if isinstance(v, (int, float)) and not isinstance(v, bool) else "a number"


def _is_int(v):
    return None if isinstance(v, int) and not isinstance(v, bool) else "an integer"


def _is_count(v):
    ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
    return None if ok else "a whole number, 0 or more (0: one per CPU)"


def _is_str_list(v):
    ok = isinstance(v, list) and all(isinstance(x, str) for x in v)
    return None if ok else "a list of strings"


def _one_of(*choices):
    def check(v):
        return None if v in choices else "one of " + ", ".join(repr(c) for c in choices)
    return check


def _table_of(value_check):
    def check(v):
        if not isinstance(v, dict):
            return "a table"
        for key, item in v.items():
            problem = value_check(item)
            if problem:
                return f"a table whose values are {problem} (see {key!r})"
        return None
    return check


_severity = _one_of(*SEVERITIES)

#: Every accepted key: top-level keys map to a check, sections map to a dict of checks.
SCHEMA: dict[str, Any] = {
    "select": _is_str_list,
    "ignore": _is_str_list,
    "extend-select": _is_str_list,
    "per-file-ignores": _table_of(_is_str_list),
    "severity": _table_of(_severity),
    "include": _is_str_list,
    "exclude": _is_str_list,
    "extend-exclude": _is_str_list,
    "fail-on": _severity,
    "respect-gitignore": _is_bool,
    "jobs": _is_count,
    "cache": _is_bool,        # the results cache (and the grammar cache) on or off
    "cache-dir": _is_str,     # relative to the config file's directory
    "baseline": _is_str,      # baseline file, relative to the config file's directory
    "translations": lambda v: __import__("lint.translation.pairs", fromlist=["validate"])
    .validate(v),  # [[tool.mtlint.translations]]: source/target file patterns
    "dask-scheduler": _is_str,  # tcp://host:8786: lint on that Dask cluster
    "text-field": _is_str,      # tables: the field holding each record's text
    "id-field": _is_str,
    "source-field": _is_str,
    "names": {
        "accept": _is_str_list,          # files of accepted names (Vale accept.txt format)
        "reject": _is_str_list,          # files of rejected forms (Vale reject.txt format)
        "min-frequency-ratio": _is_number,
    },
    "grammar": {
        "engine": _one_of("languagetool", "harper", "none"),
        "url": _is_str,
        "language": _is_str,
        "dialect": _is_str,
        "enabled-rules": _is_str_list,
        "disabled-rules": _is_str_list,
        "enabled-categories": _is_str_list,
        "disabled-categories": _is_str_list,
        "timeout": _is_number,
        "cache": _is_bool,
        "cache-dir": _is_str,
        "capitalised-spelling": _is_bool,  # also report spelling on capitalised words
        "startup-timeout": _is_number,     # seconds to wait for a local LanguageTool to start
    },
}

CONFIG_FILES = ("mtlint.toml", ".mtlint.toml", "pyproject.toml")


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    respect_gitignore: bool = True
    jobs: int = 0
    cache: bool = True
    cache_dir: str | None = None
    baseline: str | None = None
    translations: list[dict] = field(default_factory=list)
    dask_scheduler: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    source_field: str | None = None
    sections: dict[str, dict] = field(default_factory=dict)  # names, grammar, ...
    path: str | None = None  # the file it came from

    @property
    def root(self) -> str:
        """Directory relative paths in the config are resolved against."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def section(self, name: str) -> dict:
        return self.sections.get(name, {})


def _load_toml(path: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _mentions_mtlint(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"mtlint" in fh.read()
    except OSError:
        return True  # let the parser say what is wrong


def config_here(directory: str, names=None) -> str | None:
    """The config file in ``directory`` itself, or None; a pyproject.toml counts only with a
    [tool.mtlint] table. ``names`` (the directory's listing, when the caller has it) spares
    a stat per name."""
    for name in CONFIG_FILES:
        candidate = os.path.join(directory, name)
        if (names is not None and name not in names) or not os.path.isfile(candidate):
            continue  # (a FIFO by that name is never opened)
        if name != "pyproject.toml":
            return candidate
        if _mentions_mtlint(candidate):  # else no [tool.mtlint]: spare the TOML parser
            try:
                if "mtlint" in _load_toml(candidate).get("tool", {}):
                    return candidate
            except ConfigError:
                pass
    return None


def find_config(start: str | None = None) -> str | None:
    """The nearest config file from ``start`` upwards; pyproject.toml only with [tool.mtlint]."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        found = config_here(directory)
        if found is not None:
            return found
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _validate(table: dict, schema: dict, path: str, prefix: str = "") -> None:
    for key, value in table.items():
        where = f"{prefix}{key}"
        spec = schema.get(key)
        if spec is None:
            raise ConfigError(f"{path}: unknown key '{where}'")
        if isinstance(spec, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: '{where}' must be a table")
            _validate(value, spec, path, f"{where}.")
            continue
        problem = spec(value)
        if problem:
            raise ConfigError(f"{path}: '{where}' must be {problem}")


def load_config(path: str | None = None, *, search_from: str | None = None) -> Config:
    """Load and validate the config at ``path``, or the one found upwards, or defaults."""
    if path is None:
        path = find_config(search_from)
        if path is None:
            return Config()
    elif not os.path.isfile(path):
        raise ConfigError(f"{path}: configuration file not found")
    data = _load_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("mtlint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.mtlint] must be a table")
    _validate(data, SCHEMA, path)
    cfg = Config(path=path)
    for key, value in data.items():
        if isinstance(SCHEMA[key], dict):
            cfg.sections[key] = dict(value)
        else:
            setattr(cfg, key.replace("-", "_"), value)
    for code in cfg.severity:
        _check_selector(code, path, "severity")
    for name in ("select", "ignore", "extend_select"):
        for selector in getattr(cfg, name) or []:
            _check_selector(selector, path, name.replace("_", "-"))
    for selectors in cfg.per_file_ignores.values():
        for selector in selectors:
            _check_selector(selector, path, "per-file-ignores")
    return cfg


def _check_selector(selector: str, path: str, key: str) -> None:
    from lint.selection import is_known_selector

    if not is_known_selector(selector):
        raise ConfigError(f"{path}: '{key}' names unknown rule or prefix '{selector}'")
