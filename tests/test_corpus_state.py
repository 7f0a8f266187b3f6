"""The cross-file reduce's data: N002's name summary merges in any grouping (what lets a run
fold documents as they stream in and a cluster merge them in a tree), and a summary that let
the occurrences of a spelling go reads the inputs again when that spelling is flagged late."""

import json

from lint.config import Config
from lint.readers import read_document
from lint.registry import all_rules
from lint.runner import Job, build_plan, lint_document
from lint.stream import ScaleOptions, run_units

MAJOR = "The minister Dmytro Kuleba spoke to reporters about the {day} talks."
MINOR = "Dmitro Kuleba arrived in Brussels on {day}."
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _docs(texts):
    plan = build_plan(Config())
    return plan, [lint_document(read_document(f"r{i}", t, "text"), plan)
                  for i, t in enumerate(texts)]


def test_name_summary_merges_in_any_grouping():
    from rules.names_summary import NameSummary

    texts = [MINOR.format(day=d) for d in DAYS[:2]] + \
        [MAJOR.format(day=DAYS[i % 5]) for i in range(8)] + ["Olaf Sholz met Olaf Scholz."]
    plan, docs = _docs(texts)
    rule = all_rules()["N002"]
    items = [(f"r{i}", d.corpus["N002"]) for i, d in enumerate(docs)]
    expected = [(k, h.offset, h.message) for k, h in rule.reduce(items, plan.ctx)]
    assert [k for k, _, _ in expected] == ["r0", "r1"]
    n = len(items)
    for i in range(n + 1):
        for j in range(i, n + 1):
            parts = [NameSummary.of(items[a:b]) for a, b in ((0, i), (i, j), (j, n))]
            left_first = parts[0].merge(parts[1]).merge(parts[2])
            parts = [NameSummary.of(items[a:b]) for a, b in ((0, i), (i, j), (j, n))]
            right_first = parts[0].merge(parts[1].merge(parts[2]))
            for summary in (left_first, right_first):
                got = [(k, h.offset, h.message) for k, h in rule.reduce([("", summary)],
                                                                        plan.ctx)]
                assert got == expected, (i, j)


def test_summary_data_does_not_grow_with_repeated_names():
    """Names repeated in many documents add counts, not entries: the summary's per-name
    tables stay at the vocabulary's size."""
    from rules.names_summary import NameSummary

    _, docs = _docs([MAJOR.format(day=DAYS[i % 5]) for i in range(40)])
    summary = NameSummary.of([(f"r{i}", d.corpus["N002"]) for i, d in enumerate(docs)])
    assert summary.files["Dmytro"] == 40 and len(summary.few["Dmytro"]) == 2
    assert set(summary.total) == {"Dmytro", "Kuleba", *DAYS}
    assert all(len(summary.few[w]) <= 2 for w in summary.total)


def _write(path, texts):
    with open(path, "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"s{i}", "text": t}) + "\n")
    return str(path)


def test_spelling_let_go_then_flagged_reads_the_inputs_again(tmp_path, monkeypatch):
    """`Dmitro` in the first four records is let go (no similar spelling yet, over the
    budget); `Dmytro` in the next twenty makes it flaggable: the run reads the table again
    for it and reports the same findings as a run that kept everything."""
    import lint.corpus_state
    import rules.names_summary as ns

    texts = [MINOR.format(day=DAYS[i % 5]) for i in range(4)] + \
        [MAJOR.format(day=DAYS[i % 5]) for i in range(20)]
    path = _write(tmp_path / "t.jsonl", texts)

    def run():
        plan = build_plan(Config())
        result = run_units([Job(path, path)], plan, options=ScaleOptions(batch_chars=100),
                           workers=1)
        return [f.to_dict() for f in result.findings]

    expected = run()
    assert [f["record"] for f in expected if f["code"] == "N002"] == ["1", "2", "3", "4"]
    restored = []
    original = ns.NameSummary.restore
    monkeypatch.setattr(ns.NameSummary, "restore",
                        lambda self, words, items: restored.append(set(words))
                        or original(self, words, items))
    monkeypatch.setattr(lint.corpus_state, "COMBINE_EVERY", 2)
    monkeypatch.setattr(ns, "KEEP_OCCURRENCES", 1)
    monkeypatch.setattr(ns, "OCCURRENCE_BUDGET", 1)
    assert run() == expected
    assert restored and "Dmitro" in restored[0]
