"""Fixtures for the store tests: plain-sqlite3 access to a project file, and a sample document.

Tests read back what was stored with plain ``sqlite3`` (not through our own code), so that a
bug in the reading half of the store cannot hide a bug in the writing half.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

#: A short article with curly quotes, a non-ASCII name and two paragraphs.
TEXT = (
    "Karamov said talks would resume. “We will not give up a single village,” the minister "
    "warned.\nBelotsky agreed, and Illešová called for a cease-fire."
)

TABLES = ("documents", "annotations", "relations", "entities", "annotators", "document_status")

Rows = Callable[..., list[tuple[Any, ...]]]


def _rows(path: Path, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(str(path))) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def rows() -> Rows:
    """``rows(path, sql, params)``: the result of a query on a project file, via plain sqlite3."""
    return _rows


@pytest.fixture
def counts() -> Callable[[Path], dict[str, int]]:
    """``counts(path)``: rows per table, via plain sqlite3."""

    def count(path: Path) -> dict[str, int]:
        return {t: _rows(path, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}

    return count


@pytest.fixture
def digest() -> Callable[[Path], str]:
    """``digest(path)``: sha256 of a file's bytes."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def doc(project: Any) -> Any:
    """A document with :data:`TEXT` in the ``project`` fixture."""
    return project.documents.add(TEXT, title="Talks").value


@pytest.fixture
def layer(project: Any) -> Any:
    """The layer of the ``project`` fixture's annotator (Tester)."""
    return project.layer()


def span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """(start, end) of the first ``needle`` in ``text`` at or after ``start``."""
    pos = text.index(needle, start)
    return pos, pos + len(needle)


@pytest.fixture
def find() -> Callable[..., tuple[int, int]]:
    """``find(needle)``: the offsets of ``needle`` in :data:`TEXT` (or ``find(needle, text)``)."""
    return lambda needle, text=TEXT: span(text, needle)
