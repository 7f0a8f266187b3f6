"""The command line: formats, exit codes, bad input, stdin, fixes, rules and explain."""

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

DOUBLED = "Heading\n\nThe minister said the the plan was ready.\r\nIt is is what it is.\n"


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, mode) as fh:
        fh.write(data)


def test_text_format_and_exit_code(run_cli):
    write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "--format", "text")
    assert code == 1
    assert out.splitlines()[0] == ("a.txt:3:19: G001 [warning] Doubled word: 'the the'. "
                                   "(suggestion: the)")
    assert "Found 1 finding in 1 file." in out and err == ""


def test_clean_file_exits_zero(run_cli):
    write("a.txt", "Nothing to see here.\n")
    assert run_cli("check", "a.txt")[0] == 0


def test_json_positions_agree_with_offsets(run_cli):
    write("a.txt", DOUBLED)
    code, out, _ = run_cli("check", "a.txt", "--format", "json")
    data = json.loads(out)
    assert data["version"] and data["summary"]["findings"] == 1
    assert data["summary"]["by_rule"] == {"G001": 1}
    f = data["findings"][0]
    source = open("a.txt", encoding="utf-8", newline="").read()
    assert source[f["offset"]:f["end_offset"]] == "the the"
    lines = source.split("\n")
    assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == "the the"
    assert f["fix"] == {"offset": f["offset"] + 3, "end_offset": f["end_offset"],
                        "replacement": ""}


def test_sarif_structure(run_cli):
    write("a.txt", DOUBLED)
    _, out, _ = run_cli("check", "a.txt", "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mtlint"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == ["G001"]
    assert driver["rules"][0]["name"] == "doubled-word"
    assert driver["rules"][0]["shortDescription"]["text"]
    assert driver["rules"][0]["fullDescription"]["text"]
    (result,) = run["results"]
    assert result["ruleId"] == "G001" and result["ruleIndex"] == 0
    assert result["level"] == "warning" and result["message"]["text"]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.txt"
    region = loc["region"]
    assert region == {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 26,
                      "charOffset": 27, "charLength": 7}


def test_github_format(run_cli):
    write("a,b.txt", DOUBLED)
    _, out, _ = run_cli("check", "a,b.txt", "--format", "github")
    assert out == ("::warning file=a%2Cb.txt,line=3,col=19,endLine=3,endColumn=26,title=G001::"
                   "Doubled word: 'the the'. (suggestion: the)\n")


def test_rich_format_without_terminal_has_no_ansi(run_cli):
    write("a.txt", DOUBLED)
    _, out, _ = run_cli("check", "a.txt", "--format", "rich")
    assert "\x1b[" not in out
    assert "a.txt" in out and "G001" in out and "^^^^^^^" in out
    assert "The minister said the the plan was ready." in out
    assert "Found 1 finding in 1 file." in out


def test_default_format_off_terminal_is_text(run_cli):
    write("a.txt", DOUBLED)
    _, out, _ = run_cli("check", "a.txt")
    assert out.startswith("a.txt:3:19: G001")


def test_statistics_and_quiet(run_cli):
    write("a.txt", DOUBLED + "and and\n")
    _, out, _ = run_cli("check", "a.txt", "--statistics", "--quiet", "--format", "text")
    assert "     2  G001     doubled-word [warning]" in out
    assert "Found" not in out


@pytest.mark.parametrize("name, data, message", [
    ("bin.txt", b"abc\x00\x01\x02", "binary file"),
    ("latin1.txt", "caf\xe9 au lait".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_files_are_reported_and_others_still_linted(run_cli, name, data, message):
    write(name, data, "wb")
    write("good.txt", DOUBLED)
    code, out, err = run_cli("check", name, "good.txt", "--format", "json")
    assert code == 2
    assert json.loads(out)["summary"]["findings"] == 1
    assert err.count("\n") == 1 and name in err and message in err


def test_missing_path_and_empty_file(run_cli):
    write("empty.txt", "")
    code, out, err = run_cli("check", "empty.txt", "missing.txt")
    assert code == 2 and "missing.txt" in err and "Traceback" not in err
    assert run_cli("check", "empty.txt")[0] == 0


def test_bom_and_crlf_keep_columns(run_cli):
    write("bom.txt", ("\ufeffHeading\r\n\r\nSo the the end.\r\n").encode("utf-8"), "wb")
    _, out, _ = run_cli("check", "bom.txt", "--format", "json")
    f = json.loads(out)["findings"][0]
    assert (f["line"], f["column"], f["end_column"]) == (3, 4, 11)


def test_stdin_with_filename(run_cli):
    code, out, _ = run_cli("check", "-", "--stdin-filename", "notes.txt", "--format", "text",
                           stdin=DOUBLED.encode())
    assert code == 1 and out.startswith("notes.txt:3:19: G001")


def test_usage_errors_are_one_line(run_cli):
    for args in (["check", "--format", "xml", "a.txt"], ["check", "--select", "Q999x"],
                 ["explain", "Z123"], ["frobnicate"], ["check", "-", "a.txt"]):
        code, out, err = run_cli(*args)
        assert code == 2, args
        assert err.startswith("mtlint: error:") and err.count("\n") == 1, (args, err)


def test_directory_walk_skips_hidden_gitignored_and_other_extensions(run_cli):
    for path in ("docs/a.md", "docs/b.txt", "docs/c.html", ".hidden/d.txt", "docs/.e.txt",
                 "build/f.txt", "docs/g.py", "docs/sub/h.txt"):
        write(path, DOUBLED)
    write(".gitignore", "build/\n")
    write("docs/.gitignore", "sub/\n")
    _, out, _ = run_cli("check", ".", "--format", "json", "--select", "G001")
    paths = sorted({f["path"] for f in json.loads(out)["findings"]})
    assert paths == [os.path.join("docs", n) for n in ("a.md", "b.txt", "c.html")]
    _, out, _ = run_cli("check", ".", "--no-respect-gitignore", "--format", "json")
    assert os.path.join("build", "f.txt") in {f["path"] for f in json.loads(out)["findings"]}


def test_a_named_file_needs_no_gitignore_matching(tmp_path):
    """A file named on the command line is linted whatever .gitignore says, so a one-file
    check does not pay for pathspec's import (~30 ms)."""
    import subprocess
    import sys

    write(".gitignore", "*.txt\n")
    write("a.txt", DOUBLED)
    code = ("import sys; from lint.discover import discover; "
            "print(discover(['a.txt']).files, 'pathspec' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, check=True).stdout
    assert out.split() == ["['a.txt']", "False"]


def test_output_order_is_deterministic_in_parallel(run_cli):
    for i in range(12):
        write(f"d/{i:02d}.txt", DOUBLED)
    _, serial, _ = run_cli("check", "d", "--format", "json", "--jobs", "1")
    _, parallel, _ = run_cli("check", "d", "--format", "json", "--jobs", "2")
    assert serial == parallel
    paths = [f["path"] for f in json.loads(serial)["findings"]]
    assert paths == sorted(paths) and len(paths) == 12


def test_fix_rewrites_only_with_fix_and_keeps_crlf(run_cli):
    write("a.txt", DOUBLED.encode("utf-8"), "wb")
    before = open("a.txt", "rb").read()
    run_cli("check", "a.txt")
    assert open("a.txt", "rb").read() == before  # never changed unless asked
    code, out, err = run_cli("check", "a.txt", "--fix", "--format", "json")
    assert code == 0 and "applied 1 fix" in err
    after = open("a.txt", "rb").read()
    assert after == before.replace(b"the the", b"the")
    assert b"\r\n" in after and not [n for n in os.listdir(".") if n.startswith(".mtlint-")]


def test_rules_and_explain(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "G001" in out and "doubled-word" in out
    code, out, _ = run_cli("explain", "doubled-word")
    assert code == 0
    for heading in ("## What it flags", "## Why it matters", "## Example", "## Fix"):
        assert heading in out
    assert run_cli("explain", "g001")[1] == out
    code, out, _ = run_cli("rules", "--format", "json")
    entry = next(r for r in json.loads(out) if r["code"] == "G001")
    assert entry["name"] == "doubled-word" and entry["default"] is True


def test_version_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "lint", "--version"], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.startswith("mtlint ")


def test_no_traceback_on_broken_config_via_subprocess(tmp_path):
    (tmp_path / "mtlint.toml").write_text("fail-on = 3\n")
    proc = subprocess.run([sys.executable, "-m", "lint", "check", "."], capture_output=True,
                          text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": ROOT})
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "'fail-on'" in proc.stderr


@pytest.mark.parametrize("no_color", [False, True])
def test_rich_on_a_terminal_is_coloured_unless_no_color(run_cli, monkeypatch, no_color):
    write("a.txt", DOUBLED)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run_cli("check", "a.txt")  # rich is the default on a terminal
    assert code == 1 and "G001" in out and "^^^^^^^" in out
    assert ("\x1b[" in out) is (not no_color)


def test_rich_keeps_long_lines_within_the_width_and_carets_under_the_span(run_cli):
    sentence = "The bridge, which cost forty million euros, is the longest bridge in the country."
    write("long.txt", f"Heading\n\n{'Filler words go here. ' * 6}{sentence} {sentence}\n")
    _, out, _ = run_cli("check", "long.txt", "--format", "rich", "--select", "R002")
    lines = out.splitlines()
    caret = next(i for i, line in enumerate(lines) if set(line.strip()) == {"^"})
    source, marks = lines[caret - 1], lines[caret]
    assert max(len(source), len(marks)) <= 100
    start = marks.index("^")
    assert source[start:start + len("The bridge")] == "The bridge"


def test_empty_suggestion_reads_as_delete(run_cli):
    write("q.txt", "Heading\n\nShe said: “we will not give up'” and left.\n")
    _, out, _ = run_cli("check", "q.txt", "--select", "Q004", "--format", "text")
    assert "(suggestion: delete it)" in out


def test_overlapping_fixes_apply_one_per_span():
    from lint.finding import Fix
    from lint.fix import apply_to_text

    text = "abcdef"
    fixes = [Fix(1, 3, "X"), Fix(2, 4, "Y"), Fix(4, 5, "")]
    new, chosen = apply_to_text(text, fixes)
    assert new == "aXdf" and chosen == [fixes[0], fixes[2]]


def test_fix_never_writes_stdin(run_cli):
    code, out, err = run_cli("check", "-", "--fix", "--format", "text", stdin=DOUBLED.encode())
    assert code == 1 and "G001" in out and "applied" not in err


def test_bundled_example_shows_each_artifact_the_design_names(run_cli):
    """The quick start's example: every defect it plants is reported at its text, and nothing
    else (code, inline code, URLs and front matter stay silent)."""
    path = os.path.join(ROOT, "examples", "article.md")
    code, out, _ = run_cli("check", path, "--format", "json", "-q", "--extend-select", "G006")
    assert code == 1
    source = open(path, encoding="utf-8").read()
    found = {(f["code"], source[f["offset"]:f["end_offset"]])
             for f in json.loads(out)["findings"]}
    expected = {("G002", "heatAnd"), ("G006", "Energy Water"), ("G001", "the the"),
                ("Q004", "'"), ("G003", "They"), ("N001", "Sholz"), ("N003", "Emmanual"),
                ("G004", "L.N"), ("F002", "Read Next: Council approves new bus lanes"),
                ("F004", "(Source: City Hall/Flickr)"), ("E001", "â€”"), ("E002", "&amp;")}
    assert expected <= found, expected - found
    codes = [c for c, _ in found]
    assert {"F001", "Q005", "R001"} <= set(codes)
    fenced = source.index("```sh")
    assert all(f["offset"] < fenced for f in json.loads(out)["findings"])  # nothing in code
