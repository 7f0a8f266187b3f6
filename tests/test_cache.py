"""The results cache: warm runs give cold runs' findings, misses whenever a result could differ,
never fails a run, and ``mtlint clean`` removes it."""

from __future__ import annotations

import dataclasses
import glob
import json
import os

import msgpack
import pytest

import lint.cache as cache_mod
import lint.runner as runner
from lint import registry

MAJORITY = ("Minister news {i}\n\nForeign minister Dmytro Kuleba said on Monday that talks "
            "would continue. Dmytro Kuleba met officials in the capital.\n")
MINORITY = ("Minister news 4\n\nForeign minister Dmitro Kuleba said on Tuesday that the talks "
            "had stalled in the capital.\n")
DOUBLED = "Heading\n\nSo the the plan was ready, and it it was late.\n"


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


@pytest.fixture
def project(tmp_path):
    """Four articles with a cross-file name variant (N002 in x.txt), doubled words (G001),
    a Markdown file, and a config with per-file-ignores; the working directory is tmp_path."""
    for i in (1, 2, 3):
        write(f"news/m{i}.txt", MAJORITY.format(i=i))
    write("news/x.txt", MINORITY)
    write("news/d.txt", DOUBLED)
    write("news/legal/d.txt", DOUBLED)
    write("news/page.md", "# Title\n\nThe the page <!-- mtlint-disable-next-line G001 -->\n"
                          "has has words.\n")
    write("mtlint.toml", '[per-file-ignores]\n"news/legal/*" = ["G001"]\n')
    return tmp_path


@pytest.fixture
def calls(monkeypatch):
    """Counts per-document rule runs (lint_document) and corpus reduce calls."""
    counter = {"docs": 0, "reduce": 0}
    real = runner.lint_document

    def counting(doc, plan):
        counter["docs"] += 1
        return real(doc, plan)

    monkeypatch.setattr(runner, "lint_document", counting)
    for code, rule in list(registry.all_rules().items()):
        if rule.is_corpus:
            def reduce(*args, _real=rule.reduce):
                counter["reduce"] += 1
                return _real(*args)

            monkeypatch.setitem(registry._REGISTRY, code, dataclasses.replace(rule,
                                                                               reduce=reduce))
    return counter


def cache_files(root="."):
    return glob.glob(os.path.join(root, ".mtlint_cache", "results", "*.msgpack"))


def read_cache(path):
    """(entries, reduced) of a results file, checked as a run checks it."""
    with open(path, "rb") as fh:
        blob = fh.read()
    got = cache_mod._parse(blob, os.path.basename(path).split(".")[0])
    assert got is not None
    return got


def write_cache(path, entries, reduced):
    """A results file mtlint accepts (signed with this machine's key)."""
    cache = cache_mod.ResultCache(os.path.dirname(os.path.dirname(path)))
    cache.fingerprint = os.path.basename(path).split(".")[0]
    with open(path, "wb") as fh:
        fh.write(cache._serialise(entries, reduced))


def check(run_cli, *args):
    code, out, err = run_cli("check", "news", "-j", "1", *args)
    return code, out, err


def test_warm_run_gives_identical_findings_without_running_rules(project, run_cli, calls):
    check(run_cli, "--format", "json")
    assert calls["docs"] == 7 and calls["reduce"] >= 1
    for fmt in ("json", "text", "sarif", "github", "rich"):
        cold = check(run_cli, "--format", fmt, "--no-cache")
        first = check(run_cli, "--format", fmt)  # rich keeps source lines: another plan
        calls["docs"] = calls["reduce"] = 0
        warm = check(run_cli, "--format", fmt)
        assert warm == first == cold
        assert calls == {"docs": 0, "reduce": 0}  # every file and every reduce from the cache
    report = json.loads(check(run_cli, "--format", "json")[1])
    found = {(f["path"], f["code"]) for f in report["findings"]}
    assert ("news/x.txt", "N002") in found  # the corpus finding survives a warm run
    assert ("news/d.txt", "G001") in found
    assert not any(p == "news/legal/d.txt" and c == "G001" for p, c in found)  # per-file-ignores
    assert report["summary"]["files"] == 7
    assert len(cache_files()) == 2  # the plain formats share one plan; rich keeps lines


def test_a_changed_file_is_linted_again_alone(project, run_cli, calls):
    check(run_cli, "--format", "json")
    with open("news/d.txt", "a", encoding="utf-8") as fh:
        fh.write("\nAnd and one more.\n")
    calls["docs"] = 0
    code, out, _ = check(run_cli, "--format", "json")
    assert calls["docs"] == 1
    assert (code, out) == check(run_cli, "--format", "json", "--no-cache")[:2]
    assert "And and" in out


def test_corpus_finding_follows_a_change_in_another_file(project, run_cli, calls):
    _, out, _ = check(run_cli, "--format", "text")
    assert "x.txt:3:18: N002" in out
    for i in (1, 2, 3):  # the majority spelling goes; x.txt itself does not change
        write(f"news/m{i}.txt", f"Minister news {i}\n\nTalks would continue on Monday.\n")
    calls["docs"] = calls["reduce"] = 0
    _, out, _ = check(run_cli, "--format", "text")
    assert calls["docs"] == 3 and calls["reduce"] >= 1
    assert "N002" not in out
    assert out == check(run_cli, "--format", "text", "--no-cache")[1]


def test_runs_over_other_sets_of_files_keep_the_reduce(project, run_cli, calls):
    whole = check(run_cli, "--format", "json")
    run_cli("check", "news/x.txt", "news/m1.txt", "-j", "1", "--format", "json")
    calls["docs"] = calls["reduce"] = 0
    assert check(run_cli, "--format", "json") == whole
    assert calls == {"docs": 0, "reduce": 0}


def test_unused_suppression_follows_the_corpus_rule(project, run_cli):
    """A suppression used only by a corpus finding is stored unused (as the worker saw it):
    when the corpus finding goes, M001 reports it, though its own file is a cache hit."""
    os.unlink("news/x.txt")
    write("news/x.md", MINORITY.replace("Foreign", "<!-- mtlint-disable-next-line N002 -->\n"
                                                   "Foreign"))
    args = ("--format", "text", "--extend-select", "M001")
    first = check(run_cli, *args)[1]
    assert "M001" not in first and "N002" not in first
    assert check(run_cli, *args)[1] == first
    for i in (1, 2, 3):
        write(f"news/m{i}.txt", f"Minister news {i}\n\nTalks would continue on Monday.\n")
    out = check(run_cli, *args)[1]
    assert "news/x.md:3:1: M001" in out
    assert out == check(run_cli, *args, "--no-cache")[1]


@pytest.mark.parametrize("config, linted", [
    ('[per-file-ignores]\n"news/legal/*" = ["G001"]\n', 0),  # unchanged: all hits
    ('[per-file-ignores]\n"news/legal/*" = ["G"]\n"news/d.txt" = ["G001"]\n', 7),
    ('[per-file-ignores]\n"news/legal/*" = ["G001"]\n[severity]\nG001 = "error"\n', 7),
    ('select = ["G"]\n[per-file-ignores]\n"news/legal/*" = ["G001"]\n', 7),
    ('ignore = ["N002"]\n[per-file-ignores]\n"news/legal/*" = ["G001"]\n', 7),
    ('extend-select = ["G006"]\n[per-file-ignores]\n"news/legal/*" = ["G001"]\n', 7),
])
def test_a_config_change_misses(project, run_cli, calls, config, linted):
    check(run_cli, "--format", "json")
    write("mtlint.toml", config)
    calls["docs"] = 0
    warm = check(run_cli, "--format", "json")
    assert calls["docs"] == linted
    assert warm == check(run_cli, "--format", "json", "--no-cache")


def test_command_line_selection_misses(project, run_cli, calls):
    check(run_cli, "--format", "json")
    calls["docs"] = 0
    out = check(run_cli, "--format", "json", "--ignore", "G001")[1]
    assert calls["docs"] == 7 and '"G001"' not in out


def test_a_vocabulary_change_misses(project, run_cli, calls):
    write("vocab/accept.txt", "# names\nKestrel\n")
    write("mtlint.toml", '[names]\naccept = ["vocab/accept.txt"]\n')
    assert "N002" in check(run_cli, "--format", "text")[1]
    write("vocab/accept.txt", "# names\nDmitro\n")  # same config, new vocabulary contents
    calls["docs"] = 0
    out = check(run_cli, "--format", "text")[1]
    assert calls["docs"] == 7 and "N002" not in out


def test_code_fingerprint_hashes_contents(tmp_path, monkeypatch):
    pkg = tmp_path / "pkg"
    write(str(pkg / "data" / "words.txt"), "alpha\n")
    write(str(pkg / "mod.py"), "X = 1\n")
    write(str(pkg / "__pycache__" / "mod.cpython-311.pyc"), "junk")
    files = sorted(cache_mod._package_files(str(pkg)))
    assert [os.path.relpath(f, pkg) for f in files] == ["data/words.txt", "mod.py"]
    before = cache_mod._hash_files(str(tmp_path), files)
    stat = os.stat(pkg / "data" / "words.txt")
    write(str(pkg / "data" / "words.txt"), "gamma\n")  # same size, same mtime
    os.utime(pkg / "data" / "words.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache_mod._hash_files(str(tmp_path), files) != before
    # mtlint's own data files are part of it
    cache_mod._CODE = None
    import rules

    data = os.path.join(os.path.dirname(rules.__file__), "data", "doubled_ok.txt")
    assert data in cache_mod._package_files(os.path.dirname(rules.__file__))
    assert len(cache_mod.code_fingerprint()) == 32


def test_new_mtlint_code_misses(project, run_cli, calls, monkeypatch):
    check(run_cli, "--format", "json")
    monkeypatch.setattr(cache_mod, "_CODE", "another version of mtlint")
    calls["docs"] = 0
    check(run_cli, "--format", "json")
    assert calls["docs"] == 7


def test_corrupt_or_truncated_cache_is_a_miss(project, run_cli, calls):
    cold = check(run_cli, "--format", "json")
    (path,) = cache_files()
    with open(path, "rb") as fh:
        data = fh.read()
    for broken in (b"", b"garbage", data[: len(data) // 2],
                   data[:60] + bytes([data[60] ^ 1]) + data[61:],  # the head's tag fails
                   cache_mod.MAGIC + msgpack.packb([cache_mod.FORMAT, "x", [], {}]),
                   cache_mod.MAGIC + bytes(40) + msgpack.packb([-1, "x", [], {}])):
        with open(path, "wb") as fh:
            fh.write(broken)
        calls["docs"] = 0
        assert check(run_cli, "--format", "json") == cold
        assert calls["docs"] == 7
    calls["docs"] = 0
    assert check(run_cli, "--format", "json") == cold  # rewritten whole
    assert calls["docs"] == 0


def test_a_damaged_entry_is_linted_again(project, run_cli, calls):
    cold = check(run_cli, "--format", "json")
    (path,) = cache_files()
    entries, _ = read_cache(path)
    for key, (digest, bare, _corpus) in list(entries.items()):
        if key[1] == "news/m1.txt":
            entries[key] = (digest, bare, b"not msgpack \xc1")
        if key[1] == "news/d.txt":
            entries[key] = (digest, b"not msgpack \xc1", _corpus)
    write_cache(path, entries, {})  # no reduce kept: it must run, so m1's corpus data is needed
    calls["docs"] = 0
    assert check(run_cli, "--format", "json") == cold
    assert calls["docs"] == 2


@pytest.mark.parametrize("setting", ['cache-dir = "blocker"\n', 'cache-dir = "blocker/sub"\n'])
def test_unwritable_cache_dir_is_silent(project, run_cli, setting):
    write("blocker", "a file where the cache directory should be\n")
    cold = check(run_cli, "--format", "json", "--no-cache")
    write("mtlint.toml", setting + '[per-file-ignores]\n"news/legal/*" = ["G001"]\n')
    assert check(run_cli, "--format", "json") == cold
    assert check(run_cli, "--format", "json") == cold
    assert os.path.isfile("blocker")


def test_read_only_results_dir_is_silent(project, run_cli, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    cold = check(run_cli, "--format", "json", "--no-cache")
    assert check(run_cli, "--format", "json") == cold
    assert cache_files() == []


def test_cache_off_writes_nothing(project, run_cli):
    check(run_cli, "--format", "json", "--no-cache")
    assert not os.path.exists(".mtlint_cache")
    write("mtlint.toml", 'cache = false\n')
    check(run_cli, "--format", "json")
    assert not os.path.exists(".mtlint_cache")


def test_cache_lives_beside_the_config_file(project, run_cli, monkeypatch):
    os.chdir("news")
    run_cli("check", ".", "--format", "json")
    assert cache_files(str(project)) and not os.path.exists(".mtlint_cache")
    assert sorted(os.listdir(project / ".mtlint_cache")) == [".gitignore", "CACHEDIR.TAG",
                                                               "results"]
    with open(project / ".mtlint_cache" / ".gitignore", encoding="utf-8") as fh:
        assert fh.read().splitlines()[-1] == "*"
    write(str(project / "mtlint.toml"), 'cache-dir = "build/lint-cache"\n')
    run_cli("check", ".", "--format", "json")
    assert glob.glob(str(project / "build" / "lint-cache" / "results" / "*.msgpack"))
    run_cli("check", ".", "--format", "json", "--cache-dir", "here")
    assert glob.glob(str(project / "news" / "here" / "results" / "*.msgpack"))


def test_errors_are_reported_on_every_run(project, run_cli):
    with open("news/bad.txt", "wb") as fh:
        fh.write(b"caf\xe9 au lait\n")
    for _ in range(2):
        code, out, err = check(run_cli, "--format", "json")
        assert code == 2 and "news/bad.txt: not valid UTF-8" in err
        assert json.loads(out)["summary"]["files"] == 8


def test_fix_then_rerun(project, run_cli):
    check(run_cli, "--format", "json")
    code, _, err = check(run_cli, "--format", "json", "--fix", "--select", "G001")
    assert "applied" in err
    with open("news/d.txt", encoding="utf-8") as fh:
        assert "the the" not in fh.read()
    after = check(run_cli, "--format", "json", "--select", "G001")
    assert after == check(run_cli, "--format", "json", "--select", "G001", "--no-cache")
    assert '"news/d.txt"' not in after[1]


def test_stdin_is_not_cached(project, run_cli):
    code, out, _ = run_cli("check", "-", "--stdin-filename", "n.txt", "--format", "text",
                           stdin=DOUBLED.encode())
    assert code == 1 and "G001" in out
    assert cache_files() == []


def test_deleted_files_are_dropped(project, run_cli):
    check(run_cli, "--format", "json")
    os.unlink("news/d.txt")
    write("news/new.txt", DOUBLED)  # a change, so the cache is written again
    check(run_cli, "--format", "json")
    (path,) = cache_files()
    shown = {key[1] for key in read_cache(path)[0]}
    assert "news/new.txt" in shown and "news/d.txt" not in shown and "news/m1.txt" in shown


def test_concurrent_writers_merge(project, tmp_path):
    """Two runs that loaded the same cache file each write their own results: the second
    writer merges with what the first wrote instead of dropping it."""
    from lint.config import load_config
    from lint.runner import Job, build_plan, read_source, run

    plan = build_plan(load_config())
    root = str(tmp_path / "c")
    a, b = cache_mod.ResultCache(root), cache_mod.ResultCache(root)
    a.load(plan)
    b.load(plan)
    runner._init_worker(plan)
    for cache, path in ((a, "news/m1.txt"), (b, "news/d.txt")):
        job = Job(path, path, read_source(path))
        assert cache.get(job, job.source) is None
        cache.put(job, runner.lint_job(job))
    a.save()
    b.save()
    c = cache_mod.ResultCache(root)
    paths = ["news/m1.txt", "news/d.txt"]
    warm = run([Job(p, p) for p in paths], plan, workers=1, cache=c)
    assert c.hits == 2
    assert warm.findings == run([Job(p, p) for p in paths], plan, workers=1).findings
    assert not [n for n in os.listdir(os.path.join(root, "results")) if n.startswith(".")]


def test_clean_removes_the_cache(project, run_cli):
    check(run_cli, "--format", "json")
    assert os.path.isdir(".mtlint_cache")
    code, out, _ = run_cli("clean")
    assert code == 0
    assert out == f"Removed {project / '.mtlint_cache'}\n"
    assert not os.path.exists(".mtlint_cache")
    code, out, _ = run_cli("clean")
    assert code == 0 and out == f"No cache at {project / '.mtlint_cache'}\n"


def test_clean_keeps_what_is_not_mtlints(project, run_cli):
    os.mkdir("build")
    write("build/keep.txt", "not mtlint's\n")
    write("mtlint.toml", 'cache-dir = "build"\n')
    check(run_cli, "--format", "json")
    assert glob.glob("build/results/*.msgpack")
    code, out, _ = run_cli("clean")
    assert code == 0 and "Removed" in out
    assert sorted(os.listdir("build")) == ["keep.txt"]


def test_clean_removes_a_grammar_cache_dir_of_its_own(project, run_cli):
    write("mtlint.toml", '[grammar]\ncache-dir = "gcache"\n')
    write("gcache/grammar/harper/ab/cdef.json", "{}")
    write("gcache/notes.txt", "kept\n")
    check(run_cli, "--format", "json")
    code, out, _ = run_cli("clean")
    assert code == 0
    assert f"Removed {project / 'gcache' / 'grammar'}" in out.splitlines()
    assert not os.path.exists(".mtlint_cache") and os.listdir("gcache") == ["notes.txt"]


def test_a_failing_fingerprint_runs_without_the_cache(project, run_cli, monkeypatch):
    def broken(plan):
        raise OSError("package directory unreadable")

    monkeypatch.setattr(cache_mod, "plan_fingerprint", broken)
    cold = check(run_cli, "--format", "json", "--no-cache")
    assert check(run_cli, "--format", "json") == cold
    assert cache_files() == []
