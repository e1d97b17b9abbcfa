"""The fast indented JSON of the CAS export writes what ``json.dumps(indent=1)`` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.io.json_text import flat_objects, indented

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.just("a\n},\n   {b")
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner),
        st.dictionaries(st.text(), inner),
        st.tuples(inner, inner),
        st.dictionaries(st.integers(), inner),
    ),
    max_leaves=30,
)


def standard(value: Any, level: int) -> str:
    """What json.dumps writes for the value nested ``level`` deep in a document."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


@settings(max_examples=500)
@given(VALUES, st.integers(0, 3))
def test_indented_is_json_dumps(value: Any, level: int) -> None:
    assert indented(value, level) == standard(value, level)


@settings(max_examples=500)
@given(st.lists(st.dictionaries(st.text(), SCALARS, min_size=1), max_size=6), st.integers(0, 3))
def test_flat_objects_is_json_dumps(objects: list[dict[str, Any]], level: int) -> None:
    assert flat_objects(objects, level) == standard(objects, level)


def test_a_cas_shaped_value() -> None:
    cas = {
        "%TYPES": {"T": {"%NAME": "T", "f": {"%NAME": "f", "%RANGE": "uima.cas.String"}}},
        "%FEATURE_STRUCTURES": [{"%ID": 1, "sofaString": 'Zürich\n👨🏻‍🚒 "x"'}, {"%ID": 2}],
        "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": [2]}},
    }
    assert indented(cas) == json.dumps(cas, ensure_ascii=False, indent=1)
    assert flat_objects(cas["%FEATURE_STRUCTURES"], 1) == standard(cas["%FEATURE_STRUCTURES"], 1)
