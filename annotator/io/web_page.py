"""Web pages saved from news sites (.html, .htm): the article and its metadata, by trafilatura.

trafilatura runs offline on the saved file, without reader comments and favouring precision
(boilerplate left out rather than let in). The stored text is the text it extracts, never the
HTML; the title, site name, author, date, url and language come from the page's own metadata
(``<title>``, ``<meta>``, Open Graph, JSON-LD, ``<html lang>``). A page where nothing
article-like is found (a front page, an index, a cookie wall) is reported and skipped.

A Factiva report saved as HTML (tables of field codes) is split into its articles instead
(io/news_exports.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.common import ReadOptions, open_input
from annotator.io.dates import dated
from annotator.io.news_exports import coded_table_lines, split_export, spread

#: An extraction shorter than this (characters) is not taken for an article: what is left of
#: a page without one is a menu entry or a copyright line.
MIN_ARTICLE_CHARS = 100
#: A saved page larger than this is refused (bytes): pages are rarely more than a few MB.
MAX_PAGE_BYTES = 64 * 1024 * 1024


def read_page_bytes(path: Path) -> bytes:
    with open_input(path) as fh:
        data = fh.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"{path}: larger than {MAX_PAGE_BYTES:,} bytes; not a saved web page")
    return data


def extract_page(data: bytes) -> tuple[Any, str | None]:
    """trafilatura's extraction of a page (None: nothing found), and the page's language."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return None, None
    language = tree.get("lang")
    found = trafilatura.bare_extraction(
        tree, include_comments=False, favor_precision=True, with_metadata=True
    )
    return found, language.strip() if isinstance(language, str) and language.strip() else None


def read_html(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    data = read_page_bytes(path)
    coded = coded_table_lines(data) if b"<td" in data or b"<TD" in data else []
    articles = split_export(coded, path, "html") if coded else None
    if articles is not None:  # a Factiva report: many articles
        yield from spread(articles, len(data))
        return
    found, language = extract_page(data)
    text = (getattr(found, "text", None) or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        reason = f"{path}: no article text found in the page (skipped)"
        yield DocumentInput("", origin=str(path), notes=(reason,)), len(data)
        return
    metadata: dict[str, Any] = {"file": path.name}
    for key, field in (("author", "author"), ("site", "sitename"), ("description", "description")):
        value = getattr(found, field, None)
        if isinstance(value, str) and value.strip():
            metadata[key] = value.strip()
    language = language or getattr(found, "language", None)
    if language:
        metadata["language"] = language
    languages = (language[:2].lower(),) if language else ()
    item = DocumentInput(
        text=text,
        title=(getattr(found, "title", None) or "").strip() or path.stem,
        source=metadata.get("site") or getattr(found, "hostname", None),
        url=getattr(found, "url", None) or None,
        published=dated(getattr(found, "date", None), metadata, languages),
        metadata=metadata,
        origin=str(path),
    )
    yield item, len(data)
