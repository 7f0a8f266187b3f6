import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """Run ``mtlint`` in-process; returns (exit code, stdout, stderr)."""
    from lint.cli import main

    def run(*args, stdin: bytes | None = None):
        if stdin is not None:
            import io

            class _Stdin:
                buffer = io.BytesIO(stdin)

            monkeypatch.setattr(sys, "stdin", _Stdin())
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Tests run in an empty directory so no project config is picked up."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
