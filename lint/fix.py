"""Apply findings' fixes to files, atomically (temporary file + rename), and only when safe.

A file is written only when its text is still the text that was linted (its digest is
compared when the file is read again, and its bytes once more right before the atomic
replace); otherwise it is skipped with a note. A symbolic link is followed: the target is
fixed and the link kept. Each fix must pass :func:`lint.fixcheck.fix_is_local` (the
document re-read after the fix has the same segments outside the fixed span), or it is not
applied. ``--diff`` shows the same changes as a unified diff and writes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from lint.atomic import replace_file
from lint.textdecode import encode_like


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


@dataclass
class FixReport:
    applied: list = field(default_factory=list)  # findings whose fix was written (or shown)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files skipped, fixes held back
    changed: list[tuple[str, list]] = field(default_factory=list)  # (path, findings) per file
    diffs: list[str] = field(default_factory=list)


def apply_fixes(findings, real_paths: dict[str, str | None], digests=None, *,
                write: bool = True) -> FixReport:
    """Apply the findings' fixes to their files (``write=False``: only the diffs).

    Overlapping fixes are applied one per span (the earliest), so a second ``--fix`` run may
    apply more; text read from stdin is never written. ``digests`` maps a path to the digest
    of the text that was linted (:attr:`lint.runner.RunResult.digests`): a file whose text
    differs now is skipped.
    """
    import difflib

    from lint.digest import content_digest
    from lint.fixcheck import fix_is_local
    from lint.readers import format_for, read_document
    from lint.runner import InputError, decode

    digests = digests or {}
    by_path: dict[str, list] = {}
    for f in findings:
        if f.fix is not None and real_paths.get(f.path):
            by_path.setdefault(f.path, []).append(f)
    report = FixReport()
    for path, fixable in sorted(by_path.items()):
        target = os.path.realpath(real_paths[path])  # a link: fix its target, keep the link
        try:
            with open(target, "rb") as fh:
                data = fh.read()
            source = decode(path, data)
        except InputError as exc:
            report.errors.append(f"{path}: cannot apply fixes: {exc}")
            continue
        except OSError as exc:
            report.errors.append(f"{path}: cannot apply fixes: {exc.strerror}")
            continue
        fmt = format_for(path)
        expected = digests.get(path)
        if expected is None or content_digest(source, fmt) != expected:
            report.notes.append(f"{path}: changed since it was linted; no fixes applied "
                                "(run mtlint again)")
            continue
        doc = read_document(path, source, fmt)
        local = [f for f in fixable if fix_is_local(doc, f.fix)]
        held = len(fixable) - len(local)
        if held:
            report.notes.append(f"{path}: {held} fix{'es' if held != 1 else ''} not applied: "
                                "it would change the document's structure")
        text, chosen = apply_to_text(source, [f.fix for f in local])
        if not chosen or text == source:
            continue
        chosen_ids = {id(fix) for fix in chosen}
        done = [f for f in local if id(f.fix) in chosen_ids]
        if not write:
            report.diffs.append("".join(difflib.unified_diff(
                source.splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}")))
        else:
            try:
                _replace_if_unchanged(target, data, encode_like(text, data))
            except _Changed:
                report.notes.append(f"{path}: changed while fixing; no fixes applied "
                                    "(run mtlint again)")
                continue
            except OSError as exc:
                report.errors.append(f"{path}: cannot apply fixes: {exc.strerror or exc}")
                continue
        report.applied.extend(done)
        report.changed.append((path, done))
    return report


class _Changed(Exception):
    pass


def _replace_if_unchanged(path: str, read: bytes, new: bytes) -> None:
    """Replace ``path`` by ``new`` unless its bytes differ from ``read`` now (another program
    wrote it meanwhile): compared right before the atomic replace, keeping its mode."""
    st = os.stat(path)
    with open(path, "rb") as fh:
        if fh.read() != read:
            raise _Changed
    replace_file(path, new, mode=st.st_mode & 0o7777)


def summary_line(path: str, done: list) -> str:
    """``path: 2 fixes (G001 ×1, E002 ×1)``."""
    from collections import Counter

    counts = Counter(f.code for f in done)
    parts = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))
    n = len(done)
    return f"{path}: {n} fix{'es' if n != 1 else ''} ({parts})"
