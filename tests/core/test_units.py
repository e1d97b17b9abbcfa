"""Units of review and their states, on hand-built layers (core/units.py, docs/review.md)."""

from __future__ import annotations

from typing import Any

from annotator.core.model import Annotation, Fragment, Relation
from annotator.core.units import LayerContent, build_units, majority_version

TEXT = "Karamov said talks must resume now. Belotsky demanded a cease-fire from Moscow."
_n = 0


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def ann(who: str, label: str, *needles: str, **fields: Any) -> Annotation:
    global _n
    _n += 1
    frags = [Fragment(*at(n), n) for n in needles]
    return Annotation(f"{who}-{_n}", "d", label, frags, annotator=who, **fields)


def layer(who: str, *anns: Annotation, relations: list[Relation] | None = None) -> LayerContent:
    return LayerContent(who, list(anns), relations or [])


def test_same_label_same_words_is_one_agreed_unit() -> None:
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("ben", ann("ben", "Quote", "talks must resume")),
        ]
    )
    assert [(u.state, u.aspects) for u in units] == [("agreed", ())]
    assert set(units[0].versions) == {"ana", "ben"}


def test_different_extent_is_a_boundary_disagreement() -> None:
    (unit,) = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("ben", ann("ben", "Quote", "talks must resume now")),
        ]
    )
    assert unit.state == "disagreed"
    assert unit.aspects == ("boundary",)
    assert (unit.start, unit.end) == at("talks must resume now")


def test_different_attributes_and_entity() -> None:
    (unit,) = build_units(
        [
            layer(
                "ana", ann("ana", "Actor", "Karamov", attributes={"type": "person"}, entity="e1")
            ),
            layer("ben", ann("ben", "Actor", "Karamov", attributes={"type": "state"}, entity="e2")),
        ]
    )
    assert unit.aspects == ("attribute", "link")


def test_speaker_links_compared_by_their_ends_not_by_ids() -> None:
    a_actor, a_quote = ann("ana", "Actor", "Karamov"), ann("ana", "Quote", "talks must resume")
    b_actor, b_quote = ann("ben", "Actor", "Karamov"), ann("ben", "Quote", "talks must resume")
    c_actor, c_quote = ann("cy", "Actor", "Moscow"), ann("cy", "Quote", "talks must resume")
    units = build_units(
        [
            layer(
                "ana",
                a_actor,
                a_quote,
                relations=[Relation("r1", "speaker", a_quote.id, a_actor.id)],
            ),
            layer(
                "ben",
                b_actor,
                b_quote,
                relations=[Relation("r2", "speaker", b_quote.id, b_actor.id)],
            ),
        ]
    )
    assert [u.state for u in units] == ["agreed", "agreed"]
    units = build_units(
        [
            layer(
                "ana",
                a_actor,
                a_quote,
                relations=[Relation("r1", "speaker", a_quote.id, a_actor.id)],
            ),
            layer(
                "cy",
                c_actor,
                c_quote,
                relations=[Relation("r3", "speaker", c_quote.id, c_actor.id)],
            ),
        ]
    )
    quote = next(u for u in units if u.label == "Quote")
    assert quote.aspects == ("link",)


def test_quote_against_demand_on_the_same_words_is_one_label_disagreement() -> None:
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "Belotsky demanded a cease-fire")),
            layer("ben", ann("ben", "Demand", "demanded a cease-fire")),
        ]
    )
    assert len(units) == 1
    assert units[0].state == "disagreed"
    assert units[0].aspects == ("label", "boundary")
    assert set(units[0].labels) == {"Quote", "Demand"}


def test_a_demand_containing_an_actor_stays_two_units() -> None:
    units = build_units(
        [
            layer(
                "ana",
                ann("ana", "Demand", "a cease-fire from Moscow"),
                ann("ana", "Actor", "Moscow"),
            ),
            layer(
                "ben",
                ann("ben", "Demand", "a cease-fire from Moscow"),
                ann("ben", "Actor", "Moscow"),
            ),
        ]
    )
    assert sorted((u.label, u.state) for u in units) == [("Actor", "agreed"), ("Demand", "agreed")]
    # Ben without the actor: the actor unit is incomplete, still apart from the demand
    units = build_units(
        [
            layer(
                "ana",
                ann("ana", "Demand", "a cease-fire from Moscow"),
                ann("ana", "Actor", "Moscow"),
            ),
            layer("ben", ann("ben", "Demand", "a cease-fire from Moscow")),
        ]
    )
    assert sorted((u.label, u.state) for u in units) == [
        ("Actor", "incomplete"),
        ("Demand", "agreed"),
    ]
    actor = next(u for u in units if u.label == "Actor")
    assert actor.missing == ("ben",)


def test_an_annotator_with_nothing_makes_every_unit_incomplete() -> None:
    units = build_units(
        [
            layer("ana", ann("ana", "Actor", "Karamov"), ann("ana", "Actor", "Belotsky")),
            layer("ben"),
            layer("cy", ann("cy", "Actor", "Karamov")),
        ]
    )
    assert [(u.state, u.missing) for u in units] == [
        ("incomplete", ("ben",)),
        ("incomplete", ("ben", "cy")),
    ]
    assert units[0].aspects == ()  # ana and cy agree among themselves


def test_chains_of_overlap_are_one_unit_and_two_pieces_differ_in_boundary() -> None:
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must"), ann("ana", "Quote", "resume now")),
            layer("ben", ann("ben", "Quote", "must resume")),
        ]
    )
    assert len(units) == 1
    assert len(units[0].versions["ana"]) == 2
    assert units[0].aspects == ("boundary",)


def test_discontinuous_fragments_overlap_by_fragment_not_by_extent() -> None:
    # ana's quote has two pieces around "Belotsky"; ben's quote is "Belotsky", in the gap
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume now", "demanded a cease-fire")),
            layer("ben", ann("ben", "Quote", "Belotsky")),
        ]
    )
    assert sorted(u.state for u in units) == ["incomplete", "incomplete"]


def test_accepted_when_gold_holds_a_version_or_an_edit() -> None:
    gold_same = ann("gold", "Quote", "talks must resume now")
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("ben", ann("ben", "Quote", "talks must resume now")),
        ],
        layer("gold", gold_same),
    )
    (unit,) = units
    assert unit.state == "accepted"
    assert unit.base_state == "disagreed"
    assert unit.accepted_from == ("ben",)
    edited = ann("gold", "Quote", "must resume")
    (unit,) = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("ben", ann("ben", "Quote", "talks must resume now")),
        ],
        layer("gold", edited),
    )
    assert unit.state == "accepted"
    assert unit.accepted_from == ()


def test_rejected_when_gold_has_nothing_and_every_annotation_was_rejected() -> None:
    a, b = ann("ana", "Actor", "Moscow"), ann("ben", "Actor", "Moscow")
    (unit,) = build_units([layer("ana", a), layer("ben", b)], rejected={a.id, b.id})
    assert unit.state == "rejected"
    (unit,) = build_units([layer("ana", a), layer("ben", b)], rejected={a.id})
    assert unit.state == "agreed"  # half rejected is not rejected
    (unit,) = build_units(
        [layer("ana", a), layer("ben", b)],
        layer("gold", ann("gold", "Actor", "Moscow")),
        rejected={a.id, b.id},
    )
    assert unit.state == "accepted"  # gold holds it: accepted wins


def test_gold_alone_is_its_own_accepted_unit_joined_to_nothing() -> None:
    units = build_units(
        [layer("ana", ann("ana", "Quote", "talks must resume")), layer("ben")],
        layer("gold", ann("gold", "Demand", "must resume now")),
    )
    assert sorted((u.label, u.state) for u in units) == [
        ("Demand", "accepted"),
        ("Quote", "incomplete"),
    ]


def test_majority_needs_more_than_any_other_version() -> None:
    units = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("ben", ann("ben", "Quote", "talks must resume")),
            layer("cy", ann("cy", "Quote", "talks must resume now")),
        ]
    )
    (unit,) = units
    assert majority_version(unit, 2) == "ana"
    assert majority_version(unit, 3) is None
    (tie,) = build_units(
        [
            layer("ana", ann("ana", "Quote", "talks must resume")),
            layer("cy", ann("cy", "Quote", "talks must resume now")),
        ]
    )
    assert majority_version(tie, 1) is None
