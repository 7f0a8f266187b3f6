"""Names: misspelled and inconsistently spelled names, within a file, across files, and against
vocabularies.

All rules share one pass over a document (:func:`doc_names`): capitalised tokens that behave
like names (used capitalised mid-sentence, or rare as words, and never written in lower case in
the same document), with their counts, positions and the name tokens next to them (the first
name or surname beside a surname or first name). Similar spellings are found through blocking
keys, never all pairs: a *transliteration key* (lower case, accents stripped, ``sch``→``sh``,
``kh``→``h``, ``ks``→``x``, ``ij``/``y``→``i``, double letters collapsed) and its one-letter
deletions (the symmetric-delete trick of SymSpell), so two names meet only when their keys are
equal or one edit apart.
"""

from __future__ import annotations

import bisect
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter, methodcaller, not_

import regex

from lint import patterns
from lint.config import ConfigError
from lint.context import loader
from lint.document import Document
from lint.finding import Fix, Hit
from lint.identifiers import is_identifier
from lint.registry import corpus_rule, rule
from rules.data import word_list
from rules.lexicon import zipf
from rules.names_summary import NameSummary, NeedOccurrences

# -- vocabularies ------------------------------------------------------------------------------
#: Separator of a replacement in a reject file: ``Emmanual -> Emmanuel``.
REPLACEMENT_SEP = " -> "
DEFAULT_MIN_RATIO = 100.0  # N003: the known name is at least this many times more frequent


def parse_vocab(text: str, path: str, *, replacements: bool = False) -> list[tuple]:
    """Entries of a Vale Vocab file: one a line, regular expressions allowed.

    A line whose first non-blank character is ``#`` is a comment (so ``C#`` stays an entry).
    With ``replacements``, ``pattern -> replacement`` gives the suggested replacement.
    Returns ``[(pattern, replacement or None, line number)]``; a bad regex raises ConfigError.
    """
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        repl = None
        if replacements and REPLACEMENT_SEP in line:
            line, repl = (part.strip() for part in line.rsplit(REPLACEMENT_SEP, 1))
            if not line:
                raise ConfigError(f"{path}:{number}: empty pattern before '->'")
        try:
            regex.compile(_scoped(line))
        except regex.error as exc:
            raise ConfigError(f"{path}:{number}: bad regular expression {line!r}: {exc}") from None
        out.append((line, repl or None, number))
    return out


def _read(path: str, root: str) -> tuple[str, str]:  # (text, path)
    full = path if os.path.isabs(path) else os.path.join(root, path)
    if os.path.isdir(full):
        raise ConfigError(f"{path}: vocabulary is a directory, name its accept.txt or reject.txt")
    try:
        with open(full, encoding="utf-8-sig") as fh:
            return fh.read(), path
    except FileNotFoundError:
        raise ConfigError(f"{path}: vocabulary file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: vocabulary file is not valid UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read vocabulary: {exc.strerror}") from None


@loader("names")
def load_names(settings: dict, root: str) -> dict:
    """Read the accept/reject vocabularies named in ``[tool.mtlint.names]`` (main process)."""
    accept, reject = [], []
    for path in settings.get("accept", []):
        accept.extend(p for p, _, _ in parse_vocab(*_read(path, root)))
    for path in settings.get("reject", []):
        reject.extend((p, r) for p, r, _ in parse_vocab(*_read(path, root), replacements=True))
    ratio = float(settings.get("min-frequency-ratio", DEFAULT_MIN_RATIO))
    if ratio < 1:
        raise ConfigError("names: 'min-frequency-ratio' must be at least 1")
    return {"accept": tuple(accept), "reject": tuple(reject), "min-frequency-ratio": ratio}


def _scoped(pattern: str) -> str:
    """Vale allows a leading ``(?i)``; make it a scoped group so entries can be joined."""
    if pattern.startswith("(?i)"):
        return "(?i:" + pattern[4:] + ")"
    return pattern


_B = r"(?<![\p{L}\p{N}\p{M}])"
_E = r"(?![\p{L}\p{N}\p{M}])"
_LITERAL_RE = patterns.compile(r"\p{Lu}[\p{L}\p{M}'’\-]*(?: [\p{L}\p{M}'’\-]+)*")


@dataclass
class Vocab:
    accept_re: regex.Pattern | None
    literals: dict[str, str]  # transliteration key -> accepted spelling (single words)
    literal_index: dict[str, list[str]]
    reject_re: regex.Pattern | None
    replacements: list[str | None]
    min_ratio: float

    def accepted(self, word: str) -> bool:
        return bool(self.accept_re and self.accept_re.fullmatch(word))

    def near_accepted(self, word: str) -> str | None:
        """The accepted spelling that ``word`` is a near miss of (key equal or one edit)."""
        if not self.literals or len(word) < 4:
            return None
        key = translit_key(word)
        best = self.literals.get(key)
        if best is None and len(key) >= 4:
            for cand in _neighbours(key, self.literal_index):
                best = self.literals[cand]
                break
        if best is None or best == word or best.lower() == word.lower():
            return None
        return best


@lru_cache(maxsize=8)
def _vocab(accept: tuple, reject: tuple, ratio: float) -> Vocab:
    accept_re = None
    if accept:
        accept_re = regex.compile("|".join(f"(?:{_scoped(p)})" for p in accept))
    literals = {}
    for p in accept:
        if _LITERAL_RE.fullmatch(p) and " " not in p:
            literals[translit_key(p)] = p
    reject_re = None
    if reject:
        reject_re = regex.compile(_B + "(?:" + "|".join(
            f"(?P<r{i}>{_scoped(p)})" for i, (p, _) in enumerate(reject)) + ")" + _E)
    return Vocab(accept_re, literals, _delete_index(literals), reject_re,
                 [r for _, r in reject], ratio)


_NO_VOCAB = None


def vocab_of(ctx) -> Vocab:
    global _NO_VOCAB
    res = ctx.resources.get("names") if ctx is not None else None
    if not res:
        if _NO_VOCAB is None:
            _NO_VOCAB = _vocab((), (), DEFAULT_MIN_RATIO)
        return _NO_VOCAB
    return _vocab(res["accept"], res["reject"], res["min-frequency-ratio"])


# -- keys and neighbours -----------------------------------------------------------------------
_TRANSLIT = [("sch", "sh"), ("kh", "h"), ("ks", "x"), ("ij", "i"), ("y", "i")]


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """Transliteration-blind key: ``Zelenskyy``, ``Zelenskiy``, ``Zelensky`` → ``zelenski``."""
    if word.isascii():  # nothing to decompose
        w = word.lower().replace("'", "").replace("-", "")
    else:
        w = unicodedata.normalize("NFKD", word.lower())
        w = "".join(c for c in w if not unicodedata.combining(c) and c not in "'’-")
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return _undouble(w)


def _undouble(w: str) -> str:
    """``w`` with each run of one letter collapsed to one (``Zelenskii`` → ``zelenski``): a
    plain loop, as a regex substitution compiles its template on every call (5× slower)."""
    out, prev = [], ""
    for ch in w:
        if ch != prev or not ch.isalpha():
            out.append(ch)
        prev = ch
    return "".join(out)


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def _delete_index(words) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for w in words:
        for d in _deletes(w) | {w}:
            index[d].append(w)
    return dict(index)


def _neighbours(key: str, index: dict[str, list[str]]) -> list[str]:
    """Indexed words within one edit (optimal string alignment) of ``key``, nearest first."""
    found = set()
    for d in _deletes(key) | {key}:
        found.update(index.get(d, ()))
    return sorted((w for w in found if _osa(w, key) <= 1),
                  key=lambda w: (w != key, w))


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (rapidfuzz, imported on first use: a one-file check
    with no similar names never needs it)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)


def _similar(a: str, b: str) -> bool:
    """Same transliteration key, or one edit apart as written (case aside)."""
    return translit_key(a) == translit_key(b) or _osa(a.lower(), b.lower()) <= 1


_VOWELS = set("aeiouy")


def _short_slip(minor: str, major: str) -> bool:
    """For short names across files without context: a transliteration variant, a typing
    slip, or one vowel for another, next to a name that is not a frequent word."""
    if translit_key(minor) == translit_key(major):
        return True
    if zipf(major) >= 4.0:
        return False
    a, b = minor.lower(), major.lower()
    if len(a) != len(b):
        return len(a) < len(b) or a[:-1] != b
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (len(diff) == 2 and diff[1] == diff[0] + 1) or (
        len(diff) == 1 and a[diff[0]] in _VOWELS and b[diff[0]] in _VOWELS)


#: One consonant for another as transliteration writes them (`Iwanow`/`Ivanov`,
#: `Nikolic`/`Nicolic`).
_TRANSLIT_CONSONANTS = frozenset(("vw", "wv", "ck", "kc"))


def _consonant_translit(minor: str, major: str) -> bool:
    """``minor`` is ``major`` with one consonant written as transliteration varies it (v/w,
    c/k), case aside. Across files only, where the other spelling is in 2+ files: two people
    named once each in one text may well be `Erik` and `Eric`."""
    a, b = minor.lower(), major.lower()
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 and a[diff[0]] + b[diff[0]] in _TRANSLIT_CONSONANTS


def _typing_slip(token: str, name: str) -> bool:
    """One edit that typing produces and real name pairs rarely differ by (lower case).

    Adjacent letters swapped (`Nicoals`), a letter dropped (`Campell`) or added inside the
    word (`Sheffeild` aside, not at the end: `Lambert`/`Lamberty` are different names), or a
    vowel swapped for another in the ending but not the last letter (`Emmanual`); the last
    kind only for forms the frequency list has seen (attested misspellings), since real names
    differ by vowels all the time (`Danielle`/`Danielli`, `Khalil`/`Khelil`).
    """
    if len(token) == len(name) - 1:
        return True
    if len(token) == len(name) + 1:
        return token[:-1] != name
    i = next((k for k in range(len(token)) if token[k] != name[k]), len(token))
    if i + 1 < len(token) and token[i] == name[i + 1] and token[i + 1] == name[i]:
        return True
    return (len(token) - 3 <= i < len(token) - 1 and token[i] in _VOWELS
            and name[i] in _VOWELS and zipf(token) > 0)


def _derived(a: str, b: str) -> bool:
    """Inflection rather than misspelling: ``Kurd``/``Kurds``, ``Israel``/``Israeli``.

    Only when the shorter form is a word in its own right (``Aragone`` is no stem).
    """
    short, long_ = sorted((a, b), key=len)
    if not long_.startswith(short):
        return False
    tail = long_[len(short):]
    return tail in ("s", "es") or (tail in ("i", "n", "an", "e", "a") and zipf(short) >= 2.0)


# -- one pass over a document ------------------------------------------------------------------
#: One name-like token: capitalised, not glued to letters, digits, apostrophes or hyphens.
_WORD = (r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:\p{Lu}\p{Ll}[\p{Ll}\p{M}]*)?"
         r"(?:-\p{Lu}\p{Ll}[\p{Ll}\p{M}]*)?")
_BEFORE = r"(?<![\p{L}\p{N}\p{M}'’\-])"
_AFTER = r"(?![\p{L}\p{N}\p{M}]|['’](?![sS])\p{L}|-\p{L})"
#: A token mid-sentence is preceded (skipping quotes, brackets and dashes) by something other
#: than sentence-final punctuation or the start of the text.
_INITIAL_BEFORE = ".!?:;…\n•*"
_SKIP_BEFORE = " \t\"'“”‘’«»([{—–-"


def _class(chars: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else {"\n": r"\n", "\t": r"\t"}.get(c, c)
                   for c in chars)


#: The scan: runs of name-like tokens one space apart (`Prime Minister Tony Blair`), with
#: group 1 = the character before the run when the run stands mid-sentence (skipping quotes,
#: brackets and dashes; empty at the start of a sentence or text). Matching runs rather than
#: single tokens halves the matches; the tokens and their neighbours come from splitting.
_RUN_RE = patterns.compile(
    _BEFORE + r"(?=\p{Lu})"
    rf"(?:(?<=([^{_class(_SKIP_BEFORE + _INITIAL_BEFORE)}])[{_class(_SKIP_BEFORE)}]*))?"
    f"((?:{_WORD}){_AFTER}(?: (?:{_WORD}){_AFTER})*)")
_GROUP1, _GROUP2, _START = itemgetter(1), itemgetter(2), methodcaller("start")
_LOWER_WORD_RE = patterns.compile(r"\p{Ll}[\p{Ll}\p{M}]+")
_WORD_CHAR_RE = patterns.compile(r"[\p{L}\p{N}\p{M}]")

TITLES = frozenset(word_list("names_titles"))
#: A name written this often as an English word is not a typo of anything (Zipf).
MAX_VARIANT_ZIPF = 3.0

_ZIPF: dict[str, float] = {}


def _zipf(word: str) -> float:
    """``zipf`` memoised per spelling (names recur across the files of a run)."""
    z = _ZIPF.get(word)
    if z is None:
        if len(_ZIPF) > 500_000:
            _ZIPF.clear()
        z = _ZIPF[word] = zipf(word)
    return z


class _WordClasses:
    """Classes of words that depend on the word alone (Zipf thresholds, shape), memoised
    across documents and all worked out when a word is first seen: once every word of a
    document has been seen, picking the members of a class is a C-level set operation, not a
    Python call per word."""

    __slots__ = ("classify", "seen", "members")

    def __init__(self, classify, names: tuple[str, ...]):
        self.classify = classify  # word -> the names of its classes
        self.seen: set[str] = set()  # every word classified
        self.members: dict[str, set[str]] = {name: set() for name in names}

    def among(self, name: str, words) -> set[str]:
        """The members of class ``name`` among ``words`` (strings; a dict's keys)."""
        # these set operations iterate the few words, not the memo
        if not self.seen.issuperset(words):
            new = set(words).difference(self.seen)
            if len(self.seen) + len(new) > 500_000:
                self.seen.clear()
                for members in self.members.values():
                    members.clear()
                new = set(words)
            self.seen.update(new)
            members = self.members
            for w in new:
                for c in self.classify(w):
                    members[c].add(w)
        return self.members[name].intersection(words)


def _classes_of(word: str) -> tuple[str, ...]:
    z = _zipf(word)
    common = ("common",) if z >= 4.0 else ()  # not a name where sentences start
    variant = ("variant",) if z <= MAX_VARIANT_ZIPF else ()  # N001 may flag it
    minor = ("minor",) if _minor_candidate(word, z) else ()  # N002 may flag it
    rare = ("rare",) if _rare_shape(word, z) else ()  # N003 may flag it
    return common + variant + minor + rare


_CLASSES = _WordClasses(_classes_of, ("common", "variant", "minor", "rare"))


def _word_char(c: str) -> bool:
    return c.isalnum() if c < "\x80" else _WORD_CHAR_RE.match(c) is not None


#: ASCII letters and digits stay, every other byte (punctuation, UTF-8 bytes) becomes a space.
_ALNUM_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
#: The same, but a UTF-8 byte becomes a letter: an ASCII run found in this split has ASCII
#: space or punctuation on both sides, so it is a whole word for sure.
_ALNUM_BYTES_GLUED = bytes(c if chr(c).isascii() and chr(c).isalnum() else 120 if c >= 128
                           else 32 for c in range(256))


def _written_lower_among(text: str, words) -> set[str]:
    """The ``words`` that ``text`` also holds in lower case as whole words (``trader`` for
    ``Trader``): :func:`_written_lower` for many words at once. The runs of ASCII letters and
    digits of ``text`` (a superset of its ASCII words, exactly its words when the text is
    ASCII) answer for ASCII words in one C-level intersection: a miss is final; a hit is final
    when the run has ASCII space or punctuation on both sides (a second split, with UTF-8 bytes
    as letters, says which), and checked otherwise (``clair`` in ``éclair`` is no word)."""
    lows: dict[bytes, list[str]] = {}
    found = set()
    for word in words:
        low = word.lower()
        if low.isascii():
            key = low.encode()
            if key in lows:
                lows[key].append(word)
            else:
                lows[key] = [word]
        elif _written_lower(text, word):
            found.add(word)
    if lows:
        encoded = text.encode("utf-8", "surrogatepass")
        hits = lows.keys() & encoded.translate(_ALNUM_BYTES).split()
        sure = hits if text.isascii() else hits.intersection(
            encoded.translate(_ALNUM_BYTES_GLUED).split())
        for key in hits:
            for word in lows[key]:
                # a run next to a non-ASCII character is checked (`clair` in `éclair`)
                if key in sure or _written_lower(text, word):
                    found.add(word)
    return found


def _written_lower(text: str, word: str) -> bool:
    """Does ``text`` hold ``word`` in lower case as a whole word (``trader`` for ``Trader``)?"""
    low = word.lower()
    p = text.find(low)
    if p < 0:
        return False
    if not (low.isascii() and low.isalpha()) and not _LOWER_WORD_RE.fullmatch(low):
        return False  # `o'brien`, `jean-pierre`: never a lower-case word
    n, size = len(low), len(text)
    while p >= 0:
        if (p == 0 or not _word_char(text[p - 1])) and (
                p + n >= size or not _word_char(text[p + n])):
            return True
        p = text.find(low, p + 1)
    return False


class DocNames:
    """Name-like capitalised tokens of one document: counts and neighbouring names; where
    they stand is worked out on first use, from the scan's runs."""

    __slots__ = ("doc", "counts", "left", "right", "_starts", "_runs", "_run_starts", "_at")

    def __init__(self, doc: Document, counts: dict[str, int], left: dict[str, set[str]],
                 right: dict[str, set[str]], starts: list[int], runs: list[str],
                 run_starts: list[int]):
        self.doc = doc
        self.counts = counts  # word -> occurrences
        self.left = left  # word -> names standing just before it (one space apart)
        self.right = right  # word -> names standing just after it
        self._starts = starts  # where each segment starts in the segments' texts joined by \n
        self._runs = runs  # the scan's runs of tokens one space apart, in document order
        self._run_starts = run_starts  # where each run starts in the joined text
        self._at: dict[str, list[int]] | None = None  # token -> its starts, on demand

    def _positions(self) -> dict[str, list[int]]:
        """Where each token starts in the joined text, in order: the runs split once (their
        tokens are exactly the matches of ``_BEFORE + _WORD + _AFTER`` in the text), not a
        search of the text per name."""
        if self._at is None:
            at: dict[str, list[int]] = {}
            for r, p in zip(self._runs, self._run_starts, strict=True):
                if " " in r:
                    for w in r.split(" "):
                        if w in at:
                            at[w].append(p)
                        else:
                            at[w] = [p]
                        p += len(w) + 1
                elif r in at:
                    at[r].append(p)
                else:
                    at[r] = [p]
            self._at = at
        return self._at

    def occurrences(self, word: str, limit: int = 0) -> list[tuple[int, int, int]]:
        """``(segment index, start, end)`` of the token ``word``, in document order."""
        found = self._positions().get(word, ())
        starts, n, out = self._starts, len(word), []
        for p in found[:limit] if limit else found:
            k = bisect.bisect_right(starts, p) - 1
            out.append((k, p - starts[k], p - starts[k] + n))
        return out

    def spans(self, word: str, limit: int = 0) -> list[tuple[int, int]]:
        """File offsets of the occurrences of ``word``."""
        segs = self.doc.segments
        return [segs[k].source_span(a, b) for k, a, b in self.occurrences(word, limit)]

    def first(self, word: str) -> int:
        """File offset where ``word`` first occurs."""
        p = self._positions()[word][0]
        k = bisect.bisect_right(self._starts, p) - 1
        return self.doc.segments[k].source_offset(p - self._starts[k])


def doc_names(doc: Document) -> DocNames:
    """Name-like capitalised tokens of ``doc``, computed once for the rules that share them.

    Kept: capitalised tokens that are not titles, not written in lower case anywhere in the
    document, and either used mid-sentence outside headings or not a common word (Zipf < 4).
    """
    return doc.memo("names", _scan_names)


def _scan_names(doc: Document) -> DocNames:
    segs = doc.segments
    texts = [s.text for s in segs]
    text = "\n".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    # One scan of the joined text: a run never crosses a line break, and its context (group
    # 1) stops at one, so the runs are those of each segment scanned alone.
    matches = list(_RUN_RE.finditer(text))
    runs = list(map(_GROUP2, matches))
    run_starts = list(map(_START, matches))
    # A heading's words are never mid-sentence: the runs outside headings decide `mid`.
    body_runs, body_ctx = runs, list(map(_GROUP1, matches))
    headings = [k for k, s in enumerate(segs) if s.kind == "heading"]
    if headings:
        ctx, body_runs, body_ctx, done = body_ctx, [], [], 0
        for k in headings:  # the runs of segment k start in [starts[k], its end)
            lo = bisect.bisect_left(run_starts, starts[k], done)
            hi = bisect.bisect_left(run_starts, starts[k] + len(texts[k]), lo)
            body_runs += runs[done:lo]
            body_ctx += ctx[done:lo]
            done = hi
        body_runs += runs[done:]
        body_ctx += ctx[done:]
    mid = {r.split(" ", 1)[0] for c, r in zip(body_ctx, body_runs, strict=True) if c}
    for r in body_runs:
        if " " in r:
            mid.update(r.split(" ")[1:])  # after a name: mid-sentence
    counts = Counter(" ".join(runs).split(" ")) if runs else Counter()
    # dropped: titles, and common words used only where a sentence or heading starts
    drop = set(TITLES.intersection(counts))
    drop.update(_CLASSES.among("common", counts).difference(mid))
    lowered = _written_lower_among(text, counts.keys() - drop)
    drop.update(lowered)
    if doc.code or any(not w.isalpha() for w in counts):  # written as code: an identifier
        drop.update(w for w in counts.keys() - drop if is_identifier(doc, w))
    out: dict[str, int] = {w: c for w, c in counts.items() if w not in drop}
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    for r in runs:  # context is other names only (not `The`, not `However`)
        if " " not in r:
            continue
        for a, b in pairwise(r.split(" ")):
            if a in out and b in out:
                if b in left:
                    left[b].add(a)
                else:
                    left[b] = {a}
                if a in right:
                    right[a].add(b)
                else:
                    right[a] = {b}
    return DocNames(doc, out, left, right, starts, runs, run_starts)


_EMPTY: frozenset = frozenset()


def _context(al, ar, bl, br, spread: int = 99) -> int:
    """1: a name beside both agrees; -1: different names beside them; 0: no evidence.

    ``al``/``ar`` are the names left and right of ``a`` (the minority), ``bl``/``br`` of
    ``b``. Disagreement counts only while ``b`` has at most ``spread`` different names in
    that slot: a place or club named next to many words says nothing.
    """
    if (al & bl) or (ar & br) or _short_form_among(al, bl):
        return 1
    if (al and 0 < len(bl) <= spread) or (ar and 0 < len(br) <= spread):
        return -1
    return 0


def _short_form_among(names_a, names_b) -> bool:
    """Is a first name beside one spelling the short form of one beside the other (`Rob
    Sidli` / `Robert Sidoli`, `Rafa` / `Rafael`: 3+ letters, a prefix of the other)?"""
    for x in names_a:
        for y in names_b:
            short, long_ = (x, y) if len(x) < len(y) else (y, x)
            if len(short) >= 3 and long_.startswith(short):
                return True
    return False


_KEYS: dict[str, frozenset[str]] = {}
_NO_KEYS: frozenset[str] = frozenset()


def _pair_keys(word: str) -> frozenset[str]:
    """Blocking keys: the spelling in lower case, its one-letter deletions (so spellings one
    edit apart share a key) and the transliteration key (marked with a leading ``\\1``); none
    below 3 letters (too many neighbours to pair)."""
    if len(word) < 3:
        return _NO_KEYS
    low = word.lower()
    return frozenset(_deletes(low) | {low, "\1" + translit_key(word)})


def _keys_of(words: list[str]) -> list[frozenset[str]]:
    """:func:`_pair_keys` of each of ``words``, memoised per spelling across documents (names
    recur): once every word has been seen, a C-level lookup with no Python call per word."""
    new = set(words).difference(_KEYS)
    if new:
        if len(_KEYS) + len(new) > 500_000:
            _KEYS.clear()
            new = set(words)
        for w in new:
            _KEYS[w] = _pair_keys(w)
    return list(map(_KEYS.__getitem__, words))


def _pairs(minors, words) -> list[tuple[str, str]]:
    """Sorted pairs ``(a, b)``, ``a < b``, of ``words`` with at least one of them in
    ``minors`` (the spellings that could be flagged), that are similar: the same
    transliteration key, or one edit apart in lower case (not case-only variants, not
    inflections). Blocked: only words sharing a key with a minor are ever compared."""
    minors = list(minors)
    minor_keys = _keys_of(minors)
    keys = set().union(*minor_keys)
    if not keys:
        return []
    words = list(words)
    word_keys = _keys_of(words)
    # the words sharing a key with some minor (the minors among them), found in C
    touching = map(not_, map(keys.isdisjoint, word_keys))
    near = list(compress(zip(words, word_keys, strict=True), touching))
    if len(keys) == sum(map(len, minor_keys)) and set(minors).issuperset(w for w, _ in near):
        return []  # no two minors share a key and no other word shares one: most documents
    index: dict[str, list[str]] = {}
    for q, qk in zip(minors, minor_keys, strict=True):
        for k in qk:
            if k in index:
                index[k].append(q)
            else:
                index[k] = [q]
    found = set()
    for x, xk in near:
        for k in xk:
            for q in index.get(k, ()):
                if q != x:
                    found.add((q, x) if q < x else (x, q))
    return [(a, b) for a, b in sorted(found)
            if a.lower() != b.lower() and _similar(a, b) and not _derived(a, b)]


def _order(a: str, ca: int, b: str, cb: int, first: tuple | None = None,
           ) -> tuple[str, str] | None:
    """(minority, majority) by count; ties go to a clear frequency gap, else to the spelling
    used first (``first`` = where each starts), as news and docs introduce a name in full
    before repeating it; None if still unclear."""
    if ca != cb:
        return (a, b) if ca < cb else (b, a)
    za, zb = zipf(a), zipf(b)
    if abs(za - zb) >= 1.0:
        return (a, b) if za < zb else (b, a)
    if first is not None and first[0] != first[1]:
        return (b, a) if first[0] < first[1] else (a, b)
    return None


def _variant_ok(minor: str, major: str, context: int, vocab: Vocab, *, min_len: int,
                max_zipf: float, context_len: int = 3, context_zipf: float = MAX_VARIANT_ZIPF,
                unknown_len: int = 99) -> bool:
    """The shared decision: is ``minor`` a misspelling of ``major``?"""
    if context < 0 or vocab.accepted(minor) or vocab.near_accepted(minor):
        return False
    zm = zipf(minor)
    if zm > MAX_VARIANT_ZIPF:
        return False
    if context > 0:
        return len(minor) >= context_len and zm <= context_zipf and zipf(major) < 5.0
    long_enough = len(minor) >= min_len or (zm == 0 and len(minor) >= unknown_len)
    return (long_enough and zm <= max_zipf and zipf(major) >= zm
            and translit_key(minor)[0] == translit_key(major)[0])


def _one_to_one_slip(minor: str, major: str) -> bool:
    """Each spelling once in a document: ``minor``, unknown to the word list, is a slip of
    ``major`` (5+ letters: transliteration, adjacent swap, dropped or inserted letter, one
    vowel for another; 4 letters: transliteration, adjacent swap or dropped letter of a name
    the word list knows)."""
    if _zipf(minor) != 0 or major.startswith(minor):
        return False  # a last letter more or less is another name (`Mari`/`Maria`)
    if len(minor) >= 5:
        return _short_slip(minor, major)
    return _zipf(major) > 0 and (_slip(minor, major) or translit_key(minor) == translit_key(major))


@rule(code="N001", name="name-variant", family="names")
def name_variant(doc: Document, ctx=None) -> Iterator[Hit]:
    """Flags a name spelled two ways in one document (`Olaf Scholz` ... `Olaf Sholz`).

    ## What it flags
    A name written one way most of the time and a similar way (one edit apart after
    transliteration folding: y/i/ij, -sky/-skiy/-skyy, kh/h, sch/sh, ks/x, double letters)
    a few times in the same document: the minority spelling is flagged and the majority
    spelling suggested. Two spellings agree when the same first name or surname stands next to
    both (`Dmytro Kuleba` / `Dmitro Kuleba`); without that, only names of 6+ letters (4+ when
    the majority form occurs twice or more) with the same first letter, whose minority form is
    (nearly) unknown to the word-frequency list, are paired. When each spelling occurs once,
    one unknown to the word list is paired when it is a slip of the other (5+ letters:
    transliteration, swapped or dropped letters but not the last, one vowel for another; 4
    letters: a transliteration or typing slip of a name the word list knows); the one rarer
    in English, else the later one, is flagged.

    ## Why it matters
    Machine translation and rewriting transliterate the same person differently from one
    paragraph to the next; readers and search engines then see two people.

    ## Example
    ```
    Chancellor Olaf Scholz met the press. Later, Olaf Sholz said talks would go on.
    ```

    ## Fix
    Use one spelling throughout (`Scholz`). A fix is offered when a shared first name or
    surname confirms the pairing and one spelling is clearly in the majority.

    ## Leaves alone
    Different people with similar names (`Alex`/`Alexa`, `Anna`/`Hanna`, `John`/`Joan`,
    `Jon`/`John`) unless the same surname stands next to both; names beside different
    surnames, except a spelling unknown to the word list one typing slip from a name the
    document repeats (`Pete Dohrty` / `Rocker Doherty`); inflections (`Kurd`/`Kurds`,
    `Israel`/`Israeli`); forms that are frequent words; capitalised words that the document
    also writes in lower case or that only start sentences; names accepted in the configured
    vocabulary; two spellings used once each that differ by a consonant (`Eric`/`Erik`) or
    that the word list both knows (`Kristen`/`Kirsten`).
    """
    vocab = vocab_of(ctx)
    names = doc_names(doc)
    counts, left, right = names.counts, names.left, names.right
    minors = _CLASSES.among("variant", counts)
    for a, b in _pairs(minors, counts):
        ca, cb = counts[a], counts[b]
        first = None
        if ca == cb and abs(_zipf(a) - _zipf(b)) < 1.0:  # only then does the order matter
            first = (names.first(a), names.first(b))
        order = _order(a, ca, b, cb, first)
        if order is None:
            continue
        minor, major = order
        context = _context(left.get(minor, _EMPTY), right.get(minor, _EMPTY),
                           left.get(major, _EMPTY), right.get(major, _EMPTY))
        if context < 0 and counts[major] >= 2 and _zipf(minor) == 0 and _slip(minor, major):
            context = 0  # `Pete Dohrty` beside `Rocker Doherty`: a slip, not another person
        unknown_len = 4 if counts[major] >= 2 or _one_to_one_slip(minor, major) else 99
        if not _variant_ok(minor, major, context, vocab, min_len=6, max_zipf=1.0,
                           unknown_len=unknown_len):
            continue
        strong = context > 0 and counts[major] > counts[minor]
        line = doc.position(names.first(major))[0]
        for start, end in names.spans(minor):
            yield Hit(start, end,
                      f"'{minor}' looks like a misspelling of '{major}' (written so "
                      f"{counts[major]}× in this file, first on line {line}).",
                      suggestions=[major], fix=Fix(start, end, major) if strong else None,
                      judged=(minor, major))


@corpus_rule(code="N002", name="name-variant-across-files", family="names")
class NameVariantAcrossFiles:
    """Flags a name spelled differently in different files of one run.

    ## What it flags
    A name that one file spells differently from the other files of the same run
    (`Dmitro Kuleba` in one article, `Dmytro Kuleba` in the rest): the minority spelling is
    flagged, with the file and line of the majority spelling. Pairs are one edit apart after
    transliteration folding and are found through blocking keys (symmetric deletes of the
    folded name), so thousands of files stay fast. The same first name or surname next to
    both spellings confirms a pair; without it only names with the same first letter whose
    minority form is unknown to the word-frequency list are paired, and below 7 letters only
    when the two differ by transliteration (v/w and c/k included), an adjacent swap, a dropped
    letter or one vowel. A first name and its short form (`Rob`/`Robert`, 3+ letters) count
    as the same name beside both.
    A different name beside them keeps two spellings apart, except for a spelling of 8+
    letters unknown to the word list whose other form is in 2+ files and twice as many files,
    and a spelling unknown to the word list next to a well-known name (Zipf 3+) in 2+ files
    that is its transliteration variant (`Andy Garcya`), has two of its letters swapped
    (`Neil Lennno`) or, where a first name stands, drops or doubles a letter (`Ronld Koeman`).
    A slip used in fewer files than the name it slips from is the minority even when its one
    file repeats it more often than the others together (`Libson` sixteen times in one
    article, `Lisbon` in six), and so is a spelling unknown to the word list with the same
    name beside both (`Alfa Rumeo` four times in one article, `Alfa Romeo` in two).
    A 4-letter spelling unknown to the word list is paired with a name used in 3+ files when
    it is an adjacent swap or a dropped letter of it, its transliteration variant, or any one
    edit with the same name beside both; with a name used in 2 files, when it is such a slip
    or variant and the same name stands beside both (`Zahc Braff` / `Zach Braff`).
    A spelling near several names goes to the one with a name beside both, else to one used
    in 5× as many files as the next, else (5+ letters)
    to the only one a typing slip away (adjacent swap, dropped or doubled letter) that is used
    in 3+ files; otherwise nothing is reported. When the spelling meant cannot be known (each
    spelling used in as many files as the other, one file against one, and neither clearly
    more frequent in English), both are reported, each at its first occurrence, with no
    suggestion.

    ## Why it matters
    A batch of translated articles, or the pages of a documentation site, should spell a
    person or place one way; mixed spellings split search results and look careless.

    ## Example
    ```
    a.txt: Foreign Minister Dmytro Kuleba said ...
    b.txt: Dmitro Kuleba arrived in Brussels on Monday.
    ```

    ## Fix
    Use the majority spelling (`Dmytro`) in every file.

    ## Leaves alone
    Names that merely look alike in a large set (`Jon`/`John`, `Hamad`/`Hamas`) unless the
    same surname or first name stands next to both; spellings in a file that also has the
    other one (that is N001's job); frequent words; accepted vocabulary.
    """

    @staticmethod
    def collect(doc: Document, ctx=None):
        """Per file: ``(counts, left, right, firsts, occ)``: every name's count, neighbouring
        names and first occurrence (offset and line: a majority spelling is reported by file
        and line), and for each possible minority spelling its occurrences and the similar
        names of this file (in a file that has both, N002 leaves it alone). Merged per run
        by :class:`rules.names_summary.NameSummary`."""
        names = doc_names(doc)
        counts = {w: c for w, c in names.counts.items() if len(w) >= 3}
        left = {w: tuple(sorted(s))[:6] for w, s in names.left.items() if w in counts}
        right = {w: tuple(sorted(s))[:6] for w, s in names.right.items() if w in counts}
        firsts, occ = {}, {}
        segs, line_starts = doc.segments, doc.line_starts
        minors = _CLASSES.among("minor", counts)
        near: dict[str, list[str]] = {}
        if minors:
            for a, b in _pairs(minors, counts):
                near.setdefault(a, []).append(b)
                near.setdefault(b, []).append(a)
        for word in counts:
            if word in minors:
                found = names.occurrences(word, 20)
                spans = [segs[k].source_span(a, b) for k, a, b in found]
                first = spans[0][0]
                occ[word] = (spans, tuple(sorted(near.get(word, ()))))
            else:
                first = names.first(word)
            firsts[word] = (first, bisect.bisect_right(line_starts, first))
        return counts, left, right, firsts, occ

    @staticmethod
    def combine(items):
        """One summary item for all: names with counts, neighbours and first places, and
        the occurrences of the spellings that may be flagged."""
        return [("", NameSummary.of(items))]

    @staticmethod
    def reduce(items, ctx=None):
        vocab = vocab_of(ctx)
        names = NameSummary.of(items, keep=True)
        total, files = names.total, names.files

        def spread(word: str) -> bool:  # used in several files
            return files[word] > 2 or (total[word] > 4 and files[word] > 1)

        def established(minor: str, major: str) -> bool:
            """A spelling used in several files is an established alternative, unless the
            other spelling is used in many times as many files (a systematic slip)."""
            return spread(minor) and files[minor] * ESTABLISHED_SHARE >= files[major]

        contexts: dict[tuple[str, str], int] = {}

        def context_of(minor: str, major: str) -> int:
            key = (minor, major)
            if key not in contexts:
                contexts[key] = _context(*names.context(minor), *names.context(major),
                                         spread=2)
            return contexts[key]

        minors = _CLASSES.among("minor", total)
        pairs = []
        for a, b in _pairs(minors, total):
            order = _order(a, total[a], b, total[b])
            if order is not None and files[order[1]] < files[order[0]] and (
                    _slip_or_translit(order[1], order[0]) or (
                        _zipf(order[1]) == 0 and context_of(order[1], order[0]) > 0)):
                # a slip of a name the other files use, however often its one file repeats
                # it (a whole article with `Libson` against `Lisbon` in six others), or a
                # spelling unknown to the word list with the same name beside both (`Alfa
                # Rumeo` four times in one article, `Alfa Romeo` in two others)
                order = order[1], order[0]
            if order is not None and order[0] in minors:
                pairs.append(order)
        majors = defaultdict(set)
        for minor, major in pairs:
            majors[minor].add(major)

        def chosen(minor: str) -> str | None:
            """The one spelling ``minor`` is a slip of, when it is near several: drop those
            that are themselves slips of another candidate (`Deutshe` beside `Deutsche`);
            then the only one with a name beside both, else one used in far more files, else
            (5+ letters) the only one a typing slip away and used in 3+ files."""
            cands = majors[minor]
            if len(cands) > 1:  # one that can only pair through a name beside both
                key = translit_key(minor)[0]  # (`Rorry`: `Rory`, not `Corry`)
                cands = {m for m in cands
                         if translit_key(m)[0] == key or context_of(minor, m) > 0}
            if len(minor) == 4:
                cands = {m for m in cands if _four_letter_shape(minor, m)
                         or translit_key(minor) == translit_key(m) or context_of(minor, m) > 0}
            if len(cands) > 1:
                cands = {m for m in cands if not any(
                    files[m] < files[c] for c in majors.get(m, _EMPTY) & cands)}
            if len(cands) > 1:
                agree = [m for m in cands if context_of(minor, m) > 0]
                if len(agree) == 1:
                    return agree[0]
                ranked = sorted(cands, key=lambda m: files[m], reverse=True)
                if agree:
                    return None
                if files[ranked[0]] < DOMINANT_FILES * files[ranked[1]]:
                    slips = [m for m in cands if files[m] >= 3 and _slip(minor, m)]
                    if len(minor) < 5 or len(slips) != 1 or \
                            files[ranked[0]] >= DOMINANT_FILES * files[slips[0]]:
                        return None
                    return slips[0]
                cands = {ranked[0]}
            return next(iter(cands)) if len(cands) == 1 else None

        hits, missing = [], set()
        for minor, major in pairs:
            if "-" in minor or chosen(minor) != major:
                continue  # near two names (`Oyens`: `Owens`, `Opens`): no way to choose
            if established(minor, major):
                continue
            if minor in names.dropped:  # let go by the summary: the run reads it again
                missing.add(minor)
                continue
            # the files of `minor` without `major` (which would be among its similar names)
            lone = [e for e in names.occ[minor] if major not in e[2]]
            if not lone:
                continue
            n_major = files[major]
            no_left = not names.context(minor)[0]
            context = context_of(minor, major)
            if context < 0 and len(minor) >= 7 and n_major >= 3 and \
                    zipf(minor) == 0 and no_left:
                context = 0  # a first name (no name before it) beside another surname
            elif context < 0 and len(minor) >= LONG_UNKNOWN and zipf(minor) == 0 and \
                    n_major >= max(2, 2 * files[minor]):
                context = 0  # long names unknown to the word list: different neighbours
            elif context < 0 and zipf(minor) == 0 and zipf(major) >= KNOWN_MIN_ZIPF and \
                    n_major >= 2 and (translit_key(minor) == translit_key(major)
                                      or _transposed(minor, major) or (
                        _slip(minor, major) and no_left)):
                # a transliteration variant or swapped letters of a well-known name (`Andy
                # Garcya`, `Neil Lennno`), or a slip of one where a first name stands (`Ronld
                # Koeman`): a first name goes with many surnames, so another surname beside it
                # is no evidence of another person (a different first name before a dropped
                # letter still is: `Lee Bakley`, `Barkley`)
                context = 0
            unknown_len = 5 if n_major >= 2 else 99
            if not _variant_ok(minor, major, context, vocab, min_len=7, max_zipf=0.5,
                               context_len=5, context_zipf=1.5, unknown_len=unknown_len):
                if not (len(minor) == 4 and context >= 0 and _four_letter_slip(
                        minor, major, n_major, vocab, context)):
                    continue
            if context == 0 and n_major < 2 and total[major] < 3:
                continue
            if context == 0 and len(minor) < 7 and not _short_slip(minor, major) and not (
                    n_major >= 2 and zipf(major) < 4.0
                    and _consonant_translit(minor, major)):
                continue
            ref, _, line = names.few[major][0]
            if n_major <= files[minor] and abs(zipf(major) - zipf(minor)) < 1.0:
                # one file against one: no way to know which spelling is meant
                hits.extend(_tie_hits(minor, major, lone, names.few[major]))
                continue
            for path, spans, _, _ in lone:
                if len(spans) == 1 and files[minor] == 1 and _rare_candidate(minor, 1) and \
                        _rare_neighbour(minor, _log10(vocab.min_ratio)) == major:
                    continue  # N003 reports it, with the same suggestion
                for start, end in spans:
                    hits.append((path, Hit(
                        start, end,
                        f"'{minor}' is spelled '{major}' elsewhere in this run ({ref}:{line}; "
                        f"{total[major]}× in {n_major} file(s)).",
                        suggestions=[major], judged=(minor, major))))
        if missing:
            raise NeedOccurrences(missing)
        return hits


def _tie_hits(minor: str, major: str, lone: list, major_files: list) -> list:
    """N002 when each spelling has as many files as the other (at most two: see the
    reduce): the inconsistency reported at both spellings (each file's first occurrence),
    without a suggestion. ``lone`` are the minor's occurrences in files without the major,
    ``major_files`` the major's first occurrence in each of its files."""
    out = []
    major_files = sorted(major_files)
    other = f"{major_files[0][0]}:{major_files[0][2]}"
    for path, spans, _, _ in lone:
        start, end = spans[0]
        out.append((path, Hit(start, end, f"'{minor}' is spelled '{major}' in {other}: one "
                                          "name, two spellings in this run (pick one).",
                              judged=(minor, major))))
    first_lone = min(lone)
    back = f"{first_lone[0]}:{first_lone[3]}"
    for path, start, _ in major_files:
        out.append((path, Hit(start, start + len(major),
                              f"'{major}' is spelled '{minor}' in {back}: one name, two "
                              "spellings in this run (pick one).", judged=(major, minor))))
    return out


#: N002: a spelling used in several files is still a slip when the other spelling is used
#: in this many times as many files; and of several near spellings, one used in this many
#: times as many files as the next is the one meant.
ESTABLISHED_SHARE = 3
#: N002: a spelling this long, unknown to the word list, is paired even beside different names.
LONG_UNKNOWN = 8
DOMINANT_FILES = 5


def _minor_candidate(word: str, z: float | None = None) -> bool:
    """Could N002 flag this spelling (of Zipf ``z``)? (5+ letters, or 4 letters unknown to
    the word list; no hyphen, not a common word: see ``_variant_ok`` with N002's lengths.)"""
    n = len(word)
    if n < 4 or "-" in word:
        return False
    z = _zipf(word) if z is None else z
    return z <= MAX_VARIANT_ZIPF if n >= 5 else z == 0


def _slip(minor: str, major: str) -> bool:
    """``minor`` is one typing slip from ``major`` (case aside): two adjacent letters swapped,
    a letter dropped, or a letter doubled inside the word (`Bertt`/`Brett`, `Gerrd`/`Gerard`,
    `Hinnes`/`Hines`); not a substitution."""
    a, b = minor.lower(), major.lower()
    if len(a) == len(b) - 1:
        return any(b[:i] + b[i + 1:] == a for i in range(len(b)))
    if len(a) == len(b) + 1:
        return any(a[:i] + a[i + 1:] == b and a[i] == a[i - 1] for i in range(1, len(a) - 1))
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def _transposed(minor: str, major: str) -> bool:
    """Two adjacent letters swapped (case aside): real names rarely differ so."""
    a, b = minor.lower(), major.lower()
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def _slip_or_translit(minor: str, major: str) -> bool:
    return _slip(minor, major) or translit_key(minor) == translit_key(major)


def _four_letter_slip(minor: str, major: str, major_files: int, vocab: Vocab,
                      context: int = 0) -> bool:
    """A 4-letter spelling unknown to the word list, used in one file, next to a name used in
    3+ files of the run: one typing slip (adjacent letters swapped, a letter dropped) from it
    (`Bnoo`, `Enrn`), its transliteration variant (`Jyll`/`Jill`), or any one edit from it when
    a name beside both agrees (`Stephen Cirr` / `Stephen Carr`); next to a name used in 2
    files, a slip or transliteration variant with a name beside both (`Zahc Braff`)."""
    if major_files < 2 or zipf(minor) != 0 or vocab.accepted(minor):
        return False
    shape = _four_letter_shape(minor, major) or (
        minor[0] == major[0] and translit_key(minor) == translit_key(major))
    if major_files == 2:  # two files: a slip shape and a name beside both (`Zahc Braff`)
        return shape and context > 0
    return shape or context > 0


def _four_letter_shape(minor: str, major: str) -> bool:
    if minor[0] != major[0]:
        return False
    a, b = minor.lower(), major.lower()
    if len(b) == 5:
        return any(b[:i] + b[i + 1:] == a for i in range(1, 5))
    if len(b) != 4:
        return False
    diff = [i for i in range(4) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]


# -- rare spellings of frequent names ----------------------------------------------------------
#: N003 thresholds (Zipf: log10 of uses per billion words).
RARE_MAX_ZIPF = 1.5  # the token itself is at most this frequent
KNOWN_MIN_ZIPF = 3.0  # the name it resembles is at least this frequent
RUNNER_UP_GAP = 1.0  # and clearly more frequent than any other one-edit neighbour


@lru_cache(maxsize=1)
def _known_names() -> tuple[dict[str, str], dict[tuple[str, int], list[str]]]:
    """(lower-case name → its spelling, (first letter, length) → lower-case names).

    Grouped by first letter and length rather than a delete index: building that index took
    ~60 ms, a quarter of a one-file check, for the few lookups a file needs."""
    spelled = {}
    for name in word_list("names_frequent"):
        spelled.setdefault(name.lower(), name)
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for low in spelled:
        groups[low[0], len(low)].append(low)
    return spelled, dict(groups)


def _one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance of ``a`` and ``b`` at most 1 (one letter added,
    dropped or changed, or two adjacent letters swapped), with slices compared in C."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la < lb:
        a, b, la, lb = b, a, lb, la
    if la - lb > 1:
        return False
    i = 0
    while i < lb and a[i] == b[i]:
        i += 1
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i + 1:] == b[i + 1:] or (
        a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2] and a[i + 2:] == b[i + 2:])


def _known_neighbours(low: str, groups: dict[tuple[str, int], list[str]]) -> list[str]:
    """The frequent names (lower case) that start like ``low`` and are one edit from it."""
    first, n = low[0], len(low)
    return [cand for size in (n - 1, n, n + 1) for cand in groups.get((first, size), ())
            if _one_edit(low, cand)]


def _rare_shape(word: str, z: float) -> bool:
    """A spelling (of Zipf ``z``) that N003 considers: 6+ letters, no hyphen, Zipf <= 1.5
    (:func:`_rare_neighbour` finds nothing for the others)."""
    return len(word) >= 6 and "-" not in word and z <= RARE_MAX_ZIPF


def _rare_candidate(word: str, count: int) -> bool:
    # A name used repeatedly in a file is meant; short names have too many neighbours.
    return count == 1 and len(word) >= 6 and "-" not in word


@lru_cache(maxsize=65536)
def _rare_neighbour(word: str, gap: float) -> str | None:
    if len(word) < 4:
        return None
    z = zipf(word)
    if z > RARE_MAX_ZIPF:
        return None
    spelled, groups = _known_names()
    low = word.lower()
    cands = []
    for cand in _known_neighbours(low, groups):
        if cand == low or cand[0] != low[0] or _derived(cand, low):
            continue
        if not _typing_slip(low, cand):
            continue
        if translit_key(cand) == translit_key(low):
            continue  # a transliteration variant, not a misspelling
        cands.append((zipf(cand), cand))
    if not cands:
        return None
    cands.sort(reverse=True)
    best_z, best = cands[0]
    if best_z < KNOWN_MIN_ZIPF or best_z - z < gap:
        return None
    if len(cands) > 1 and best_z - cands[1][0] < RUNNER_UP_GAP:
        return None
    return spelled[best]


@corpus_rule(code="N003", name="rare-name-spelling", family="names")
class RareNameSpelling:
    """Flags a very rare spelling one letter away from a frequent name (`Emmanual` → `Emmanuel`).

    ## What it flags
    A capitalised name-like token that is very rare as a word yet one typing slip from a much
    more frequent name. Decision rule: the token has 6+ letters, occurs once in the file and
    has Zipf frequency ≤ 1.5; a name from the shipped list of frequent names
    (`rules/data/names_frequent.txt`) with the same first letter is one typing slip away
    (adjacent letters swapped, a letter dropped, a letter added inside the word, or a vowel
    for a vowel near the end of a form the frequency list has seen), has Zipf ≥ 3.0 and is at
    least `min-frequency-ratio` (default 100, i.e. 2 Zipf points) times more frequent, and
    every other such neighbour is at least 1 Zipf point less frequent than it; and no other
    file of the run uses the token. Other substitutions are left alone: real names differ by
    them (`Khalil`/`Khelil`, `Danielle`/`Danielli`).

    ## Why it matters
    Rewriting and translation tools produce plausible-looking misspellings of well-known names
    that a reader trusts and a spell checker drowns among flags on correct foreign names.

    ## Example
    ```
    President Emmanual Macron arrived in Berlin on Tuesday.
    ```

    ## Fix
    Use the usual spelling (`Emmanuel`).

    ## Leaves alone
    Correct rare names with no frequent neighbour (`Oyelaran`, `Tshabalala`, `Kuleba`);
    transliteration variants (`Zelenskyy`/`Zelensky`); tokens near two similar frequent
    names; names whose frequent neighbour appears in the same file (N001 decides there);
    capitalised words the document also writes in lower case; accepted vocabulary; a token
    that two or more files of the run use (`Ken Mayland` in three articles is a name of its
    own, not a slip of `Maryland`: independent slips rarely agree letter for letter).
    """

    @staticmethod
    def collect(doc: Document, ctx=None):
        """Per file: ``(hits, rare)``: the hits of :func:`rare_name_spelling` with their
        words, and the file's rare name-like spellings (6+ letters, Zipf <= 1.5)."""
        hits = [(doc.source[h.offset:h.end_offset], h) for h in rare_name_spelling(doc, ctx)]
        return hits, tuple(_CLASSES.among("rare", doc_names(doc).counts))

    @staticmethod
    def combine(items):
        """The files with hits, and one summary item: how many files use each rare spelling
        (``reduce`` adds a summary's counts as it counts a file's spellings)."""
        files: Counter = Counter()
        kept = []
        for path, (hits, rare) in items:
            files.update(rare)  # a file's spellings are distinct; a summary adds its counts
            if hits:
                kept.append((path, (hits, ())))
        kept.append(("", ([], files)))
        return kept

    @staticmethod
    def reduce(items, ctx=None):
        files: Counter = Counter()
        for _, (_, rare) in items:
            files.update(rare)
        return [(path, hit) for path, (hits, _) in items for word, hit in hits
                if files[word] < 2]


def rare_name_spelling(doc: Document, ctx=None) -> Iterator[Hit]:
    """N003's per-document step: rare spellings one typing slip from a frequent name that
    this document does not use (see :class:`RareNameSpelling`)."""
    vocab = vocab_of(ctx)
    gap = _log10(vocab.min_ratio)
    names = doc_names(doc)
    counts = names.counts
    rare = _CLASSES.among("rare", counts)  # the others have no rare neighbour (see _rare_neighbour)
    if len(rare) > 1:
        rare = [w for w in counts if w in rare]  # in document order
    for word in rare:
        if not _rare_candidate(word, counts[word]):
            continue
        best = _rare_neighbour(word, gap)
        if best is None or best in counts or vocab.accepted(word) or vocab.near_accepted(word):
            continue
        for start, end in names.spans(word):
            yield Hit(start, end,
                      f"'{word}' is a rare spelling; did you mean the name '{best}'?",
                      suggestions=[best], judged=(word,))


def _log10(x: float) -> float:
    import math

    return math.log10(x)


# -- vocabularies ------------------------------------------------------------------------------
@rule(code="N004", name="vocab-near-miss", family="names")
def vocab_near_miss(doc: Document, ctx=None) -> Iterator[Hit]:
    """Flags a near miss of a name in the accepted vocabulary (`Zelenskky` for `Zelenskyy`).

    ## What it flags
    A capitalised name-like token that is not accepted itself but is one edit (after
    transliteration folding) from a plain name listed in an `accept` vocabulary of
    `[tool.mtlint.names]`; the accepted form is suggested.

    ## Why it matters
    A team that lists its preferred spelling of a name wants every other spelling of it caught.

    ## Example
    ```
    # styles/Vocab/News/accept.txt: Zelenskyy
    President Zelensky spoke on Monday.
    ```

    ## Fix
    Use the accepted spelling. A fix is offered.

    ## Leaves alone
    Anything matching an accepted entry (regular expressions included); entries that are
    regular expressions rather than plain names (they have no single spelling to suggest);
    words the document writes in lower case too.
    """
    vocab = vocab_of(ctx)
    if not vocab.literals:
        return
    names = doc_names(doc)
    for word in names.counts:
        if vocab.accepted(word):
            continue
        best = vocab.near_accepted(word)
        if best is None:
            continue
        for start, end in names.spans(word):
            yield Hit(start, end, f"'{word}' is not the accepted spelling '{best}'.",
                      suggestions=[best], fix=Fix(start, end, best), judged=(word,))


@rule(code="N005", name="rejected-term", family="names")
def rejected_term(doc: Document, ctx=None) -> Iterator[Hit]:
    """Flags a form listed in a `reject` vocabulary, with its replacement when one is given.

    ## What it flags
    Any match of an entry of a `reject` vocabulary file named in the `names` settings (Vale's
    `reject.txt` format: one regular expression a line, case-sensitive unless it starts with
    `(?i)`, `#` comments). mtlint extends the format with `wrong -> right` to give the
    replacement.

    ## Why it matters
    Teams keep lists of spellings they never want to see (`Kiev -> Kyiv`); machine
    translation reintroduces them.

    ## Example
    ```
    # styles/Vocab/News/reject.txt: Kiev -> Kyiv
    The delegation flew to Kiev on Monday.
    ```

    ## Fix
    Use the replacement; a fix is offered when the entry gives one.

    ## Leaves alone
    Matches inside longer words (entries match whole words only) and non-prose (code).
    """
    vocab = vocab_of(ctx)
    if vocab.reject_re is None:
        return
    for seg in doc.segments:
        for m in vocab.reject_re.finditer(seg.text):
            index = next(int(k[1:]) for k, v in m.groupdict().items()
                         if v is not None and k[0] == "r" and k[1:].isdigit())
            repl = vocab.replacements[index]
            start, end = seg.source_span(m.start(), m.end())
            if repl is None:
                yield Hit(start, end, f"'{m.group()}' is a rejected term.")
            else:
                yield Hit(start, end, f"'{m.group()}' is a rejected term; use '{repl}'.",
                          suggestions=[repl], fix=Fix(start, end, repl))


def warm_up() -> None:
    """Load the word frequencies, the frequent-name index and rapidfuzz before workers fork."""
    zipf("name")
    _known_names()
    _osa("name", "names")
