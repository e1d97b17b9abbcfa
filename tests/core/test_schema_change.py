"""How a project's schema evolves: changes, orphaning problems, migrations (core only)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from annotator.core.errors import ValidationError
from annotator.core.schema import default_schema, parse_schema
from annotator.core.schema_change import (
    Combination,
    Migrations,
    RelationUse,
    Usage,
    parse_migrations,
    plan_change,
)

OLD = default_schema()


def edited(change: Any) -> Any:
    raw = copy.deepcopy(OLD.raw)
    change(raw)
    return parse_schema(raw)


def label(raw: dict, name: str) -> dict:
    return next(x for x in raw["labels"] if x["name"] == name)


USAGE = Usage(
    annotations=(
        Combination("Actor", {"type": "person"}, True, 5),
        Combination("Quote", {"form": "direct"}, False, 3),
        Combination("Demand", {"issue": "cease-fire", "position": "for"}, False, 2),
    ),
    relations=(RelationUse("speaker", "Quote", "Actor", 3),),
    most_per_source={"speaker": 1},
)


def test_an_identical_schema_is_no_change_even_with_another_version_number() -> None:
    same = parse_schema({**copy.deepcopy(OLD.raw), "version": 7})
    plan = plan_change(OLD, same, USAGE)
    assert plan.unchanged and not plan.refused
    assert plan.new is OLD
    assert plan.report() == [f"The schema is unchanged (version {OLD.version})."]


def test_an_accepted_change_raises_the_version_by_one() -> None:
    new = edited(lambda raw: label(raw, "Cue").update(color="#123456"))
    plan = plan_change(OLD, new, USAGE)
    assert not plan.refused
    assert plan.new.version == OLD.version + 1
    assert plan.new.label("Cue").color == "#123456"
    assert "label 'Cue': color '#CC79A7' → '#123456'" in plan.changes


def test_removing_a_label_in_use_is_refused_and_an_unused_one_is_not() -> None:
    def drop(name: str) -> Any:
        def change(raw: dict) -> None:
            raw["labels"] = [x for x in raw["labels"] if x["name"] != name]
            raw["relations"] = [
                r for r in raw["relations"] if name not in (r["source"], r["target"])
            ]

        return edited(change)

    refused = plan_change(OLD, drop("Quote"), USAGE)
    assert any("label 'Quote' is removed, but 3 annotations" in p for p in refused.problems)
    accepted = plan_change(OLD, drop("Cue"), USAGE)
    assert accepted.problems == ()
    assert "label 'Cue' removed" in accepted.changes


def test_a_label_renamed_with_a_migration_carries_its_annotations_and_role() -> None:
    def rename(raw: dict) -> None:
        label(raw, "Quote")["name"] = "Zitat"
        for r in raw["relations"]:
            r["source"] = "Zitat" if r["source"] == "Quote" else r["source"]

    new = edited(rename)
    without = plan_change(OLD, new, USAGE)
    assert any("label 'Quote' is removed" in p and "Quote=Zitat" in p for p in without.problems)
    assert any("role 'speech'" in p for p in without.problems)
    assert any("relation 'speaker' would go from Zitat" in p for p in without.problems)
    m = parse_migrations(["Quote=Zitat"], OLD)
    plan = plan_change(OLD, new, USAGE, m)
    assert plan.problems == ()
    assert [s.text() for s in plan.steps] == ["label 'Quote' → 'Zitat': 3 annotations"]
    assert "label 'Quote' renamed to 'Zitat'" in plan.changes


def test_a_value_in_use_removed_from_a_closed_list_is_refused_unless_migrated() -> None:
    def drop_direct(raw: dict) -> None:
        label(raw, "Quote")["attributes"][0]["values"] = ["verbatim", "indirect", "mixed"]

    new = edited(drop_direct)
    refused = plan_change(OLD, new, USAGE)
    assert any("value 'direct' of Quote.form" in p for p in refused.problems)
    m = parse_migrations(["Quote.form:direct=verbatim"], OLD)
    plan = plan_change(OLD, new, USAGE, m)
    assert plan.problems == ()
    assert [s.text() for s in plan.steps] == [
        "Quote.form value 'direct' → 'verbatim': 3 annotations"
    ]
    assert "Quote.form: values added: verbatim" in plan.changes
    assert "Quote.form: values removed: direct" in plan.changes


def test_a_value_list_grown_to_the_union_is_accepted_and_an_editable_list_may_shrink() -> None:
    def grow(raw: dict) -> None:
        label(raw, "Quote")["attributes"][0]["values"] += ["paraphrase"]
        label(raw, "Demand")["attributes"][0]["values"] = ["sanctions"]  # editable: kept

    plan = plan_change(OLD, edited(grow), USAGE)
    assert plan.problems == ()
    assert "Quote.form: values added: paraphrase" in plan.changes


def test_removing_an_attribute_in_use_and_unlinking_a_linked_label_are_refused() -> None:
    def change(raw: dict) -> None:
        label(raw, "Demand")["attributes"] = [label(raw, "Demand")["attributes"][0]]
        actor = label(raw, "Actor")
        actor["entity"] = False
        del actor["role"]
        raw["relations"] = [r for r in raw["relations"] if r["target"] != "Actor"]

    problems = plan_change(OLD, edited(change), USAGE).problems
    assert any("attribute Demand.position is removed, but 2 annotations" in p for p in problems)
    assert any("'Actor' would no longer link to the actor registry" in p for p in problems)
    assert any("role 'actor' of label 'Actor'" in p for p in problems)
    assert any("relation type 'speaker' is removed, but 3 relations" in p for p in problems)


def test_relation_endpoints_changed_and_a_lower_maximum_are_refused() -> None:
    def change(raw: dict) -> None:
        speaker = next(r for r in raw["relations"] if r["name"] == "speaker")
        del speaker["role"]
        speaker["source"] = "Demand"

    problems = plan_change(OLD, edited(change), USAGE).problems
    assert any("'speaker' would go from Demand to Actor" in p for p in problems)
    usage = Usage(USAGE.annotations, USAGE.relations, {"speaker": 2})
    assert any(
        "at most 1 per annotation" in p for p in plan_change(OLD, OLD_BUMPED, usage).problems
    )


OLD_BUMPED = parse_schema({**copy.deepcopy(OLD.raw), "description": "changed"})


def test_a_relation_renamed_with_a_migration_keeps_its_relations() -> None:
    def rename(raw: dict) -> None:
        next(r for r in raw["relations"] if r["name"] == "speaker")["name"] = "sprecher"

    m = parse_migrations(["speaker=sprecher"], OLD)
    assert m.relations == {"speaker": "sprecher"}
    plan = plan_change(OLD, edited(rename), USAGE, m)
    assert plan.problems == ()
    assert plan.steps[0].text() == "relation type 'speaker' → 'sprecher': 3 relations"


def test_a_migration_to_a_name_the_new_schema_lacks_is_a_problem() -> None:
    plan = plan_change(OLD, OLD_BUMPED, USAGE, Migrations(labels={"Cue": "Verb"}))
    assert any("the new schema has no label 'Verb'" in p for p in plan.problems)


@pytest.mark.parametrize("spec", ["Quote", "Nothing=Else", "Quote.nope:a=b", "Quote.form:=x"])
def test_malformed_or_unknown_migrations_are_refused_with_a_message(spec: str) -> None:
    with pytest.raises(ValidationError, match="migration"):
        parse_migrations([spec], OLD)


def test_the_same_schema_spelled_otherwise_is_no_change() -> None:
    raw = copy.deepcopy(OLD.raw)
    raw["labels"] = [dict(reversed(list(x.items()))) for x in raw["labels"]]  # key order
    for x in raw["labels"]:
        x.setdefault("attributes", [])  # an empty list spelled out
    assert plan_change(OLD, parse_schema(raw), USAGE).unchanged
    raw["labels"].reverse()  # the order of the labels is what the tag bar shows: a change
    plan = plan_change(OLD, parse_schema(raw), USAGE)
    assert not plan.unchanged and plan.changes == ("labels reordered",)


def test_a_relation_may_not_take_a_labels_hotkey() -> None:
    def clash(raw: dict) -> None:
        next(r for r in raw["relations"] if r["name"] == "cue")["hotkey"] = "Q"

    problems = plan_change(OLD, edited(clash), USAGE).problems
    assert problems == ("hotkey Q is given to both label 'Quote' and relation 'cue'",)
