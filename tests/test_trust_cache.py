"""Issue 15, point 1: nothing mtlint reads back from disk can run code or hide findings.

Real ``mtlint`` processes over real files: a malicious pickle planted where the cache used to
be read, crafted msgpack entries that claim a file is clean, a valid file of this machine
renamed to another plan, and grammar entries planted next to real ones."""

from __future__ import annotations

import glob
import json
import os
import pickle
import subprocess
import sys

import msgpack
import pytest

import lint.cache as cache_mod
from lint import cachekey, datacodec

DOUBLED = "Heading\n\nSo the the plan was ready, and it it was late.\n"


def mtlint(*args, cwd, env=None):
    done = subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def project(tmp_path):
    (tmp_path / "news").mkdir()
    for i in range(3):
        (tmp_path / "news" / f"d{i}.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "mtlint.toml").write_text("", encoding="utf-8")
    return tmp_path


class _Payload:
    """Unpickling this runs ``open(marker, 'w')``: the proof that a pickle was loaded."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_runs_nothing_and_changes_nothing(project):
    cold = mtlint("check", "news", "--format", "json", "--no-cache", cwd=project)
    mtlint("check", "news", "--format", "json", cwd=project)  # creates results/
    marker = project / "PWNED"
    evil = pickle.dumps({"format": 1, "entries": _Payload(str(marker)), "reduce": {}})
    results = project / ".mtlint_cache" / "results"
    for name in os.listdir(results):  # every file there, and the names mtlint < 2 read
        (results / name).write_bytes(evil)
    (results / (os.listdir(results)[0].split(".")[0] + ".pickle")).write_bytes(evil)
    warm = mtlint("check", "news", "--format", "json", cwd=project)
    assert not marker.exists()
    assert warm == cold and warm[0] == 1


def _serialised(path, entries, reduced, fingerprint):
    cache = cache_mod.ResultCache(os.path.dirname(os.path.dirname(path)))
    cache.fingerprint = fingerprint
    return cache._serialise(entries, reduced)


def _retagged(blob, tag_or_key, key=False):
    """``blob`` (a results file) with its head's tag replaced: by ``tag_or_key``, or by a
    tag made with the key ``tag_or_key``."""
    at = len(cache_mod.MAGIC) + 8
    size = int.from_bytes(blob[len(cache_mod.MAGIC):at], "little")
    head = blob[at + cachekey.TAG_SIZE:at + size]
    tag = cachekey.tag(tag_or_key, head) if key else tag_or_key
    return blob[:at] + tag + head + blob[at + size:]


def _results_file(project):
    (path,) = glob.glob(str(project / ".mtlint_cache" / "results" / "*.msgpack"))
    return path


def _clean_claims(path):
    """The results file with every file's result replaced by a result without findings."""
    with open(path, "rb") as fh:
        entries, reduced = cache_mod._parse(fh.read(), os.path.basename(path).split(".")[0])
    claims = {}
    for key, (digest, bare, corpus) in entries.items():
        result = datacodec.decode_result(bare)
        result.findings = []
        claims[key] = (digest, datacodec.encode_result(result), corpus)
    return claims, reduced


@pytest.mark.parametrize("how", ["unsigned", "another key", "renamed plan", "signed"])
def test_a_crafted_entry_claiming_a_file_is_clean(project, how, monkeypatch):
    cold = mtlint("check", "news", "--format", "json", "--no-cache", cwd=project)
    mtlint("check", "news", "--format", "json", cwd=project)
    path = _results_file(project)
    claims, reduced = _clean_claims(path)
    fingerprint = os.path.basename(path).split(".")[0]
    signed = _serialised(path, claims, reduced, fingerprint)
    if how == "unsigned":
        blob = _retagged(signed, bytes(cachekey.TAG_SIZE))
    elif how == "another key":  # e.g. made on the attacker's machine
        blob = _retagged(signed, os.urandom(32), key=True)
    elif how == "renamed plan":  # a genuine file of another plan, moved to this plan's name
        blob = _serialised(path, claims, reduced, "0" * len(fingerprint))
    else:  # with this machine's key: the control, showing the planted claim would work
        blob = signed
    with open(path, "wb") as fh:
        fh.write(blob)
    warm = mtlint("check", "news", "--format", "json", cwd=project)
    if how == "signed":
        assert warm[0] == 0 and json.loads(warm[1])["findings"] == []
    else:
        assert warm == cold and warm[0] == 1


def test_a_project_cache_made_elsewhere_is_not_trusted(project, tmp_path_factory):
    """A cache directory committed to the repository by someone else (signed with their
    machine's key, which this one does not have) is ignored and rewritten."""
    other_home = tmp_path_factory.mktemp("other-user")
    key_file = other_home / cachekey.KEY_FILE
    assert len(cachekey._read_or_create(str(key_file))) == 32  # as made on first use
    assert key_file.stat().st_mode & 0o077 == 0  # private to its user
    mtlint("check", "news", "--format", "json", cwd=project)
    path = _results_file(project)
    claims, _ = _clean_claims(path)
    signed = _serialised(path, claims, {}, os.path.basename(path).split(".")[0])
    with open(path, "wb") as fh:
        fh.write(_retagged(signed, key_file.read_bytes(), key=True))
    cold = mtlint("check", "news", "--format", "json", "--no-cache", cwd=project)
    assert mtlint("check", "news", "--format", "json", cwd=project) == cold


def test_mtlint_cache_key_from_the_environment(project):
    env = dict(os.environ, MTLINT_CACHE_KEY="from-a-ci-secret")
    first = mtlint("check", "news", "--format", "json", cwd=project, env=env)
    path = _results_file(project)
    with open(path, "rb") as fh:
        blob = fh.read()
    os.environ["MTLINT_CACHE_KEY"] = "from-a-ci-secret"
    try:
        cachekey._reset()
        assert cache_mod._parse(blob, os.path.basename(path).split(".")[0]) is not None
        os.environ["MTLINT_CACHE_KEY"] = "another secret"
        assert cache_mod._parse(blob, os.path.basename(path).split(".")[0]) is None
    finally:
        del os.environ["MTLINT_CACHE_KEY"]
        cachekey._reset()
    assert mtlint("check", "news", "--format", "json", cwd=project, env=env) == first


# -- the decoder itself -------------------------------------------------------------------------
def test_the_decoder_builds_only_known_classes():
    from lint.finding import Fix, Hit

    value = {"a": (1, frozenset({"x"}), {2, 3}), 4: [Hit(1, 2, "m", ["s"], Fix(1, 2, ""))]}
    assert datacodec.decode(datacodec.encode(value)) == value
    with pytest.raises(TypeError):
        datacodec.encode(_Payload("x"))

    def obj(*items):
        return msgpack.ExtType(4, msgpack.packb(list(items), use_bin_type=True))

    for crafted in (obj("os.system", "echo hi"), obj("_Payload", "x"), obj("Fix", 1, 2),
                    obj("Fix", "1", 2, "x"), obj("Hit", 1, 2, "m", "not a list", None, None,
                                                  None, None),
                    msgpack.ExtType(9, b"\x90"), msgpack.ExtType(1, b"\xc1")):
        with pytest.raises(datacodec.DecodeError):
            datacodec.decode(msgpack.packb([crafted], use_bin_type=True))
    deep = b"\x90"
    for _ in range(datacodec.MAX_DEPTH + 5):
        deep = msgpack.packb(msgpack.ExtType(1, msgpack.packb([msgpack.ExtType(1, deep)])))
    with pytest.raises(datacodec.DecodeError):
        datacodec.decode(deep)


def test_a_planted_grammar_entry_is_a_miss(tmp_path):
    from lint.grammar.cache import ParagraphCache

    cache = ParagraphCache(str(tmp_path), "harper", "settings")
    key = cache.key("Their is a problem.")
    genuine = [[0, 5, "H1", "r", "warning", "Use 'There'.", ["There"]]]
    cache.put(key, genuine)
    assert cache.get(key) == genuine
    path = cache._path(key)
    for planted in (json.dumps({"k": key, "r": []}).encode(),  # hides the finding
                    bytes(32) + json.dumps({"k": key, "r": []}).encode()):
        with open(path, "wb") as fh:
            fh.write(planted)
        assert cache.get(key) is None
    for wrong in ([[0, 5, "H1"]], [["0", 5, "H1", "r", "warning", "m", []]],
                  [[0, 5, "H1", "r", "fatal", "m", []]], {"not": "a list"}):
        cache.put(key, wrong)
        assert cache.get(key) is None  # signed, but not of the shape the engine returns


def test_no_code_executing_loader_in_mtlint():
    """No module of mtlint imports or calls a loader that can execute code."""
    import re

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    banned = re.compile(r"^\s*(?:import|from)\s+(?:pickle|marshal|shelve|dill|cloudpickle)\b"
                        r"|\b(?:pickle|marshal|shelve)\.(?:loads?|open)\(|\beval\(|\bexec\("
                        r"|yaml\.(?:load|unsafe_load)\(", re.MULTILINE)
    found = []
    for package in ("lint", "rules"):
        for folder, _, names in os.walk(os.path.join(root, package)):
            for name in names:
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), encoding="utf-8") as fh:
                        if banned.search(fh.read()):
                            found.append(os.path.join(folder, name))
    assert found == []


def test_tampered_corpus_data_is_not_used(project):
    """Corpus data (the tail of the file, outside the signed head) is checked against the
    hash the head recorded when a cross-file reduce needs it."""
    mtlint("check", "news", "--format", "json", cwd=project)
    path = _results_file(project)
    with open(path, "rb") as fh:
        blob = bytearray(fh.read())
    at = len(cache_mod.MAGIC) + 8
    size = int.from_bytes(blob[len(cache_mod.MAGIC):at], "little")
    assert len(blob) > at + size  # there is a tail
    for i in range(at + size, len(blob)):
        blob[i] ^= 0xFF  # every corpus blob damaged
    with open(path, "wb") as fh:
        fh.write(bytes(blob))
    (project / "news" / "d0.txt").write_text(DOUBLED + "It it rained.\n", encoding="utf-8")
    cold = mtlint("check", "news", "--format", "json", "--no-cache", cwd=project)
    assert mtlint("check", "news", "--format", "json", cwd=project) == cold
