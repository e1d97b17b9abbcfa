"""Plain text (.txt) and Markdown (.md) articles: one file, one document (a LexisNexis text
export, recognised by its layout, is split into its articles: io/news_exports.py).

A Markdown file may start with YAML front matter (title, source, url, published or date, and
any other keys, which go to the document's metadata). Without a ``title``, the first ``# ``
heading is used, and failing that the file name. The file's name is kept in the metadata
(``file``), so that a document can be traced back to what was imported.

A file is decoded a piece at a time and refused as soon as it is longer than any document can
be (:data:`~annotator.io.common.MAX_RAW_DOCUMENT_CHARS`), without reading the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import frontmatter
import yaml

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.common import (
    MAX_RAW_DOCUMENT_CHARS,
    ReadOptions,
    optional_text,
    plain_value,
    read_text_file,
)
from annotator.io.news_exports import split_export, spread


def _fallback_title(path: Path) -> str:
    return path.stem.replace("_", " ").strip()


def read_txt(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    text = read_text_file(path, options.encoding, MAX_RAW_DOCUMENT_CHARS)
    size = path.stat().st_size
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    articles = split_export(lines, path, "txt")  # a LexisNexis export: many articles
    if articles is not None:
        yield from spread(articles, size)
        return
    item = DocumentInput(
        text=text, title=_fallback_title(path), metadata={"file": path.name}, origin=str(path)
    )
    yield item, size


def read_markdown(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    raw = read_text_file(path, options.encoding, MAX_RAW_DOCUMENT_CHARS)
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}: the front matter is not valid YAML{where}") from None
    meta = {str(k): plain_value(v) for k, v in post.metadata.items()}
    meta.setdefault("file", path.name)  # where it came from, unless the front matter says
    body = post.content
    title = optional_text(meta.pop("title", None))
    if title is None:
        first = body.lstrip().split("\n", 1)[0]
        title = first.lstrip("#").strip() if first.startswith("# ") else _fallback_title(path)
    published = meta.pop("published", None) or meta.pop("date", None)
    item = DocumentInput(
        text=body,
        title=title,
        source=optional_text(meta.pop("source", None)),
        url=optional_text(meta.pop("url", None)),
        published=optional_text(published),
        metadata=meta,
        origin=str(path),
    )
    yield item, path.stat().st_size
