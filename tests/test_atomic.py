"""Atomic file replacement (lint.atomic), shared by --fix and the caches."""

import os

import pytest

from lint.atomic import replace_file


def test_replaces_the_file_with_the_mode_asked_or_the_umask_default(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    replace_file(str(path), b"new", mode=0o640)
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640
    mask = os.umask(0o022)
    try:
        replace_file(str(tmp_path / "b.txt"), b"x")
    finally:
        os.umask(mask)
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "dir"
    target.mkdir()
    (target / "inside").write_text("keep")
    with pytest.raises(OSError):
        replace_file(str(target), b"data")  # a file cannot replace a non-empty directory
    assert sorted(os.listdir(tmp_path)) == ["dir"]
    assert (target / "inside").read_text() == "keep"
