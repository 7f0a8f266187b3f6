"""Segment tables (JSONL, CSV, TSV, Parquet; gzip and zstd) as input: every record a text,
findings with the record's id and positions inside its text, in every output format."""

import csv
import gzip
import json

import pytest

from lint.readers.tables import Fields, TableError, iter_records, table_format

RECORDS = [
    {"id": "s1", "text": "The committee said the the plan was ready.", "src": "Quelle eins"},
    {"id": "s2", "text": "Nothing wrong here at all.", "src": "Quelle zwei"},
    {"id": "s3", "text": "", "src": "leer"},
    {"id": "s4", "text": "Line one is fine.\nThe minister spoke to to the press.", "src": "vier"},
]


def write_jsonl(path, records=RECORDS, opener=open):
    with opener(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path)


def write_csv(path, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["id", "text", "src"], delimiter=delimiter)
        w.writeheader()
        w.writerows(RECORDS)
    return str(path)


def test_table_formats():
    assert table_format("a.jsonl") == ("jsonl", None)
    assert table_format("a.JSONL.gz") == ("jsonl", "gzip")
    assert table_format("dir/a.csv.zst") == ("csv", "zstd")
    assert table_format("a.tsv") == ("tsv", None)
    assert table_format("a.parquet") == ("parquet", None)
    assert table_format("a.txt") is None and table_format("a.json") is None
    assert table_format("a.parquet.gz") is None


def _ids(path, **fields):
    return [(r.id, r.index, r.text[:8], r.source) for r in iter_records(path, Fields(**fields))]


def test_jsonl_csv_tsv_read_alike(tmp_path):
    expected = [("s1", 1, "The comm", "Quelle eins"), ("s2", 2, "Nothing ", "Quelle zwei"),
                ("s4", 4, "Line one", "vier")]
    for path in (write_jsonl(tmp_path / "a.jsonl"), write_csv(tmp_path / "a.csv"),
                 write_csv(tmp_path / "a.tsv", "\t")):
        assert _ids(path, id="id", source="src") == expected
    # without an id field a record is named by its number (empty texts are skipped)
    assert [i for i, *_ in _ids(tmp_path / "a.jsonl")] == ["1", "2", "4"]


def test_compressed_tables_stream(tmp_path):
    plain = _ids(write_jsonl(tmp_path / "a.jsonl"), id="id")
    assert _ids(write_jsonl(tmp_path / "a.jsonl.gz", opener=gzip.open), id="id") == plain
    zstandard = pytest.importorskip("zstandard")
    data = (tmp_path / "a.jsonl").read_bytes()
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    assert _ids(str(tmp_path / "b.jsonl.zst"), id="id") == plain


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(RECORDS), tmp_path / "a.parquet", row_group_size=2)
    consumed = [0]
    got = [(r.id, r.text[:8]) for r in iter_records(str(tmp_path / "a.parquet"),
                                                     Fields(id="id"), consumed)]
    assert got == [("s1", "The comm"), ("s2", "Nothing "), ("s4", "Line one")]
    assert consumed[0] == (tmp_path / "a.parquet").stat().st_size


def test_table_errors(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"body": "x"}])
    with pytest.raises(TableError, match="no field 'text' .*fields: body"):
        list(iter_records(path))
    (tmp_path / "b.jsonl").write_text('{"text": "ok"}\n[1, 2]\n')
    with pytest.raises(TableError, match=r"b.jsonl:2: a record must be a JSON object"):
        list(iter_records(str(tmp_path / "b.jsonl")))
    (tmp_path / "c.jsonl").write_text('{"text": "ok"}\n{"text": \n')
    with pytest.raises(TableError, match=r"c.jsonl:2: invalid JSON"):
        list(iter_records(str(tmp_path / "c.jsonl")))
    (tmp_path / "d.jsonl").write_text('{"text": 5}\n')
    with pytest.raises(TableError, match="record 1: field 'text' is not a string"):
        list(iter_records(str(tmp_path / "d.jsonl")))
    (tmp_path / "e.jsonl.gz").write_bytes(b"not gzip at all")
    with pytest.raises(TableError, match="e.jsonl.gz: cannot read"):
        list(iter_records(str(tmp_path / "e.jsonl.gz")))


def test_check_reports_records_in_every_format(run_cli):
    write_jsonl("t.jsonl")
    code, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "text")
    assert code == 1
    assert out.splitlines()[:2] == [
        "t.jsonl[s1]:1:20: G001 [warning] Doubled word: 'the the'. (suggestion: the)",
        "t.jsonl[s4]:2:20: G001 [warning] Doubled word: 'to to'. (suggestion: to)",
    ]
    _, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "json")
    found = json.loads(out)["findings"]
    text = RECORDS[3]["text"]
    assert [(f["record"], f["line"], f["column"]) for f in found] == [("s1", 1, 20), ("s4", 2, 20)]
    assert text[found[1]["offset"]:found[1]["end_offset"]] == "to to"
    _, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "json-lines")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [f["record"] for f in lines] == ["s1", "s4"]
    _, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert results[0]["locations"][0]["logicalLocations"] == [{"name": "s1", "kind": "record"}]
    _, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "github")
    assert "file=t.jsonl,line=1,col=20" in out and "::record s1: Doubled word" in out
    _, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--format", "rich")
    assert "t.jsonl[s4]" in out and "The minister spoke to to the press." in out


def test_check_table_errors_are_one_line(run_cli):
    write_jsonl("t.jsonl", [{"body": "x"}])
    code, _, err = run_cli("check", "t.jsonl")
    assert code == 2 and "no field 'text'" in err and err.count("\n") == 1
    write_jsonl("u.jsonl")
    code, _, err = run_cli("check", "u.jsonl", "--fix")
    assert code == 2 and "--fix cannot change records" in err


def test_text_field_and_config(run_cli):
    write_jsonl("t.jsonl", [{"body": "He said the the plan.", "key": 7}])
    code, out, _ = run_cli("check", "t.jsonl", "--text-field", "body", "--id-field", "key")
    assert code == 1 and out.startswith("t.jsonl[7]:1:9: G001")
    with open("mtlint.toml", "w") as fh:
        fh.write('text-field = "body"\nid-field = "key"\n')
    code, out, _ = run_cli("check", "t.jsonl")
    assert code == 1 and out.startswith("t.jsonl[7]:1:9: G001")



def test_source_field_findings_name_the_record_source(run_cli):
    """A table pair's finding names where its source is (the record's source text in this
    table), in the message and as the related location."""
    write_jsonl("t.jsonl", [{"id": "a", "zh": "运行 `foo --bar` 命令。",
                             "text": "Run the `foo --baz` command."}])
    code, out, _ = run_cli("check", "t.jsonl", "--id-field", "id", "--source-field", "zh",
                           "--format", "json")
    assert code == 1
    found = [f for f in json.loads(out)["findings"] if f["code"] == "T002"]
    assert len(found) == 1 and found[0]["record"] == "a"
    assert found[0]["message"].endswith("(source: source text of record a, line 1)")
    assert found[0]["related"] == [{"path": "t.jsonl", "line": 1, "column": 5, "offset": 4,
                                    "message": "source text of record a"}]

NAMES = ("Dmytro Kuleba met the ministers in Brussels on {day}.",
         "The minister Dmytro Kuleba spoke to reporters about the {day} talks.",
         "Dmitro Kuleba arrived in Brussels on {day}.")


def test_records_are_the_files_of_the_cross_file_rules(tmp_path):
    """N002 compares the records of a table as it compares files; batches and worker
    processes change nothing."""
    from lint.config import Config
    from lint.runner import Job, build_plan
    from lint.stream import ScaleOptions, run_units

    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    records = [{"text": NAMES[i % 2].format(day=d) + " The the talks went on."}
               for i, d in enumerate(days * 3)]
    records.insert(7, {"text": NAMES[2].format(day="Sunday")})
    path = write_jsonl(tmp_path / "t.jsonl", records)
    plan = build_plan(Config())
    runs = []
    for batch, workers in ((1 << 20, 1), (40, 1), (40, 2)):
        options = ScaleOptions(batch_chars=batch)
        result = run_units([Job(path, path)], plan, options=options, workers=workers)
        runs.append([f.to_dict() for f in result.findings])
    assert runs[0] == runs[1] == runs[2]
    n002 = [f for f in runs[0] if f["code"] == "N002"]
    assert [(f["record"], f["suggestions"]) for f in n002] == [("8", ["Dmytro"])]
    assert "t.jsonl#1:1" in n002[0]["message"]  # where the majority spelling is
    assert sum(f["code"] == "G001" for f in runs[0]) == 15


def test_source_field_reaches_the_document():
    """The source text of a pair is attached to the record's document for the
    translation-QA rules (as a one-segment pair when lint.translation is there)."""
    from lint.chunking import attach_source
    from lint.readers import read_document

    doc = read_document("t.jsonl", "The plan is ready.", "text")
    attach_source(doc, "Der Plan ist fertig.")
    try:
        import lint.translation.bitext  # noqa: F401
    except ImportError:
        assert doc._memo["translation.source"] == "Der Plan ist fertig."
    else:
        assert doc.translation.source == "Der Plan ist fertig."


def test_merged_corpus_data_reduce_alike(tmp_path, monkeypatch):
    """G006 and N003 data merged while a table streams in (``combine``) give the findings of
    the unmerged data: with the data merged after every second record, and without."""
    import lint.corpus_state
    from lint.config import Config
    from lint.runner import Job, build_plan
    from lint.stream import ScaleOptions, run_units

    texts = ["There was a shortage of heat and the Energy Water supply failed.",
             "The energy water plant was closed for repairs on Monday.",
             "Officials said the Energy Water deal was signed in Lyon.",
             "President Emmanual Macron arrived in Berlin on Tuesday.",
             "A shortage of the Rival Club tickets was reported.",
             "Nothing to report here, the council said.",
             "The rival club sold its tickets quickly on Friday.",
             "A shortage of the Energy Water bills was reported in Lyon.",
             "Farmers saw the Transfer Station closed at noon, the council said."]
    path = write_jsonl(tmp_path / "t.jsonl", [{"text": t} for t in texts])
    runs = []
    for every in (2, 3, 1 << 30):
        monkeypatch.setattr(lint.corpus_state, "COMBINE_EVERY", every)
        for select in (None, ["G006", "N003"]):
            plan = build_plan(Config(), select=select, extend_select=["G006"])  # G006: opt-in
            result = run_units([Job(path, path)], plan,
                               options=ScaleOptions(batch_chars=150), workers=1)
            runs.append((select, [f.to_dict() for f in result.findings]))
    plain = {str(sel): found for sel, found in runs[-2:]}
    for select, found in runs:
        assert found == plain[str(select)]
    codes = [f["code"] for f in plain["None"]]
    assert "G006" in codes and "N003" in codes


def test_combine_then_reduce_is_reduce():
    """The corpus rules' combine steps, applied to any prefix and again to their own output,
    leave reduce's result unchanged (what lets a run merge data as it streams in)."""
    from lint.config import Config
    from lint.readers import read_document
    from lint.registry import all_rules
    from lint.runner import build_plan, lint_document

    texts = ["There was a shortage of heat and the Energy Water supply failed.",
             "The energy water plant was closed for repairs on Monday.",
             "President Emmanual Macron arrived in Berlin on Tuesday.",
             "A shortage of the Rival Club tickets was reported.",
             "The rival club sold its tickets quickly on Friday.",
             "Officials said the Energy Water deal was signed in Lyon."]
    plan = build_plan(Config(), extend_select=["G006"])  # G006 is off by default
    docs = [lint_document(read_document(f"r{i}", t, "text"), plan)
            for i, t in enumerate(texts)]
    for code in ("G006", "N003"):
        rule = all_rules()[code]
        items = [(f"r{i}", d.corpus[code]) for i, d in enumerate(docs)]
        args = (plan.ctx,) if rule.wants_ctx else ()
        expected = [(k, h.offset, h.message) for k, h in rule.reduce(items, *args)]
        assert expected
        for cut in range(1, len(items) + 1):
            merged = rule.combine(rule.combine(items[:cut]) + items[cut:cut + 1]) + \
                items[cut + 1:]
            assert len(rule.combine(items[:cut])) <= cut + 1
            got = [(k, h.offset, h.message) for k, h in rule.reduce(merged, *args)]
            assert got == expected, (code, cut)


def test_progress_bar_leaves_stdout_to_the_findings(monkeypatch):
    """On a terminal the progress bar draws on stderr; stdout (json-lines findings piped to
    another program) must stay stdout, not be redirected into the bar's console."""
    import argparse
    import io
    import sys

    from lint.stream import PROGRESS_BYTES, _progress

    out, err = io.StringIO(), io.StringIO()
    err.isatty = lambda: True
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    args = argparse.Namespace(no_progress=False, quiet=False)
    with _progress(PROGRESS_BYTES, args) as advance:
        assert advance is not None
        print('{"code": "G001"}')
        advance(1)
    assert out.getvalue() == '{"code": "G001"}\n'


def test_streamed_findings_are_not_kept(tmp_path):
    """With the findings written as they come (json-lines), the run keeps one of each
    severity (what the exit code needs), not all of them."""
    from lint.config import Config
    from lint.runner import Job, build_plan
    from lint.stream import ScaleOptions, run_units

    path = write_jsonl(tmp_path / "t.jsonl", [{"text": f"Day {i}: the the talks went on."}
                                              for i in range(30)])
    full = run_units([Job(path, path)], build_plan(Config()), options=ScaleOptions(),
                     workers=1)
    streamed = []
    light = run_units([Job(path, path)], build_plan(Config()), options=ScaleOptions(),
                      workers=1, on_findings=streamed.extend, keep_findings=False)
    assert len(full.findings) >= 30
    assert sorted(f.to_dict()["offset"] for f in streamed) == \
        sorted(f.offset for f in full.findings)
    assert len(light.findings) == len({f.severity for f in full.findings})
    assert light.worst() == full.worst()
