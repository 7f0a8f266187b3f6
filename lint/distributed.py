"""Lint on a Dask cluster (``dask.distributed``): the same units as a local run, sent to the
cluster's workers, their results taken back in unit order.

Each unit is a pure task (its text in, its findings out), submitted with ``pure=False`` so two
equal units are two tasks; the run plan goes to every worker once (``scatter``). When a worker
dies, the scheduler runs its tasks again elsewhere; results are taken from the futures in
submission order, so a retried unit is neither lost nor counted twice. At most
``IN_FLIGHT_PER_THREAD`` units per worker thread are in flight, so the main process holds a
few batches of text, not the corpus.

The corpus rules' reduce runs in the main process on the compact collect data (as locally).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

IN_FLIGHT_PER_THREAD = 4
#: How long to try to reach the scheduler.
CONNECT_TIMEOUT = "20s"


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


def dask_map(units: Iterable, plan, address) -> Iterator:
    """Unit results in unit order, linted on the cluster at ``address`` (a scheduler address
    such as ``tcp://host:8786``, or a ``Cluster`` object)."""
    from lint.chunking import lint_unit

    client = _client(address)
    try:
        plan_ref = client.scatter(plan, broadcast=True, hash=False)
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * IN_FLIGHT_PER_THREAD)
        pending: deque = deque()
        for unit in units:
            pending.append(client.submit(lint_unit, unit, plan_ref, pure=False))
            while len(pending) >= limit:
                future = pending.popleft()
                yield future.result()
                future.release()
        while pending:
            future = pending.popleft()
            yield future.result()
            future.release()
    finally:
        client.close()
