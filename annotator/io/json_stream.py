"""A large JSON file read one value at a time: the items of an array, the members of an object.

Only the outer brackets, commas and colons are handled here; every value (an article, a
document of an export, a header field) is parsed by the standard library's decoder
(``json.JSONDecoder.raw_decode``) from a window of the text that holds it. So a file is never
held whole, and a value means exactly what ``json.loads`` makes of it: lone UTF-16 surrogates
stay visible to the checks after it, NaN and big integers read the same, and a syntax error is
reported with json's own wording at its line and column in the file.

Why not ijson: its fast (yajl) backend turns a lone surrogate such as ``"\\ud83d"`` into "?"
without a word, reports syntax errors without a line or column, and its prefixed events take
memory in the square of the nesting depth (10,000 nested arrays: 260 MB); its pure-Python
backend keeps json's meaning but is 6 to 9 times slower than this module (3.5 s for 33 MB of
articles, against 0.4 to 0.6 s with the decoding), some 30 s more on 100,000 articles, which
would miss the import's time target (see docs/benchmarks.md).

A value must complete within :data:`~annotator.io.common.MAX_RECORD_CHARS` characters; nesting
beyond the interpreter's recursion limit is a :class:`TooDeep` error, not a crash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from annotator.core.errors import InputError
from annotator.core.json_values import MAX_NESTING
from annotator.io.common import MAX_RECORD_CHARS, TextFile

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# An error this close to the end of the window may be the window's end, not the file's.
_NEAR_END = 16
#: What a JSON value other than an array may start with (for "not an array" messages).
VALUE_STARTS = frozenset('{"-0123456789tfnNI')


class TooDeep(InputError):
    """A value nests lists or objects beyond what the parser can follow."""


class JsonText:
    """The text of one JSON file, read forward: a window of it, and where we are in it."""

    def __init__(self, file: TextFile) -> None:
        self.file = file
        self.name = str(file.path)
        self._pieces = file.pieces()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._lines_before = 0  # line breaks in the text dropped from the window
        self._line_start = 0  # where the line of the window's start began, as an offset
        self._dropped = 0  # characters dropped from the window
        self._decoder = json.JSONDecoder()

    # -- the window ----------------------------------------------------------------------

    def _more(self) -> bool:
        """Drop what was read, add the next piece of the file; False at its end."""
        if self._eof:
            return False
        piece = next(self._pieces, None)
        if piece is None:
            self._eof = True
            return False
        used = self._buf[: self._pos]
        newlines = used.count("\n")
        if newlines:
            self._lines_before += newlines
            self._line_start = self._dropped + used.rindex("\n") + 1
        self._dropped += self._pos
        self._buf = self._buf[self._pos :] + piece
        self._pos = 0
        return True

    def left(self) -> int:
        """Characters in the window not read yet (for the file's :meth:`TextFile.position`)."""
        return len(self._buf) - self._pos

    def where(self, index: int | None = None) -> str:
        """ "line L, column C" of ``index`` in the window (default: where we are)."""
        index = self._pos if index is None else index
        line = self._lines_before + self._buf.count("\n", 0, index) + 1
        newline = self._buf.rfind("\n", 0, index)
        column = index - newline if newline >= 0 else self._dropped + index - self._line_start + 1
        return f"line {line}, column {column}"

    def error(self, message: str, index: int | None = None) -> InputError:
        return InputError(f"{self.name}: not valid JSON ({message} at {self.where(index)})")

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the file)."""
        while True:
            self._pos = _WHITESPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def take(self, char: str, expecting: str) -> None:
        """Step over ``char`` (the next non-blank character), or raise json's "Expecting …"."""
        if self.peek() != char:
            raise self.error(f"Expecting {expecting}")
        self._pos += 1

    # -- values --------------------------------------------------------------------------

    def value(self, where: str) -> Any:
        """The next value, parsed by json; ``where`` names it in messages."""
        self.peek()
        wanted = 0
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except RecursionError:
                raise TooDeep(
                    f"{where}: lists or objects nest more than {MAX_NESTING} levels deep"
                ) from None
            except json.JSONDecodeError as exc:
                truncated = exc.pos >= len(self._buf) - _NEAR_END or exc.msg.startswith(
                    "Unterminated string"
                )
                if not truncated or not self._grow(where, wanted):
                    raise self.error(exc.msg, exc.pos) from None
                wanted = 2 * (len(self._buf) - self._pos)
                continue
            # a number or literal at the very end of the window may go on in the next piece
            scalar = not isinstance(value, dict | list | str)
            if scalar and end == len(self._buf) and self._grow(where, wanted):
                wanted = 2 * (len(self._buf) - self._pos)
                continue
            self._pos = end
            return value

    def _grow(self, where: str, wanted: int) -> bool:
        """Read on until the window holds ``wanted`` characters from the value's start (where
        we are; at least one more piece); False at the end of the file."""
        grown = False
        while True:
            if not self._more():
                return grown
            grown = True
            size = len(self._buf) - self._pos
            if size > MAX_RECORD_CHARS:
                raise InputError(
                    f"{where}: longer than {MAX_RECORD_CHARS:,} characters, more than any "
                    "record may be"
                )
            if size >= wanted:
                return True

    def items(self, where: str) -> Iterator[Any]:
        """The values of the array that starts here, one at a time (``where[i]`` in messages)."""
        self.take("[", "'['")
        if self.peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            yield self.value(f"{where}[{index}]")
            index += 1
            following = self.peek()
            if following == "]":
                self._pos += 1
                return
            if following != ",":
                raise self.error("Expecting ',' delimiter")
            self._pos += 1

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; after each, the caller reads its value
        (:meth:`value` or :meth:`items`) before asking for the next key."""
        self.take("{", "'{'")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            key = self.value(self.name)
            self.take(":", "':' delimiter")
            yield key
            following = self.peek()
            if following == "}":
                self._pos += 1
                return
            if following != ",":
                raise self.error("Expecting ',' delimiter")
            self._pos += 1

    def end(self) -> None:
        """Nothing but whitespace may follow the top-level value."""
        if self.peek():
            raise self.error("Extra data")
