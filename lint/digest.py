"""The digest of a file's text as linted: what the results cache keys a file by and what
``--fix`` compares before writing. Its own small module: a one-file check without the cache
computes it without importing the cache."""

from __future__ import annotations

try:  # hashlib's import loads OpenSSL (~4 ms of a one-file check); BLAKE2 is built in
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b


def content_digest(source: str, fmt: str) -> bytes:
    h = blake2b(digest_size=16)
    h.update(fmt.encode() + b"\0")
    h.update(source.encode("utf-8", "surrogatepass"))
    return h.digest()
