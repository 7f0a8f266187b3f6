"""The corpus rules' data of a run, mergeable: what the cross-file reduce needs, and nothing else.

A :class:`CorpusState` holds, per corpus rule, the collect data of the documents seen so far
(merged by the rule's ``combine`` step, so it grows with the run's vocabulary, not with its
text), and, for the documents a reduce may still report in, what a finding needs: the line
starts, the record and the suppressions. ``a.merge(b)`` (``b``'s documents after ``a``'s) is
associative, so a local run adds each unit's documents as they arrive and a Dask run merges
the units' states pairwise on the workers, in a tree; :meth:`CorpusState.finish` runs the
reduces and returns the findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A corpus rule with a ``combine`` step has its documents' data merged whenever this many
#: have arrived, so the state keeps merged data, not every document's.
COMBINE_EVERY = 4096


@dataclass
class KeptDoc:
    """What a finding in one document needs besides its hit."""

    path: str
    record: str | None
    index: int
    line_starts: list[int] | None
    suppressions: object | None  # lint.suppress.Suppressions with directives, or None


@dataclass
class CorpusState:
    items: dict[str, list] = field(default_factory=dict)  # code -> [(key, data)] in run order
    docs: dict[str, KeptDoc] = field(default_factory=dict)  # key -> what its findings need
    directives: list = field(default_factory=list)  # FileResults with directives (for M001)
    pending: int = 0  # documents added since the last combine
    docs_limit: int = COMBINE_EVERY  # forget unreferenced documents past this many
    prunable: bool = True  # summaries may let data go (the inputs can be read again)

    # -- building ---------------------------------------------------------------------------
    def add_unit(self, unit_result, rules) -> None:
        """Add the documents of one unit (a :class:`lint.chunking.UnitResult`)."""
        for res, rec in zip(unit_result.results, unit_result.records, strict=True):
            if res.error:
                continue
            key = res.path if rec is None else f"{res.path}#{rec[0]}"
            if res.corpus:
                for code, data in res.corpus.items():
                    self.items.setdefault(code, []).append((key, data))
                sup = res.suppressions
                self.docs[key] = KeptDoc(res.path, rec and rec[0], rec[1] if rec else 0,
                                         res.line_starts,
                                         sup if sup is not None and sup.directives else None)
                self.pending += 1
            if res.suppressions is not None and res.suppressions.directives:
                self.directives.append(res)
        if self.pending >= COMBINE_EVERY:
            self.compact(rules)

    def copy(self) -> CorpusState:
        """A copy that ``compact`` and ``finish`` can change without touching this state:
        its containers are copied; the rules' data is shared, as compacting builds new data
        and never changes what it combines."""
        return CorpusState({code: list(entries) for code, entries in self.items.items()},
                           dict(self.docs), list(self.directives), self.pending,
                           self.docs_limit, self.prunable)

    def merge(self, other: CorpusState, rules) -> CorpusState:
        """``self`` followed by ``other``, as a new state; neither is changed (Dask runs a
        merge again on the inputs it keeps when a worker dies). The rules' data is combined
        when ``COMBINE_EVERY`` documents have come in since it last was, as in a local run,
        not at every merge of the tree."""
        items = {code: list(entries) for code, entries in self.items.items()}
        for code, entries in other.items.items():
            items.setdefault(code, []).extend(entries)
        out = CorpusState(items, {**self.docs, **other.docs},
                          self.directives + other.directives,
                          self.pending + other.pending + 1,  # merged summaries: combine again
                          max(self.docs_limit, other.docs_limit),
                          self.prunable and other.prunable)
        if out.pending >= COMBINE_EVERY:
            out.compact(rules)
        return out

    def compact(self, rules) -> None:
        """Combine each rule's items; forget the documents no reduce can report in. The
        combined data is new (a combine step never changes the data it is given), so a
        state shares nothing it changes with the states it was merged from."""
        self.pending = 0
        all_combine = True
        for code, items in self.items.items():
            combine = rules[code].combine
            if combine is None:
                all_combine = False
                continue
            if len(items) > 1:
                items = self.items[code] = combine(items)
                if self.prunable:
                    for _, data in items:
                        if hasattr(data, "prune"):
                            data.prune()
        if all_combine and len(self.docs) > self.docs_limit:
            live = self.live_keys()
            self.docs = {k: v for k, v in self.docs.items() if k in live}
            self.docs_limit = max(COMBINE_EVERY, 2 * len(self.docs))

    def live_keys(self) -> set[str]:
        live = set()
        for items in self.items.values():
            for key, data in items:
                live.add(key)
                if hasattr(data, "doc_keys"):
                    live.update(data.doc_keys())
        return live

    # -- the reduce -------------------------------------------------------------------------
    def finish(self, plan) -> list:
        """The corpus rules' findings and, when selected, the unused suppressions (M001),
        sorted. Raises :class:`rules.names_summary.NeedOccurrences` when a summary let go of
        data the reduce needs (see :func:`lint.stream.run_units`)."""
        from lint.finding import Finding
        from lint.registry import all_rules
        from lint.runner import UNUSED_SUPPRESSION, _positioner, _selection_for, make_finding
        from rules.names_summary import NeedOccurrences

        rules = all_rules()
        self.compact(rules)  # one summary per rule, not a summary and the last documents
        found = []
        for code, rule in rules.items():
            if not rule.is_corpus or code not in self.items:
                continue
            items = self.items[code]
            args = (items, plan.ctx) if rule.wants_ctx else (items,)
            try:
                reduced = rule.reduce(*args)
            except NeedOccurrences as need:
                need.code = code
                raise
            for key, hit in reduced:
                doc = self.docs[key]
                if not _selection_for(plan, doc.path).allows(rule.code, rule.default):
                    continue
                if doc.suppressions is not None and doc.suppressions.suppresses(code,
                                                                                hit.offset):
                    continue
                f = make_finding(doc.path, _positioner(doc.line_starts or [0]), rule.code,
                                 rule.name, plan.severity.get(rule.code, rule.severity), hit)
                f.record, f.record_index = doc.record, doc.index
                found.append(f)
        if plan.selection.allows(UNUSED_SUPPRESSION, False):
            found.extend(_unused(self.directives, plan))
        found.sort(key=Finding.sort_key)
        return found

    def restore(self, code: str, words, unit_results) -> None:
        """Give the summary of rule ``code`` back the data it let go of for ``words``, from
        a second reading of the run (its units' results, in run order, read as a stream)."""

        summary = next(data for _, data in self.items[code] if hasattr(data, "restore"))

        def items():
            for unit_result in unit_results:
                for res, rec in zip(unit_result.results, unit_result.records, strict=True):
                    if res.error or code not in res.corpus:
                        continue
                    key = res.path if rec is None else f"{res.path}#{rec[0]}"
                    data = res.corpus[code]
                    if key not in self.docs and summary.wants(data, words):
                        sup = res.suppressions
                        self.docs[key] = KeptDoc(res.path, rec and rec[0],
                                                 rec[1] if rec else 0, res.line_starts,
                                                 sup if sup is not None and sup.directives
                                                 else None)
                    yield key, data

        summary.restore(words, items())


def _unused(results, plan):
    from lint.finding import Hit
    from lint.runner import UNUSED_SUPPRESSION, _positioner, make_finding

    for res in results:
        for d in res.suppressions.unused():
            codes = ",".join(d.codes) or "all rules"
            hit = Hit(d.offset, d.end_offset, f"Suppression of {codes} suppressed nothing.")
            f = make_finding(res.path, _positioner(res.line_starts), UNUSED_SUPPRESSION,
                             "unused-suppression",
                             plan.severity.get(UNUSED_SUPPRESSION, "info"), hit)
            yield f
