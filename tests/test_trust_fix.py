"""Issue 15, point 2: ``--fix`` never corrupts a file or changes its meaning.

Property tests over every rule that offers fixes (generated documents in the three formats):
each fix offered leaves the re-read document's segments as they were outside the fixed span,
and re-linting the fixed text does not report the same finding again. Then real processes:
a file changed between the lint and the write is skipped, a symbolic link keeps pointing at
its fixed target, ``--diff`` writes nothing, and ``--fix`` says what it changed per file.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.config import Config
from lint.fixcheck import apply_one, fix_is_local
from lint.readers import read_document
from lint.runner import Job, build_plan, run

#: Prose that makes rules offer fixes (doubled words, entities, invisible characters, mojibake,
#: stray digits and apostrophes, repeated sentences and headings, furniture lines, name
#: variants), and plain prose around it.
FIXABLE = [
    "So the the plan was ready.", "It it was late.", "Marks &amp; Spencer rose.",
    "He said &lt;b&gt; twice.", "Use &#42;this&#42; and &amp;copy; here.", "AT&amp;T&nbsp;won.",
    "The govern\u00adment an\u200bnounced it.", "The plan wasnâ€™t ready at the cafÃ©.",
    "The w0rld changed.", "“we will not give up'” he said.", "Advertisement",
    "Click here to read more", "The council met on Monday to discuss the new budget.",
    "The council met on Monday to discuss the new budget.",
    "Olaf Scholz spoke.", "Olaf Sholz spoke.", "Emmanual Macron arrived in Paris.",
    "Read Next: Markets fall", "(Photo: EPA)", "The the",
]
PLAIN = ["The report was published on Tuesday.", "Prices rose by 3% in March.",
         "She said the talks would continue.", "A new station opened in the north."]
MARKDOWN_WRAPS = ["{}", "# {}", "- {}", "> {}", "1. {}", "| {} | x |\n|---|---|", "{}\n---",
                  "**{}**", "`code` {}", "    {}", "```\n{}\n```", "<div>{}</div>", "## {}\n\n{}"]
HTML_WRAPS = ["<p>{}</p>", "<h1>{}</h1>", "<li>{}</li>", "<pre>{}</pre>", "<td>{}</td>",
              "<p title=\"{}\">x</p>", "<!-- {} -->"]

_PLAN = None


def plan():
    global _PLAN
    if _PLAN is None:
        _PLAN = build_plan(Config())
    return _PLAN


def lint_text(path: str, source: str):
    return run([Job(path, None, source)], plan(), workers=1).findings


@st.composite
def documents(draw):
    fmt = draw(st.sampled_from(["text", "markdown", "html"]))
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        text = draw(st.sampled_from(FIXABLE + PLAIN))
        if fmt == "markdown":
            wrap = draw(st.sampled_from(MARKDOWN_WRAPS))
        elif fmt == "html":
            wrap = draw(st.sampled_from(HTML_WRAPS))
        else:
            wrap = "{}"
        blocks.append(wrap.replace("{}", text))
    sep = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
    ext = {"text": ".txt", "markdown": ".md", "html": ".html"}[fmt]
    return "doc" + ext, sep.join(blocks) + draw(st.sampled_from(["", "\n"]))


def mapped(pos: int, fix, *, end: bool) -> int:
    """Where ``pos`` is after ``fix`` (a position inside the replaced span goes to the start
    or, for an end, the end of the replacement)."""
    if pos < fix.offset or (pos == fix.offset and not end):
        return pos
    if pos >= fix.end_offset:
        return pos + len(fix.replacement) - (fix.end_offset - fix.offset)
    return fix.offset + (len(fix.replacement) if end else 0)


def check_every_fix(path: str, source: str) -> int:
    """Each fix offered is local, and re-linting the fixed text does not report the same
    finding (same code and message at the finding's span carried through the edit; a third
    copy of a repeated word or sentence, reported after the second is gone, is another)."""
    findings = lint_text(path, source)
    doc = read_document(path, source)
    checked = 0
    for f in findings:
        if f.fix is None:
            continue
        assert fix_is_local(doc, f.fix), (f.code, f.message, source)
        fixed = apply_one(source, f.fix)
        same = (f.code, f.message, mapped(f.offset, f.fix, end=False),
                mapped(f.end_offset, f.fix, end=True))
        again = [g for g in lint_text(path, fixed)
                 if (g.code, g.message, g.offset, g.end_offset) == same]
        assert not again, (f.code, f.message, source)
        checked += 1
    return checked


#: Examples per run (``MTLINT_FUZZ_EXAMPLES`` for a longer fuzz): 60 take ~4 s.
EXAMPLES = int(os.environ.get("MTLINT_FUZZ_EXAMPLES", 60))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_every_fix_is_local_and_removes_its_finding(doc):
    check_every_fix(*doc)


@pytest.mark.parametrize("path,source", [
    ("a.txt", "So the the plan was ready.\n\nMarks &amp; Spencer rose.\n"),
    ("a.md", "# Title\n\nSo the the plan.\n\n- It it was late.\n\n> Marks &amp; Spencer.\n"),
    ("a.md", "The council met on Monday to discuss the new budget for the city. "
             "The council met on Monday to discuss the new budget for the city.\n"),
    ("a.txt", "Title\n\nAdvertisement\n\nThe govern\u00adment an\u200bnounced it.\n"),
    ("a.html", "<p>So the the plan.</p>\n<p>The plan wasnâ€™t ready.</p>\n"),
])
def test_known_fixes_are_checked(path, source):
    assert check_every_fix(path, source) >= 1


@pytest.mark.parametrize("source", ["He said &lt;script&gt; twice.\n",
                                    "Use &#42;this&#42; now.\n",
                                    "A &#124; B &#96;x&#96;\n"])
def test_entities_that_encode_markdown_syntax_are_not_fixed(source):
    findings = [f for f in lint_text("a.md", source) if f.code == "E002"]
    assert findings and all(f.fix is None for f in findings)
    plain = [f for f in lint_text("a.txt", source) if f.code == "E002"]
    assert plain and all(f.fix is not None for f in plain)  # in plain text it is safe


def test_a_fix_that_changes_structure_is_held_back():
    from lint.finding import Fix

    para = read_document("a.md", "Para one.\n\n---\n\nBody text here.\n")
    # the blank line gone, `---` underlines the paragraph: it becomes a heading
    assert not fix_is_local(para, Fix(9, 10, ""))
    assert fix_is_local(para, Fix(4, 8, ""))  # "one" and the space: inside the paragraph
    code = read_document("b.md", "Text `a` and b.\n")
    assert not fix_is_local(code, Fix(7, 8, ""))  # the closing backtick: code becomes prose
    assert fix_is_local(code, Fix(12, 14, ""))
    listed = read_document("c.md", "- one\n- two\n")
    assert not fix_is_local(listed, Fix(6, 8, ""))  # the second item's marker
    html = read_document("d.html", "<p>a <b>bold</b> word</p>\n")
    assert not fix_is_local(html, Fix(5, 8, ""))  # a tag


def _fix_kinds():
    """Rules whose documented fix deletes (``Delete …``) or adds a space (``Add the space``),
    from the docstrings that ``mtlint explain`` shows, and that say a fix is offered."""
    from lint.registry import all_rules, section

    deletes, spaces = set(), set()
    for rule in all_rules().values():
        text = " ".join(section(rule.doc, "Fix").split())
        if "fix is offered" not in text.lower() or "no fix is offered" in text.lower():
            continue
        if text.startswith("Delete"):
            deletes.add(rule.code)
        elif text.startswith("Add the space"):
            spaces.add(rule.code)
    return deletes, spaces


def _removes_only(old: str, new: str) -> bool:
    """``new`` is ``old`` with characters taken out (and something taken out)."""
    rest = iter(old)
    return len(new) < len(old) and all(ch in rest for ch in new)


def check_fix_kinds(path: str, source: str) -> set[str]:
    """A fix whose rule says "delete" only deletes; one that says "add the space" only adds
    whitespace. Returns the codes checked."""
    deletes, spaces = _fix_kinds()
    checked = set()
    for f in lint_text(path, source):
        if f.fix is None:
            continue
        old = source[f.fix.offset:f.fix.end_offset]
        if f.code in deletes:
            assert _removes_only(old, f.fix.replacement), (f.code, old, f.fix.replacement)
            checked.add(f.code)
        elif f.code in spaces:
            assert _removes_only(f.fix.replacement, old), (f.code, old, f.fix.replacement)
            assert "".join(f.fix.replacement.split()) == "".join(old.split()), f.code
            checked.add(f.code)
    return checked


def test_a_fix_that_says_delete_only_deletes():
    deletes, spaces = _fix_kinds()
    assert {"E003", "F003", "G001", "Q004", "R002", "R003"} <= deletes and "G007" in spaces
    samples = [("a.txt", "The govern\u00adment an\u200bnounced it.\n"),
               ("a.txt", "Title\n\nAdvertisement\n\nThe council met today.\n"),
               ("a.txt", "So the the plan was ready.\n"),
               ("a.txt", "\u201cWe will not give up'\u201d she said.\n"),
               ("a.txt", "The council met on Monday to discuss the new budget. "
                         "The council met on Monday to discuss the new budget.\n"),
               ("a.md", "# Budget talks resume\n\n# Budget talks resume\n\nThe council met.\n"),
               ("a.txt", "The plan was ready.The council met.\n")]
    checked = set()
    for path, source in samples:
        checked |= check_fix_kinds(path, source)
    assert checked == deletes | spaces  # every such rule's fix was seen and checked


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_fixes_do_what_their_rule_says_on_random_documents(doc):
    check_fix_kinds(*doc)


# -- real processes ---------------------------------------------------------------------------
def mtlint(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


DOUBLED = "So the the plan was ready, and it it was late.\n"


def test_fix_reports_per_file_and_diff_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n\nMarks &amp; Spencer.\n", encoding="utf-8")
    code, out, err = mtlint("check", ".", "--diff", cwd=tmp_path)
    assert code == 1 and err == ""
    assert "--- a/a.txt\n+++ b/a.txt\n" in out and "-So the the plan" in out
    assert "+So the plan was ready, and it was late." in out and "+Marks & Spencer." in out
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == DOUBLED  # nothing written
    code, out, err = mtlint("check", ".", "--fix", cwd=tmp_path)
    assert "fixed a.txt: 2 fixes (G001 ×2)" in err and "fixed b.md: 1 fix (E002 ×1)" in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == \
        "So the plan was ready, and it was late.\n"
    assert mtlint("check", ".", "--diff", cwd=tmp_path)[:2] == (0, "")


def test_a_symlink_keeps_pointing_at_its_fixed_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_text(DOUBLED, encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, out, err = mtlint("check", "link.txt", "--fix", cwd=tmp_path)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "So the plan was ready, and it was late.\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_file_changed_after_linting_is_not_fixed(tmp_path, monkeypatch):
    """The file is edited between the lint and the write: stale offsets would splice words
    into each other, so the file is left as the editor wrote it, with a note."""
    from lint import fix as fix_mod
    from lint.cli import main

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text(DOUBLED, encoding="utf-8")
    edited = "An editor wrote this meanwhile: so the the plan.\n"
    real = fix_mod.apply_fixes

    def edit_then_apply(*args, **kwargs):
        path.write_text(edited, encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(fix_mod, "apply_fixes", edit_then_apply)
    assert main(["check", "a.txt", "--fix", "--no-cache"]) == 1
    assert path.read_text(encoding="utf-8") == edited

    # and changed in the last moment, between the digest check and the replace
    path.write_text(DOUBLED, encoding="utf-8")
    real_replace = fix_mod.replace_file
    monkeypatch.setattr(fix_mod, "apply_fixes", real)

    def racing_open(p, mode="r", *a, **k):
        if "b" in mode and str(p) == str(path) and racing_open.calls == 1:
            path.write_text(edited, encoding="utf-8")
        racing_open.calls += 1
        return open(p, mode, *a, **k)

    racing_open.calls = 0
    monkeypatch.setattr(fix_mod, "open", racing_open, raising=False)
    assert main(["check", "a.txt", "--fix", "--no-cache"]) == 1
    assert path.read_text(encoding="utf-8") == edited
    assert fix_mod.replace_file is real_replace


def test_utf16_files_are_fixed_in_their_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode("utf-16-be") + DOUBLED.encode("utf-16-be"))
    code, out, err = mtlint("check", "a.txt", "--fix", cwd=tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xfe\xff")
    assert data[2:].decode("utf-16-be") == "So the plan was ready, and it was late.\n"
