"""Every rule is linear in the size of a document: each rule runs on 1× and 8× the same kind
of text and the count of Python bytecode instructions it executes (a deterministic counter,
``sys.settrace`` opcode events) may grow at most ``MAX_RATIO`` times.

The counter sees Python work, not work inside C calls: a C-level scan repeated per token
(``text.count(word)`` in a loop) grows as ``calls × length`` where only ``calls`` is counted,
so such calls are listed in the rule's docstring or capped instead (G002's term count looks
at the document's text once per candidate, and candidates are rare).
"""

import random
import sys

import pytest

from bench.synth import FIRST, LAST
from lint.config import Config
from lint.readers import read_document
from lint.registry import all_rules
from lint.runner import build_plan

#: 8× the text may cost at most this many times the instructions (linear: 8; fixed costs per
#: call make it lower; a quadratic step makes it 64).
MAX_RATIO = 10.0


def synthetic(paragraphs: int, seed: int) -> str:
    """Paragraphs of sentences drawn from the 5,000 most frequent English words, with names
    (from a closed list, as a document repeats its names) and damage at fixed rates (doubled
    words, a repeated sentence, a misspelt name, an unclosed quote). A sentence is drawn word
    by word, so a longer text is not more repetitive: the same kind of text at every size.
    (Template sentences are not: they repeat more the longer the text, so a repetition
    prefilter passes more of a longer text, which is no property of the rule.)"""
    rng = random.Random(seed)
    words = _common_words()
    out = ["Report of the week"]
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            sent = [rng.choice(words) for _ in range(rng.randint(6, 18))]
            roll = rng.random()
            if roll < 0.05:
                k = rng.randrange(len(sent))
                sent.insert(k, sent[k])  # doubled word
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if roll > 0.97:
                name = name[:-2] + name[-1]  # a letter dropped
            sentences.append(f"{' '.join(sent).capitalize()}, {name} said.")
            if 0.05 <= roll < 0.08:
                sentences.append(sentences[-1])  # a repeated sentence
        text = " ".join(sentences)
        if rng.random() < 0.03:
            text = "“" + text  # a quote never closed
        out.append(text)
    return "\n\n".join(out)


def _common_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", 5000) if w.isalpha()]


def count_ops(fn) -> int:
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "opcode":
            count += 1
        return local

    def glob(frame, event, arg):
        frame.f_trace_opcodes = True
        return local

    old = sys.gettrace()
    sys.settrace(glob)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def _run(rule, ctx, text):
    return _apply(rule, ctx, read_document("a.txt", text, "text"))


def _apply(rule, ctx, doc):
    if rule.is_corpus:
        data = rule.collect(doc, ctx) if rule.wants_ctx else rule.collect(doc)
        items = [("a.txt", data)]
        return list(rule.reduce(items, ctx) if rule.wants_ctx else rule.reduce(items))
    return list(rule.check(doc, ctx) if rule.wants_ctx else rule.check(doc))


RULES = [code for code, r in all_rules().items() if r.check or r.collect]


@pytest.fixture(scope="module")
def plan():
    return build_plan(Config(), select=["ALL"])


@pytest.mark.parametrize("code", RULES)
def test_rule_is_linear(code, plan):
    rule = all_rules()[code]
    small, large = synthetic(60, 1), synthetic(480, 1)
    for text in (small, large):  # load the rule's data and per-spelling caches first
        _run(rule, plan.ctx, text)
    # the reader's work is not counted (test_reader_is_linear); the document's lazily built
    # parts (sentences, tokens, shared scans) are, when the rule asks for them
    doc_small, doc_large = (read_document("a.txt", t, "text") for t in (small, large))
    ops_small = count_ops(lambda: _apply(rule, plan.ctx, doc_small))
    ops_large = count_ops(lambda: _apply(rule, plan.ctx, doc_large))
    assert ops_large <= MAX_RATIO * max(ops_small, 1), (code, ops_small, ops_large)


def test_counter_sees_quadratic_work():
    """The property has teeth: a quadratic pass is caught."""
    def pairs(n):
        return lambda: sum(1 for i in range(n) for j in range(i))

    assert count_ops(pairs(80)) > MAX_RATIO * count_ops(pairs(10))


def test_reader_is_linear():
    small, large = synthetic(60, 1), synthetic(480, 1)
    ops_small = count_ops(lambda: read_document("a.txt", small, "text").segments)
    ops_large = count_ops(lambda: read_document("a.txt", large, "text").segments)
    assert ops_large <= MAX_RATIO * ops_small
