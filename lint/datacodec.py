"""A data-only encoding for what mtlint reads back from disk (the results cache).

msgpack with four extension types: tuple, set, frozenset, and an instance of one of a fixed
list of mtlint's own dataclasses (:data:`CLASSES`), stored as its class name and field values.
Decoding never imports anything, never looks a name up outside that list and never calls
anything but those dataclasses' generated ``__init__``; each field is checked against its
declared type, so a crafted blob is a :class:`DecodeError` (a cache miss), never code run and
never an object of the wrong shape handed to the engine.
"""

from __future__ import annotations

import msgpack

_TUPLE, _SET, _FROZENSET, _OBJECT = 1, 2, 3, 4
#: Nesting deeper than this is not something mtlint writes: refuse it (no recursion bomb).
MAX_DEPTH = 64


class DecodeError(ValueError):
    """The blob is not something mtlint wrote."""


# -- field checks --------------------------------------------------------------------------
def _int(v):
    return type(v) is int


def _str(v):
    return type(v) is str


def _opt(check):
    return lambda v: v is None or check(v)


def _list_of(check):
    return lambda v: type(v) is list and all(check(x) for x in v)


def _plain_dict(v):
    return type(v) is dict and all(_str(k) and type(x) in (str, int) for k, x in v.items())


def _tuple_of_str(v):
    return type(v) is tuple and all(map(_str, v))


def _severity(v):
    return v in ("info", "warning", "error")


def _instance(name):
    return lambda v: type(v) is _classes()[name][0]


def _region(v):
    return (type(v) is tuple and len(v) == 4 and _int(v[0]) and _int(v[1])
            and type(v[2]) is tuple and all(_str(c) for c in v[2]) and _int(v[3]))


_SPECS: dict[str, tuple] | None = None


def _classes() -> dict[str, tuple]:
    """Class name -> (class, field checks in field order)."""
    global _SPECS
    if _SPECS is None:
        from lint.document import Directive
        from lint.finding import Finding, Fix, Hit
        from lint.suppress import Suppressions

        fix = _opt(lambda v: type(v) is Fix)
        related = _opt(_list_of(_plain_dict))  # a translation's source line
        judged = _tuple_of_str
        _SPECS = {
            "Fix": (Fix, (_int, _int, _str)),
            "Hit": (Hit, (_int, _int, _str, _list_of(_str), fix, _opt(_str),
                          _opt(_severity), _opt(_str), related, judged)),
            "Finding": (Finding, (_str, _int, _int, _int, _int, _int, _int, _str, _str,
                                  _severity, _str, _list_of(_str), fix, related, _opt(_str),
                                  _int, judged)),
            "Directive": (Directive, (_str, _tuple_of_str, _int, _int)),
            "Suppressions": (Suppressions, (_list_of(_instance("Directive")),
                                            _list_of(_region),
                                            lambda v: type(v) is set and all(map(_int, v)))),
        }
    return _SPECS


# -- encoding ------------------------------------------------------------------------------
def _default(obj):
    t = type(obj)
    if t is tuple:
        return msgpack.ExtType(_TUPLE, _pack(list(obj)))
    if t is set:
        return msgpack.ExtType(_SET, _pack(list(obj)))
    if t is frozenset:
        return msgpack.ExtType(_FROZENSET, _pack(list(obj)))
    name = t.__name__
    spec = _classes().get(name)
    if spec is not None and spec[0] is t:
        import dataclasses

        values = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
        return msgpack.ExtType(_OBJECT, _pack([name, *values]))
    raise TypeError(f"cannot store a {t.__qualname__}")


def _pack(obj) -> bytes:
    return msgpack.packb(obj, default=_default, strict_types=True, use_bin_type=True)


def encode(obj) -> bytes:
    """``obj`` (plain values, tuples, sets and the dataclasses of :data:`CLASSES`) as bytes;
    raises TypeError for anything else."""
    return _pack(obj)


# -- decoding ------------------------------------------------------------------------------
class _Decoder:
    __slots__ = ("depth",)

    def __init__(self):
        self.depth = 0

    def hook(self, code: int, data: bytes):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise DecodeError("nested too deeply")
        try:
            items = self.unpack(data)
        finally:
            self.depth -= 1
        if type(items) is not list:
            raise DecodeError("extension without a list")
        if code == _TUPLE:
            return tuple(items)
        if code == _SET:
            return set(items)
        if code == _FROZENSET:
            return frozenset(items)
        if code == _OBJECT:
            return _build(items)
        raise DecodeError(f"unknown extension {code}")

    def unpack(self, data: bytes):
        return msgpack.unpackb(data, ext_hook=self.hook, strict_map_key=False, raw=False,
                               use_list=True)


def _build(items: list):
    if not items or type(items[0]) is not str:
        raise DecodeError("object without a class name")
    spec = _classes().get(items[0])
    if spec is None:
        raise DecodeError(f"class {items[0]!r} is not stored")
    cls, checks = spec
    values = items[1:]
    if len(values) != len(checks):
        raise DecodeError(f"{items[0]}: {len(values)} fields")
    for check, value in zip(checks, values, strict=True):
        if not check(value):
            raise DecodeError(f"{items[0]}: a field of the wrong type")
    return cls(*values)


def decode(blob: bytes):
    """The object :func:`encode` made ``blob`` from; :class:`DecodeError` for anything else
    (never another exception type, never code run)."""
    try:
        return _Decoder().unpack(blob)
    except DecodeError:
        raise
    except Exception as exc:  # msgpack's own errors, unhashable keys, recursion
        raise DecodeError(f"{type(exc).__name__}: {exc}") from None


# -- a file's result: the warm run's hot path, so a flat layout without extension types ----
def _int_array(values: list[int]) -> bytes:
    import array

    return array.array("q", values).tobytes()


def _int_list(blob) -> list[int]:
    if type(blob) is not bytes or len(blob) % 8:
        raise DecodeError("not an array of integers")
    values = _array("q")
    values.frombytes(blob)
    return values.tolist()


def _array(typecode):
    import array

    return array.array(typecode)


def encode_result(result) -> bytes:
    """A :class:`~lint.runner.FileResult` without its corpus data, flat: findings as rows,
    line starts as an array; raises TypeError for one that cannot be stored so."""
    if result.corpus:
        raise TypeError("corpus data is stored apart")
    rows = []
    for f in result.findings:
        if f.path != result.path:
            raise TypeError("a finding of another file")
        fix = f.fix
        rows.append([f.line, f.column, f.end_line, f.end_column, f.offset, f.end_offset, f.code,
                     f.rule, f.severity, f.message, list(f.suggestions),
                     None if fix is None else [fix.offset, fix.end_offset, fix.replacement],
                     list(f.judged)])
    sup = result.suppressions
    if sup is not None:
        sup = [[[d.kind, list(d.codes), d.offset, d.end_offset] for d in sup.directives],
               [[a, b, list(codes), i] for a, b, codes, i in sup.regions], sorted(sup.used)]
    starts = None if result.line_starts is None else _int_array(result.line_starts)
    return msgpack.packb([result.path, rows, starts, sup, result.words, result.chars,
                          result.lines, sorted(result.vocabulary)], use_bin_type=True,
                         strict_types=True)


def _strs(v) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def decode_result(blob: bytes):
    """The FileResult :func:`encode_result` made ``blob`` from, every field checked;
    :class:`DecodeError` for anything else."""
    try:
        return _decode_result(blob)
    except DecodeError:
        raise
    except Exception as exc:
        raise DecodeError(f"{type(exc).__name__}: {exc}") from None


_RESULT_CLASSES: tuple | None = None


def _result_classes() -> tuple:
    global _RESULT_CLASSES
    if _RESULT_CLASSES is None:
        from lint.document import Directive
        from lint.finding import Finding, Fix
        from lint.runner import FileResult
        from lint.suppress import Suppressions

        _RESULT_CLASSES = (Directive, Finding, Fix, FileResult, Suppressions)
    return _RESULT_CLASSES


def _decode_result(blob: bytes):
    Directive, Finding, Fix, FileResult, Suppressions = _RESULT_CLASSES or _result_classes()
    data = msgpack.unpackb(blob, raw=False, strict_map_key=False)
    if type(data) is not list or len(data) != 8:
        raise DecodeError("not a file's result")
    path, rows, starts, sup, words, chars, lines, vocabulary = data
    if not (type(path) is str and type(rows) is list and type(words) is int
            and type(chars) is int and type(lines) is dict and _strs(vocabulary)):
        raise DecodeError("a field of the wrong type")
    if lines and not all(type(k) is int and type(v) is str for k, v in lines.items()):
        raise DecodeError("a line of the wrong type")
    findings = []
    for row in rows:
        if type(row) is not list or len(row) != 13:
            raise DecodeError("not a finding")
        *ints, code, rule, severity, message, suggestions, fix, judged = row
        if not (all(type(x) is int for x in ints) and type(code) is str and type(rule) is str
                and severity in ("info", "warning", "error") and type(message) is str
                and _strs(suggestions) and _strs(judged)):
            raise DecodeError("a finding's field of the wrong type")
        if fix is not None:
            if not (type(fix) is list and len(fix) == 3 and type(fix[0]) is int
                    and type(fix[1]) is int and type(fix[2]) is str):
                raise DecodeError("not a fix")
            fix = Fix(*fix)
        findings.append(Finding(path, *ints, code, rule, severity, message, suggestions, fix,
                                judged=tuple(judged)))
    if sup is not None:
        if type(sup) is not list or len(sup) != 3:
            raise DecodeError("not suppressions")
        directives, regions = [], []
        for d in sup[0]:
            if not (type(d) is list and len(d) == 4 and type(d[0]) is str and _strs(d[1])
                    and type(d[2]) is int and type(d[3]) is int):
                raise DecodeError("not a directive")
            directives.append(Directive(d[0], tuple(d[1]), d[2], d[3]))
        for r in sup[1]:
            if not (type(r) is list and len(r) == 4 and type(r[0]) is int
                    and type(r[1]) is int and _strs(r[2]) and type(r[3]) is int):
                raise DecodeError("not a region")
            regions.append((r[0], r[1], tuple(r[2]), r[3]))
        if not (type(sup[2]) is list and all(type(i) is int for i in sup[2])):
            raise DecodeError("not the used directives")
        sup = Suppressions(directives, regions, set(sup[2]))
    return FileResult(path, findings, None, {}, None if starts is None else _int_list(starts),
                      sup, words, chars, lines, vocabulary=frozenset(vocabulary))
