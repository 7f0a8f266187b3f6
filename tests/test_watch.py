"""--watch lints again when a file changes (a real process, a real edit, bounded waits)."""

import os
import signal
import subprocess
import sys
import time

from conftest import ROOT


def _line_reader(proc):
    """A queue fed with the process's stdout lines by a thread (select() on a buffered pipe
    misses lines already in Python's buffer)."""
    import queue
    import threading

    lines = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _read_until(lines, needle: str, timeout: float) -> str:
    """Lines up to the one holding ``needle`` (fails after ``timeout`` seconds)."""
    import queue

    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return "".join(seen)
    raise AssertionError(f"no {needle!r} within {timeout}s; got {''.join(seen)!r}")


def test_watch_relints_after_an_edit_and_stops_on_ctrl_c(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("The minister said the plan was ready.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=ROOT, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "lint", "check", "--watch", "--no-cache",
                             "--format", "text", "a.txt"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = _line_reader(proc)
    try:
        first = _read_until(lines, "Found", 60)
        assert "Found 0 findings in 1 file." in first
        time.sleep(0.1)
        target.write_text("The minister said the the plan was ready.\n", encoding="utf-8")
        second = _read_until(lines, "Found", 30)
        assert "a.txt:1:19: G001" in second and "Found 1 finding in 1 file." in second
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_snapshot_sees_prose_files_but_not_what_mtlint_writes(tmp_path, monkeypatch):
    from lint.watch import snapshot

    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Text.\n")
    (tmp_path / "docs" / "report.txt").write_text("report\n")
    (tmp_path / "docs" / "data.bin").write_bytes(b"\0")
    (tmp_path / "docs" / ".mtlint_cache").mkdir()
    (tmp_path / "docs" / ".mtlint_cache" / "x.txt").write_text("cache\n")
    skip = frozenset({str(tmp_path / "docs" / "report.txt")})
    assert sorted(snapshot(["docs"], skip)) == [os.path.join("docs", "a.md")]
    before = snapshot(["docs"], skip)
    (tmp_path / "docs" / "report.txt").write_text("a longer report\n")
    (tmp_path / "docs" / ".mtlint_cache" / "x.txt").write_text("more cache\n")
    assert snapshot(["docs"], skip) == before
    (tmp_path / "docs" / "b.txt").write_text("New.\n")
    assert snapshot(["docs"], skip) != before
