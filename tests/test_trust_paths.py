"""Issue 15, points 4-6: no silent green, bounded jobs, configuration found per path.

Real ``mtlint`` processes over real trees: paths that yield nothing say why and fail the run
(unless ``--allow-empty``), unreadable directories are errors, UTF-16/UTF-32 files are read,
FIFOs and sockets are never opened; ``--jobs`` is capped; and ``exclude``,
``per-file-ignores`` and ``include`` mean the same from the repository's root, from a
subdirectory and from outside it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

DOUBLED = "So the the plan was ready.\n"


def mtlint(*args, cwd, timeout=60):
    done = subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


# -- 4. no silent green -----------------------------------------------------------------------
def test_a_path_with_nothing_to_lint_says_why_and_fails(tmp_path):
    write(tmp_path / "docs" / "notes.rst.bak", DOUBLED)
    write(tmp_path / "docs" / "data.csv", "a,b\n")
    write(tmp_path / "docs" / ".hidden.txt", DOUBLED)
    write(tmp_path / "built" / "a.txt", DOUBLED)
    write(tmp_path / ".gitignore", "built/\n")
    os.mkdir(tmp_path / ".git")
    write(tmp_path / "skip" / "a.txt", DOUBLED)
    write(tmp_path / "mtlint.toml", 'exclude = ["skip/"]\n')
    code, out, err = mtlint("check", "docs", cwd=tmp_path)
    assert code == 2 and out == ""
    assert "warning: docs: no file to lint (" in err
    assert "2 without a linted extension" in err and "1 hidden" in err
    assert "error: no file to lint" in err
    code, out, err = mtlint("check", "docs", "--allow-empty", cwd=tmp_path)
    assert code == 0 and "docs: no file to lint" in err
    code, out, err = mtlint("check", "built", "skip", "docs", cwd=tmp_path)
    assert code == 2
    assert "built: no file to lint" in err and "ignored by .gitignore" in err
    assert "skip: no file to lint" in err and "excluded by 'exclude'" in err
    code, out, err = mtlint("check", "skip/a.txt", cwd=tmp_path)
    assert code == 2 and "skip/a.txt: excluded by 'exclude', not linted" in err
    write(tmp_path / "docs" / "real.md", DOUBLED)  # one file found: no warning for docs
    code, out, err = mtlint("check", "docs", "built", cwd=tmp_path)
    assert code == 1 and "docs: no file" not in err and "built: no file to lint" in err


def test_examples_still_fail_with_findings(tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(root, "examples")):
        pytest.skip("no examples/ here")
    assert mtlint("check", "examples/", "--no-cache", cwd=root)[0] == 1  # as .ci/run expects


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_an_unreadable_directory_is_an_error(tmp_path):
    write(tmp_path / "ok" / "a.txt", "Fine text here.\n")
    locked = tmp_path / "ok" / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        code, out, err = mtlint("check", "ok", cwd=tmp_path)
    finally:
        os.chmod(locked, 0o755)
    assert code == 2 and "locked: cannot read directory" in err


def test_an_unreadable_directory_is_an_error_in_process(tmp_path, monkeypatch):
    """The same through the walk's error callback (root reads every directory, so the
    failure is made by the walk itself)."""
    from lint import discover as discover_mod

    write(tmp_path / "ok" / "a.txt", "Fine text here.\n")
    (tmp_path / "ok" / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        for root, dirs, names in real_walk(top, onerror=onerror, **kw):
            if os.path.basename(root) == "locked":
                onerror(PermissionError(13, "Permission denied", root))
                dirs[:] = []
                continue
            yield root, dirs, names

    monkeypatch.setattr(discover_mod.os, "walk", walk)
    found = discover_mod.discover([str(tmp_path / "ok")])
    assert found.errors == [f"{tmp_path / 'ok' / 'locked'}: cannot read directory: "
                            "Permission denied"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes(("\ufeff" + DOUBLED).encode(encoding))
    code, out, err = mtlint("check", "a.txt", "--format", "json", cwd=tmp_path)
    findings = json.loads(out)["findings"]
    assert code == 1 and [(f["code"], f["column"]) for f in findings] == [("G001", 4)]
    (tmp_path / "b.txt").write_bytes(DOUBLED.encode(encoding))  # no BOM: NULs, so binary
    code, out, err = mtlint("check", "b.txt", cwd=tmp_path)
    assert code == 2 and "without a byte-order mark" in err and "not linted" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_and_sockets_are_skipped_never_opened(tmp_path):
    write(tmp_path / "tree" / "a.txt", DOUBLED)
    os.mkfifo(tmp_path / "tree" / "pipe.txt")  # opening it would block forever
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "tree" / "sock.md"))
        code, out, err = mtlint("check", "tree", cwd=tmp_path, timeout=30)
        assert code == 1
        assert "tree/pipe.txt: a FIFO, not linted" in err
        assert "tree/sock.md: a socket, not linted" in err
        code, out, err = mtlint("check", "tree/pipe.txt", cwd=tmp_path, timeout=30)
        assert code == 2 and "tree/pipe.txt: a FIFO, not linted" in err
        code, out, err = mtlint("check", "/dev/null", cwd=tmp_path, timeout=30)
        assert code == 2 and "/dev/null: a device, not linted" in err
    finally:
        sock.close()


# -- 5. bounded resources ------------------------------------------------------------------
def test_jobs_are_capped_and_negative_jobs_refused(tmp_path):
    write(tmp_path / "a.txt", DOUBLED)
    cpus = os.cpu_count() or 1
    code, out, err = mtlint("check", "a.txt", "--jobs", str(cpus + 50), cwd=tmp_path)
    assert code == 1 and f"note: {cpus + 50} jobs capped at the CPU count ({cpus})" in err
    code, out, err = mtlint("check", "a.txt", "--jobs", "-1", cwd=tmp_path)
    assert code == 2 and "--jobs must be 0 or more" in err
    write(tmp_path / "mtlint.toml", "jobs = -3\n")
    code, out, err = mtlint("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "'jobs' must be a whole number, 0 or more" in err


def test_jobs_are_capped_for_tables_and_large_files_too(tmp_path):
    """The corpus-scale path (a table, a large text file) uses the same checked count."""
    write(tmp_path / "t.jsonl", '{"text": "So the the plan was ready."}\n')
    cpus = os.cpu_count() or 1
    code, out, err = mtlint("check", "t.jsonl", "--jobs", str(cpus + 50), "--no-cache",
                            cwd=tmp_path)
    assert code == 1 and f"{cpus + 50} jobs capped at the CPU count ({cpus})" in err
    code, out, err = mtlint("check", "t.jsonl", "--jobs", "-1", cwd=tmp_path)
    assert code == 2 and "--jobs must be 0 or more" in err


_PARAGRAPH = "The council met on Monday to discuss the new budget for the city's schools.\n\n"


def _stderr_on_a_terminal(args, cwd, progress_bytes: int) -> str:
    """Run mtlint with its standard error on a pseudo-terminal (the progress threshold
    lowered, so a small file stands for a long one) and return what it drew there."""
    import pty
    import select
    import time

    code = (f"import sys, lint.stream as s; s.PROGRESS_BYTES = {progress_bytes}; "
            "from lint.cli import main; raise SystemExit(main(sys.argv[1:]))")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", code, *args, "--format", "json",
                             "--no-cache"], cwd=cwd, stdout=subprocess.DEVNULL, stderr=slave,
                            env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    chunks, deadline = [], time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 1)[0]:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pseudo-terminal")
def test_a_long_single_file_shows_progress_on_a_terminal(tmp_path):
    write(tmp_path / "big.md", "# Title\n\n" + _PARAGRAPH * 600)  # one file, not split
    write(tmp_path / "big.txt", _PARAGRAPH * 600)  # split into windows (--chunk-size)
    assert "Linting" in _stderr_on_a_terminal(["check", "big.md"], tmp_path, 20_000)
    assert "Linting" in _stderr_on_a_terminal(["check", "big.txt", "--chunk-size", "5000"],
                                              tmp_path, 20_000)
    assert "Linting" not in _stderr_on_a_terminal(["check", "big.md"], tmp_path, 10 << 20)
    assert "Linting" not in _stderr_on_a_terminal(["check", "big.md", "--no-progress"],
                                                  tmp_path, 20_000)


# -- 6. configuration that does not depend on where you stand --------------------------------
@pytest.fixture
def repo(tmp_path):
    """A repository whose config excludes `docs/drafts/`, ignores G001 in `docs/legal/`, and
    includes `.rst` files under `docs/`: patterns with a slash, anchored where the config
    file is (matched against the working directory, they would miss from `docs/`)."""
    root = tmp_path / "repo"
    write(root / "mtlint.toml", 'exclude = ["docs/drafts/"]\ninclude = ["docs/*.rst"]\n'
                                '[per-file-ignores]\n"docs/legal/*" = ["G001"]\n')
    write(root / "docs" / "a.txt", DOUBLED)
    write(root / "docs" / "guide.rst", DOUBLED)
    write(root / "docs" / "legal" / "terms.txt", DOUBLED)
    write(root / "docs" / "drafts" / "x.txt", DOUBLED)
    write(root / "drafts" / "y.txt", DOUBLED)  # not excluded: the pattern is docs/drafts/
    (tmp_path / "elsewhere").mkdir()
    return root


@pytest.mark.parametrize("where", ["root", "subdirectory", "outside"])
def test_the_same_files_and_rules_wherever_you_run(repo, where):
    cwd, target = {"root": (repo, "docs"), "subdirectory": (repo / "docs", "."),
                   "outside": (repo.parent / "elsewhere", str(repo / "docs"))}[where]
    code, out, err = mtlint("check", target, "--format", "json", "--no-cache", cwd=cwd)
    assert code == 1, err
    found = {(os.path.relpath(os.path.join(str(cwd), f["path"]), str(repo)), f["code"])
             for f in json.loads(out)["findings"]}
    assert found == {("docs/a.txt", "G001"), ("docs/guide.rst", "G001")}, where


def test_exclude_is_relative_to_the_config_file(repo):
    code, out, err = mtlint("check", ".", "--format", "json", "--no-cache", cwd=repo)
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"docs/a.txt", "docs/guide.rst", "drafts/y.txt"}
    code, out, err = mtlint("check", "drafts", "--no-cache", cwd=repo / "docs")
    assert code == 2 and "drafts: no file to lint (1 excluded by 'exclude')" in err
    code, out, err = mtlint("check", "legal/terms.txt", "--no-cache", cwd=repo / "docs")
    assert code == 0, out  # per-file-ignores from the config's directory


def test_paths_under_two_configurations_use_each_its_own(repo, tmp_path):
    other = tmp_path / "other"
    write(other / "mtlint.toml", 'ignore = ["G001"]\n')
    write(other / "b.txt", DOUBLED)
    code, out, err = mtlint("check", str(repo / "docs" / "a.txt"), str(other / "b.txt"),
                            "--format", "json", "--no-cache", cwd=tmp_path)
    paths = {os.path.basename(f["path"]) for f in json.loads(out)["findings"]}
    assert code == 1 and paths == {"a.txt"}


# -- 6. a configuration inside a walked directory rules its subtree ------------------------
BOTH = "So the the plan was ready.\nThe caf\ufffd was open.\n"  # G001 and E004


@pytest.fixture
def nested(tmp_path):
    """A repository whose root config excludes `docs/drafts/` and ignores E004 in
    `docs/legal/`; `docs/api/` has a pyproject.toml of its own that selects only E, excludes
    `old/` and ignores E004 in `legal/` (both relative to `docs/api/`); `docs/api/v2/` has a
    third config selecting only G. A pyproject.toml without [tool.mtlint] (`docs/old/`) and a
    config in an excluded directory (`docs/drafts/`) change nothing."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "mtlint.toml", 'exclude = ["docs/drafts/"]\n'
                                '[per-file-ignores]\n"docs/legal/*" = ["E004"]\n')
    write(root / "docs" / "api" / "pyproject.toml",
          '[project]\nname = "api"\n[tool.mtlint]\nselect = ["E"]\nexclude = ["old/"]\n'
          '[tool.mtlint.per-file-ignores]\n"legal/*" = ["E004"]\n')
    write(root / "docs" / "api" / "v2" / "mtlint.toml", 'select = ["G"]\n')
    write(root / "docs" / "old" / "pyproject.toml", '[project]\nname = "old"\n')
    write(root / "docs" / "drafts" / "mtlint.toml", 'select = ["G"]\n')
    for rel in ("docs/a.txt", "docs/old/a.txt", "docs/drafts/x.txt", "docs/legal/t.txt",
                "docs/api/b.txt", "docs/api/old/b.txt", "docs/api/legal/c.txt",
                "docs/api/drafts/d.txt", "docs/api/v2/e.txt"):
        write(root / rel, BOTH)
    (tmp_path / "elsewhere").mkdir()
    return root


NESTED_FINDINGS = {
    ("docs/a.txt", "G001"), ("docs/a.txt", "E004"),
    ("docs/old/a.txt", "G001"), ("docs/old/a.txt", "E004"),  # api's `old/` stays in api
    ("docs/legal/t.txt", "G001"),
    ("docs/api/b.txt", "E004"),  # api selects only E
    ("docs/api/drafts/d.txt", "E004"),  # the root's `docs/drafts/` is not api's `drafts/`
    ("docs/api/v2/e.txt", "G001"),  # the nearest config: v2's, not api's
}


def _findings(out, cwd, repo):
    return {(os.path.relpath(os.path.join(str(cwd), f["path"]), str(repo)), f["code"])
            for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("where", ["root", "root-docs", "subdirectory", "outside",
                                   "outside-docs"])
def test_a_config_inside_a_walked_directory_rules_its_subtree(nested, where):
    cwd, target = {"root": (nested, "."), "root-docs": (nested, "docs"),
                   "subdirectory": (nested / "docs", "."),
                   "outside": (nested.parent / "elsewhere", str(nested)),
                   "outside-docs": (nested.parent / "elsewhere", str(nested / "docs"))}[where]
    code, out, err = mtlint("check", target, "--format", "json", "--no-cache", cwd=cwd)
    assert code == 1, err
    assert _findings(out, cwd, nested) == NESTED_FINDINGS, where


def test_a_nested_config_from_inside_its_subtree(nested):
    """From `docs/api/`, or naming its files, the same files and rules as from the root."""
    api = nested / "docs" / "api"
    code, out, err = mtlint("check", ".", "--format", "json", "--no-cache", cwd=api)
    assert _findings(out, api, nested) == {
        f for f in NESTED_FINDINGS if f[0].startswith("docs/api/")}
    code, out, err = mtlint("check", "legal/c.txt", "--no-cache", cwd=api)
    assert code == 0 and out.startswith("Found 0 findings"), out + err
    code, out, err = mtlint("check", "docs/api/old/b.txt", "--no-cache", cwd=nested)
    assert code == 2 and "docs/api/old/b.txt: excluded by 'exclude'" in err
    code, out, err = mtlint("check", "docs/old/a.txt", "docs/api/b.txt", "--format", "json",
                            "--no-cache", cwd=nested)
    assert _findings(out, nested, nested) == {
        ("docs/old/a.txt", "G001"), ("docs/old/a.txt", "E004"), ("docs/api/b.txt", "E004")}


def test_config_on_the_command_line_overrides_nested_ones(nested):
    code, out, err = mtlint("check", ".", "--config", "mtlint.toml", "--format", "json",
                            "--no-cache", cwd=nested)
    found = _findings(out, nested, nested)
    assert ("docs/api/old/b.txt", "G001") in found and ("docs/api/v2/e.txt", "E004") in found
    assert ("docs/api/legal/c.txt", "E004") in found
    assert not any(path.startswith("docs/drafts/") for path, _ in found)
    assert len(found) == 2 * 9 - 2 * 1 - 1  # all but drafts/x.txt, and t.txt's E004


def test_nested_configs_with_the_cache_and_fix(nested):
    """Each configuration keeps its cache beside it; a warm run reports the same; `--fix`
    applies only what each file's configuration selects."""
    cold = mtlint("check", ".", "--format", "json", cwd=nested)
    assert os.path.isdir(nested / ".mtlint_cache" / "results")
    assert os.path.isdir(nested / "docs" / "api" / ".mtlint_cache" / "results")
    warm = mtlint("check", ".", "--format", "json", cwd=nested)
    assert cold[0] == warm[0] == 1
    assert _findings(cold[1], nested, nested) == _findings(warm[1], nested, nested) \
        == NESTED_FINDINGS
    code, out, err = mtlint("check", "docs", "--fix", "--format", "json", cwd=nested)
    assert (nested / "docs" / "a.txt").read_text(encoding="utf-8").startswith("So the plan")
    assert (nested / "docs" / "api" / "v2" / "e.txt").read_text(
        encoding="utf-8").startswith("So the plan")
    assert (nested / "docs" / "api" / "b.txt").read_text(encoding="utf-8") == BOTH  # E only
    assert ("docs/a.txt", "G001") not in _findings(out, nested, nested)


def test_a_broken_nested_config_is_an_error_naming_it(nested):
    write(nested / "docs" / "api" / "v2" / "mtlint.toml", 'selekt = ["G"]\n')
    code, out, err = mtlint("check", "docs", "--no-cache", cwd=nested)
    assert code == 2 and "v2/mtlint.toml: unknown key 'selekt'" in err


def test_watch_sees_configs_above_and_inside(nested, monkeypatch):
    from lint.watch import snapshot

    monkeypatch.chdir(nested.parent / "elsewhere")
    seen = snapshot([str(nested / "docs")])
    assert str(nested / "mtlint.toml") in seen
    assert str(nested / "docs" / "api" / "pyproject.toml") in seen
    assert str(nested / "docs" / "api" / "v2" / "mtlint.toml") in seen
