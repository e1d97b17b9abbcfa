"""The change record every write returns (``Written(value, changes)``), compared whole.

Each test builds the record it expects from the ids the test made and compares it with the
one the store returned, so that a missing id and an extra one both fail, and the message
shows every difference at once. ``project.transaction()`` accumulates the records of what is
written inside it, net: what was added and removed again is not in it at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from annotator import Project, ValidationError
from annotator.core.changes import Changes, IdChanges
from annotator.core.model import DocumentInput

TEXT = "Karamov said talks would resume. “We will not give up,” he warned."


def ids(
    added: Iterable[str] = (), updated: Iterable[str] = (), removed: Iterable[str] = ()
) -> IdChanges:
    return IdChanges(set(added), set(updated), set(removed))


@pytest.fixture
def me(project: Project) -> str:
    """The id of the project's annotator (Tester), added before the test writes, so that the
    first write does not also record a new annotator."""
    return project.annotators.add(project.annotator_name).value.id


@pytest.fixture
def ben(project: Project) -> Any:
    """A second annotator's layer."""
    return project.layer(project.annotators.add("Ben").value.id)


@pytest.fixture
def karamov(project: Project) -> Any:
    return project.registry.add("Sergei Karamov", type="person", aliases=["Karamov"]).value


@pytest.fixture
def belotsky(project: Project) -> Any:
    return project.registry.add("Yuri Belotsky", type="person", aliases=["Belotsky"]).value


@pytest.fixture
def scene(project, layer, me, doc, find, karamov) -> dict[str, Any]:
    """A quote whose speaker is a mention of Karamov, and a cue, in the Tester's layer."""
    actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    quote = layer.add_annotation(doc.id, "Quote", [find("We will not give up")]).value
    cue = layer.add_annotation(doc.id, "Cue", [find("warned")]).value
    speaker = layer.add_relation("speaker", quote.id, actor.id).value
    return {"actor": actor, "quote": quote, "cue": cue, "speaker": speaker}


# -- documents ------------------------------------------------------------------------------------


def test_document_add(project: Project) -> None:
    doc, changes = project.documents.add(TEXT, title="Talks")
    assert changes == Changes(documents=ids(added=[doc.id]))
    assert changes.touched_documents == {doc.id}
    assert (changes.layers, changes.entity_counts) == (set(), set())


def test_document_add_many(project: Project) -> None:
    project.documents.add("Already here.")
    report, changes = project.documents.add_many(
        [DocumentInput("Already here."), DocumentInput("New one."), DocumentInput("Another.")]
    )
    new = {d.id for d in project.documents.all() if d.text != "Already here."}
    assert report.added == 2 and len(new) == 2
    assert changes == Changes(documents=ids(added=new))  # the duplicate is not in it
    assert changes.touched_documents == new


def test_document_delete_names_what_went_with_it(
    project, layer, me, ben, doc, find, karamov, scene
) -> None:
    """Deleting a document removes every layer's annotations, relations and statuses in it,
    and changes the counts of the entities its mentions were linked to."""
    layer.set_status(doc.id, "done")
    theirs = ben.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    ben.set_status(doc.id, "in_progress")
    other = project.documents.add("Another article.").value
    layer.add_annotation(other.id, "Cue", [(0, 7)])

    _, changes = project.documents.delete(doc.id)
    mine = [scene[k].id for k in ("actor", "quote", "cue")]
    assert changes.documents == ids(removed=[doc.id])
    assert changes.touched_documents == {doc.id}
    gone = [*mine, theirs.id, scene["speaker"].id]
    assert {
        "annotations": changes.annotations,
        "relations": changes.relations,
        "documents_of": changes.documents_of,
        "layers": changes.layers,
        "entity_counts": changes.entity_counts,
    } == {
        "annotations": ids(removed=[*mine, theirs.id]),
        "relations": ids(removed=[scene["speaker"].id]),
        "documents_of": dict.fromkeys(gone, doc.id),
        "layers": {me, ben.annotator_id},  # both lost annotations and a status
        "entity_counts": {karamov.id},  # two mentions and a quote fewer
    }


# -- annotations ----------------------------------------------------------------------------------


def test_first_write_of_an_annotator_records_the_annotator(project, layer, doc, find) -> None:
    assert layer.annotator_id is None
    ann, changes = layer.add_annotation(doc.id, "Cue", [find("said")])
    assert layer.annotator_id is not None
    assert changes == Changes(
        annotations=ids(added=[ann.id]),
        annotators=ids(added=[layer.annotator_id]),
        documents_of={ann.id: doc.id},
        layers={layer.annotator_id},
    )
    # the second write does not
    _, changes = layer.add_annotation(doc.id, "Cue", [find("warned")])
    assert changes.annotators == IdChanges()


def test_annotation_add(project, layer, me, doc, find, karamov) -> None:
    cue, changes = layer.add_annotation(doc.id, "Cue", [find("said")])
    assert changes == Changes(
        annotations=ids(added=[cue.id]), documents_of={cue.id: doc.id}, layers={me}
    )
    assert changes.touched_documents == {doc.id}
    assert changes.annotations_in(doc.id) == ids(added=[cue.id])
    assert changes.annotations_in("another document") == IdChanges()
    # a mention linked to an entity changes that entity's counts
    actor, changes = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id)
    assert changes == Changes(
        annotations=ids(added=[actor.id]),
        documents_of={actor.id: doc.id},
        layers={me},
        entity_counts={karamov.id},
    )


def test_annotation_update(project, layer, me, doc, find, karamov, belotsky) -> None:
    actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    _, changes = layer.update_annotation(actor.id, note="the envoy")
    assert changes == Changes(
        annotations=ids(updated=[actor.id]),
        documents_of={actor.id: doc.id},
        layers={me},
        entity_counts={karamov.id},  # linked before and after: its counts may be shown anew
    )
    _, changes = layer.update_annotation(actor.id, entity=belotsky.id)
    assert changes == Changes(
        annotations=ids(updated=[actor.id]),
        documents_of={actor.id: doc.id},
        layers={me},
        entity_counts={karamov.id, belotsky.id},
    )
    cue = layer.add_annotation(doc.id, "Cue", [find("said")]).value
    _, changes = layer.update_annotation(cue.id, fragments=[find("said talks")])
    assert changes == Changes(
        annotations=ids(updated=[cue.id]), documents_of={cue.id: doc.id}, layers={me}
    )


def test_a_quotes_attributes_leave_its_speakers_counts_alone(project, layer, me, doc, scene):
    quote = scene["quote"]
    _, changes = layer.update_annotation(quote.id, attributes={"form": "indirect"})
    assert changes == Changes(
        annotations=ids(updated=[quote.id]), documents_of={quote.id: doc.id}, layers={me}
    )


def test_annotation_delete_and_restore(project, layer, me, doc, karamov, scene) -> None:
    quote, speaker = scene["quote"], scene["speaker"]
    (ann, relations), changes = layer.delete_annotation(quote.id)
    assert [r.id for r in relations] == [speaker.id]
    expected_delete = Changes(
        annotations=ids(removed=[quote.id]),
        relations=ids(removed=[speaker.id]),
        documents_of={quote.id: doc.id, speaker.id: doc.id},
        layers={me},
        entity_counts={karamov.id},  # Karamov's quote count went down
    )
    assert changes == expected_delete
    assert changes.relations_in(doc.id) == ids(removed=[speaker.id])

    _, changes = layer.restore_annotation(ann, relations)
    assert changes == Changes(
        annotations=ids(added=[quote.id]),
        relations=ids(added=[speaker.id]),
        documents_of={quote.id: doc.id, speaker.id: doc.id},
        layers={me},
        entity_counts={karamov.id},
    )


def test_delete_annotations_in_one_record(project, layer, me, doc, scene) -> None:
    victims = [scene["cue"].id, scene["quote"].id]
    _, changes = layer.delete_annotations(victims)
    assert changes.annotations == ids(removed=victims)
    assert changes.relations == ids(removed=[scene["speaker"].id])
    assert changes.touched_documents == {doc.id}


def test_propagation_and_mentions(project, layer, me, doc, find, karamov) -> None:
    (mention, candidates), changes = layer.add_mention(doc.id, *find("Karamov"), label="Actor")
    assert (mention.entity, candidates) == (karamov.id, [])
    assert changes == Changes(
        annotations=ids(added=[mention.id]),
        documents_of={mention.id: doc.id},
        layers={me},
        entity_counts={karamov.id},
    )
    other = project.documents.add("Karamov again, and Karamov once more.").value
    found = project.registry.propagation_preview(karamov.id, label="Actor", layer=layer)
    created, changes = layer.apply_propagation(found, karamov.id, label="Actor")
    assert {a.document for a in created} == {other.id} and len(created) == 2
    assert changes == Changes(
        annotations=ids(added=[a.id for a in created]),
        documents_of={a.id: other.id for a in created},
        layers={me},
        entity_counts={karamov.id},
    )


# -- relations ------------------------------------------------------------------------------------


def test_relation_add_set_delete(project, layer, me, doc, find, karamov, belotsky) -> None:
    actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    other = layer.add_annotation(doc.id, "Actor", [find("Belotsky")], entity=belotsky.id).value
    quote = layer.add_annotation(doc.id, "Quote", [find("We will not give up")]).value
    cue = layer.add_annotation(doc.id, "Cue", [find("warned")]).value

    speaker, changes = layer.add_relation("speaker", quote.id, actor.id)
    assert changes == Changes(
        relations=ids(added=[speaker.id]),
        documents_of={speaker.id: doc.id},
        layers={me},
        entity_counts={karamov.id},  # Karamov spoke one quote more
    )
    cue_rel, changes = layer.add_relation("cue", quote.id, cue.id)
    assert changes == Changes(
        relations=ids(added=[cue_rel.id]), documents_of={cue_rel.id: doc.id}, layers={me}
    )

    (new, replaced), changes = layer.set_relation("speaker", quote.id, other.id)
    assert [r.id for r in replaced] == [speaker.id]
    assert changes == Changes(
        relations=ids(added=[new.id], removed=[speaker.id]),
        documents_of={new.id: doc.id, speaker.id: doc.id},
        layers={me},
        entity_counts={karamov.id, belotsky.id},
    )
    assert changes.touched_documents == {doc.id}

    _, changes = layer.delete_relation(new.id)
    assert changes == Changes(
        relations=ids(removed=[new.id]),
        documents_of={new.id: doc.id},
        layers={me},
        entity_counts={belotsky.id},
    )


# -- status ---------------------------------------------------------------------------------------


def test_status(project, layer, me, ben, doc) -> None:
    before, changes = layer.set_status(doc.id, "in_progress")
    assert before == "new"
    assert changes == Changes(statuses=ids(updated=[doc.id]), layers={me})
    assert changes.touched_documents == {doc.id}
    _, changes = ben.set_status(doc.id, "done")
    assert changes == Changes(statuses=ids(updated=[doc.id]), layers={ben.annotator_id})


# -- linking mentions -----------------------------------------------------------------------------


def test_link_relink_unlink(project, layer, me, doc, find, karamov, belotsky) -> None:
    actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")]).value

    def expected(*entities: str) -> Changes:
        return Changes(
            annotations=ids(updated=[actor.id]),
            documents_of={actor.id: doc.id},
            layers={me},
            entity_counts=set(entities),
        )

    previous, changes = layer.link_mention(actor.id, karamov.id)
    assert (previous, changes) == (None, expected(karamov.id))
    previous, changes = layer.link_mention(actor.id, belotsky.id)
    assert (previous, changes) == (karamov.id, expected(karamov.id, belotsky.id))
    previous, changes = layer.link_mention(actor.id, belotsky.id)  # already linked there
    assert previous == belotsky.id and not changes and changes == Changes()
    previous, changes = layer.link_mention(actor.id, None)
    assert (previous, changes) == (belotsky.id, expected(belotsky.id))


# -- the registry ---------------------------------------------------------------------------------


def test_entity_add_update(project) -> None:
    entity, changes = project.registry.add("Sergei Karamov", type="person")
    assert changes == Changes(entities=ids(added=[entity.id]))
    assert changes.touched_documents == set()
    _, changes = project.registry.update(entity.id, aliases=["Karamov"])
    assert changes == Changes(entities=ids(updated=[entity.id]))


def test_entity_delete_and_restore(project, layer, me, ben, doc, find, karamov) -> None:
    mine = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    theirs = ben.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    mentions = project.registry.mentions(karamov.id)

    def expected(entities: IdChanges) -> Changes:
        return Changes(
            entities=entities,
            annotations=ids(updated=[mine.id, theirs.id]),  # every layer's mentions
            documents_of={mine.id: doc.id, theirs.id: doc.id},
            layers={me, ben.annotator_id},
            entity_counts={karamov.id},
        )

    removed, changes = project.registry.delete(karamov.id)
    assert changes == expected(ids(removed=[karamov.id]))
    _, changes = project.registry.restore(removed, mentions)
    assert changes == expected(ids(added=[karamov.id]))


def test_entity_merge_and_unmerge(project, layer, me, ben, doc, find, karamov) -> None:
    other = project.registry.add("S. Karamov", type="person").value
    kept = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    moved = ben.add_annotation(doc.id, "Actor", [find("Karamov")], entity=other.id).value

    record, changes = project.registry.merge(karamov.id, other.id)
    assert changes == Changes(
        entities=ids(updated=[karamov.id], removed=[other.id]),
        annotations=ids(updated=[moved.id]),  # the mentions that moved, not the others
        documents_of={moved.id: doc.id},
        layers={ben.annotator_id},
        entity_counts={karamov.id, other.id},
    )
    assert kept.id not in changes.annotations.touched

    _, changes = project.registry.unmerge(record)
    assert changes == Changes(
        entities=ids(updated=[karamov.id], added=[other.id]),
        annotations=ids(updated=[moved.id]),
        documents_of={moved.id: doc.id},
        layers={ben.annotator_id},
        entity_counts={karamov.id, other.id},
    )


def test_split_alias(project, layer, me, doc, find, karamov) -> None:
    project.registry.update(karamov.id, aliases=["Karamov", "Belotsky"])  # a mistaken alias
    stays = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    moves = layer.add_annotation(doc.id, "Actor", [find("Belotsky")], entity=karamov.id).value

    new, changes = project.registry.split_alias(karamov.id, "Belotsky")
    assert new.name == "Belotsky"
    assert changes == Changes(
        entities=ids(added=[new.id], updated=[karamov.id]),
        annotations=ids(updated=[moves.id]),
        documents_of={moves.id: doc.id},
        layers={me},
        entity_counts={karamov.id, new.id},
    )
    assert stays.id not in changes.annotations.touched


# -- merging native data --------------------------------------------------------------------------


def test_merge_native(project, tmp_path) -> None:
    source = tmp_path / "source.annotator"
    with Project.create(source, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        karamov = p.registry.add("Sergei Karamov", aliases=["Karamov"]).value
        ana = p.layer()
        start = TEXT.index("Karamov")
        actor = ana.add_annotation(doc.id, "Actor", [(start, start + 7)], entity=karamov.id).value
        start = TEXT.index("We will not")
        quote = ana.add_annotation(doc.id, "Quote", [(start, start + 11)]).value
        speaker = ana.add_relation("speaker", quote.id, actor.id).value
        ana.set_status(doc.id, "done")
        bare = p.documents.add("An article nobody annotated.").value
        data = p.datasets()
        header = data.header()
        documents = [(f"source.json:{i}", d) for i, d in enumerate(data.document_dicts())]
        ana_id = ana.annotator_id
    assert ana_id is not None

    report, changes = project.merge_native(header, documents)
    assert (report.added, report.annotations, report.relations, report.entities) == (2, 2, 1, 1)
    assert changes == Changes(
        documents=ids(added=[doc.id, bare.id]),
        annotations=ids(added=[actor.id, quote.id]),
        relations=ids(added=[speaker.id]),
        entities=ids(added=[karamov.id]),
        statuses=ids(updated=[doc.id]),
        annotators=ids(added=[ana_id]),
        documents_of={actor.id: doc.id, quote.id: doc.id, speaker.id: doc.id},
        layers={ana_id},
        entity_counts={karamov.id},
    )
    assert changes.touched_documents == {doc.id, bare.id}
    # merging the same data again changes nothing, and the record says so
    _, changes = project.merge_native(header, documents)
    assert changes == Changes()


# -- transactions ---------------------------------------------------------------------------------


def test_transaction_accumulates_every_write(project, layer, me, doc, find, karamov) -> None:
    with project.transaction() as changes:
        actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")]).value
        layer.link_mention(actor.id, karamov.id)  # added, then changed: still "added"
        layer.set_status(doc.id, "in_progress")
        entity = project.registry.add("Yuri Belotsky").value
        assert changes.annotations == ids(added=[actor.id])  # it fills as the block runs
    assert changes == Changes(
        annotations=ids(added=[actor.id]),
        entities=ids(added=[entity.id]),
        statuses=ids(updated=[doc.id]),
        documents_of={actor.id: doc.id},
        layers={me},
        entity_counts={karamov.id},
    )


def test_transactions_nest_and_the_inner_record_is_part_of_the_outer(
    project, layer, me, doc, find
) -> None:
    with project.transaction() as outer:
        first = layer.add_annotation(doc.id, "Cue", [find("said")]).value
        with project.transaction() as inner:
            second = layer.add_annotation(doc.id, "Cue", [find("warned")]).value
        assert inner == Changes(
            annotations=ids(added=[second.id]), documents_of={second.id: doc.id}, layers={me}
        )
    assert outer.annotations == ids(added=[first.id, second.id])
    assert outer.touched_documents == {doc.id}


def test_an_inner_record_merged_into_an_empty_outer_one_is_copied_not_shared(
    project, layer, me, doc, find
) -> None:
    with project.transaction() as outer:
        with project.transaction() as inner:
            first = layer.add_annotation(doc.id, "Cue", [find("said")]).value
            second = layer.add_annotation(doc.id, "Cue", [find("warned")]).value
        assert outer == inner  # the outer one had nothing: it is now the same record
        kept = Changes(
            annotations=ids(added=[first.id, second.id]),
            documents_of={first.id: doc.id, second.id: doc.id},
            layers={me},
        )
        assert inner == kept
        layer.delete_annotation(first.id)  # nets out in the outer record only
        assert inner == kept
    assert outer.annotations == ids(added=[second.id])
    assert outer.documents_of == {second.id: doc.id} and outer.layers == {me}


def test_add_then_delete_in_one_transaction_is_nothing(project, layer, me, doc, find) -> None:
    with project.transaction() as changes:
        cue = layer.add_annotation(doc.id, "Cue", [find("said")]).value
        other = project.documents.add("Gone again.").value
        entity = project.registry.add("Nobody at all").value
        layer.delete_annotation(cue.id)
        project.documents.delete(other.id)
        project.registry.delete(entity.id)
    assert not changes
    assert (changes.annotations, changes.documents, changes.entities) == (
        IdChanges(),
        IdChanges(),
        IdChanges(),
    )
    # nothing changed in any document or layer either
    assert (changes.touched_documents, changes.layers, changes.documents_of) == (set(), set(), {})
    assert changes == Changes()


def test_relation_added_and_removed_in_one_transaction_is_nothing(
    project, layer, me, doc, scene
) -> None:
    with project.transaction() as changes:
        rel = layer.add_relation("cue", scene["quote"].id, scene["cue"].id).value
        layer.delete_relation(rel.id)
    assert changes == Changes()


def test_delete_then_restore_in_one_transaction_is_an_update(
    project, layer, me, doc, karamov, scene
) -> None:
    quote, speaker = scene["quote"], scene["speaker"]
    with project.transaction() as changes:
        ann, relations = layer.delete_annotation(quote.id).value
        layer.restore_annotation(ann, relations)
    assert changes == Changes(
        annotations=ids(updated=[quote.id]),
        relations=ids(updated=[speaker.id]),
        documents_of={quote.id: doc.id, speaker.id: doc.id},
        layers={me},
        entity_counts={karamov.id},
    )


def test_a_refused_write_inside_a_transaction_leaves_no_trace_in_its_record(
    project, layer, me, doc, scene
) -> None:
    quote, speaker = scene["quote"], scene["speaker"]
    with project.transaction() as changes:
        # set_relation deletes the old speaker first, then the new relation is refused
        with pytest.raises(ValidationError):
            layer.set_relation("speaker", quote.id, quote.id)
        cue = layer.add_annotation(doc.id, "Cue", [(0, 7)]).value
    assert layer.relation(speaker.id) == speaker  # rolled back
    assert changes == Changes(
        annotations=ids(added=[cue.id]), documents_of={cue.id: doc.id}, layers={me}
    )


def test_a_failed_transaction_returns_nothing_to_its_parent(project, layer, me, doc) -> None:
    with project.transaction() as outer, pytest.raises(RuntimeError), project.transaction():
        layer.add_annotation(doc.id, "Cue", [(0, 7)])
        raise RuntimeError("changed my mind")
    assert outer == Changes()
    assert layer.annotations(doc.id) == []


def test_project_settings(project) -> None:
    _, changes = project.set_guidelines("Tag every quote.")
    assert changes == Changes(project=True)
    _, changes = project.set_schema(project.schema)
    assert changes == Changes(project=True)
    assert changes and not Changes()
