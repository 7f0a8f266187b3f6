"""Configuration files: discovery, validation, and their effect on a run."""

import json
import os

import pytest

from lint.config import ConfigError, find_config, load_config

DOUBLED = "The minister said the the plan was ready.\n"


def write(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def test_defaults_without_a_file(tmp_path):
    cfg = load_config(search_from=str(tmp_path))
    assert cfg.path is None and cfg.fail_on == "warning" and cfg.select is None


def test_found_upwards_and_pyproject_needs_tool_section(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(str(sub)) is None
    write(tmp_path / "pyproject.toml", "[project\nname = 'broken, and no mention of us'\n")
    assert find_config(str(sub)) is None  # skipped unparsed: it cannot hold [tool.mtlint]
    write(tmp_path / "pyproject.toml", "[project]\nname = 'mtlint-plugin'\n")
    assert find_config(str(sub)) is None  # mentions the name, parsed, no table
    write(tmp_path / "pyproject.toml", "[tool.mtlint]\nignore = ['G001']\n")
    assert find_config(str(sub)) == str(tmp_path / "pyproject.toml")
    write(tmp_path / "a" / "mtlint.toml", "ignore = ['G']\n")
    found = find_config(str(sub))
    assert found == str(tmp_path / "a" / "mtlint.toml")
    assert load_config(found).ignore == ["G"]


@pytest.mark.parametrize("text, message", [
    ("selcet = ['G']\n", "unknown key 'selcet'"),
    ("select = 'G001'\n", "'select' must be a list of strings"),
    ("fail-on = 'fatal'\n", "'fail-on' must be one of"),
    ("[severity]\nG001 = 'loud'\n", "'severity' must be a table whose values are one of"),
    ("[names]\nbogus = 1\n", "unknown key 'names.bogus'"),
    ("select = ['Z999']\n", "unknown rule or prefix 'Z999'"),
    ("select = [\n", "invalid TOML"),
])
def test_config_errors_are_one_line_naming_file_and_key(tmp_path, run_cli, text, message):
    write("mtlint.toml", text)
    write("a.txt", DOUBLED)
    with pytest.raises(ConfigError) as info:
        load_config("mtlint.toml")
    assert message in str(info.value) and "mtlint.toml" in str(info.value)
    code, out, err = run_cli("check", "a.txt")
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_missing_config_file_given_explicitly(run_cli):
    write("a.txt", DOUBLED)
    code, _, err = run_cli("check", "--config", "nope.toml", "a.txt")
    assert code == 2 and "nope.toml" in err


def test_ignore_select_severity_and_fail_on(run_cli):
    write("a.txt", DOUBLED)
    write("mtlint.toml", "ignore = ['G001']\n")
    assert run_cli("check", "a.txt", "--format", "json")[0] == 0
    write("mtlint.toml", "[severity]\nG001 = 'info'\n")
    code, out, _ = run_cli("check", "a.txt", "--format", "json")
    assert code == 0  # info is below the default fail-on (warning)
    assert json.loads(out)["findings"][0]["severity"] == "info"
    write("mtlint.toml", "fail-on = 'info'\n[severity]\nG001 = 'info'\n")
    assert run_cli("check", "a.txt", "--format", "json")[0] == 1
    # the CLI overrides the file
    assert run_cli("check", "a.txt", "--fail-on", "error", "--format", "json")[0] == 0


def test_cli_select_replaces_and_ignore_adds(run_cli):
    write("a.txt", DOUBLED)
    write("mtlint.toml", "ignore = ['G001']\n")
    code, out, _ = run_cli("check", "a.txt", "--select", "G001", "--format", "json")
    # ignore from the file still applies at equal specificity: ruff's rule, ignore wins ties
    assert code == 0
    write("mtlint.toml", "ignore = ['G']\n")
    code, out, _ = run_cli("check", "a.txt", "--select", "G001", "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["code"] == "G001"
    code, out, _ = run_cli("check", "a.txt", "--select", "doubled-word", "--ignore", "G001")
    assert code == 0


def test_per_file_ignores(run_cli):
    write("docs/a.txt", DOUBLED)
    write("b.txt", DOUBLED)
    write("mtlint.toml", "[per-file-ignores]\n'docs/*.txt' = ['G001']\n")
    code, out, _ = run_cli("check", ".", "--format", "json")
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"b.txt"}


def test_exclude_in_config_and_cli(run_cli):
    write("keep/a.txt", DOUBLED)
    write("drop/a.txt", DOUBLED)
    write("other/a.txt", DOUBLED)
    write("mtlint.toml", "exclude = ['drop/']\n")
    code, out, _ = run_cli("check", ".", "--exclude", "other/*", "--format", "json")
    assert {f["path"] for f in json.loads(out)["findings"]} == {os.path.join("keep", "a.txt")}


def test_pyproject_section_is_read(run_cli):
    write("pyproject.toml", "[tool.mtlint]\nignore = ['G001']\n")
    write("a.txt", DOUBLED)
    assert run_cli("check", "a.txt")[0] == 0


def test_names_vocabulary_from_the_config_file_reaches_the_rules(run_cli):
    """Loaders register when rule modules import: a config without selectors must still load."""
    write("a.txt", "Heading\n\nHe flew to Kiev on Monday.\n")
    write("vocab/reject.txt", "Kiev -> Kyiv\n")
    write("mtlint.toml", "[names]\nreject = ['vocab/reject.txt']\n")
    code, out, _ = run_cli("check", "a.txt", "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert code == 1 and finding["code"] == "N005" and finding["suggestions"] == ["Kyiv"]
    write("mtlint.toml", "[names]\nreject = ['vocab/missing.txt']\n")
    code, _, err = run_cli("check", "a.txt")
    assert code == 2 and "missing.txt" in err and err.count("\n") == 1
