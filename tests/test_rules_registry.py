"""Every rule is documented the same way, and the README table is generated from it."""

import os

from conftest import ROOT

from lint.registry import CODE_RE, NAME_RE, all_rules, section
from lint.ruledocs import MARKER_RE, expand_markers

SECTIONS = ("What it flags", "Why it matters", "Example", "Fix")


def test_every_rule_has_code_name_and_docstring_sections():
    rules = all_rules()
    assert len(rules) >= 2
    names = set()
    for code, rule in rules.items():
        assert CODE_RE.match(code) and NAME_RE.match(rule.name)
        assert rule.name not in names
        names.add(rule.name)
        for title in SECTIONS:
            assert section(rule.doc, title), f"{code} lacks a '## {title}' section"
        assert rule.check is not None or rule.is_corpus


def test_docs_generate_the_rule_table_and_every_family_from_the_registry():
    import re

    rules = list(all_rules().values())
    families = {r.family for r in rules}
    marked = set()
    for folder, _dirs, files in os.walk(os.path.join(ROOT, "docs")):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as fh:
                    marked.update(re.findall(MARKER_RE, fh.read()))
    assert "table" in marked and families <= marked, families - marked
    text, seen = expand_markers("<!-- mtlint-rules:table -->\n<!-- mtlint-rules:garbled -->",
                                rules, {"garbled": "garbled.md"})
    assert seen == {"garbled"}
    assert "| [G001](garbled.md#g001) | `doubled-word` |" in text
    assert "## G001 `doubled-word` {#g001}" in text and "### What it flags" in text
