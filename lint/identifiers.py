"""Identifiers are not prose errors: the vocabulary a document writes as code, and shapes.

A word the document writes as code (inline code, code blocks, link targets: what the readers
keep in ``Document.code``) is an identifier wherever it appears in the document's prose; so are
tokens shaped like one: ``snake_case``, ``file.names``, versions (``v1.2.3``), hashes
(``3d4eac69``), DNS record types (``AAAA``, ``CNAME``) and numbers with units (``512MB``).
Rules that judge a word's spelling or form (glued words, Title-Case, name variants, the
grammar engines' spelling findings) leave identifiers alone.

The vocabulary is per document, so a document's findings are the same whether it is linted
alone or with others (the corpus rules drop a document's identifiers when they collect its
names).
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


def is_identifier(doc: Document, token: str) -> bool:
    """``token`` (a word of ``doc``'s prose) is code: written as code in the document, or
    shaped like an identifier."""
    vocab = vocabulary(doc)
    return token in vocab or (_INNER_CAP_RE.search(token) is not None
                              and token.lower() in vocab) or shaped_like_identifier(token)
