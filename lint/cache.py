"""The results cache: each file's :class:`~lint.runner.FileResult`, reused while nothing changed.

Like ruff's ``.ruff_cache``: one file per *plan fingerprint* under ``<cache-dir>/results/``,
holding ``{(absolute path, shown path): (content digest, encoded FileResult without its corpus
data, encoded corpus data)}`` and the last outputs of the corpus rules' reduce steps. The main
process loads it once, reads and hashes the files it has entries for, and sends only the misses
to the workers (a file it has never seen is read and hashed by the worker); the workers encode
their results as they return them (before the corpus rules' ``reduce`` marks suppressions
used), and the main process writes the file back once at the end. A corpus rule's ``reduce``
runs again over all files' collect data, cached or fresh, whenever any file of the run
changed, so cross-file findings follow a change in any one file; its output is reused only
when every file (path and digest) is the same as in a run it remembers. A file's result keeps
its identifier vocabulary and the words its findings judge; the run's vocabulary is applied
after the cache (:mod:`lint.identifiers`), so a cached result never depends on other files.

A hit needs the same plan fingerprint and the same digest:

- the plan fingerprint hashes the stored format, mtlint's own code and data (the *contents* of
  every file of the installed ``lint`` and ``rules`` packages, ``rules/data/*.txt`` included,
  so an edit in an editable install or a reinstall with new code misses even when the version
  string did not change), the Python version, the names of the installed distributions (their
  versions: wordfreq, markdown-it-py, regex...), and every part of the plan that changes
  results: the selection and the rules it resolves to, severity overrides, per-file-ignores,
  the config sections and the resources loaded for rules (the vocabularies' contents), and
  whether source lines are kept (the rich report);
- the digest hashes the reader format and the decoded source.

Nothing here is ever fatal: a missing, corrupt, truncated or foreign cache file is a miss; a
directory that cannot be created or written turns the cache off for the run. Writes go to a
temporary file moved into place with :func:`os.replace`, so concurrent runs never leave a
corrupt file (the last writer wins).

The cache directory is untrusted input (it may be committed in a pull request or restored
from a shared CI cache): the file is msgpack decoded by :mod:`lint.datacodec` (plain values
and a fixed list of mtlint's dataclasses, every field type-checked; nothing is imported or
called), and it carries a keyed tag (:mod:`lint.cachekey`, a key that is not in the
repository) over its contents, the plan fingerprint included, checked before anything is
decoded. A file without a valid tag, of another plan, or that does not decode is a miss: a
planted file can neither run code nor make a file look clean.
"""

from __future__ import annotations

import os
import sys

try:  # hashlib's import loads OpenSSL (~4 ms of a one-file check); BLAKE2 is built in
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

from lint.digest import content_digest  # noqa: E402,F401 - part of this module's interface

#: Bump when the stored layout changes: old cache files then miss instead of being misread.
FORMAT = 4
#: The first bytes of a results file (then the tag, then the msgpack payload).
MAGIC = b"mtlint-results\0"

DEFAULT_DIR = ".mtlint_cache"
RESULTS = "results"
#: Plan files kept in ``results/`` (the most recently used); older ones are deleted on write.
KEEP_PLANS = 8
#: Outputs kept per corpus rule (one per set of files linted together), most recent first.
KEEP_REDUCE = 4

_GITIGNORE = "# created by mtlint\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by mtlint.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n")


# -- where -------------------------------------------------------------------------------------
def cache_root(config, override: str | None = None) -> str:
    """The cache directory: ``override`` (relative to the working directory), else
    ``cache-dir`` relative to the configuration file's directory, else ``.mtlint_cache`` there
    (the working directory when there is no configuration file)."""
    if override:
        return os.path.abspath(override)
    return os.path.abspath(os.path.join(config.root, config.cache_dir or DEFAULT_DIR))


def make_root(root: str) -> None:
    """Create ``root`` with a ``.gitignore`` (``*``) and a ``CACHEDIR.TAG``; raises OSError
    when the directory cannot be created."""
    os.makedirs(root, exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        path = os.path.join(root, name)
        if not os.path.exists(path):
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
            except OSError:
                pass


def clean(root: str) -> list[str]:
    """Remove what mtlint put in ``root`` (``results/``, ``grammar/``, its ``.gitignore`` and
    ``CACHEDIR.TAG``), then ``root`` itself when that leaves it empty; the paths removed.

    Only mtlint's own entries are deleted, so a ``cache-dir`` pointing at a directory that
    holds anything else never loses it."""
    import shutil

    removed = []
    for name in (RESULTS, "grammar"):
        path = os.path.join(root, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        path = os.path.join(root, name)
        try:
            with open(path, encoding="utf-8") as fh:
                ours = fh.read() == text
        except (OSError, UnicodeDecodeError):
            continue
        if ours:
            os.unlink(path)
            removed.append(path)
    try:
        os.rmdir(root)
        removed.append(root)
    except OSError:
        pass
    return removed


# -- fingerprints ------------------------------------------------------------------------------
_CODE: str | None = None


def _package_files(directory: str) -> list[str]:
    out = []
    for entry in os.scandir(directory):
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        if entry.is_dir():
            out.extend(_package_files(entry.path))
        elif entry.name.endswith((".py", ".txt", ".json", ".toml")):
            out.append(entry.path)
    return out


def _hash_files(top: str, paths: list[str]) -> str:
    """A hash of the files' paths (relative to ``top``) and contents: a copy, a reinstall or a
    checkout with new mtimes and the same contents hashes the same."""
    h = blake2b(digest_size=16)
    for path in sorted(paths):
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            data = b"\xff unreadable"
        rel = os.path.relpath(path, top)
        h.update(f"{rel}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
        h.update(data)
    return h.hexdigest()


#: Libraries whose version can change results (readers, sentence splitting, word frequencies).
DEPENDENCIES = ("regex", "wordfreq", "markdown_it", "mdit_py_plugins", "nupunkt", "ftfy",
                "rapidfuzz", "pathspec")


def _library_dirs() -> set[str]:
    """Directories holding mtlint's dependencies (found without importing them) and the
    ``site-packages`` directories on ``sys.path``: their distributions' names carry versions."""
    import importlib.util

    dirs = {p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    for name in DEPENDENCIES:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None)
        if origin is None:
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                spec = None
            origin = spec.origin if spec is not None else None
        if origin:
            dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(origin))))
    return dirs


def code_fingerprint() -> str:
    """A hash of mtlint's code and data as installed, and of what it runs on.

    The contents of every ``.py``/``.txt`` file of the ``lint`` and ``rules`` packages (about
    70 files, 0.55 MB: 4-8 ms), the Python version, and the names of the distributions
    installed where mtlint's dependencies are and in ``site-packages``
    (``wordfreq-3.1.1.dist-info``: an upgrade of any of them misses)."""
    global _CODE
    if _CODE is not None:
        return _CODE
    import lint
    import rules

    h = blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{lint.__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0"
             .encode())
    for package in (lint, rules):
        base = os.path.dirname(os.path.abspath(package.__file__))
        h.update(_hash_files(os.path.dirname(base), _package_files(base)).encode())
    for directory in sorted(_library_dirs()):
        try:
            names = sorted(n for n in os.listdir(directory)
                           if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
        except OSError:
            continue
        h.update(("\0".join([directory, *names]) + "\0").encode("utf-8", "surrogatepass"))
    _CODE = h.hexdigest()
    return _CODE


def _stable(obj):
    """``obj`` as nested lists of plain values, independent of set order and identity."""
    import dataclasses

    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, dict):
        return ["dict", sorted(([_stable(k), _stable(v)] for k, v in obj.items()), key=repr)]
    if isinstance(obj, (list, tuple)):
        return [type(obj).__name__, [_stable(x) for x in obj]]
    if isinstance(obj, (set, frozenset)):
        return ["set", sorted((_stable(x) for x in obj), key=repr)]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [type(obj).__qualname__,
                {f.name: _stable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}]
    pattern = getattr(obj, "pattern", None)
    if isinstance(pattern, str) and hasattr(obj, "flags"):  # a compiled regular expression
        return ["pattern", pattern, int(obj.flags)]
    # Anything else by its repr: one that shows an address (`<... at 0x7f...>`) differs on
    # every run, which only costs misses, never a wrong hit.
    return ["repr", type(obj).__qualname__, repr(obj)]


def plan_fingerprint(plan) -> str:
    sel = plan.selection
    parts = {
        "code": code_fingerprint(),
        "selection": [sel.select, sel.ignore, sel.extend_select],
        "rules": [r.code for r in sel.rules()],
        "severity": plan.severity,
        "per_file_ignores": plan.per_file_ignores,
        "root": plan.root if plan.per_file_ignores else None,  # they are relative to it
        "sections": plan.ctx.sections,
        "resources": plan.ctx.resources,
        "grammar": plan.grammar,
        "keep_lines": plan.keep_lines,
    }
    blob = repr(_stable(parts))  # lists of str, int, float, bool, None: a stable repr
    return blake2b(blob.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def pack(result) -> tuple[bytes, bytes] | None:
    """``result`` encoded for the cache (:mod:`lint.datacodec`): (the FileResult without its
    corpus data, the corpus data), or None for an error result or one that cannot be stored."""
    from lint.datacodec import encode, encode_result

    if result.error:
        return None
    corpus = result.corpus
    try:
        result.corpus = {}
        return encode_result(result), encode(corpus)
    except Exception:
        return None
    finally:
        result.corpus = corpus


def _corpus_hash(blob) -> bytes:
    return blake2b(blob, digest_size=16).digest()


def _corpus_parts(corpus) -> tuple[bytes, bytes]:
    """(blob, hash) of an entry's corpus data: fresh bytes, or a reference into a file read
    before (its hash as that file's signed head gave it)."""
    if type(corpus) is bytes:
        return corpus, _corpus_hash(corpus)
    hashed, view = corpus
    return bytes(view), hashed


def corpus_blob(corpus) -> bytes | None:
    """The bytes of an entry's corpus data, or None when they do not match the hash the
    signed head recorded for them."""
    if type(corpus) is bytes:
        return corpus
    hashed, view = corpus
    blob = bytes(view)
    return blob if _corpus_hash(blob) == hashed else None


def _parse(blob: bytes, fingerprint: str):
    """``(entries, reduced)`` from a results file's bytes, or None unless the tag of its
    head verifies and it has the layout, format and plan fingerprint this run expects. Each
    entry's corpus data is ``(hash, view of the tail)``, checked when used."""
    import msgpack

    from lint.cachekey import unseal

    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 8:
        return None
    at = len(MAGIC) + 8
    size = int.from_bytes(blob[len(MAGIC):at], "little")
    payload = unseal(blob[at:at + size])
    if payload is None:
        return None
    data = msgpack.unpackb(payload, raw=False, use_list=True)  # no ext_hook: plain values
    if (type(data) is not list or len(data) != 4 or data[0] != FORMAT
            or data[1] != fingerprint or type(data[2]) is not list or type(data[3]) is not dict):
        return None
    tail = memoryview(blob)[at + size:]
    # The tag says mtlint wrote the head: only the layout is checked here, each entry's
    # types when it is used (a digest of another type never equals one; a blob that is not
    # bytes does not decode; a corpus blob is checked against its hash)
    entries = {}
    for row in data[2]:
        if type(row) is list and len(row) == 7 and type(row[5]) is int \
                and type(row[6]) is int and 0 <= row[5] <= row[5] + row[6] <= len(tail):
            entries[(row[0], row[1])] = (row[2], row[3],
                                         (row[4], tail[row[5]:row[5] + row[6]]))
    reduced = {}
    for code, kept in data[3].items():
        if type(code) is str and type(kept) is list:
            reduced[code] = [tuple(e) for e in kept if type(e) is list and len(e) == 2
                             and type(e[0]) is bytes and type(e[1]) is bytes]
    return entries, reduced


# -- the cache ---------------------------------------------------------------------------------
class ResultCache:
    """Per-file results for one plan; see the module docstring."""

    def __init__(self, root: str):
        self.root = root
        self.path: str | None = None
        self.fingerprint: str | None = None
        # (absolute path, shown path) -> (digest, encoded FileResult without its corpus data,
        # encoded corpus data)
        self.entries: dict[tuple[str, str], tuple[bytes, bytes, bytes]] = {}
        self.fresh: dict[tuple[str, str], tuple[bytes, bytes, bytes]] = {}
        self._digests: dict[tuple[str, str], bytes] = {}
        self._lazy: dict[tuple[str, str], bytes] = {}  # hits' corpus data, not decoded yet
        # corpus rule -> [(reduce key, encoded hits), ...], most recent first
        self.reduced: dict[str, list[tuple[bytes, bytes]]] = {}
        self.fresh_reduced: dict[str, tuple[bytes, bytes]] = {}
        self._stat = None
        self.hits = 0
        self._abs: dict[str, str] = {}  # real path -> absolute path, for this run

    def load(self, plan) -> None:
        try:
            fingerprint = plan_fingerprint(plan)
        except Exception:  # an unreadable package directory, say: run without the cache
            return
        self.fingerprint = fingerprint
        self.path = os.path.join(self.root, RESULTS, fingerprint + ".msgpack")
        self.entries, self.reduced, self._stat = self._read()

    def _read(self):
        try:
            with open(self.path, "rb") as fh:
                stat = os.fstat(fh.fileno())
                blob = fh.read()
            got = _parse(blob, self.fingerprint)
            if got is not None:
                return (*got, (stat.st_mtime_ns, stat.st_size, stat.st_ino))
        except Exception:  # missing, unreadable, truncated, corrupt, foreign: a miss
            pass
        return {}, {}, None

    def _serialise(self, entries, reduced) -> bytes | None:
        """The file: MAGIC, the sealed head (rows with each corpus blob's hash, offset and
        length in the tail), then the tail of corpus blobs. Only the head is read and
        checked by a warm run; a corpus blob is checked against its hash when it is used."""
        import msgpack

        from lint.cachekey import seal

        rows, tail, offset = [], [], 0
        for (full, shown), (digest, bare, corpus) in entries.items():
            blob, hashed = _corpus_parts(corpus)
            rows.append([full, shown, digest, bare, hashed, offset, len(blob)])
            tail.append(blob)
            offset += len(blob)
        head = msgpack.packb(
            [FORMAT, self.fingerprint, rows,
             {code: [list(e) for e in kept] for code, kept in reduced.items()}],
            use_bin_type=True)
        sealed = seal(head)
        if sealed is None:
            return None
        return b"".join([MAGIC, len(sealed).to_bytes(8, "little"), sealed, *tail])

    def key(self, job) -> tuple[str, str]:
        path = job.real_path
        full = self._abs.get(path)
        if full is None:  # asked three times a file: abspath is the cost of a warm run
            full = self._abs[path] = os.path.abspath(path)
        return (full, job.path)

    def get(self, job, source: str):
        """The cached FileResult of ``job`` read as ``source``, or None (then remember the
        digest for :meth:`put`)."""
        from lint.readers import format_for
        from lint.runner import FileResult

        key = self.key(job)
        digest = content_digest(source, job.fmt or format_for(job.path))
        self._digests[key] = digest
        entry = self.entries.get(key)
        if not isinstance(entry, tuple) or len(entry) != 3 or entry[0] != digest:
            return None
        from lint.datacodec import DecodeError, decode_result

        try:
            result = decode_result(entry[1])
        except DecodeError:
            return None
        if not isinstance(result, FileResult) or result.path != job.path or result.error:
            return None
        result.digest = digest  # of the text it was linted as: for --fix
        self._lazy[key] = entry[2]
        self.hits += 1
        return result

    def has_lazy_corpus(self, job) -> bool:
        return self.key(job) in self._lazy

    def fill_corpus(self, job, result) -> bool:
        """Load a hit's corpus collect data into ``result.corpus`` (it is kept apart, 80% of
        the cache, and needed only when a corpus rule's reduce must run again); False when
        it cannot be read (then the file must be linted again)."""
        ref = self._lazy.pop(self.key(job), None)
        if ref is None:
            return True
        blob = corpus_blob(ref)
        if blob is None:
            return False
        from lint.datacodec import DecodeError, decode

        try:
            corpus = decode(blob)
        except DecodeError:
            return False
        if not isinstance(corpus, dict):
            return False
        result.corpus = corpus
        return True

    def digest(self, job) -> bytes | None:
        return None if job.real_path is None else self._digests.get(self.key(job))

    @staticmethod
    def reduce_key(code: str, parts: list[tuple[str, bytes | None]]) -> bytes | None:
        """Key of a corpus rule's reduce over the run's files, as (path, digest) in order:
        each file's collect data is a function of its path and digest (and the plan). None
        when one of them has no digest (text from stdin)."""
        h = blake2b(digest_size=16)
        h.update(code.encode() + b"\0")
        for path, digest in parts:
            if digest is None:
                return None
            h.update(path.encode("utf-8", "surrogatepass") + b"\0" + digest)
        return h.digest()

    def get_reduce(self, code: str, key: bytes | None):
        if key is None:
            return None
        entries = self.reduced.get(code)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key:
                from lint.datacodec import DecodeError, decode
                from lint.finding import Hit

                try:
                    hits = decode(entry[1])
                except DecodeError:
                    return None
                ok = isinstance(hits, list) and all(
                    type(h) is tuple and len(h) == 2 and type(h[0]) is str
                    and type(h[1]) is Hit for h in hits)
                return hits if ok else None
        return None

    def put_reduce(self, code: str, key: bytes, hits: list) -> None:
        from lint.datacodec import encode

        try:
            self.fresh_reduced[code] = (key, encode(hits))
        except Exception:
            pass

    def has_entry(self, job) -> bool:
        return self.key(job) in self.entries

    def store(self, job, digest: bytes | None, packed: tuple[bytes, bytes] | None) -> None:
        """Remember a result packed by :func:`pack` for a file whose text had ``digest``."""
        if job.real_path is None or digest is None or packed is None:
            return  # stdin, or an error: errors are never cached, they show on every run
        key = self.key(job)
        self._digests[key] = digest
        self.fresh[key] = (digest, *packed)

    def put(self, job, result) -> None:
        """Remember ``result`` for the text :meth:`get` was given (before anything mutates
        it)."""
        if job.real_path is None:
            return
        self.store(job, self._digests.get(self.key(job)), pack(result))

    def save(self) -> None:
        """Write the fresh entries, merged with the file as it is now; never raises."""
        if self.path is None:
            return
        if not self.fresh and not self.fresh_reduced:
            if self.entries:
                try:  # mark the plan file as used, so pruning keeps it
                    os.utime(self.path)
                except OSError:
                    pass
            return
        try:
            entries, reduced = self.entries, self.reduced
            try:
                st = os.stat(self.path)
                now = (st.st_mtime_ns, st.st_size, st.st_ino)
            except OSError:
                now = None
            if now != self._stat:  # another run wrote meanwhile: merge with its entries
                entries, reduced, _ = self._read()
            entries = dict(entries)
            entries.update(self.fresh)
            reduced = dict(reduced)
            for code, entry in self.fresh_reduced.items():
                # a few sets of files per rule (the whole tree in CI, a few files before a
                # commit), so that alternating runs do not throw each other's away
                old = reduced.get(code)
                kept = [e for e in (old if isinstance(old, list) else ())
                        if isinstance(e, tuple) and e[0] != entry[0]]
                reduced[code] = [entry, *kept[:KEEP_REDUCE - 1]]
            listed: dict[str, set[str]] = {}  # one listdir per directory, not a stat a file
            for key in [k for k in entries if k not in self.fresh]:
                directory, name = os.path.split(key[0])
                if directory not in listed:
                    try:
                        listed[directory] = set(os.listdir(directory))
                    except OSError:
                        listed[directory] = set()
                if name not in listed[directory]:
                    del entries[key]  # the file is gone
            from lint.atomic import replace_file

            directory = os.path.dirname(self.path)
            make_root(self.root)
            os.makedirs(directory, exist_ok=True)
            blob = self._serialise(entries, reduced)
            if blob is None:  # no key to sign with: nothing this run could read back
                return
            replace_file(self.path, blob)
            self._prune(directory)
        except Exception:  # read-only, full disk, a file where the directory should be
            pass

    def _prune(self, directory: str) -> None:
        """Keep the :data:`KEEP_PLANS` most recently used plan files (each config, each
        code version of an editable install makes one)."""
        import time

        try:
            plans = []
            for entry in os.scandir(directory):
                if entry.name.endswith(".pickle"):  # mtlint < FORMAT 2: never read again
                    os.unlink(entry.path)
                elif not entry.name.startswith("."):
                    plans.append(entry)
                elif entry.name.startswith(".tmp-") and \
                        entry.stat().st_mtime < time.time() - 3600:
                    os.unlink(entry.path)  # left by a run that was killed while writing
            plans.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
            for old in plans[KEEP_PLANS:]:
                os.unlink(old.path)
        except OSError:
            pass
