"""Apply findings' fixes to files, atomically (temporary file + rename)."""

from __future__ import annotations

import os
import tempfile


def apply_to_text(text: str, fixes) -> tuple[str, int]:
    """``text`` with the non-overlapping ``fixes`` applied (earlier ones win)."""
    chosen, last_end = [], -1
    for fix in sorted(fixes, key=lambda f: (f.offset, f.end_offset)):
        if fix.offset >= last_end:
            chosen.append(fix)
            last_end = max(fix.end_offset, fix.offset + 1)
    out, pos = [], 0
    for fix in chosen:
        out.append(text[pos:fix.offset])
        out.append(fix.replacement)
        pos = fix.end_offset
    out.append(text[pos:])
    return "".join(out), len(chosen)


def write_atomically(path: str, text: str, *, had_bom: bool) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".mtlint-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if had_bom else "utf-8", newline="") as fh:
            fh.write(text)
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def apply_fixes(findings, real_paths: dict[str, str | None]) -> tuple[int, list[str]]:
    """Apply every fix in ``findings``; returns (fixes applied, error messages)."""
    from lint.runner import InputError, read_source

    by_path: dict[str, list] = {}
    for f in findings:
        if f.fix is not None:
            by_path.setdefault(f.path, []).append(f.fix)
    applied, errors = 0, []
    for path, fixes in sorted(by_path.items()):
        real = real_paths.get(path)
        if real is None:
            continue  # stdin: nothing to write back
        try:
            source = read_source(real)
            with open(real, "rb") as fh:
                had_bom = fh.read(3) == b"\xef\xbb\xbf"
            text, n = apply_to_text(source, fixes)
            write_atomically(real, text, had_bom=had_bom)
            applied += n
        except (InputError, OSError) as exc:
            errors.append(f"{path}: cannot apply fixes: {exc}")
    return applied, errors
