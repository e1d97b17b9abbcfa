"""Actors across the corpus: counts, matching and linking mentions, merge and split,
propagation of a name to its unannotated occurrences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project, ValidationError
from annotator.core.matching import find_occurrences
from annotator.store.actors import EntityCounts

TEXT = (
    "Sergei Lavrov met Hálek in Kyiv. Lavrov’s aide said Lavrovsky was absent. "
    "The minister left; Halek stayed, and SERGEY LAVROV smiled."
)


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Project]:
    with Project.open(demo_path) as p:
        yield p


@pytest.fixture
def lavrov(project: Project):
    return project.add_entity(
        "Sergei Lavrov", type="person", aliases=["Sergey Lavrov", "Lavrov", "the minister"]
    )


@pytest.fixture
def halek(project: Project):
    return project.add_entity("Ondřej Hálek", type="person", aliases=["Hálek", "the minister"])


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def snapshot(rows, path: Path) -> tuple[list, list, list]:
    """Every entity, annotation and relation row, read with plain sqlite3."""
    return (
        rows(path, "SELECT * FROM entities ORDER BY id"),
        rows(path, "SELECT * FROM annotations ORDER BY id"),
        rows(path, "SELECT * FROM relations ORDER BY id"),
    )


# -- counts --------------------------------------------------------------------------------


def test_counts_on_the_demo_match_a_count_by_hand(demo: Project) -> None:
    expected: dict[str, Counter[str]] = {e.id: Counter() for e in demo.entities()}
    for doc in demo.documents():
        by_id = {a.id: a for a in demo.annotations(doc.id)}
        for ann in by_id.values():
            if ann.entity:
                expected[ann.entity]["mentions"] += 1
        for rel in demo.relations(doc.id):
            entity = by_id[rel.target].entity
            kind = {"speaker": "quotes", "claimant": "made", "addressee": "received"}.get(rel.type)
            if entity and kind:
                expected[entity][kind] += 1
    counts = demo.entity_counts()
    assert set(counts) == set(expected)
    for entity_id, c in expected.items():
        assert counts[entity_id] == EntityCounts(
            c["mentions"], c["quotes"], c["made"], c["received"]
        )
    assert sum(c.mentions for c in counts.values()) > 30
    assert sum(c.quotes for c in counts.values()) > 10
    assert any(c.demands_received for c in counts.values())


# -- matching and linking --------------------------------------------------------------------


def test_match_and_suggest(project: Project, lavrov, halek) -> None:
    assert [e.id for e in project.match_entities("LAVROV’s")] == [lavrov.id]
    assert [e.id for e in project.match_entities("Halek")] == [halek.id]
    assert {e.id for e in project.match_entities("the Minister")} == {lavrov.id, halek.id}
    entity, score = project.suggest_entities("Lavrow")[0]
    assert entity.id == lavrov.id and score > 80


def test_index_follows_registry_edits(project: Project, lavrov) -> None:
    assert project.match_entities("Lawrow") == []
    project.update_entity(lavrov.id, aliases=[*lavrov.aliases, "Lawrow"])
    assert [e.id for e in project.match_entities("Lawrow")] == [lavrov.id]
    project.delete_entity(lavrov.id)
    assert project.match_entities("Lawrow") == []


def test_add_actor_annotation_links_an_unambiguous_match(project: Project, lavrov, halek) -> None:
    doc = project.add_document(TEXT)
    ann, candidates = project.add_actor_annotation(doc.id, *at(TEXT, "SERGEY LAVROV"))
    assert (ann.entity, candidates) == (lavrov.id, [])
    assert project.annotation(ann.id).entity == lavrov.id
    ann, candidates = project.add_actor_annotation(doc.id, *at(TEXT, "Hálek"))
    assert ann.entity == halek.id


def test_add_actor_annotation_leaves_an_ambiguous_match_unlinked(
    project: Project, lavrov, halek
) -> None:
    doc = project.add_document(TEXT)
    ann, candidates = project.add_actor_annotation(doc.id, *at(TEXT, "The minister"))
    assert ann.entity is None
    assert sorted(candidates) == sorted([lavrov.id, halek.id])
    ann, candidates = project.add_actor_annotation(doc.id, *at(TEXT, "Lavrovsky"))
    assert (ann.entity, candidates) == (None, [])


def test_link_mention_returns_the_previous_entity(project: Project, lavrov, halek) -> None:
    doc = project.add_document(TEXT)
    ann, _ = project.add_actor_annotation(doc.id, *at(TEXT, "The minister"))
    assert project.link_mention(ann.id, halek.id) is None
    assert project.link_mention(ann.id, lavrov.id) == halek.id
    assert project.annotation(ann.id).entity == lavrov.id
    assert project.link_mention(ann.id, None) == lavrov.id
    assert project.annotation(ann.id).entity is None
    quote = project.add_annotation(doc.id, "Quote", [at(TEXT, "Lavrovsky was absent")])
    with pytest.raises(ValidationError, match="cannot be linked"):
        project.link_mention(quote.id, lavrov.id)


# -- merge and split --------------------------------------------------------------------------


def _by_name(project: Project, name: str):
    return next(e for e in project.entities() if e.name == name)


def test_merge_and_unmerge_restore_exactly(demo: Project, rows) -> None:
    keep, other = _by_name(demo, "Ondřej Hálek"), _by_name(demo, "Radek Vaněk")
    before = snapshot(rows, demo.path)
    counts = demo.entity_counts()
    record = demo.merge_entities(keep.id, other.id)

    merged = demo.entity(keep.id)
    assert merged.aliases[: len(keep.aliases)] == keep.aliases
    assert {"Radek Vaněk", "Vaněk", "Homeland Bloc leader"} <= set(merged.aliases)
    # spellings with the key of a name already there add nothing to matching
    assert "Radek Vanek" not in merged.aliases and "Vanek" not in merged.aliases
    assert [e.id for e in demo.match_entities("Vanek")] == [keep.id]
    after = demo.entity_counts()
    assert other.id not in after
    assert after[keep.id].mentions == counts[keep.id].mentions + counts[other.id].mentions
    assert after[keep.id].quotes == counts[keep.id].quotes + counts[other.id].quotes

    demo.unmerge(record)
    assert snapshot(rows, demo.path) == before
    assert [e.id for e in demo.match_entities("Vanek")] == [other.id]


def test_merge_refuses_itself_and_unknown_ids(demo: Project) -> None:
    keep = _by_name(demo, "Ondřej Hálek")
    with pytest.raises(ValidationError):
        demo.merge_entities(keep.id, keep.id)
    with pytest.raises(Exception, match="no actor"):
        demo.merge_entities(keep.id, "nope")


def test_split_alias_moves_its_mentions(project: Project, lavrov) -> None:
    doc = project.add_document(TEXT)
    full, _ = project.add_actor_annotation(doc.id, *at(TEXT, "Sergei Lavrov"))
    variant, _ = project.add_actor_annotation(doc.id, *at(TEXT, "SERGEY LAVROV"))
    assert full.entity == variant.entity == lavrov.id

    new = project.split_alias(lavrov.id, "sergey lavrov")
    assert (new.name, new.type) == ("Sergey Lavrov", "person")
    assert "Sergey Lavrov" not in project.entity(lavrov.id).aliases
    assert project.annotation(variant.id).entity == new.id
    assert project.annotation(full.id).entity == lavrov.id
    assert [e.id for e in project.match_entities("Sergey Lavrov")] == [new.id]
    with pytest.raises(ValidationError, match="not an alias"):
        project.split_alias(lavrov.id, "Kyiv")

    project.merge_entities(lavrov.id, new.id)  # the documented undo
    assert project.annotation(variant.id).entity == lavrov.id
    assert "Sergey Lavrov" in project.entity(lavrov.id).aliases


# -- propagation --------------------------------------------------------------------------------


def test_preview_in_one_document_skips_annotated_spans(project: Project, lavrov) -> None:
    doc = project.add_document(TEXT)
    project.add_document("Sergei Lavrov elsewhere.")
    project.add_actor_annotation(doc.id, *at(TEXT, "Sergei Lavrov"))
    found = project.propagation_preview(lavrov.id, document=doc.id)
    assert [(o.start, o.end, o.text) for o in found] == [
        (*at(TEXT, "Lavrov", 2), "Lavrov"),
        (*at(TEXT, "The minister"), "The minister"),
        (*at(TEXT, "SERGEY LAVROV"), "SERGEY LAVROV"),
    ]
    first = found[0]
    assert first.document_id == doc.id
    assert TEXT.endswith(first.context_after, first.end, first.end + 40)
    assert first.context_before == TEXT[max(0, first.start - 40) : first.start]
    assert project.propagation_preview(lavrov.id, document=doc.id, limit=1) == found[:1]


def test_preview_of_a_literal_text(project: Project) -> None:
    doc = project.add_document(TEXT)
    found = project.propagation_preview(None, text="halek")
    assert [(o.document_id, o.text) for o in found] == [(doc.id, "Hálek"), (doc.id, "Halek")]
    with pytest.raises(ValidationError):
        project.propagation_preview(None)


def test_preview_across_the_demo_finds_what_a_full_scan_finds(demo: Project) -> None:
    for name in ("Ondřej Hálek", "Government of Valdoria", "Concord of Nations", "Liang Shuwen"):
        entity = _by_name(demo, name)
        expected = []
        for doc in demo.documents():  # a scan of every text, without the full-text index
            taken = {(a.start, a.end) for a in demo.annotations(doc.id) if a.label == "Actor"}
            for start, end, _ in find_occurrences(doc.text, [entity.name, *entity.aliases]):
                if (start, end) not in taken:
                    expected.append((doc.id, start, end))
        found = demo.propagation_preview(entity.id)
        assert [(o.document_id, o.start, o.end) for o in found] == expected
        if name == "Ondřej Hálek":
            assert len({o.document_id for o in found}) > 1


def test_apply_and_undo_propagation_never_duplicates(demo: Project, rows) -> None:
    entity = _by_name(demo, "Ondřej Hálek")
    before = snapshot(rows, demo.path)
    found = demo.propagation_preview(entity.id)
    created = demo.apply_propagation([*found, found[0]], entity.id)
    assert len(created) == len(found)
    assert {(a.origin, a.entity, a.label) for a in created} == {("propagation", entity.id, "Actor")}
    assert demo.propagation_preview(entity.id) == []
    assert demo.apply_propagation(found, entity.id) == []  # all already tagged
    spans = rows(
        demo.path,
        'SELECT document, start, "end", count(*) FROM annotations WHERE label = '
        "'Actor' GROUP BY document, start, \"end\" HAVING count(*) > 1",
    )
    assert spans == []
    assert demo.entity_counts()[entity.id].mentions > len(created)

    demo.undo_propagation([a.id for a in created])
    assert snapshot(rows, demo.path) == before
