"""Adopting mtlint on a repository with findings: --write-baseline, then --baseline reports
only new findings; entries survive edits above them and are reported stale once fixed."""

import json

import pytest

TEXT = ("Intro line of the report.\n\n"
        "The minister said the the plan was ready for the council.\n\n"
        "Officials confirmed the figures on Monday.\n")


def write(path, data):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(data)


@pytest.fixture
def baselined(run_cli):
    write("a.txt", TEXT)
    code, out, err = run_cli("check", "a.txt", "--write-baseline")
    assert code == 0 and out == ""
    assert "wrote 1 finding to the baseline .mtlint-baseline.json" in err
    return run_cli


def test_baseline_hides_known_findings(baselined):
    data = json.load(open(".mtlint-baseline.json", encoding="utf-8"))
    (entry,) = data["findings"]
    assert entry["code"] == "G001" and entry["path"] == "a.txt" and entry["text"] == "the the"
    assert entry["before"].endswith("The minister said")
    code, out, err = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json",
                               "--format", "text")
    assert code == 0 and "G001" not in out and "Found 0 findings" in out
    assert "1 finding in the baseline not shown" in err


def test_entries_survive_edits_above_and_reflowing(baselined):
    edited = ("A new first paragraph\nwritten later, over two lines.\n\n"
              + TEXT.replace("the the plan was", "the the\nplan was"))
    write("a.txt", edited)
    code, out, err = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json",
                               "--format", "text")
    assert code == 0 and "G001" not in out and "no longer found" not in err


def test_a_new_occurrence_of_the_same_text_is_new(baselined):
    write("a.txt", TEXT + "\nLater on the the same mistake came back.\n")
    code, out, _ = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json",
                             "--format", "text")
    assert code == 1
    assert out.splitlines()[0].startswith("a.txt:7:10: G001")
    assert "Found 1 finding" in out


def test_an_edit_on_one_side_keeps_the_entry(baselined):
    write("a.txt", TEXT.replace("The minister said", "The prime minister firmly said"))
    code, out, _ = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json",
                             "--format", "text")
    assert code == 0 and "G001" not in out


def test_fixed_findings_are_reported_stale_and_pruned(baselined):
    write("a.txt", TEXT.replace("the the", "the"))
    code, out, err = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json")
    assert code == 0
    assert "a.txt: G001 'the the' is in the baseline but no longer found (fixed)" in err
    assert "--write-baseline" in err
    baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json", "--write-baseline")
    assert json.load(open(".mtlint-baseline.json", encoding="utf-8"))["findings"] == []


def test_entries_of_files_not_linted_are_kept_not_stale(baselined):
    write("b.txt", "It was, and and it is.\n")
    baselined("check", "a.txt", "b.txt", "--write-baseline")
    # Linting only b.txt: a.txt's entry is neither stale nor dropped on rewrite.
    code, _, err = baselined("check", "b.txt", "--baseline", ".mtlint-baseline.json")
    assert code == 0 and "no longer found" not in err
    baselined("check", "b.txt", "--write-baseline")
    paths = [e["path"] for e in json.load(open(".mtlint-baseline.json"))["findings"]]
    assert paths == ["a.txt", "b.txt"]


def test_paths_are_relative_to_the_baseline_file(baselined, monkeypatch, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out, _ = baselined("check", "../a.txt", "--baseline", "../.mtlint-baseline.json",
                             "--format", "text")
    assert code == 0 and "G001" not in out


def test_missing_or_malformed_baseline_is_a_usage_error(run_cli):
    write("a.txt", TEXT)
    code, _, err = run_cli("check", "a.txt", "--baseline", "nope.json")
    assert code == 2 and "nope.json not found" in err
    write("bad.json", "[1, 2]")
    code, _, err = run_cli("check", "a.txt", "--baseline", "bad.json")
    assert code == 2 and "not an mtlint baseline" in err


def test_fix_with_a_baseline_touches_only_new_findings(baselined):
    write("a.txt", TEXT + "\nLater on the the same mistake came back.\n")
    code, _, _ = baselined("check", "a.txt", "--baseline", ".mtlint-baseline.json", "--fix")
    assert code == 0
    text = open("a.txt", encoding="utf-8").read()
    assert "said the the plan" in text and "on the same mistake" in text


def test_baseline_named_in_the_config_applies_from_a_subfolder(run_cli, monkeypatch, tmp_path):
    write("mtlint.toml", 'baseline = "lint/baseline.json"\n')
    (tmp_path / "lint").mkdir()
    (tmp_path / "docs").mkdir()
    write("docs/a.txt", TEXT)
    code, _, err = run_cli("check", "docs", "--write-baseline")
    assert code == 0 and (tmp_path / "lint" / "baseline.json").exists()
    monkeypatch.chdir(tmp_path / "docs")
    code, out, err = run_cli("check", "a.txt", "--format", "text")
    assert code == 0 and "G001" not in out and "1 finding in the baseline" in err
    entry = json.load(open(tmp_path / "lint" / "baseline.json"))["findings"][0]
    assert entry["path"] == "../docs/a.txt"
