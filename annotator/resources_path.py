"""Where the files in resources/ are, both in a source checkout and in an installed package."""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file under resources/, e.g. ``resource("schemas", "claims.json")``."""
    node = importlib.resources.files("annotator.resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
