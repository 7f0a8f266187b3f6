"""Seeded tuning/test splits of a corpus, by file.

Every number reported for a corpus that rules were tuned on comes from its *test* part. A file's
part depends only on its path relative to the corpus root and the seed (a hash, not the order
of a directory listing), so the split is the same on every machine and for every tool:

    python -m bench.splits ../shared/corpus/news --part test      # one path a line
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys

#: Share of the files that go to the test part.
TEST_SHARE = 0.5


def part_of(key: str, seed: int = 1, test_share: float = TEST_SHARE) -> str:
    """``"test"`` or ``"tune"`` for a file (or record) key, stable for a seed."""
    h = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return "test" if int.from_bytes(h[:8], "big") / 2**64 < test_share else "tune"


def split_files(root: str, files: list[str], seed: int = 1,
                test_share: float = TEST_SHARE) -> dict[str, list[str]]:
    """``{"tune": [...], "test": [...]}``: ``files`` (paths under ``root``) by their part."""
    out: dict[str, list[str]] = {"tune": [], "test": []}
    for path in files:
        key = os.path.relpath(path, root).replace(os.sep, "/")
        out[part_of(key, seed, test_share)].append(path)
    return out


def corpus_files(root: str, exts: tuple[str, ...] = (".txt", ".md")) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(exts) and not name.startswith("README"):
                found.append(os.path.join(dirpath, name))
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.splits", description=__doc__.split("\n")[0])
    p.add_argument("root")
    p.add_argument("--part", choices=("tune", "test"), default="test")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    for path in split_files(args.root, corpus_files(args.root), args.seed)[args.part]:
        sys.stdout.write(path + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
