"""``--format html``: the page's structure and escaping in Python, then the real page in
headless Chromium (Debian's ``chromium`` driven by Playwright): highlights sit on the flagged
text, the rule and severity filters hide the other findings, and markup from the linted text
stays inert."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import ROOT

from lint.finding import Finding, Fix
from lint.reporters.html import highlight, render
from lint.runner import RunResult

HOSTILE = ('The minister said the the plan <script>window.__pwned = 1</script> was ready. '
           '<img src=x onerror="window.__pwned = 2"> “quoted\n')
HOSTILE_NAME = 'evil<b onmouseover="x">name<b>.txt'


def finding(line, col, end_col, code="G001", severity="warning", offset=0, **kw):
    return Finding("a.txt", line, col, line, end_col, offset, offset + end_col - col, code,
                   kw.pop("rule", "doubled-word"), severity, kw.pop("message", "m"), **kw)


# -- Python side ----------------------------------------------------------------------------------
def test_highlight_nests_and_splits_crossing_spans():
    classes = {0: "a", 1: "b", 2: "c"}
    titles = {0: "t0", 1: "t1", 2: "t2"}
    html = highlight("abcdefgh", [(0, 5, 0), (1, 3, 1), (3, 7, 2)], classes, titles)
    # 0 holds 1 (nested); 2 crosses 0's end, so it is split in two marks.
    assert html == (
        '<mark class="hl a" data-finding="0" title="t0">a'
        '<mark class="hl b" data-finding="1" title="t1">bc</mark>'
        '<mark class="hl c" data-finding="2" title="t2">de</mark></mark>'
        '<mark class="hl c" data-finding="2" title="t2">fg</mark>h')


def test_highlight_escapes_text_and_marks_empty_spans():
    html = highlight("a<b>&c", [(1, 4, 0), (6, 6, 1)], {0: "x", 1: "y"}, {0: '"t"', 1: "u"})
    assert html == ('a<mark class="hl x" data-finding="0" title="&quot;t&quot;">&lt;b&gt;'
                    '</mark>&amp;c<mark class="hl y" data-finding="1" title="u"></mark>')


def test_page_is_self_contained_and_escapes_everything():
    line = '<script>alert(1)</script> the the'
    f = Finding('<i>x</i>.txt', 1, 27, 1, 34, 26, 33, "G001", "doubled-word", "warning",
                'Doubled word: "<b>"', ["the"], Fix(29, 33, ""))
    result = RunResult([f], ['<x>.txt: not valid UTF-8'], 1, 5, len(line),
                       lines={'<i>x</i>.txt': {1: line}})
    page = render(result)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<i>x</i>" not in page and "&lt;i&gt;x&lt;/i&gt;.txt" in page
    assert "<x>.txt" not in page
    assert page.count("<script>") == 1  # ours, and nothing else
    for external in ("http://", "https://", "src=", "@import", "url("):
        assert external not in page
    assert "Content-Security-Policy" in page and "script-src 'sha256-" in page


def test_related_source_is_shown_beside_the_target():
    target = "The meeting is on 12 May."
    f = Finding("fr/page.md", 3, 19, 3, 25, 40, 46, "T001", "number-changed",
                "error", "Number 13 in the source is 12 here.",
                           related=[{"path": "en/page.md", "line": 3, "column": 19,
                                     "text": "La réunion a lieu le 13 <mai>.",
                                     "label": "source"}])
    page = render(RunResult([f], [], 1, 6, 30, lines={"fr/page.md": {3: target}}))
    assert '<div class="pair"><div class="source"><h3>Source</h3>' in page
    assert "en/page.md:3:19" in page and "La réunion a lieu le 13 &lt;mai&gt;." in page
    assert ('<div class="target"><h3>Target</h3><div class="text">The meeting is on '
            '<mark class="hl sev-error" data-finding="0"') in page


def test_findings_without_related_have_no_source_panel():
    f = finding(1, 1, 4, offset=0)
    page = render(RunResult([f], [], 1, 2, 7, lines={"a.txt": {1: "the the"}}))
    assert 'class="pair"' not in page


def test_findings_without_kept_lines_are_listed_without_an_excerpt():
    f = finding(1, 1, 4, offset=0)
    page = render(RunResult([f], [], 1, 2, 7))
    assert 'class="excerpt"' not in page and 'id="f0"' in page


def test_a_stream_that_cannot_take_utf8_gets_character_references():
    import io

    from lint.reporters import ReportContext
    from lint.reporters.html import report

    f = finding(1, 1, 4, offset=0, message="Mojibake 'â€”' (should read '—').")
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    report(RunResult([f], [], 1, 2, 7, lines={"a.txt": {1: "😀 the the"}}), out, ReportContext())
    out.flush()
    text = raw.getvalue().decode("ascii")
    assert "&#128512;" in text and "&#8212;" in text


def test_cli_writes_html(run_cli):
    with open("a.md", "w", encoding="utf-8") as fh:
        fh.write("The minister said the the plan was ready.\n")
    code, out, _ = run_cli("check", "a.md", "--format", "html")
    assert code == 1 and out.startswith("<!DOCTYPE html>")
    assert '<mark class="hl sev-warning" data-finding="0"' in out


# -- in the browser -------------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if os.path.exists("/usr/bin/chromium") else None)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium): the "
                    "HTML report's browser tests need it")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright (the [test] extra) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def report_page(browser, run_cli, tmp_path):
    """The report on the bundled examples plus a hostile file, open in Chromium; with the
    same run's JSON and the files' text."""
    shutil.copytree(os.path.join(ROOT, "examples"), "examples")
    with open(os.path.join("examples", HOSTILE_NAME), "w", encoding="utf-8") as fh:
        fh.write(HOSTILE)
    code, html, _ = run_cli("check", "examples", "--format", "html")
    _, raw, _ = run_cli("check", "examples", "--format", "json")
    data = json.loads(raw)
    report = tmp_path / "report.html"
    report.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(report.as_uri())
    yield page, data["findings"], errors
    page.close()


def _source(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


MARKS_BY_FINDING = """() => {
  const out = {};
  for (const m of document.querySelectorAll("mark.hl")) {
    const line = m.closest(".row").dataset.line;
    (out[m.dataset.finding] ||= []).push([Number(line), m.textContent]);
  }
  return out;
}"""

VISIBLE_CODES = """() => Array.from(document.querySelectorAll("li.finding"))
  .filter(li => li.offsetParent !== null).map(li => li.dataset.code)"""


def test_highlights_sit_on_the_flagged_text(report_page):
    page, findings, errors = report_page
    assert len(findings) >= 20
    marks = page.evaluate(MARKS_BY_FINDING)
    sources = {}
    for fid, f in enumerate(findings):
        src = sources.setdefault(f["path"], _source(f["path"]))
        expected = src[f["offset"]:f["end_offset"]].replace("\r\n", "\n")
        parts = marks[str(fid)]
        # Marks on one line join directly; a span over several lines breaks between them.
        text = ""
        for i, (line, piece) in enumerate(parts):
            if i and line != parts[i - 1][0]:
                text += "\n"
            text += piece
        assert text == expected, (f["code"], f["path"], f["line"])
        assert parts[0][0] == f["line"]
    assert errors == []


def test_rule_filter_hides_the_other_findings(report_page):
    page, findings, _ = report_page
    all_codes = sorted(f["code"] for f in findings)
    assert sorted(page.evaluate(VISIBLE_CODES)) == all_codes
    g001 = [i for i, f in enumerate(findings) if f["code"] == "G001"]
    assert len(g001) >= 2 and len(g001) < len(findings)

    page.click('button.rule-only[data-rule="G001"]')
    assert page.evaluate(VISIBLE_CODES) == ["G001"] * len(g001)
    lit = page.evaluate("""() => Array.from(document.querySelectorAll("mark.hl:not(.off)"))
        .map(m => Number(m.dataset.finding))""")
    assert sorted(set(lit)) == g001  # only G001's highlights stay lit
    assert page.inner_text("#shown") == str(len(g001))
    # A file with no G001 finding is hidden altogether.
    hidden_files = page.evaluate("""() => Array.from(document.querySelectorAll(
        "section.file")).filter(s => s.offsetParent === null).map(s => s.dataset.path)""")
    g001_files = {findings[i]["path"] for i in g001}
    assert set(hidden_files) == {f["path"] for f in findings} - g001_files

    # Severity: G001 is a warning, so hiding warnings leaves nothing.
    page.uncheck('input[data-severity="warning"]')
    assert page.evaluate(VISIBLE_CODES) == []
    page.click("#show-all")
    assert sorted(page.evaluate(VISIBLE_CODES)) == all_codes
    # Unticking one rule hides just that rule.
    page.uncheck('input[data-rule="F004"]')
    assert sorted(page.evaluate(VISIBLE_CODES)) == [c for c in all_codes if c != "F004"]


def test_markup_in_linted_text_and_file_names_is_inert(report_page):
    page, findings, errors = report_page
    assert page.evaluate("() => window.__pwned") is None
    # Only our own script and no element came from the linted text.
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.querySelectorAll('main img, main b, "
                         "main script').length") == 0
    hostile = [i for i, f in enumerate(findings) if f["path"].endswith(HOSTILE_NAME)]
    assert hostile
    section = page.locator("section.file", has_text="evil<b")
    assert section.locator("h2").inner_text().startswith("examples/" + HOSTILE_NAME)
    row = section.locator(".row").first.inner_text()
    assert '<script>window.__pwned = 1</script>' in row
    assert '<img src=x onerror="window.__pwned = 2">' in row
    assert errors == []


def test_screenshot_of_the_report_renders(report_page, tmp_path):
    """The page draws (a screenshot is no blank image); docs/img/html-report.png is made the
    same way on the bundled examples."""
    page, _, _ = report_page
    shot = page.screenshot()
    assert len(shot) > 20_000
