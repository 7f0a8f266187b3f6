"""Ctrl-C and SIGTERM: stop the workers, write nothing half-done, exit 130 or 143 at once.

The main process turns SIGTERM into :class:`Terminated` (as Python turns SIGINT into
KeyboardInterrupt), so both unwind through the same ``finally`` blocks: a cache or a fixed
file is written through a temporary file and :func:`os.replace`, so an interrupted write
leaves the old file whole and the temporary one removed. Worker processes ignore SIGINT (a
Ctrl-C reaches the whole process group; only the main process decides) and die on SIGTERM,
which the main process sends them on the way out. Signals are blocked while the pool forks,
so a worker never runs the main process's handlers.
"""

from __future__ import annotations

import _signal as signal  # the C module: `signal` builds enums at import (~1 ms)
import os
import sys
import threading

EXIT_SIGINT, EXIT_SIGTERM = 130, 143
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Terminated(BaseException):
    """SIGTERM in the main process (a BaseException, like KeyboardInterrupt)."""


def _raise_terminated(signum, frame):
    raise Terminated


def _leave(signum, frame):
    """The command's handler: shut down from here. An exception raised from a handler can
    land in a ``__del__`` or a ``finally`` that swallows it ("Exception ignored in ..."),
    and the run would go on; leaving from the handler cannot be lost. Writes are atomic
    (temporary file + rename), so leaving mid-write leaves the old file whole."""
    shutdown(EXIT_SIGINT if signum == signal.SIGINT else EXIT_SIGTERM)


def shutdown(code: int) -> None:
    ignore_signals()  # a second Ctrl-C must not break the clean-up
    try:
        stop_children()
    except Exception:
        pass
    try:
        sys.stderr.write("mtlint: error: interrupted\n")
    except BaseException:
        pass
    exit_now(code)


def install(*, leave: bool) -> object:
    """Handle SIGINT and SIGTERM in this (main) thread: ``leave`` (the command) shuts down
    from the handler; else (called in-process) SIGTERM raises :class:`Terminated` as SIGINT
    raises KeyboardInterrupt. Returns what :func:`restore` needs."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if leave:
        return (signal.signal(signal.SIGINT, _leave), signal.signal(signal.SIGTERM, _leave))
    return (signal.getsignal(signal.SIGINT), signal.signal(signal.SIGTERM, _raise_terminated))


def restore(previous) -> None:
    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])


def block() -> object:
    """Block SIGINT and SIGTERM (around forking workers); returns the old mask."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)


def unblock(old) -> None:
    """Restore the mask :func:`block` returned: a signal that came meanwhile is raised now."""
    if old is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def worker_signals() -> None:
    """In a forked worker: ignore SIGINT, die on SIGTERM, then take signals again."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


def stop_children(timeout: float = 0.5) -> None:
    """Terminate this process's worker processes, then kill those still there after
    ``timeout`` seconds."""
    import time

    # the pool's manager thread trips over the futures it can no longer finish: it is going
    # away with the process, its complaint is noise
    threading.excepthook = _quiet
    # not imported yet (or half-way: the signal came during its import): no children yet
    active_children = getattr(sys.modules.get("multiprocessing"), "active_children", None)
    try:
        children = active_children() if active_children is not None else []
    except Exception:
        children = []
    for child in children:
        try:
            child.terminate()
        except Exception:
            pass
    deadline = time.monotonic() + timeout
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()
            child.join(0.1)


def _quiet(args) -> None:
    pass


def ignore_signals() -> None:
    """While shutting down: a second Ctrl-C must not interrupt the clean-up."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def default_signals() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.excepthook = threading.__excepthook__


def exit_now(code: int) -> None:
    """Leave the process with ``code`` once the workers are gone and the output flushed,
    without waiting for the pool's threads (Python's exit would join them)."""
    import atexit

    try:
        atexit._run_exitfuncs()  # e.g. stop a LanguageTool server mtlint started
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(code)
