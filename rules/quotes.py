"""Quotes and brackets: unclosed, unopened and mixed quotation marks, stray apostrophes,
quotations reduced to an editorial bracket, unbalanced brackets.

One scan per paragraph walks the double quotation marks (``"`` ``“`` ``”`` ``„`` ``«`` ``»``)
with a small stack; straight ``"`` is judged by its position (after a space it opens, before a
space or punctuation it closes). The result is cached per document and shared by the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lint import patterns
from lint.document import PLACEHOLDER, Document, Segment
from lint.finding import Fix, Hit
from lint.registry import rule
from rules.lexicon import zipf

# Not after "â€": there ” is the tail of mojibake for an em dash (E001's business).
_DQ_RE = patterns.compile(r'(?<!â€)["“”„«»]')
_BR_RE = patterns.compile(r"[()\[\]{}]")

#: What may stand right before an opening straight quote / right after a closing one.
_OPEN_BEFORE = frozenset(" \t\n([{‘“'—–-/" + PLACEHOLDER + "\u00a0")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}’”'…—–-/" + PLACEHOLDER + "\u00a0")
_SPACE = frozenset(" \t\n\u00a0")

_OPENERS = {"“": "curly", "„": "low", "«": "guillemet"}
_CLOSERS = {"”": "curly", "»": "guillemet"}
#: closing style accepted for each opening style ("“" closes a German „quote“).
_MATCH = {"curly": {"curly"}, "low": {"curly", "low"}, "guillemet": {"guillemet"},
          "straight": {"straight"}}
_PARTNER = {"curly": "”", "low": "“", "guillemet": "»", "straight": '"'}

#: A quotation that was reopened after a full stop ("…weeks. "If…") is the multi-paragraph
#: convention with the paragraph break lost -- unless the open part already reads like an
#: attribution (``, the minister said.``), in which case the closing quote was dropped.
_SENT_END_RE = patterns.compile(r"[.!?…][\"'’”)]?\s+$")
_ATTRIB_RE = patterns.compile(
    r"[,;]\s+(?:[\p{Lu}\p{Ll}][\p{L}'’.-]*\s+){0,7}"
    r"(?:said|says|told|added|asked|explained|insisted|warned|stressed|argued|replied|"
    r"continued|noted|wrote|claimed|urged|admitted)\b[^.!?]*[.!?]\s*$"
)
_WORD_BEFORE_RE = patterns.compile(r"\p{L}+$")
_SINGLE_OPEN_RE = patterns.compile(r"(?<![\p{L}\p{N}.,!?])'(?=[\p{L}\p{N}])|[‘`]")

#: Kinds of segment whose quotation marks are checked (table cells hold ditto and inch marks).
_QUOTE_KINDS = frozenset({"paragraph", "heading", "list_item", "blockquote", "caption",
                          "alt_text"})


@dataclass(slots=True)
class _Issue:
    kind: str  # unclosed | unopened | mixed | stray | bracket-quote | bracket-open | bracket-close
    seg: Segment
    start: int
    end: int
    detail: str = ""
    fix: tuple[int, int, str] | None = None  # text span and replacement


def _style_of_straight(text: str, i: int, open_top: str | None) -> str | None:
    """'open', 'close' or None (cannot tell) for a straight ``"`` at ``text[i]``."""
    p = text[i - 1] if i > 0 else " "
    n = text[i + 1] if i + 1 < len(text) else " "
    opening = p in _OPEN_BEFORE and n not in _SPACE
    closing = n in _CLOSE_AFTER and p not in _SPACE
    if p.isdigit() and not opening:
        # 12" vinyl, 6'2": an inch mark unless a straight quotation is open ("2005")
        return "close" if open_top == "straight" else "skip"
    if opening and closing:
        return "close" if open_top == "straight" else "open"
    if opening:
        return "open"
    if closing:
        return "close"
    if p in _SPACE and n in _SPACE and open_top == "straight":
        return "close"  # "…this month, " he said (a space typed before the closing quote)
    return None


def _starts_with_opener(seg: Segment) -> bool:
    text = seg.text.lstrip()
    if not text:
        return False
    c = text[0]
    if c in _OPENERS:
        return True
    return c == '"' and len(text) > 1 and text[1] not in _SPACE


def _scan_quotes(seg: Segment, out: list[_Issue], carried: bool, next_opens: bool) -> bool:
    """Walk the paragraph's double quotes; return True when a quote is left open at its end."""
    text = seg.text
    if '"' not in text and not _DQ_RE.search(text):
        return False
    marks = _DQ_RE.finditer(text)
    stack: list[tuple[str, int]] = []  # (style, index of the opening mark)
    local: list[_Issue] = []
    for m in marks:
        i = m.start()
        c = text[i]
        top = stack[-1][0] if stack else None
        if c == '"':
            role = _style_of_straight(text, i, top)
            if role == "skip":
                continue
            if role is None:
                return False  # a quote we cannot read: judge nothing in this paragraph
            style = "straight"
        elif c in _OPENERS:
            n = text[i + 1:i + 2] or " "
            if c == "“" and (top == "low" or (top == "curly" and n in _SPACE)):
                role, style = "close", "curly"  # „German“, or a wrongly curled “ closing
            else:
                role, style = "open", _OPENERS[c]
        else:
            role, style = "close", _CLOSERS[c]
            if not stack and c == "”" and i > 0:
                p, n = text[i - 1], text[i + 1:i + 2]
                if p.isdigit():
                    continue  # 5’ 10” tall: an inch mark
                if n.isalpha():
                    role, style = "open", "curly"  # a wrongly curled opening quote
        if role == "open":
            if stack and _SENT_END_RE.search(text, max(stack[-1][1], i - 6), i):
                before = text[stack[-1][1]:i]
                if _ATTRIB_RE.search(before) or before[1:2] == "[":
                    local.append(_unclosed(seg, text, stack[-1][1]))
                stack[-1] = (style, i)  # reopened after a lost paragraph break
            else:
                stack.append((style, i))
            continue
        # closing mark
        if not stack:
            if not carried:
                local.append(_Issue("unopened", seg, i, i + 1, c))
            continue
        ostyle, oi = stack.pop()
        if style not in _MATCH[ostyle]:
            local.append(_Issue("mixed", seg, oi, i + 1, text[oi] + "…" + c))
        _check_stray(seg, text, oi, i, local)
    left_open = bool(stack)
    if stack and not next_opens:
        local.append(_unclosed(seg, text, stack[0][1]))
    out.extend(local)
    return left_open


def _unclosed(seg: Segment, text: str, oi: int) -> _Issue:
    if text[oi + 1:oi + 2] == "[":
        close = text.find("]", oi + 2, oi + 40)
        if close > 0:
            return _Issue("bracket-quote", seg, oi, close + 1, text[oi:close + 1])
    return _Issue("unclosed", seg, oi, oi + 1, text[oi])


def _check_stray(seg: Segment, text: str, oi: int, ci: int, out: list[_Issue]) -> None:
    """A straight/curly apostrophe right before the closing quote that closes nothing."""
    a = ci - 1
    if a > oi and text[a] in ".,!?":
        a -= 1  # give up'," she said
    if a <= oi or text[a] not in "'’":
        return
    prev = text[a - 1] if a > 0 else " "
    if not (prev.isalpha() or (prev in ".,!?" and a == ci - 1)):
        return
    if prev in "sS":
        return  # the Joneses'”
    if text[max(oi, a - 2):a].lower() == "in":
        word = _WORD_BEFORE_RE.search(text, oi, a)
        if word and zipf(word.group() + "g") > zipf(word.group()):
            return  # nothin'”, messin'” (dropped g) but not again'” or drain'”
    if _SINGLE_OPEN_RE.search(text, oi + 1, a):
        return  # a nested 'quote' closes here
    out.append(_Issue("stray", seg, a, a + 1, text[a], fix=(a, a + 1, "")))


# -- brackets -------------------------------------------------------------------------------------
_PAIR = {")": "(", "]": "[", "}": "{"}
_RANGE_RE = patterns.compile(r"\s*[-+−]?[\p{L}\p{N}.∞π]+\s*,\s*[-+−]?[\p{L}\p{N}.∞π]+\s*")
_ENUM_RE = patterns.compile(r"(?:^|(?<=[\s:;,(]))(?:\p{N}{1,3}|\p{L}|[ivxlcIVXLC]{1,5})$")
_SMILEY_CLOSE_RE = patterns.compile(r"[:;=8xX][-'^o]?$")
_SMILEY_OPEN_RE = patterns.compile(r"(?<=[:;=])[-'^]?$")


#: Marks that quote a single bracket character as itself.
_QUOTING = frozenset("\"'“”‘’`")


def _scan_brackets(seg: Segment, out: list[_Issue]) -> None:
    text = seg.text
    stack: list[int] = []
    for m in _BR_RE.finditer(text):
        i = m.start()
        c = text[i]
        if 0 < i < len(text) - 1 and text[i - 1] in _QUOTING and text[i + 1] in _QUOTING:
            continue  # the character itself, quoted: `a set holding "[" and "]"`
        if c in "([{":
            if c == "(" and _SMILEY_OPEN_RE.search(text, max(0, i - 2), i):
                continue  # :( :-(
            stack.append(i)
            continue
        want = _PAIR[c]
        if stack and text[stack[-1]] == want:
            stack.pop()
            continue
        if stack and text[stack[-1]] in "([" and c in ")]" and _RANGE_RE.fullmatch(
                text, stack[-1] + 1, i):
            stack.pop()  # half-open range [0, 1)
            continue
        depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == want), None)
        if depth is not None:
            for k in stack[depth + 1:]:
                out.append(_Issue("bracket-open", seg, k, k + 1, text[k]))
            del stack[depth:]
            continue
        head = text[max(0, i - 6):i]
        if c == ")" and (_ENUM_RE.search(head) or _SMILEY_CLOSE_RE.search(head)):
            continue  # 1) a) iv) list markers, :) :-)
        if c == "]" and _SMILEY_CLOSE_RE.search(head):
            continue
        out.append(_Issue("bracket-close", seg, i, i + 1, c))
    for k in stack:
        out.append(_Issue("bracket-open", seg, k, k + 1, text[k]))


# -- per-document analysis, shared by the rules -------------------------------------------------
def _analyse(doc: Document) -> list[_Issue]:
    return doc.memo("quotes", _scan_document)


def _scan_document(doc: Document) -> list[_Issue]:
    issues: list[_Issue] = []
    segs = doc.segments
    carried = False
    quiet = 0  # paragraphs without a quotation mark since a quote was left open
    for k, seg in enumerate(segs):
        if seg.kind in _QUOTE_KINDS:
            # the next paragraph, over one-line interruptions (a `Read more:` or newsletter
            # line pasted between the paragraphs of a continued quote reads as a heading)
            nxt = next((s for s in segs[k + 1:k + 4] if s.kind != "heading"), None)
            next_opens = nxt is not None and _starts_with_opener(nxt)
            if not next_opens:
                # or a later paragraph closes the quotation it continues (`”` alone, or
                # `... leader.”` two paragraphs on): one quotation over joined paragraphs
                next_opens = _closed_later(segs, k)
            if carried and not _DQ_RE.search(seg.text):
                quiet += 1  # the quotation goes on through a paragraph without marks
                carried = quiet <= CONTINUED_PARAGRAPHS
            else:
                quiet = 0
                carried = _scan_quotes(seg, issues, carried, next_opens)
        else:
            carried = False
        if _BR_RE.search(seg.text):
            _scan_brackets(seg, issues)
    return issues


#: A quotation left open may run on through this many paragraphs without quotation marks
#: before one closes it.
CONTINUED_PARAGRAPHS = 2
_FIRST_MARK_RE = patterns.compile(r'["“”„«»]')


def _closed_later(segs: list[Segment], k: int) -> bool:
    """The first quotation mark in the next paragraphs (up to ``CONTINUED_PARAGRAPHS``
    without marks before it) closes a quotation: ``”`` or ``»``."""
    seen = 0
    for seg in segs[k + 1:k + 2 + CONTINUED_PARAGRAPHS]:
        if seg.kind not in _QUOTE_KINDS:
            continue
        m = _FIRST_MARK_RE.search(seg.text)
        if m is None:
            seen += 1
            if seen > CONTINUED_PARAGRAPHS:
                return False
            continue
        # only a typographic closing mark says so; a straight quote may open as well
        return m.group() in "”»"
    return False


def _hits(doc: Document, kinds: tuple[str, ...], message) -> Iterator[Hit]:
    for issue in _analyse(doc):
        if issue.kind not in kinds:
            continue
        seg = issue.seg
        fix = None
        if issue.fix is not None:
            a, b, rep = issue.fix
            fa, fb = seg.source_span(a, b)
            fix = Fix(fa, fb, rep)
        msg, suggestions = message(issue)
        yield Hit(*seg.source_span(issue.start, issue.end), message=msg,
                  suggestions=suggestions, fix=fix)


@rule(code="Q001", name="unclosed-quote", family="quotes", severity="warning")
def unclosed_quote(doc: Document) -> Iterator[Hit]:
    """Flags an opening quotation mark that is never closed in its paragraph.

    ## What it flags
    An opening `“`, `„`, `«` or straight `"` whose quotation never closes before the end of the
    paragraph, when the next paragraph does not open a quotation either.

    ## Why it matters
    Machine translation and copy-paste drop closing quotes, so the reader cannot tell where
    the quoted words end and the reporter's words begin.

    ## Example
    ```
    “We will rebuild the bridge by May, the mayor said on Tuesday.
    ```

    ## Fix
    Put the closing quote where the quoted words end (`…by May,” the mayor said`). No fix is
    offered: only a reader can tell where the quotation ends.

    ## Leaves alone
    A quotation running over several paragraphs that reopens each one with a quote and closes
    only at the end, also when the paragraph break was lost (`…weeks. "If…`) or a one-line
    interruption (a heading, a pasted `Read more:` line) stands between the paragraphs; inch marks
    (`12" vinyl`); paragraphs whose straight quotes cannot be read by position (`a"b`); table
    cells (ditto marks). A quotation that opens with an editorial bracket is Q005.
    """
    return _hits(doc, ("unclosed",), lambda i: (
        f"Opening quote {i.detail} is never closed in this paragraph.", []))


@rule(code="Q002", name="unopened-quote", family="quotes", severity="warning")
def unopened_quote(doc: Document) -> Iterator[Hit]:
    """Flags a closing quotation mark with no opening one before it in its paragraph.

    ## What it flags
    A closing `”`, `»` or straight `"` (judged by position) in a paragraph where no quotation
    is open.

    ## Why it matters
    The opening quote was lost, so the start of the quoted words is unknown.

    ## Example
    ```
    The plan will work, the minister said.” Critics disagreed.
    ```

    ## Fix
    Add the opening quote where the quotation starts. No fix is offered.

    ## Leaves alone
    The closing quote of a quotation continued from the previous paragraph, inch marks after
    numbers, paragraphs whose straight quotes cannot be read by position, table cells.
    """
    return _hits(doc, ("unopened",), lambda i: (
        f"Closing quote {i.detail} has no opening quote in this paragraph.", []))


@rule(code="Q003", name="mixed-quotes", family="quotes", severity="warning")
def mixed_quotes(doc: Document) -> Iterator[Hit]:
    """Flags a quotation opened in one style and closed in another (`“hello"`, `«hello”`).

    ## What it flags
    A quotation opened in one style and closed in another: `“hello"`, `"hello”`, `«hello”`.

    ## Why it matters
    Mixed marks show a quotation pieced together from different sources or half converted by
    a tool; typeset text uses one pair per quotation.

    ## Example
    ```
    “We are ready," she said.
    ```

    ## Fix
    Use the matching pair: `“We are ready,” she said.` Suggested, not applied: either mark may
    be the wrong one.

    ## Leaves alone
    Nested quotations in the other style (`“He said ‘no’ twice”`), German `„…“`, documents
    that use straight quotes for some quotations and curly ones for others.
    """

    def message(i: _Issue):
        opener, closer = i.detail[0], i.detail[-1]
        return (f"Quotation opened with {opener} is closed with {closer}.",
                [_PARTNER.get(_OPENERS.get(opener, "straight"), closer)])

    return _hits(doc, ("mixed",), message)


@rule(code="Q004", name="stray-apostrophe", family="quotes", severity="warning")
def stray_apostrophe(doc: Document) -> Iterator[Hit]:
    """Flags an apostrophe stuck before a closing quote that closes nothing (`give up'”`).

    ## What it flags
    A straight or curly apostrophe right before the closing double quote of a quotation, when
    no single-quoted quotation is open inside it and it is not a plural possessive.

    ## Why it matters
    A leftover of quote conversion (`'` kept beside the new `”`): it reads as a typo.

    ## Example
    ```
    “We will not give up'” she said.
    ```

    ## Fix
    Delete the apostrophe: `“We will not give up” she said.` A fix is offered.

    ## Leaves alone
    `the players' union`, `’90s`, `rock ’n’ roll` (not before a closing quote), a possessive
    plural before the quote (`“the Joneses’”`), dropped g (`nothin'”`), and a nested single
    quotation closing with the double one (`“He said ‘no’”`).
    """
    return _hits(doc, ("stray",), lambda i: (
        f"Stray apostrophe {i.detail} before the closing quote.", [""]))


@rule(code="Q005", name="bracket-quote", family="quotes", severity="warning")
def bracket_quote(doc: Document) -> Iterator[Hit]:
    """Flags a quotation that opens with an editorial bracket and never closes.

    ## What it flags
    An opening quote followed by an editorial insertion (`“[She]`) whose quotation never
    closes: the quoted words were lost and only the attribution is left.

    ## Why it matters
    The sentence claims to quote someone but quotes nothing: a paste or translation step
    dropped the quoted words.

    ## Example
    ```
    “[She] Maria Lopez, the spokeswoman, told reporters.
    ```

    ## Fix
    Restore the quotation from the source. No fix is offered.

    ## Leaves alone
    A bracket-opened quotation that closes: `“[She] is ready to lead,” Lopez said.`
    """
    return _hits(doc, ("bracket-quote",), lambda i: (
        f"Quotation opens with {i.detail} and never closes: the quoted words seem lost.", []))


@rule(code="Q006", name="unbalanced-bracket", family="quotes", severity="warning")
def unbalanced_bracket(doc: Document) -> Iterator[Hit]:
    """Flags a `(`, `[` or `{` never closed in its paragraph, or a closer never opened.

    ## What it flags
    A `(`, `[` or `{` never closed in its paragraph, or a `)`, `]`, `}` that closes nothing.

    ## Why it matters
    A lost bracket leaves an aside without its end, and the reader loses the thread of the
    sentence.

    ## Example
    ```
    The agency (which opened in 2019 said it would hire 40 staff.
    ```

    ## Fix
    Add the missing bracket where the aside ends. No fix is offered.

    ## Leaves alone
    List markers (`1)`, `a)`, `iv)`), emoticons (`:)`, `:-(`), half-open ranges (`[0, 1)`),
    a bracket quoted as a character (`the set holds "[" and "a"`), and anything inside code,
    which readers mask.
    """

    def message(i: _Issue):
        if i.kind == "bracket-open":
            return f"'{i.detail}' is never closed in this paragraph.", []
        return f"'{i.detail}' closes nothing in this paragraph.", []

    return _hits(doc, ("bracket-open", "bracket-close"), message)
