"""Lists, tables and headings whose shape differs from the source's (T010-T013)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from lint.registry import rule
from lint.translation.bitext import Bitext, Issue
from lint.translation.blocks import list_marker
from rules.translation._base import run, unit_rule


def _numbers(blocks, list_id) -> list[int]:
    return [b.meta["number"] for b in blocks
            if b.kind == "list_item" and b.meta.get("list") == list_id]


def _sequence_breaks(bt: Bitext, done: set) -> Iterator[Issue]:
    """Ordered target lists whose own numbering breaks (`1. 3. 3.`), where the source has
    no list alignment could pair them with (a list written as paragraphs, say)."""
    lists: dict[int, list] = defaultdict(list)
    for b in bt.target_blocks:
        if b.kind == "list_item" and b.meta.get("number") is not None:
            lists[b.meta["list"]].append(b)
    for items in lists.values():
        numbers = [b.meta["number"] for b in items]
        if len(items) < 3 or len(set(numbers)) == 1:
            continue
        expected = numbers[0] + 1
        for item in items[1:]:
            n = item.meta["number"]
            if n != expected and id(item) not in done:
                span = list_marker(item)
                a, b = span if span else (0, 0)
                yield (item.start + a, item.start + b,
                       f"List item numbered {n} where the list's sequence gives {expected}", 0)
            expected += 1  # judged against the first number: `1. 3. 3.` breaks once


def check_list_numbering(bt: Bitext) -> Iterator[Issue]:
    yield from _list_numbering(bt)


def _list_numbering(bt: Bitext) -> Iterator[Issue]:
    done = set()
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if s.kind != "list_item" or t.kind != "list_item":
            continue
        ns, nt = s.meta.get("number"), t.meta.get("number")
        if ns is None or nt is None or ns == nt:
            continue
        # `1. 1. 1.` and `1. 2. 3.` render the same list: beside a lazily numbered list only a
        # different first number, or a number that breaks the other list's own sequence, shows
        src_nums = _numbers(bt.source_blocks, s.meta["list"])
        tgt_nums = _numbers(bt.target_blocks, t.meta["list"])
        index = t.meta.get("index", 1)
        if len(set(tgt_nums)) == 1 and index != 1:
            continue
        if len(set(src_nums)) == 1 and index != 1:
            previous = tgt_nums[index - 2] if 1 < index <= len(tgt_nums) else None
            if previous is None or nt == previous + 1:
                continue
        span = list_marker(t)
        a, b = span if span else (0, 0)
        done.add(id(t))
        yield (t.start + a, t.start + b,
               f"List item numbered {nt} where the source numbers it {ns}", s.start)
    yield from _sequence_breaks(bt, done)


def _linked_lists(bt: Bitext) -> dict[int, Counter]:
    links: dict[int, Counter] = defaultdict(Counter)
    for pair in bt.pairs:
        if pair.source.kind == "list_item" and pair.target.kind == "list_item":
            links[pair.target.meta["list"]][pair.source.meta["list"]] += 1
    return links


def check_list_length(bt: Bitext) -> Iterator[Issue]:
    def items(blocks):
        out = defaultdict(list)
        for b in blocks:
            if b.kind == "list_item":
                out[b.meta["list"]].append(b)
        return out

    src_items, tgt_items = items(bt.source_blocks), items(bt.target_blocks)
    for tgt_id, counts in _linked_lists(bt).items():
        src_id, linked = counts.most_common(1)[0]
        ts, ss = tgt_items[tgt_id], src_items[src_id]
        # both lists must be mostly paired with each other, else they are not the same list
        if len(counts) > 1 or len(ts) == len(ss) or min(len(ts), len(ss)) < 2:
            continue
        if linked < min(len(ts), len(ss)):  # every item of the shorter list must be paired
            continue
        if src_id in {sid for other, c in _linked_lists(bt).items() if other != tgt_id
                      for sid in c}:
            continue  # the source list is split over several target lists
        first = ts[0]
        yield (first.start, first.end,
               f"List has {len(ts)} items where the source's has {len(ss)}", ss[0].start)


def check_table_shape(bt: Bitext) -> Iterator[Issue]:
    for pair in bt.pairs:
        s, t = pair.source, pair.target
        if s.kind != "table" or t.kind != "table":
            continue
        rs, cs, rt, ct = s.meta["rows"], s.meta["cols"], t.meta["rows"], t.meta["cols"]
        if (rs, cs) != (rt, ct):
            line_end = t.text.find("\n")
            yield (t.start, t.start + (line_end if line_end >= 0 else len(t.text)),
                   f"Table has {rt} rows and {ct} columns where the source's has {rs} and {cs}",
                   s.start)


def check_heading_count(bt: Bitext) -> Iterator[Issue]:
    if bt.segment_mode:
        return
    hs = [b for b in bt.source_blocks if b.kind == "heading"]
    ht = [b for b in bt.target_blocks if b.kind == "heading"]
    if len(hs) == len(ht) or not ht:
        return
    # point at the first target heading that is not paired with a source heading
    paired = {id(p.target) for p in bt.pairs if p.target.kind == "heading"}
    where = next((h for h in ht if id(h) not in paired), ht[-1])
    yield (where.start, where.end,
           f"The translation has {len(ht)} headings where the source has {len(hs)}",
           hs[0].start if hs else 0)


@unit_rule(check_list_numbering)
@rule(code="T010", name="list-renumbered", family="translation")
def list_renumbered(doc):
    """Flags an ordered list item whose number differs from the aligned source item's.

    ## What it flags
    A numbered list item (`3.`) paired with a source item numbered differently (`4.`).

    ## Why it matters
    Steps renumbered in a translation no longer match the source's references ("see step 4"),
    and a changed first number changes what the page shows.

    ## Example
    Source `1. 启动` / `2. 连接`, target `1. Start` / `3. Connect`.

    ## Fix
    Use the source's numbers.

    ## Leaves alone
    Lazy numbering on either side (`1. 1. 1.` beside `1. 2. 3.` renders the same) except on
    a list's first item or where the other list's own sequence breaks (`1. 3. 3.`); bullet
    lists. Where alignment paired nothing, a numbered list of three items or more whose own
    sequence breaks is still reported (lazy `1. 1. 1.` lists aside).
    """
    return run(doc, check_list_numbering)


@unit_rule(check_list_length)
@rule(code="T011", name="list-length-differs", family="translation")
def list_length_differs(doc):
    """Flags a list with more or fewer items than the source list it is aligned with.

    ## What it flags
    A target list whose items are mostly paired with one source list, when the two lists
    have different numbers of items. Reported at the target list's first item.

    ## Why it matters
    A dropped list item is a dropped option, step or caveat.

    ## Example
    Source list of four options, translation lists three.

    ## Fix
    Translate the missing item, or remove the added one.

    ## Leaves alone
    Lists that alignment could not tie to one source list (a list rendered as a paragraph, two
    lists merged), and nested lists counted separately.
    """
    return run(doc, check_list_length)


@unit_rule(check_table_shape)
@rule(code="T012", name="table-shape-differs", family="translation")
def table_shape_differs(doc):
    """Flags a table with a different number of rows or columns than its source table.

    ## What it flags
    A Markdown table paired with a source table of another shape. Reported at the header row.

    ## Why it matters
    A lost row is a lost parameter; a lost column breaks the table's meaning.

    ## Example
    A parameter table of 12 rows whose translation has 11.

    ## Fix
    Restore the row or column.

    ## Leaves alone
    Tables alignment could not pair; cell contents (the prose checks compare those).
    """
    return run(doc, check_table_shape)


@unit_rule(check_heading_count)
@rule(code="T013", name="heading-count-differs", family="translation", default=False)
def heading_count_differs(doc):
    """Flags a translated page with a different number of headings than its source.

    ## What it flags
    A target file whose heading count differs from its source file's, reported at the first
    target heading alignment could not pair (or the last heading). Off by default: real
    documentation translations often restructure sections.

    ## Why it matters
    A missing heading usually means a missing section.

    ## Example
    Source with sections 参数说明, 使用参考, 注意事项; translation without the last.

    ## Fix
    Translate the missing section, or align the structure.

    ## Leaves alone
    Segments of bilingual files; pages without headings.
    """
    return run(doc, check_heading_count)
