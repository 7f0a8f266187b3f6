"""Issue 15's quality bar, kept true: the README has a "Security and reliability" section
linking docs/security.md, and every test that page names as the proof of a guarantee
exists (a renamed or deleted test would leave a guarantee without its check)."""

from __future__ import annotations

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as fh:
        return fh.read()


def test_readme_has_the_security_section():
    readme = _read("README.md")
    section = readme.split("## Security and reliability", 1)
    assert len(section) == 2, "README lost its Security and reliability section"
    body = section[1].split("\n## ", 1)[0]
    assert "(docs/security.md)" in body and "tests/test_trust_" in body


def test_every_test_named_on_the_security_page_exists():
    page = _read("docs", "security.md")
    table = page[page.index("## Guarantees and their tests"):]
    table = table[:table.index("\n## ", 5)]
    sources = {}
    for folder, _, names in os.walk(os.path.join(ROOT, "tests")):
        for name in names:
            if name.startswith("test_") and name.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, name), ROOT)
                sources[rel] = _read(rel)
    named = re.findall(r"`((?:tests/[\w/]+\.py)?(?:::)?(?:test_\w+)?)`", table)
    checked = 0
    for ref in named:
        path, _, test = ref.partition("::") if "::" in ref else (
            (ref, "", "") if ref.endswith(".py") else ("", "", ref))
        if path:
            assert path in sources, ref
        if test:
            where = [sources[path]] if path else list(sources.values())
            assert any(re.search(rf"^(?:async )?def {test}\(", text, re.MULTILINE)
                       for text in where), f"docs/security.md names a missing test: {ref}"
        checked += 1
    assert checked >= 25
