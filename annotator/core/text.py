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

import charset_normalizer

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


def _check_binary_bytes(data: bytes, name: str) -> None:
    first_nul = data.find(b"\x00")
    if first_nul >= 0:
        line = data.count(b"\n", 0, first_nul) + 1
        raise _binary_error(
            name,
            f"it contains NUL bytes, the first at byte offset {first_nul}, line {line}; if it is "
            "UTF-16 or UTF-32 text without a byte-order mark, name the encoding with --encoding, "
            "e.g. --encoding utf-16-le",
        )
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_RATIO * len(sample):
        raise _binary_error(
            name, f"{controls} of its first {len(sample)} bytes are control characters"
        )


def _check_binary_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise _binary_error(name, "it contains NUL characters after decoding")
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


def _decode_strict(data: bytes, encoding: str, name: str, what: str, skip: int = 0) -> str:
    """Decode ``data[skip:]`` strictly; on failure name the byte offset (in the whole file)."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        bad = data[offset : offset + 1].hex().upper() or "end of file"
        line = _line_of(data, offset, encoding)
        raise InputError(
            f"{name}: cannot decode the file as {what}: byte 0x{bad} at offset {offset} "
            f"(line {line}) is not valid there ({exc.reason})"
        ) from None


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


def _detect_legacy(data: bytes, name: str) -> str:
    """Decode bytes that are not UTF-8 with the most plausible legacy encoding."""
    for encoding in _candidate_encodings(data):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):  # candidates are judged on sampled chunks
            continue
    # No candidate at all: charset-normalizer's best() would be None.
    raise InputError(
        f"{name}: cannot tell which text encoding this file uses (it is not UTF-8); "
        "name it with --encoding, e.g. --encoding cp1252"
    )


def _decode_unmarked(data: bytes, name: str) -> str:
    """Decode bytes without a byte-order mark or a requested encoding."""
    _check_binary_bytes(data, name)
    try:
        return data.decode("utf-8")  # the common case, and fast even for 100 MB
    except UnicodeDecodeError as exc:
        offset = exc.start
    # Valid multi-byte sequences before the first bad byte mean the file is UTF-8 with damage
    # (or a mix of encodings): guessing another encoding would silently garble the good part.
    if not data[:offset].isascii():
        line = data.count(b"\n", 0, offset) + 1
        bad = data[offset : offset + 1].hex().upper()
        raise InputError(
            f"{name}: the file looks like UTF-8, but byte 0x{bad} at offset {offset} (line {line}) "
            "is not valid UTF-8; the file may be damaged or mix encodings. Repair it, or if it "
            "uses another encoding, name it with --encoding, e.g. --encoding cp1252"
        )
    return _detect_legacy(data, name)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text file's bytes; ``name`` (usually the path) starts every error message.

    A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides the codec and is removed.
    ``encoding`` forces a codec (strict). Otherwise the bytes are tried as UTF-8 first and a
    legacy encoding is detected only when they are not UTF-8. Raises :class:`InputError` for
    empty, binary or undecodable input.
    """
    if not data:
        raise _empty_error(name)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown text encoding {encoding!r}") from None
        try:
            text = _decode_strict(data, encoding, name, encoding)
        except LookupError:  # a codec that is not a text encoding, e.g. "base64"
            raise InputError(f"{name}: {encoding!r} is not a text encoding") from None
        _check_binary_text(text, name)
    else:
        for bom, codec, label in _BOMS:
            if data.startswith(bom):
                text = _decode_strict(data, codec, name, f"{label} (byte-order mark)", len(bom))
                _check_binary_text(text, name)
                break
        else:
            text = _decode_unmarked(data, name)
    text = text.removeprefix("\ufeff")
    if _is_blank(text):
        raise _empty_error(name)
    return text


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
