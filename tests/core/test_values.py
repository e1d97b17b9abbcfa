"""Close attribute values: the hint before "ceasefire" is added next to "cease-fire"."""

from __future__ import annotations

import pytest

from annotator.core.values import close_value, value_key

ISSUES = [
    "cease-fire",
    "troop withdrawal",
    "humanitarian access",
    "negotiations",
    "recognition",
    "neutrality",
    "security guarantees",
    "sanctions",
    "other",
]


@pytest.mark.parametrize(
    "typed",
    ["ceasefire", "Ceasefire", "cease fire", "CEASE-FIRE", "Cease–fire", " cease_fire ", "ceasfir"],
)
def test_spellings_and_typos_of_a_known_value_point_to_it(typed: str) -> None:
    assert close_value(typed, ISSUES) == "cease-fire"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("troop withdrawl", "troop withdrawal"),
        ("Troop-Withdrawal", "troop withdrawal"),
        ("sanction", "sanctions"),
        ("negotiation", "negotiations"),
        ("humanitarian acess", "humanitarian access"),
    ],
)
def test_other_close_values(typed: str, meant: str) -> None:
    assert close_value(typed, ISSUES) == meant


@pytest.mark.parametrize("typed", ["cease-fire", " cease-fire ", "water supply", "elections", ""])
def test_a_known_value_or_a_new_distinct_one_gets_no_hint(typed: str) -> None:
    assert close_value(typed, ISSUES) is None


def test_punctuation_alone_and_short_values_are_not_guessed() -> None:
    assert close_value("--", ISSUES) is None
    assert close_value("aid", ["arid", "aim"]) is None  # short keys: equality only
    assert close_value("AID", ["arid", "aid"]) == "aid"


def test_the_same_spelling_beats_a_similar_value_and_order_breaks_ties() -> None:
    # "ceasefires" is similar to both, but "Cease fire" has the same key as "ceasefire".
    assert close_value("ceasefire", ["ceasefires", "Cease fire"]) == "Cease fire"
    assert close_value("ceasefire", ["cease-fire", "Cease fire"]) == "cease-fire"
    # A value already in use as typed is known, even when the schema spells it otherwise.
    assert close_value("ceasefire", ["cease-fire", "ceasefire"]) is None


def test_keys_ignore_case_diacritics_and_punctuation() -> None:
    assert value_key("Cease-Fire") == value_key("cease fire") == "ceasefire"
    assert value_key("Négociations") == "negociations"
    assert value_key("état d’urgence") == "etatdurgence"
