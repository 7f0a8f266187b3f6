"""Lint on a Dask cluster (``dask.distributed``): the same units as a local run, sent to the
cluster's workers, their findings taken back in unit order.

Each unit is a pure task (its text in, its findings out), submitted with ``pure=False`` so two
equal units are two tasks; the run plan goes to every worker once (``scatter``). When a worker
dies, the scheduler runs its tasks again elsewhere; results are taken from the futures in
submission order, so a retried unit is neither lost nor counted twice. At most
``IN_FLIGHT_PER_THREAD`` units per worker thread are in flight, so the main process holds a
few batches of text, not the corpus.

The corpus rules' data never comes back to the main process: each unit's task returns its
findings to the client and keeps the unit's :class:`lint.corpus_state.CorpusState` on the
cluster, where the states are merged pairwise in a tree (the order of the units kept) and the
last task runs the reduces. The client receives the findings of each unit and, at the end, the
corpus rules' findings, and holds at most one state future per level of the tree.

Dask's workers sample their threads' stacks every 10 ms by default (the profile in the
dashboard); on this workload that costs about a quarter of the workers' CPU. The cluster is the
user's, so mtlint does not switch it off; it says so once when a run starts.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator

IN_FLIGHT_PER_THREAD = 4
#: How long to try to reach the scheduler.
CONNECT_TIMEOUT = "20s"
PROFILER_NOTE = ("mtlint: note: the Dask workers run Dask's sampling profiler, which costs "
                 "this workload about a quarter of their CPU; start them with "
                 "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False to save it\n")


class DaskUnavailable(Exception):
    pass


def _client(address):
    try:
        from distributed import Client
    except ImportError:
        raise DaskUnavailable("--dask-scheduler needs dask.distributed "
                              "(pip install 'mtlint[dask]')") from None
    try:
        return Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except OSError as exc:  # refused, timed out
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None


class DaskRun:
    """A run on the cluster at ``address``: :meth:`map` lints units and yields their results
    (without corpus data) in order; the units' corpus states are merged on the workers as a
    tree; :meth:`finish` runs the reduces on a worker and returns the corpus findings."""

    def __init__(self, address, plan, *, prunable: bool = True):
        self.client = _client(address)
        self.plan_ref = self.client.scatter(plan, broadcast=True, hash=False)
        self.prunable = prunable
        self.stack: list = []  # (level, future of a merged state), earliest units first
        if any(self.client.run(_profiling).values()):
            sys.stderr.write(PROFILER_NOTE)

    def map(self, units: Iterable) -> Iterator:
        client = self.client
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * IN_FLIGHT_PER_THREAD)
        pending: deque = deque()
        for unit in units:
            both = client.submit(_lint_parts, unit, self.plan_ref, self.prunable, pure=False)
            pending.append(client.submit(_findings_part, both, pure=False))
            self._push(client.submit(_state_part, both, pure=False))
            del both  # its two parts keep it as long as they need it
            while len(pending) >= limit:
                yield self._take(pending.popleft())
        while pending:
            yield self._take(pending.popleft())

    @staticmethod
    def _take(future):
        result = future.result()
        future.release()
        return result

    def _push(self, state) -> None:
        """Add a unit's state: two states of the same level merge into one of the next
        (a binary counter), so the merges form a balanced tree in unit order."""
        level = 0
        while self.stack and self.stack[-1][0] == level:
            _, left = self.stack.pop()
            state = self.client.submit(_merge_states, left, state, pure=False)
            level += 1
        self.stack.append((level, state))

    def finish(self, fallback) -> list:
        """The corpus findings, reduced on a worker; ``fallback(state)`` gets the merged
        state here when the reduce needs the inputs read again (a summary let data go)."""
        from rules.names_summary import NeedOccurrences

        if not self.stack:
            return []
        state = self.stack.pop()[1]
        while self.stack:
            state = self.client.submit(_merge_states, self.stack.pop()[1], state, pure=False)
        try:
            return self.client.submit(_finish_state, state, self.plan_ref, pure=False).result()
        except NeedOccurrences:
            return fallback(state.result())

    def close(self) -> None:
        self.stack = []
        self.client.close()


# -- on the workers --------------------------------------------------------------------------
def _profiling(dask_worker) -> bool:
    """Whether this worker runs Dask's sampling profiler (``client.run`` passes the worker)."""
    return "profile" in dask_worker.periodic_callbacks


_WARM = False  # this worker process has loaded the rules' data


def _warm_worker(plan) -> None:
    """Once per worker process, what a local run does before it forks its workers."""
    global _WARM
    if not _WARM:
        from lint.runner import warm_and_freeze

        warm_and_freeze(plan)
        _WARM = True


def _lint_parts(unit, plan, prunable: bool):
    """A unit's result without its corpus data, and its corpus state."""
    from dataclasses import replace

    from lint.chunking import lint_unit
    from lint.corpus_state import CorpusState
    from lint.registry import all_rules

    _warm_worker(plan)
    result = lint_unit(unit, plan)
    state = CorpusState(prunable=prunable)
    state.add_unit(result, all_rules())
    result.results = [replace(res, corpus={}, line_starts=None, suppressions=None)
                      for res in result.results]
    return result, state


def _findings_part(both):
    return both[0]


def _state_part(both):
    return both[1]


def _merge_states(left, right):
    """``left`` followed by ``right``, as a new state: Dask keeps a task's inputs in the
    worker's memory and runs the task again when a worker dies, so a merge into ``left`` in
    place would count the same documents twice on a retry."""
    from lint.registry import all_rules

    return left.merge(right, all_rules())


def _finish_state(state, plan) -> list:
    return state.copy().finish(plan)  # finish compacts: its input may be used again
