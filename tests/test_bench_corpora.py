"""bench.corpora: package READMEs as a corpus, the reader's statistics, the test-split report."""

from __future__ import annotations

from bench import corpora


def _dist_info(root, name, content_type, body):
    d = root / f"{name}-1.0.dist-info"
    d.mkdir()
    head = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
    if content_type:
        head += f"Description-Content-Type: {content_type}\n"
    (d / "METADATA").write_text(head + "\n" + body, encoding="utf-8")


def test_markdown_readmes_only_markdown_descriptions(tmp_path):
    _dist_info(tmp_path, "alpha", "text/markdown; charset=UTF-8", "# Alpha\n\nIt works.\n")
    _dist_info(tmp_path, "beta", "text/x-rst", "Beta\n====\n")
    _dist_info(tmp_path, "gamma", None, "No type.\n")
    _dist_info(tmp_path, "mtlint", "text/markdown", "# Ours\n")  # our own README: not unseen
    assert corpora.markdown_readmes([str(tmp_path)]) == {"alpha": "# Alpha\n\nIt works.\n"}
    out = tmp_path / "out"
    written = corpora.write_readmes(str(out), [str(tmp_path)])
    assert [p.rsplit("/", 1)[1] for p in written] == ["alpha.md"]


def test_segment_stats_count_prose_and_markup(tmp_path):
    (tmp_path / "a.md").write_text("::: tip Title\nBody text.\n:::\n\n$ ls -la\n",
                                   encoding="utf-8")
    stats = corpora.segment_stats([str(tmp_path)])
    assert stats["container"] == 2 and stats["command"] == 1
    assert stats["prose:heading"] == 1 and stats["prose:paragraph"] == 1
    table = corpora.stats_table(stats)
    assert "| container | 2 | masked as markup |" in table


def test_split_report_lints_only_the_part(tmp_path):
    from bench.splits import part_of

    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text("The the plan was ready.\n", encoding="utf-8")
    test_files = [f"f{i}.txt" for i in range(6) if part_of(f"f{i}.txt") == "test"]
    text, numbers = corpora.split_report(str(tmp_path), top=0, workers=1)
    assert numbers["files"] == len(test_files)
    assert numbers["by_rule"].get("G001", 0) == len(test_files)
    assert numbers["false_positives"] == len(test_files)  # nobody reviewed them
    assert "test part" in text
