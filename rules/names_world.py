"""Names of the whole world: a rare spelling one typing slip from a first name or surname that
is frequent in some country (``Krzystof``, ``Giusseppe``), weighed against a list derived at
build time from the ``names-dataset`` package (``rules/data/names_world.txt``, see
``tools/build_names_world.py``)."""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

import regex

from lint import patterns
from lint.document import Document
from lint.finding import Hit
from lint.registry import corpus_rule
from rules.data import DATA_DIR
from rules.lexicon import zipf

#: A name ranked this high in some country is frequent: never flagged, whatever it looks like.
FREQUENT_RANK = 300
#: Only names ranked this high are taken as what a rare spelling was meant to be.
TARGET_RANK = 100
#: The flagged spelling must rank this many times lower than its neighbour (when listed).
MIN_RANK_RATIO = 50
#: Tokens at least this frequent as English words are left alone.
MAX_TOKEN_ZIPF = 1.5
MIN_LENGTH = 6
#: Targets have six letters or more; a slip of one may have lost a letter.
MIN_TOKEN_LENGTH = MIN_LENGTH - 1


@lru_cache(maxsize=1)
def _raw() -> str:
    """The data file's text (parsing all 100k lines into a dict would cost a one-file check
    ~0.3 s: lookups search the text instead)."""
    try:
        with open(os.path.join(DATA_DIR, "names_world.txt"), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        return ""


def rank_of(name: str) -> tuple[int | None, int | None] | None:
    """(best rank as a first name, as a surname) of ``name``, or None when not listed."""
    raw = _raw()
    i = raw.find("\n" + name + "\t")
    if i < 0:
        return None
    line = raw[i + 1:raw.find("\n", i + 1)]
    _, first, last = (line.split("\t") + ["", ""])[:3]
    return (int(first) if first else None, int(last) if last else None)


def world_ranks() -> dict[str, tuple[int | None, int | None]]:
    """Every listed name with its ranks (for tools and tests; the rule uses :func:`rank_of`)."""
    return {m.group(1): (int(m.group(2)) if m.group(2) else None,
                         int(m.group(3)) if m.group(3) else None)
            for m in regex.finditer(r"^([^#\t\n][^\t\n]*)\t(\d*)\t(\d*)$", _raw(),
                                    regex.MULTILINE)}


def _best(ranks: tuple[int | None, int | None] | None) -> int | None:
    if ranks is None:
        return None
    known = [r for r in ranks if r is not None]
    return min(known) if known else None


@lru_cache(maxsize=1)
def _targets() -> dict[tuple[str, int], list[str]]:
    """(first letter, length) -> first names ranked within TARGET_RANK (six letters or more)."""
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    # the standard library's engine: ~2.5x faster than `regex` on this plain pattern
    for name, rank in re.findall(r"^([^#\t\n]{6,})\t(\d{1,3})\t", _raw(), re.MULTILINE):
        if int(rank) <= TARGET_RANK:
            groups[name[0].lower(), len(name)].append(name)
    return dict(groups)


@lru_cache(maxsize=20_000)
def frequent_neighbour(word: str) -> str | None:
    """The one frequent first name that ``word`` is a typing slip of, if exactly one is."""
    from rules.names import _one_edit, _typing_slip

    low = word.lower()
    groups = _targets()
    found = []
    for n in (len(low) - 1, len(low), len(low) + 1):
        for name in groups.get((low[0], n), ()):
            cand = name.lower()
            if cand != low and _one_edit(low, cand) and _typing_slip(low, cand):
                found.append(name)
    if len(found) != 1:
        return None
    # the list lookups search a large text: only for the few words with one neighbour
    own = _best(rank_of(word))
    if own is not None and own <= FREQUENT_RANK:
        return None
    best = found[0]
    if own is not None and own < MIN_RANK_RATIO * rank_of(best)[0]:
        return None
    return best


_SURNAME_AFTER_RE = patterns.compile(r" (?:\p{Lu}\.? )?\p{Lu}\p{Ll}")


@corpus_rule(code="N006", name="rare-world-name-spelling", family="names")
class RareWorldNameSpelling:
    """Flags a rare spelling one typing slip from a name that is frequent somewhere in the world.

    ## What it flags
    A first name (a capitalised word standing before a surname, used once in the document)
    that is rare as an English word (Zipf ≤ 1.5) and either missing from the world name
    list or ranked far down it, one typing slip (adjacent letters swapped, a letter dropped
    or added inside the word) from exactly one first name of six letters or more ranked in
    the top 100 of some country: `Krzystof` for `Krzysztof`, `Giusseppe` for `Giuseppe`:
    slips of non-English names that the English list of N003 does not know.

    ## Why it matters
    MT and rewriting tools misspell foreign names in ways a reader of English cannot see; the
    name then fails to match search, indexes and other articles.

    ## Example
    ```
    The Polish striker Krzystof Piatek scored twice.
    ```

    ## Fix
    Use the usual spelling (`Krzysztof`).

    ## Leaves alone
    Every name the list ranks in the top 300 of any country (a frequent name is never
    flagged, even next to another); spellings within 50 times the neighbour's rank;
    tokens near two frequent names; names whose frequent neighbour appears in the same
    document (N001 decides there) or that N003 reports from the English name list; words the
    document writes in lower case; slips of short names (under six letters), where real
    names differ by one letter all the time; surnames and names used more than once
    (`Charvis`, `Kyrgiakos`: surnames are too many and too varied to judge a slip by one letter); a
    spelling that two or more files of the run use (`Mefin Davies` in three articles is a
    name of its own: independent slips rarely agree letter for letter).
    """

    @staticmethod
    def collect(doc: Document):
        """Per file: ``[(word, hit)]`` of :func:`rare_world_name_spelling`."""
        return [(doc.source[h.offset:h.end_offset], h) for h in rare_world_name_spelling(doc)]

    @staticmethod
    def combine(items):
        """The files with hits (the others add nothing to the reduce)."""
        return [(path, hits) for path, hits in items if hits]

    @staticmethod
    def reduce(items):
        files: Counter = Counter()
        for _, hits in items:
            files.update({word for word, _ in hits})
        return [(path, hit) for path, hits in items for word, hit in hits if files[word] < 2]


def rare_world_name_spelling(doc: Document) -> Iterator[Hit]:
    """N006's per-document step (see :class:`RareWorldNameSpelling`)."""
    if not _raw():
        return
    from rules.names import doc_names

    names = doc_names(doc)
    counts = names.counts
    english = None
    for word in list(counts):
        if counts[word] != 1 or len(word) < MIN_TOKEN_LENGTH or not word.isalpha() \
                or not word[1:].islower():
            continue
        if zipf(word) > MAX_TOKEN_ZIPF:
            continue
        best = frequent_neighbour(word)
        if best is None or best in counts:
            continue
        if english is None:  # what N003 reports from the English name list
            from rules.names import rare_name_spelling

            english = {doc.source[h.offset:h.end_offset] for h in rare_name_spelling(doc)}
        if word in english:
            continue
        k, a, b = names.occurrences(word)[0]
        if not _SURNAME_AFTER_RE.match(doc.segments[k].text, b):
            continue  # not in a first name's place (before a surname)
        for start, end in names.spans(word):
            yield Hit(start, end, f"'{word}' is a rare spelling; did you mean '{best}', a "
                      f"frequent name?", suggestions=[best], judged=(word,))
