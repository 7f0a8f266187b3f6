"""N002's data for a set of documents: a summary that merges in run order.

The reduce of N002 (a name spelled differently in other files) needs, for every name of a
run, how often and in how many documents it is used, the names standing next to it, and where
it first occurs; and, for a spelling it may flag, the documents it occurs in and where.
:class:`NameSummary` keeps exactly that: per name (so it grows with the vocabulary, not with
the text) and, for the rarer spellings N002 may flag, their occurrences. Two summaries merge
(``a.merge(b)`` when ``b``'s documents come after ``a``'s) associatively, so a run folds its
documents' data as it arrives and a cluster merges it pairwise in a tree.

A spelling used in many documents keeps its occurrences only while a similar spelling is used
in as many documents or more (the only way it can become the minority spelling): over a budget,
the others are let go (:meth:`NameSummary.prune`). Should one of them be flagged after all (a
similar spelling overtook it later in the run), the reduce raises :class:`NeedOccurrences` and
the run reads the inputs again for those spellings only (:meth:`NameSummary.restore`).
"""

from __future__ import annotations

#: First documents kept per name: N002 names the first one, and when two spellings are used
#: in as few documents as each other (at most two each) it reports both.
FEW = 2
#: A spelling used in more documents than this may have its occurrences let go (see prune).
KEEP_OCCURRENCES = 8
#: Occurrences kept before the summary prunes (then twice what is left).
OCCURRENCE_BUDGET = 20_000


class NeedOccurrences(Exception):  # noqa: N818 - a request, not an error
    """The reduce needs the occurrences of spellings a summary let go."""

    def __init__(self, words):
        super().__init__(sorted(words))
        self.words = frozenset(words)
        self.code = "N002"  # the rule whose summary let them go (set by the caller)


class NameSummary:
    """Names of documents ``add``-ed (or ``merge``-d) in run order."""

    __slots__ = ("total", "files", "few", "left", "right", "occ", "dropped", "n_occ",
                 "budget")

    def __init__(self):
        self.total: dict[str, int] = {}  # name -> occurrences in all documents
        self.files: dict[str, int] = {}  # name -> documents using it
        self.few: dict[str, list] = {}  # name -> [(key, first offset, its line)], first FEW
        self.left: dict[str, set] = {}  # name -> names just before it, in any document
        self.right: dict[str, set] = {}  # name -> names just after it
        # a spelling N002 may flag -> [(key, spans, similar names in that document, line of
        # the first span)] in run order
        self.occ: dict[str, list] = {}
        self.dropped: set[str] = set()  # spellings whose occurrences were let go
        self.n_occ = 0
        self.budget = OCCURRENCE_BUDGET

    def copy(self) -> NameSummary:
        """A copy that ``add``, ``merge`` and ``prune`` can change without touching this one
        (their containers are copied, the entries in them are never changed)."""
        out = NameSummary.__new__(NameSummary)
        out.total, out.files = dict(self.total), dict(self.files)
        out.few = {w: list(v) for w, v in self.few.items()}
        out.left = {w: set(v) for w, v in self.left.items()}
        out.right = {w: set(v) for w, v in self.right.items()}
        out.occ = {w: list(v) for w, v in self.occ.items()}
        out.dropped = set(self.dropped)
        out.n_occ, out.budget = self.n_occ, self.budget
        return out

    # -- building ---------------------------------------------------------------------------
    def add(self, key: str, data) -> None:
        """Add one document's collect data (see ``NameVariantAcrossFiles.collect``)."""
        counts, left, right, firsts, occ = data
        total, files, few = self.total, self.files, self.few
        for w, c in counts.items():
            if w in total:
                total[w] += c
                files[w] += 1
                f = few[w]
                if len(f) < FEW:
                    f.append((key, *firsts[w]))
            else:
                total[w] = c
                files[w] = 1
                few[w] = [(key, *firsts[w])]
        _union(self.left, left)
        _union(self.right, right)
        for w, (spans, near) in occ.items():
            if w in self.dropped:
                continue
            entry = (key, spans, near, firsts[w][1])
            if w in self.occ:
                self.occ[w].append(entry)
            else:
                self.occ[w] = [entry]
            self.n_occ += 1

    def merge(self, other: NameSummary) -> NameSummary:
        """``self`` followed by ``other`` (``other``'s documents come later in the run)."""
        total, files, few = self.total, self.files, self.few
        for w, c in other.total.items():
            if w in total:
                total[w] += c
                files[w] += other.files[w]
                if len(few[w]) < FEW:
                    few[w] = (few[w] + other.few[w])[:FEW]
            else:
                total[w] = c
                files[w] = other.files[w]
                few[w] = list(other.few[w])
        _union(self.left, other.left)
        _union(self.right, other.right)
        for w in other.dropped - self.dropped:
            self.n_occ -= len(self.occ.pop(w, ()))
        self.dropped |= other.dropped
        for w, entries in other.occ.items():
            if w in self.dropped:
                continue
            if w in self.occ:
                self.occ[w].extend(entries)
            else:
                self.occ[w] = list(entries)
            self.n_occ += len(entries)
        self.budget = max(self.budget, other.budget)
        return self

    @classmethod
    def of(cls, items, *, keep: bool = False) -> NameSummary:
        """One summary of ``[(key, data or summary), ...]`` in order, new: the summaries
        among ``items`` are left as they are (a state merged on Dask may be merged again).
        With ``keep``, a single summary is returned as it is (the reduce only reads it)."""
        out = None
        if keep and len(items) > 1:
            out = cls()
        for key, data in items:
            if isinstance(data, NameSummary):
                if out is None:
                    out = data if keep else data.copy()
                else:
                    out.merge(data)
            else:
                if out is None:
                    out = cls()
                out.add(key, data)
        return out if out is not None else cls()

    def prune(self) -> None:
        """Over the budget, let go of the occurrences of spellings used in more than
        KEEP_OCCURRENCES documents with no similar spelling used in as many documents: such
        a spelling is the majority one, or one N002 leaves alone as established."""
        if self.n_occ <= self.budget:
            return
        from rules.names import _pairs

        files = self.files
        big = [w for w, entries in self.occ.items() if len(entries) > KEEP_OCCURRENCES]
        if big:
            keep = set()
            for a, b in _pairs(big, files):
                if files[b] >= files[a]:
                    keep.add(a)
                if files[a] >= files[b]:
                    keep.add(b)
            for w in big:
                if w not in keep:
                    self.n_occ -= len(self.occ.pop(w))
                    self.dropped.add(w)
        self.budget = max(self.budget, 2 * self.n_occ)

    def restore(self, words, items) -> None:
        """Give back the occurrences of ``words`` (let go before) from the collect data of
        every document of the run, in run order (a second reading of the inputs)."""
        words = set(words)
        got: dict[str, list] = {w: [] for w in words}
        for key, data in items:
            _, _, _, firsts, occ = data
            for w in words.intersection(occ):
                spans, near = occ[w]
                got[w].append((key, spans, near, firsts[w][1]))
        for w, entries in got.items():
            self.occ[w] = entries
            self.n_occ += len(entries)
        self.dropped -= words

    @staticmethod
    def wants(data, words) -> bool:
        """Does one document's collect data hold an occurrence of one of ``words``?"""
        return not words.isdisjoint(data[4])

    # -- reading ----------------------------------------------------------------------------
    def doc_keys(self) -> set[str]:
        """The documents a reduce of this summary may report in (the others need not be
        remembered): every occurrence kept, and the first documents of a name used in at
        most FEW documents (N002 reports at both spellings when neither is the majority)."""
        keys = {e[0] for entries in self.occ.values() for e in entries}
        files = self.files
        for w, entries in self.few.items():
            if files[w] <= FEW:
                keys.update(e[0] for e in entries)
        return keys

    def context(self, word: str) -> tuple[set, set]:
        """Names left and right of ``word`` in any document."""
        return self.left.get(word, _NONE), self.right.get(word, _NONE)


_NONE: frozenset = frozenset()


def _union(into: dict[str, set], more: dict) -> None:
    for w, names in more.items():
        got = into.get(w)
        if got is None:
            into[w] = set(names)
        else:
            got.update(names)
