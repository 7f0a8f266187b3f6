"""A baseline: the findings a repository already had when it adopted mtlint.

``--write-baseline`` records the current findings in a JSON file; ``--baseline FILE`` then
reports only findings that are not in it. An entry identifies a finding by its rule code, its
file (relative to the baseline file's folder) and the flagged text with a little of the text
around it (whitespace collapsed), never by line or offset: edits elsewhere in the file, above
the finding or reflowing its paragraph, leave it matched, and so does an edit on one side of it
(its context on the other side still agrees). An entry that matches nothing in a
file that was linted is *stale* (the finding was fixed) and is reported so the file can be
pruned with ``--write-baseline``. The file is plain JSON, read with ``json`` only.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

FORMAT_VERSION = 1
#: Characters of context kept on each side of the flagged text.
CONTEXT = 32


class BaselineError(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    code: str
    path: str  # relative to the baseline file's folder, with forward slashes
    text: str
    before: str
    after: str

    def to_dict(self) -> dict:
        return {"code": self.code, "path": self.path, "text": self.text,
                "before": self.before, "after": self.after}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _rel_path(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/")


def entry_for(finding, source: str, root: str) -> Entry:
    a, b = finding.offset, finding.end_offset
    before = _collapse(source[max(0, a - 3 * CONTEXT):a])[-CONTEXT:]
    after = _collapse(source[b:b + 3 * CONTEXT])[:CONTEXT]
    return Entry(finding.code, _rel_path(finding.path, root), _collapse(source[a:b]),
                 before, after)


def load(path: str) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"baseline file {path} not found (create it with "
                            f"--write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} is not an mtlint baseline")
    try:
        return [Entry(str(e["code"]), str(e["path"]), str(e["text"]), str(e.get("before", "")),
                      str(e.get("after", ""))) for e in data["findings"]]
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: malformed baseline entry") from None


def write(path: str, entries: list[Entry]) -> None:
    from lint.atomic import replace_file

    entries = sorted(entries, key=lambda e: (e.path, e.code, e.before, e.text, e.after))
    payload = {"version": FORMAT_VERSION, "tool": "mtlint",
               "findings": [e.to_dict() for e in entries]}
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    replace_file(path, text.encode("utf-8"), mode=None)


@dataclass
class Outcome:
    new: list  # findings not in the baseline
    known: int  # findings the baseline holds
    stale: list[Entry]  # entries for linted files that matched no finding


def apply(findings, entries: list[Entry], sources, baseline_path: str) -> Outcome:
    """Split ``findings`` into new ones and baselined ones. Entries are matched one to one (a
    text flagged twice needs two entries): first on the flagged text with its context on both
    sides, then, for what is left, with the context on one side only, so an edit right before
    or right after a known finding keeps it known."""
    root = os.path.dirname(os.path.abspath(baseline_path))
    pending = []  # (finding, its entry or None)
    for f in findings:
        source = sources.get(f.path)
        pending.append((f, entry_for(f, source, root) if source is not None else None))
    matched = [False] * len(pending)
    left = list(entries)
    for key in (lambda e: e, lambda e: (e.code, e.path, e.text, e.before),
                lambda e: (e.code, e.path, e.text, e.after)):
        pool = Counter(key(e) for e in left)
        for i, (_f, entry) in enumerate(pending):
            if not matched[i] and entry is not None and pool[key(entry)] > 0:
                pool[key(entry)] -= 1
                matched[i] = True
        still = []
        for e in left:  # the entries this pass did not use stay for the next one
            if pool[key(e)] > 0:
                pool[key(e)] -= 1
                still.append(e)
        left = still
    new = [f for (f, _e), hit in zip(pending, matched, strict=True) if not hit]
    linted = {_rel_path(p, root) for p in sources.paths()}
    stale = sorted((e for e in left if e.path in linted), key=lambda e: (e.path, e.code, e.text))
    return Outcome(new, len(pending) - len(new), stale)


def record(findings, sources, baseline_path: str) -> list[Entry]:
    """Entries for ``findings``, plus the old entries of files this run did not lint."""
    root = os.path.dirname(os.path.abspath(baseline_path))
    entries = []
    for f in findings:
        source = sources.get(f.path)
        if source is not None:
            entries.append(entry_for(f, source, root))
    if os.path.exists(baseline_path):
        linted = {_rel_path(p, root) for p in sources.paths()}
        for e in load(baseline_path):
            if e.path not in linted and os.path.exists(os.path.join(root, e.path)):
                entries.append(e)
    return entries


def stale_lines(stale: list[Entry]) -> list[str]:
    return [f"{e.path}: {e.code} {e.text!r} is in the baseline but no longer found (fixed)"
            for e in stale]
