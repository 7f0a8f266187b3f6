"""Bilingual files read as pairs of segments, with every target character's place in the file.

- gettext PO/POT: entries from ``polib`` (fuzzy, obsolete and header entries skipped), the
  ``msgstr`` literals located and unescaped here so that each character maps to its file
  offset (an escape sequence maps as a whole);
- XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit>/<segment>``), TMX (``<tu>/<tuv>/<seg>``):
  parsed with ``lxml`` (no DTDs, no entities resolved, no network) for the structure, and the
  raw element content located in the file for positions. Inline markup (``<g>``, ``<x/>``,
  ``<ph>``, ``<bpt>``...) stays in the text as tags, so T004 compares it; XML entities are
  decoded.

:func:`read` returns a :class:`~lint.document.Document` whose prose segments are the target
texts (so the monolingual rules run on them) and whose ``translation`` is a
:class:`~lint.translation.bitext.Bitext` of the pairs (so the T rules run too).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from lint.document import Document, SegmentBuilder

PO_EXTENSIONS = (".po", ".pot")
XML_EXTENSIONS = (".xlf", ".xliff", ".tmx")
EXTENSIONS = PO_EXTENSIONS + XML_EXTENSIONS

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENTITY_RE = regex.compile(r"&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));")


@dataclass
class Unit:
    """One source/target pair; ``*_offsets[i]`` is the file offset of text character ``i``
    (one more entry: the offset just after the text)."""

    id: str
    source: str
    source_offsets: list[int]
    target: str
    target_offsets: list[int]


# -- PO -------------------------------------------------------------------------------------
def _po_literals(text: str, pos: int) -> tuple[str, list[int], int]:
    """Decode the quoted literals starting at ``pos`` (a keyword line's first quote) and on the
    following lines; returns (text, offsets, position after the last literal)."""
    out, offsets = [], []
    end = pos
    while True:
        m = regex.compile(r'[ \t]*"').match(text, pos)
        if m is None:
            break
        i = m.end()
        while i < len(text) and text[i] != '"':
            if text[i] == "\\" and i + 1 < len(text):
                out.append(_ESCAPES.get(text[i + 1], text[i + 1]))
                offsets.append(i)
                i += 2
            else:
                out.append(text[i])
                offsets.append(i)
                i += 1
        end = i  # the closing quote
        nl = text.find("\n", i)
        if nl < 0:
            break
        pos = nl + 1
    offsets.append(end)
    return "".join(out), offsets, end


_PO_KEY_RE = regex.compile(r'(?m)^(msgid|msgid_plural|msgstr(?:\[(\d+)\])?)[ \t]+(?=")')


def po_units(text: str) -> list[Unit]:
    import polib

    po = polib.pofile(text)
    line_starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]
    units = []
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or entry.msgid == "":
            continue
        start = line_starts[max(0, entry.linenum - 1)] if entry.linenum else 0
        fields: dict[str, tuple[str, list[int]]] = {}
        for m in _PO_KEY_RE.finditer(text, start):
            key = m.group(1)
            if key in fields or (key == "msgid" and fields):
                break  # the next entry
            value, offsets, _ = _po_literals(text, m.end())
            fields[key] = (value, offsets)
        if "msgid" not in fields:
            continue
        src = fields["msgid"]
        for key, (value, offsets) in fields.items():
            if not key.startswith("msgstr"):
                continue
            plural = key.endswith("]") and not key.endswith("[0]")
            s = fields.get("msgid_plural", src) if plural else src
            units.append(Unit(f"{entry.msgctxt or ''}{entry.msgid}", s[0], s[1], value, offsets))
    return units


# -- XML formats ----------------------------------------------------------------------------
def _decode_xml(text: str, base: int) -> tuple[str, list[int]]:
    out, offsets, pos = [], [], 0
    for m in _ENTITY_RE.finditer(text):
        for k in range(pos, m.start()):
            out.append(text[k])
            offsets.append(base + k)
        if m.group(1):
            ch = _ENTITIES[m.group(1)]
        else:
            ch = chr(int(m.group(2)) if m.group(2) else int(m.group(3), 16))
        out.append(ch)
        offsets.append(base + m.start())
        pos = m.end()
    for k in range(pos, len(text)):
        out.append(text[k])
        offsets.append(base + k)
    offsets.append(base + len(text))
    return "".join(out), offsets


def _elements(text: str, name: str) -> list[tuple[int, int]]:
    """Content spans of the ``<name ...>...</name>`` elements, in document order (no nesting
    of ``name`` inside itself, which these formats do not allow); an empty ``<name/>`` gives
    an empty span."""
    out = []
    for m in regex.finditer(rf"<{name}\b[^>]*?(/?)>", text):
        if m.group(1):
            out.append((m.end(), m.end()))
            continue
        close = text.find(f"</{name}>", m.end())
        if close >= 0:
            out.append((m.end(), close))
    return out


def _strip_comments(text: str) -> str:
    """Comments and CDATA-free text with the same length (so offsets hold)."""
    return regex.sub(r"<!--.*?-->", lambda m: " " * len(m.group()), text, flags=regex.S)


def _parse_xml(text: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    return etree.fromstring(text.encode("utf-8"), parser)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xliff_units(text: str) -> list[Unit]:
    root = _parse_xml(text)
    clean = _strip_comments(text)
    sources, targets = _elements(clean, "source"), _elements(clean, "target")
    # pair them in document order, by the units lxml finds
    units, si, ti = [], 0, 0
    for el in root.iter():
        kind = _local(el.tag)
        if kind not in ("trans-unit", "segment"):
            continue
        has_source = any(_local(c.tag) == "source" for c in el)
        has_target = any(_local(c.tag) == "target" for c in el)
        if not has_source:
            continue
        s0, s1 = sources[si]
        si += 1
        if not has_target or el.get("translate") == "no":
            ti += has_target
            continue
        t0, t1 = targets[ti]
        ti += 1
        uid = el.get("id") or (el.getparent().get("id") if el.getparent() is not None else "")
        src, src_off = _decode_xml(text[s0:s1], s0)
        tgt, tgt_off = _decode_xml(text[t0:t1], t0)
        units.append(Unit(uid or "", src, src_off, tgt, tgt_off))
    return units


def tmx_units(text: str, source_language: str = "") -> list[Unit]:
    root = _parse_xml(text)
    clean = _strip_comments(text)
    segs = _elements(clean, "seg")
    header = root.find("header")
    srclang = (source_language or (header.get("srclang") if header is not None else "")
               or "").lower()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    units, k = [], 0
    for tu in root.iter("tu"):
        tuvs = []
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower()
            if tuv.find("seg") is not None:
                tuvs.append((lang, segs[k]))
                k += 1
        if len(tuvs) < 2:
            continue
        src = next((t for t in tuvs if t[0].split("-")[0] == srclang.split("-")[0]), tuvs[0])
        for lang, span in tuvs:
            if (lang, span) is src or span == src[1]:
                continue
            s_text, s_off = _decode_xml(text[src[1][0]:src[1][1]], src[1][0])
            t_text, t_off = _decode_xml(text[span[0]:span[1]], span[0])
            units.append(Unit(tu.get("tuid") or "", s_text, s_off, t_text, t_off))
    return units


def tbx_terms(path: str) -> list[tuple[str, str]]:
    """(source term, target term) of a TBX glossary: the first two languages of each entry."""
    with open(path, encoding="utf-8") as fh:
        root = _parse_xml(fh.read())
    out = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        terms = []
        for lang_set in entry:
            if _local(lang_set.tag) != "langSet":
                continue
            term = next((t.text for t in lang_set.iter() if _local(t.tag) == "term"), None)
            if term:
                terms.append(term.strip())
        if len(terms) >= 2:
            out.append((terms[0], terms[1]))
    return out


def units_of(path: str, text: str) -> list[Unit]:
    lower = path.lower()
    if lower.endswith(PO_EXTENSIONS):
        return po_units(text)
    if lower.endswith(".tmx"):
        return tmx_units(text)
    return xliff_units(text)


# -- as a document --------------------------------------------------------------------------
def read(path: str, text: str) -> Document:
    """The target texts as prose segments, the pairs as the document's bitext."""
    from lint.translation.align import Pair
    from lint.translation.bitext import Bitext
    from lint.translation.blocks import Block

    doc = Document(path=path, source=text, format="bilingual")
    try:
        units = units_of(path, text)
    except Exception as exc:  # a malformed file: one error line, like an unreadable file
        from lint.runner import InputError

        raise InputError(f"{path}: cannot read as a translation file: {exc}") from None
    src_parts, tgt_parts, s_map, t_map = [], [], [], []
    pairs, s_blocks, t_blocks = [], [], []
    s_pos = t_pos = 0
    for u in units:
        builder = SegmentBuilder("paragraph", {"id": u.id})
        for k, ch in enumerate(u.target):
            a, b = u.target_offsets[k], u.target_offsets[k + 1]
            if b - a == 1:
                builder.add(ch, a)
            else:
                builder.add_atomic(ch, a, max(b, a + 1))
        seg = builder.build()
        if seg is not None:
            doc.segments.append(seg)
        sb = Block("segment", s_pos, s_pos + len(u.source), u.source, 1, {"id": u.id})
        tb = Block("segment", t_pos, t_pos + len(u.target), u.target, 1, {"id": u.id})
        pairs.append(Pair(sb, tb, "given"))
        s_blocks.append(sb)
        t_blocks.append(tb)
        src_parts.append(u.source)
        tgt_parts.append(u.target)
        s_map += u.source_offsets[:-1] + [u.source_offsets[-1]]
        t_map += u.target_offsets[:-1] + [u.target_offsets[-1]]
        s_pos += len(u.source) + 1
        t_pos += len(u.target) + 1
    bt = Bitext(path, "\n".join(src_parts), "\n".join(tgt_parts), pairs, s_blocks, t_blocks,
                segment_mode=True)
    bt.target_map = _mapper(t_map)
    bt.source_map = _mapper(s_map)
    bt.file_text = text
    doc.translation = bt
    return doc


def _mapper(offsets: list[int]):
    def to_file(i: int) -> int:
        if not offsets:
            return 0
        return offsets[min(max(i, 0), len(offsets) - 1)]

    return to_file


def line_of(text: str, offset: int) -> tuple[int, int]:
    starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]
    k = bisect.bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1
