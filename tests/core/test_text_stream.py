"""decode_stream: a file's bytes decoded as they are read give what decoding them whole gives,
whatever the sizes of the chunks; errors name the same offset and line; the legacy encoding is
detected where the first non-ASCII byte is, on a bounded sample."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import text as text_module
from annotator.core.errors import InputError
from annotator.core.text import DETECTION_SAMPLE, decode_bytes, decode_stream

NAME = "feed.jsonl"
BLOCK = 70_000  # past the first chunk, which is gathered to 64 KB for the binary check


def chunked(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def stream(data: bytes, size: int, encoding: str | None = None) -> str:
    return "".join(decode_stream(chunked(data, size), NAME, encoding))


def error(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value)


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    size=st.integers(min_value=1, max_value=9000),
)
def test_any_chunk_sizes_decode_as_the_whole(text: str, codec: str, size: int) -> None:
    whole = ("Line of text.\n" * (BLOCK // 14) + text + "\n") * 2
    data = whole.encode(codec)
    if size < 50:
        data = data[: 4 * BLOCK]  # keep the one-byte runs short
    expected = decode_bytes(data, NAME)
    assert stream(data, size) == expected


@pytest.mark.parametrize("size", [1, 2, 3, 1000, 65_536, 10**6])
def test_damaged_utf8_names_the_same_offset_and_line_for_any_chunks(size: int) -> None:
    good = ("Zürich, ligne de texte.\n" * 5000).encode()
    data = good + b"caf\xe9\n" + b"more\n"
    expected = f"byte 0xE9 at offset {len(good) + 3} (line 5001) is not valid UTF-8"
    assert expected in error(lambda: decode_bytes(data, NAME))
    assert expected in error(lambda: stream(data, size))


@pytest.mark.parametrize("size", [7, 4096])
def test_a_sequence_cut_at_the_end_is_named(size: int) -> None:
    data = ("naïve\n" * 20_000).encode() + "é".encode()[:1]
    assert f"offset {len(data) - 1} (line 20001)" in error(lambda: stream(data, size))


def test_utf16_damage_names_its_offset_and_line() -> None:
    data = codecs.BOM_UTF16_LE + ("ligne\n" * 20_000).encode("utf-16-le") + b"\x00\xdc"
    message = error(lambda: stream(data, 4097))
    assert message.startswith(f"{NAME}: cannot decode the file as UTF-16 LE (byte-order mark)")
    assert f"at offset {len(data) - 2} (line 20001)" in message


def test_nul_byte_far_in_names_offset_and_line() -> None:
    data = b"plain line\n" * 10_000 + b"bad\x00byte\n"
    message = error(lambda: stream(data, 5000))
    assert f"the first at byte offset {110_000 + 3}, line 10001" in message


def test_forced_encoding_is_strict_to_the_end() -> None:
    data = ("Grüße\n" * 20_000).encode("cp1252") + b"\x81\n"
    message = error(lambda: stream(data, 4096, "cp1252"))
    expected = f"cannot decode the file as cp1252: byte 0x81 at offset {len(data) - 2} (line 20001)"
    assert expected in message


FRENCH = "Le président a déclaré : « Nous ne céderons pas », à Genève, où l’on négocie.\n"


def test_legacy_encoding_is_detected_after_a_long_ascii_beginning(monkeypatch) -> None:
    seen: list[int] = []
    real = text_module._candidate_encodings

    def spy(data: bytes) -> list[str]:
        seen.append(len(data))
        return real(data)

    monkeypatch.setattr(text_module, "_candidate_encodings", spy)
    ascii_part = b"An article in plain English, with no accent at all.\n" * 60_000
    legacy = (FRENCH * 30_000).encode("cp1252")
    data = ascii_part + legacy
    assert stream(data, 1 << 20) == data.decode("cp1252")
    # detection looked at a sample around the first non-ASCII byte, not at the whole file
    assert seen and max(seen) <= DETECTION_SAMPLE + 65_536 < len(data)


def test_utf8_after_a_detected_single_byte_encoding_is_refused() -> None:
    legacy = (FRENCH * 20_000).encode("cp1252")
    data = legacy + "Zürich\n".encode()
    message = error(lambda: stream(data, 1 << 20))
    assert "the file reads as cp1252 (detected from the text before)" in message
    assert f"the bytes at offset {len(legacy) + 1} (line 20001) are UTF-8" in message


def test_a_byte_the_detected_encoding_lacks_is_named() -> None:
    legacy = (FRENCH * 20_000).encode("cp1252")
    data = legacy + b"line \x81\n"
    message = error(lambda: stream(data, 1 << 20))
    assert message.startswith(f"{NAME}: cannot decode the file as cp1252 (detected): byte 0x81")
    assert f"at offset {len(legacy) + 5} (line 20001)" in message
    assert "--encoding" in message


def test_blank_file_read_in_pieces_is_empty() -> None:
    assert error(lambda: stream(b" \n\t" * 50_000, 1000)) == f"{NAME}: the file is empty"
