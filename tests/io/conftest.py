"""Fixtures of the reader/writer tests: input files under tmp_path, reading a project back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import Document, Project


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """write_file("a/b.txt", str_or_bytes, encoding="utf-8") -> the path (under tmp_path/in).

    Text is written without newline translation, so "\\r\\n" in a test stays "\\r\\n" on disk.
    """

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            with path.open("w", encoding=encoding, newline="") as fh:
                fh.write(content)
        return path

    return write


@pytest.fixture
def stored(project: Project) -> Callable[[], list[Document]]:
    """The documents of the ``project`` fixture, read back through a separate read-only open."""

    def read() -> list[Document]:
        with Project.open(project.path, readonly=True) as p:
            return list(p.documents.all())

    return read
