"""The secret that authenticates what mtlint reads back from a project's cache directory.

A results cache file that anyone could write (committed in a pull request, restored from a
shared CI cache) could claim that a file is clean. So every cache file under the project's
cache directory carries a keyed BLAKE2b tag made with a key that is not in the repository:
``$MTLINT_CACHE_KEY`` when set (for CI, from a secret), else 32 random bytes created on first
use in the per-user cache directory (``~/.cache/mtlint/cache-key``, mode 0600). A file whose
tag does not verify is a miss. No key can be had (an unwritable home): the project caches are
not read at all.
"""

from __future__ import annotations

import os

try:  # hashlib's import loads OpenSSL (~4 ms of a one-file check); BLAKE2 is built in
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

KEY_FILE = "cache-key"
TAG_SIZE = 32

_KEY: bytes | None = None
_KEY_FOR: tuple | None = None


def _key_path() -> str:
    from lint.usercache import cache_dir

    return os.path.join(cache_dir(), KEY_FILE)


def secret_key() -> bytes | None:
    """The key (see the module docstring); None when there is none and none can be made."""
    global _KEY, _KEY_FOR
    explicit = os.environ.get("MTLINT_CACHE_KEY")
    where = (explicit, None if explicit else _key_path())
    if _KEY is not None and _KEY_FOR == where:
        return _KEY
    if explicit:
        key = blake2b(explicit.encode("utf-8", "surrogatepass"), digest_size=32,
                      person=b"mtlint-key").digest()
    else:
        key = _read_or_create(where[1])
    _KEY, _KEY_FOR = key, where
    return key


def _read_or_create(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = os.urandom(32)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        try:
            os.link(tmp, path)  # first writer wins: concurrent first runs agree on one key
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        with open(path, "rb") as fh:
            key = fh.read()
    except OSError:
        return None
    return key if len(key) == 32 else None


def tag(key: bytes, payload: bytes) -> bytes:
    return blake2b(payload, key=key, digest_size=TAG_SIZE).digest()


def seal(payload: bytes) -> bytes | None:
    """``payload`` prefixed with its tag; None without a key."""
    key = secret_key()
    return None if key is None else tag(key, payload) + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of a :func:`seal` ed blob whose tag verifies, else None."""
    from _operator import _compare_digest  # hmac's; importing hmac loads OpenSSL

    key = secret_key()
    if key is None or len(blob) < TAG_SIZE:
        return None
    payload = blob[TAG_SIZE:]
    return payload if _compare_digest(blob[:TAG_SIZE], tag(key, payload)) else None


def _reset() -> None:
    """Forget the key loaded in this process (tests)."""
    global _KEY, _KEY_FOR
    _KEY = _KEY_FOR = None
