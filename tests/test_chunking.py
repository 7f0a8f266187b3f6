"""Large plain-text files split into windows and document-rule units give exactly the
findings of one unsplit run, including repeats and name variants across a split."""

import pytest

from lint.chunking import paragraph_starts, split_windows
from lint.config import Config
from lint.runner import Job, build_plan, run
from lint.stream import ScaleOptions, run_units

# Every finding here straddles a paragraph boundary or depends on another paragraph: R003
# (a heading repeated as the next block), R002 (a sentence repeated in the next paragraph),
# N001 (a minority spelling far from the majority), Q001 (the next paragraph decides).
ARTICLE = """Markets rally after rate cut

Markets rally after rate cut

Chancellor Olaf Scholz met the leaders of the regional parliaments in Berlin on Monday. \
Olaf Scholz said the talks had been useful.

It was the largest protest in the capital since 1989, which is the largest protest in the \
capital in two years.

Engineers will inspect every cable on the eastern span next week. Traffic will use the ring road.

Engineers will inspect every cable on the eastern span next week. Drivers were warned of delays.

“We will not give up on the project, the mayor told reporters on the steps of the town hall.

Later that evening Olaf Sholz told the press that Olaf Scholz had never promised a date, and \
the government of Olaf Scholz agreed.
"""


def corpus_text(copies: int) -> str:
    """``copies`` variants of the article (each its own names and numbers), CRLF in some."""
    parts = []
    for i in range(copies):
        text = ARTICLE.replace("Monday", f"day {i}").replace("two years", f"{i + 2} years")
        if i % 3 == 1:
            text = text.replace("Scholz", "Kowalski").replace("Sholz", "Kowalsky")
        if i % 4 == 2:
            text = text.replace("\n", "\r\n")
        parts.append(text)
    return "\n".join(parts)


def findings_of(path, text, *, chunk_chars=None, workers=1, select=None):
    plan = build_plan(Config(), select=select)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    job = Job(str(path), str(path))
    if chunk_chars is None:
        result = run([job], plan, workers=workers)
    else:
        result = run_units([job], plan, options=ScaleOptions(chunk_chars=chunk_chars),
                           workers=workers)
    assert not result.errors
    return [f.to_dict() for f in result.findings], result


@pytest.mark.parametrize("chunk_chars", [1, 700, 5000])
def test_split_run_is_identical(tmp_path, chunk_chars):
    text = corpus_text(12)
    whole, whole_result = findings_of(tmp_path / "a.txt", text)
    split, split_result = findings_of(tmp_path / "a.txt", text, chunk_chars=chunk_chars)
    codes = {f["code"] for f in whole}
    assert {"R001", "R002", "R003", "N001", "Q001"} <= codes
    assert split == whole
    assert (split_result.words, split_result.chars) == (whole_result.words, whole_result.chars)


def test_split_run_with_worker_processes_is_identical(tmp_path):
    text = corpus_text(12)
    whole, _ = findings_of(tmp_path / "a.txt", text)
    split, _ = findings_of(tmp_path / "a.txt", text, chunk_chars=900, workers=2)
    assert split == whole


def test_windows_need_their_context(tmp_path, monkeypatch):
    """Without neighbouring paragraphs a window misses the repeated heading: the test above
    would fail if windows were cut without context."""
    import lint.chunking

    text = corpus_text(3)
    whole, _ = findings_of(tmp_path / "a.txt", text)
    monkeypatch.setattr(lint.chunking, "WINDOW_CONTEXT", 0)
    monkeypatch.setattr(lint.chunking.split_windows, "__defaults__", (1 << 20, 0))
    split, _ = findings_of(tmp_path / "a.txt", text, chunk_chars=1)
    assert [f for f in whole if f["code"] == "R003"]
    assert not [f for f in split if f["code"] == "R003"]


def test_windows_cover_the_text_once():
    text = corpus_text(5)
    windows = split_windows("a.txt", text, 300, 2)
    assert len(windows) > 5
    assert windows[0].own_start == 0 and windows[-1].own_end == len(text)
    for w, nxt in zip(windows, windows[1:], strict=False):
        assert w.own_end == nxt.own_start  # own parts tile the text
        assert w.start <= w.own_start and w.start + len(w.text) >= w.own_end
        assert text[w.start:w.start + len(w.text)] == w.text
        # a window starts on its line: count the line breaks before it
        before = text[:w.start].replace("\r\n", "\n").replace("\r", "\n").count("\n")
        assert w.start_line == before + 1
    starts = paragraph_starts(text)
    assert all(w.own_start in starts for w in windows)


def test_text_without_blank_lines_is_one_window():
    text = "One line.\nAnother line.\n" * 100
    assert len(split_windows("a.txt", text, 50)) == 1
