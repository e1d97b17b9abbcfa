"""Tests for annotator.core.text: decoding, normalisation, hashing and the length limit."""

from __future__ import annotations

import codecs
import hashlib

import charset_normalizer
import pytest

from annotator.core import text as text_module
from annotator.core.errors import InputError
from annotator.core.text import (
    MAX_DOCUMENT_CHARS,
    check_length,
    decode_bytes,
    normalise_text,
    text_sha256,
)

SAMPLE = "Grüße aus Köln 😀 — «ça va?»\nZweite Zeile\n"
NAME = "articles/2024/story.txt"


# --- byte-order marks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_selects_codec_and_is_removed(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + SAMPLE.encode(codec), NAME)
    assert decoded == SAMPLE
    assert not decoded.startswith("\ufeff")


def test_utf32_le_bom_is_not_mistaken_for_utf16_le() -> None:
    # FF FE 00 00 starts with the UTF-16 LE mark; UTF-32 must be tried first.
    data = codecs.BOM_UTF32_LE + "abc".encode("utf-32-le")
    assert decode_bytes(data, NAME) == "abc"


def test_bom_with_undecodable_body_names_offset_and_codec() -> None:
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"x"  # odd number of bytes
    with pytest.raises(InputError) as info:
        decode_bytes(data, NAME)
    message = str(info.value)
    assert message.startswith(f"{NAME}:")
    assert "UTF-16 LE" in message
    assert "offset 8" in message


# --- UTF-8 and legacy encodings --------------------------------------------------------------


def test_plain_utf8() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8"), NAME) == SAMPLE


def test_cp1252_french_is_detected() -> None:
    original = "Café déjà vu — « citation »"
    assert decode_bytes(original.encode("cp1252"), NAME) == original


def test_cp1252_longer_text_with_curly_quotes_is_detected() -> None:
    original = (
        "Le président a déclaré à la presse qu’il ne démissionnerait pas. "
        "« C’est une décision réfléchie », a-t-il ajouté — sans préciser davantage."
    )
    assert decode_bytes(original.encode("cp1252"), NAME) == original


def test_cp1252_german_is_detected() -> None:
    original = "Der Bürgermeister äußerte sich über die Straßenbahn – „Wir müssen handeln“."
    assert decode_bytes(original.encode("cp1252"), NAME) == original


def test_cp1251_cyrillic_is_detected() -> None:
    original = (
        "Президент заявил журналистам, что переговоры о прекращении огня "
        "продолжатся на следующей неделе."
    )
    assert decode_bytes(original.encode("cp1251"), NAME) == original


def test_cp1250_polish_is_detected() -> None:
    original = (
        "Prezydent powiedział dziennikarzom, że rozmowy o zawieszeniu broni "
        "będą kontynuowane w przyszłym tygodniu."
    )
    assert decode_bytes(original.encode("cp1250"), NAME) == original


def test_shift_jis_is_detected() -> None:
    original = "日本語のテキストです。東京で会議が開かれました。"
    assert decode_bytes(original.encode("shift_jis"), NAME) == original


def test_corrupt_utf8_names_offset_and_line() -> None:
    data = "Première ligne\nDeuxième ".encode() + b"\xff" + b" fin\n"
    offset = data.index(b"\xff")
    with pytest.raises(InputError) as info:
        decode_bytes(data, NAME)
    message = str(info.value)
    assert message.startswith(f"{NAME}:")
    assert f"offset {offset}" in message
    assert "line 2" in message
    assert "--encoding" in message


def test_truncated_utf8_sequence_at_end_is_reported() -> None:
    data = "naïve".encode() + "é".encode()[:1]
    with pytest.raises(InputError, match=f"offset {len(data) - 1}"):
        decode_bytes(data, NAME)


def test_undetectable_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    # charset-normalizer finding nothing (best() is None) must give a clear message.
    monkeypatch.setattr(
        text_module.charset_normalizer,
        "from_bytes",
        lambda data: charset_normalizer.CharsetMatches([]),
    )
    with pytest.raises(InputError) as info:
        decode_bytes(b"caf\xe9", NAME)
    message = str(info.value)
    assert message.startswith(f"{NAME}:")
    assert "cannot tell which text encoding" in message
    assert "--encoding" in message


# --- binary input ----------------------------------------------------------------------------


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        decode_bytes(b"hello\x00world", NAME)


def test_png_header_is_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    with pytest.raises(InputError) as info:
        decode_bytes(png, NAME)
    assert str(info.value).startswith(f"{NAME}: this looks like a binary file, not text (")


def test_many_control_characters_mean_binary() -> None:
    data = bytes(range(1, 32)) * 20 + b"some text"
    with pytest.raises(InputError, match="control characters"):
        decode_bytes(data, NAME)


def test_a_few_control_characters_are_tolerated() -> None:
    text = "Title\x0c\n" + "Body text.\n" * 50 + "\x1b"
    assert decode_bytes(text.encode(), NAME) == text


def test_utf16_without_bom_is_binary_with_a_hint() -> None:
    with pytest.raises(InputError, match="--encoding"):
        decode_bytes("hello".encode("utf-16-le"), NAME)


def test_binary_with_forced_encoding_is_still_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\r", NAME, encoding="latin-1")


# --- empty input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\r\n  ",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b" \n",
        codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"),
        "\u00a0\u2003\n".encode(),
    ],
)
def test_empty_or_blank_file(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, NAME)
    assert str(info.value) == f"{NAME}: the file is empty"


# --- forced encoding -------------------------------------------------------------------------


def test_forced_encoding() -> None:
    original = "Café – 5 €"
    assert decode_bytes(original.encode("cp1252"), NAME, encoding="cp1252") == original


def test_forced_utf16_without_bom() -> None:
    assert decode_bytes("hello".encode("utf-16-le"), NAME, encoding="utf-16-le") == "hello"


def test_forced_utf8_removes_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"abc", NAME, encoding="utf-8") == "abc"


def test_forced_encoding_failure_names_offset_and_encoding() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"line\ncaf\xe9", NAME, encoding="utf-8")
    message = str(info.value)
    assert message.startswith(f"{NAME}:")
    assert "offset 8" in message
    assert "utf-8" in message
    assert "line 2" in message


def test_unknown_encoding() -> None:
    with pytest.raises(InputError, match="unknown text encoding 'klingon'"):
        decode_bytes(b"abc", NAME, encoding="klingon")


def test_non_text_codec() -> None:
    with pytest.raises(InputError, match="not a text encoding"):
        decode_bytes(b"abc", NAME, encoding="base64")


# --- large input -----------------------------------------------------------------------------


def test_hundred_megabytes_of_utf8_decode() -> None:
    # No timing assertion: the point is that the UTF-8 fast path is taken (charset-normalizer
    # on 100 MB would make this test take far longer than the suite's timeout).
    size = 100_000_000
    data = b"x" * (size - 2) + "é".encode()
    decoded = decode_bytes(data, NAME)
    assert len(decoded) == size - 1
    assert decoded.endswith("xé")


# --- normalisation ---------------------------------------------------------------------------


def test_crlf_and_cr_become_lf() -> None:
    assert normalise_text("a\r\nb\rc\n\r\nd\r") == "a\nb\nc\n\nd\n"


def test_nfd_becomes_nfc() -> None:
    assert normalise_text("e\u0301") == "é"
    assert normalise_text("Cafe\u0301 de\u0301ja\u0300") == "Café déjà"


def test_leading_bom_removed() -> None:
    assert normalise_text("\ufeffText") == "Text"
    assert normalise_text("\ufeff\ufeffText") == "Text"


def test_nothing_else_changes() -> None:
    original = "\u00a0 indented\twith tab  \n\n  trailing  \u2003\n"
    assert normalise_text(original) == original


@pytest.mark.parametrize(
    "original",
    ["", "plain", "a\r\n\rb", "e\u0301\r", "\ufeff\ufeffx\r\n", "a\u0308\u0323", "\u212b"],
)
def test_normalise_is_idempotent(original: str) -> None:
    once = normalise_text(original)
    assert normalise_text(once) == once


def test_fast_path_returns_the_same_text() -> None:
    original = "Already normalised.\n"
    assert normalise_text(original) is original


# --- hashing and length ----------------------------------------------------------------------


def test_text_sha256() -> None:
    assert text_sha256("abc") == hashlib.sha256(b"abc").hexdigest()
    assert text_sha256("é😀") == hashlib.sha256("é😀".encode()).hexdigest()
    assert text_sha256("é") != text_sha256("e\u0301")
    assert len(text_sha256("")) == 64


def test_length_within_limit() -> None:
    check_length("x" * MAX_DOCUMENT_CHARS, NAME)


def test_length_over_limit() -> None:
    with pytest.raises(InputError) as info:
        check_length("x" * (MAX_DOCUMENT_CHARS + 1), NAME)
    message = str(info.value)
    assert message.startswith(f"{NAME}:")
    assert f"{MAX_DOCUMENT_CHARS:,}" in message
    assert f"{MAX_DOCUMENT_CHARS + 1:,}" in message
    assert "characters" in message
