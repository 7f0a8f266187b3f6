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
#: Extensions a directory walk picks up.
LINTED_EXTENSIONS = MARKDOWN_EXTENSIONS + HTML_EXTENSIONS + (".txt", ".text")


def format_for(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in HTML_EXTENSIONS:
        return "html"
    return "text"


def read_document(path: str, source: str, fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from lint.readers.markdown import read
    elif fmt == "html":
        from lint.readers.html import read
    else:
        from lint.readers.text import read
    return read(path, source)
