"""What the readers share: options, reading a file's bytes, field extraction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.text import decode_bytes


@dataclass(frozen=True)
class ReadOptions:
    """How to read tabular input (JSONL, CSV): which fields hold what."""

    text_field: str = "text"
    title_field: str = "title"
    source_field: str = "source"
    url_field: str = "url"
    published_field: str = "published"
    encoding: str | None = None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """A file's text, decoded (BOM-aware, legacy encodings detected); not yet normalised."""
    return decode_bytes(read_bytes(path), str(path), encoding)


def plain_value(value: Any) -> Any:
    """A metadata value as JSON can hold it (dates from YAML become ISO strings)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def optional_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(plain_value(value)).strip()
    return text or None


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection). OWASP's
# advice: prefix such a cell with "'", which Excel and LibreOffice show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: "'" before a formula-like string.

    A string that already starts with "'" before such a character gets one more, so that
    :func:`from_spreadsheet_cell` gives back exactly what was written.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def from_spreadsheet_cell(text: str) -> str:
    """Undo :func:`spreadsheet_cell` on a cell read back from a CSV file."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
