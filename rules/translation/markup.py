"""Code, placeholders, tags and links that a translation changed (T001-T006)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from lint import patterns
from lint.registry import rule
from lint.translation.anchors import CJK_RUN_RE, markup_anchors, normalise_link
from lint.translation.bitext import Bitext, Issue
from rules.translation._base import PROSE_KINDS, run, unit_rule

_FENCE_RE = patterns.compile(r"^[ \t>]*(```+|~~~+)")
#: Comments, which translators translate: `#` at a line's start or `# ...` after a space,
#: `// ...`, `/* ... */`, `<!-- ... -->`, `-- ...` (SQL, Lua), a doc comment's `* ...` line.
_COMMENT_RE = patterns.compile(r"^\s*(?:#|//|\*(?!\S*\*)).*|(?<=\s)(?:#|//|--)(?:\s.*|$)"
                               r"|/\*.*?\*/|<!--.*?-->")
#: What a code line is compared on: letters and digits. Spacing, box drawing (`+---` and
#: `+--` trees of program output) and punctuation vary between copies of the same example.
_NOT_ALNUM_RE = patterns.compile(r"[^\p{L}\p{N}]+")


def _code_key(line: str) -> str:
    """A code line as compared: comments, text in the source script, spacing and
    punctuation ignored; a line with source-script text is translatable (empty key)."""
    line = _COMMENT_RE.sub("", line)
    if CJK_RUN_RE.search(line):
        return ""
    return _NOT_ALNUM_RE.sub(" ", line).strip()


def _code_lines(block) -> list[tuple[int, int, str]]:
    """(start, end, key) of a code block's content lines, offsets into the block text."""
    out, pos = [], 0
    lines = block.text.split("\n")
    fenced = bool(lines and _FENCE_RE.match(lines[0]))
    for k, line in enumerate(lines):
        a, pos = pos, pos + len(line) + 1
        if fenced and (k == 0 or (k == len(lines) - 1 and _FENCE_RE.match(line))):
            continue
        key = _code_key(line)
        if key:
            out.append((a, a + len(line.rstrip()), key))
    return out


def check_code_blocks(bt: Bitext) -> Iterator[Issue]:
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if s.kind != "code" or t.kind != "code":
            continue
        src = _code_lines(s)
        tgt = _code_lines(t)
        have = Counter(key for _, _, key in src)
        src_at = {key: a for a, _, key in reversed(src)}
        extra = []
        for a, b, key in tgt:
            if have[key] > 0:
                have[key] -= 1
            else:
                extra.append((a, b, key))
        lost = [key for key, n in have.items() for _ in range(n)]
        if not extra or not lost:
            continue  # a line added or dropped alone: an example shortened, not changed code
        for a, b, key in extra[:3]:
            near = min(lost, key=lambda k: _distance(k, key))
            if _DIGITS_RE.sub("0", near) == _DIGITS_RE.sub("0", key) \
                    and not _COMMAND_RE.search(t.text[a:b]):
                continue  # program output run again: timings, ids and counts differ
            yield (t.start + a, t.start + b,
                   f"Code line differs from the source ('{_short(near)}')",
                   s.start + src_at.get(near, 0))


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _prose_anchors(text: str, markdown: bool):
    found, _ = markup_anchors(text, markdown=markdown)
    return found


def _source_keys(bt: Bitext, kinds, key) -> set:
    """Every anchor value of ``kinds`` anywhere in the source file: a target anchor found
    there is not a changed one, whatever the alignment paired it with."""
    memo = bt.__dict__.setdefault("_keys", {})
    if kinds not in memo:
        found, _ = markup_anchors(bt.source, markdown=not bt.segment_mode)
        memo[kinds] = {key(a, bt) for a in found if a.kind in kinds}
    return memo[kinds]


def _compare(bt: Bitext, kinds: tuple[str, ...], *, key=lambda a, bt: a.value,
             skip=lambda a: False, label: str, same=lambda a, b, src: False
             ) -> Iterator[Issue]:
    """Anchors of ``kinds`` whose values differ within aligned prose pairs: each target anchor
    with no counterpart, when the source also has one with no counterpart (a change).
    ``same(target anchor, lost source anchors, source block text)`` excuses a difference."""
    markdown = True  # inline code and links are specific enough to find in any text
    elsewhere = set() if bt.segment_mode else _source_keys(bt, kinds, key)
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if t.kind not in PROSE_KINDS:
            continue
        sa = [a for a in _prose_anchors(s.text, markdown) if a.kind in kinds and not skip(a)]
        ta = [a for a in _prose_anchors(t.text, markdown) if a.kind in kinds and not skip(a)]
        if not sa and not ta:
            continue
        have = Counter(key(a, bt) for a in sa)
        extra = []
        for a in ta:
            k = key(a, bt)
            if have[k] > 0:
                have[k] -= 1
            else:
                extra.append(a)
        lost = [a for a in sa if have[key(a, bt)] > 0]
        if not lost:
            continue
        extra = [a for a in extra if key(a, bt) not in elsewhere and not same(a, lost, s.text)]
        if extra:
            for a in extra:
                yield (t.start + a.start, t.start + a.end,
                       f"{label} '{_short(a.raw)}' differs from the source's "
                       f"'{_short(lost[0].raw)}'", s.start + lost[0].start)
        elif bt.segment_mode and kinds in (("placeholder",), ("tag",)):
            yield (t.start, t.end, f"{label} '{lost[0].raw}' of the source is missing",
                   s.start + lost[0].start)


def _has_cjk(a) -> bool:
    return bool(CJK_RUN_RE.search(a.raw))


_LETTERS_RE = patterns.compile(r"[A-Za-z+ ]+")
_NUMERIC_RE = patterns.compile(r"[\d.,:]+\s*(?:ms|s|m|h|%)?")
_DIGITS_RE = patterns.compile(r"\d+")
#: A command line (shell prompt or an option flag): a changed number there changes the command.
_COMMAND_RE = patterns.compile(r"^\s*(?:\$|\[[^\]]*\]\$|>)\s|\s--?[A-Za-z]")
_TOKEN_RE = patterns.compile(r"[\w.$-]+")


def _same_code(a, lost, source_text: str) -> bool:
    """Inline code that is a rewording, not a change: the target put in backticks what the
    source wrote as text (`` `Stopped` `` for 变为 Stopped; the class and method of
    ``demo.MathGame primeFactors`` given apart; at most two words), one contains the other as
    whole words (`java` / `java -jar`, not `-skip` / `--skip`),
    or keys and words differ in case only (`Ctrl+C` / `ctrl+c`)."""
    value = a.value
    if _NUMERIC_RE.fullmatch(value):
        return True  # a number in backticks: T020 compares numbers
    tokens = _TOKEN_RE.findall(value)
    if 0 < len(tokens) <= 2 and set(tokens) <= set(_TOKEN_RE.findall(source_text)):
        return True
    for b in lost:
        short, long = sorted((value, b.value), key=len)
        if regex.search(r"(?:^|\s)" + regex.escape(short) + r"(?:\s|$)", long):
            return True
        if value.lower() == b.value.lower() and _LETTERS_RE.fullmatch(value):
            return True
    return False


def check_inline_code(bt: Bitext) -> Iterator[Issue]:
    return _compare(bt, ("code",), key=lambda a, b: a.value.rstrip("/"), skip=_has_cjk,
                    label="Inline code", same=_same_code)


def check_placeholders(bt: Bitext) -> Iterator[Issue]:
    return _compare(bt, ("placeholder",), label="Placeholder")


def check_tags(bt: Bitext) -> Iterator[Issue]:
    return _compare(bt, ("tag",), label="HTML tag")


def _link_key(a, bt):
    return normalise_link(a.value, bt.localised_links)


#: A link to a page in the source's language: CJK in its address, raw or percent-encoded
#: (UTF-8 lead bytes E2-EF). A translation may point to an equivalent page in its own.
_SOURCE_LANGUAGE_URL_RE = patterns.compile(r"%E[2-9A-F]%[89AB][0-9A-F]|[\p{Han}\p{Hangul}"
                                           r"\p{Hiragana}\p{Katakana}]", regex.I)


def check_links(bt: Bitext) -> Iterator[Issue]:
    reported = set()

    def localised(a, lost, _text):
        return bt.localised_links and all(_SOURCE_LANGUAGE_URL_RE.search(b.value)
                                          for b in lost)

    for issue in _compare(bt, ("link",), key=_link_key, label="Link target", same=localised):
        reported.add(issue[0])
        yield issue
    if bt.segment_mode:
        return
    # anywhere in the file, aligned or not: a link one or two edits away from a link of the
    # source that the source does not have itself is a mistyped copy of it
    from rapidfuzz.distance import Levenshtein

    src_links = {}
    for a in markup_anchors(bt.source)[0]:
        if a.kind == "link":
            src_links.setdefault(_link_key(a, bt), a.start)
    for a in markup_anchors(bt.target)[0]:
        key = _link_key(a, bt)
        if a.kind != "link" or key in src_links or a.start in reported or len(key) < 6:
            continue
        for other, at in src_links.items():
            if 0 < Levenshtein.distance(key, other, score_cutoff=2) <= 2 \
                    and _DIGITS_RE.sub("", key) != _DIGITS_RE.sub("", other):  # not issue/15
                yield (a.start, a.end, f"Link target '{_short(a.raw)}' looks like a mistyped "
                       f"'{_short(other)}' of the source", at)
                break


@unit_rule(check_code_blocks)
@rule(code="T001", name="code-block-changed", family="translation")
def code_block_changed(doc):
    """Flags a line of a code block that differs from the aligned code block of the source.

    ## What it flags
    In a code block paired with the source's, a line with no equal line in the source block,
    when the source block also has a line with no equal line in the target: a changed command,
    option, value or output line.

    ## Why it matters
    Code is copied, not translated; a changed line makes the example fail or mean something
    else, and nobody reading only the translation can tell.

    ## Example
    Source `$ watch demo.MathGame primeFactors -x 2`, target `$ watch demo.MathGame
    primeFactors -x 3`.

    ## Fix
    Copy the code block from the source; translate only its comments.

    ## Leaves alone
    Comments (`# ...`, `// ...`, `/* ... */`, a doc comment's `* ...` lines,
    `<!-- ... -->`, `-- ...`), which are translated legitimately; lines with text in the
    source's script (translated output or messages); spacing and punctuation (`"a" : 1` and
    `"a": 1`, the `+---` and `+--` of a printed tree), so a change of punctuation alone is not
    reported; output lines that differ only in digits (an example run again: timings, hash
    codes, counts), unless the line is a command (a `$` prompt or an option flag); a block
    with lines added or removed only (a shortened example).
    """
    return run(doc, check_code_blocks)


@unit_rule(check_inline_code)
@rule(code="T002", name="inline-code-changed", family="translation")
def inline_code_changed(doc):
    """Flags inline code in a translation that differs from the inline code of its source.

    ## What it flags
    In an aligned block, a `` `code` `` span of the target that the source does not have,
    when the source has one the target lacks.

    ## Why it matters
    Inline code names options, classes and commands; a changed one sends the reader to
    something that does not exist.

    ## Example
    Source `` 使用 `-x 2` 参数 ``, target `` use the `-x 3` option ``.

    ## Fix
    Copy the code span from the source.

    ## Leaves alone
    Inline code holding source-script text (a translated term the source put in backticks),
    code that only moved inside the block, and code added or dropped alone (formatting choices).
    """
    return run(doc, check_inline_code)


@unit_rule(check_placeholders)
@rule(code="T003", name="placeholder-mismatch", family="translation")
def placeholder_mismatch(doc):
    """Flags a placeholder of the source that the translation lost or changed.

    ## What it flags
    printf placeholders (`%s`, `%1$d`, `%(name)s`), braces (`{name}`, `{0}`, ICU
    `{count, plural, ...}`), `{{var}}`, `${var}` and numbered tags (`<0></0>`) that differ
    between an aligned source and target; in a bilingual file's segment, a placeholder of the
    source missing from the target too.

    ## Why it matters
    Software fills placeholders at run time; a lost or renamed one crashes the formatter or
    shows a raw `{name}` to users.

    ## Example
    Source `已删除 %d 个文件`, target `Deleted %s files`.

    ## Fix
    Keep every placeholder of the source, unchanged; move it where the grammar needs it.

    ## Leaves alone
    Placeholders in a different order, braces in prose that do not close right after a name,
    and (in Markdown pages) a placeholder dropped alone.
    """
    return run(doc, check_placeholders)


@unit_rule(check_tags)
@rule(code="T004", name="tag-mismatch", family="translation")
def tag_mismatch(doc):
    """Flags an HTML tag in a translation where its source has a different one.

    ## What it flags
    Inline HTML tags (by name, opening or closing) that differ between an aligned source and
    target: `<b>` became `<strong>`, a `</a>` was lost while a `<br>` appeared.

    ## Why it matters
    Changed tags break the markup or change what the page shows.

    ## Example
    Source `<b>注意</b>`, target `<strong>Note</b>`.

    ## Fix
    Keep the source's tags; translate the text between them.

    ## Leaves alone
    Tags that only moved, attributes, and (in pages) a tag added or dropped alone; in a
    bilingual file's segment a tag of the source missing from the target is reported
    (XLIFF inline codes such as `<x id="1"/>` included).
    """
    return run(doc, check_tags)


@unit_rule(check_links)
@rule(code="T005", name="link-changed", family="translation")
def link_changed(doc):
    """Flags a link or image target in a translation that differs from its source's.

    ## What it flags
    In an aligned block, a link target (Markdown, HTML `href`/`src`, a bare URL) of the target
    that the source does not have, when the source has one the target lacks; anywhere in a
    file, a link target the source does not have that is one or two edits away from one it
    has (a mistyped copy, found even where alignment paired nothing) unless they differ in
    digits only (`issues/15` and `issues/1056` are two issues).

    ## Why it matters
    A changed link sends the reader elsewhere; a mistyped one is a dead link.

    ## Example
    Source `[快速入门](quick-start.md)`, target `[Quick Start](quick-stat.md)`.

    ## Fix
    Copy the link target from the source, or the localised page's address.

    ## Leaves alone
    Links localised on purpose: language codes in the path or query (`/zh/` and `/en/`,
    `language=cn` and `language=en`, `index.zh-CN.md`) do not count while the pair's
    `localised-links` setting is on (the default), and a source link to a page in the
    source's language (CJK in its address, raw or percent-encoded) may be replaced by any
    other. Links added or dropped alone.
    """
    return run(doc, check_links)
