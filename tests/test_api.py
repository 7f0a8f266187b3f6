"""``lint.check_texts``: findings per text, in input order, the same as linting the texts as
the records of a table."""

import json

import pytest

import lint
from lint.config import Config
from lint.runner import Job, build_plan
from lint.stream import ScaleOptions, run_units

TEXTS = ["He said the the plan was ready.", None, "", "Nothing to report here.",
         "Dmytro Kuleba met the ministers on Monday.",
         "The minister Dmytro Kuleba spoke on Tuesday.",
         "Dmitro Kuleba arrived on Wednesday. The the talks went on."]


def test_findings_per_text_in_order():
    found = lint.check_texts(TEXTS)
    assert len(found) == len(TEXTS)
    assert [[f["code"] for f in fs] for fs in found] == [
        ["G001"], [], [], [], [], [], ["N002", "G001"]]
    text = TEXTS[6]
    n002, g001 = found[6]
    assert text[n002["offset"]:n002["end_offset"]] == "Dmitro"
    assert text[g001["offset"]:g001["end_offset"]] == "The the"
    assert "path" not in g001 and "record" not in g001


def test_same_as_a_table(tmp_path):
    path = tmp_path / "t.jsonl"
    with open(path, "w") as fh:
        for t in TEXTS:
            fh.write(json.dumps({"text": t}) + "\n")
    result = run_units([Job(str(path), str(path))], build_plan(Config()),
                       options=ScaleOptions())
    table = [(f.record_index, f.code, f.offset) for f in result.findings]
    api = [(i + 1, f["code"], f["offset"]) for i, fs in enumerate(lint.check_texts(TEXTS))
           for f in fs]
    assert sorted(api) == sorted(table)


def test_selection_and_bad_input():
    assert lint.check_texts(TEXTS, select=["N"])[0] == []
    assert lint.check_texts(TEXTS, ignore=["N002"])[6][0]["code"] == "G001"
    with pytest.raises(TypeError, match="text 1 is int"):
        lint.check_texts(["fine", 5])
    assert lint.check_texts([]) == []
