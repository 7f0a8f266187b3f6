"""Docs-site Markdown dialects: what their authors mean as prose, and what is markup.

Two passes around the CommonMark parse of :mod:`lint.readers.markdown`:

1. :func:`prepare` rewrites the *parse input* line by line, before markdown-it sees it, so that
   block markup of the dialects does not become prose: container fences (VuePress/VitePress
   ``::: tip Title`` ... ``:::``, Docusaurus ``:::note``), MkDocs/Material admonitions and tabs
   (``!!! note "Title"``, ``???``, ``=== "Tab"``; their indented body is dedented so it is not
   read as an indented code block), GitHub alerts (``> [!NOTE]``), math blocks (``$$``), MDX
   ``import``/``export`` lines, and shortcodes or template tags alone on a line (Hugo
   ``{{< … >}}``, Jekyll/Liquid ``{% … %}``). A rewritten line only loses characters (it
   becomes empty, or a suffix of itself), so every block's content stays a suffix of its file
   line and the reader's alignment keeps exact offsets. Container and admonition titles are
   returned to become heading segments. A definition-list line (``: definition``) becomes a
   list item of its own, so a term and its definition are not one sentence.
2. :func:`refine` masks inline markup in the segments built from it: footnote references and
   labels (``[^1]``), shortcodes and template expressions, inline math (``$x^2$``), heading
   attributes (``{#id}``); and lines that are not sentences (box drawings and ASCII diagrams,
   command lines, type signatures and option syntax) become one placeholder each. Masked text
   becomes :data:`~lint.document.PLACEHOLDER` runs over the whole markup, so positions stay
   exact; a segment left without prose is dropped.

Both passes count what they did by kind (``Document.stats``), for the bench output.
"""

from __future__ import annotations

from collections import Counter

import regex

from lint import patterns
from lint.document import PLACEHOLDER, Run, Segment, SegmentBuilder

_LINE_RE = patterns.compile(r"\r\n|\r|\n")
_FENCE_RE = patterns.compile(r"[ \t]*(`{3,}|~{3,})")
#: ``::: tip Title``, ``:::note[Title]``, ``:::: warning``; a bare ``:::`` closes.
_CONTAINER_RE = patterns.compile(r"([ \t]*(?:>[ \t]?)*)(:{3,})[ \t]*(?:([A-Za-z][\w-]*)"
                                 r"(?:[ \t]*\[([^\]\n]*)\]|[ \t]+(.*?))?)?[ \t]*(?:\{[^}\n]*\})?"
                                 r"[ \t]*")
#: ``!!! note "Title"``, ``??? tip``, ``???+ example ""``, ``=== "Tab title"``.
_ADMONITION_RE = patterns.compile(r"([ \t]*)(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*"
                                  r"(?:[ \t]+\"([^\"\n]*)\")?[ \t]*")
_TAB_RE = patterns.compile(r"([ \t]*)(===\+?)[ \t]+\"([^\"\n]*)\"[ \t]*")
_ALERT_RE = patterns.compile(r"((?:[ \t]*>)+)[ \t]*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION|"
                             r"INFO|DANGER|ATTENTION)\][ \t]*", regex.IGNORECASE)
_MATH_OPEN_RE = patterns.compile(r"[ \t]*\$\$")
_MDX_RE = patterns.compile(r"(?:import[ \t].*?\bfrom[ \t]+['\"].*|import[ \t]+['\"].*|"
                           r"export[ \t]+(?:default|const|let|function|async|\{|\*).*)")
_TAG_LINE_RE = patterns.compile(r"[ \t]*(?:\{\{[<%].*?[%>]\}\}|\{%-?.*?-?%\}|\{\{-?.*?-?\}\})"
                                r"(?:[ \t]*(?:\{\{[<%].*?[%>]\}\}|\{%-?.*?-?%\}))*[ \t]*")
_DEFINITION_RE = patterns.compile(r"([ \t]{0,3}):([ \t]+)(?=\S)")
#: Shortcodes and tags whose content is code: Hugo `{{< highlight go >}}` … `{{< /highlight >}}`,
#: Jekyll `{% highlight ruby %}` … `{% endhighlight %}`, `{% raw %}` … `{% endraw %}`.
_CODE_TAG_OPEN_RE = patterns.compile(
    r"[ \t]*(?:\{\{[<%][ \t]*(highlight|code)\b.*?[%>]\}\}"
    r"|\{%-?[ \t]*(highlight|raw|codeblock)\b.*?-?%\})[ \t]*")
_CODE_TAG_CLOSE = {"highlight": r"\{\{[<%][ \t]*/highlight|\{%-?[ \t]*endhighlight",
                   "code": r"\{\{[<%][ \t]*/code", "raw": r"\{%-?[ \t]*endraw",
                   "codeblock": r"\{%-?[ \t]*endcodeblock"}

#: Inline markup masked in the segments' text.
_INLINE_RE = patterns.compile(
    r"\[\^[^\]\s]+\]:?"  # footnote reference or label
    r"|\{\{[<%].*?[%>]\}\}"  # Hugo shortcode
    r"|\{%-?.*?-?%\}"  # Liquid / Jinja tag
    r"|\{\{.*?\}\}"  # template expression, Vue interpolation
    r"|(?<![\\$\p{L}\p{N}])\$(?=[^\s$])[^$\n]*?[^\s$\\]\$(?![\p{N}$])"  # inline math
    r"|\\\(.+?\\\)"  # inline math \( … \)
    r"|[ \t]*\{[#.][\w.:#= -]*\}[ \t]*$"  # heading attributes {#id .class}
    r"|\{:[^}\n]*\}",  # kramdown attribute list {: .note}
    regex.M)
_MATH_HINT_RE = patterns.compile(r"[\\^_={}]|^[\p{L}]$|^[\p{L}\p{N}+\-*/ ()]+$")


#: First characters of the lines ``prepare`` rewrites (or of a code fence).
_MARKER_STARTS = frozenset(":!?=>$\\{ie`~")


class Prepared:
    """The rewritten parse input, titles to add as headings (line, start, end column in the
    parse line), and counts by kind."""

    __slots__ = ("text", "titles", "stats", "code")

    def __init__(self, text: str, titles: list[tuple[int, int, int]], stats: Counter,
                 code: list[str] | None = None):
        self.text = text
        self.titles = titles
        self.stats = stats
        self.code = code or []  # the content of code shortcodes (for the identifiers)


def _dedent(line: str, width: int) -> str:
    """``line`` without up to ``width`` columns of leading white space (a tab is four)."""
    i = col = 0
    while i < len(line) and col < width and line[i] in " \t":
        col += 4 - col % 4 if line[i] == "\t" else 1
        i += 1
    return line[i:]


def _indent(line: str) -> int:
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def prepare(text: str) -> Prepared:
    """Rewrite the dialects' block markup out of ``text`` (see the module docstring)."""
    if not any(c in text for c in ":!?=$[{ie"):
        return Prepared(text, [], Counter())
    lines = _LINE_RE.split(text)
    titles: list[tuple[int, int, int]] = []
    stats: Counter = Counter()
    fence: str | None = None
    in_math = False
    code_tag: regex.Pattern | None = None  # the closing tag of an open code shortcode
    code: list[str] = []
    bodies: list[int] = []  # indentation of the open MkDocs admonition bodies
    prev_blank = True
    changed = False
    for n, line in enumerate(lines):
        original = line
        if bodies and line.strip():
            while bodies and _indent(line) < bodies[-1]:
                bodies.pop()
        if bodies:
            line = _dedent(line, bodies[-1])
        if code_tag is not None:
            stats["shortcode"] += 1
            if code_tag.search(line):
                code_tag = None
            else:
                code.append(line)
            line = ""
        elif fence is not None:
            m = _FENCE_RE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and \
                    not line[m.end():].strip():
                fence = None
        elif in_math:
            stats["math"] += 1
            if line.rstrip().endswith("$$"):
                in_math = False
            line = ""
        elif line.lstrip(" \t")[:1] not in _MARKER_STARTS:
            pass  # most lines: no dialect marker can start here
        else:
            m = _FENCE_RE.match(line)
            if m and "`" not in line[m.end():] or (m and m.group(1)[0] == "~"):
                fence = m.group(1)
            elif (m := _CONTAINER_RE.fullmatch(line)) is not None and \
                    (m.group(3) or not line[m.end(2):].strip()):
                stats["container"] += 1
                title = m.group(4) if m.group(4) is not None else m.group(5)
                if title and title.strip():
                    a = m.start(4) if m.group(4) is not None else m.start(5)
                    a += len(title) - len(title.lstrip())
                    titles.append((n, a + len(original) - len(line),
                                   a + len(original) - len(line) + len(title.strip())))
                line = m.group(1).rstrip() if m.group(1).strip() else ""
            elif (m := _ADMONITION_RE.fullmatch(line) or _TAB_RE.fullmatch(line)) is not None:
                stats["admonition"] += 1
                g = 4 if m.group(2)[0] in "!?" else 3
                title = m.group(g)
                if title and title.strip():
                    a = m.start(g) + len(title) - len(title.lstrip())
                    shift = len(original) - len(line)
                    titles.append((n, a + shift, a + shift + len(title.strip())))
                bodies.append(_indent(original) + 4)
                line = ""
            elif (m := _ALERT_RE.fullmatch(line)) is not None:
                stats["alert"] += 1
                line = m.group(1)
            elif _MATH_OPEN_RE.match(line):
                stats["math"] += 1
                rest = line.strip()[2:]
                in_math = not rest.rstrip().endswith("$$")
                line = ""
            elif prev_blank and _MDX_RE.fullmatch(line):
                stats["mdx"] += 1
                line = ""
            elif (m := _CODE_TAG_OPEN_RE.fullmatch(line)) is not None:
                stats["shortcode"] += 1
                code_tag = patterns.compile(_CODE_TAG_CLOSE[m.group(1) or m.group(2)])
                line = ""
            elif _TAG_LINE_RE.fullmatch(line):
                stats["shortcode"] += 1
                line = ""
            elif not prev_blank and (m := _DEFINITION_RE.match(line)) is not None:
                stats["definition"] += 1
                line = m.group(1) + "-" + line[m.end(1) + 1:]
        if line != original:
            changed = True
            lines[n] = line
        prev_blank = not line.strip()
    if not changed:
        return Prepared(text, titles, stats, code)
    return Prepared("\n".join(lines), titles, stats, code)


# -- pass 2: the segments ---------------------------------------------------------------------

#: Lines that are not sentences.
_BOX_RE = patterns.compile(r"[\u2500-\u259f]")
_RULE_RE = patterns.compile(r"[-=_~*.+]{3,}|[|+][-=]{2,}|[-=]{2,}[|+>]")
_PROMPT_RE = patterns.compile(r"[ \t]*(?:\$|%|>>>|PS>|C:\\>|#)[ \t]+\S")
_COMMAND_WORD_RE = patterns.compile(r"(?:sudo[ \t]+)?[a-z][\w.-]*")
_FLAG_RE = patterns.compile(r"--?[A-Za-z][\w-]*(?:=\S*)?")
_CODE_TOKEN_RE = patterns.compile(r".*[-/=.:\d\ufffc<>\[\]{}@$].*|[A-Z_]+|--?\w+")
_SIGNATURE_RE = patterns.compile(
    r"[ \t]*[\w.\ufffc]*[\w\ufffc]\([^()\n]*\)(?:[ \t]*(?::|->|=>)[ \t]*\S+)?[ \t]*;?[ \t]*"
    r"|[ \t]*(?:\ufffc|[\w.-]+)[ \t]*[:=][ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\ufffc|\w+)"
    r"(?:[ \t]*\|[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\ufffc|\w+))+[ \t]*"
    r"|[ \t]*(?:\"[^\"\n]*\"|\ufffc)(?:[ \t]*\|[ \t]*(?:\"[^\"\n]*\"|\ufffc))+[ \t]*")
_LETTER_RE = patterns.compile(r"\p{L}")
_SYMBOL_RE = patterns.compile(r"[^\p{L}\p{N}\s\ufffc]")
_SENTENCE_END = tuple(".!?:;")


#: What every line that :func:`line_kind` reports holds somewhere (one scan of a segment
#: decides for most prose): a box character, three symbols in a row, a pipe, a prompt, a flag,
#: a call's parenthesis, or a symbol-heavy stretch.
_MAYBE_NOT_SENTENCE_RE = patterns.compile(
    r"[\u2500-\u259f|]|[^\p{L}\p{N}\s\ufffc]{3}|(?m:^[ \t]*(?:\$|%|>>>|PS>|C:\\>|#)[ \t])"
    r"|[ \t]--?[A-Za-z]|[\w\ufffc]\("
    r"|[^\p{L}\p{N}\s\ufffc][ \t\ufffc]*[^\p{L}\p{N}\s\ufffc][ \t\ufffc]*"
    r"[^\p{L}\p{N}\s\ufffc]")


def line_kind(line: str) -> str | None:
    """``"diagram"``, ``"command"`` or ``"signature"`` for a line that is not a sentence;
    None for a line that may be prose."""
    s = line.strip()
    if not s:
        return None
    if _BOX_RE.search(s):
        return "diagram"
    letters = len(_LETTER_RE.findall(s))
    symbols = len(_SYMBOL_RE.findall(s))
    if _RULE_RE.search(s) and ("|" in s or "+" in s or symbols > letters):
        return "diagram"
    if symbols >= 4 and symbols > 1.5 * letters:
        return "diagram"
    if _PROMPT_RE.match(s):
        return "command"
    words = s.split()
    if len(words) <= 10 and not s.endswith(_SENTENCE_END) and \
            _COMMAND_WORD_RE.fullmatch(words[0]) and \
            any(_FLAG_RE.fullmatch(w) for w in words[1:]) and \
            2 * sum(bool(_CODE_TOKEN_RE.fullmatch(w)) for w in words[1:]) >= len(words) - 1:
        return "command"
    if _SIGNATURE_RE.fullmatch(s):
        return "signature"
    return None


def _math_like(body: str) -> bool:
    return bool(_MATH_HINT_RE.search(body))


def _masks(seg: Segment) -> list[tuple[int, int, str]]:
    """Spans of ``seg.text`` to replace with a placeholder, with their kind."""
    text = seg.text
    out: list[tuple[int, int, str]] = []
    if any(c in text for c in "[{$\\"):
        for m in _INLINE_RE.finditer(text):
            g = m.group()
            if g.startswith("[^"):
                kind = "footnote"
            elif g.startswith(("$", "\\(")):
                if not _math_like(g[1:-1] if g[0] == "$" else g[2:-2]):
                    continue
                kind = "math"
            elif g.lstrip().startswith(("{#", "{.", "{:")):
                kind = "attributes"
            else:
                kind = "shortcode"
            out.append((m.start(), m.end(), kind))
    if seg.kind in ("heading", "alt_text") or seg.meta.get("html") or \
            not _MAYBE_NOT_SENTENCE_RE.search(text):
        return out
    pos = 0
    for line in text.split("\n"):
        kind = line_kind(line)
        if kind is not None:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip()), kind))
        pos += len(line) + 1
    out.sort()
    return out


def _mask(seg: Segment, spans: list[tuple[int, int]]) -> Segment | None:
    """``seg`` with each span of its text replaced by one placeholder over the span's file
    text (spans widened to whole atomic runs); None when no prose is left."""
    b = SegmentBuilder(seg.kind, seg.meta)
    text = seg.text
    pos = 0
    for a, z in spans:
        if a < pos:
            a = pos
        if z <= a:
            continue
        start, end = seg.source_span(a, z)
        if end - start <= 1:  # one character: a placeholder would read as verbatim text
            continue
        _copy(b, seg, pos, a)
        b.add_atomic(PLACEHOLDER, start, end)
        pos = z
    _copy(b, seg, pos, len(text))
    return b.build()


def _copy(b: SegmentBuilder, seg: Segment, a: int, z: int) -> None:
    """Append ``seg.text[a:z]`` with its runs (verbatim runs cut, atomic runs whole)."""
    if z <= a:
        return
    for r in seg.runs:
        ra, rz = r.text_start, r.text_start + r.text_len
        lo, hi = max(ra, a), min(rz, z)
        if lo >= hi:
            continue
        piece = seg.text[lo:hi]
        if r.text_len == r.src_len:
            b._push(piece, Run(b.length, len(piece), r.src_start + lo - ra, len(piece)))
        else:
            b._push(piece, Run(b.length, len(piece), r.src_start, r.src_len))


def _widen(seg: Segment, a: int, z: int) -> tuple[int, int]:
    """Widen ``[a, z)`` to whole atomic runs."""
    for r in seg.runs:
        ra, rz = r.text_start, r.text_start + r.text_len
        if r.text_len != r.src_len and ra < z and a < rz:
            a, z = min(a, ra), max(z, rz)
    return a, z


def refine(segments: list[Segment], stats: Counter) -> list[Segment]:
    """Mask the dialects' inline markup and the lines that are not sentences."""
    out = []
    for seg in segments:
        found = _masks(seg)
        if not found:
            out.append(seg)
            stats[f"prose:{seg.kind}"] += 1
            continue
        spans = []
        for a, z, kind in found:
            stats[kind] += 1
            spans.append(_widen(seg, a, z))
        new = _mask(seg, _merge(spans))
        if new is None:
            stats[f"dropped:{seg.kind}"] += 1
            continue
        stats[f"prose:{seg.kind}"] += 1
        out.append(new)
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, z in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], z))
        else:
            out.append((a, z))
    return out


_CODE_RE = patterns.compile(r"`+[^`\n]*`+")


def title_segment(source: str, start: int, end: int) -> Segment | None:
    """A container or admonition title at ``source[start:end]``, inline code masked."""
    from lint.readers.text import add_prose

    b = SegmentBuilder("heading", {"level": 6, "title": True})
    pos = start
    for m in _CODE_RE.finditer(source, start, end):
        add_prose(b, source[pos:m.start()], pos)
        b.add_atomic(PLACEHOLDER, m.start(), m.end())
        pos = m.end()
    add_prose(b, source[pos:end], pos)
    return b.build()
