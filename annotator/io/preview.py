"""What an import would store, before anything is written: the first documents of the
article files as the project will hold them (text normalised, title cleaned), for
``annotator import --dry-run`` and the window's import.

Only the files needed for the first :data:`PREVIEW_DOCUMENTS` documents are read (a streamed
JSONL or CSV file only as far as those records). Annotation formats and native exports are
not previewed here: their dry run's summary says what they would bring.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.fields import clean_title
from annotator.core.model import DocumentInput
from annotator.core.text import normalise_text
from annotator.io.common import ReadOptions
from annotator.io.formats import FORMATS, NATIVE, collect
from annotator.io.tabular import field_names

#: How many documents a preview shows.
PREVIEW_DOCUMENTS = 5
#: How much of each text a preview shows (characters).
TEXT_START_CHARS = 160


@dataclass(frozen=True)
class PreviewDocument:
    """One document as it will be stored (what of it a preview shows)."""

    title: str
    source: str | None
    published: str | None
    text_start: str
    characters: int
    metadata: dict[str, Any]
    origin: str


def _previewed(item: DocumentInput) -> PreviewDocument:
    text = normalise_text(item.text)
    start = " ".join(text[: TEXT_START_CHARS * 2].split())
    if len(start) > TEXT_START_CHARS:
        start = start[: TEXT_START_CHARS - 1].rstrip() + "…"
    return PreviewDocument(
        title=clean_title(item.title)[0],
        source=item.source,
        published=item.published,
        text_start=start,
        characters=len(text),
        metadata=dict(item.metadata),
        origin=item.origin,
    )


@dataclass(frozen=True)
class ImportPreview:
    """What the window shows before an import: the first documents, the files that could
    not be read, and the fields of the tables among the files (for the mapping of fields)."""

    documents: list[PreviewDocument]
    #: "<file>[:<place>]: <reason>" of each file of articles that could not be read (only
    #: the files read for the preview: the import may find more).
    problems: list[str]
    #: The fields of the first table (CSV, JSONL, JSON array) among the files, in order.
    fields: list[str]
    #: How many files hold tables (the mapping of fields applies to each of them).
    tables: int
    article_files: int
    annotation_files: int


#: Names (lower case, in order of preference) a table's field is taken to hold the text,
#: title, source, url or date by, when the field named by the options is not there.
FIELD_GUESSES: dict[str, tuple[str, ...]] = {
    "text_field": ("text", "body", "content", "article", "full_text", "fulltext", "story"),
    "title_field": ("title", "headline", "heading", "header", "subject"),
    "source_field": ("source", "publication", "outlet", "newspaper", "medium", "site"),
    "url_field": ("url", "link", "href", "uri", "permalink"),
    "published_field": ("published", "date", "pubdate", "publication_date", "published_at"),
}


def guess_fields(fields: list[str], options: ReadOptions) -> ReadOptions:
    """``options`` with each field it names that is not among ``fields`` replaced by the
    first of ``fields`` a name of :data:`FIELD_GUESSES` matches (letter case aside)."""
    by_lower = {f.casefold(): f for f in reversed(fields)}  # the first of equal names wins
    chosen: dict[str, str] = {}
    for attribute, names in FIELD_GUESSES.items():
        if getattr(options, attribute) in fields:
            continue
        match = next((by_lower[n] for n in names if n in by_lower), None)
        if match is not None and match not in chosen.values():
            chosen[attribute] = match
    return dataclasses.replace(options, **chosen)


def _is_table(name: str) -> bool:
    return FORMATS[name].named_fields


def preview_import(
    paths: list[Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    limit: int = PREVIEW_DOCUMENTS,
) -> ImportPreview:
    """The first ``limit`` documents the article files among ``paths`` would add (records
    with an empty text left out, as the import leaves them out), reading no more files than
    that takes; a file that cannot be read is named in ``problems`` and the next one read."""
    options = options or ReadOptions()
    files, _ignored = collect(paths, fmt)
    articles = [(p, n) for p, n in files if n != NATIVE and not FORMATS[n].annotations]
    tables = [(p, n) for p, n in articles if _is_table(n)]
    fields: list[str] = []
    problems: list[str] = []
    if tables:
        try:
            fields = field_names(*tables[0], options)
        except InputError as exc:
            problems.append(str(exc))
    found: list[PreviewDocument] = []
    for path, name in articles:
        if len(found) >= limit:
            break
        try:
            for item, _consumed in FORMATS[name].load_reader()(path, options):
                if item.text.strip():
                    found.append(_previewed(item))
                    if len(found) >= limit:
                        break
        except InputError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    return ImportPreview(
        documents=found,
        problems=problems,
        fields=fields,
        tables=len(tables),
        article_files=len(articles),
        annotation_files=len(files) - len(articles),
    )


def preview_documents(
    paths: list[Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    limit: int = PREVIEW_DOCUMENTS,
) -> list[PreviewDocument]:
    """The documents of :func:`preview_import` (files that cannot be read left out)."""
    return preview_import(paths, fmt, options, limit).documents


def preview_lines(documents: list[PreviewDocument]) -> list[str]:
    """A preview as lines of plain text (the command line prints them)."""
    lines: list[str] = []
    for number, doc in enumerate(documents, start=1):
        lines.append(f"{number}. {doc.title or '(no title)'}")
        facts = [
            f"source: {doc.source}" if doc.source else "",
            f"published: {doc.published}" if doc.published else "",
            f"{doc.characters:,} characters",
            f"from: {doc.origin}",
        ]
        lines.append("   " + " · ".join(f for f in facts if f))
        lines.append(f"   text: {doc.text_start}")
        if doc.metadata:
            shown = ", ".join(f"{k}={_short(v)}" for k, v in doc.metadata.items())
            lines.append(f"   metadata: {shown}")
    return lines


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
