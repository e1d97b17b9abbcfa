"""The one table of file formats: what each reads and writes, and how files are recognised."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io import native, plain, tabular
from annotator.io.common import ReadOptions

Reader = Callable[[Path, ReadOptions], Iterator[tuple[DocumentInput, int]]]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...]
    reader: Reader | None = None  # None: not a plain document reader (see `native`)
    can_import: bool = True
    can_export: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "plain text, one article per file", (".txt", ".text"), plain.read_txt),
        Format(
            "md",
            "Markdown with optional YAML front matter",
            (".md", ".markdown"),
            plain.read_markdown,
        ),
        Format(
            "jsonl",
            "JSON Lines, one article per line (text field + metadata)",
            (".jsonl", ".ndjson"),
            tabular.read_jsonl,
        ),
        Format("json", "a JSON array of article objects", (".json",), tabular.read_json_array),
        Format(
            "csv",
            "CSV/TSV, one article per row (text column + metadata columns)",
            (".csv", ".tsv"),
            tabular.read_csv,
        ),
        Format(
            "native",
            "Annotator export (annotator/1), JSON or JSONL, with annotations",
            (".json", ".jsonl"),
            can_export=True,
        ),
    )
}

IMPORT_CHOICES = ("auto", *(name for name, f in FORMATS.items() if f.can_import))
EXPORT_CHOICES = (
    "native",
    "jsonl",
    "quotes-csv",
    "demands-csv",
    "actors-csv",
    "network-graphml",
)


def detect(path: Path) -> str:
    """The format of one file, from its extension (and, for JSON, its first bytes)."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl") and (
        native.is_native_json(path) if suffix == ".json" else native.is_native_jsonl(path)
    ):
        return "native"
    for name, fmt in FORMATS.items():
        if name != "native" and suffix in fmt.extensions:
            return name
    known = sorted({e for f in FORMATS.values() for e in f.extensions})
    raise InputError(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
        f"use --format (known extensions: {', '.join(known)})"
    )


def collect(paths: list[Path], fmt: str = "auto") -> tuple[list[tuple[Path, str]], int]:
    """Files to import with their formats; folders are walked recursively (hidden ones skipped).

    Returns the files and how many files in folders were ignored (unknown extension).
    """
    files: list[tuple[Path, str]] = []
    ignored = 0
    extensions = {e for f in FORMATS.values() for e in f.extensions}
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts) or not child.is_file():
                    continue
                if child.suffix.lower() not in extensions:
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
