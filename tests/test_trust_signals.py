"""Issue 15, point 3: Ctrl-C and SIGTERM during a parallel run.

A real ``mtlint`` process over a generated tree of a few hundred files, with two workers and
the results cache, gets SIGINT or SIGTERM at a random moment, many times: it must exit with
130 or 143 (or 0/1 if it finished first) within a second or so, print no traceback (a second
Ctrl-C during the clean-up included), leave no process behind, and leave a results cache that
still validates."""

from __future__ import annotations

import glob
import os
import random
import signal
import subprocess
import sys
import time

import pytest

RUNS = int(os.environ.get("MTLINT_SIGNAL_RUNS", 10))
#: Seconds allowed from the signal to the exit (the issue asks for one; the margin is for a
#: loaded 2-core CI machine).
EXIT_WITHIN = 1.5

_WORDS = ("the council said on monday that talks with the union would continue and that a "
          "new plan for the city budget was ready after months of work by officials in the "
          "capital where prices rose sharply as the central bank held rates").split()


def _article(rng: random.Random, i: int) -> str:
    paragraphs = []
    for _ in range(rng.randint(8, 16)):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
            words[0] = words[0].capitalize()
            sentences.append(" ".join(words) + ".")
        paragraphs.append(" ".join(sentences))
    if i % 7 == 0:
        paragraphs.append("So the the plan was ready, and Olaf Sholz said so.")
    return f"Article {i}\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("signals")
    rng = random.Random(15)
    for i in range(100):
        folder = root / "news" / f"part{i % 6}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{i:03d}.txt").write_text(_article(rng, i), encoding="utf-8")
    (root / "mtlint.toml").write_text("", encoding="utf-8")
    return root


def _processes_mentioning(marker: str) -> list[int]:
    pids = []
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(cmdline, "rb") as fh:
                if marker.encode() in fh.read():
                    pids.append(int(cmdline.split("/")[2]))
        except OSError:
            pass
    return [p for p in pids if p != os.getpid()]


def _wait_for_handlers(pid: int, timeout: float = 20.0) -> None:
    """Until mtlint has installed its SIGTERM handler (``SigCgt`` in /proc): a signal during
    the interpreter's own start-up, before any of mtlint's code runs, gets Python's default
    behaviour, which is not what this test is about."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                caught = next(int(line.split()[1], 16) for line in fh
                              if line.startswith("SigCgt:"))
        except (OSError, StopIteration):
            return  # gone already
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.005)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_signals_at_random_moments(tree):
    import lint.cache as cache_mod

    rng = random.Random(int(os.environ.get("MTLINT_SIGNAL_SEED", 3)))
    marker = str(tree / "news")
    cache_dir = tree / "cache"
    command = [sys.executable, "-m", "lint", "check", marker, "-j", "2", "--cache-dir",
               str(cache_dir), "--format", "json"]
    primed = subprocess.run(command, cwd=tree, capture_output=True, timeout=300)
    assert primed.returncode == 1 and glob.glob(str(cache_dir / "results" / "*"))
    files = sorted(glob.glob(str(tree / "news" / "*" / "*.txt")))
    stopped = 0
    for run in range(RUNS):
        sig = (signal.SIGINT, signal.SIGTERM)[run % 2]
        for path in rng.sample(files, 40):  # cache misses: the workers have files to lint
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"Run {run} added this line.\n")
        proc = subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        _wait_for_handlers(proc.pid)
        time.sleep(rng.uniform(0.0, 1.0))
        sent = time.monotonic()
        proc.send_signal(sig)
        if run % 4 == 0:  # an impatient second Ctrl-C during the clean-up
            time.sleep(0.02)
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise AssertionError(f"run {run}: no exit 30 s after {sig.name}") from None
        took = time.monotonic() - sent
        text = err.decode("utf-8", "replace")
        assert "Traceback" not in text, text
        if proc.returncode in (0, 1):  # finished before the signal arrived
            continue
        stopped += 1
        expected = 130 if sig == signal.SIGINT else 143
        assert proc.returncode == expected, (run, sig.name, proc.returncode, text)
        assert took < EXIT_WITHIN, (run, sig.name, took)
        assert text.strip().endswith("mtlint: error: interrupted"), text
        deadline = time.monotonic() + 2
        while _processes_mentioning(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_mentioning(marker) == [], f"run {run}: workers left behind"
        for path in glob.glob(str(cache_dir / "results" / "*")):
            name = os.path.basename(path)
            assert not name.startswith(".tmp-"), "a half-written cache file was left"
            with open(path, "rb") as fh:
                assert cache_mod._parse(fh.read(), name.split(".")[0]) is not None
    assert stopped >= RUNS // 2  # most signals arrived during the run
