"""Actors across the corpus: counts, matching and linking mentions, merge and split,
propagation of a name to its unannotated occurrences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project, ValidationError
from annotator.core.matching import find_occurrences
from annotator.demo import DEMO_ANNOTATOR
from annotator.store.actors import EntityCounts

TEXT = (
    "Sergei Lavrov met Hálek in Kyiv. Lavrov’s aide said Lavrovsky was absent. "
    "The minister left; Halek stayed, and SERGEY LAVROV smiled."
)


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Project]:
    """The demo, opened by its annotator: ``demo.layer()`` holds every annotation of it."""
    with Project.open(demo_path, annotator=DEMO_ANNOTATOR) as p:
        assert [a.name for a in p.annotators.all()] == [DEMO_ANNOTATOR]
        yield p


@pytest.fixture
def lavrov(project: Project):
    return project.registry.add(
        "Sergei Lavrov", type="person", aliases=["Sergey Lavrov", "Lavrov", "the minister"]
    ).value


@pytest.fixture
def halek(project: Project):
    return project.registry.add(
        "Ondřej Hálek", type="person", aliases=["Hálek", "the minister"]
    ).value


def mention(project: Project, doc_id: str, start: int, end: int):
    """Tag a span as an Actor mention, linked if it matches one entity: (annotation, candidates)."""
    return project.layer().add_mention(doc_id, start, end, label="Actor").value


def preview(project: Project, entity_id: str | None, **kwargs):
    return project.registry.propagation_preview(
        entity_id, label="Actor", layer=project.layer(), **kwargs
    )


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
    expected: dict[str, Counter[str]] = {e.id: Counter() for e in demo.registry.all()}
    for doc in demo.documents.all():
        by_id = {a.id: a for a in demo.layer().annotations(doc.id)}
        for ann in by_id.values():
            if ann.entity:
                expected[ann.entity]["mentions"] += 1
        for rel in demo.layer().relations(doc.id):
            entity = by_id[rel.target].entity
            kind = {"speaker": "quotes", "claimant": "made", "addressee": "received"}.get(rel.type)
            if entity and kind:
                expected[entity][kind] += 1
    counts = demo.registry.counts()
    assert demo.registry.counts(demo.layer()) == counts  # the demo has one layer
    assert set(counts) == set(expected)
    for entity_id, c in expected.items():
        assert counts[entity_id] == EntityCounts(
            c["mentions"], c["quotes"], c["made"], c["received"]
        )
    assert sum(c.mentions for c in counts.values()) > 30
    assert sum(c.quotes for c in counts.values()) > 10
    assert any(c.demands_received for c in counts.values())
    some = sorted(counts)[:3]
    assert demo.registry.counts(entity_ids=[*some, "no-such-entity"]) == {
        i: counts[i] for i in some
    }


# -- matching and linking --------------------------------------------------------------------


def test_match_and_suggest(project: Project, lavrov, halek) -> None:
    assert [e.id for e in project.registry.match("LAVROV’s")] == [lavrov.id]
    assert project.registry.match_ids("LAVROV’s") == [lavrov.id]
    assert [e.id for e in project.registry.match("Halek")] == [halek.id]
    assert {e.id for e in project.registry.match("the Minister")} == {lavrov.id, halek.id}
    entity, score = project.registry.suggest("Lavrow")[0]
    assert entity.id == lavrov.id and score > 80


def test_index_follows_registry_edits(project: Project, lavrov) -> None:
    assert project.registry.match("Lawrow") == []
    project.registry.update(lavrov.id, aliases=[*lavrov.aliases, "Lawrow"])
    assert [e.id for e in project.registry.match("Lawrow")] == [lavrov.id]
    project.registry.delete(lavrov.id)
    assert project.registry.match("Lawrow") == []


def test_add_mention_links_an_unambiguous_match(project: Project, lavrov, halek) -> None:
    doc = project.documents.add(TEXT).value
    ann, candidates = mention(project, doc.id, *at(TEXT, "SERGEY LAVROV"))
    assert (ann.entity, candidates) == (lavrov.id, [])
    assert project.layer().annotation(ann.id).entity == lavrov.id
    ann, candidates = mention(project, doc.id, *at(TEXT, "Hálek"))
    assert ann.entity == halek.id
    with pytest.raises(ValidationError, match="not within the text"):
        mention(project, doc.id, len(TEXT) - 2, len(TEXT) + 3)


def test_add_mention_leaves_an_ambiguous_match_unlinked(project: Project, lavrov, halek) -> None:
    doc = project.documents.add(TEXT).value
    ann, candidates = mention(project, doc.id, *at(TEXT, "The minister"))
    assert ann.entity is None
    assert sorted(candidates) == sorted([lavrov.id, halek.id])
    ann, candidates = mention(project, doc.id, *at(TEXT, "Lavrovsky"))
    assert (ann.entity, candidates) == (None, [])


def test_link_mention_returns_the_previous_entity(project: Project, lavrov, halek) -> None:
    doc = project.documents.add(TEXT).value
    layer = project.layer()
    ann, _ = mention(project, doc.id, *at(TEXT, "The minister"))
    assert layer.link_mention(ann.id, halek.id).value is None
    assert layer.link_mention(ann.id, lavrov.id).value == halek.id
    assert layer.annotation(ann.id).entity == lavrov.id
    assert layer.link_mention(ann.id, None).value == lavrov.id
    assert layer.annotation(ann.id).entity is None
    quote = layer.add_annotation(doc.id, "Quote", [at(TEXT, "Lavrovsky was absent")]).value
    with pytest.raises(ValidationError, match="cannot be linked"):
        layer.link_mention(quote.id, lavrov.id)


# -- merge and split --------------------------------------------------------------------------


def _by_name(project: Project, name: str):
    return next(e for e in project.registry.all() if e.name == name)


def test_merge_and_unmerge_restore_exactly(demo: Project, rows) -> None:
    keep, other = _by_name(demo, "Ondřej Hálek"), _by_name(demo, "Radek Vaněk")
    before = snapshot(rows, demo.path)
    counts = demo.registry.counts()
    record = demo.registry.merge(keep.id, other.id).value

    merged = demo.registry.get(keep.id)
    assert merged.aliases[: len(keep.aliases)] == keep.aliases
    assert {"Radek Vaněk", "Vaněk", "Homeland Bloc leader"} <= set(merged.aliases)
    # spellings with the key of a name already there add nothing to matching
    assert "Radek Vanek" not in merged.aliases and "Vanek" not in merged.aliases
    assert [e.id for e in demo.registry.match("Vanek")] == [keep.id]
    after = demo.registry.counts()
    assert other.id not in after
    assert after[keep.id].mentions == counts[keep.id].mentions + counts[other.id].mentions
    assert after[keep.id].quotes == counts[keep.id].quotes + counts[other.id].quotes

    demo.registry.unmerge(record)
    assert snapshot(rows, demo.path) == before
    assert [e.id for e in demo.registry.match("Vanek")] == [other.id]


def test_merge_refuses_itself_and_unknown_ids(demo: Project) -> None:
    keep = _by_name(demo, "Ondřej Hálek")
    with pytest.raises(ValidationError):
        demo.registry.merge(keep.id, keep.id)
    with pytest.raises(Exception, match="no actor"):
        demo.registry.merge(keep.id, "nope")


def test_split_alias_moves_its_mentions(project: Project, lavrov) -> None:
    doc = project.documents.add(TEXT).value
    layer = project.layer()
    full, _ = mention(project, doc.id, *at(TEXT, "Sergei Lavrov"))
    variant, _ = mention(project, doc.id, *at(TEXT, "SERGEY LAVROV"))
    assert full.entity == variant.entity == lavrov.id

    new = project.registry.split_alias(lavrov.id, "sergey lavrov").value
    assert (new.name, new.type) == ("Sergey Lavrov", "person")
    assert "Sergey Lavrov" not in project.registry.get(lavrov.id).aliases
    assert layer.annotation(variant.id).entity == new.id
    assert layer.annotation(full.id).entity == lavrov.id
    assert [e.id for e in project.registry.match("Sergey Lavrov")] == [new.id]
    with pytest.raises(ValidationError, match="not an alias"):
        project.registry.split_alias(lavrov.id, "Kyiv")

    project.registry.merge(lavrov.id, new.id)  # the documented undo
    assert layer.annotation(variant.id).entity == lavrov.id
    assert "Sergey Lavrov" in project.registry.get(lavrov.id).aliases


# -- propagation --------------------------------------------------------------------------------


def test_preview_in_one_document_skips_annotated_spans(project: Project, lavrov) -> None:
    doc = project.documents.add(TEXT).value
    project.documents.add("Sergei Lavrov elsewhere.")
    mention(project, doc.id, *at(TEXT, "Sergei Lavrov"))
    found = preview(project, lavrov.id, document=doc.id)
    assert [(o.start, o.end, o.text) for o in found] == [
        (*at(TEXT, "Lavrov", 2), "Lavrov"),
        (*at(TEXT, "The minister"), "The minister"),
        (*at(TEXT, "SERGEY LAVROV"), "SERGEY LAVROV"),
    ]
    first = found[0]
    assert first.document_id == doc.id
    assert TEXT.endswith(first.context_after, first.end, first.end + 40)
    assert first.context_before == TEXT[max(0, first.start - 40) : first.start]
    assert preview(project, lavrov.id, document=doc.id, limit=1) == found[:1]


def test_preview_of_a_literal_text(project: Project) -> None:
    doc = project.documents.add(TEXT).value
    found = preview(project, None, text="halek")
    assert [(o.document_id, o.text) for o in found] == [(doc.id, "Hálek"), (doc.id, "Halek")]
    with pytest.raises(ValidationError):
        preview(project, None)


def test_preview_across_the_demo_finds_what_a_full_scan_finds(demo: Project) -> None:
    for name in ("Ondřej Hálek", "Government of Valdoria", "Concord of Nations", "Liang Shuwen"):
        entity = _by_name(demo, name)
        expected = []
        for doc in demo.documents.all():  # a scan of every text, without the full-text index
            taken = {
                (a.start, a.end) for a in demo.layer().annotations(doc.id) if a.label == "Actor"
            }
            for start, end, _ in find_occurrences(doc.text, [entity.name, *entity.aliases]):
                if (start, end) not in taken:
                    expected.append((doc.id, start, end))
        found = preview(demo, entity.id)
        assert [(o.document_id, o.start, o.end) for o in found] == expected
        if name == "Ondřej Hálek":
            assert len({o.document_id for o in found}) > 1


def test_apply_and_undo_propagation_never_duplicates(demo: Project, rows) -> None:
    entity = _by_name(demo, "Ondřej Hálek")
    before = snapshot(rows, demo.path)
    layer = demo.layer()
    found = preview(demo, entity.id)
    created = layer.apply_propagation([*found, found[0]], entity.id, label="Actor").value
    assert len(created) == len(found)
    assert {(a.origin, a.entity, a.label) for a in created} == {("propagation", entity.id, "Actor")}
    assert preview(demo, entity.id) == []
    assert layer.apply_propagation(found, entity.id, label="Actor").value == []  # all tagged
    spans = rows(
        demo.path,
        'SELECT document, start, "end", count(*) FROM annotations WHERE label = '
        "'Actor' GROUP BY document, start, \"end\" HAVING count(*) > 1",
    )
    assert spans == []
    assert demo.registry.counts()[entity.id].mentions > len(created)

    layer.delete_annotations([a.id for a in created])
    assert snapshot(rows, demo.path) == before
