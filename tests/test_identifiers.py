"""The identifier vocabulary: what a document writes as code, and identifier shapes."""

from __future__ import annotations

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
