"""Identifiers are not prose errors: the vocabulary a run writes as code, and shapes.

A word written as code (inline code, code blocks, link targets: what the readers keep in
``Document.code``) in any file of a run is an identifier wherever it appears in the run's
prose; so are tokens shaped like one: ``snake_case``, ``file.names``, versions (``v1.2.3``),
hashes (``3d4eac69``), DNS record types (``AAAA``, ``CNAME``) and numbers with units
(``512MB``). Rules that judge a word's spelling or form (glued words, Title-Case, name
variants, the grammar engines' spelling findings) leave identifiers alone.

It works in two steps, so a file's result never depends on the other files (the results
cache, chunked and distributed runs stay exact):

- in the worker, a rule leaves alone the identifiers of its own document (:func:`is_identifier`)
  and names the words each finding judges (``Hit.judged``); the document's vocabulary (a set
  of words, never its text) goes back with its result (``FileResult.vocabulary``);
- in the main process, once every file is in, :class:`RunVocabulary` (the union of the
  vocabularies) drops the findings that judge a word another file writes as code.
"""

from __future__ import annotations

from lint import patterns
from lint.document import Document

#: Identifier-like pieces of code: words, dotted and dashed names.
_CODE_WORD_RE = patterns.compile(r"[\p{L}_][\p{L}\p{N}_]*(?:[.-][\p{L}\p{N}_]+)*")
_SNAKE_RE = patterns.compile(r"[\p{L}\p{N}]+(?:_[\p{L}\p{N}]*)+|_+[\p{L}\p{N}]\w*")
_FILE_RE = patterns.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{1,5}\d?|[A-Z]{1,4})")
_VERSION_RE = patterns.compile(r"[vV]?\d+(?:\.\d+)+(?:[-+.]?[\w.]+)?|[vV]\d+")
_HASH_RE = patterns.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}")
_UNIT_RE = patterns.compile(r"\d+(?:\.\d+)?[\p{L}µ]{1,4}(?:/[\p{L}]{1,3})?")
_INNER_CAP_RE = patterns.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}|\p{L}\p{N}|\p{N}\p{L}")
#: DNS record types: written as words in prose about DNS (`an A record`, `AAAA`).
DNS_TYPES = frozenset({"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "PTR", "CAA",
                       "DNSKEY", "DS", "NSEC", "RRSIG", "HTTPS", "SVCB", "ALIAS", "SPF"})


def code_words(texts) -> frozenset[str]:
    """The identifier-like tokens of ``texts`` (code), each also split at ``.``, ``-`` and
    ``/`` and lower-cased, so ``statUrl``, ``options.json`` and ``--dry-run`` all count."""
    out: set[str] = set()
    for text in texts:
        for m in _CODE_WORD_RE.finditer(text):
            w = m.group()
            out.add(w)
            if "." in w or "-" in w:
                out.update(p for p in w.replace("-", ".").split(".") if p)
    return frozenset(out | {w.lower() for w in out})


def vocabulary(doc: Document) -> frozenset[str]:
    """What ``doc`` writes as code (computed once per document)."""
    return doc.memo("identifiers", lambda d: code_words(d.code))


def shaped_like_identifier(token: str) -> bool:
    """``token`` has the shape of an identifier, whatever the document writes as code."""
    if token in DNS_TYPES:
        return True
    if "_" in token and _SNAKE_RE.fullmatch(token):
        return True
    if "." in token and _FILE_RE.fullmatch(token):
        return True
    if token[:1].isdigit() or token[:1] in "vV":
        if _VERSION_RE.fullmatch(token) or _UNIT_RE.fullmatch(token):
            return True
    return bool(_HASH_RE.fullmatch(token))


#: Endings of an identifier used as an English word in prose (`classloader's`, `classloaders`,
#: `retransformed`).
_INFLECTIONS = ("'s", "’s", "s", "ed")
#: An inflected form counts only when its stem is no common English word (Zipf below this):
#: `optionss` beside `options`, `which's` beside a `which` in a code block are prose slips.
INFLECTED_MAX_ZIPF = 3.0


def in_vocabulary(vocab, token: str) -> bool:
    """``token`` is written as code in ``vocab`` (:func:`code_words`): as it is; for a
    mixed-case token (``StatUrl``) in any case; or inflected (``classloader's``,
    ``classloaders``) when the stem is no common English word."""
    if token in vocab or (_INNER_CAP_RE.search(token) is not None and token.lower() in vocab):
        return True
    for end in _INFLECTIONS:
        if token.endswith(end) and len(token) - len(end) >= 3 and token[:-len(end)] in vocab:
            from rules.lexicon import zipf

            return zipf(token[:-len(end)]) < INFLECTED_MAX_ZIPF
    return False


def is_identifier(doc: Document, token: str) -> bool:
    """``token`` (a word of ``doc``'s prose) is code: written as code in the document, or
    shaped like an identifier."""
    return in_vocabulary(vocabulary(doc), token) or shaped_like_identifier(token)


class RunVocabulary:
    """The identifier vocabulary of a run: the union of its documents' vocabularies, added
    as their results come in; then :meth:`keeps` tells the findings to report."""

    __slots__ = ("words",)

    def __init__(self):
        self.words: set[str] = set()

    def add(self, words) -> None:
        if words:
            self.words.update(words)

    def keeps(self, finding) -> bool:
        """False for a finding that judges an identifier: a word the run writes as code, or
        one shaped like an identifier."""
        judged = finding.judged
        return not judged or not any(in_vocabulary(self.words, w) or shaped_like_identifier(w)
                                     for w in judged)

    def filter(self, findings: list) -> list:
        return [f for f in findings if self.keeps(f)]
