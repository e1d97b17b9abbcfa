"""The GUI's one boundary between Qt positions (UTF-16) and stored offsets (code points)."""

from __future__ import annotations

from annotator.gui.positions import TextPositions

TEXT = "Post 👨‍👩‍👧 by 𠀀 envoy Zoë said: café 🇺🇳 today."


def test_round_trip_at_every_offset() -> None:
    positions = TextPositions(TEXT)
    for offset in range(len(TEXT) + 1):
        assert positions.to_offset(positions.to_qt(offset)) == offset


def test_selection_inside_a_surrogate_pair_or_cluster_snaps_outward() -> None:
    positions = TextPositions(TEXT)
    family = TEXT.index("👨")
    inside = positions.to_qt(family) + 1  # between the two halves of 👨
    span = positions.selection_to_span(inside, inside + 3, words=False)
    assert span is not None and TEXT[span[0] : span[1]] == "👨‍👩‍👧"
    flag = TEXT.index("🇺🇳")
    q = positions.to_qt(flag)
    span = positions.selection_to_span(q + 1, q + 2, words=False)
    assert TEXT[span[0] : span[1]] == "🇺🇳"


def test_word_snapping_and_trimming() -> None:
    positions = TextPositions(TEXT)
    envoy = TEXT.index("envoy")
    q = positions.to_qt(envoy)
    span = positions.selection_to_span(q + 1, q + 3, words=True)
    assert TEXT[span[0] : span[1]] == "envoy"
    span = positions.selection_to_span(q - 1, q + 5, words=False)  # " envoy" → trimmed
    assert TEXT[span[0] : span[1]] == "envoy"
    assert positions.selection_to_span(q - 1, q, words=True) is None  # only a space
