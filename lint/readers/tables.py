"""Segment tables: JSON Lines, CSV, TSV and Parquet files where each record is one text.

A table is read as a stream of :class:`Record` (never whole into memory): ``.gz`` and ``.zst``
files are decompressed on the fly, CSV and JSONL are parsed line by line, Parquet batch by
batch (through ``pyarrow``, an optional extra). Each record's text is linted as a document of
its own; its findings carry the record's id and positions inside that text.

Field names are configurable: the text (default ``text``), an id (default: none, the record's
1-based ordinal), and a source text (default: none) for translation QA, which compares each
target text with its source.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

#: Table formats by extension (after a compression suffix is removed).
TABLE_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                 ".parquet": "parquet"}
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}


class TableError(Exception):
    """A table cannot be read (one line for the user, naming the file and the record)."""


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of a record hold the text, the id and the source text."""

    text: str = "text"
    id: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Record:
    id: str  # the id field's value, or the 1-based ordinal
    index: int  # 1-based ordinal in the table (output order)
    text: str
    source: str | None = None  # the source text of a translation pair


def table_format(path: str) -> tuple[str, str | None] | None:
    """``(format, compression)`` of a table path, or None when it is no table."""
    base, ext = os.path.splitext(os.fspath(path).lower())
    compression = COMPRESSIONS.get(ext)
    if compression is not None:
        base, ext = os.path.splitext(base)
    fmt = TABLE_FORMATS.get(ext)
    if fmt is None or (fmt == "parquet" and compression):
        return None
    return fmt, compression


def is_table(path: str) -> bool:
    return table_format(path) is not None


def open_binary(path: str, compression: str | None):
    """``(stream, raw)``: the file's bytes as a stream, decompressed on the fly, and the file
    underneath (whose position says how much of the file has been read)."""
    raw = open(path, "rb")  # noqa: SIM115 - closed with the stream
    if compression == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    if compression == "zstd":
        try:
            import zstandard
        except ImportError:
            raw.close()
            raise TableError(f"{path}: reading .zst needs the 'zstandard' package "
                             "(pip install 'mtlint[tables]')") from None
        return zstandard.ZstdDecompressor().stream_reader(raw, closefd=True), raw
    return raw, raw


def iter_records(path: str, fields: Fields = Fields(), consumed: list[int] | None = None
                 ) -> Iterator[Record]:
    """The records of the table at ``path`` in file order; a record without the text field
    (or with an empty text) is skipped, a text that is no string is an error. ``consumed[0]``
    follows how many bytes of the file have been read (for a progress display)."""
    found = table_format(path)
    if found is None:
        raise TableError(f"{path}: not a table (.jsonl, .csv, .tsv, .parquet)")
    fmt, compression = found
    try:
        if fmt == "parquet":
            rows = _parquet_rows(path, fields, consumed)
            yield from _records(path, rows, fields)
            return
        stream, raw = open_binary(path, compression)
        with stream, raw:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            rows = _jsonl_rows(path, text) if fmt == "jsonl" else \
                csv.DictReader(text, delimiter="\t" if fmt == "tsv" else ",")
            for record in _records(path, rows, fields):
                if consumed is not None:
                    consumed[0] = raw.tell()
                yield record
            if consumed is not None:
                consumed[0] = raw.tell()
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    except (OSError, EOFError, csv.Error) as exc:
        raise TableError(f"{path}: cannot read: {exc}") from None
    except Exception as exc:
        if type(exc).__name__ == "ZstdError":  # damaged .zst (zstandard may not be installed)
            raise TableError(f"{path}: cannot read: {exc}") from None
        raise


def _records(path: str, rows, fields: Fields) -> Iterator[Record]:
    for n, row in enumerate(rows, 1):
        text = row.get(fields.text)
        if n == 1 and fields.text not in row:
            names = ", ".join(sorted(map(str, row))) or "none"
            raise TableError(f"{path}: record 1 has no field '{fields.text}' (fields: {names}; "
                             "choose one with --text-field)")
        if text is None or text == "":
            continue
        if not isinstance(text, str):
            raise TableError(f"{path}: record {n}: field '{fields.text}' is not a string")
        rid = row.get(fields.id) if fields.id else None
        source = row.get(fields.source) if fields.source else None
        if source is not None and not isinstance(source, str):
            raise TableError(f"{path}: record {n}: field '{fields.source}' is not a string")
        yield Record(str(n) if rid is None else str(rid), n, text, source)


def _jsonl_rows(path: str, text) -> Iterator[dict]:
    for line_no, line in enumerate(text, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TableError(f"{path}:{line_no}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise TableError(f"{path}:{line_no}: a record must be a JSON object")
        yield row


def _parquet_rows(path: str, fields: Fields, consumed: list[int] | None) -> Iterator[dict]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise TableError(f"{path}: reading Parquet needs 'pyarrow' "
                         "(pip install 'mtlint[tables]')") from None
    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid / OSError
        raise TableError(f"{path}: cannot read Parquet: {exc}") from None
    names = table.schema_arrow.names
    wanted = [f for f in (fields.text, fields.id, fields.source) if f and f in names]
    if fields.text not in names:
        raise TableError(f"{path}: no column '{fields.text}' (columns: {', '.join(names)}; "
                         "choose one with --text-field)")
    size, rows, done = os.path.getsize(path), max(table.metadata.num_rows, 1), 0
    for batch in table.iter_batches(batch_size=4096, columns=wanted):
        yield from batch.to_pylist()
        done += batch.num_rows
        if consumed is not None:
            consumed[0] = size * done // rows
