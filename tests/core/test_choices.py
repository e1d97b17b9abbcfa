"""Relation targets are offered once per actor (by its name) and once per unlinked spelling,
each linking the mention nearest the annotation being related."""

from __future__ import annotations

from annotator.core.choices import TargetChoice, target_choices
from annotator.core.model import Annotation, Fragment


def mention(ann_id: str, start: int, text: str, entity: str | None = None) -> Annotation:
    return Annotation(
        ann_id, "doc", "Actor", [Fragment(start, start + len(text), text)], {}, entity
    )


MENTIONS = [
    mention("r1", 0, "Russia", "russia"),
    mention("l1", 40, "Lavrov", "lavrov"),
    mention("r2", 90, "Russia", "russia"),
    mention("l2", 130, "Sergei Lavrov", "lavrov"),
    mention("m1", 200, "the minister"),
    mention("m2", 260, "The  Minister"),
    mention("l3", 300, "Lavrov", "lavrov"),
]
NAMES = {"russia": "Russian Federation", "lavrov": "Sergei Lavrov"}


def test_one_choice_per_actor_by_its_name_and_per_unlinked_spelling() -> None:
    assert target_choices(MENTIONS, near=120, entity_names=NAMES) == [
        TargetChoice("r2", "Russian Federation", True),  # nearest to 120 of r1 and r2
        TargetChoice("l2", "Sergei Lavrov", True),
        TargetChoice("m1", "the minister", False),
    ]


def test_the_nearest_mention_follows_the_annotation_and_the_current_target_stays() -> None:
    near_the_end = target_choices(MENTIONS, near=290, entity_names=NAMES)
    assert [c.annotation_id for c in near_the_end] == ["r2", "l3", "m2"]
    kept = target_choices(MENTIONS, near=290, entity_names=NAMES, current="l1")
    assert [c.annotation_id for c in kept] == ["r2", "l1", "m2"]


def test_a_mention_of_an_entity_no_longer_in_the_registry_counts_as_unlinked() -> None:
    choices = target_choices(MENTIONS[:2], near=0, entity_names={"russia": "Russian Federation"})
    assert choices == [
        TargetChoice("r1", "Russian Federation", True),
        TargetChoice("l1", "Lavrov", False),
    ]
