"""What an import would store, before anything is written: the first documents of the
article files as the project will hold them (text normalised, title cleaned), for
``annotator import --dry-run`` and the window's import.

Only the files needed for the first :data:`PREVIEW_DOCUMENTS` documents are read (a streamed
JSONL or CSV file only as far as those records). Annotation formats and native exports are
not previewed here: their dry run's summary says what they would bring.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.fields import clean_title
from annotator.core.model import DocumentInput
from annotator.core.text import normalise_text
from annotator.io.common import ReadOptions
from annotator.io.formats import FORMATS, NATIVE, collect

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


def preview_documents(
    paths: list[Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    limit: int = PREVIEW_DOCUMENTS,
) -> list[PreviewDocument]:
    """The first ``limit`` documents the article files among ``paths`` would add (records
    with an empty text left out, as the import leaves them out). A file that cannot be read
    raises its InputError, as the import would."""
    options = options or ReadOptions()
    files, _ignored = collect(paths, fmt)
    found: list[PreviewDocument] = []

    def items() -> Iterator[DocumentInput]:
        for path, name in files:
            if name == NATIVE or FORMATS[name].annotations:
                continue
            for item, _consumed in FORMATS[name].load_reader()(path, options):
                yield item

    for item in items():
        if item.text.strip():
            found.append(_previewed(item))
            if len(found) >= limit:
                break
    return found


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
