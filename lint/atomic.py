"""Replacing a file atomically: what ``--fix`` and every cache write go through."""

from __future__ import annotations

import os
import tempfile


def replace_file(path: str, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory moved into
    place with :func:`os.replace`: a reader (another run, an editor) sees the old file or the
    new one, never half of one. ``mode`` gives the new file's permission bits (default: what
    ``open`` would give, ``0o666`` less the umask; ``mkstemp`` alone makes it private).
    Raises ``OSError``; the temporary file never stays behind."""
    directory = os.path.dirname(os.path.abspath(path))
    # Ctrl-C or SIGTERM waits until the file is in place (a few ms): an interrupted run
    # leaves neither half a file nor a temporary one
    mask = _block_signals()
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, _default_mode() if mode is None else mode)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    finally:
        if mask is not None:
            import _signal as signal

            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _block_signals():
    import _signal as signal  # the C module: `signal` builds enums at import

    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
