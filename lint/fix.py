"""Apply findings' fixes to files, atomically (temporary file + rename)."""

from __future__ import annotations

import os

from lint.atomic import replace_file


def apply_to_text(text: str, fixes) -> tuple[str, list]:
    """``text`` with the non-overlapping ``fixes`` applied (earlier ones win), and those fixes."""
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
    return "".join(out), chosen


def write_atomically(path: str, text: str, *, had_bom: bool) -> None:
    """Write ``text`` back to ``path`` as it was encoded (UTF-8, a BOM if it had one; line
    ends as they are in ``text``), keeping the file's permissions."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = None
    replace_file(path, text.encode("utf-8-sig" if had_bom else "utf-8"), mode=mode)


def apply_fixes(findings, real_paths: dict[str, str | None]) -> tuple[list, list[str]]:
    """Apply the findings' fixes to their files.

    Returns the findings whose fix was written, and error messages. Overlapping fixes are
    applied one per span (the earliest), so a second ``--fix`` run may apply more; text read
    from stdin is never written.
    """
    from lint.runner import InputError, read_source

    by_path: dict[str, list] = {}
    for f in findings:
        if f.fix is not None and real_paths.get(f.path):
            by_path.setdefault(f.path, []).append(f)
    applied, errors = [], []
    for path, fixable in sorted(by_path.items()):
        real = real_paths[path]
        try:
            source = read_source(real)
            with open(real, "rb") as fh:
                had_bom = fh.read(3) == b"\xef\xbb\xbf"
            text, chosen = apply_to_text(source, [f.fix for f in fixable])
            write_atomically(real, text, had_bom=had_bom)
        except (InputError, OSError) as exc:
            errors.append(f"{path}: cannot apply fixes: {exc}")
            continue
        chosen_ids = {id(fix) for fix in chosen}
        applied.extend(f for f in fixable if id(f.fix) in chosen_ids)
    return applied, errors
