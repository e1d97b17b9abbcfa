"""Many documents per file: JSON Lines, a JSON array of objects, and CSV/TSV tables.

One field (column) holds the text; title, source, url and published are taken from fields of
those names (configurable); every other field goes to the document's metadata. Malformed input
is reported with its line (JSONL) or row (CSV) number.

Every reader streams: it decodes the file a piece at a time and yields each article as soon as
it is read (a line, a row, an item of the array), so an import holds one record of its input at
a time, whatever the size of the file.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.json_values import (
    MAX_NESTING,
    TooDeepError,
    loads_guarded,
    nesting_problem,
)
from annotator.core.model import DocumentInput
from annotator.io.common import (
    MAX_RECORD_CHARS,
    ReadOptions,
    TextFile,
    optional_text,
    plain_value,
)
from annotator.io.dates import dated
from annotator.io.json_stream import VALUE_STARTS, JsonText

# Articles are long: allow fields far beyond csv's default 128 KB (but not unbounded).
csv.field_size_limit(MAX_RECORD_CHARS)


def record_to_input(
    record: dict[str, Any], options: ReadOptions, where: str, keys_hint: str
) -> DocumentInput:
    """A document from one record (with an empty text when the record's text is blank)."""
    if options.text_field not in record:
        raise InputError(
            f"{where}: no {options.text_field!r} field (found: {keys_hint}); "
            f"name the text field with --text-field"
        )
    for key, value in record.items():  # before plain_value, which recurses
        problem = nesting_problem(value, str(key))
        if problem:
            raise InputError(f"{where}: {problem}")
    text = record[options.text_field]
    if text is None or (isinstance(text, str) and not text.strip()):
        return DocumentInput(text="", origin=where)  # skipped and reported by the importer
    if not isinstance(text, str):
        raise InputError(f"{where}: the {options.text_field!r} field is not text")
    taken = {
        options.text_field,
        options.title_field,
        options.source_field,
        options.url_field,
        options.published_field,
    }
    metadata = {
        str(k): plain_value(v) for k, v in record.items() if k not in taken and v not in ("", None)
    }
    return DocumentInput(
        text=text,
        title=optional_text(record.get(options.title_field)) or "",
        source=optional_text(record.get(options.source_field)),
        url=optional_text(record.get(options.url_field)),
        published=dated(optional_text(record.get(options.published_field)), metadata),
        metadata=metadata,
        origin=where,
    )


def iter_jsonl_records(
    lines: Iterable[tuple[int, str]], name: str, check_nesting: bool = False
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of ``lines``; with ``check_nesting``, an
    object nesting lists or objects more than :data:`MAX_NESTING` levels deep is refused at
    its line (looked for only on a line with that many brackets: a line with fewer cannot
    nest that deep)."""
    for number, line in lines:
        if not line.strip():
            continue
        try:
            value = loads_guarded(line)
        except TooDeepError as exc:
            raise InputError(f"{name}:{number}: {exc}") from None
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{name}:{number}: not valid JSON ({exc.msg}, column {exc.colno})"
            ) from None
        if not isinstance(value, dict):
            raise InputError(f"{name}:{number}: each line must be a JSON object")
        if check_nesting and line.count("{") + line.count("[") > MAX_NESTING:
            deep = nesting_problem(value)
            if deep:
                raise InputError(f"{name}:{number}: {deep}")
        yield number, value


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    """Line by line: only one line of the file is held at a time."""
    source = TextFile(path, options.encoding)
    for number, record in iter_jsonl_records(source.lines(), str(path)):
        if str(record.get("format", "")).startswith("annotator/"):
            continue  # the header line of a native export read as plain JSONL
        where = f"{path}:{number}"
        item = record_to_input(record, options, where, ", ".join(map(str, record)) or "none")
        yield item, source.position()


def read_json_array(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    """Item by item (see :mod:`annotator.io.json_stream`): one article is held at a time."""
    source = TextFile(path, options.encoding)
    text = JsonText(source)
    expected = (
        f"{path}: expected an Annotator export or a JSON array of objects with a "
        f"{options.text_field!r} field"
    )
    first = text.peek()
    if first != "[":
        if first in VALUE_STARTS:
            raise InputError(expected)
        raise text.error("Expecting value")
    for index, record in enumerate(text.items(str(path))):
        if not isinstance(record, dict):
            raise InputError(f"{expected}; item [{index}] is not an object")
        item = record_to_input(
            record, options, f"{path}[{index}]", ", ".join(map(str, record)) or "none"
        )
        yield item, source.position(text.left())
    text.end()


def _dialect(sample: str, path: Path) -> type[csv.Dialect] | csv.Dialect:
    if path.suffix.lower() == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


#: How much of the beginning of a CSV file the dialect is guessed from.
SNIFF_CHARS = 8192


def _csv_table(path: Path, options: ReadOptions) -> tuple[TextFile, csv.DictReader[str]]:
    """The file and a reader of its rows, the dialect guessed from the first lines."""
    source = TextFile(path, options.encoding)
    lines = source.csv_lines()
    head: list[str] = []
    for line in lines:
        head.append(line)
        if sum(map(len, head)) >= SNIFF_CHARS:
            break
    sample = "".join(head)[:SNIFF_CHARS]
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one cell
    reader = csv.DictReader(
        itertools.chain(head, lines), dialect=_dialect(sample, path), strict=True
    )
    return source, reader


def _header(reader: csv.DictReader[str], path: Path) -> list[str]:
    try:
        return list(reader.fieldnames or [])
    except csv.Error as exc:
        raise InputError(f"{path}:1: malformed CSV in the header ({exc})") from None


def read_csv(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    """Row by row: the dialect is guessed from the first lines, then one row is held at a
    time."""
    source, reader = _csv_table(path, options)
    columns = _header(reader, path)
    if options.text_field not in columns:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise InputError(
            f"{path}: no {options.text_field!r} column (columns: {found}); "
            f"name the text column with --text-field"
        )
    records = iter(reader)
    while True:
        first_line = reader.line_num + 1  # where the next row starts (or a blank line before it)
        try:
            record = next(records)
        except StopIteration:
            return
        except csv.Error as exc:
            hint = " — an unclosed quotation mark?" if "end of data" in str(exc) else ""
            raise InputError(
                f"{path}:{first_line}: malformed CSV in the row starting at line {first_line} "
                f"({exc}{hint})"
            ) from None
        extra = record.pop(None, None)
        if extra:
            raise InputError(
                f"{path}: row {reader.line_num} has more cells than the header has columns"
            )
        where = f"{path}:{reader.line_num}"
        item = record_to_input(record, options, where, ", ".join(columns))
        yield item, source.line_position(reader.line_num)


def field_names(path: Path, name: str, options: ReadOptions, records: int = 20) -> list[str]:
    """The fields of a table (``name``: ``csv``, ``jsonl`` or ``json``) in the order they
    first appear: a CSV file's header, the keys of the first ``records`` records of JSON."""
    if name == "csv":
        return _header(_csv_table(path, options)[1], path)
    found: dict[str, None] = {}
    values: Iterable[Any]
    if name == "jsonl":
        lines = TextFile(path, options.encoding).lines()
        values = (record for _n, record in iter_jsonl_records(lines, str(path)))
    else:
        text = JsonText(TextFile(path, options.encoding))
        if text.peek() != "[":
            return []
        values = text.items(str(path))
    for value in itertools.islice(values, records):
        if isinstance(value, dict) and not str(value.get("format", "")).startswith("annotator/"):
            found.update(dict.fromkeys(map(str, value)))
    return list(found)
