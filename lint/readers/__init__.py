"""Readers turn a decoded file into a :class:`~lint.document.Document` of prose segments.

Each reader is a function ``read(path, source) -> Document``; the format is chosen by the
file's extension (or ``--stdin-filename``), and anything that is not Markdown or HTML is read
as plain text.
"""

from __future__ import annotations

import os

from lint.document import Document

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
TEXT_EXTENSIONS = (".txt", ".text", ".rst", "")
#: Translation files: gettext, XLIFF, TMX (lint.translation.bilingual).
BILINGUAL_EXTENSIONS = (".po", ".pot", ".xlf", ".xliff", ".tmx")
#: Extensions a directory walk picks up.
LINTED_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS + (".txt", ".text") \
    + BILINGUAL_EXTENSIONS


def format_for(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in BILINGUAL_EXTENSIONS:
        return "bilingual"
    return "text"


def read_document(path: str, source: str, fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from lint.readers.markdown import read
    elif fmt == "html":
        from lint.readers.html import read
    elif fmt == "bilingual":
        from lint.translation.bilingual import read
    else:
        from lint.readers.text import read
    return read(path, source)
