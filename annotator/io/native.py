"""The native format ``annotator/1``: a whole project as JSON, or as JSON Lines.

JSON: one object with ``format``, ``project``, ``schema``, ``annotators``, ``entities`` and
``documents``. JSONL: the same header object (without ``documents``) on the first line, then one
document object per line. resources/export/annotator-1.schema.json describes both. Exports are
written to a temporary file and renamed, so a failed export never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from annotator.core.errors import InputError, OutputError
from annotator.core.json_values import nesting_problem
from annotator.core.model import now
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.common import TextFile
from annotator.io.json_stream import VALUE_STARTS, JsonText
from annotator.io.tabular import iter_jsonl_records
from annotator.resources_path import read_text

if TYPE_CHECKING:  # the reading side (and the reading process, io/native_ahead.py) does not
    from annotator.store.datasets import Datasets  # need it

FORMAT = "annotator/1"


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema of the native export (resources/export/annotator-1.schema.json)."""
    return json.loads(read_text("export", "annotator-1.schema.json"))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@contextlib.contextmanager
def atomic_output(out: Path, *, encoding: str = "utf-8", newline: str = "\n") -> Iterator[IO[str]]:
    """A text file that appears at ``out`` only when everything was written.

    ``newline=""`` leaves line ends untranslated (what the csv module needs);
    ``encoding="utf-8-sig"`` starts the file with a byte-order mark.
    """
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent}: no such folder")
    partial = out.with_name(f".{out.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _export_mode(out))
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        partial.replace(out)
    except OSError as exc:
        _discard(partial)
        raise OutputError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        _discard(partial)
        raise


#: New exports hold the user's data: owner-only, whatever the umask.
EXPORT_MODE = 0o600


def _export_mode(out: Path) -> int:
    """Owner-only for a new file; a file being replaced keeps the permissions it had."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        return EXPORT_MODE


def _discard(partial: Path) -> None:
    # On a read-only folder even removing a file that is not there fails (EROFS).
    with contextlib.suppress(OSError):
        partial.unlink()


def _header(data: Datasets) -> dict[str, Any]:
    return {"format": FORMAT, "exported": now(), **data.header()}


def _documents(data: Datasets, progress: ProgressCallback | None) -> Iterator[str]:
    """Each document as compact JSON text (built by the store, not parsed and re-encoded)."""
    total = data.count_documents()
    for done, doc in enumerate(data.document_json(), start=1):
        yield doc
        if progress is not None and progress(done, total):
            raise Cancelled()


def write_json(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """The whole project as one JSON object; documents one per line for readable diffs."""
    count = 0
    with atomic_output(out) as fh:
        header = _dumps(_header(data))
        fh.write(header[:-1] + ',"documents":[')
        for doc in _documents(data, progress):
            fh.write(("\n" if count == 0 else ",\n") + doc)
            count += 1
        fh.write("\n]}\n")
    return count


def write_jsonl(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """A header line, then one document per line (streamed)."""
    count = 0
    with atomic_output(out) as fh:
        fh.write(_dumps(_header(data)) + "\n")
        write = fh.write
        for doc in _documents(data, progress):
            write(doc + "\n")
            count += 1
    return count


# -- reading -------------------------------------------------------------------------------


@cache
def _validator(definition: str) -> Callable[[Any], list[str]]:
    """Problems of a value against one definition of the export schema, as messages naming
    the JSON path (none: it is valid), sorted by path.

    Valid records, nearly all of them, are told apart by jsonschema-rs (a validator compiled
    in Rust, about 15 times faster than fastjsonschema and 200 times faster than jsonschema
    here; ADR 19); only a record it refuses, or cannot take (e.g. a string with a lone
    surrogate), is checked again with jsonschema, whose messages users see. Both read the
    same schema file, whose keywords they understand alike (tests/io/test_native_validation.py).
    """
    import jsonschema
    import jsonschema_rs

    schema = export_schema()
    defs = schema["$defs"]
    sub = {"$schema": schema["$schema"], "$ref": f"#/$defs/{definition}", "$defs": defs}
    quick = jsonschema_rs.validator_for(sub)
    validator = jsonschema.Draft202012Validator(sub)

    def errors(value: Any) -> list[str]:
        try:
            if quick.is_valid(value):
                return []
        except Exception:  # a value it cannot take: jsonschema decides
            pass
        found = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        return [
            f"{'/'.join(str(p) for p in e.absolute_path) or '(top level)'}: {e.message}"
            for e in found
        ]

    return errors


def is_native_jsonl(path: Path) -> bool:
    """True when the first line of ``path`` is an annotator/1 header."""
    try:
        with path.open("rb") as fh:
            first = fh.readline(1 << 20)
    except OSError:
        return False
    return b'"format"' in first and FORMAT.encode() in first


def is_native_json(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            start = fh.read(256)
    except OSError:
        return False
    return b'"format"' in start and FORMAT.encode() in start


NativeDocuments = Iterator[tuple[str, dict[str, Any]]]
#: The header fields that must come before ``documents`` for a JSON export to be read in one
#: pass (our exports write them first); otherwise the file is read twice.
HEADER_FIELDS = frozenset(("format", "project", "schema", "annotators", "entities"))


def read_native(path: Path) -> tuple[dict[str, Any], NativeDocuments, TextFile]:
    """(header, documents with where they are in the file, the file being read), validated.

    The header is read and checked at once; the documents are read (and each one checked)
    as the caller takes them, so that only one is held at a time. The file's
    :meth:`~annotator.io.common.TextFile.position` tells how far that has got.
    """
    if path.suffix.lower() == ".jsonl":
        source = TextFile(path)
        records = iter_jsonl_records(source.lines(), str(path), check_nesting=True)
        try:
            _number, header = next(records)
        except StopIteration:
            raise InputError(f"{path}: the file is empty") from None
        except InputError as exc:
            if _starts_like_a_json_export(path):  # `export -o x.jsonl` wrote JSON until 0.1
                raise InputError(
                    f"{exc}; this looks like an Annotator JSON export (one JSON document, "
                    f"not one per line): rename it to .json to import it"
                ) from None
            raise
        docs: NativeDocuments = ((f"{path}:{n}", r) for n, r in records)
        _check(header, "header", str(path) + ":1")
        nesting_checked = True  # by the reader, at each line
    else:
        header, docs, source = _read_json(path)
        _check(header, "header", str(path))
        nesting_checked = False
    if header_format(header) != FORMAT:
        raise InputError(f"{path}: format {header_format(header)!r} is not {FORMAT!r}")
    check_document = _validator("document")

    def validated() -> NativeDocuments:
        for where, doc in docs:
            deep = None if nesting_checked else nesting_problem(doc)
            if deep:
                raise InputError(f"{where}: {deep}")
            problems = check_document(doc)
            if problems:
                raise InputError(f"{where}: {problems[0]}")
            yield where, doc

    return header, validated(), source


def _starts_like_a_json_export(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(200)
    return head.lstrip().startswith(b'{"format":"annotator/')


def _open_export(path: Path) -> tuple[JsonText, Iterator[str]]:
    text = JsonText(TextFile(path))
    first = text.peek()
    if first != "{":
        if first in VALUE_STARTS:
            raise InputError(f"{path}: not an Annotator export (no 'documents')")
        raise text.error("Expecting value")
    return text, text.members()


def _read_json(path: Path) -> tuple[dict[str, Any], NativeDocuments, TextFile]:
    """The header of a JSON export, and its documents as they are read."""
    text, members = _open_export(path)
    header: dict[str, Any] = {}
    for key in members:
        if key == "documents":
            if header.keys() >= HEADER_FIELDS:
                return header, _documents_from(text, members, path), text.file
            _skip_documents(text, path)  # the header goes on after them: read it all first
            header.update(_rest_of_header(text, members, path))
            text, members = _open_export(path)
            for again in members:
                if again == "documents":
                    return header, _documents_from(text, members, path), text.file
                text.value(f"{path}: {again}")
        header[key] = text.value(f"{path}: {key}")
    text.end()
    raise InputError(f"{path}: not an Annotator export (no 'documents')")


def _documents_from(text: JsonText, members: Iterator[str], path: Path) -> NativeDocuments:
    if text.peek() != "[":
        raise InputError(f"{path}: 'documents' must be a list")
    for index, doc in enumerate(text.items(f"{path}: documents")):
        yield f"{path}: documents[{index}]", doc
    for key in members:  # what follows the documents: parsed (it must be JSON), not used
        text.value(f"{path}: {key}")
    text.end()


def _skip_documents(text: JsonText, path: Path) -> None:
    if text.peek() != "[":
        raise InputError(f"{path}: 'documents' must be a list")
    for _doc in text.items(f"{path}: documents"):
        pass


def _rest_of_header(text: JsonText, members: Iterator[str], path: Path) -> dict[str, Any]:
    rest: dict[str, Any] = {}
    for key in members:
        if key == "documents":
            _skip_documents(text, path)
        else:
            rest[key] = text.value(f"{path}: {key}")
    text.end()
    return rest


def header_format(header: dict[str, Any]) -> Any:
    return header.get("format")


def _check(header: Any, definition: str, where: str) -> None:
    if not isinstance(header, dict):
        raise InputError(f"{where}: not an Annotator export header")
    deep = nesting_problem(header)
    if deep:
        raise InputError(f"{where}: {deep}")
    fmt = header.get("format")
    if isinstance(fmt, str) and fmt.startswith("annotator/") and fmt != FORMAT:
        raise InputError(
            f"{where}: written in format {fmt!r}, which this version of Annotator cannot read "
            f"(it reads {FORMAT!r}); update Annotator"
        )
    problems = _validator(definition)(header)
    if problems:
        raise InputError(f"{where}: not a valid Annotator export: {problems[0]}")
