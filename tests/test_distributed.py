"""The same run on a Dask cluster: a LocalCluster started here (two worker processes on
loopback) and a scheduler and workers started as separate processes with the ``dask`` CLI, as
a user's cluster would be; a worker killed mid-run loses and duplicates no finding."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("distributed")

from test_chunking import ARTICLE, corpus_text  # noqa: E402
from test_tables import NAMES  # noqa: E402

from lint.config import Config  # noqa: E402
from lint.runner import Job, build_plan  # noqa: E402
from lint.stream import ScaleOptions, run_units  # noqa: E402

BIN = os.path.dirname(sys.executable)


def make_inputs(directory) -> list[str]:
    """A table of 400 records, a plain-text file large enough to be split, a Markdown file."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    records = []
    for i in range(400):
        text = NAMES[i % 2].format(day=days[i % 5])
        if i % 7 == 3:
            text += " The the talks went on."
        if i == 250:
            text = NAMES[2].format(day="Sunday")
        if i % 50 == 10:
            text = ARTICLE
        records.append({"id": f"r{i}", "text": text})
    table = os.path.join(directory, "segments.jsonl")
    with open(table, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    big = os.path.join(directory, "big.txt")
    with open(big, "w", encoding="utf-8", newline="") as fh:
        fh.write(corpus_text(8))
    md = os.path.join(directory, "page.md")
    with open(md, "w", encoding="utf-8") as fh:
        fh.write("# Page\n\nThe council said the the vote was close.\n")
    return [table, big, md]


OPTIONS = dict(chunk_chars=2000, batch_chars=3000)  # about 15 units: a task costs ~0.1 s here


def local_findings(paths):
    plan = build_plan(Config(), select=["ALL"])
    jobs = [Job(p, p) for p in paths]
    result = run_units(jobs, plan, options=ScaleOptions(**OPTIONS), workers=1)
    return [f.to_dict() for f in result.findings]


@pytest.fixture(scope="module")
def cluster():
    """Two workers without Dask's sampling profiler, as docs/corpus-scale.md advises."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as c:
        yield c


def test_local_cluster_gives_the_local_findings(cluster, tmp_path, capsys):
    paths = make_inputs(tmp_path)
    expected = local_findings(paths)
    assert {"N002", "R002", "R003", "N001", "G001"} <= {f["code"] for f in expected}
    plan = build_plan(Config(), select=["ALL"])
    options = ScaleOptions(dask_scheduler=cluster.scheduler_address, **OPTIONS)
    result = run_units([Job(p, p) for p in paths], plan, options=options)
    assert [f.to_dict() for f in result.findings] == expected
    assert "sampling profiler" not in capsys.readouterr().err  # these workers run without it


def test_cross_file_reduce_runs_on_the_workers(cluster, tmp_path, monkeypatch):
    """The corpus states are merged and reduced on the workers: in this (the client's)
    process, building, merging or reducing one fails the run, and the client receives unit
    results without corpus data and, at the end, only the corpus findings."""
    import lint.distributed
    from lint.corpus_state import CorpusState

    paths = make_inputs(tmp_path)
    expected = local_findings(paths)

    def not_here(*args, **kwargs):
        raise AssertionError("the cross-file reduce ran in the client")

    for name in ("add_unit", "merge", "compact", "finish"):
        monkeypatch.setattr(CorpusState, name, not_here)
    received = []
    take = lint.distributed.DaskRun._take

    def spy(future):
        got = take(future)
        received.append(got)
        return got

    monkeypatch.setattr(lint.distributed.DaskRun, "_take", staticmethod(spy))
    plan = build_plan(Config(), select=["ALL"])
    options = ScaleOptions(dask_scheduler=cluster.scheduler_address, **OPTIONS)
    result = run_units([Job(p, p) for p in paths], plan, options=options)
    assert [f.to_dict() for f in result.findings] == expected
    assert received and all(not res.corpus and res.line_starts is None
                            for unit_result in received for res in unit_result.results)
    assert any(f["code"] == "N002" for f in expected)


def test_worker_killed_mid_run(cluster, tmp_path):
    from distributed import Client

    paths = make_inputs(tmp_path)
    expected = local_findings(paths)
    with Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def progress(_):
        if not killed:  # the first unit is done, the others are queued or running
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    plan = build_plan(Config(), select=["ALL"])
    options = ScaleOptions(dask_scheduler=cluster.scheduler_address, **OPTIONS)
    result = run_units([Job(p, p) for p in paths], plan, options=options, progress=progress)
    assert killed
    assert [f.to_dict() for f in result.findings] == expected


def _wait_for(path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path):
            return
        time.sleep(0.2)
    raise TimeoutError(path)


def test_scheduler_and_workers_as_separate_processes(tmp_path):
    paths = make_inputs(tmp_path)
    sched_file = str(tmp_path / "scheduler.json")
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    procs = [subprocess.Popen([os.path.join(BIN, "dask"), "scheduler", "--host", "127.0.0.1",
                               "--port", "0", "--no-dashboard", "--scheduler-file", sched_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        _wait_for(sched_file)
        for _ in range(2):
            procs.append(subprocess.Popen(
                [os.path.join(BIN, "dask"), "worker", "--scheduler-file", sched_file,
                 "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path))
        with open(sched_file) as fh:
            address = json.load(fh)["address"]
        from distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        args = [os.path.join(BIN, "mtlint"), "check", *paths, "--select", "ALL", "--format",
                "json", "--chunk-size", "2000", "--no-cache"]
        local = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path)
        remote = subprocess.run(args + ["--dask-scheduler", address], capture_output=True,
                                text=True, cwd=tmp_path)
        assert remote.returncode == local.returncode == 1, remote.stderr
        assert json.loads(remote.stdout)["findings"] == json.loads(local.stdout)["findings"]
        # these workers run Dask's default sampling profiler: the run says what it costs
        assert remote.stderr.count("sampling profiler") == 1, remote.stderr
        assert len(json.loads(local.stdout)["findings"]) > 50
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def test_missing_scheduler_is_one_line(run_cli, tmp_path, monkeypatch):
    import lint.distributed

    monkeypatch.setattr(lint.distributed, "CONNECT_TIMEOUT", "2s")
    table = make_inputs(tmp_path)[0]
    start = time.monotonic()
    code, _, err = run_cli("check", table, "--dask-scheduler", "tcp://127.0.0.1:9",
                           "--no-progress")
    assert code == 2 and err.startswith("mtlint: error: cannot reach the Dask scheduler")
    assert err.count("\n") == 1
    assert time.monotonic() - start < 30


def test_dataframe_recipe_on_the_cluster(cluster):
    """The documented recipe: a partition-wise filter adding an ``mtlint_findings`` column."""
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd
    from distributed import Client

    import lint

    texts = [NAMES[i % 3].format(day=d) + (" The the end." if i % 4 == 0 else "")
             for i, d in enumerate(["Monday", "Tuesday", "Friday"] * 6)]
    pdf = pd.DataFrame({"id": range(len(texts)), "text": texts})

    def add_findings(part):
        return part.assign(mtlint_findings=lint.check_texts(part["text"], select=["G001"]))

    with Client(cluster.scheduler_address):
        ddf = dd.from_pandas(pdf, npartitions=3)
        meta = pdf.iloc[:0].assign(mtlint_findings=pd.Series(dtype=object))
        out = ddf.map_partitions(add_findings, meta=meta).compute()
    got = [len(fs) for fs in out.sort_values("id")["mtlint_findings"]]
    assert got == [1 if i % 4 == 0 else 0 for i in range(len(texts))]


def test_bag_recipe_on_the_cluster(cluster):
    import dask.bag as db
    from distributed import Client

    import lint

    texts = ["He said the the plan.", "Fine.", "It was was late."] * 4
    with Client(cluster.scheduler_address):
        bag = db.from_sequence(texts, npartitions=3)
        pairs = bag.map_partitions(
            lambda part: list(zip(part, lint.check_texts(part, select=["G001"]),
                                  strict=True))).compute()
    assert [len(f) for _, f in pairs] == [1, 0, 1] * 4


def test_scheduler_from_the_config(run_cli, tmp_path, monkeypatch):
    """``dask-scheduler`` in the configuration sends the run to that scheduler."""
    import lint.distributed

    monkeypatch.setattr(lint.distributed, "CONNECT_TIMEOUT", "2s")
    make_inputs(tmp_path)
    with open("mtlint.toml", "w") as fh:
        fh.write('dask-scheduler = "tcp://127.0.0.1:9"\n')
    code, _, err = run_cli("check", str(tmp_path / "page.md"), "--no-progress")
    assert code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err


def test_merge_task_can_run_again(monkeypatch):
    """Dask runs a merge again on the same inputs when the worker holding its output dies:
    the inputs must come out of the first run unchanged and the second run give the same
    state (an in-place merge counted a name's occurrences twice, a flaky CI failure)."""
    import copy

    import lint.corpus_state
    from lint.chunking import RecordsUnit
    from lint.distributed import _lint_parts, _merge_states

    monkeypatch.setattr(lint.corpus_state, "COMBINE_EVERY", 1)  # every merge combines
    plan = build_plan(Config(), select=["ALL"])
    texts = [NAMES[2 if i == 9 else i % 2].format(day="Monday") for i in range(12)]
    units = [RecordsUnit("t.jsonl", [(f"r{i}", i, texts[i], None) for i in range(j, j + 4)])
             for j in (0, 4, 8)]
    a, b, right = (_lint_parts(u, plan, True)[1] for u in units)
    left = _merge_states(a, b)  # holds merged summaries, which a merge changes in place

    def findings(state):
        return [f.to_dict() for f in copy.deepcopy(state).finish(plan)]

    before = findings(left), findings(right)
    first = findings(_merge_states(left, right))
    assert (findings(left), findings(right)) == before
    assert findings(_merge_states(left, right)) == first
    assert any(f["code"] == "N002" for f in first), first
