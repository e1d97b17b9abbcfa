"""Name matching: keys, the name index with fuzzy suggestions, occurrences in a text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.matching import (
    NameIndex,
    compile_pattern,
    find_occurrences,
    fold_text,
    normalise_name,
)
from annotator.core.model import Entity

LAVROV = Entity(
    "lavrov",
    "Sergei Lavrov",
    "person",
    ["Sergey Lavrov", "Lavrov", "the Russian foreign minister", "the minister"],
)
ZELENSKYY = Entity(
    "zelenskyy", "Volodymyr Zelenskyy", "person", ["Zelenskyy", "Zelenskiy", "Zelensky"]
)
KYIV = Entity("kyiv", "Kyiv", "other", ["Kiev"])
HALEK = Entity("halek", "Ondřej Hálek", "person", ["Hálek", "the minister"])
REGISTRY = [LAVROV, ZELENSKYY, KYIV, HALEK]


@pytest.mark.parametrize(
    "variant",
    ["Sergei Lavrov", "SERGEI LAVROV's", "Sérgei Lavrov", "sergei  lavrov’s", " Sergei\nLavrov."],
)
def test_variants_share_a_key(variant: str) -> None:
    assert normalise_name(variant) == "sergei lavrov"


def test_spelling_variants_keep_their_own_key() -> None:
    assert normalise_name("Sergey Lavrov") != normalise_name("Sergei Lavrov")
    assert normalise_name("Zelenskiy") != normalise_name("Zelenskyy")


def test_key_details() -> None:
    assert normalise_name("Hálek") == normalise_name("Halek") == "halek"
    assert normalise_name("Lavrov's") == normalise_name("Lavrov’s") == "lavrov"
    assert normalise_name("the ministers'") == "the ministers"
    assert normalise_name("U.S.") == "us"
    assert normalise_name("“Jean-Luc”") == "jean luc"
    assert normalise_name("…") == ""


def test_match_by_alias_and_variant() -> None:
    index = NameIndex(REGISTRY)
    for text in ("Sergei Lavrov", "Sergey Lavrov", "Lavrov", "The Russian Foreign Minister"):
        assert index.match(text) == ["lavrov"]
    assert index.match("Lavrov's") == ["lavrov"]
    assert index.match("Zelenskiy") == index.match("ZELENSKYY") == ["zelenskyy"]
    assert index.match("Kiev") == index.match("Kyiv") == ["kyiv"]
    assert index.match("Halek") == index.match("Hálek") == ["halek"]
    assert index.match("Lavrow") == []
    assert len(index) == 4


def test_shared_alias_is_ambiguous() -> None:
    assert sorted(NameIndex(REGISTRY).match("the Minister")) == ["halek", "lavrov"]


def test_suggest_ranks_the_closest_entity_first() -> None:
    index = NameIndex(REGISTRY)
    found = index.suggest("Lavrow")
    assert found[0][:2] == ("lavrov", "Sergei Lavrov")
    assert found[0][2] > 80
    assert len({entity_id for entity_id, _, _ in found}) == len(found)  # one row per entity
    assert index.suggest("Zelenski", limit=1)[0][0] == "zelenskyy"
    assert index.suggest("") == []


def test_find_whole_words_only() -> None:
    text = "Lavrovsky met Lavrov. Lavrov’s aide and Sergei\nLavrov; LAVROV-style."
    found = find_occurrences(text, ["Lavrov", "Sergei Lavrov"])
    assert [text[s:e] for s, e, _ in found] == ["Lavrov", "Lavrov", "Sergei\nLavrov", "LAVROV"]
    assert [name for _, _, name in found] == ["Lavrov", "Lavrov", "Sergei Lavrov", "Lavrov"]


def test_find_ignores_diacritics_and_apostrophe_style() -> None:
    text = "Hálek and Halek met Valdoria's president."
    found = find_occurrences(text, ["Halek", "Valdoria’s president"])
    assert [text[s:e] for s, e, _ in found] == ["Hálek", "Halek", "Valdoria's president"]
    assert find_occurrences("Kiev, not Kyiv", ["Kyiv", "Kiev"]) == [
        (0, 4, "Kiev"),
        (10, 14, "Kyiv"),
    ]


def test_longest_overlapping_occurrence_wins() -> None:
    text = "The Concord of Nations said so."
    assert find_occurrences(text, ["the Concord", "Concord of Nations"]) == [
        (4, 22, "Concord of Nations")
    ]
    assert find_occurrences("the Russian foreign minister", LAVROV.aliases) == [
        (0, 28, "the Russian foreign minister")
    ]


def test_pattern_runs_on_folded_text() -> None:
    pattern = compile_pattern(["Halek"])
    assert pattern is not None
    assert pattern.search(fold_text("Ondřej Hálek")).span() == (7, 12)
    assert compile_pattern(["", "  "]) is None
    assert find_occurrences("text", []) == []


_NAMES = ["Lavrov", "Sergei Lavrov", "Hálek", "the minister", "Kyiv", "a"]
_PIECES = st.sampled_from([*_NAMES, " ", "\n", "’s", "sky", "Ł", "é", "\u0301", ".", "-", "x"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_occurrences_are_whole_words_of_the_text(text: str) -> None:
    found = find_occurrences(text, _NAMES)
    previous_end = 0
    for start, end, name in found:
        assert previous_end <= start < end <= len(text)
        assert name in _NAMES
        covered = text[start:end]
        assert fold_text(covered).lower().split() == fold_text(name).lower().split()
        assert start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "\u0301")
        assert end == len(text) or not (text[end].isalnum() or text[end] == "\u0301")
        previous_end = end
