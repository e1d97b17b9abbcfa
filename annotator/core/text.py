"""Turning a file's bytes into the stored text of a document.

Everything here works on values handed in by the caller (bytes or str); nothing opens files. The
stored text of a document is ``normalise_text(decode_bytes(data, name))``; annotation offsets
are code-point indices into that string, so the normalisation must be stable (idempotent) and
must never change the text in ways a researcher would notice (no stripping or collapsing).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

import charset_normalizer
from charset_normalizer.utils import is_multi_byte_encoding

from annotator.core.errors import InputError

#: One document's size limit after decoding, in code points (Python string length).
MAX_DOCUMENT_CHARS: int = 10_000_000

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

# Control characters that do not occur in ordinary text (tab, LF, CR and form feed do).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The binary check looks at the beginning only: binary formats show themselves at once, and
# scanning a 100 MB file for this would cost more than decoding it.
_BINARY_SAMPLE = 65_536
_BINARY_CONTROL_RATIO = 0.10

_BLANK_RE = re.compile(r"[\s\ufeff]*\Z")

# charset-normalizer's first choice is unreliable for short Western texts (it picks cp1250 or
# mac_latin2 for French cp1252), while news archives are dominated by cp1252. So cp1252 wins when
# it is nearly as clean as the best candidate and the text then reads as a Western European
# language (or too little text to tell); otherwise the cleanest candidate wins, rare code pages
# (Mac, DOS) last, ties in charset-normalizer's order, which reflects language coherence.
_CP1252_LANGUAGES = frozenset(
    {
        "Unknown", "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
        "Danish", "Swedish", "Norwegian", "Finnish", "Catalan", "Icelandic",
    }
)  # fmt: skip
# Languages written in cp1250/cp1257/cp1254: their cp1252 reading is garbled yet just as "clean".
_CENTRAL_EUROPEAN = frozenset(
    {
        "Czech", "Slovak", "Polish", "Hungarian", "Slovene", "Croatian", "Turkish",
        "Lithuanian", "Latvian", "Estonian",
    }
)  # fmt: skip
_CP1252_CHAOS_MARGIN = 0.1
_RARE_PENALTY = 0.2
_RARE_PREFIXES = ("mac_", "cp4", "cp7", "cp8", "cp1006", "cp1125", "ptcp", "kz1048", "hp_", "tis")


def _empty_error(name: str) -> InputError:
    return InputError(f"{name}: the file is empty")


def _binary_error(name: str, why: str) -> InputError:
    return InputError(f"{name}: this looks like a binary file, not text ({why})")


def _is_blank(text: str) -> bool:
    """True if ``text`` holds only whitespace and byte-order marks (stops at the first other)."""
    return _BLANK_RE.match(text) is not None


def _nul_error(name: str, offset: int, line: int) -> InputError:
    return _binary_error(
        name,
        f"it contains NUL bytes, the first at byte offset {offset}, line {line}; if it is "
        "UTF-16 or UTF-32 text without a byte-order mark, name the encoding with --encoding, "
        "e.g. --encoding utf-16-le",
    )


def _check_control_bytes(data: bytes, name: str) -> None:
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_RATIO * len(sample):
        raise _binary_error(
            name, f"{controls} of its first {len(sample)} bytes are control characters"
        )


def _check_control_chars(text: str, name: str) -> None:
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL_CHARS_RE.findall(sample))
    if controls > _BINARY_CONTROL_RATIO * len(sample):
        raise _binary_error(
            name, f"{controls} of its first {len(sample)} characters are control characters"
        )


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    """1-based line number of the byte at ``offset``, decoding the prefix leniently."""
    if codecs.lookup(encoding).name in ("utf-8", "ascii", "latin-1", "cp1252"):
        return data.count(b"\n", 0, offset) + 1
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def _candidate_encodings(data: bytes) -> list[str]:
    """Legacy encodings that may fit ``data``, the most plausible first (see above)."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return []
    least_chaos = min(match.chaos for match in matches)
    clean = [match for match in matches if match.chaos <= least_chaos + _CP1252_CHAOS_MARGIN]
    ranked: list[tuple[float, int, str]] = []
    for order, match in enumerate(clean):
        if "cp1252" not in (match.could_be_from_charset or [match.encoding]):
            continue
        # The language guess on a few sentences is shaky (Italian reads as "Romanian"), so a
        # cp1252 reading that is at least as coherent as every other clean reading also wins.
        others = [m.coherence for m in clean if "cp1252" not in m.could_be_from_charset]
        if match.language in _CP1252_LANGUAGES or (
            match.language not in _CENTRAL_EUROPEAN and match.coherence >= max(others, default=0)
        ):
            ranked.append((-1.0, order, "cp1252"))
    for order, match in enumerate(matches):
        rare = match.encoding.startswith(_RARE_PREFIXES)
        ranked.append((match.chaos + (_RARE_PENALTY if rare else 0.0), order, match.encoding))
    return [encoding for _score, _order, encoding in sorted(ranked)]


def _ascii_compatible(encoding: str) -> bool:
    """True when ``encoding`` reads every ASCII byte as that ASCII character."""
    try:
        return _ASCII.decode(encoding) == _ASCII_TEXT
    except (UnicodeDecodeError, LookupError):
        return False


_ASCII = bytes(range(0x80))
_ASCII_TEXT = _ASCII.decode("ascii")
# A run of two or more bytes of 0x80-0xFF: in a file read in a single-byte legacy encoding, one
# that is valid UTF-8 is UTF-8 text (cp1252 would turn "é" into "Ã©" without any error).
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")

#: How many bytes from the first one that is not ASCII the encoding detection looks at (with
#: up to :data:`_DETECTION_CONTEXT` bytes of the ASCII text before it).
DETECTION_SAMPLE = 1 << 20
_DETECTION_CONTEXT = 65_536


class _StreamDecoder:
    """The state of :func:`decode_stream`: the codec, how far the file was read, the lines."""

    def __init__(self, chunks: Iterator[bytes], name: str, encoding: str | None) -> None:
        self.chunks, self.name, self.requested = chunks, name, encoding
        self.offset = 0  # the file offset of the next byte handed to the decoder
        self.lines = 0  # line breaks in the text decoded so far
        self.nonblank = False
        # "forced", "bom": the codec is known; "ascii": only ASCII so far (read as UTF-8);
        # "utf-8": UTF-8 with other characters seen; "legacy": detected with charset-normalizer
        self.mode = "ascii"
        self.codec, self.what = "utf-8", "UTF-8"
        self.single_byte = False
        self.decoder: codecs.IncrementalDecoder = codecs.getincrementaldecoder("utf-8")("strict")

    def _pull(self) -> bytes | None:
        return next(self.chunks, None)

    def _first(self) -> bytes:
        """The first bytes: enough for a byte-order mark and the binary check."""
        return self._read_on(b"", _BINARY_SAMPLE)

    def _read_on(self, data: bytes, limit: int) -> bytes:
        """``data`` and the bytes after it, read from the file until ``limit`` bytes or its end."""
        parts, size = [data], len(data)
        while size < limit:
            more = self._pull()
            if more is None:
                break
            parts.append(more)
            size += len(more)
        return b"".join(parts)

    def _use(self, codec: str, what: str, mode: str) -> None:
        self.codec, self.what, self.mode = codec, what, mode
        self.decoder = codecs.getincrementaldecoder(codec)("strict")

    def pieces(self) -> Iterator[str]:
        first = self._first()
        if not first:
            raise _empty_error(self.name)
        if self.requested is not None:
            self._use(_text_codec(self.requested, self.name), self.requested, "forced")
        else:
            for bom, codec, label in _BOMS:
                if first.startswith(bom):
                    self._use(codec, f"{label} (byte-order mark)", "bom")
                    first = first[len(bom) :]
                    self.offset = len(bom)
                    break
            else:
                self._check_nul(first, b"")
                _check_control_bytes(first, self.name)
        text = self._decode(first, final=False).removeprefix("\ufeff")
        if self.mode in ("forced", "bom"):
            _check_control_chars(text, self.name)
        data: bytes | None = first
        while data is not None:
            if text:
                yield self._checked(text)
            data = self._pull()
            text = self._decode(data, final=False) if data is not None else ""
        text = self._decode(b"", final=True)
        if text:
            yield self._checked(text)
        if not self.nonblank:
            raise _empty_error(self.name)

    def _checked(self, text: str) -> str:
        if self.mode in ("forced", "bom") and "\x00" in text:
            raise _binary_error(self.name, "it contains NUL characters after decoding")
        if not self.nonblank:
            self.nonblank = not _is_blank(text)
        return text

    def _decode(self, data: bytes, final: bool) -> str:
        pending: bytes = self.decoder.getstate()[0]
        if self.mode not in ("forced", "bom"):
            self._check_nul(data, pending)
        start = self.offset - len(pending)  # the file offset of pending + data
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            return self._undecodable(pending + data, start, exc, final)
        self.offset += len(data)
        if self.mode == "ascii" and not text.isascii():
            self.mode = "utf-8"
        elif self.mode == "legacy" and self.single_byte:
            self._check_not_utf8(data)
        self.lines += text.count("\n")
        return text

    def _check_nul(self, data: bytes, pending: bytes) -> None:
        nul = data.find(b"\x00")
        if nul >= 0:
            line = self.lines + pending.count(b"\n") + data.count(b"\n", 0, nul) + 1
            raise _nul_error(self.name, self.offset + nul, line)

    def _undecodable(self, buf: bytes, start: int, exc: UnicodeDecodeError, final: bool) -> str:
        """Switch from ASCII to a detected legacy encoding, or raise naming the place."""
        at = exc.start
        if self.mode == "ascii" and buf[:at].isascii():
            prefix = buf[:at].decode("ascii")
            self.lines += prefix.count("\n")
            self.offset = start + at
            context = buf[max(0, at - _DETECTION_CONTEXT) : at]
            sample = self._sample(buf[at:])
            self._use(self._detect(context + sample), "", "legacy")
            self.what = f"{self.codec} (detected)"
            self.single_byte = not is_multi_byte_encoding(self.codec)
            return prefix + self._decode(sample, final)
        offset = start + at
        bad = buf[at : at + 1].hex().upper() or "end of file"
        line = self.lines + _line_of(buf, at, self.codec)
        if self.mode in ("ascii", "utf-8"):
            raise InputError(
                f"{self.name}: the file looks like UTF-8, but byte 0x{bad} at offset {offset} "
                f"(line {line}) is not valid UTF-8; the file may be damaged or mix encodings. "
                "Repair it, or if it uses another encoding, name it with --encoding, e.g. "
                "--encoding cp1252"
            )
        hint = ""
        if self.mode == "legacy":
            hint = (
                f"; {self.codec} was detected from the text before, so the file may be damaged "
                "or mix encodings. Name its encoding with --encoding"
            )
        raise InputError(
            f"{self.name}: cannot decode the file as {self.what}: byte 0x{bad} at offset "
            f"{offset} (line {line}) is not valid there ({exc.reason}){hint}"
        )

    def _sample(self, data: bytes) -> bytes:
        """``data`` and the bytes after it, up to :data:`DETECTION_SAMPLE` (read from the file)."""
        return self._read_on(data, DETECTION_SAMPLE)

    def _detect(self, sample: bytes) -> str:
        """The most plausible ASCII-compatible legacy encoding that reads the beginning of
        ``sample`` (:data:`DETECTION_SAMPLE` bytes, cut after a line end)."""
        probe = sample[: _DETECTION_CONTEXT + DETECTION_SAMPLE]
        end = probe.rfind(b"\n")
        whole_lines = probe[: end + 1] if end >= len(probe) // 2 else probe
        for encoding in _candidate_encodings(whole_lines):
            if not _ascii_compatible(encoding):
                continue  # the ASCII text before was already read as ASCII
            try:
                codecs.getincrementaldecoder(encoding)("strict").decode(whole_lines)
            except (UnicodeDecodeError, LookupError):  # candidates are judged on chunks
                continue
            return encoding
        # No candidate at all: charset-normalizer's best() would be None.
        raise InputError(
            f"{self.name}: cannot tell which text encoding this file uses (it is not UTF-8); "
            "name it with --encoding, e.g. --encoding cp1252"
        )

    def _check_not_utf8(self, data: bytes) -> None:
        for run in _HIGH_RUN.finditer(data):
            try:
                run.group().decode("utf-8")
            except UnicodeDecodeError:
                continue
            line = self.lines + data.count(b"\n", 0, run.start()) + 1
            raise InputError(
                f"{self.name}: the file reads as {self.codec} (detected from the text before), "
                f"but the bytes at offset {self.offset - len(data) + run.start()} (line {line}) "
                "are UTF-8; the file mixes encodings. Convert it to one encoding, or name the "
                "encoding to read it all with, e.g. --encoding utf-8"
            )


def _text_codec(encoding: str, name: str) -> str:
    """``encoding`` if it is a text encoding Python knows, else an :class:`InputError`."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown text encoding {encoding!r}") from None
    try:
        b"x".decode(encoding)
    except LookupError:  # a codec that is not a text encoding, e.g. "base64"
        raise InputError(f"{name}: {encoding!r} is not a text encoding") from None
    except UnicodeDecodeError:  # one byte is not enough for UTF-16 and the like
        pass
    return encoding


def decode_stream(chunks: Iterable[bytes], name: str, encoding: str | None = None) -> Iterator[str]:
    """Decode a text file from its bytes as they are read: the pieces of its text, in order.

    ``name`` (usually the path) starts every error message. A byte-order mark (UTF-8, UTF-16
    LE/BE, UTF-32 LE/BE) decides the codec and is removed; ``encoding`` forces one. Otherwise
    the bytes are read as UTF-8; if one is not valid UTF-8 while everything before it was
    ASCII, a legacy encoding is detected (charset-normalizer) on a bounded sample from there
    (:data:`DETECTION_SAMPLE` bytes, with some of the ASCII text before for context) and the
    rest of the file is read with it. Decoding is strict all the way, so a byte that does not
    fit further on is an :class:`InputError` naming its offset and line, never a replacement
    character; and in a file detected as a single-byte legacy encoding (which reads any byte),
    a later run of bytes that is valid UTF-8 is refused as a mix of encodings rather than
    turned into mojibake. Also raises for empty, blank or binary input (NUL bytes anywhere,
    many control characters at the beginning). The chunks may have any size.
    """
    return _StreamDecoder(iter(chunks), name, encoding).pieces()


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text file's bytes held in memory; see :func:`decode_stream` for the rules."""
    return "".join(decode_stream([data], name, encoding))


def normalise_text(text: str) -> str:
    """The stored form of a text: LF line ends, Unicode NFC, no leading byte-order mark.

    CRLF and lone CR become LF. Nothing else changes: no-break spaces, tabs and trailing spaces
    stay, because annotations and exports must match the source exactly. Idempotent.
    """
    # All leading U+FEFF go (not just one), otherwise a second call would remove another.
    if text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of ``text``."""
    # surrogatepass: a lone surrogate (invalid anyway) must not make hashing itself fail.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_length(text: str, name: str) -> None:
    """Raise :class:`InputError` if ``text`` exceeds :data:`MAX_DOCUMENT_CHARS`."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"{name}: the document is too long: {len(text):,} characters; the limit is "
            f"{MAX_DOCUMENT_CHARS:,} characters per document. Split it into smaller files."
        )
