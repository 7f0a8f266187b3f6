"""The identifier vocabulary: what a document writes as code, and identifier shapes."""

from __future__ import annotations

import os

import pytest

from lint.identifiers import code_words, is_identifier, shaped_like_identifier
from lint.readers.markdown import read


def test_code_words_split_dotted_and_dashed_names():
    words = code_words(["watch demo.MathGame --dry-run", "options.json"])
    assert {"watch", "demo.MathGame", "MathGame", "dry-run", "dry", "options"} <= words
    assert "mathgame" in words  # lower-cased forms too


def test_words_written_as_code_are_identifiers_in_prose():
    doc = read("x.md", "Set `statUrl` here.\n\nIf statUrl exists, StatUrl too.\n")
    assert is_identifier(doc, "statUrl")
    assert is_identifier(doc, "StatUrl")  # same identifier, case changed
    assert not is_identifier(doc, "stat")


def test_a_word_not_written_as_code_is_not_an_identifier():
    doc = read("x.md", "The heatAnd the water.\n")
    assert not is_identifier(doc, "heatAnd")


@pytest.mark.parametrize("token", ["config_file", "__init__", "README.md", "app.config.js",
                                   "v1.2.3", "3.11", "3d4eac69", "AAAA", "CNAME", "512MB",
                                   "10ms"])
def test_identifier_shapes(token):
    assert shaped_like_identifier(token)


@pytest.mark.parametrize("token", ["Scholz", "heatAnd", "theplan", "Emmanual", "water",
                                   "decade"])
def test_words_are_not_identifier_shapes(token):
    assert not shaped_like_identifier(token)


# -- the run's vocabulary ------------------------------------------------------------------------
# b.md alone: `packageName` in its prose is a glued-word finding (G002); a.md writes it as code,
# so in a run with a.md it is an identifier in b.md too. c.md's doubled word stays in every run.
CODE_FILE = "Set `packageName` in the config file.\n"
PROSE_FILE = "The loader reads the packageName of the build and stops.\n"
OTHER_FILE = "The council said the the vote was close.\n"


def _write(directory, name, text):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _files(tmp_path, fillers=0):
    a = _write(tmp_path, "a.md", CODE_FILE)
    b = _write(tmp_path, "b.md", PROSE_FILE)
    c = _write(tmp_path, "c.md", OTHER_FILE)
    more = [_write(tmp_path, f"f{i}.md", f"Filler page {i} says nothing wrong.\n")
            for i in range(fillers)]
    return a, b, c, more


def _lint(paths, workers=1, cache=None):
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    result = run([Job(p, p) for p in paths], build_plan(Config()), workers=workers, cache=cache)
    assert not result.errors
    return [(os.path.basename(f.path), f.code) for f in result.findings], result


def test_a_word_written_as_code_in_one_file_is_an_identifier_in_every_file(tmp_path):
    a, b, c, _ = _files(tmp_path)
    alone, _ = _lint([b, c])
    assert ("b.md", "G002") in alone and ("c.md", "G001") in alone
    together, result = _lint([a, b, c])
    assert ("b.md", "G002") not in together
    assert ("c.md", "G001") in together  # a finding that judges no word stays
    assert "packageName" in result.vocabulary


def test_the_run_vocabulary_is_the_same_in_worker_processes(tmp_path):
    a, b, c, more = _files(tmp_path, fillers=8)  # past the parallel threshold
    serial, _ = _lint([a, b, c, *more], workers=1)
    parallel, _ = _lint([a, b, c, *more], workers=2)
    assert serial == parallel
    assert ("b.md", "G002") not in parallel and ("c.md", "G001") in parallel
    alone, _ = _lint([b, c, *more], workers=2)
    assert ("b.md", "G002") in alone


def test_cached_results_follow_another_files_vocabulary(tmp_path):
    from lint.cache import ResultCache

    a, b, c, _ = _files(tmp_path)
    root = str(tmp_path / "cache")
    cold, _ = _lint([a, b, c], cache=ResultCache(root))
    warm_cache = ResultCache(root)
    warm, _ = _lint([a, b, c], cache=warm_cache)
    assert warm_cache.hits == 3 and warm == cold
    assert ("b.md", "G002") not in warm
    # b.md from the cache, without a.md: its own finding is back
    alone_cache = ResultCache(root)
    alone, _ = _lint([b, c], cache=alone_cache)
    assert alone_cache.hits == 2 and ("b.md", "G002") in alone
    # a.md stops writing it as code: b.md (a cache hit) shows the finding again
    _write(tmp_path, "a.md", "Set the name in the config file.\n")
    changed_cache = ResultCache(root)
    changed, _ = _lint([a, b, c], cache=changed_cache)
    assert changed_cache.hits == 2 and ("b.md", "G002") in changed


def test_split_and_streamed_runs_apply_the_run_vocabulary(tmp_path):
    from lint.config import Config
    from lint.runner import Job, build_plan
    from lint.stream import ScaleOptions, run_units

    a, b, c, _ = _files(tmp_path)
    streamed = []
    result = run_units([Job(p, p) for p in (b, c, a)], build_plan(Config()),
                       options=ScaleOptions(), workers=1, on_findings=streamed.extend)
    found = [(os.path.basename(f.path), f.code) for f in result.findings]
    assert ("b.md", "G002") not in found and ("c.md", "G001") in found
    assert sorted(f.to_dict()["code"] for f in streamed) == sorted(c for _, c in found)
    alone = run_units([Job(b, b)], build_plan(Config()), options=ScaleOptions(), workers=1)
    assert [f.code for f in alone.findings] == ["G002"]


def test_check_texts_shares_the_vocabulary_of_its_texts():
    from lint import check_texts

    url = "The schema is at https://example.org/packageName/schema.json for now.\n"
    assert [f["code"] for f in check_texts([PROSE_FILE])[0]] == ["G002"]
    assert check_texts([url, PROSE_FILE])[1] == []
    assert check_texts([url, PROSE_FILE], workers=2)[1] == []


def test_url_words_in_plain_text_are_code():
    from lint.readers.text import read as read_text

    doc = read_text("x.txt", "See https://example.org/packageName for it.\n")
    assert is_identifier(doc, "packageName")


def test_run_vocabulary_filter():
    from lint.finding import Finding
    from lint.identifiers import RunVocabulary

    def finding(*judged):
        return Finding("x", 1, 1, 1, 2, 0, 1, "G002", "glued-words", "warning", "m",
                       judged=judged)

    vocab = RunVocabulary()
    vocab.add(code_words(["statUrl = 1"]))
    kept = vocab.filter([finding("StatUrl"), finding("statUrl"), finding("stat"), finding()])
    assert [f.judged for f in kept] == [("stat",), ()]
    assert "judged" not in finding("x").to_dict()  # never in a report


def test_inflections_of_a_rare_code_word_are_identifiers():
    from lint.identifiers import in_vocabulary

    vocab = code_words(["classloader retransform options which"])
    for token in ("classloader's", "classloader’s", "classloaders", "retransformed"):
        assert in_vocabulary(vocab, token)
    for token in ("optionss", "which's", "classloaderz"):  # a common stem: a prose slip
        assert not in_vocabulary(vocab, token)


def test_html_code_and_pre_are_the_vocabulary():
    from lint.readers.html import read as read_html

    doc = read_html("x.html", "<p>Run <code>jstack&lt;pid&gt;</code> now.</p>\n"
                              "<pre><span>heapDump</span> --live</pre><p>Then packageName.</p>\n")
    assert is_identifier(doc, "jstack") and is_identifier(doc, "heapDump")
    assert is_identifier(doc, "live") and not is_identifier(doc, "Then")
    md = read("x.md", "<div><code>statUrl</code></div>\n\nThe statUrl is set.\n")
    assert is_identifier(md, "statUrl")
