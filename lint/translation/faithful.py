"""Faithful repetition: the monolingual repetition rules (R001, R002) next to the source.

A parameter described twice in the source is described twice in a faithful translation; that
is not a translation defect. For a translation with an attached source, a repetition finding
whose aligned source block repeats too is dropped, and one whose source block does not is
kept with a note saying so.
"""

from __future__ import annotations

import regex

REPETITION_CODES = frozenset({"R001", "R002"})
_CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{N}'-]*")


def source_repeats(text: str) -> bool:
    """Whether ``text`` says something twice: for CJK text a run of six CJK characters that
    occurs twice (four suppressed too much on the MQM tuning part: half of what it removed
    were real errors; six removes 58 of 125 findings, 41% of them on a rater's span, and
    keeps 67, 75% on one); otherwise four words in a row that occur twice."""
    if _CJK_RE.search(text):
        chars = "".join(_CJK_RE.findall(text))
        seen = set()
        for k in range(len(chars) - 5):
            gram = chars[k:k + 6]
            if gram in seen:
                return True
            seen.add(gram)
        return False
    words = [w.lower() for w in _WORD_RE.findall(text)]
    grams = [tuple(words[k:k + 4]) for k in range(len(words) - 3)]
    return len(set(grams)) < len(grams)


def filter_repetition(doc, raw: list) -> list:
    """``raw`` (code, name, severity, hit) with repetition the source shares removed."""
    from lint.translation.bitext import Bitext, bitext_of

    if not any(code in REPETITION_CODES for code, *_ in raw):
        return raw
    bt = bitext_of(doc)
    if bt is None or (isinstance(doc.translation, Bitext) and bt.target_map is not None):
        return raw  # bilingual files: positions are not block offsets
    out = []
    for item in raw:
        code, _, _, hit = item
        if code not in REPETITION_CODES:
            out.append(item)
            continue
        k = next((i for i, p in enumerate(bt.pairs)
                  if p.target.start <= hit.offset < p.target.end), None)
        if k is None:
            out.append(item)  # not aligned: nothing known about the source
            continue
        # R002 looks up to three paragraphs back: so does the source side
        window = bt.pairs[max(0, k - 3):k + 1] if code == "R002" else bt.pairs[k:k + 1]
        if source_repeats("\n".join(p.source.text for p in window)):
            continue
        hit.message = f"{hit.message} The source does not repeat it."
        out.append(item)
    return out
