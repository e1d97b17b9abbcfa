"""Applying a schema change to a project: migrations, refusals, versions, undo."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from annotator import Project
from annotator.core.schema import parse_schema
from annotator.core.schema_change import parse_migrations
from annotator.store import schema_change
from annotator.store.schema_change import SchemaChangeRefused

TEXT = "Karamov said: “Talks will resume.” Lindqvist demanded a cease-fire."


def filled(project: Project) -> dict[str, str]:
    doc = project.documents.add(TEXT, title="Talks").value
    layer = project.layer()
    actor = layer.add_annotation(doc.id, "Actor", [(0, 7)], attributes={"type": "person"}).value
    quote = layer.add_annotation(doc.id, "Quote", [(15, 32)], attributes={"form": "direct"}).value
    demand = layer.add_annotation(
        doc.id, "Demand", [(44, 67)], attributes={"issue": "cease-fire", "position": "for"}
    ).value
    speaker = layer.add_relation("speaker", quote.id, actor.id).value
    return {
        "doc": doc.id,
        "actor": actor.id,
        "quote": quote.id,
        "demand": demand.id,
        "speaker": speaker.id,
    }


def renamed_quote(project: Project) -> Any:
    raw = copy.deepcopy(project.schema.raw)
    for x in raw["labels"]:
        if x["name"] == "Quote":
            x["name"] = "Zitat"
            x["attributes"][0]["values"] = ["wörtlich", "indirect", "mixed"]
    for r in raw["relations"]:
        r["source"] = "Zitat" if r["source"] == "Quote" else r["source"]
        if r["name"] == "speaker":
            r["name"] = "sprecher"
    return parse_schema(raw)


def test_a_change_with_migrations_rewrites_the_annotations_and_records_a_version(
    project: Project,
) -> None:
    ids = filled(project)
    new = renamed_quote(project)
    m = parse_migrations(
        ["Quote=Zitat", "Quote.form:direct=wörtlich", "speaker=sprecher"], project.schema
    )
    before_versions = schema_change.versions(project)
    _applied, changes = project.change_schema(new, m)
    quote = project.layer().annotation(ids["quote"])
    assert (quote.label, quote.attributes) == ("Zitat", {"form": "wörtlich"})
    assert project.layer().relation(ids["speaker"]).type == "sprecher"
    assert project.layer().annotation(ids["demand"]).label == "Demand"  # untouched
    assert changes.annotations.updated == {ids["quote"]}
    assert changes.relations.updated == {ids["speaker"]}
    assert changes.project
    assert project.schema.version == 2
    versions = schema_change.versions(project)
    assert [v for v, _ in versions] == [*[v for v, _ in before_versions], 2]
    assert project.check().ok
    reopened = project.db.execute("SELECT schema FROM project").fetchone()[0]
    assert '"Zitat"' in reopened


def test_a_refused_change_touches_nothing(project: Project) -> None:
    ids = filled(project)
    new = renamed_quote(project)
    stored = project.db.execute("SELECT schema FROM project").fetchone()[0]
    with pytest.raises(SchemaChangeRefused) as caught:
        project.change_schema(new)  # no migration: the quotes would be orphaned
    assert any("label 'Quote' is removed" in p for p in caught.value.plan.problems)
    assert project.layer().annotation(ids["quote"]).label == "Quote"
    assert project.db.execute("SELECT schema FROM project").fetchone()[0] == stored
    assert project.schema.version == 1
    assert len(schema_change.versions(project)) == 1


def test_an_identical_schema_changes_nothing(project: Project) -> None:
    filled(project)
    same = parse_schema({**copy.deepcopy(project.schema.raw), "version": 5})
    applied, changes = project.change_schema(same)
    assert applied.plan.unchanged and not changes
    assert project.schema.version == 1
    assert len(schema_change.versions(project)) == 1


def test_revert_puts_back_the_annotations_relations_and_schema(project: Project) -> None:
    ids = filled(project)
    before = project.layer().annotation(ids["quote"])
    m = parse_migrations(
        ["Quote=Zitat", "Quote.form:direct=wörtlich", "speaker=sprecher"], project.schema
    )
    applied, _ = project.change_schema(renamed_quote(project), m)
    _none, changes = project.revert_schema_change(applied)
    project.close()
    project = Project.open(project.path)  # read again from the file
    after = project.layer().annotation(ids["quote"])
    assert (after.label, after.attributes, after.modified) == (
        before.label,
        before.attributes,
        before.modified,
    )
    assert project.layer().relation(ids["speaker"]).type == "speaker"
    assert project.schema.version == 1 and project.schema.label("Quote") is not None
    assert ids["quote"] in changes.annotations.updated
    assert project.check().ok
    project.close()


def test_usage_counts_labels_values_links_and_relations(project: Project) -> None:
    ids = filled(project)
    entity = project.registry.add("Sergei Karamov").value
    project.layer().link_mention(ids["actor"], entity.id)
    usage = schema_change.usage(project)
    assert usage.label_counts() == {"Actor": 1, "Quote": 1, "Demand": 1}
    assert any(c.label == "Actor" and c.linked for c in usage.annotations)
    assert [(u.type, u.source, u.target, u.count) for u in usage.relations] == [
        ("speaker", "Quote", "Actor", 1)
    ]
    assert usage.most_per_source == {"speaker": 1}
