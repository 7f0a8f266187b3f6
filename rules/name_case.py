"""One name written two ways in a run by case or spacing alone: `Postgresql` beside
`PostgreSQL`, `Open Search` beside `OpenSearch`."""

from __future__ import annotations

from collections import Counter, defaultdict

from lint import patterns
from lint.document import Document
from lint.finding import Hit
from lint.registry import corpus_rule

#: A word with a capital inside it (`PostgreSQL`, `OpenSearch`, `iPhone`) or a Title-case word.
_WORD_RE = patterns.compile(
    r"(?<![\p{L}\p{N}_.@/\\-])\p{L}[\p{L}\p{N}]{2,}(?![\p{L}\p{N}_@/\\-]|\.\p{L})")
_PAIR_RE = patterns.compile(
    r"(?<![\p{L}\p{N}_.@/\\-])(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)(?![\p{L}\p{N}])")
#: The usual spelling must be this many times more frequent in the run than the variant.
MIN_RATIO = 3
MIN_USUAL = 3
_KINDS = frozenset({"paragraph", "list_item", "blockquote", "caption", "heading", "table_cell"})
_SENTENCE_START_RE = patterns.compile(r"(?:^|[.!?:;]\s+|[\"“‘(\[]\s*)$")


def _inner_capital(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and not word.isupper()


def _spellings(doc: Document) -> list[tuple[str, int, int]]:
    """``(spelling, file start, file end)`` of mixed-case words and Title-case pairs."""
    out = []
    for seg in doc.segments:
        if seg.kind not in _KINDS:
            continue
        text = seg.text
        for m in _WORD_RE.finditer(text):
            w = m.group()
            if w.isupper() or w.islower():
                continue
            if not _inner_capital(w) and _SENTENCE_START_RE.search(text, max(m.start() - 3, 0),
                                                                   m.start()):
                continue  # `Postgresql` opening a sentence may be any word capitalised
            out.append((w, *seg.source_span(*m.span())))
        for m in _PAIR_RE.finditer(text):
            out.append((m.group(1) + " " + m.group(2), *seg.source_span(*m.span())))
    return out


@corpus_rule(code="N007", name="name-case-variant", family="names", default=False)
class NameCaseVariant:
    """Flags a name written with other capitals or spacing than elsewhere in the run.

    ## What it flags
    A spelling that differs from a more frequent one of the run only by case or by a space:
    `Postgresql` where the run writes `PostgreSQL`, `Open Search` where it writes
    `OpenSearch`, `Javascript` beside `JavaScript`. The usual spelling must have a capital
    inside the word, occur at least three times and three times as often as the variant.

    ## Why it matters
    MT and rewriting tools normalise product and project names to ordinary capitalisation;
    the text then names one thing two ways, and search or a glossary check misses one.

    ## Example
    ```
    We migrated to PostgreSQL in 2021. PostgreSQL is fast. PostgreSQL scales.
    Postgresql needs tuning, though.
    ```

    ## Fix
    Write the name as the run usually does (`PostgreSQL`).

    ## Leaves alone
    All-capital forms (`POSTGRESQL` in a heading) and lower-case words (`latex` beside
    `LaTeX`); a Title-case word at the start of a sentence; spellings of similar frequency
    (the run has no usual form); code spans and blocks. Off by default: across the files of
    a corpus from many sources the variants are mostly house styles (`Worldcom`/`WorldCom`,
    `Github`/`GitHub`: 13 findings in 220,000 words of news), not slips; select `N007` for
    one document set that should name things one way.
    """

    @staticmethod
    def collect(doc: Document):
        return _spellings(doc)

    @staticmethod
    def reduce(items):
        counts: Counter = Counter()
        for _, spellings in items:
            counts.update(w for w, _, _ in spellings)
        by_key: dict[str, list[str]] = defaultdict(list)
        for w in counts:
            by_key[w.replace(" ", "").casefold()].append(w)
        usual_of: dict[str, str] = {}
        for forms in by_key.values():
            if len(forms) < 2:
                continue
            usual = max(forms, key=lambda f: counts[f])
            if not _inner_capital(usual) or " " in usual or counts[usual] < MIN_USUAL:
                continue
            for f in forms:
                if f != usual and counts[usual] >= MIN_RATIO * counts[f]:
                    usual_of[f] = usual
        out = []
        for path, spellings in items:
            for w, a, b in spellings:
                if w in usual_of:
                    usual = usual_of[w]
                    out.append((path, Hit(a, b, f"'{w}' is written '{usual}' elsewhere in "
                                          f"this run ({counts[usual]}×).",
                                          suggestions=[usual], judged=tuple(w.split()))))
        return out
