"""Garbled fragments: doubled words, glued words, lost sentence boundaries, mangled tokens."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.document import Document
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.data import word_list

_DOUBLED_RE = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\p{L}\p{N}'’])",
                            regex.IGNORECASE)


@rule(code="G001", name="doubled-word", family="garbled", severity="warning")
def doubled_word(doc: Document) -> Iterator[Hit]:
    """Flags a word written twice in a row (``the committee said that the the plan``).

    ## What it flags
    The same word twice in a row, separated only by spaces or a line break: `the the`,
    `to to`, `and And`.

    ## Why it matters
    Machine translation and paste-over editing leave doubled words behind, and the eye skips
    them when proofreading.

    ## Example
    ```
    The minister said the the plan would be ready in May.
    ```

    ## Fix
    Delete the second word: `The minister said the plan would be ready in May.` A fix is
    offered.

    ## Leaves alone
    Doubles that are grammatical (`he said that that was wrong`, `she had had enough`,
    `what it is is a mess`), reduplications (`bye bye`, `so so`), capitalised pairs that are
    names (`Duran Duran`, `Bora Bora`), and words joined by punctuation (`the, the`).
    """
    allowed = word_list("doubled_ok")
    for seg in doc.segments:
        for m in _DOUBLED_RE.finditer(seg.text):
            first, second = m.group(1), m.group(3)
            if first.lower() in allowed:
                continue
            if first[0].isupper() and second[0].isupper():
                continue  # Duran Duran, Bora Bora
            if first.isupper() and len(first) > 1:
                continue  # acronyms in lists, "AA AA"
            start, end = seg.source_span(m.start(2), m.end(3))
            yield Hit(
                *seg.source_span(m.start(1), m.end(3)),
                message=f"Doubled word: '{first} {second}'.",
                suggestions=[first],
                fix=Fix(start, end, ""),
            )
