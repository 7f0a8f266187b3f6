"""Compiled patterns kept across processes (lint.patterns)."""

import os

import pytest
import regex
import regex._main

from lint import patterns

SAMPLES = ["Mr. Smith met Dr. Jones in St. Louis.", "the heatAnd the Energy Water",
           "café Zürich Київ 2023-04-02 09:14", "don't stop-me now (AFP) “quoted”", ""]


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    patterns._reset()
    yield tmp_path / "cache"
    patterns._reset()


def _spans(p):
    return [[(m.span(), m.groups()) for m in p.finditer(s)] for s in SAMPLES]


def test_a_stored_pattern_is_built_without_the_python_compiler(cache, monkeypatch):
    source = r"(?<![\p{L}])(?P<word>\p{Lu}\p{Ll}+)(?:\s+(\p{Lu}\p{Ll}+))?"
    first = patterns.compile(source, regex.I)
    patterns.save()
    assert os.path.exists(patterns.cache_path())
    patterns._reset()  # a new process: nothing compiled yet

    def no_parsing(*args, **kwargs):
        raise AssertionError("the stored code should have been used")

    monkeypatch.setattr(regex._main, "_parse_pattern", no_parsing)
    again = patterns.compile(source, regex.I)
    assert again is not first
    assert again.pattern == source and again.flags == first.flags
    assert again.groupindex == first.groupindex and _spans(again) == _spans(first)


def test_every_pattern_of_mtlint_is_stored_faithfully(cache):
    """Each pattern a run compiles, built from its stored code in another process, finds what
    `regex` finds. (The code itself may differ between processes: `regex` emits the branches
    of a set in hash order.)"""
    import subprocess
    import sys

    examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")
    run = subprocess.run([sys.executable, "-m", "lint", "check", examples, "--format", "json"],
                         capture_output=True, env={**os.environ, "MTLINT_CACHE_DIR": str(cache)})
    assert run.returncode == 1, run.stderr  # a new process: every pattern compiled and saved
    stored = patterns._read()
    assert len(stored) > 40
    texts = SAMPLES + [open(os.path.join(examples, name), encoding="utf-8").read()
                       for name in sorted(os.listdir(examples))]
    for (source, flags), args in stored.items():
        built, fresh = patterns._core().compile(*args), regex.compile(source, flags)
        assert built.flags == fresh.flags and built.groupindex == fresh.groupindex, source
        for text in texts:
            assert [(m.span(), m.groups()) for m in built.finditer(text)] == \
                [(m.span(), m.groups()) for m in fresh.finditer(text)], source


def test_a_damaged_or_missing_file_only_costs_time(cache):
    patterns.compile(r"\bthe\b")
    patterns.save()
    path = patterns.cache_path()
    with open(path, "r+b") as fh:  # flip a byte of the payload: the checksum fails
        fh.seek(-5, os.SEEK_END)
        byte = fh.read(1)
        fh.seek(-5, os.SEEK_END)
        fh.write(bytes([byte[0] ^ 0xFF]))
    patterns._reset()
    assert patterns._read() == {}
    assert patterns.compile(r"\bthe\b").findall("the other the") == ["the", "the"]
    with open(path, "wb") as fh:
        fh.write(b"not msgpack at all")
    patterns._reset()
    assert patterns.compile(r"\d+").findall("a 12 b 3") == ["12", "3"]
    patterns.save()  # rewrites a good file
    patterns._reset()
    assert (r"\d+", 0) in patterns._read()


def test_an_unwritable_cache_is_silent(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(blocker / "cache"))  # under a file
    patterns._reset()
    try:
        assert patterns.compile(r"a+").match("aaa").group() == "aaa"
        patterns.save()
        assert not os.path.exists(patterns.cache_path())
    finally:
        patterns._reset()


def test_saves_merge_with_what_another_process_wrote(cache):
    patterns.compile(r"one")
    patterns.save()
    patterns._reset()  # another process, with the file as it is
    patterns.compile(r"two")
    patterns.save()
    assert {(r"one", 0), (r"two", 0)} <= set(patterns._read())


def test_a_damaged_entry_is_compiled_again(cache):
    from lint.cachekey import seal
    from lint.patternfile import dump
    from lint.usercache import write_atomically

    patterns.compile(r"\bcat\b")
    patterns.save()
    with open(patterns.cache_path(), "rb") as fh:
        good = fh.read()
    body = dump(patterns._read())
    for damaged in (body[:-3], body[:16] + body[24:], b"\xff" * 8 + body[8:], b"\0" * 7):
        # signed (as if mtlint wrote it), but inconsistent: counts that do not fit
        write_atomically(patterns.cache_path(),
                         seal(str(patterns.FORMAT).encode() + b"\n" + damaged))
        patterns._reset()
        assert patterns._read() == {}
        assert patterns.compile(r"\bcat\b").findall("cat concat cat") == ["cat", "cat"]
    write_atomically(patterns.cache_path(), good)
    patterns._reset()
    args = patterns._read()[(r"\bcat\b", 0)]
    assert patterns._core().compile(*args).findall("a cat") == ["cat"]


def test_the_layout_round_trips(cache):
    from lint.patternfile import dump, load

    for p in (r"(?P<word>\w+)-(?P<num>\d+)", r"\bthe\b", r"[\p{Han}]+", "x|y"):
        patterns.compile(p)
    patterns.save()
    stored = patterns._read()
    assert len(stored) >= 4 and load(dump(stored)) == stored
    named = stored[(r"(?P<word>\w+)-(?P<num>\d+)", 0)]
    assert named[3] == {"word": 1, "num": 2} and named[4] == {1: "word", 2: "num"}


def test_every_process_builds_the_same_patterns(cache):
    """A pattern built from a set of words must not depend on the set's (hash-seeded)
    order: otherwise every run compiles it anew and the file grows by one entry a run."""
    import subprocess
    import sys

    examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")
    sizes = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "MTLINT_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "lint", "check", examples, "--no-cache"],
                       capture_output=True, env=env, check=False)
        sizes.append(len(patterns._read()))
    assert sizes[0] > 40 and sizes[0] == sizes[1] == sizes[2]


def test_an_unsigned_file_never_reaches_the_core(tmp_path):
    """Made-up opcodes crash `regex`'s C core (a segmentation fault): a patterns file that
    mtlint on this machine did not sign, however well-formed, is ignored. In a subprocess, so
    that a regression fails this test instead of killing the test run."""
    import subprocess
    import sys

    script = (
        "from lint import patterns\n"
        "from lint.patternfile import dump\n"
        "from lint.usercache import write_atomically\n"
        "args = (r'\\bcat\\b', 0, [9999, 1, 2], {}, {}, {}, [], 0, (), 0, 0)\n"
        "body = dump({(args[0], 0): args})\n"
        "blob = bytes(32) + str(patterns.FORMAT).encode() + b'\\n' + body\n"
        "write_atomically(patterns.cache_path(), blob)\n"
        "print(patterns.compile(r'\\bcat\\b').findall('cat concat cat'))\n")
    env = dict(os.environ, MTLINT_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['cat', 'cat']"
