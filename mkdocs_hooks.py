"""MkDocs hooks: the rule pages are generated from the rule registry at build time.

A page holding ``<!-- mtlint-rules:FAMILY -->`` gets the documentation of every rule of that
family (the docstrings ``mtlint explain`` prints); ``<!-- mtlint-rules:table -->`` gets the
table of all rules. A family that no page documents fails the build, so a new family cannot go
undocumented.
"""

from __future__ import annotations

import os
import re

_documented: set[str] = set()
_family_pages: dict[str, str] = {}


def _rules():
    from lint.registry import all_rules

    return list(all_rules().values())


def on_pre_build(config):
    _documented.clear()
    _family_pages.clear()
    from lint.ruledocs import MARKER_RE

    docs_dir = config["docs_dir"]
    for folder, _dirs, files in os.walk(docs_dir):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                for family in re.findall(MARKER_RE, fh.read()):
                    if family != "table":
                        _family_pages[family] = os.path.relpath(path, docs_dir)


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    from lint.ruledocs import expand_markers

    here = os.path.dirname(page.file.src_path)
    pages = {family: os.path.relpath(path, here or ".").replace(os.sep, "/")
             for family, path in _family_pages.items()}
    try:
        text, seen = expand_markers(markdown, _rules(), pages)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_path}: {exc}") from None
    _documented.update(seen)
    return text


def on_post_build(config):
    from mkdocs.exceptions import PluginError

    missing = sorted({r.family for r in _rules()} - _documented)
    if missing:
        raise PluginError(f"no docs page documents the rule families {missing}: add "
                          f"<!-- mtlint-rules:FAMILY --> to a page")
