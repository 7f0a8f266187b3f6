"""Regular expressions compiled once per machine, not once per process.

The `regex` module parses, optimises and emits a pattern's code in Python, and keeps the
result only while the process lives: mtlint's ~90 patterns take ~0.1 s to compile, a third
of a one-file check, and every worker process pays again for the patterns it compiles
lazily. The last step of compiling hands plain data (the pattern, its flags, a list of
opcodes, the group tables) to the C core, ``_regex.compile``. :func:`compile` records those
arguments the first time a pattern is compiled, :func:`save` keeps them in mtlint's cache
directory (a file named after the Python and `regex` versions holding only integers and
strings, :mod:`lint.patternfile`), and later processes build the pattern from them directly
(~20 µs a pattern).

`regex`'s C core trusts the code it is given (made-up opcodes crash the process), so the file
is sealed with mtlint's cache key (:mod:`lint.cachekey`, a keyed tag over its contents): a
file that mtlint on this machine did not write, damaged or crafted, is never handed to it.

Anything unexpected (another `regex` version, a damaged file, a core that refuses the
arguments, internals that moved) falls back to ``regex.compile``: the patterns are the same
either way, only slower to get. Only mtlint's own patterns come here; a user's vocabulary
patterns are compiled by `regex` as usual.
"""

from __future__ import annotations

import os
import sys
import threading

import regex

from lint.usercache import cache_dir, write_atomically

#: Bump when the stored layout changes.
FORMAT = 4
#: More entries than mtlint has patterns means something else fills the file: start anew.
MAX_ENTRIES = 2_000

_stored: dict[tuple[str, int], tuple] | None = None  # from the file, loaded on first use
_new: dict[tuple[str, int], tuple] = {}  # compiled in this process, not yet saved
_lock = threading.Lock()


def _new_lock() -> None:
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # a worker forked while another thread held the lock
    os.register_at_fork(after_in_child=_new_lock)


def cache_path() -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    name = f"regex-{FORMAT}-{regex.__version__}-{sys.implementation.name}{version}" \
           f"-v{int(regex.DEFAULT_VERSION)}.bin"
    return os.path.join(cache_dir(), name)


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, from the stored code when this machine has it."""
    key = (pattern, int(flags))
    with _lock:
        stored = _load() if _stored is None else _stored
        args = stored.get(key) or _new.get(key)
        if args is not None:
            try:
                return _core().compile(*args)
            except Exception:  # a stale or damaged entry: compile it again below
                stored.pop(key, None)
        compiled, args = _compile_recording(pattern, flags)
        if args is not None:
            _new[key] = args
        return compiled


def save() -> None:
    """Add the patterns compiled since the last save to the file (atomically; merged with
    what another process may have written meanwhile). Never fails."""
    global _stored
    with _lock:
        if not _new:
            return
        merged = dict(_read())
        merged.update(_new)
        if len(merged) > MAX_ENTRIES:
            merged = dict(_new)
        from lint.cachekey import seal
        from lint.patternfile import dump

        payload = str(FORMAT).encode() + b"\n" + dump(merged)
        sealed = seal(payload)
        if sealed is not None:
            write_atomically(cache_path(), sealed)
        _stored = merged
        _new.clear()


def _core():
    import regex._main as main

    return main._regex


def _compile_recording(pattern: str, flags: int) -> tuple[regex.Pattern, tuple | None]:
    """Compile with `regex`, catching the arguments its Python half passes to the C core;
    ``None`` for them when they cannot be stored (or `regex`'s internals are not as known)."""
    try:
        import regex._main as main

        core = main._regex
        core.compile  # noqa: B018 (the internals this relies on are there)
    except (ImportError, AttributeError):
        return regex.compile(pattern, flags), None
    seen = []

    class Recorder:
        def __getattr__(self, name):
            return getattr(core, name)

        @staticmethod
        def compile(*args):
            seen.append(args)
            return core.compile(*args)

    main._regex = Recorder()
    try:
        compiled = regex.compile(pattern, flags, cache_pattern=False)
    finally:
        main._regex = core
    args = next((a for a in reversed(seen) if a and a[0] == pattern), None)
    try:
        if args is None or len(args) != 11 or compiled.flags & regex.LOCALE or args[5] \
                or any(args[6]):
            return compiled, None  # locale-dependent, named lists, or an unknown signature
        args = (args[0], int(args[1]), *args[2:])
        if _checked(list(args)) != args:
            return compiled, None  # not of the types a stored entry can have
    except (TypeError, ValueError):
        return compiled, None
    return compiled, args


def _ints(v) -> bool:
    return all(type(x) is int for x in v)


def _checked(row) -> tuple | None:
    """A stored entry as the arguments of ``_regex.compile``, or None unless every part has
    the type `regex` passes there (and no named lists, which are never stored)."""
    if type(row) is not list or len(row) != 11:
        return None
    (pattern, flags, code, groupindex, indexgroup, named_lists, named_list_indexes,
     req_offset, required_chars, req_flags, public_group_count) = row
    if type(code) is not list or not _ints(code):
        return None
    ok = (type(pattern) is str
          and type(groupindex) is dict and all(type(k) is str and type(v) is int
                                               for k, v in groupindex.items())
          and type(indexgroup) is dict and all(type(k) is int and type(v) is str
                                               for k, v in indexgroup.items())
          and named_lists == {} and type(named_list_indexes) is list
          and not any(named_list_indexes) and _ints(named_list_indexes)
          and type(required_chars) in (list, tuple) and _ints(required_chars)
          and _ints((flags, req_offset, req_flags, public_group_count)))
    if not ok:
        return None
    return (pattern, flags, code, groupindex, indexgroup, named_lists, named_list_indexes,
            req_offset, tuple(required_chars), req_flags, public_group_count)


def _read() -> dict:
    """The stored entries that pass :func:`_checked`; {} for a missing or foreign file."""
    from lint.cachekey import unseal
    from lint.patternfile import load

    try:
        with open(cache_path(), "rb") as fh:
            payload = unseal(fh.read())
        if payload is None:
            return {}  # damaged, or not written by mtlint on this machine (see below)
        head, _, body = payload.partition(b"\n")
        if head != str(FORMAT).encode():
            return {}
        stored = load(body)
    except Exception:  # missing, unreadable, truncated, inconsistent
        return {}
    # the layout holds nothing but integers and strings, in the places `regex` expects
    return dict(list(stored.items())[:MAX_ENTRIES])


def _load() -> dict:
    global _stored
    _stored = _read()
    return _stored


def _reset() -> None:
    """Forget what this process loaded and compiled (tests)."""
    global _stored
    with _lock:
        _stored = None
        _new.clear()
