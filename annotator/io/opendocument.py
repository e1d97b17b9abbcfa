"""OpenDocument text (.odt), one article per file, read with odfdo.

Headings, paragraphs and list items in reading order, one per line; each table row on one
line with its cells separated by a tab. The title is the document's Title property, else its
first heading, else the file name; the initial author, subject, keywords, language and
creation date (``created``) go to the metadata.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.common import ReadOptions

_TEXT = ("text:p", "text:h")
_CONTAINERS = ("text:list", "text:list-item", "text:section", "text:list-header")


def _lines(element: Any, out: list[tuple[bool, str]]) -> None:
    """(is a heading, text) of each paragraph under ``element``, in reading order."""
    for child in element.children:
        tag = child.tag
        if tag in _TEXT:
            out.append((tag == "text:h", child.text_recursive or ""))
        elif tag == "table:table":
            for row in child.get_elements("descendant::table:table-row"):
                cells = [
                    (cell.text_recursive or "").strip()
                    for cell in row.get_elements("table:table-cell")
                ]
                if any(cells):
                    out.append((False, "\t".join(cells)))
        elif tag in _CONTAINERS:
            _lines(child, out)


def read_odt(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    from odfdo import Document

    try:
        document = Document(str(path))
        body = document.body
        meta = document.meta
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(
            f"{path}: not an OpenDocument text (.odt), or damaged ({type(exc).__name__})"
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError from a damaged part, and the like
        raise InputError(f"{path}: a damaged OpenDocument text ({type(exc).__name__})") from None
    if document.get_type() != "text":
        raise InputError(f"{path}: an OpenDocument {document.get_type()}, not a text document")
    lines: list[tuple[bool, str]] = []
    _lines(body, lines)
    text = "\n".join(line for _, line in lines).strip()
    title = (meta.title or "").strip() or next(
        (line.strip() for heading, line in lines if heading and line.strip()), path.stem
    )
    metadata: dict[str, Any] = {"file": path.name}
    for key, value in (
        ("author", meta.initial_creator),
        ("subject", meta.subject),
        ("keywords", meta.keyword),
        ("language", meta.language),
    ):
        if isinstance(value, str) and value.strip():
            metadata[key] = value.strip()
    if meta.creation_date is not None:
        metadata["created"] = meta.creation_date.date().isoformat()
    item = DocumentInput(
        text=text,
        title=title,
        metadata=metadata,
        origin=str(path),
        notes=() if text else (f"{path}: the OpenDocument text has no text (skipped)",),
    )
    yield item, path.stat().st_size
