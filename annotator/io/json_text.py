"""Indented JSON text, the very text ``json.dumps(value, ensure_ascii=False, indent=1)`` writes,
made several times faster.

With ``indent``, the standard library encodes in Python, one generator step per value; without
it, in C. An indented object whose values are all scalars is the compact C encoding with the
separators stretched by the indentation (``",\\n   "`` between members), its braces on lines
of their own; bigger values are put together from those. Strings are escaped by the encoder
itself, so a line break in the text is always one of the layout's. Anything else (a subclass,
a key that is not a string, a tuple) is left to ``json.dumps`` and re-indented to its depth.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

_SCALARS = frozenset({str, int, float, bool, type(None)})
_scalar = json.JSONEncoder(ensure_ascii=False).encode


@cache
def _members(level: int) -> json.JSONEncoder:
    """The C encoder that writes the members of an object or array at ``level`` on lines of
    their own (``level + 1`` spaces before each)."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + " " * (level + 1), ": "))


def indented(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, for a value nested ``level`` deep
    (its inner lines indented ``level`` more spaces, as the whole document's encoder would)."""
    kind = type(value)
    if kind is dict:
        return _object(value, level)
    if kind is list:
        return _array(value, level)
    if kind in _SCALARS:
        return _scalar(value)
    return _standard(value, level)


def _standard(value: Any, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * level) if level else text


def _object(value: dict[Any, Any], level: int) -> str:
    if not value:
        return "{}"
    if not all(type(key) is str for key in value):
        return _standard(value, level)
    inner, outer = "\n" + " " * (level + 1), "\n" + " " * level
    if all(type(member) in _SCALARS for member in value.values()):
        return "{" + inner + _members(level).encode(value)[1:-1] + outer + "}"
    members = [f"{_scalar(k)}: {indented(v, level + 1)}" for k, v in value.items()]
    return "{" + inner + ("," + inner).join(members) + outer + "}"


def flat_objects(objects: list[dict[str, Any]], level: int = 0) -> str:
    """``indented(objects, level)`` for a list of non-empty objects with string keys and
    scalar values only (not checked: the caller builds them so), in one call of the encoder.

    Encoded with the members' separator of the objects' depth, the objects are apart by the
    same separator followed by ``{``; nowhere else does it come before a brace (a member's
    name, a string, comes next), so that is where the objects' own separator goes in.
    """
    if not objects:
        return "[]"
    one, two = "\n" + " " * (level + 1), "\n" + " " * (level + 2)
    text = _members(level + 1).encode(objects)
    joined = text[2:-2].replace(f"}},{two}{{", f"{one}}},{one}{{{two}")
    return f"[{one}{{{two}{joined}{one}}}\n{' ' * level}]"


def _array(value: list[Any], level: int) -> str:
    if not value:
        return "[]"
    inner, outer = "\n" + " " * (level + 1), "\n" + " " * level
    if all(type(item) in _SCALARS for item in value):
        return "[" + inner + _members(level).encode(value)[1:-1] + outer + "]"
    return "[" + inner + ("," + inner).join(indented(v, level + 1) for v in value) + outer + "]"
