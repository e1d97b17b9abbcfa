from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Fragment
from annotator.core.schema import default_schema
from annotator.core.validation import (
    build_fragments,
    check_attributes,
    check_fragments_against_text,
    check_relation,
)

TEXT = "“We will not,” Karamov said, “surrender.” 😀 done"


def test_fragments_are_sorted_and_carry_their_text() -> None:
    frags = build_fragments(TEXT, [(30, 40), (1, 12, "We will not")])
    assert [(f.start, f.end, f.text) for f in frags] == [
        (1, 12, "We will not"),
        (30, 40, "surrender."),
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "at least one fragment"),
        ([(5, 5)], "outside the text"),
        ([(-1, 3)], "outside the text"),
        ([(0, len(TEXT) + 1)], "outside the text"),
        ([(1, 12), (10, 14)], "overlap"),
        ([(1, 12, "We will NOT")], "does not match"),
        ([("1", 3)], "integers"),
        ([(True, 3)], "integers"),
        (["ab"], "must be"),
        ([{"start": 1}], "'end'"),
    ],
)
def test_bad_fragments_are_refused(items, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build_fragments(TEXT, items)


def test_offsets_are_code_points_even_after_an_emoji() -> None:
    start = TEXT.index("done")
    (frag,) = build_fragments(TEXT, [(start, start + 4)])
    assert frag.text == "done"
    assert len("😀") == 1  # one code point, though Qt counts two UTF-16 units


def test_check_against_text_reports_drift() -> None:
    problems = check_fragments_against_text(TEXT, [Fragment(1, 12, "We will nob")])
    assert problems and "We will not" in problems[0]
    assert check_fragments_against_text(TEXT, [Fragment(1, 12, "We will not")]) == []
    assert "outside" in check_fragments_against_text("short", [Fragment(3, 9, "x")])[0]


def test_attributes_checked_against_the_schema() -> None:
    schema = default_schema()
    quote, demand = schema.label("Quote"), schema.label("Demand")
    assert check_attributes(quote, {"form": "direct"}) == {"form": "direct"}
    with pytest.raises(ValidationError, match=r"not a value of Quote\.form"):
        check_attributes(quote, {"form": "shouted"})
    with pytest.raises(ValidationError, match="no attribute 'issue'"):
        check_attributes(quote, {"issue": "cease-fire"})
    assert check_attributes(demand, {"issue": "prisoner exchange"})["issue"] == "prisoner exchange"
    with pytest.raises(ValidationError, match="non-empty text"):
        check_attributes(demand, {"issue": 3})


def test_relations_checked_for_labels_documents_and_cardinality() -> None:
    schema = default_schema()
    assert check_relation(schema, "speaker", "Quote", "Actor", True, 0).name == "speaker"
    with pytest.raises(ValidationError, match="from Quote to Actor annotations, not from Demand"):
        check_relation(schema, "speaker", "Demand", "Actor", True, 0)
    with pytest.raises(ValidationError, match="not to Quote"):
        check_relation(schema, "claimant", "Demand", "Quote", True, 0)
    with pytest.raises(ValidationError, match="same document"):
        check_relation(schema, "speaker", "Quote", "Actor", False, 0)
    with pytest.raises(ValidationError, match="at most 1"):
        check_relation(schema, "speaker", "Quote", "Actor", True, 1)
    with pytest.raises(ValidationError, match="unknown relation type"):
        check_relation(schema, "spoke", "Quote", "Actor", True, 0)
