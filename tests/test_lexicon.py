"""The word-frequency lexicon and its on-disk copy."""

import os

import pytest

from rules import lexicon


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    lexicon.frequencies.cache_clear()
    yield tmp_path / "cache"
    lexicon.frequencies.cache_clear()


def test_zipf_values():
    assert lexicon.zipf("the") > 7 and lexicon.zipf("THE") == lexicon.zipf("the")
    assert lexicon.zipf("Emmanuel") > lexicon.zipf("Emmanual") > 0
    assert lexicon.zipf("heatand") == 0.0
    assert lexicon.zipf("don't") > 5


def test_first_load_writes_the_cache_and_the_second_reads_it(fresh, monkeypatch):
    first = lexicon.frequencies()
    (path,) = list(fresh.iterdir())
    assert path.name.startswith("lexicon-en-") and path.stat().st_size > 1_000_000
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
