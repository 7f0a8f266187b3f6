"""Issue 15: a bounded fuzz over the public API, run with the normal tests.

Random bytes through the decoder, random Markdown/HTML/text (with the fixable defects mixed
in) through the readers, every rule and the fixes, random bytes through the cache decoders.
Nothing may raise except the documented errors; every finding's position is inside the file
and agrees with its offsets; the fixes that pass the structure check apply cleanly and the
result lints again. ``MTLINT_FUZZ_EXAMPLES`` raises the example count for a longer run."""

from __future__ import annotations

import os

import msgpack
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.config import Config
from lint.document import Document
from lint.fix import apply_to_text
from lint.fixcheck import fix_is_local
from lint.readers import read_document
from lint.runner import Job, build_plan, run
from tests.test_readers_properties import _HTML_MARKUP, _MD_MARKUP, _WORDS
from tests.test_trust_fix import FIXABLE

EXAMPLES = int(os.environ.get("MTLINT_FUZZ_EXAMPLES", 40))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=list(HealthCheck))

_pieces = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_MD_MARKUP),
                    st.sampled_from(_HTML_MARKUP), st.sampled_from(FIXABLE),
                    st.text(max_size=6))
documents = st.tuples(st.sampled_from(["a.txt", "a.md", "a.html"]),
                      st.lists(_pieces, max_size=40).map("".join))

_PLAN = None


def _plan():
    global _PLAN
    if _PLAN is None:
        _PLAN = build_plan(Config())
    return _PLAN


def _lint(path, source):
    return run([Job(path, None, source)], _plan(), workers=1).findings


def _assert_positions(source: str, findings) -> None:
    doc = Document(path="x", source=source, format="text")
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(source), f
        assert (f.line, f.column) == doc.position(f.offset), f
        assert (f.end_line, f.end_column) == doc.position(f.end_offset), f
        if f.fix is not None:
            assert 0 <= f.fix.offset <= f.fix.end_offset <= len(source), f


@SETTINGS
@given(documents)
def test_rules_and_fixes_on_random_documents(doc):
    path, source = doc
    findings = _lint(path, source)
    _assert_positions(source, findings)
    parsed = read_document(path, source)
    local = [f.fix for f in findings if f.fix is not None and fix_is_local(parsed, f.fix)]
    fixed, _ = apply_to_text(source, local)
    _assert_positions(fixed, _lint(path, fixed))


@SETTINGS
@given(st.binary(max_size=200))
def test_decoding_random_bytes(data):
    from lint.textdecode import DecodeProblem, decode_text, encode_like

    try:
        text = decode_text(data)
    except DecodeProblem:
        return
    assert decode_text(encode_like(text, data)) == text  # --fix writes back what it read


@SETTINGS
@given(st.one_of(st.binary(max_size=300),
                 st.recursive(st.one_of(st.integers(-2**63, 2**64 - 1), st.text(max_size=5),
                                        st.binary(max_size=5),
                                        st.none(), st.booleans()),
                              lambda inner: st.lists(inner, max_size=5)
                              | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                              max_leaves=20).map(lambda v: msgpack.packb(v))))
def test_cache_decoders_on_random_input(blob):
    import lint.cache as cache_mod
    from lint import datacodec

    for decode in (datacodec.decode, datacodec.decode_result):
        try:
            decode(blob)
        except datacodec.DecodeError:
            pass
    assert cache_mod._parse(cache_mod.MAGIC + blob, "f" * 32) is None  # no valid tag
