"""The integrations run for real: the wheel and sdist install into a fresh virtual environment
and work without the repository; pre-commit installs and runs the hooks of
``.pre-commit-hooks.yaml`` from a git copy of this project; the GitHub Action's shell steps
run as a runner would run them.

These tests install packages (from the configured package index, as a user would), so they
take a minute or two; ``pytest -m "not integration"`` skips them while iterating.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.integration

EXAMPLE = "The minister said the the plan was ready.\n"


def _run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    return subprocess.run(cmd, **kw)


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    out = _run(["git", *args], cwd=cwd, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory):
    """A git repository holding this working tree as it is now (uncommitted edits included),
    as pre-commit and a runner would check it out."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    listed = _run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    dest = tmp_path_factory.mktemp("mtlint-src")
    for rel in filter(None, listed.stdout.split("\0")):
        src = os.path.join(ROOT, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
            shutil.copy2(src, os.path.join(dest, rel))
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


@pytest.fixture(scope="session")
def built(project_copy, tmp_path_factory):
    """``python -m build``: the sdist, and the wheel built from that sdist."""
    pytest.importorskip("build")
    outdir = tmp_path_factory.mktemp("dist")
    out = _run([sys.executable, "-m", "build", "--outdir", str(outdir), str(project_copy)])
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    names = sorted(os.listdir(outdir))
    wheel = [n for n in names if n.endswith(".whl")]
    sdist = [n for n in names if n.endswith(".tar.gz")]
    assert len(wheel) == 1 and len(sdist) == 1, names
    return outdir / wheel[0], outdir / sdist[0]


@pytest.fixture(scope="session")
def runner_temp(built, tmp_path_factory):
    """A runner's temporary folder with ``mtlint-venv``: a fresh virtual environment where
    the wheel is installed (what ``pip install mtlint`` gives a user)."""
    temp = tmp_path_factory.mktemp("runner-temp")
    venv = temp / "mtlint-venv"
    assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    out = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                "--disable-pip-version-check", str(built[0])])
    assert out.returncode == 0, out.stderr[-3000:]
    return temp


def test_wheel_installs_and_runs_without_the_repository(built, runner_temp, tmp_path):
    import tarfile
    import zipfile

    wheel, sdist = built
    members = zipfile.ZipFile(wheel).namelist()
    assert "lint/cli.py" in members and any(m.startswith("rules/data/") for m in members)
    assert not any(m.startswith(("tests/", "bench/", "examples/")) for m in members)
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("/README.md") for n in names)
    assert any(n.endswith("/examples/article.md") for n in names)

    mtlint = str(runner_temp / "mtlint-venv" / "bin" / "mtlint")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "a.md").write_text(EXAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    version = _run([mtlint, "--version"], cwd=work, env=env)
    assert version.returncode == 0 and version.stdout.startswith("mtlint ")
    out = _run([mtlint, "check", ".", "--format", "text"], cwd=work, env=env)
    assert out.returncode == 1, out.stderr
    assert out.stdout.startswith("a.md:1:19: G001")
    where = _run([str(runner_temp / "mtlint-venv" / "bin" / "python"), "-c",
                  "import lint; print(lint.__file__)"], cwd=work, env=env).stdout
    assert "site-packages" in where and ROOT not in where


def test_pre_commit_runs_both_hooks_from_the_repository(project_copy, tmp_path):
    pytest.importorskip("pre_commit")
    rev = _git("rev-parse", "HEAD", cwd=project_copy)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / "notes.md").write_text(EXAMPLE, encoding="utf-8")
    (repo / "script.py").write_text("x = 'the the'\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {project_copy}\n  rev: {rev}\n  hooks:\n"
        "  - id: mtlint\n  - id: mtlint-fix\n    stages: [manual]\n", encoding="utf-8")
    _git("add", "-A", cwd=repo)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    env.pop("PYTHONPATH", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]

    lint = _run([*pre_commit, "run", "mtlint", "--all-files"], cwd=repo, env=env)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "notes.md:1:19: G001 [warning] Doubled word: 'the the'." in lint.stdout
    assert "script.py" not in lint.stdout  # only prose files reach the hook

    # Installed as a git hook, it stops the commit.
    assert _run([*pre_commit, "install"], cwd=repo, env=env).returncode == 0
    commit = _run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                   "-q", "-m", "add notes"], cwd=repo, env=env)
    assert commit.returncode != 0 and "G001" in commit.stdout + commit.stderr

    fix = _run([*pre_commit, "run", "mtlint-fix", "--hook-stage", "manual", "--all-files"],
               cwd=repo, env=env)
    assert fix.returncode == 1  # files were modified by this hook
    assert (repo / "notes.md").read_text(encoding="utf-8") == EXAMPLE.replace("the the", "the")
    _git("add", "-A", cwd=repo)
    again = _run([*pre_commit, "run", "mtlint", "--all-files"], cwd=repo, env=env)
    assert again.returncode == 0, again.stdout


def _action_steps():
    import yaml

    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as fh:
        action = yaml.safe_load(fh)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "args", "version"}
    return action, {s.get("id"): s for s in action["runs"]["steps"]}


def _expand(value: str, inputs: dict, context: dict) -> str:
    """The `${{ ... }}` expressions the action's env blocks use."""
    import re

    def sub(m):
        name = m.group(1).strip()
        if name.startswith("inputs."):
            return inputs[name[len("inputs."):]]
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", sub, value)


def test_action_steps_install_run_and_write_sarif(project_copy, runner_temp, tmp_path):
    action, steps = _action_steps()
    workspace = tmp_path / "workspace"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "a.md").write_text(EXAMPLE, encoding="utf-8")
    (workspace / "docs" / "b.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    output_file = tmp_path / "github_output"
    output_file.write_text("")
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs.update(paths="docs", args="--select G,Q", python=sys.executable)
    context = {"github.action_path": str(project_copy), "runner.temp": str(runner_temp)}
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    base_env.update(GITHUB_OUTPUT=str(output_file), RUNNER_TEMP=str(runner_temp))

    results = {}
    for step_id in ("install", "run"):
        step = steps[step_id]
        assert step["shell"] == "bash" and "${{" not in step["run"]  # inputs only via env
        env = dict(base_env)
        env.update({k: _expand(str(v), inputs, context) for k, v in step["env"].items()})
        results[step_id] = _run(["bash", "-c", step["run"]], cwd=workspace, env=env)
    assert results["install"].returncode == 0, results["install"].stderr[-3000:]
    assert results["install"].stdout.startswith("mtlint ")
    run = results["run"]
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("::warning file=docs/a.md,line=1,col=19,endLine=1,"
                                 "endColumn=26,title=G001::Doubled word")
    outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines())
    assert outputs["exit-code"] == "1"
    sarif = json.loads(open(outputs["sarif-file"], encoding="utf-8").read())
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["G001"]
    upload = [s for s in action["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert upload and "inputs.sarif" in upload[0]["if"]
