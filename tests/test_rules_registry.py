"""Every rule is documented the same way, and the README table is generated from it."""

import os

from conftest import ROOT

from lint.registry import CODE_RE, NAME_RE, all_rules, section
from lint.ruledocs import README_BEGIN, README_END, render_readme

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


def test_readme_rule_table_is_current():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    assert README_BEGIN in readme and README_END in readme
    assert render_readme(readme, list(all_rules().values())) == readme, (
        "README rule table is stale: run `python -m lint.ruledocs`")
