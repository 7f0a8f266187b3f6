"""Markdown (CommonMark + tables + strikethrough) with exact offsets, via markdown-it-py.

markdown-it-py gives line ranges for blocks only, and strips container prefixes (``> ``, list
indentation) from a block's ``content``. This reader therefore

1. maps every character of a block's ``content`` back to the file (``cmap``): each content
   line is a suffix of its source line (a substring for ATX headings and table cells);
2. records, for the inline rules that consume markup (links, images, code spans, autolinks,
   inline HTML, entities, escapes, line breaks), the span of ``content`` they consumed, by
   wrapping those rules; text tokens are verbatim at the cursor, emphasis markers are skipped
   by their length.

What becomes prose: paragraphs (kind ``paragraph``, or ``list_item`` / ``blockquote`` inside
those containers), headings (ATX and setext, ``meta["level"]``), table cells (``table_cell``),
link text (in the flow; the URL is dropped), image alt text (its own ``alt_text`` segment; a
placeholder in the flow). Never prose: fenced and indented code, inline code and autolinks
(placeholders), front matter (YAML ``---`` and TOML ``+++``), link reference definitions, URLs
and titles, raw HTML tags and comments, and the content of inline ``<code>``, ``<kbd>``,
``<samp>``, ``<script>``, ``<style>``, ``<pre>`` (one placeholder). HTML blocks are read with
the HTML reader's logic (prose in ``<p>``, ``<td>``, ``alt`` attributes... is linted, with its
offsets mapped back); suppression comments are found there and in inline HTML.

A block whose characters cannot be aligned with the file (never seen on real documents) is
skipped rather than reported at a wrong position.
"""

from __future__ import annotations

import regex

from lint import patterns
from lint.document import PLACEHOLDER, Directive, Document, SegmentBuilder
from lint.readers import dialects
from lint.readers.html import parse_directive, walk
from lint.readers.text import add_prose

_TOML_FRONT_RE = patterns.compile(r"\A\+\+\+[ \t]*(?:\r\n|\r|\n).*?^\+\+\+[ \t]*$",
                                  regex.S | regex.M)
_LINE_RE = patterns.compile(r"\r\n|\r|\n")
_TAG_RE = patterns.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_SPACES_RE = patterns.compile(r"[ \t]*")
#: Inline HTML elements whose content is never prose (a placeholder stands for the element).
_CODE_TAGS = frozenset({"code", "kbd", "samp", "var", "tt", "pre", "script", "style", "svg",
                        "math", "textarea", "template"})
_SPANNED_RULES = ("link", "image", "backticks", "autolink", "html_inline", "entity", "escape",
                  "newline")
_EMPHASIS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open",
                       "s_close"})

_MD = None
try:
    from markdown_it.common.utils import MD_TRIM_CHARS as _TRIM
except ImportError:  # older markdown-it-py trims with str.strip()
    _TRIM = None
#: Blocks skipped because their text could not be aligned with the file (for tests).
DROPPED = [0]


class _AlignError(Exception):
    """A block's text could not be matched with the file; the block is skipped."""


def _spanning(fn):
    """Wrap an inline rule so the first token it pushes records the span it consumed."""

    def rule(state, silent):
        start = state.pos
        n = len(state.tokens)
        ok = fn(state, silent)
        if ok and not silent:
            tokens = state.tokens
            for k in range(n, len(tokens)):
                if tokens[k].type != "text":
                    tokens[k].meta["span"] = (start, state.pos)
                    break
        return ok

    return rule


#: Blocks and inline spans nested this deep (lists, quotes, emphasis) are still read; deeper
#: than that, markdown-it gives up on the rest of the document.
MAX_NESTING = 200


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
        md.disable("text_join")  # keep escapes and entities as their own tokens
        # markdown-it stops reading the rest of a document at this nesting depth (20 in the
        # CommonMark preset: ten nested list markers); a linter must not skip prose silently
        md.options["maxNesting"] = MAX_NESTING
        ruler = md.inline.ruler
        for rule in ruler.__rules__:
            if rule.name in _SPANNED_RULES:
                rule.fn = _spanning(rule.fn)
        ruler.__cache__ = None
        _MD = md
    return _MD


class _Reader:
    def __init__(self, path: str, source: str):
        self.doc = Document(path=path, source=source, format="markdown")
        self.source = source
        self.norm = source.replace("\0", "\ufffd") if "\0" in source else source
        lines = []
        pos = 0
        for m in _LINE_RE.finditer(source):
            lines.append((pos, m.start()))
            pos = m.end()
        lines.append((pos, len(source)))
        self.lines = lines

    # -- the text markdown-it sees -----------------------------------------------------------
    def parse_input(self) -> str:
        text = self.norm
        if text.startswith("\ufeff"):
            text = text[1:]  # same lines; offsets come from our own line table
        m = _TOML_FRONT_RE.match(text)
        if m:  # blank the TOML front matter, keeping its line count
            block = m.group()
            text = _LINE_RE.sub("\n", block).count("\n") * "\n" + text[m.end():]
        prepared = dialects.prepare(text)
        self.titles = prepared.titles
        self.stats = prepared.stats
        self.doc.code.extend(prepared.code)
        return prepared.text

    # -- content -> file offsets -------------------------------------------------------------
    def line_cmap(self, content: str, first: int, stop: int | None = None) -> list[int]:
        """Offsets of each character of ``content``, whose lines end lines ``first``...

        Lines made only of white space may have been trimmed from the start of ``content``
        (up to line ``stop``): then the alignment starts further down.
        """
        pieces = content.split("\n")
        shifts = 1 if stop is None else max(1, stop - first - len(pieces) + 1)
        for shift in range(shifts):
            try:
                return self._line_cmap(pieces, first + shift)
            except _AlignError:
                if shift == shifts - 1:
                    raise
        raise _AlignError

    def _line_cmap(self, pieces: list[str], first: int) -> list[int]:
        norm, lines = self.norm, self.lines
        cmap: list[int] = []
        last = len(pieces) - 1
        for i, piece in enumerate(pieces):
            ln = first + i
            if ln >= len(lines):
                if piece:
                    raise _AlignError
                cmap.append(len(norm))
                continue
            ls, le = lines[ln]
            start = self._suffix(norm[ls:le], piece, ls)
            if start is None:
                raise _AlignError
            pad = start[1]
            cmap.extend([start[0]] * pad)
            cmap.extend(range(start[0], start[0] + len(piece) - pad))
            end = start[0] + len(piece) - pad
            if i < last:
                cmap.append(end if end < le else le)
            else:
                cmap.append(end)
        return cmap

    @staticmethod
    def _suffix(line: str, piece: str, ls: int) -> tuple[int, int] | None:
        """(file offset where ``piece`` starts in ``line``, leading pad not in the file)."""
        cands = (line, line.rstrip(" \t"), line.rstrip(_TRIM))
        for cand in cands:
            if cand.endswith(piece):
                return ls + len(cand) - len(piece), 0
        bare = piece.lstrip(" \t")  # tabs expanded to spaces by markdown-it
        if bare and len(bare) < len(piece):
            for cand in cands:
                if cand.endswith(bare):
                    return ls + len(cand) - len(bare), len(piece) - len(bare)
        return None

    def atx_cmap(self, content: str, ln: int) -> list[int]:
        ls, le = self.lines[ln]
        line = self.norm[ls:le]
        j = line.find("#")
        if j < 0:
            raise _AlignError
        while j < len(line) and line[j] == "#":
            j += 1
        k = line.find(content, j)
        if k < 0:
            raise _AlignError
        return list(range(ls + k, ls + k + len(content) + 1))

    def cell_cmap(self, content: str, ln: int, cursor: int) -> tuple[list[int], int]:
        ls, le = self.lines[ln]
        line = self.norm[ls:le]
        if "|" in content:  # markdown-it drops the backslash of an escaped pipe
            esc = content.replace("|", "\\|")
            k = line.find(esc, cursor)
            if k >= 0:
                cmap, pos = [], ls + k
                for ch in content:
                    if ch == "|":
                        pos += 1
                    cmap.append(pos)
                    pos += 1
                cmap.append(pos)
                return cmap, k + len(esc)
        k = line.find(content, cursor)
        if k < 0:
            raise _AlignError
        return list(range(ls + k, ls + k + len(content) + 1)), k + len(content)

    # -- emitting ----------------------------------------------------------------------------
    def verbatim(self, b: SegmentBuilder, content: str, cmap: list[int], base: int, a: int,
                 z: int, prose: bool = True) -> None:
        """Add ``content[a:z]`` (``base`` shifts into ``cmap``) as verbatim file text."""
        if z <= a:
            return
        s = cmap[base + a]
        n = z - a
        norm = self.norm
        if cmap[base + z - 1] == s + n - 1 and norm[s:s + n] == content[a:z]:
            text = self.source[s:s + n]
            if prose:
                add_prose(b, text, s, self.doc.code)
            else:
                b.add(text, s)
            return
        i = a
        while i < z:  # slow path: split at characters that are not verbatim
            s = cmap[base + i]
            j = i
            while j < z and cmap[base + j] == s + (j - i) and s + (j - i) < len(norm) \
                    and norm[s + (j - i)] == content[j]:
                j += 1
            if j > i:
                b.add(self.source[s:s + (j - i)], s)
                i = j
            else:
                b.add_atomic(content[i], s, max(s, cmap[base + i + 1]))
                i += 1

    @staticmethod
    def atomic(b: SegmentBuilder, text: str, cmap: list[int], base: int, a: int, z: int,
               soft: bool = False) -> None:
        start = cmap[base + a]
        end = cmap[base + z] if soft or z <= a else cmap[base + z - 1] + 1
        b.add_atomic(text, start, max(start, end))

    # -- inline ------------------------------------------------------------------------------
    def inline(self, b: SegmentBuilder, children, content: str, cmap: list[int],
               base: int = 0) -> None:
        """Walk inline tokens parsed from ``content``; ``cmap[base + i]`` is the file offset
        of ``content[i]``."""
        c = 0
        links: list[tuple[int, bool]] = []
        hidden = 0  # > 0 inside an autolink or a code-like HTML element
        hide_start = 0
        hide_tag = ""
        in_auto = False
        for tok in children:
            t = tok.type
            if t == "text":
                s = tok.content
                if not s or in_auto:
                    continue
                if not content.startswith(s, c):
                    raise _AlignError
                if not hidden:
                    self.verbatim(b, content, cmap, base, c, c + len(s))
                c += len(s)
            elif t in _EMPHASIS:
                m = tok.markup
                if not content.startswith(m, c):
                    raise _AlignError
                c += len(m)
            elif t == "softbreak" or t == "hardbreak":
                span = tok.meta.get("span")
                if span is None:
                    raise _AlignError
                if not hidden:
                    self.atomic(b, "\n", cmap, base, c, span[1], soft=True)
                c = span[1]
            elif t == "text_special":
                a, z = tok.meta["span"]
                if not hidden:
                    if tok.info == "escape" and tok.content != tok.markup:
                        self.verbatim(b, content, cmap, base, a + 1, z, prose=False)
                    elif tok.info == "escape":
                        self.verbatim(b, content, cmap, base, a, z, prose=False)
                    else:
                        self.atomic(b, tok.content, cmap, base, a, z)
                c = z
            elif t == "code_inline":
                self.doc.code.append(tok.content)
                a, z = tok.meta["span"]
                if not hidden:
                    self.atomic(b, PLACEHOLDER, cmap, base, a, z)
                c = z
            elif t == "link_open":
                self.doc.code.append(tok.attrs.get("href", ""))
                a, z = tok.meta["span"]
                auto = tok.markup == "autolink"
                links.append((z, auto))
                if auto:
                    if not hidden:
                        self.atomic(b, PLACEHOLDER, cmap, base, a, z)
                    hidden += 1
                    in_auto = True
                    c = z
                else:
                    c = a + 1
            elif t == "link_close":
                if not links:
                    raise _AlignError
                z, auto = links.pop()
                if auto:
                    hidden -= 1
                    in_auto = False
                c = max(c, z)
            elif t == "image":
                a, z = tok.meta["span"]
                if not hidden:
                    self.image(tok, content, cmap, base, a, z)
                    self.atomic(b, PLACEHOLDER, cmap, base, a, z)
                c = z
            elif t == "html_inline":
                a, z = tok.meta["span"]
                raw = tok.content
                if hide_tag:
                    m = _TAG_RE.match(raw)
                    if m and m.group(1) and m.group(2).lower() == hide_tag:
                        hidden -= 1
                        hide_tag = ""
                        if not hidden:
                            self.atomic(b, PLACEHOLDER, cmap, base, hide_start, z)
                elif not hidden:
                    self.html_inline(b, raw, cmap, base, a, z)
                    m = _TAG_RE.match(raw)
                    if m and not m.group(1) and m.group(2).lower() in _CODE_TAGS \
                            and not raw.endswith("/>"):
                        hide_tag, hide_start = m.group(2).lower(), a
                        hidden += 1
                c = z
            else:
                raise _AlignError
        if hide_tag and hidden:  # an unclosed <code>: hide to the end of the block
            self.atomic(b, PLACEHOLDER, cmap, base, hide_start, len(content))

    def html_inline(self, b, raw, cmap, base, a, z) -> None:
        if raw.startswith("<!--"):
            found = parse_directive(raw[4:-3] if raw.endswith("-->") else raw[4:])
            if found is not None:
                self.doc.directives.append(Directive(found[0], found[1], cmap[base + a],
                                                     cmap[base + z - 1] + 1))
            return
        m = _TAG_RE.match(raw)
        if m and m.group(2).lower() == "br":
            self.atomic(b, "\n", cmap, base, a, z)
        elif m and m.group(2).lower() == "img" and not m.group(1):
            for seg in walk(raw).segments:  # the alt text
                new = self.remap(seg, raw, cmap, base + a)
                if new is not None:
                    self.extra.append(new)

    def remap(self, seg, content, cmap, base):
        """A segment the HTML walker found in ``content``, mapped to the file.

        ``meta["html"]`` marks it as raw HTML, where entities are markup, not leaks."""
        b = SegmentBuilder(seg.kind, {**seg.meta, "html": True})
        for r in seg.runs:
            a, z = r.src_start, r.src_start + r.src_len
            if r.text_len == r.src_len:
                self.verbatim(b, content, cmap, base, a, z, prose=False)
            else:
                self.atomic(b, seg.text[r.text_start:r.text_start + r.text_len], cmap, base,
                            a, z)
        return b.build()

    def image(self, tok, content, cmap, base, a, z) -> None:
        """Alt text as its own segment; the children were parsed from ``content[a+2:...]``."""
        label = tok.content  # markdown-it parses the alt text from the raw label
        start = a + 2
        if not content.startswith("![", a) or not content.startswith(label, start):
            # the label is the raw source between the brackets
            raise _AlignError
        alt = SegmentBuilder("alt_text")
        try:
            self.inline(alt, tok.children or [], label, cmap, base + start)
        except _AlignError:
            return
        seg = alt.build()
        if seg is not None:
            self.extra.append(seg)

    # -- blocks ------------------------------------------------------------------------------
    def html_block(self, tok) -> None:
        first = tok.map[0]
        content = tok.content
        try:
            cmap = self.line_cmap(content, first, tok.map[1])
        except _AlignError:
            DROPPED[0] += 1
            return
        w = walk(content)
        self.doc.code.extend(w.code)
        for d in w.directives:
            self.doc.directives.append(Directive(d.kind, d.codes, cmap[d.offset],
                                                 cmap[max(d.end_offset - 1, d.offset)] + 1))
        for seg in w.segments:
            new = self.remap(seg, content, cmap, 0)
            if new is not None:
                self.doc.segments.append(new)

    def run(self) -> Document:
        tokens = _parser().parse(self.parse_input())
        self.doc._memo["markdown.tokens"] = tokens  # translation QA cuts blocks from them
        containers: list[str] = []
        segments = self.doc.segments
        self.extra = []
        heading = None
        row, cursor = -1, 0
        cell_kind = False
        for tok in tokens:
            t = tok.type
            if t == "inline":
                if heading is not None:
                    kind, meta = "heading", {"level": heading[1]}
                elif cell_kind:
                    kind, meta = "table_cell", {}
                else:
                    kind = containers[-1] if containers else "paragraph"
                    meta = {}
                content = tok.content
                if not content or tok.map is None:
                    continue
                n_extra = len(self.extra)
                try:
                    if heading is not None and heading[0]:
                        cmap = self.atx_cmap(content, tok.map[0])
                    elif cell_kind:
                        if tok.map[0] != row:
                            row, cursor = tok.map[0], 0
                        cmap, cursor = self.cell_cmap(content, row, cursor)
                    else:
                        cmap = self.line_cmap(content, tok.map[0], tok.map[1])
                    b = SegmentBuilder(kind, meta)
                    self.inline(b, tok.children or [], content, cmap)
                except (_AlignError, KeyError, IndexError):
                    DROPPED[0] += 1
                    del self.extra[n_extra:]
                    continue
                seg = b.build()
                if seg is not None:
                    segments.append(seg)
                if len(self.extra) > n_extra:
                    segments.extend(self.extra[n_extra:])
            elif t == "heading_open":
                heading = (tok.markup.startswith("#"),
                           len(tok.markup) if tok.markup.startswith("#")
                           else (1 if tok.markup == "=" else 2))
            elif t == "heading_close":
                heading = None
            elif t in ("td_open", "th_open"):
                cell_kind = True
            elif t in ("td_close", "th_close"):
                cell_kind = False
            elif t == "blockquote_open":
                containers.append("blockquote")
            elif t == "list_item_open":
                containers.append("list_item")
            elif t in ("blockquote_close", "list_item_close"):
                if containers:
                    containers.pop()
            elif t == "html_block" and tok.map is not None:
                self.html_block(tok)
            elif t in ("fence", "code_block"):
                self.doc.code.append(tok.content)
        lead = 1 if self.norm.startswith("\ufeff") else 0
        for ln, a, z in self.titles:
            ls = self.lines[ln][0] + (lead if ln == 0 else 0)
            seg = dialects.title_segment(self.source, ls + a, ls + z)
            if seg is not None:
                segments.append(seg)
        segments[:] = dialects.refine(segments, self.stats)
        segments.sort(key=lambda s: s.start)
        self.doc.stats = dict(self.stats)
        return self.doc


def read(path: str, source: str) -> Document:
    return _Reader(path, source).run()
