"""The documentation site builds with ``mkdocs build --strict`` (broken links, missing pages,
undocumented rule families fail it), fetches nothing from the network, and its rule pages say
what ``mtlint explain`` says. The README's sample output is real output."""

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from lint.registry import all_rules


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=ROOT)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                          "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "WARNING" not in run.stderr, run.stderr
    return out


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def test_no_asset_is_loaded_from_the_network(site):
    remote = re.compile(r"""<(?:script|img|iframe)[^>]+src=["']https?:|"""
                        r"""<link[^>]+href=["']https?:[^>]*>|@import\s+url\(["']?https?:""")
    for folder, _dirs, files in os.walk(site):
        for name in files:
            if name.endswith((".html", ".css")):
                text = _read(os.path.join(folder, name))
                hits = [m.group() for m in remote.finditer(text)
                        if "rel=\"canonical\"" not in m.group()]
                assert not hits, (name, hits[:3])
                assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_rule_has_a_generated_section_from_its_docstring(site):
    pages = {}
    for folder, _dirs, files in os.walk(os.path.join(site, "rules")):
        for name in files:
            if name == "index.html":
                pages[folder] = _read(os.path.join(folder, name))
    everything = "\n".join(pages.values())
    for code, rule in all_rules().items():
        assert f'id="{code.lower()}"' in everything, f"{code} has no section on a rule page"
        # A phrase of the docstring itself (the same source as `mtlint explain`).
        first = rule.summary.split("`")[0].strip()[:40]
        assert first in everything.replace("\n", " "), (code, first)
    table = pages[os.path.join(site, "rules")]
    assert table.count("<tr>") == len(all_rules()) + 1
    assert 'href="garbled/#g001"' in table


def test_readme_sample_output_is_what_mtlint_prints():
    readme = _read(os.path.join(ROOT, "README.md"))
    m = re.search(r"<!-- sample-output:begin \(([^)]*)\) -->\n```text\n(.*?)```", readme, re.S)
    assert m, "README lost its sample output block"
    command, sample = m.group(1), m.group(2)
    args = command.split()
    assert args[0] == "mtlint"
    env = dict(os.environ, PYTHONPATH=ROOT, NO_COLOR="1", COLUMNS="100")
    run = subprocess.run([sys.executable, "-m", "lint", *args[1:], "--no-cache"], cwd=ROOT,
                         env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    for line in sample.splitlines():
        if line.strip() and line.strip() != "…":
            assert line.rstrip() in [x.rstrip() for x in lines], f"not in real output: {line!r}"


def test_readme_quick_start_is_what_ci_runs():
    readme = _read(os.path.join(ROOT, "README.md"))
    part = readme.split("## Developer quick start", 1)[1]
    commands = re.findall(r"```sh\n(.*?)\n```", part, re.S)
    assert len(commands) == 2, commands
    ci = _read(os.path.join(ROOT, ".ci", "run"))
    ci_lines = [line.strip() for line in ci.splitlines()]
    for command in commands:
        assert command.strip() in ci_lines, f"README quick start not in .ci/run: {command}"
    assert ".venv/bin/ruff check ." in ci_lines
