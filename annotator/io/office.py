"""Word (.docx) and RTF documents, one article per file (a Nexis Uni export, recognised by
its layout, is split into its articles: io/news_exports.py).

DOCX is read with python-docx: paragraphs and headings in order, each table as its rows (cells
separated by a tab), one paragraph per line. The title is the document's own (its core
properties, else its first Title or Heading paragraph), else the file name; the author,
subject, keywords, language and creation date (``created``: when the file was made, which is
not the article's date) of the core properties go to the metadata.

RTF is read with striprtf (the text of the body, in the code page the file declares); its
title is the one of its ``\\info`` group, else its first line when that is short enough to be
a headline, else the file name.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.common import MAX_RAW_DOCUMENT_CHARS, ReadOptions, open_input
from annotator.io.news_exports import split_export, spread

#: A first line longer than this is not taken for a headline (characters).
MAX_HEADLINE_CHARS = 200


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _TABLE, _ROW, _CELL = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_STYLE, _VAL = f"{_W}pPr/{_W}pStyle", f"{_W}val"
#: What a paragraph's text is made of, as python-docx reads it: text, tabs, breaks, hyphens.
_PIECES = {
    f"{_W}t": None,
    f"{_W}tab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
    f"{_W}ptab": "\t",
}


def _text(element: Any) -> str:
    """The text of a paragraph (or of a table cell's paragraphs, one a line) in the order
    Word shows it; deleted text (``w:delText``) and field codes are not text."""
    if element.tag == _CELL:
        return "\n".join(_text(p) for p in element.iterchildren(_PARAGRAPH))
    parts: list[str] = []
    for piece in element.iter(*_PIECES):
        fixed = _PIECES[piece.tag]
        parts.append(piece.text or "" if fixed is None else fixed)
    return "".join(parts)


def docx_lines(path: Path) -> tuple[list[tuple[str, str]], Any]:
    """(style name, text) of each paragraph and table row of a .docx in order, and its core
    properties; a file python-docx cannot open is an InputError naming it."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"{path}: not a Word document (.docx), or damaged ({_reason(exc)})"
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like, from a damaged part
        raise InputError(f"{path}: a damaged Word document ({type(exc).__name__})") from None
    # style names by id, looked up once: python-docx's own lookup per paragraph walks every
    # style each time (seconds for a 500-article export)
    names = {style.style_id: style.name or "" for style in document.styles}
    lines: list[tuple[str, str]] = []
    # The body's XML is walked directly: python-docx's paragraph objects run an XPath query
    # per run for their text, most of the time of reading a 500-article export.
    for block in document.element.body.iterchildren(_PARAGRAPH, _TABLE):
        if block.tag == _TABLE:
            for row in block.iterchildren(_ROW):
                cells = [_text(cell).strip() for cell in row.iterchildren(_CELL)]
                if any(cells):
                    lines.append(("Table", "\t".join(cells)))
        else:
            style = block.find(_STYLE)
            style_id = style.get(_VAL) if style is not None else None
            lines.append((names.get(style_id, "") if style_id else "", _text(block)))
    return lines, document.core_properties


def _reason(exc: Exception) -> str:
    if type(exc).__name__ == "PackageNotFoundError":  # its message repeats the path
        return "not a Word package"
    return f"{type(exc).__name__}: {exc}"


def _core_metadata(properties: Any) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    for key in ("author", "subject", "keywords", "language", "category"):
        value = getattr(properties, key, None)
        if isinstance(value, str) and value.strip():
            metadata[key] = value.strip()
    return metadata


def read_docx(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    lines, properties = docx_lines(path)
    articles = split_export([line for _, line in lines], path, "docx")
    if articles is not None:  # a Nexis Uni export: many articles
        yield from spread(articles, path.stat().st_size)
        return
    text = "\n".join(line for _, line in lines).strip()
    title = (properties.title or "").strip()
    if not title:
        title = next(
            (
                line.strip()
                for style, line in lines
                if line.strip() and (style == "Title" or style.startswith("Heading"))
            ),
            path.stem,
        )
    metadata = {"file": path.name, **_core_metadata(properties)}
    if properties.created is not None:  # when the file was made, not when it was published
        metadata["created"] = properties.created.date().isoformat()
    item = DocumentInput(
        text=text,
        title=title,
        metadata=metadata,
        origin=str(path),
        notes=() if text else (f"{path}: the Word document has no text (skipped)",),
    )
    yield item, path.stat().st_size


_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
_INFO_TITLE = re.compile(rb"\{\\title\s*([^{}]*)\}")


def rtf_text(path: Path) -> tuple[str, str | None]:
    """The text of an RTF file and the title of its ``\\info`` group (if any)."""
    from striprtf.striprtf import rtf_to_text

    with open_input(path) as fh:
        data = fh.read(MAX_RAW_DOCUMENT_CHARS + 1)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError(f"{path}: not an RTF file (it does not start with {{\\rtf)")
    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{page.group(1).decode()}" if page else "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (LookupError, ValueError, IndexError) as exc:
        raise InputError(f"{path}: a damaged RTF file ({exc})") from None
    found = _INFO_TITLE.search(data)
    title = None
    if found:
        title = rtf_to_text(found.group(1).decode("latin-1"), encoding=encoding).strip()
    return text, title or None


def read_rtf(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    text, title = rtf_text(path)
    articles = split_export(text.replace("\r\n", "\n").split("\n"), path, "rtf")
    if articles is not None:  # a Nexis Uni export: many articles
        yield from spread(articles, path.stat().st_size)
        return
    text = text.strip()
    if title is None:
        first = text.split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= MAX_HEADLINE_CHARS else path.stem
    item = DocumentInput(
        text=text,
        title=title,
        metadata={"file": path.name},
        origin=str(path),
        notes=() if text else (f"{path}: the RTF file has no text (skipped)",),
    )
    yield item, path.stat().st_size
