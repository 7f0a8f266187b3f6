"""Formats and flags for CI: --output-file, --exit-zero, junit, rdjson, --statistics with the
fixable column, --show-fixes."""

import json
import os
from xml.etree import ElementTree as ET

DOUBLED = "Heading\n\nThe minister said the the plan was ready.\n"
# A mojibake dash after non-ASCII text: character and UTF-8 byte columns differ.
MOJIBAKE = "Zürich\n\nIn Zürich the plan â€” first announced — was late.\n"


def write(path, data):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(data)


def test_output_file_gets_the_report_and_stdout_stays_empty(run_cli):
    write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "--format", "json", "--output-file",
                             "reports/mtlint.json")
    assert code == 1 and out == ""
    data = json.load(open("reports/mtlint.json", encoding="utf-8"))
    assert [f["code"] for f in data["findings"]] == ["G001"]


def test_exit_zero_with_findings_but_not_on_errors(run_cli):
    write("a.txt", DOUBLED)
    code, out, _ = run_cli("check", "a.txt", "--format", "text", "--exit-zero")
    assert code == 0 and "G001" in out
    code, _, err = run_cli("check", "missing.txt", "--exit-zero")
    assert code == 2 and "missing.txt" in err


def test_junit_is_valid_xml_with_one_failure_a_finding(run_cli):
    write("a.txt", DOUBLED + "\nA bell\x07inside a word here.\n")
    write("b.md", "Clean text stays out of the report.\n")
    code, out, _ = run_cli("check", "a.txt", "b.md", "--format", "junit")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))  # raises on invalid XML
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt"]
    cases = suites[0].findall("testcase")
    assert len(cases) == int(root.get("failures")) >= 2
    assert cases[0].get("name") == "G001 doubled-word" and cases[0].get("line") == "3"
    failure = cases[0].find("failure")
    assert failure.get("message") == "Doubled word: 'the the'."
    assert failure.text.startswith("a.txt:3:19: G001")


def test_junit_escapes_characters_xml_cannot_hold():
    import io

    from lint.finding import Finding
    from lint.reporters import ReportContext
    from lint.reporters.junit import report
    from lint.runner import RunResult

    f = Finding("a.txt", 1, 1, 1, 2, 0, 1, "E003", "invisible-character", "warning",
                "Character '\x07' and '\ufffe' in prose.")
    out = io.StringIO()
    report(RunResult([f], [], 1, 1, 1), out, ReportContext())
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    assert root.find("testsuite/testcase/failure").get("message") == \
        "Character '\\u0007' and '\\ufffe' in prose."


def test_junit_without_findings_is_one_passing_case(run_cli):
    write("a.txt", "Nothing to see here.\n")
    code, out, _ = run_cli("check", "a.txt", "--format", "junit")
    root = ET.fromstring(out)
    assert code == 0 and root.get("failures") == "0"
    assert len(root.findall("testsuite/testcase")) == 1
    assert root.find("testsuite/testcase/failure") is None


def test_rdjson_columns_are_utf8_bytes_and_fixes_are_suggestions(run_cli):
    write("a.txt", MOJIBAKE)
    code, out, _ = run_cli("check", "a.txt", "--format", "rdjson", "--select", "E001")
    data = json.loads(out)
    assert data["source"]["name"] == "mtlint"
    (diag,) = data["diagnostics"]
    line = MOJIBAKE.splitlines()[2]
    char_col = line.index("â€”") + 1
    byte_col = len(line[: char_col - 1].encode("utf-8")) + 1
    assert byte_col == char_col + 1  # the ü before it is two bytes
    rng = diag["location"]["range"]
    assert rng["start"] == {"line": 3, "column": byte_col}
    assert rng["end"] == {"line": 3, "column": byte_col + len("â€”".encode())}
    assert diag["severity"] == "ERROR" and diag["code"]["value"] == "E001"
    assert diag["suggestions"] == [{"range": rng, "text": "—"}]


def test_rdjson_line_deletion_suggestion_ends_on_the_next_line(run_cli):
    write("a.md", "Intro text here.\n\nRead Next: Council approves new bus lanes\n\nEnd.\n")
    _, out, _ = run_cli("check", "a.md", "--format", "rdjson", "--select", "F002")
    diags = json.loads(out)["diagnostics"]
    assert diags and diags[0]["location"]["range"]["start"] == {"line": 3, "column": 1}
    for s in diags[0].get("suggestions", []):
        assert s["range"]["start"] == {"line": 3, "column": 1}
        assert s["text"] == ""


def test_statistics_has_a_fixable_column(run_cli):
    write("a.txt", DOUBLED + "\nThe the photo (AFP)\n\nIt was was late (Reuters)\n")
    _, out, _ = run_cli("check", "a.txt", "--statistics", "-q", "--format", "text")
    rows = {line.split()[1]: line for line in out.splitlines()}
    assert rows["G001"].startswith("     3  G001     doubled-word [warning]")
    assert rows["G001"].endswith("3 fixable")
    assert rows["F004"].endswith("0 fixable")


def test_show_fixes_lists_the_change_and_what_fix_applied(run_cli):
    write("a.txt", DOUBLED)
    _, out, _ = run_cli("check", "a.txt", "--format", "text", "--show-fixes")
    assert "    fix: delete ' the'\n" in out
    code, out, err = run_cli("check", "a.txt", "--format", "text", "--fix", "--show-fixes")
    assert "fixed a.txt:3:19 G001: delete ' the'" in err
    assert open("a.txt", encoding="utf-8").read() == DOUBLED.replace("the the", "the")
    assert code == 0 and "G001" not in out


def test_output_file_never_touches_a_source_when_the_run_fails(run_cli):
    code, _, _ = run_cli("check", "missing.txt", "-o", "out.txt")
    assert code == 2 and os.path.exists("out.txt")
