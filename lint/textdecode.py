"""Bytes of a file to text: UTF-8 (a BOM allowed), or UTF-16/UTF-32 when a BOM says so.

Offsets in findings are code points of the decoded text, whatever the encoding; ``--fix``
writes a file back in the encoding and with the BOM it had (:func:`encode_like`).
"""

from __future__ import annotations

import codecs

#: Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


def bom_of(data: bytes) -> tuple[bytes, str, str] | None:
    """(BOM, codec, name) of ``data``'s byte-order mark, or None."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return bom, codec, name
    return None


class DecodeProblem(ValueError):
    """Why bytes are not text mtlint reads (the message names the encoding or says binary)."""


#: First bytes of the byte-order marks: any other first byte, and there is none.
_BOM_STARTS = frozenset(bom[0] for bom, _, _ in _BOMS)


def decode_text(data: bytes) -> str:
    found = bom_of(data) if data and data[0] in _BOM_STARTS else None
    if found is not None:
        bom, codec, name = found
        try:
            return data[len(bom):].decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeProblem(f"not valid {name} (byte {exc.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        raise DecodeProblem("binary file (or UTF-16/UTF-32 without a byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeProblem(f"not valid UTF-8 (byte {exc.start})") from None


def encode_like(text: str, data: bytes) -> bytes:
    """``text`` encoded as the file ``data`` was: its BOM and encoding, else UTF-8."""
    found = bom_of(data)
    if found is None:
        return text.encode("utf-8")
    bom, codec, _ = found
    return bom + text.encode(codec)
