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
    e = project.add_entity(
        "  Sergei Karamov ",
        type="person",
        aliases=[" Karamov ", "Karamov", "", "  ", "Sergei Karamov", "S. Karamov"],
        wikidata="Q42",
        note="Valdorian envoy",
    )
    assert stored_entity(rows, project.path, e.id) == {
        "name": "Sergei Karamov",
        "type": "person",
        "aliases": ["Karamov", "S. Karamov"],
        "wikidata": "Q42",
        "note": "Valdorian envoy",
    }
    assert project.entity(e.id) == e


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
        project.add_entity(**kwargs)
    assert counts(project.path) == before


def test_entity_with_a_taken_id_is_refused(project, rows) -> None:
    e = project.add_entity("Sergei Karamov", id="karamov")
    with pytest.raises(ValidationError, match="already exists"):
        project.add_entity("Someone else", id="karamov")
    assert rows(project.path, "SELECT id, name FROM entities") == [(e.id, "Sergei Karamov")]


def test_update_entity(project, rows) -> None:
    e = project.add_entity("Sergei Karamov", type="person", aliases=["Karamov"])
    updated = project.update_entity(
        e.id, name="Sergey Karamov", aliases=["Sergei Karamov", "Karamov", "Sergey Karamov"]
    )
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
    project.update_entity(e.id, wikidata="Q123", type=None)
    stored = stored_entity(rows, project.path, e.id)
    assert (stored["wikidata"], stored["type"]) == ("Q123", None)


def test_invalid_update_leaves_the_entity_unchanged(project, rows) -> None:
    e = project.add_entity("Sergei Karamov", type="person", wikidata="Q1")
    before = stored_entity(rows, project.path, e.id)
    with pytest.raises(ValidationError, match="not a Wikidata id"):
        project.update_entity(e.id, name="Renamed", wikidata="X12")
    with pytest.raises(ValidationError, match="needs a name"):
        project.update_entity(e.id, name=" ")
    with pytest.raises(ValidationError, match="aliases must be a list"):
        project.update_entity(e.id, aliases="Karamov")
    with pytest.raises(NotFoundError, match="no actor"):
        project.update_entity("ghost", name="Renamed")
    assert stored_entity(rows, project.path, e.id) == before


def test_delete_entity_unlinks_its_mentions(project, doc, find, rows, counts) -> None:
    karamov = project.add_entity("Sergei Karamov", type="person")
    belotsky = project.add_entity("Yuri Belotsky", type="person")
    mention = project.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id)
    other = project.add_annotation(doc.id, "Actor", [find("Belotsky")], entity=belotsky.id)
    before = counts(project.path)
    removed = project.delete_entity(karamov.id)
    assert removed == karamov
    after = counts(project.path)
    assert after["entities"] == before["entities"] - 1
    assert after["annotations"] == before["annotations"]
    assert dict(rows(project.path, "SELECT id, entity FROM annotations")) == {
        mention.id: None,
        other.id: belotsky.id,
    }
    with pytest.raises(NotFoundError):
        project.delete_entity(karamov.id)
    assert project.check().ok


def test_registry_survives_reopening(tmp_path) -> None:
    path = tmp_path / "reg.annotator"
    with Project.create(path) as p:
        a = p.add_entity("Yuri Belotsky", type="person", aliases=["Belotskiy"])
        b = p.add_entity("Concord of Nations", type="international organisation")
    with Project.open(path, readonly=True) as p:
        assert p.entities() == [b, a]  # sorted by name
