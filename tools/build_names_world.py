"""Build ``rules/data/names_world.txt``: first names and surnames frequent somewhere in the
world, with their best rank in any country, for N006 (rare spelling of a frequent name).

Run once, at build time, with the ``names-dataset`` package (MIT; not a run-time dependency):

    pip install 'names-dataset>=3.3'
    python tools/build_names_world.py [--max-rank 1000] > rules/data/names_world.txt

A name is kept when it ranks within ``--max-rank`` among the first names or the surnames of
at least one country in the data set; only the name and its best ranks are written (no
counts, no other field). Names of one letter or with characters other than letters,
apostrophes and hyphens are dropped.
"""

from __future__ import annotations

import argparse
import sys

import regex

NAME_RE = regex.compile(r"\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)*")


def best_ranks(table: dict, max_rank: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, info in table.items():
        ranks = info.get("rank") or {}
        if not ranks:
            continue
        best = min(r for r in ranks.values() if r is not None)
        if best <= max_rank and NAME_RE.fullmatch(name) and len(name) >= 3:
            out[name] = min(best, out.get(name, best))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--max-rank", type=int, default=1000)
    args = p.parse_args(argv)
    from names_dataset import NameDataset

    nd = NameDataset()
    first = best_ranks(nd.first_names, args.max_rank)
    last = best_ranks(nd.last_names, args.max_rank)
    w = sys.stdout.write
    top = args.max_rank
    w(f"# First names and surnames ranked within the top {top} of at least one country.\n"
      "# Derived by tools/build_names_world.py from the names-dataset package (v3, MIT\n"
      "# licence; names and ranks only). Name<TAB>best rank as a first name<TAB>best rank as a\n"
      f"# surname (empty: not in the top {top}), sorted by name.\n")
    for name in sorted(set(first) | set(last)):
        w(f"{name}\t{first.get(name, '')}\t{last.get(name, '')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
