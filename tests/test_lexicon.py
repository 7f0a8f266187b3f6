"""The word-frequency lexicon and its on-disk copy."""

import os

import pytest

from rules import lexicon


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(lexicon, "_FULL", None)
    lexicon.frequencies.cache_clear()
    lexicon._index.cache_clear()
    yield tmp_path / "cache"
    lexicon.frequencies.cache_clear()
    lexicon._index.cache_clear()


def test_zipf_values():
    assert lexicon.zipf("the") > 7 and lexicon.zipf("THE") == lexicon.zipf("the")
    assert lexicon.zipf("Emmanuel") > lexicon.zipf("Emmanual") > 0
    assert lexicon.zipf("heatand") == 0.0
    assert lexicon.zipf("don't") > 5


def test_first_load_writes_the_cache_and_the_second_reads_it(fresh, monkeypatch):
    first = lexicon.frequencies()
    (path,) = list(fresh.iterdir())
    assert path.name.startswith("lexicon3-en-") and path.stat().st_size > 1_000_000
    lexicon.frequencies.cache_clear()
    import wordfreq

    def no_wordfreq(*a, **k):
        raise AssertionError("the cached copy should have been used")

    monkeypatch.setattr(wordfreq, "get_frequency_dict", no_wordfreq)
    assert lexicon.frequencies() == first


def test_a_damaged_or_unwritable_cache_is_only_slower(fresh):
    expected = lexicon.frequencies()
    (path,) = list(fresh.iterdir())
    path.write_bytes(b"\x00garbage")
    lexicon.frequencies.cache_clear()
    assert lexicon.frequencies() == expected  # rebuilt from wordfreq, cache rewritten
    assert path.stat().st_size > 1_000_000
    lexicon.frequencies.cache_clear()
    os.environ["MTLINT_CACHE_DIR"] = "/proc/mtlint-cannot-write-here"
    assert lexicon.frequencies() == expected


_PROBES = ["the", "The", "emmanuel", "emmanual", "heatand", "don", "don't", "naïve", "café",
           "", "a", "zz", "ofthe", "e-mail", "x\ud800", "the\tthe", "line\nbreak"]


def _forget_dictionary(monkeypatch):
    monkeypatch.setattr(lexicon, "_FULL", None)
    lexicon.frequencies.cache_clear()


def test_the_bucket_index_answers_like_the_dictionary_without_loading_it(fresh, monkeypatch):
    full = lexicon.frequencies()
    expected = {w: lexicon.zipf(w) for w in _PROBES}
    index = lexicon._index()  # built from the dictionary and written next to its copy
    assert len(list(fresh.iterdir())) == 2
    _forget_dictionary(monkeypatch)
    lexicon._index.cache_clear()
    clean = _PROBES[:-2]  # a tab or line break would confuse the index: the dictionary answers
    for word in clean:
        assert lexicon._index().get(word) == full.get(word), word
    assert {w: lexicon.zipf(w) for w in clean} == {w: expected[w] for w in clean}
    assert lexicon.unknown(set(clean)) == set(clean).difference(full)
    assert lexicon.frequencies.cache_info().currsize == 0  # the dictionary was never loaded
    assert index is not lexicon._index()  # read back from the cache file
    assert {w: lexicon.zipf(w) for w in _PROBES} == expected
    assert lexicon.frequencies.cache_info().currsize == 1


def test_many_lookups_load_the_dictionary(fresh, monkeypatch):
    lexicon._index()
    _forget_dictionary(monkeypatch)
    monkeypatch.setattr(lexicon, "LAZY_LOOKUPS", 3)
    assert lexicon.zipf("the") > 7 and lexicon.frequencies.cache_info().currsize == 0
    for word in ("of", "and", "to"):
        lexicon.zipf(word)
    assert lexicon.frequencies.cache_info().currsize == 1
    assert lexicon.unknown({"the", "heatand"}) == {"heatand"}


def test_a_damaged_bucket_index_is_rebuilt(fresh, monkeypatch):
    full = lexicon.frequencies()
    lexicon._index()
    (path,) = [p for p in fresh.iterdir() if p.suffix == ".bin"]
    good = path.read_bytes()
    for damage in (b"", b"MTLXIDX1short", good[:-10]):  # empty, truncated header, truncated
        path.write_bytes(damage)
        _forget_dictionary(monkeypatch)
        lexicon._index.cache_clear()
        assert lexicon._index().get("the") == full["the"]
        assert path.read_bytes() == good  # written again from the dictionary


def test_copies_keyed_the_old_way_are_dropped_when_a_copy_is_written(fresh):
    fresh.mkdir(parents=True)
    for name in ("lexicon-en-1494836-1796149329.marshal",
                 "lexicon-en-1494836-1796149329-index16384.marshal",
                 "lexicon2-en-1494836-c1164316.marshal", "unrelated.txt"):
        (fresh / name).write_bytes(b"old")
    lexicon.frequencies()
    names = sorted(p.name for p in fresh.iterdir())
    assert "unrelated.txt" in names
    assert not [n for n in names if n.startswith(("lexicon-en-", "lexicon2-en-"))]
    assert [n for n in names if n.startswith("lexicon3-en-")]


def test_a_damaged_copy_is_read_from_wordfreq_again(fresh, monkeypatch):
    full = lexicon.frequencies()
    (path,) = [p for p in fresh.iterdir() if p.suffix == ".lex"]
    good = path.read_bytes()
    assert lexicon._unpack_frequencies(good) == full
    for damage in (b"", good[:20], good[:-8], good + b"\0" * 8,
                   good[:8] + b"\xff\xff\xff\x7f" + good[12:]):  # count that does not fit
        assert lexicon._unpack_frequencies(damage) is None
        path.write_bytes(damage)
        _forget_dictionary(monkeypatch)
        assert lexicon.frequencies() == full
        assert path.read_bytes() == good  # written again
