"""``mtlint check`` options for tables, large files and Dask (a light module: the parser is
built on every start; the run itself is :mod:`lint.stream`)."""

from __future__ import annotations

from lint.chunking import CHUNK_CHARS


def add_arguments(check) -> None:
    """``mtlint check`` options for tables, large files and Dask."""
    check.add_argument("--text-field", help="tables: the field holding each record's text "
                       "(default: text)")
    check.add_argument("--id-field", help="tables: the field holding each record's id "
                       "(default: the record's number)")
    check.add_argument("--source-field", help="tables: the field holding the source text of "
                       "a translation pair")
    check.add_argument("--dask-scheduler", metavar="ADDRESS", help="lint on a Dask cluster, "
                       "e.g. tcp://host:8786")
    check.add_argument("--chunk-size", type=int, metavar="CHARS", help="split plain-text "
                       f"files longer than twice this (default: {CHUNK_CHARS})")
