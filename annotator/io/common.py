"""What the readers share: options, reading a text file as it is decoded, field extraction."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core.errors import InputError
from annotator.core.text import MAX_DOCUMENT_CHARS, decode_stream


@dataclass(frozen=True)
class ReadOptions:
    """How to read tabular input (JSONL, CSV): which fields hold what."""

    text_field: str = "text"
    title_field: str = "title"
    source_field: str = "source"
    url_field: str = "url"
    published_field: str = "published"
    encoding: str | None = None


#: How much of a file an import reads at a time.
CHUNK_SIZE = 1 << 20
#: The longest line (JSONL, CSV) or JSON record an import reads; what an import holds of its
#: input at once is bounded by this, not by the size of the file. (csv's field limit, too.)
MAX_RECORD_CHARS = 64 * 1024 * 1024
#: A text file longer than this cannot normalise to a document within MAX_DOCUMENT_CHARS
#: (CRLF to LF at most halves a text, NFC composition shortens it at most fourfold).
MAX_RAW_DOCUMENT_CHARS = 4 * MAX_DOCUMENT_CHARS


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading bytes; a missing or unreadable file is an InputError."""
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    with fh:
        yield fh


class TextFile:
    """A text file decoded as it is read, a piece of about :data:`CHUNK_SIZE` at a time.

    The rules are those of :func:`annotator.core.text.decode_stream` (byte-order marks, UTF-8,
    a detected legacy encoding, strict decoding; errors name the file, offset and line). Read
    it once, as pieces, lines (:meth:`lines`, :meth:`csv_lines`) or JSON values
    (:mod:`annotator.io.json_stream`); :meth:`position` estimates how many bytes of it the
    reader has used, for progress.
    """

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        self.path = path
        self.encoding = encoding
        self.size = 0
        self.bytes_read = 0
        self._bytes_per_char = 1.0
        self._left = 0  # characters handed out in the last piece that the reader has not used
        self._shown = 0
        # csv_lines: (lines before this piece's, how many it has, bytes where they start, end)
        self._lines: tuple[int, int, float, float] = (0, 0, 0.0, 0.0)

    def _chunks(self, fh: BinaryIO) -> Iterator[bytes]:
        while data := fh.read(CHUNK_SIZE):
            self.bytes_read += len(data)
            yield data

    def pieces(self) -> Iterator[str]:
        with open_input(self.path) as fh:
            self.size = os.fstat(fh.fileno()).st_size
            before = 0
            for piece in decode_stream(self._chunks(fh), str(self.path), self.encoding):
                self._bytes_per_char = (self.bytes_read - before) / max(len(piece), 1)
                before = self.bytes_read
                yield piece

    def position(self, left: int | None = None) -> int:
        """Bytes used so far (never decreasing): those read, less ``left`` characters (by
        default, what the line readers have not handed out yet) of the last piece."""
        left = self._left if left is None else left
        return self._report(self.bytes_read - left * self._bytes_per_char)

    def line_position(self, taken: int) -> int:
        """:meth:`position` when the reader has taken ``taken`` lines of :meth:`csv_lines`."""
        first, count, start, end = self._lines
        share = min(max(taken - first, 0), count) / count if count else 1.0
        return self._report(start + (end - start) * share)

    def _report(self, used: float) -> int:
        self._shown = max(self._shown, min(int(used), self.size))
        return self._shown

    def _too_long(self, number: int) -> InputError:
        return InputError(
            f"{self.path}:{number}: the line is longer than {MAX_RECORD_CHARS:,} characters, "
            f"more than any record may be (a document's text is at most "
            f"{MAX_DOCUMENT_CHARS:,} characters)"
        )

    def lines(self) -> Iterator[tuple[int, str]]:
        """(number from 1, line without its LF) for each line; only LF ends a line (U+2028 and
        the like may stand inside JSON strings)."""
        number = 0
        parts: list[str] = []  # the line begun in earlier pieces
        waiting = 0
        for piece in self.pieces():
            if "\n" not in piece:
                parts.append(piece)
                waiting += len(piece)
                if waiting > MAX_RECORD_CHARS:
                    raise self._too_long(number + 1)
                continue
            if parts:
                parts.append(piece)
                piece = "".join(parts)
                parts = []
            found = piece.split("\n")
            rest = found.pop()
            self._left = len(piece)
            for line in found:
                number += 1
                if len(line) > MAX_RECORD_CHARS:
                    raise self._too_long(number)
                self._left -= len(line) + 1
                yield number, line
            parts, waiting = ([rest], len(rest)) if rest else ([], 0)
        self._left = 0
        if parts:
            yield number + 1, "".join(parts)

    def csv_lines(self) -> Iterator[str]:
        """Each line with its end, split as csv wants it (``newline=""``: CR, LF or CRLF).

        For speed the lines of a piece are handed out together; :meth:`line_position` tells
        how far the reader got from the number of lines it has taken (``csv.reader.line_num``).
        """
        number = 0
        parts: list[str] = []  # the line begun in earlier pieces
        waiting = 0
        for piece in self.pieces():
            if "\n" not in piece and "\r" not in piece:
                parts.append(piece)
                waiting += len(piece)
                if waiting > MAX_RECORD_CHARS:
                    raise self._too_long(number + 1)
                continue
            if parts:
                parts.append(piece)
                piece = "".join(parts)
            found = io.StringIO(piece, newline="").readlines()
            # the last line may go on in the next piece; so may a CR at the end (CRLF)
            rest = found.pop() if not found[-1].endswith("\n") else ""
            longest = max(range(len(found)), key=lambda i: len(found[i]), default=-1)
            if longest >= 0 and len(found[longest]) > MAX_RECORD_CHARS:
                raise self._too_long(number + longest + 1)
            end = self.bytes_read - len(rest) * self._bytes_per_char
            self._lines = (number, len(found), self._lines[3], end)
            number += len(found)
            yield from found
            parts, waiting = ([rest], len(rest)) if rest else ([], 0)
        self._lines = (number, 0, self._lines[3], float(self.bytes_read))
        if parts:
            yield "".join(parts)

    def read(self, limit: int | None = None) -> str:
        """The whole text; an InputError past ``limit`` characters (the file is not read
        further)."""
        pieces: list[str] = []
        size = 0
        for piece in self.pieces():
            size += len(piece)
            if limit is not None and size > limit:
                raise InputError(
                    f"{self.path}: the document is too long: more than {limit:,} characters "
                    f"(the file has {self.size:,} bytes); the limit is {MAX_DOCUMENT_CHARS:,} "
                    "characters per document. Split it into smaller files."
                )
            pieces.append(piece)
        return "".join(pieces)


def read_text_file(path: Path, encoding: str | None = None, limit: int | None = None) -> str:
    """A file's text, decoded (BOM-aware, legacy encodings detected); not yet normalised.

    Read a piece at a time, so that it is never held as bytes and text at once; with
    ``limit``, a file of more characters is refused as soon as that many were read.
    """
    return TextFile(path, encoding).read(limit)


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
