"""A file cut into the blocks that alignment pairs: headings, paragraphs, list items, table
rows, code blocks, container markers (``::: tip``), HTML blocks.

A :class:`Block` is a verbatim slice of the file (``text = source[start:end]``), so an offset
into its text plus ``start`` is an offset into the file. Markdown is cut with markdown-it-py's
block tokens (line ranges); HTML with its block elements; plain text at blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lint import patterns

_CONTAINER_RE = patterns.compile(r"(?m)^[ \t>]*:::+[ \t]*(\S*)")
_HTML_BLOCK_RE = patterns.compile(
    r"<(?P<tag>p|h[1-6]|li|td|th|pre|dt|dd|figcaption|caption|title)\b[^>]*>(?P<body>.*?)</(?P=tag)\s*>",
    patterns.regex.S | patterns.regex.I)
_BLANK_RE = patterns.compile(r"\n[ \t]*\n")
_LIST_MARK_RE = patterns.compile(r"^[ \t>]*(?:(\d{1,9})[.)]|[-*+])[ \t]+")

_MD = None


@dataclass(slots=True)
class Block:
    kind: str  # heading | paragraph | list_item | table_row | code | container | html | text
    start: int  # file offsets of the block's text
    end: int
    text: str
    line: int  # 1-based line of its start
    meta: dict = field(default_factory=dict)

    @property
    def signature(self) -> str:
        if self.kind == "heading":
            return f"h{self.meta.get('level', 1)}"
        if self.kind == "list_item":
            return "ol" if self.meta.get("number") is not None else "ul"
        return self.kind


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        _MD = MarkdownIt("commonmark").enable(["table"]).use(front_matter_plugin)
        _MD.options["maxNesting"] = 200
        _MD.core.ruler.disable(["inline", "text_join"])  # blocks only: half the parse
    return _MD


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


def markdown_blocks(source: str, tokens=None) -> list[Block]:
    """Blocks of a Markdown text; ``tokens``: markdown-it's tokens of it, when a reader has
    them already (only block tokens and their line maps are read)."""
    starts = _line_starts(source)
    n_lines = len(starts)

    def span(a: int, b: int) -> tuple[int, int]:
        s = starts[a]
        e = starts[b] - 1 if b < n_lines else len(source)
        return s, max(s, e)

    out: list[Block] = []
    list_stack: list[dict] = []
    item_number: list[int | None] = []
    item_first: list[bool] = []
    in_table = False
    list_id = 0
    if tokens is None:
        tokens = _parser().parse(source.replace("\r\n", "\n") if "\r" in source else source)
    for tok in tokens:
        if tok.level and tok.type == "inline":
            continue
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_id += 1
            list_stack.append({"id": list_id, "ordered": t == "ordered_list_open", "index": 0})
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif t == "list_item_open":
            info = list_stack[-1]
            info["index"] += 1
            item_number.append(int(tok.info) if info["ordered"] and tok.info.isdigit() else None)
            item_first.append(True)
        elif t == "list_item_close":
            item_number.pop()
            item_first.pop()
        elif t == "table_open":
            in_table = True
            out.append(_block(source, "table", *span(*tok.map), tok.map[0],
                              {"rows": 0, "cols": 0}))
            table = out[-1]
        elif t == "table_close":
            in_table = False
        elif t == "tr_open" and tok.map:
            a, b = span(*tok.map)
            cells = _cells(source[a:b])
            table.meta["rows"] += 1
            table.meta["cols"] = max(table.meta["cols"], len(cells))
            out.append(_block(source, "table_row", a, b, tok.map[0], {"cells": len(cells)}))
        elif t == "heading_open" and tok.map:
            out.append(_block(source, "heading", *span(*tok.map), tok.map[0],
                              {"level": int(tok.tag[1])}))
        elif t == "paragraph_open" and tok.map and not in_table:
            if item_first and item_first[-1]:
                item_first[-1] = False
                info = list_stack[-1]
                meta = {"list": info["id"], "index": info["index"], "number": item_number[-1],
                        "depth": len(list_stack)}
                _paragraph(source, out, span, tok.map, "list_item", meta)
            else:
                _paragraph(source, out, span, tok.map, "paragraph", {})
        elif t in ("fence", "code_block") and tok.map:
            a, b = span(*tok.map)
            block = _block(source, "code", a, b, tok.map[0], {"info": tok.info.strip()})
            block.meta["content"] = tok.content
            out.append(block)
        elif t == "html_block" and tok.map:
            out.append(_block(source, "html", *span(*tok.map), tok.map[0], {}))
    return out


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return patterns.regex.split(r"(?<!\\)\|", row)


def _block(source, kind, a, b, line0, meta) -> Block:
    return Block(kind, a, b, source[a:b], line0 + 1, meta)


def _paragraph(source, out, span, lines, kind, meta) -> None:
    """A paragraph, cut at VuePress/Docusaurus container lines (``::: tip``, ``:::``), which
    markdown-it reads as paragraph text."""
    first, last = lines
    piece_start = first
    for k in range(first, last):
        a, b = span(k, k + 1)
        m = _CONTAINER_RE.match(source, a, b)
        if m is None:
            continue
        if piece_start < k:
            out.append(_block(source, kind, *span(piece_start, k), piece_start, dict(meta)))
            kind, meta = "paragraph", {}
        out.append(_block(source, "container", a, b, k, {"name": m.group(1)}))
        piece_start = k + 1
    if piece_start < last:
        out.append(_block(source, kind, *span(piece_start, last), piece_start, dict(meta)))


def html_blocks(source: str) -> list[Block]:
    starts = _line_starts(source)
    import bisect

    out = []
    for m in _HTML_BLOCK_RE.finditer(source):
        tag = m.group("tag").lower()
        kind = {"pre": "code", "li": "list_item", "td": "table_row", "th": "table_row"}.get(
            tag, "heading" if tag[0] == "h" and tag[1:].isdigit() else "paragraph")
        a, b = m.span("body")
        meta = {"level": int(tag[1])} if kind == "heading" else {}
        if kind == "code":
            meta["content"] = m.group("body")
        out.append(Block(kind, a, b, source[a:b], bisect.bisect_right(starts, a), meta))
    return out


def text_blocks(source: str) -> list[Block]:
    starts = _line_starts(source)
    import bisect

    out, pos = [], 0
    for m in [*_BLANK_RE.finditer(source), None]:
        end = m.start() if m else len(source)
        piece = source[pos:end]
        lead = len(piece) - len(piece.lstrip())
        a, b = pos + lead, pos + len(piece.rstrip())
        if a < b:
            out.append(Block("paragraph", a, b, source[a:b], bisect.bisect_right(starts, a), {}))
        pos = m.end() if m else end
    return out


def blocks_of(source: str, fmt: str, tokens=None) -> list[Block]:
    if fmt == "markdown":
        return markdown_blocks(source, tokens)
    if fmt == "html":
        return html_blocks(source)
    return text_blocks(source)


def list_marker(block: Block) -> tuple[int, int] | None:
    """Span (in the block text) of an ordered list item's number."""
    m = _LIST_MARK_RE.match(block.text)
    if m is None or m.group(1) is None:
        return None
    return m.span(1)
