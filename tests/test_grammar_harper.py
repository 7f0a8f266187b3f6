"""Harper, for real: exact file offsets, never in code, suppression, selection, cache."""

from __future__ import annotations

import glob
import json
import os

import pytest

pytest.importorskip("harper")

from lint.cli import main  # noqa: E402
from lint.grammar import harper as harper_engine  # noqa: E402

MD = """# Notes on prices

The report said demand has helped pushed prices up, and `helped pushed` is code.

```
We did not had code here.
```

- They could could win the cup.
"""

TXT = "We did not had an offer last summer.\n\nThe Zelenskky team met the govrenment.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(MD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TXT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def calls(monkeypatch):
    """Count the paragraphs that reach the engine."""
    seen: list[str] = []
    real = harper_engine.check_many

    def counting(texts, settings):
        seen.extend(texts)
        return real(texts, settings)

    monkeypatch.setattr(harper_engine, "check_many", counting)
    return seen


def run(capsys, *args):
    code = main(["check", "--grammar", "harper", "--format", "json", "-j", "1", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def spans(report, path):
    return [(f["code"], f["offset"], f["end_offset"]) for f in report["findings"]
            if f["path"].endswith(path)]


def test_markdown_offsets_and_no_code(project, capsys):
    code, report, _ = run(capsys, "a.md", "--select", "HARPER")
    assert code == 1
    start = MD.index("pushed prices")
    found = spans(report, "a.md")
    assert ("HARPER:HelpedPast", start, start + len("pushed")) in found
    modal = MD.index("could could")
    assert ("HARPER:DoubleModal", modal, modal + len("could could")) in found
    # nothing in the inline code span or in the fenced block
    code_spans = [(MD.index("`helped"), MD.index("is code")), (MD.index("```"), MD.rindex("```"))]
    for _, a, _b in found:
        assert not any(lo <= a < hi for lo, hi in code_spans)
    f = next(f for f in report["findings"] if f["code"] == "HARPER:HelpedPast")
    assert (f["line"], f["rule"], f["severity"], f["suggestions"]) == (3, "helped-past",
                                                                        "warning", ["push"])


def test_text_offsets_and_spelling_defaults(project, capsys):
    code, report, _ = run(capsys, "b.txt", "--select", "HARPER")
    found = spans(report, "b.txt")
    had = TXT.index("had")
    assert ("HARPER:DidPast", had, had + 3) in found
    typo = TXT.index("govrenment")
    # spelling is off by default (below the precision bar on MT output) ...
    assert not any(code == "HARPER:SpellCheck" for code, _, _ in found)
    # ... and on when selected by its code
    _, report, _ = run(capsys, "b.txt", "--select", "HARPER,HARPER:SpellCheck")
    found = spans(report, "b.txt")
    assert ("HARPER:SpellCheck", typo, typo + len("govrenment")) in found
    # a capitalised unknown word is a name: left to mtlint's names rules
    name = TXT.index("Zelenskky")
    assert not any(a == name for _, a, _b in found)


def test_spelling_on_a_word_another_file_writes_as_code(project, capsys):
    # `govrenment` written as code in c.md: an identifier in b.txt too, in one run only
    (project / "c.md").write_text("Call `govrenment` first.\n", encoding="utf-8")
    typo = TXT.index("govrenment")
    spelled = ("HARPER:SpellCheck", typo, typo + len("govrenment"))
    _, alone, _ = run(capsys, "b.txt", "--select", "HARPER,HARPER:SpellCheck", "--no-cache")
    assert spelled in spans(alone, "b.txt")
    _, together, _ = run(
        capsys, "b.txt", "c.md", "--select", "HARPER,HARPER:SpellCheck", "--no-cache"
    )
    assert spelled not in spans(together, "b.txt")
    had = TXT.index("had")
    assert ("HARPER:DidPast", had, had + 3) in spans(together, "b.txt")  # judges no word


def test_capitalised_spelling_can_be_enabled(project, capsys):
    (project / "mtlint.toml").write_text("[grammar]\ncapitalised-spelling = true\n")
    _, report, _ = run(capsys, "b.txt", "--select", "HARPER:SpellCheck")
    name = TXT.index("Zelenskky")
    assert ("HARPER:SpellCheck", name, name + len("Zelenskky")) in spans(report, "b.txt")


def test_suppression_comment(project, capsys):
    (project / "a.md").write_text(MD.replace(
        "The report", "<!-- mtlint-disable-next-line HARPER:HelpedPast -->\nThe report"))
    _, report, _ = run(capsys, "a.md", "--select", "HARPER")
    codes = [c for c, _, _ in spans(report, "a.md")]
    assert "HARPER:HelpedPast" not in codes
    assert "HARPER:DoubleModal" in codes


def test_select_and_ignore_by_code(project, capsys):
    _, report, _ = run(capsys, ".", "--select", "HARPER:DidPast")
    assert {f["code"] for f in report["findings"]} == {"HARPER:DidPast"}
    _, report, _ = run(capsys, ".", "--select", "HARPER", "--ignore", "HARPER:DidPast,HARPER:Spell")
    codes = {f["code"] for f in report["findings"]}
    assert "HARPER:DidPast" not in codes and "HARPER:SpellCheck" not in codes
    assert "HARPER:HelpedPast" in codes


def test_disabled_rule_setting(project, capsys):
    (project / "mtlint.toml").write_text('[grammar]\ndisabled-rules = ["DidPast"]\n')
    _, report, _ = run(capsys, "b.txt", "--select", "HARPER")
    assert "HARPER:DidPast" not in {f["code"] for f in report["findings"]}


def test_cache_hit_on_second_run(project, capsys, calls):
    _, first, _ = run(capsys, ".", "--select", "HARPER")
    assert len(calls) >= 4
    assert glob.glob(str(project / ".mtlint_cache" / "grammar" / "harper" / "*" / "*.json"))
    assert (project / ".mtlint_cache" / ".gitignore").exists()
    calls.clear()
    _, second, _ = run(capsys, ".", "--select", "HARPER")
    assert calls == []
    assert second["findings"] == first["findings"]
    _, third, _ = run(capsys, ".", "--select", "HARPER", "--no-cache")
    assert len(calls) >= 4 and third["findings"] == first["findings"]


def test_changed_paragraph_is_rechecked_alone(project, capsys, calls):
    run(capsys, "b.txt", "--select", "HARPER")
    calls.clear()
    (project / "b.txt").write_text(TXT.replace("last summer", "last winter"))
    run(capsys, "b.txt", "--select", "HARPER")
    assert calls == ["We did not had an offer last winter."]


def test_corrupt_cache_is_ignored(project, capsys, calls):
    _, first, _ = run(capsys, "b.txt", "--select", "HARPER")
    files = glob.glob(str(project / ".mtlint_cache" / "grammar" / "harper" / "*" / "*.json"))
    for path in files:
        with open(path, "w") as fh:
            fh.write("{not json")
    calls.clear()
    code, second, err = run(capsys, "b.txt", "--select", "HARPER")
    assert err == "" and second["findings"] == first["findings"] and calls


def test_cache_dir_setting(project, capsys):
    (project / "mtlint.toml").write_text('[grammar]\ncache-dir = "elsewhere"\n')
    run(capsys, "b.txt", "--select", "HARPER")
    assert os.path.isdir(project / "elsewhere" / "grammar" / "harper")
    assert not os.path.exists(project / ".mtlint_cache")


@pytest.mark.parametrize("toml, needle", [
    ('[grammar]\ndialect = "martian"\n', "dialect"),
    ('[grammar]\ndisabled-rules = ["NoSuchRule"]\n', "NoSuchRule"),
    ('[grammar]\nlanguage = "de-DE"\n', "English only"),
])
def test_bad_settings_exit_2_one_line(project, capsys, toml, needle):
    (project / "mtlint.toml").write_text(toml)
    code, report, err = run(capsys, "b.txt")
    assert code == 2 and report is None
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err



def test_spelling_findings_on_identifiers_are_dropped():
    from lint.grammar import _on_identifier
    from lint.readers.markdown import read

    doc = read("x.md", "Set `maxConns` first.\n\nThen maxConns and config_file and teh cat.\n")
    text = doc.segments[1].text
    for word in ("maxConns", "config_file"):
        i = text.index(word)
        assert _on_identifier(doc, text, i, i + len(word))
    i = text.index("config")  # a finding on part of a snake_case token
    assert _on_identifier(doc, text, i, i + 6)
    i = text.index("teh")
    assert not _on_identifier(doc, text, i, i + 3)


def test_spelling_findings_on_camel_case_tokens_are_dropped():
    from lint.grammar import _on_identifier
    from lint.readers.text import read as read_text

    doc = read_text("x.txt", "Call getInstances with the sessionId and topN values.\n")
    text = doc.segments[0].text
    for word in ("getInstances", "sessionId", "topN"):
        i = text.index(word)
        assert _on_identifier(doc, text, i, i + len(word))
