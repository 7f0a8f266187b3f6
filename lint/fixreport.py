"""``--fix`` and ``--diff`` on the command line: apply or show the fixes, say what happened."""

from __future__ import annotations

import sys


def fix_files(result, jobs, *, quiet: bool) -> None:
    """Apply the fixes; per file, what changed (stderr); the fixed findings leave the report,
    files that could not be fixed become errors, and files skipped notes."""
    from lint.fix import apply_fixes, summary_line

    report = apply_fixes(result.findings, {j.path: j.real_path for j in jobs}, result.digests)
    result.errors.extend(report.errors)
    for note in report.notes:
        sys.stderr.write(f"mtlint: warning: {note}\n")
    if report.applied and not quiet:
        for path, done in report.changed:
            sys.stderr.write(f"mtlint: fixed {summary_line(path, done)}\n")
        n = len(report.applied)
        sys.stderr.write(f"mtlint: applied {n} fix{'es' if n != 1 else ''}\n")
    done = {id(f) for f in report.applied}
    result.findings = [f for f in result.findings if id(f) not in done]


def show_diff(result, jobs) -> int:
    """Print the fixes as a unified diff (stdout), write nothing; exit 1 when there is
    something to fix, 2 on errors, else 0."""
    from lint.fix import apply_fixes

    report = apply_fixes(result.findings, {j.path: j.real_path for j in jobs}, result.digests,
                         write=False)
    for diff in report.diffs:
        sys.stdout.write(diff if diff.endswith("\n") else diff + "\n")
    sys.stdout.flush()
    for note in report.notes:
        sys.stderr.write(f"mtlint: warning: {note}\n")
    for message in result.errors + report.errors:
        sys.stderr.write(f"mtlint: error: {message}\n")
    if result.errors or report.errors:
        return 2
    return 1 if report.diffs else 0
