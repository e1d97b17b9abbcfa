"""The data model: plain dataclasses shared by every layer.

Offsets are Python string indices (Unicode code points) into the stored, normalised text of a
document, end-exclusive. Every fragment carries the text it covers so that loading, checking and
exporting can prove that no annotation has drifted.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

DocumentState = Literal["new", "in_progress", "done"]
DOCUMENT_STATES: tuple[str, ...] = ("new", "in_progress", "done")

#: Where an annotation came from.
ORIGINS: tuple[str, ...] = ("manual", "import", "suggestion", "propagation", "adjudication")


def new_id() -> str:
    """A fresh UUID (text), so that files of different annotators merge without collisions."""
    return str(uuid.uuid4())


def now() -> str:
    """The current time as an ISO 8601 UTC timestamp with milliseconds."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Fragment:
    """One contiguous piece of an annotation: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Annotator:
    id: str
    name: str
    created: str = ""


@dataclass(slots=True)
class Document:
    id: str
    title: str
    text: str
    sha256: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    created: str = ""


@dataclass(slots=True)
class Annotation:
    id: str
    document: str
    label: str
    fragments: list[Fragment]
    attributes: dict[str, Any] = field(default_factory=dict)
    entity: str | None = None
    annotator: str | None = None
    origin: str = "manual"
    note: str | None = None
    created: str = ""
    modified: str = ""

    @property
    def start(self) -> int:
        return self.fragments[0].start

    @property
    def end(self) -> int:
        return self.fragments[-1].end

    @property
    def text(self) -> str:
        """The covered text, fragments joined with " … "."""
        return " … ".join(f.text for f in self.fragments)


@dataclass(slots=True)
class Relation:
    id: str
    type: str
    source: str
    target: str
    annotator: str | None = None
    created: str = ""


@dataclass(slots=True)
class Entity:
    """An entry of the project-wide actor registry."""

    id: str
    name: str
    type: str | None = None
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    note: str | None = None
    created: str = ""
    modified: str = ""


@dataclass(slots=True)
class DocumentInput:
    """A document read from a file, before it is stored (text not yet normalised)."""

    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # where it was read from, e.g. "articles/a.txt" or "feed.jsonl:12"
    id: str | None = None  # kept when re-importing an export; a new UUID otherwise
    #: What the reader noticed, reported with the import (a document with an empty text and
    #: notes is skipped with these as the reason, e.g. "a.html: no article text found").
    notes: tuple[str, ...] = ()

    @classmethod
    def copy_of(cls, doc: Document, origin: str) -> DocumentInput:
        """A stored document to store again elsewhere, under the same id (distribute, merge)."""
        return cls(
            doc.text, doc.title, doc.source, doc.url, doc.published, doc.metadata, origin, doc.id
        )
