"""The actor registry: validation, updates, and deleting an actor without losing its mentions."""

from __future__ import annotations

import json

import pytest

from annotator import NotFoundError, Project, ValidationError


def stored_entity(rows, path, entity_id):
    found = rows(
        path, "SELECT name, type, aliases, wikidata, note FROM entities WHERE id = ?", [entity_id]
    )
    assert len(found) == 1, f"entity {entity_id} is not stored"
    name, type_, aliases, wikidata, note = found[0]
    return {
        "name": name,
        "type": type_,
        "aliases": json.loads(aliases),
        "wikidata": wikidata,
        "note": note,
    }


def test_entity_is_stored_cleaned(project, rows) -> None:
    e = project.registry.add(
        "  Sergei Karamov ",
        type="person",
        aliases=[" Karamov ", "Karamov", "", "  ", "Sergei Karamov", "S. Karamov"],
        wikidata="Q42",
        note="Valdorian envoy",
    ).value
    assert stored_entity(rows, project.path, e.id) == {
        "name": "Sergei Karamov",
        "type": "person",
        "aliases": ["Karamov", "S. Karamov"],
        "wikidata": "Q42",
        "note": "Valdorian envoy",
    }
    assert project.registry.get(e.id) == e
    assert project.registry.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "needs a name"),
        ({"name": "   "}, "needs a name"),
        ({"name": "Karamov", "type": "alien"}, "unknown actor type 'alien'"),
        ({"name": "Karamov", "wikidata": "X12"}, "'X12' is not a Wikidata id"),
        ({"name": "Karamov", "wikidata": "Q0"}, "not a Wikidata id"),
        ({"name": "Karamov", "wikidata": "q42"}, "not a Wikidata id"),
        ({"name": "Karamov", "aliases": "Sergei"}, "aliases must be a list"),
    ],
)
def test_invalid_entity_is_refused(project, counts, kwargs, message) -> None:
    before = counts(project.path)
    with pytest.raises(ValidationError, match=message):
        project.registry.add(**kwargs)
    assert counts(project.path) == before


def test_entity_with_a_taken_id_is_refused(project, rows) -> None:
    e = project.registry.add("Sergei Karamov", id="karamov").value
    with pytest.raises(ValidationError, match="already exists"):
        project.registry.add("Someone else", id="karamov")
    assert rows(project.path, "SELECT id, name FROM entities") == [(e.id, "Sergei Karamov")]


def test_update_entity(project, rows) -> None:
    e = project.registry.add("Sergei Karamov", type="person", aliases=["Karamov"]).value
    updated = project.registry.update(
        e.id, name="Sergey Karamov", aliases=["Sergei Karamov", "Karamov", "Sergey Karamov"]
    ).value
    assert stored_entity(rows, project.path, e.id) == {
        "name": "Sergey Karamov",
        "type": "person",  # untouched
        "aliases": ["Sergei Karamov", "Karamov"],
        "wikidata": None,
        "note": None,
    }
    assert updated.modified >= e.modified
    ((created,),) = rows(project.path, "SELECT created FROM entities")
    assert created == e.created
    project.registry.update(e.id, wikidata="Q123", type=None)
    stored = stored_entity(rows, project.path, e.id)
    assert (stored["wikidata"], stored["type"]) == ("Q123", None)


def test_invalid_update_leaves_the_entity_unchanged(project, rows) -> None:
    e = project.registry.add("Sergei Karamov", type="person", wikidata="Q1").value
    before = stored_entity(rows, project.path, e.id)
    with pytest.raises(ValidationError, match="not a Wikidata id"):
        project.registry.update(e.id, name="Renamed", wikidata="X12")
    with pytest.raises(ValidationError, match="needs a name"):
        project.registry.update(e.id, name=" ")
    with pytest.raises(ValidationError, match="aliases must be a list"):
        project.registry.update(e.id, aliases="Karamov")
    with pytest.raises(NotFoundError, match="no actor"):
        project.registry.update("ghost", name="Renamed")
    assert stored_entity(rows, project.path, e.id) == before


def test_delete_entity_unlinks_its_mentions(project, layer, doc, find, rows, counts) -> None:
    karamov = project.registry.add("Sergei Karamov", type="person").value
    belotsky = project.registry.add("Yuri Belotsky", type="person").value
    mention = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    other = layer.add_annotation(doc.id, "Actor", [find("Belotsky")], entity=belotsky.id).value
    before = counts(project.path)
    removed = project.registry.delete(karamov.id).value
    assert removed == karamov
    after = counts(project.path)
    assert after["entities"] == before["entities"] - 1
    assert after["annotations"] == before["annotations"]
    assert dict(rows(project.path, "SELECT id, entity FROM annotations")) == {
        mention.id: None,
        other.id: belotsky.id,
    }
    with pytest.raises(NotFoundError):
        project.registry.delete(karamov.id)
    assert project.check().ok


def test_registry_survives_reopening(tmp_path) -> None:
    path = tmp_path / "reg.annotator"
    with Project.create(path) as p:
        a = p.registry.add("Yuri Belotsky", type="person", aliases=["Belotskiy"]).value
        b = p.registry.add("Concord of Nations", type="international organisation").value
    with Project.open(path, readonly=True) as p:
        assert p.registry.all() == [b, a]  # sorted by name
        assert p.registry.count() == 2
