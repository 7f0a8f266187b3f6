"""What the language server lints and with which settings; no protocol here.

Each document is linted with the configuration nearest above its file (as ``mtlint check``
run from that directory would find it), through the same runner as the command line: the
selection, ``ignore``, ``severity``, ``per-file-ignores`` (matched against the path relative to
the configuration file), ``exclude`` and inline suppressions all apply. The text linted is
the editor's buffer, never the file on disk. Corpus rules see the one document; the
identifier vocabulary (:mod:`lint.identifiers`) is the server's: a word one open document
writes as code is an identifier in all of them (:class:`lint.server.app.MtlintServer`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

#: Language identifiers editors send, and the reader each one gets.
LANGUAGE_FORMATS = {
    "markdown": "markdown",
    "html": "html",
    "plaintext": "text",
    "text": "text",
}


def document_format(path: str | None, language_id: str | None) -> str | None:
    """The reader for a document, or None when it is not prose mtlint reads (code, TOML...)."""
    if language_id in LANGUAGE_FORMATS:
        return LANGUAGE_FORMATS[language_id]
    from lint.readers import LINTED_EXTENSIONS, format_for

    if path and path.lower().endswith(LINTED_EXTENSIONS):
        return format_for(path)
    return None


@dataclass
class Outcome:
    """A document's findings and what it writes as code (its identifier vocabulary)."""

    findings: list
    vocabulary: frozenset


@dataclass
class _Loaded:
    stamp: tuple  # (config path, mtime_ns, size): reload when it changes
    config: object
    plan: object
    exclude: object  # a pathspec, or None


class ProjectLinter:
    """Lints buffers; caches each configuration file's plan until the file changes.

    Not thread-safe on its own: the server calls :meth:`lint` from one worker thread.
    """

    def __init__(self, fallback_root: str | None = None):
        self.fallback_root = fallback_root or os.getcwd()
        self._loaded: dict[str | None, _Loaded] = {}
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Import the rules and load the default plan (the first lint is then fast)."""
        from lint.registry import all_rules

        all_rules()
        self._settings(None)

    def _settings(self, path: str | None) -> _Loaded:
        from lint.config import Config, find_config, load_config

        directory = os.path.dirname(path) if path else self.fallback_root
        config_path = find_config(directory)
        try:
            st = os.stat(config_path) if config_path else None
        except OSError:
            st = None
        stamp = (config_path, st.st_mtime_ns, st.st_size) if st else (None,)
        with self._lock:
            known = self._loaded.get(config_path)
            if known is not None and known.stamp == stamp:
                return known
        from lint.runner import build_plan

        config = load_config(config_path) if config_path else Config()
        plan = build_plan(config)
        exclude = None
        patterns = list(config.exclude) + list(config.extend_exclude)
        if patterns:
            import pathspec

            exclude = pathspec.GitIgnoreSpec.from_lines(patterns)
        loaded = _Loaded(stamp, config, plan, exclude)
        with self._lock:
            self._loaded[config_path] = loaded
        return loaded

    def lint(self, path: str | None, text: str, language_id: str | None = None
             ) -> Outcome | None:
        """The findings of ``text`` (the buffer of the file at ``path``, or of an unsaved new
        document when ``path`` is None) and its vocabulary; None when mtlint does not lint
        this document.

        Raises :class:`lint.config.ConfigError` for a broken configuration file.
        """
        fmt = document_format(path, language_id)
        if fmt is None:
            return None
        settings = self._settings(path)
        shown = self._relative(path, settings.config)
        if settings.exclude is not None and path and settings.exclude.match_file(shown):
            return None
        from lint.runner import Job, run

        result = run([Job(shown, None, text, fmt)], settings.plan, workers=1)
        return Outcome(result.findings, result.vocabulary)

    def _relative(self, path: str | None, config) -> str:
        if not path:
            return "untitled"
        root = config.root if config.path else os.path.dirname(path)
        rel = os.path.relpath(path, root)
        return path if rel.startswith("..") else rel.replace(os.sep, "/")
