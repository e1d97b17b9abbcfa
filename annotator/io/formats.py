"""The one table of file formats: what each reads and writes, and how files are recognised.

Everything that lists formats derives from :data:`FORMATS`: the ``--format`` choices and help of
``annotator import`` and ``annotator export``, the import and export dialogs, and the messages
after an export. To add a format, add one :class:`Format` here (and the module that reads or
writes it).

This module is imported when the command line starts (for its choices), so it stays light:
readers, writers and :attr:`Format.extra_files` are named as ``"package.module:function"`` and
imported only when they are used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError, ValidationError
from annotator.core.schema import ADDRESSEE, CLAIM, CLAIMANT, SPEAKER, SPEECH

if TYPE_CHECKING:
    from annotator.core.model import DocumentInput
    from annotator.core.reports import ProgressCallback
    from annotator.io.common import ReadOptions
    from annotator.store.datasets import Datasets

#: A document reader: each article of a file, with how many bytes of it were read so far.
Reader = Callable[[Path, "ReadOptions"], Iterator[tuple["DocumentInput", int]]]
#: A writer: ``(datasets of a layer or all layers, out, progress) -> how many items it wrote``.
Writer = Callable[["Datasets", Path, "ProgressCallback | None"], int]

#: The format whose files are Annotator exports: importing one merges it (annotations too).
NATIVE = "native"


@dataclass(frozen=True)
class Unit:
    """What a count is of, in messages: ``QUOTES.of(1)`` is "1 quote", ``QUOTES.of(3)``
    "3 quotes"."""

    one: str
    many: str

    def of(self, count: int) -> str:
        return f"{count} {self.one if count == 1 else self.many}"


DOCUMENTS = Unit("document", "documents")
QUOTES = Unit("quote", "quotes")
DEMANDS = Unit("demand", "demands")
ACTORS = Unit("actor", "actors")
CASES = Unit("CAS", "CASes")
SPACY_DOCS = Unit("spaCy Doc", "spaCy Docs")


@cache
def load(reference: str) -> Any:
    """The function named by ``"package.module:function"``, imported on first use."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Format:
    """One file format: how the command line and the window name and describe it, what reads
    and writes it, and what an export in it counts and writes."""

    #: The ``--format`` value.
    name: str
    #: Plain text on one line, shown after the name in ``--help`` and in the dialogs.
    description: str
    #: Decide the format of a file to import (``auto``); the first is what an export gets.
    extensions: tuple[str, ...]
    #: ``"package.module:function"``: a :data:`Reader`; for :data:`NATIVE`, ``read_native``
    #: (whose export is merged). None: files cannot be imported in this format.
    reader: str | None = None
    #: ``"package.module:function"``: a :data:`Writer`. None: no export in this format.
    writer: str | None = None
    #: What the writer's count is of, for the message after an export.
    counts: Unit = DOCUMENTS
    #: ``"package.module:function"``, ``OUT -> tuple of paths``: the other files the writer
    #: writes beside OUT. None: it writes only OUT.
    extra_files: str | None = None
    #: Replaces ``description`` on the export side, where the name means something else there
    #: (``jsonl`` imports articles, but exports annotated documents).
    export_description: str = ""
    #: Its records name their fields, so the text and title field options apply.
    named_fields: bool = False
    #: Its reader is an annotation reader (``annotator.io.annotation_import.AnnotationReader``):
    #: its files bring annotations, checked against the project's schema and merged.
    annotations: bool = False
    #: ``"package.module:function"``, ``path -> bool``: whether a file with one of
    #: :attr:`extensions` is in this format (``.zip`` is brat or CAS JSON, ``.json`` an export,
    #: Label Studio tasks or articles). Formats that sniff are tried first.
    sniff: str | None = None
    #: Its reader also reads a folder as one input (brat: a folder of .txt and .ann files).
    folders: bool = False
    #: The schema roles the export reads: (label roles, relation roles); a schema that names
    #: none of them gets a warning (see ``annotator.io.exporting.role_warnings``).
    roles_read: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def __post_init__(self) -> None:
        for reference in (self.reader, self.writer, self.extra_files, self.sniff):
            if reference is not None and reference.count(":") != 1:
                raise ValueError(f"{self.name}: {reference!r} is not 'package.module:function'")
        if not self.extensions or not all(e.startswith(".") for e in self.extensions):
            raise ValueError(f"{self.name}: extensions must start with a dot")

    @property
    def can_import(self) -> bool:
        return self.reader is not None

    @property
    def can_export(self) -> bool:
        return self.writer is not None

    def describe(self, export: bool = False) -> str:
        """What the format is, on the import side or (``export``) on the export side."""
        return (self.export_description or self.description) if export else self.description

    def load_reader(self) -> Any:
        """The reader function (a :data:`Reader`, or ``read_native`` for :data:`NATIVE`)."""
        if self.reader is None:
            raise ValidationError(f"files cannot be imported as {self.name!r}")
        return load(self.reader)

    def load_writer(self) -> Writer:
        if self.writer is None:
            raise ValidationError(f"a project cannot be exported as {self.name!r}")
        writer: Writer = load(self.writer)
        return writer

    def files(self, out: Path) -> tuple[Path, ...]:
        """Every file an export to ``out`` writes: ``out``, then the ones beside it."""
        return (out, *(load(self.extra_files)(out) if self.extra_files else ()))

    def exported(self, count: int, out: Path) -> str:
        """The message after an export, naming every file written, for example
        ``Exported 12 demands to net.graphml and net-addressees.graphml.``"""
        return f"Exported {self.counts.of(count)} to {and_list([str(p) for p in self.files(out)])}."


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            NATIVE,
            "an Annotator export (annotator/1), JSON or JSON Lines, with its annotations",
            (".json", ".jsonl"),
            reader="annotator.io.native:read_native",
            writer="annotator.io.native:write_json",
            export_description="Annotator JSON (annotator/1), the whole project in one file",
        ),
        Format(
            "txt",
            "plain text, one article per file",
            (".txt", ".text"),
            reader="annotator.io.plain:read_txt",
        ),
        Format(
            "md",
            "Markdown with optional YAML front matter, one article per file",
            (".md", ".markdown"),
            reader="annotator.io.plain:read_markdown",
        ),
        Format(
            "html",
            "a web page saved from a news site: the article and its metadata (trafilatura, "
            "without reader comments)",
            (".html", ".htm"),
            reader="annotator.io.web_page:read_html",
        ),
        Format(
            "docx",
            "a Word document, one article per file (title and author from its properties)",
            (".docx",),
            reader="annotator.io.office:read_docx",
        ),
        Format(
            "rtf",
            "an RTF document, one article per file",
            (".rtf",),
            reader="annotator.io.office:read_rtf",
        ),
        Format(
            "odt",
            "an OpenDocument text, one article per file",
            (".odt",),
            reader="annotator.io.opendocument:read_odt",
        ),
        Format(
            "pdf",
            "the text layer of a PDF, one article per file (best effort; scans are reported)",
            (".pdf",),
            reader="annotator.io.pdf_text:read_pdf",
        ),
        Format(
            "jsonl",
            "JSON Lines, one article per line (text field + metadata)",
            (".jsonl", ".ndjson"),
            reader="annotator.io.tabular:read_jsonl",
            writer="annotator.io.native:write_jsonl",
            export_description="Annotator JSON Lines, a header line then one document per line",
            named_fields=True,
        ),
        Format(
            "json",
            "a JSON array of article objects",
            (".json",),
            reader="annotator.io.tabular:read_json_array",
            named_fields=True,
        ),
        Format(
            "csv",
            "CSV/TSV, one article per row (text column + metadata columns)",
            (".csv", ".tsv"),
            reader="annotator.io.tabular:read_csv",
            named_fields=True,
        ),
        Format(
            "quotes-csv",
            "table of quotes (CSV), one row per quote with its speaker",
            (".csv",),
            writer="annotator.io.tables:write_quotes_csv",
            counts=QUOTES,
            roles_read=((SPEECH,), (SPEAKER,)),
        ),
        Format(
            "demands-csv",
            "table of demands (CSV) with claimant, addressee, issue and position",
            (".csv",),
            writer="annotator.io.tables:write_demands_csv",
            counts=DEMANDS,
            roles_read=((CLAIM,), (CLAIMANT, ADDRESSEE)),
        ),
        Format(
            "actors-csv",
            "table of actors (CSV), the registry with counts",
            (".csv",),
            writer="annotator.io.tables:write_actors_csv",
            counts=ACTORS,
            roles_read=((SPEECH, CLAIM), (SPEAKER, CLAIMANT, ADDRESSEE)),
        ),
        Format(
            "network-graphml",
            "claim networks (GraphML) of actors and issues, and of actors and their "
            "addressees in NAME-addressees.graphml beside it",
            (".graphml",),
            writer="annotator.io.graphml:write_network_graphml",
            counts=DEMANDS,
            extra_files="annotator.io.graphml:other_files",
            roles_read=((CLAIM,), (CLAIMANT, ADDRESSEE)),
        ),
        Format(
            "doccano",
            "doccano JSONL (relation project): entities and relations, UTF-16 offsets",
            (".jsonl",),
            reader="annotator.io.doccano_read:read_doccano",
            writer="annotator.io.doccano:write_doccano",
            annotations=True,
            sniff="annotator.io.doccano_read:is_doccano",
        ),
        Format(
            "label-studio",
            "Label Studio JSON tasks (span, attribute and relation results) and the "
            "labelling config in NAME-config.xml beside it",
            (".json",),
            reader="annotator.io.label_studio_import:read_label_studio",
            writer="annotator.io.label_studio:write_label_studio",
            extra_files="annotator.io.label_studio:other_files",
            annotations=True,
            sniff="annotator.io.label_studio_import:is_label_studio",
        ),
        Format(
            "web-annotation",
            "W3C Web Annotation (JSON-LD), one AnnotationCollection per document",
            (".jsonld",),
            reader="annotator.io.web_annotation_read:read_web_annotation",
            writer="annotator.io.web_annotation:write_web_annotation",
            annotations=True,
        ),
        Format(
            "cas-json",
            "INCEpTION / UIMA CAS JSON, a zip with one CAS per document and annotator "
            "(or one CAS .json)",
            (".zip", ".json"),
            reader="annotator.io.cas_json_read:read_cas_json",
            writer="annotator.io.cas_json:write_cas_json",
            annotations=True,
            sniff="annotator.io.cas_json_read:is_cas_json",
            counts=CASES,
        ),
        Format(
            "brat",
            "brat standoff: a zip or a folder of .txt and .ann per document (export: with "
            "annotation.conf and visual.conf from the schema)",
            (".zip",),
            reader="annotator.io.brat_read:read_brat",
            writer="annotator.io.brat:write_brat",
            annotations=True,
            sniff="annotator.io.brat_read:is_brat",
            folders=True,
        ),
        Format(
            "conll",
            "CoNLL 2003-style BIO (IOB2): one token and its tag per line, for sequence labelling",
            (".conll",),
            reader="annotator.io.conll_read:read_conll",
            writer="annotator.io.conll:write_conll",
            annotations=True,
        ),
        Format(
            "spacy",
            "spaCy DocBin: one Doc per document and annotator, every span in "
            'doc.spans["annotator"], mentions in doc.ents (needs the extra annotator[spacy])',
            (".spacy",),
            reader="annotator.io.spacy_read:read_spacy",
            writer="annotator.io.spacy_docbin:write_spacy",
            counts=SPACY_DOCS,
            annotations=True,
        ),
    )
}

IMPORT_CHOICES = ("auto", *(name for name, f in FORMATS.items() if f.can_import))
EXPORT_CHOICES = tuple(name for name, f in FORMATS.items() if f.can_export)
#: Extensions of files a folder import picks up.
IMPORT_EXTENSIONS = frozenset(e for f in FORMATS.values() if f.can_import for e in f.extensions)


def export_format(name: str) -> Format:
    """The format called ``name``, if a project can be exported in it."""
    fmt = FORMATS.get(name)
    if fmt is None or not fmt.can_export:
        raise ValidationError(
            f"unknown export format {name!r} (formats: {', '.join(EXPORT_CHOICES)})"
        )
    return fmt


def choices_help(names: tuple[str, ...], export: bool = False) -> str:
    """ "name: description; ..." for ``--help``."""
    return "; ".join(f"{n}: {FORMATS[n].describe(export)}" for n in names if n in FORMATS)


def detect(path: Path) -> str:
    """The format of one file (or, for formats that read folders, one folder), from its
    extension and, where several formats share it, from what the file holds."""
    from annotator.io import native

    if path.is_dir():
        for name, fmt in FORMATS.items():
            if fmt.folders and fmt.sniff is not None and load(fmt.sniff)(path):
                return name
        raise InputError(f"{path}: a folder of no annotation format")
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl") and (
        native.is_native_json(path) if suffix == ".json" else native.is_native_jsonl(path)
    ):
        return NATIVE
    candidates = [
        (name, fmt)
        for name, fmt in FORMATS.items()
        if fmt.can_import and name != NATIVE and suffix in fmt.extensions
    ]
    for name, fmt in candidates:
        if fmt.sniff is not None and load(fmt.sniff)(path):
            return name
    for name, fmt in candidates:
        if fmt.sniff is None:
            return name
    if candidates:
        raise InputError(
            f"{path}: cannot tell which format this {suffix} file is in; use --format "
            f"({', '.join(n for n, _ in candidates)})"
        )
    raise InputError(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
        f"use --format (known extensions: {', '.join(sorted(IMPORT_EXTENSIONS))})"
    )


def collect(paths: list[Path], fmt: str = "auto") -> tuple[list[tuple[Path, str]], int]:
    """Files to import with their formats; folders are walked recursively (hidden ones skipped).

    Returns the files and how many files in folders were ignored (unknown extension).
    """
    if fmt != "auto" and fmt not in IMPORT_CHOICES:
        raise ValidationError(
            f"unknown import format {fmt!r} (formats: {', '.join(IMPORT_CHOICES)})"
        )
    files: list[tuple[Path, str]] = []
    ignored = 0
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir() and _folder_format(path, fmt):
            files.append((path, fmt if fmt != "auto" else detect(path)))
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts) or not child.is_file():
                    continue
                if child.suffix.lower() not in IMPORT_EXTENSIONS:
                    ignored += 1
                    continue
                files.append((child, detect(child) if fmt == "auto" else fmt))
        else:
            files.append((path, detect(path) if fmt == "auto" else fmt))
    if not files:
        raise InputError(
            "no files to import" + (f" ({ignored} with unknown extensions)" if ignored else "")
        )
    return files, ignored


def _folder_format(path: Path, fmt: str) -> bool:
    """Whether the folder ``path`` is one input of a format that reads folders (brat), as
    asked with ``--format``, or recognised (``auto``)."""
    if fmt != "auto":
        return FORMATS[fmt].folders
    return any(f.folders and f.sniff is not None and load(f.sniff)(path) for f in FORMATS.values())


def input_size(path: Path) -> int:
    """Bytes of a file, or of the files in a folder read as one input."""
    if path.is_dir():
        return sum(child.stat().st_size for child in path.rglob("*") if child.is_file())
    return path.stat().st_size
