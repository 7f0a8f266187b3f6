"""The Python API for pipelines: lint texts held in memory (a DataFrame column, a bag of
records) without files.

``check_texts(texts)`` treats the texts of one call as the records of one table: each is a
document of its own, and the cross-file rules (N002, N003, G006) compare the texts of the call
with each other. In a Dask DataFrame or bag, call it once per partition: the comparison is
then within a partition. The result is one list of findings (dicts, as ``--format json``
writes them, without ``path``) per text, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Characters of text linted per unit (the same batching as a table).
BATCH_CHARS = 1 << 20


def check_texts(texts: Iterable[str | None], *, select=None, ignore=(), extend_select=(),
                config: str | None = None, workers: int = 1,
                dask_scheduler: str | None = None) -> list[list[dict]]:
    """Findings for each of ``texts`` (``None`` or ``""`` gives no findings).

    ``select``/``ignore``/``extend_select`` are lists of codes or prefixes as on the command
    line; ``config`` a configuration file to start from (default: the built-in defaults, not
    a file found from the working directory, so a pipeline behaves the same everywhere).
    ``workers`` > 1 lints in that many local processes; ``dask_scheduler`` on a Dask cluster.
    """
    from lint.chunking import RecordsUnit
    from lint.config import Config, load_config
    from lint.runner import build_plan
    from lint.stream import ScaleOptions, run_units

    cfg = load_config(config) if config else Config()
    plan = build_plan(cfg, select=list(select) if select is not None else None,
                      ignore=list(ignore), extend_select=list(extend_select))
    count = 0

    def units():
        nonlocal count
        batch, chars = [], 0
        for i, text in enumerate(texts):
            count = i + 1
            if text is None or text == "":
                continue
            if not isinstance(text, str):
                raise TypeError(f"text {i} is {type(text).__name__}, not str")
            batch.append((str(i), i + 1, text, None))
            chars += len(text)
            if chars >= BATCH_CHARS:
                yield RecordsUnit("", batch)
                batch, chars = [], 0
        if batch:
            yield RecordsUnit("", batch)

    result = run_units([], plan, options=ScaleOptions(dask_scheduler=dask_scheduler),
                       workers=workers, units=units())
    out: list[list[dict]] = [[] for _ in range(count)]
    for f in result.findings:
        data = f.to_dict()
        del data["path"], data["record"]
        out[f.record_index - 1].append(data)
    return out
