"""Tests for annotator.core.offsets: UTF-16 offsets, grapheme clusters and word snapping."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import offsets
from annotator.core.offsets import (
    Utf16Map,
    grapheme_boundaries,
    snap_span_to_graphemes,
    snap_span_to_words,
    snap_to_grapheme,
    step_word,
    utf16_slice_matches,
)
from annotator.core.text import normalise_text

PROPERTIES = settings(max_examples=200, deadline=None)

FAMILY = "👨\u200d👩\u200d👧"
PIECES = [
    # ASCII words, punctuation and whitespace
    "a", "Z", "word", "Karamov's", "cease-fire", " ", "  ", ".", ",", '"', "-", "'", "\t", "\n",
    "\r\n", "\r",
    # emoji: plain, with variation selector, flag, ZWJ family, skin tone, lone regional indicator
    "😀", "🕊️", "🇺🇳", FAMILY, "👍🏽", "🇺",
    # CJK, including astral Extension B
    "𠀀", "𪚥", "中文", "テキスト",
    # combining marks, also on a space and on nothing
    "e\u0301", "a\u0308\u0323", " \u0301", "\u0301",
    # no-break space, right-to-left scripts, Devanagari with virama (a conjunct)
    "\u00a0", "مرحبا", "שלום", "क्षत्रिय", "\u0915\u094d",
    # Hangul jamo, ZWJ, zero-width space, a Prepend character
    "\u1100\u1161\u11a8", "\u200d", "\u200b", "\u0600",
]  # fmt: skip

mixed_texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.characters(exclude_categories=("Cs",)),  # any other code point, rarely
    ),
    max_size=30,
).map("".join)


def all_boundaries(text: str) -> list[int]:
    """Reference: every cluster boundary, from segmenting the whole text."""
    return [0, *(m.end() for m in regex.finditer(r"\X", text))]


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(mixed_texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


# --- Utf16Map --------------------------------------------------------------------------------


@PROPERTIES
@given(mixed_texts)
def test_utf16_round_trip_at_every_position(text: str) -> None:
    mapping = Utf16Map(text)
    for cp in range(len(text) + 1):
        u = mapping.to_utf16(cp)
        assert u == len(text[:cp].encode("utf-16-le")) // 2
        for snap in ("left", "right", "error"):
            assert mapping.from_utf16(u, snap=snap) == cp


@PROPERTIES
@given(mixed_texts)
def test_utf16_length(text: str) -> None:
    assert Utf16Map(text).utf16_length == len(text.encode("utf-16-le")) // 2


@PROPERTIES
@given(text_and_span())
def test_utf16_slice_equals_code_point_slice(case: tuple[str, int, int]) -> None:
    text, start, end = case
    mapping = Utf16Map(text)
    start16, end16 = mapping.to_utf16(start), mapping.to_utf16(end)
    encoded = text.encode("utf-16-le")
    assert encoded[2 * start16 : 2 * end16].decode("utf-16-le") == text[start:end]
    assert utf16_slice_matches(text, start16, end16, text[start:end])


@PROPERTIES
@given(mixed_texts)
def test_from_utf16_inside_surrogate_pair(text: str) -> None:
    mapping = Utf16Map(text)
    for cp, char in enumerate(text):
        if ord(char) <= 0xFFFF:
            continue
        inside = mapping.to_utf16(cp) + 1
        assert mapping.from_utf16(inside) == cp
        assert mapping.from_utf16(inside, snap="left") == cp
        assert mapping.from_utf16(inside, snap="right") == cp + 1
        with pytest.raises(ValueError):
            mapping.from_utf16(inside, snap="error")
        assert not utf16_slice_matches(text, inside, mapping.utf16_length, text[cp + 1 :])


def test_utf16_map_examples() -> None:
    text = "a😀b𠀀"
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(cp) for cp in range(5)] == [0, 1, 3, 4, 6]
    assert [mapping.from_utf16(u) for u in range(7)] == [0, 1, 1, 2, 3, 3, 4]
    assert [mapping.from_utf16(u, snap="right") for u in range(7)] == [0, 1, 2, 2, 3, 4, 4]
    assert mapping.utf16_length == 6


def test_utf16_map_rejects_out_of_range() -> None:
    mapping = Utf16Map("ab😀")
    for bad in (-1, 4):
        with pytest.raises(ValueError):
            mapping.to_utf16(bad)
    for bad in (-1, 5):
        with pytest.raises(ValueError):
            mapping.from_utf16(bad)
    with pytest.raises(ValueError):
        Utf16Map("plain").to_utf16(6)
    with pytest.raises(ValueError):
        mapping.from_utf16(0, snap="middle")  # type: ignore[arg-type]


def test_utf16_slice_matches_examples() -> None:
    text = "Hi 👍🏽 there"
    assert utf16_slice_matches(text, 3, 7, "👍🏽")
    assert not utf16_slice_matches(text, 3, 6, "👍🏽")
    assert not utf16_slice_matches(text, 4, 7, "👍🏽"[1:])  # starts inside a surrogate pair
    assert not utf16_slice_matches(text, 8, 99, "there")
    assert not utf16_slice_matches(text, 5, 3, "")


# --- grapheme clusters -----------------------------------------------------------------------


@PROPERTIES
@given(text_and_span())
def test_grapheme_boundaries_of_a_range(case: tuple[str, int, int]) -> None:
    text, start, end = case
    expected = [b for b in all_boundaries(text) if start <= b <= end]
    assert grapheme_boundaries(text, start, end) == expected


@PROPERTIES
@given(mixed_texts)
def test_snap_to_grapheme_matches_brute_force(text: str) -> None:
    boundaries = all_boundaries(text)
    assert grapheme_boundaries(text) == boundaries
    for pos in range(len(text) + 1):
        left = boundaries[bisect_right(boundaries, pos) - 1]
        right = boundaries[bisect_left(boundaries, pos)]
        assert snap_to_grapheme(text, pos, "left") == left
        assert snap_to_grapheme(text, pos, "right") == right


@PROPERTIES
@given(text_and_span())
def test_snap_span_to_graphemes(case: tuple[str, int, int]) -> None:
    text, start, end = case
    boundaries = all_boundaries(text)
    s, e = snap_span_to_graphemes(text, start, end)
    assert s in boundaries
    assert e in boundaries
    if start == end:
        assert s == e == boundaries[bisect_right(boundaries, start) - 1]
    else:
        assert s <= start <= end <= e
        # the smallest such superset
        assert s == boundaries[bisect_right(boundaries, start) - 1]
        assert e == boundaries[bisect_left(boundaries, end)]


def test_selection_inside_family_snaps_to_whole_family() -> None:
    text = f"Family {FAMILY} photo"
    inside = text.index(FAMILY) + 2  # after the man and the ZWJ
    assert snap_span_to_graphemes(text, inside, inside + 1) == (7, 7 + len(FAMILY))
    assert snap_to_grapheme(text, inside, "left") == 7
    assert snap_to_grapheme(text, inside, "right") == 7 + len(FAMILY)


@pytest.mark.parametrize(
    ("text", "cluster"),
    [
        ("x 🇺🇳 y", "🇺🇳"),
        ("x a\u0308\u0323 y", "a\u0308\u0323"),
        ("x 👍🏽 y", "👍🏽"),
        ("x 🕊️ y", "🕊️"),
        ("x \u0915\u094d\u0937 y", "\u0915\u094d\u0937"),  # conjunct across a virama
    ],
)
def test_clusters_are_not_split(text: str, cluster: str) -> None:
    start = text.index(cluster)
    for inner in range(start + 1, start + len(cluster)):
        assert snap_span_to_graphemes(text, inner, inner + 1) == (start, start + len(cluster))


def test_grapheme_snapping_in_a_large_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Ordinary words and 😀 emoji, e\u0301 marks. " * 30_000)[:1_000_000]
    reference = all_boundaries(text)
    # Record where cluster scans begin: they must start just before the position asked about.
    scan_starts: list[int] = []
    cluster_re = offsets._CLUSTER_RE

    class RecordingPattern:
        def finditer(self, string: str, pos: int = 0) -> object:
            scan_starts.append(pos)
            return cluster_re.finditer(string, pos)

    monkeypatch.setattr(offsets, "_CLUSTER_RE", RecordingPattern())
    for pos in range(500_000, 500_100):
        left = reference[bisect_right(reference, pos) - 1]
        right = reference[bisect_left(reference, pos)]
        assert snap_to_grapheme(text, pos, "left") == left
        assert snap_to_grapheme(text, pos, "right") == right
    assert grapheme_boundaries(text, 999_990) == [b for b in reference if b >= 999_990]
    assert min(scan_starts) >= 499_990


def test_grapheme_functions_reject_bad_positions() -> None:
    with pytest.raises(ValueError):
        snap_to_grapheme("abc", 4, "left")
    with pytest.raises(ValueError):
        snap_to_grapheme("abc", 1, "up")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        snap_span_to_graphemes("abc", 2, 1)
    with pytest.raises(ValueError):
        grapheme_boundaries("abc", 0, 5)


# --- word snapping ---------------------------------------------------------------------------


@PROPERTIES
@given(text_and_span())
def test_snap_span_to_words_properties(case: tuple[str, int, int]) -> None:
    text, start, end = case
    boundaries = all_boundaries(text)
    s, e = snap_span_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    assert s in boundaries
    assert e in boundaries
    selected = text[s:e]
    assert selected == selected.strip()
    if text[start:end].strip() == "" and start < end:
        assert s == e


@pytest.mark.parametrize(
    ("text", "selection", "expected"),
    [
        ("The Karamov's case", "amo", "Karamov's"),
        ("The Karamov's case", "Karamov", "Karamov's"),
        ("The Karamov’s case", "ov’", "Karamov’s"),
        ("a cease-fire now", "ase-fi", "cease-fire"),
        ("a cease-fire now", "fire n", "cease-fire now"),
        ("he said  hello there ", " hello ", "hello"),
        ('she said "peace, now" today', '"peace, no', '"peace, now'),
        ("Sprach Président Macron", "ésid", "Président"),
        ("हिन्दी समाचार", "न्द", "हिन्दी"),
        ("Photo 👨\u200d👩\u200d👧 caption", "\u200d👩", FAMILY),
        ("北京市政府", "市政", "市政"),  # no spaces in Chinese: no word expansion
    ],
)
def test_snap_span_to_words_examples(text: str, selection: str, expected: str) -> None:
    start = text.index(selection)
    s, e = snap_span_to_words(text, start, start + len(selection))
    assert text[s:e] == expected


def test_whitespace_only_selection_is_empty() -> None:
    assert snap_span_to_words("one   two", 4, 6) == (4, 4)


def test_empty_selection_inside_word_selects_it() -> None:
    assert snap_span_to_words("one two", 5, 5) == (4, 7)
    assert snap_span_to_words("one two", 3, 3) == (3, 3)


def test_combining_mark_on_space_is_not_split_and_not_kept() -> None:
    text = "a \u0301b"
    s, e = snap_span_to_words(text, 2, 4)
    assert text[s:e] == "b"


# --- moving an edge by a word ----------------------------------------------------------------

KULEBA = "Dmytro Kuleba said"


def moved(text: str, span: str, edge: str, direction: str, times: int = 1) -> str:
    """The text of ``span`` (its first occurrence) after moving ``edge`` ``times`` words."""
    start = text.index(span)
    end = start + len(span)
    for _ in range(times):
        if edge == "start":
            start = step_word(text, start, direction, "start")  # type: ignore[arg-type]
        else:
            end = step_word(text, end, direction, "end")  # type: ignore[arg-type]
    return text[start:end]


@pytest.mark.parametrize(
    ("text", "span", "edge", "direction", "times", "expected"),
    [
        # the report: an end moved one word left kept the space before the word it left
        (KULEBA, KULEBA, "end", "left", 1, "Dmytro Kuleba"),
        (KULEBA, KULEBA, "end", "left", 2, "Dmytro"),
        (KULEBA, "Dmytro", "end", "right", 1, "Dmytro Kuleba"),
        (KULEBA, "Dmytro", "end", "right", 2, KULEBA),
        (KULEBA, KULEBA, "start", "right", 1, "Kuleba said"),
        (KULEBA, "said", "start", "left", 1, "Kuleba said"),
        (KULEBA, "said", "start", "left", 2, KULEBA),
        # several spaces, tabs and line breaks between the words
        ("Dmytro   Kuleba \n\n said", "said", "start", "left", 1, "Kuleba \n\n said"),
        ("Dmytro   Kuleba \n\n said", "Dmytro", "end", "right", 1, "Dmytro   Kuleba"),
        ("Dmytro   Kuleba \n\n said", "Kuleba \n\n said", "end", "left", 1, "Kuleba"),
        ("Dmytro\tKuleba\nsaid", "Dmytro\tKuleba\nsaid", "start", "right", 2, "said"),
        # punctuation is stepped over: an edge lands on a word, not on a comma or a quote mark
        ("“We will not,” Kuleba said.", "We will not,” Kuleba said.", "end", "left", 1,
         "We will not,” Kuleba said"),
        ("“We will not,” Kuleba said.", "We will not", "end", "right", 1,
         "We will not,” Kuleba"),
        ("“We will not,” Kuleba said.", "Kuleba", "start", "left", 1, "not,” Kuleba"),
        ("“We will not,” Kuleba said.", "“We will", "start", "right", 1, "We will"),
        ("Kuleba's deputy, a cease-fire", "Kuleba", "end", "right", 1, "Kuleba's"),
        ("Kuleba's deputy, a cease-fire", "deputy", "end", "right", 2, "deputy, a cease-fire"),
        # inside a word: to that word's own edge
        (KULEBA, "Kul", "end", "right", 1, "Kuleba"),
        (KULEBA, "leba", "start", "left", 1, "Kuleba"),
        (KULEBA, "Dmytro Kul", "end", "left", 1, "Dmytro"),
        # at the ends of the text, or with no word that way, the edge stays
        (KULEBA, KULEBA, "end", "right", 1, KULEBA),
        (KULEBA, KULEBA, "start", "left", 1, KULEBA),
        ("said.  ", "said.", "end", "right", 1, "said."),
        ("  , said", "said", "start", "left", 1, "said"),
    ],
)  # fmt: skip
def test_an_edge_moved_by_a_word_lands_on_a_word_edge(
    text: str, span: str, edge: str, direction: str, times: int, expected: str
) -> None:
    assert moved(text, span, edge, direction, times) == expected


def test_moving_the_start_right_past_its_end_is_the_callers_to_refuse() -> None:
    # "We" with its start one word right: the next word start is "will", after its end
    assert step_word("“We will", 1, "right", "start") == 4


@PROPERTIES
@given(mixed_texts, st.data())
def test_an_edge_moved_by_a_word_is_never_on_whitespace(text: str, data: st.DataObject) -> None:
    boundaries = all_boundaries(text)
    pos = data.draw(st.sampled_from(boundaries))
    for edge in ("start", "end"):
        for direction in ("left", "right"):
            to = step_word(text, pos, direction, edge)  # type: ignore[arg-type]
            assert to in boundaries
            assert to >= pos if direction == "right" else to <= pos
            if to == pos:
                continue
            if edge == "end":
                assert to > 0 and not text[to - 1].isspace()
            else:
                assert to < len(text) and not text[to].isspace()


def test_stepping_back_in_a_long_text_finds_a_word_far_away() -> None:
    text = "Kuleba" + " " * 5000 + "said"
    assert step_word(text, len(text), "left", "end") == len("Kuleba")
    assert step_word(text, len(text) - 4, "left", "start") == 0
    with pytest.raises(ValueError, match="direction"):
        step_word(text, 0, "up", "end")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="outside"):
        step_word(text, len(text) + 1, "left", "end")


# --- normalisation (property) ----------------------------------------------------------------


@PROPERTIES
@given(mixed_texts)
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


def test_a_span_across_paragraphs_splits_at_blank_lines() -> None:
    from annotator.core.offsets import split_at_paragraphs

    text = "“We will not give up,” he said.\n\n“Not one village.” Then silence.\n \nEnd."
    first, second = text.index("We"), text.index("Then")
    assert split_at_paragraphs(text, first, second) == [
        (first, text.index("\n\n")),
        (text.index("“Not"), text.index(" Then")),
    ]
    # one paragraph: unchanged; a break with spaces in the blank line still splits
    assert split_at_paragraphs(text, 0, 10) == [(0, 10)]
    assert len(split_at_paragraphs(text, text.index("Then"), len(text))) == 2


def test_paragraph_at_counts_blank_line_separated_paragraphs() -> None:
    from annotator.core.offsets import paragraph_at

    text = "\n\nFirst one.\nStill first.\n\n  \nSecond.\n\nThird.\n\n"
    assert paragraph_at(text, text.index("First")) == (1, 3)
    assert paragraph_at(text, text.index("Still")) == (1, 3)
    assert paragraph_at(text, text.index("Second")) == (2, 3)
    assert paragraph_at(text, text.index("Third") + 3) == (3, 3)
    assert paragraph_at("One paragraph only.", 4) == (1, 1)
