"""HTML: prose from block elements, with exact offsets, via the standard library's parser.

Block elements (``p``, ``h1``–``h6``, ``li``, ``td``/``th``, ``blockquote``, ``figcaption``,
``caption``, ``dt``/``dd``, ``title``, and loose text in ``div``/``section``/``article``...)
delimit segments; inline elements (``a``, ``em``, ``span``...) stay in the flow and their tags
are dropped; ``<br>`` is a line break. ``img alt="..."`` becomes an ``alt_text`` segment at the
attribute value's offsets (and a placeholder in the flow). Never prose: ``script``, ``style``,
``pre``, ``template``, ``textarea``, ``noscript``, comments, tags and attributes; ``code``,
``kbd``, ``samp``, ``var``, ``tt``, ``svg`` and ``math`` inside prose become one
:data:`~lint.document.PLACEHOLDER`; the text of code elements and of ``pre`` is kept as the
document's code (its identifier vocabulary, :mod:`lint.identifiers`). Entities decode to
atomic runs covering the whole entity.

Comments of the form ``<!-- mtlint-disable CODE -->`` are suppression directives (see
:func:`parse_directive`).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from lint import patterns
from lint.document import PLACEHOLDER, Directive, Document, Segment, SegmentBuilder
from lint.readers.text import add_prose

#: Elements whose content is never prose (they end the current segment).
SKIP = frozenset({"script", "style", "pre", "template", "textarea", "noscript", "xmp",
                  "listing", "plaintext", "iframe", "object"})
#: Elements whose content is code or notation: one placeholder in the flow.
CODE_INLINE = frozenset({"code", "kbd", "samp", "var", "tt", "svg", "math"})
#: Elements that start a segment, with the segment kind (None: kind of the context).
BLOCK_KIND = {
    "p": "paragraph",
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "td": "table_cell", "th": "table_cell",
    "blockquote": "blockquote",
    "figcaption": "caption", "caption": "caption",
    "title": "title",  # the page title: prose, but the h1 usually repeats it
    "summary": "heading", "legend": "heading",
}
CONTAINERS = frozenset({
    "html", "body", "head", "div", "section", "article", "main", "header", "footer", "nav",
    "aside", "figure", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "menu",
    "address", "center", "details", "form", "fieldset", "hgroup", "option", "select",
    "dialog", "search", "colgroup",
})
#: Elements that end the current segment without opening a new kind of context.
BREAKERS = frozenset({"hr", "table", "video", "audio", "canvas"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr", "keygen"})
_CLOSES_P = frozenset({"p", "li", "dt", "dd", "blockquote", "ul", "ol", "dl", "div", "table",
                       "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                       "figure", "header", "footer", "hr", "main", "nav", "aside"})

_DIRECTIVE_RE = patterns.compile(
    r"\A\s*mtlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*)\Z",
    regex.S)
_CODE_RE = patterns.compile(r"[A-Za-z]{1,4}[0-9]{0,4}")
_TAG_RE = patterns.compile(r"<[^>]*>")
_ATTR_RE = patterns.compile(
    r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|(?!["'])[^>\s]*))?""")
_ENTITY_RE = patterns.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_BROKEN_TAG_RE = patterns.compile(r"<[A-Za-z/!?]")


def parse_directive(body: str) -> tuple[str, tuple[str, ...]] | None:
    """``(kind, codes)`` for a comment body like `` mtlint-disable G001,Q002 ``, else None.

    Codes are separated by commas or spaces and upper-cased; the list stops at the first word
    that is not a code, so a reason may follow (``mtlint-disable G001 -- names``).
    """
    m = _DIRECTIVE_RE.match(body)
    if m is None:
        return None
    codes = []
    for word in regex.split(r"[\s,]+", m.group(2).strip()):
        if not word:
            continue
        if not _CODE_RE.fullmatch(word):
            break
        codes.append(word.upper())
    return m.group(1), tuple(codes)


def add_entity_text(builder: SegmentBuilder, raw: str, start: int) -> None:
    """Add raw HTML text (an attribute value) whose entities decode to atomic runs."""
    pos = 0
    for m in _ENTITY_RE.finditer(raw):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        add_prose(builder, raw[pos:m.start()], start + pos)
        builder.add_atomic(decoded, start + m.start(), start + m.end())
        pos = m.end()
    add_prose(builder, raw[pos:], start + pos)


_NEWLINE_RE = patterns.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def add_text(builder: SegmentBuilder, text: str, start: int) -> None:
    """Verbatim text; a line end with the spaces around it becomes one atomic ``\\n`` (as a
    Markdown soft break does); URLs become placeholders."""
    if "\n" not in text and "\r" not in text:
        add_prose(builder, text, start)
        return
    pos = 0
    for m in _NEWLINE_RE.finditer(text):
        add_prose(builder, text[pos:m.start()], start + pos)
        builder.add_atomic("\n", start + m.start(), start + m.end())
        pos = m.end()
    add_prose(builder, text[pos:], start + pos)


class _Walker(HTMLParser):
    """Walks ``text`` (a whole file or a fragment) and collects segments and directives.

    Offsets are in ``text`` coordinates; the Markdown reader maps them to its file.
    """

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.line_starts = starts
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.stack: list[str] = []  # open block/container elements
        self.skip: list[str] = []  # open never-prose elements
        self.code_tag: str | None = None
        self.code_depth = 0
        self.code_start = 0
        self.pre_start: int | None = None  # where the text of an open <pre> starts
        #: The text of code elements and <pre> blocks (the identifier vocabulary).
        self.code: list[str] = []
        self.closing = False
        self.builder = SegmentBuilder("paragraph")

    # -- positions ---------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _tag_end(self, pos: int) -> int:
        end = self.text.find(">", pos)
        return len(self.text) if end < 0 else end + 1

    # -- segments ----------------------------------------------------------------------------
    def _kind(self) -> tuple[str, dict]:
        kind, meta = "paragraph", {}
        for tag in reversed(self.stack):
            k = BLOCK_KIND.get(tag)
            if k is None:
                continue
            if k == "paragraph":
                # a paragraph inside a list item or quote takes the container's kind
                for outer in reversed(self.stack):
                    if outer in ("li", "dt", "dd", "blockquote", "td", "th", "figcaption"):
                        return BLOCK_KIND[outer], {}
                return k, {}
            if k == "heading":
                meta = {"level": int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else 0}
            return k, meta
        return kind, meta

    def _flush(self) -> None:
        seg = self.builder.build()
        if seg is not None:
            self.segments.append(seg)
        kind, meta = self._kind()
        self.builder = SegmentBuilder(kind, meta)

    def _open_block(self, tag: str) -> None:
        stack = self.stack
        if tag in _CLOSES_P and stack and stack[-1] == "p":
            stack.pop()
        if tag == "li":
            self._implicit_close(("li",), ("ul", "ol", "menu"))
        elif tag in ("dt", "dd"):
            self._implicit_close(("dt", "dd"), ("dl",))
        elif tag in ("td", "th"):
            self._implicit_close(("td", "th"), ("tr", "table"))
        elif tag == "tr":
            self._implicit_close(("tr", "td", "th"), ("table", "thead", "tbody", "tfoot"))
        stack.append(tag)
        if len(stack) > 512:  # pathological nesting: keep the walk linear
            del stack[:256]

    def _implicit_close(self, same: tuple[str, ...], barrier: tuple[str, ...]) -> None:
        stack = self.stack
        for k in range(len(stack) - 1, -1, -1):
            if stack[k] in barrier:
                return
            if stack[k] in same:
                del stack[k:]
                return

    # -- parser callbacks --------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start(tag, self._pos(), self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        pos = self._pos()
        self._start(tag, pos, raw)
        if tag not in VOID:
            self._end(tag, pos + len(raw), closing=False)

    def handle_endtag(self, tag):
        self._end(tag, self._pos())

    def _start(self, tag: str, pos: int, raw: str) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip.append(tag)
            return
        if self.code_tag is not None:
            if tag == self.code_tag:
                self.code_depth += 1
            return
        end = pos + len(raw)
        if tag in SKIP:
            self._flush()
            self.skip.append(tag)
            if tag == "pre":
                self.pre_start = end
        elif tag in CODE_INLINE:
            self.code_tag, self.code_depth, self.code_start = tag, 1, pos
        elif tag == "br":
            self.builder.add_atomic("\n", pos, end)
        elif tag == "img":
            self._image(pos, raw)
        elif tag in BLOCK_KIND or tag in CONTAINERS:
            self._open_block(tag)
            self._flush()
        elif tag in BREAKERS:
            self._flush()

    def _end(self, tag: str, pos: int, closing: bool = True) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
                if not self.skip and self.pre_start is not None:
                    self._code_text(self.pre_start, pos)
                    self.pre_start = None
            return
        if self.code_tag is not None:
            if tag == self.code_tag:
                self.code_depth -= 1
                if self.code_depth == 0:
                    end = self._tag_end(pos) if closing else pos
                    self.builder.add_atomic(PLACEHOLDER, self.code_start, end)
                    if tag not in ("svg", "math"):
                        self._code_text(self._tag_end(self.code_start), pos)
                    self.code_tag = None
            return
        if tag in BLOCK_KIND or tag in CONTAINERS:
            if tag in self.stack:
                k = len(self.stack) - 1 - self.stack[::-1].index(tag)
                self._flush_then_pop(k)
            else:
                self._flush()
        elif tag == "br" and closing:
            self.builder.add_atomic("\n", pos, self._tag_end(pos))
        elif tag in BREAKERS:
            self._flush()

    def _code_text(self, start: int, end: int) -> None:
        """Keep the text of a code element (tags dropped, entities decoded)."""
        if end > start:
            self.code.append(html.unescape(_TAG_RE.sub(" ", self.text[start:end])))

    def _flush_then_pop(self, k: int) -> None:
        seg = self.builder.build()
        if seg is not None:
            self.segments.append(seg)
        del self.stack[k:]
        kind, meta = self._kind()
        self.builder = SegmentBuilder(kind, meta)

    def _image(self, pos: int, raw: str) -> None:
        for m in _ATTR_RE.finditer(raw, 4):
            if m.group(1).lower() != "alt" or m.group(2) is None:
                continue
            value = m.group(2)
            start = pos + m.start(2)
            if value[:1] in ("'", '"'):
                value, start = value[1:-1], start + 1
            alt = SegmentBuilder("alt_text")
            add_entity_text(alt, value, start)
            seg = alt.build()
            if seg is not None:
                self.segments.append(seg)
            break
        self.builder.add_atomic(PLACEHOLDER, pos, pos + len(raw))

    def handle_data(self, data):
        if self.skip or self.code_tag is not None or not data:
            return
        pos = self._pos()
        if data[0] == "<" and (self.closing or _BROKEN_TAG_RE.match(data)) \
                and _BROKEN_TAG_RE.match(self.text, pos):
            self.skip.append("#broken")  # an unterminated tag flushed as text at the end
            return
        add_text(self.builder, data, pos)

    def _reference(self, pos: int, prefix: str, name: str) -> None:
        if self.skip or self.code_tag is not None:
            return
        end = pos + len(prefix) + len(name)
        if self.text.startswith(";", end):
            end += 1
        raw = self.text[pos:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            add_text(self.builder, raw, pos)
        else:
            self.builder.add_atomic(decoded, pos, end)

    def handle_entityref(self, name):
        self._reference(self._pos(), "&", name)

    def handle_charref(self, name):
        self._reference(self._pos(), "&#", name)

    def handle_comment(self, data):
        if self.skip or self.code_tag is not None:
            return
        found = parse_directive(data)
        if found is not None:
            pos = self._pos()
            end = self._tag_end(pos + 4 + len(data))
            self.directives.append(Directive(found[0], found[1], pos, end))

    def run(self) -> None:
        self.feed(self.text)
        self.closing = True
        self.close()
        if self.code_tag is not None and not self.skip:  # never closed: code to the end
            self.builder.add_atomic(PLACEHOLDER, self.code_start, len(self.text))
        self._flush()
        self.segments.sort(key=lambda s: s.start)


def walk(text: str) -> _Walker:
    """Parse ``text`` (a file or a fragment); offsets in the result are ``text`` offsets."""
    walker = _Walker(text)
    walker.run()
    return walker


def read(path: str, source: str) -> Document:
    doc = Document(path=path, source=source, format="html")
    walker = walk(source)
    doc.segments = walker.segments
    doc.directives = walker.directives
    doc.code = walker.code
    return doc
