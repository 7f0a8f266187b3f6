"""What a rule reports (:class:`Hit`) and what the engine emits (:class:`Finding`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``source[offset:end_offset]`` with ``replacement``."""

    offset: int
    end_offset: int
    replacement: str


@dataclass(slots=True)
class Hit:
    """A rule's report: a span of the file (0-based offsets, end exclusive) and a message.

    ``code`` is filled by the engine from the rule unless the rule emits several codes
    (grammar engines keep the engine's rule id).
    """

    offset: int
    end_offset: int
    message: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    code: str | None = None
    severity: str | None = None
    rule: str | None = None
    related: list[dict] | None = None  # other places the finding refers to (a source line)
    #: The words whose spelling or form the finding judges (a glued word, a name, a
    #: misspelling): the run drops the finding when it writes one of them as code
    #: elsewhere (:mod:`lint.identifiers`).
    judged: tuple[str, ...] = ()


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    code: str
    rule: str
    severity: str
    message: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    related: list[dict] | None = None  # e.g. the source line of a translation finding
    #: In a table (JSONL, CSV, Parquet...): the record's id; positions are inside its text.
    record: str | None = None
    #: The record's ordinal in its table (output order); 0 for a whole file.
    record_index: int = 0
    #: The words it judges (see :attr:`Hit.judged`); not part of any report.
    judged: tuple[str, ...] = ()

    def sort_key(self):
        return (self.path, self.record_index, self.offset, self.end_offset, self.code)

    @property
    def where(self) -> str:
        """``path`` or ``path[record]``, as reports name the place."""
        return self.path if self.record is None else f"{self.path}[{self.record}]"

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.fix is None:
            data.pop("fix")
        if not self.related:
            data.pop("related")
        data.pop("record_index")
        data.pop("judged")
        if self.record is None:
            data.pop("record")
        return data
