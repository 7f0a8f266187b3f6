"""The text of a run's files, read again in the main process for the features that quote it
(baseline entries, ``--show-fixes``, ``--add-suppression``); reporters never read files."""

from __future__ import annotations


class Sources:
    """``path -> text`` for a run's jobs, each file read at most once (None if unreadable)."""

    def __init__(self, jobs):
        self._jobs = {job.path: job for job in jobs}
        self._texts: dict[str, str | None] = {}

    def paths(self) -> list[str]:
        """The paths of the run's files, as reported (stdin included)."""
        return list(self._jobs)

    def real_path(self, path: str) -> str | None:
        job = self._jobs.get(path)
        return job.real_path if job else None

    def get(self, path: str) -> str | None:
        if path not in self._texts:
            from lint.runner import InputError, read_source

            job = self._jobs.get(path)
            text = None
            if job is not None:
                try:
                    text = job.source if job.source is not None else read_source(job.real_path)
                except (InputError, OSError):
                    text = None
            self._texts[path] = text
        return self._texts[path]

    def flagged(self, finding) -> str:
        text = self.get(finding.path) or ""
        return text[finding.offset:finding.end_offset]


def fix_description(finding, sources: Sources) -> str | None:
    """``"old" -> "new"`` for a finding's fix, or None when it has none."""
    fix = finding.fix
    if fix is None:
        return None
    text = sources.get(finding.path)
    if text is None:
        return None
    old = text[fix.offset:fix.end_offset]
    if fix.replacement == "":
        return f"delete {_quote(old)}"
    return f"{_quote(old)} -> {_quote(fix.replacement)}"


def _quote(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return repr(shown.replace("\r\n", "\n"))
