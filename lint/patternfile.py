"""The compiled-patterns file's layout: data only, and nothing to import but ``array``.

Each entry is the arguments ``regex`` passes to its C core (see :mod:`lint.patterns`):
``(pattern, flags, code, groupindex, indexgroup, named_lists, named_list_indexes,
req_offset, required_chars, req_flags, public_group_count)``, with no named lists. All
integers of all entries go into one array of 64-bit integers, all strings into one UTF-8
text joined by NULs (an entry whose strings hold a NUL is not stored). So loading is two C
calls and a walk that can only produce integers and strings: JSON or msgpack would cost a
one-file check their imports.
"""

from __future__ import annotations

import array

_HEAD = 10  # flags asked, flags, req_offset, req_flags, public_group_count, and 5 counts


def dump(entries: dict) -> bytes:
    """``{(pattern, flags asked): args}`` as bytes: the count of integers and the length of
    the strings (8 bytes each), the integers, then the strings."""
    ints: list[int] = []
    strs: list[str] = []
    for (_, asked), args in entries.items():
        (pattern, flags, code, groupindex, indexgroup, _, named_list_indexes, req_offset,
         required_chars, req_flags, public_group_count) = args
        names = [pattern, *groupindex, *indexgroup.values()]
        if any("\0" in s for s in names):
            continue
        ints += [asked, flags, req_offset, req_flags, public_group_count, len(code),
                 len(named_list_indexes), len(required_chars), len(groupindex),
                 len(indexgroup)]
        ints += [*code, *named_list_indexes, *required_chars, *groupindex.values(),
                 *indexgroup]
        strs += names
    packed = array.array("q", ints)
    text = "\0".join(strs).encode("utf-8", "surrogatepass")
    return array.array("q", [len(packed), len(text)]).tobytes() + packed.tobytes() + text


def load(blob: bytes) -> dict:
    """The entries :func:`dump` wrote; raises ValueError (or IndexError) for anything else."""
    head = array.array("q")
    head.frombytes(blob[:16])
    n, size = head
    if n < 0 or size < 0 or len(blob) != 16 + 8 * n + size:
        raise ValueError("truncated or too long")
    ints_array = array.array("q")
    ints_array.frombytes(blob[16:16 + 8 * n])
    ints = ints_array.tolist()
    strs = blob[16 + 8 * n:].decode("utf-8", "surrogatepass").split("\0")
    out = {}
    i = s = 0
    while i < n:
        (asked, flags, req_offset, req_flags, public_group_count, n_code, n_nli, n_req,
         n_groups, n_index) = ints[i:i + _HEAD]
        i += _HEAD
        if min(n_code, n_nli, n_req, n_groups, n_index) < 0:
            raise ValueError("negative count")
        code = ints[i:i + n_code]
        i += n_code
        nli = ints[i:i + n_nli]
        i += n_nli
        required = tuple(ints[i:i + n_req])
        i += n_req
        group_numbers = ints[i:i + n_groups]
        i += n_groups
        index_keys = ints[i:i + n_index]
        i += n_index
        pattern = strs[s]
        group_names = strs[s + 1:s + 1 + n_groups]
        index_names = strs[s + 1 + n_groups:s + 1 + n_groups + n_index]
        s += 1 + n_groups + n_index
        if i > n or s > len(strs) or any(nli):
            raise ValueError("inconsistent entry")
        out[(pattern, asked)] = (
            pattern, flags, code, dict(zip(group_names, group_numbers, strict=True)),
            dict(zip(index_keys, index_names, strict=True)), {}, nli, req_offset, required,
            req_flags, public_group_count)
    if s != len(strs) and not (s == 0 and strs == [""]):
        raise ValueError("strings left over")
    return out
