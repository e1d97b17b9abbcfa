"""Checks of JSON-shaped input values that would otherwise fail deep inside Python or SQLite.

Nesting deeper than :data:`MAX_NESTING` (which would exhaust the recursion limit of the JSON
encoder, jsonschema or ``plain_value``) and lone UTF-16 surrogates such as ``"\\ud83d"`` (which
cannot be stored as UTF-8) are found without recursion, and reported by where they are.
"""

from __future__ import annotations

import json
from typing import Any

import regex

#: How deeply lists and objects may nest in a record, a metadata field or a schema.
MAX_NESTING = 100

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _children(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()] + [
            (f"{k!s} (key)", k) for k in value if isinstance(k, str)
        ]
    if isinstance(value, list | tuple):
        return [(str(i), v) for i, v in enumerate(value)]
    return []


def too_deep(value: Any, limit: int = MAX_NESTING) -> bool:
    """True when lists and objects in ``value`` nest more than ``limit`` levels deep."""
    if not isinstance(value, dict | list | tuple):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]  # containers only: most values are scalars
    containers = (dict, list, tuple)
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, containers):
                stack.append((child, depth + 1))
    return False


def nesting_problem(value: Any, field: str | None = None) -> str | None:
    """A message when ``value`` nests too deeply, else None."""
    if not too_deep(value):
        return None
    named = f"the field {field!r}" if field else "the value"
    return f"{named} nests lists or objects more than {MAX_NESTING} levels deep"


def lone_surrogate_at(value: Any) -> str | None:
    """The path ("metadata/tags/0") of the first string holding a lone surrogate, else None."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return path or "(the value)"
        else:
            stack.extend(
                (f"{path}/{name}" if path else name, child)
                for name, child in reversed(_children(item))
            )
    return None


def surrogate_problem(value: Any, field: str) -> str | None:
    """A message when ``value`` (a field's value) holds a lone UTF-16 surrogate, else None."""
    path = lone_surrogate_at(value)
    if path is None:
        return None
    where = field if path == "(the value)" else f"{field}/{path}"
    return (
        f"the field {where!r} holds a lone UTF-16 surrogate (such as \\ud83d, half of an emoji), "
        "which is not valid Unicode text"
    )


class TooDeepError(ValueError):
    """JSON text nests so deeply that the parser ran out of recursion."""


def loads_guarded(text: str) -> Any:
    """``json.loads`` raising :class:`TooDeepError` instead of ``RecursionError``."""
    try:
        return json.loads(text)
    except RecursionError:
        raise TooDeepError(f"lists or objects nest more than {MAX_NESTING} levels deep") from None
