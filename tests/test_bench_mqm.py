"""The corpus split and the MQM scorer (tiny data made here, not the shared corpus)."""

import json

from bench import mqm
from bench.splits import part_of, split_files


def test_split_is_seeded_stable_and_by_key():
    keys = [f"news/{i:03}.txt" for i in range(400)]
    parts = [part_of(k, seed=1) for k in keys]
    assert parts == [part_of(k, seed=1) for k in keys]  # stable
    assert parts != [part_of(k, seed=2) for k in keys]  # the seed matters
    assert 150 < parts.count("test") < 250  # about half
    split = split_files("/c", [f"/c/{k}" for k in keys], seed=1)
    assert sorted(split["tune"] + split["test"]) == sorted(f"/c/{k}" for k in keys)


def _segments(tmp_path):
    rows = [
        # a doubled word the raters marked
        {"system": "A", "doc": "d1", "seg": 1, "source": "一", "target": "He said the the plan.",
         "errors": [{"category": "Fluency/Grammar", "severity": "Minor",
                     "target_span": [8, 15]}]},
        {"system": "A", "doc": "d1", "seg": 2, "source": "二", "target": "It was fine.",
         "errors": []},
        # flagged, but the raters marked only a source issue: not an error of the target
        {"system": "B", "doc": "d1", "seg": 1, "source": "一", "target": "We saw to to it.",
         "errors": [{"category": "Source issue", "severity": "Minor", "target_span": [0, 2]}]},
    ]
    path = tmp_path / "mqm.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return mqm.load(str(path), part="all")


def test_documents_map_segments_back(tmp_path):
    segs = _segments(tmp_path)
    docs = mqm.documents(segs)
    assert [name for name, _, _ in docs] == ["A/d1.txt", "B/d1.txt"]
    name, text, starts = docs[0]
    for i, start in starts:
        assert text[start:start + len(segs[i]["target"])] == segs[i]["target"]


def test_findings_land_in_their_segment_and_are_scored(tmp_path):
    segs = _segments(tmp_path)
    flags = mqm.monolingual_findings(segs, select=["G001"], workers=1)
    assert sorted((f.seg, f.code) for f in flags) == [(0, "G001"), (2, "G001")]
    f0 = next(f for f in flags if f.seg == 0)
    assert segs[0]["target"][f0.start:f0.end].lower().startswith("the")
    s = mqm.score(segs, flags)
    assert s.erroneous == 1  # the source issue does not count
    g001 = next(r for r in s.rows if r[0] == "G001")
    assert g001[3] == "0.50 (1/2)"  # segment precision
    grammar = next(r for r in s.recall if r[0] == "Fluency/Grammar")
    assert grammar[1:] == [1, 1, 1, 1]
