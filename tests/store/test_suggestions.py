"""The suggestions layer: runs of an engine, accepting and rejecting, undo, and what is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.core.assist.engines import Knowledge, RegistryEngine
from annotator.core.assist.rules import RulesEngine
from annotator.core.errors import ValidationError
from annotator.store.annotators import SUGGESTIONS_ID

TEXT = (
    "“We will not surrender the port,” said Mara Velt, the harbour director. "
    "The union said that its members would strike on Friday."
)


@pytest.fixture
def doc(project: Any) -> Any:
    return project.documents.add(TEXT, title="Harbour").value


def run(project: Any, doc: Any, **kwargs: Any) -> Any:
    return project.suggestions.run(RulesEngine(), [doc.id], **kwargs)


def open_texts(project: Any, doc: Any, label: str | None = None) -> list[str]:
    return [
        s.annotation.text
        for s in project.suggestions.open_in(doc.id, project.layer())
        if label is None or s.annotation.label == label
    ]


def quote_of(project: Any, doc: Any, needle: str) -> Any:
    return next(
        s
        for s in project.suggestions.open_in(doc.id)
        if s.annotation.label == "Quote" and needle in s.annotation.text
    )


def test_a_run_stores_quotes_speakers_and_cues_in_the_suggestions_layer(
    project: Any, doc: Any
) -> None:
    report = run(project, doc)
    assert report.documents == 1 and report.engine == "rules"
    quotes = open_texts(project, doc, "Quote")
    assert "We will not surrender the port," in quotes
    assert "its members would strike on Friday" in quotes
    assert "Mara Velt" in open_texts(project, doc, "Actor")
    assert {"said"} == set(open_texts(project, doc, "Cue"))
    # nothing in the person's layer; the suggestions are the reserved annotator's
    assert project.layer().annotations(doc.id) == []
    layer = project.suggestions.layer
    assert layer.annotator_id == SUGGESTIONS_ID
    assert all(a.origin == "suggestion" for a in layer.annotations(doc.id))
    speaker = [r for r in layer.relations(doc.id) if r.type == "speaker"]
    quote = quote_of(project, doc, "surrender")
    assert any(r.source == quote.id for r in speaker)
    assert quote.engine == "rules" and 0 < quote.score <= 1
    # the engine ran over it: the layer's status says done (agreement compares it)
    assert layer.status(doc.id) == "done"


def test_running_again_replaces_open_suggestions_without_duplicates(project: Any, doc: Any) -> None:
    run(project, doc)
    first = sorted(open_texts(project, doc))
    run(project, doc)
    assert sorted(open_texts(project, doc)) == first
    assert len(project.suggestions.layer.annotations(doc.id)) == len(first)


def test_accepting_a_quote_brings_its_speaker_and_cue(project: Any, doc: Any) -> None:
    run(project, doc)
    quote = quote_of(project, doc, "surrender")
    decision = project.suggestions.accept([quote.id], project.layer()).value
    mine = project.layer().annotations(doc.id)
    by_label = {a.label: a for a in mine}
    assert set(by_label) == {"Quote", "Actor", "Cue"}
    assert by_label["Quote"].text == "We will not surrender the port,"
    assert by_label["Actor"].text == "Mara Velt"
    assert all(a.origin == "suggestion" and a.annotator != SUGGESTIONS_ID for a in mine)
    links = {(r.type, r.target) for r in project.layer().relations(doc.id)}
    assert ("speaker", by_label["Actor"].id) in links and ("cue", by_label["Cue"].id) in links
    assert decision.accepted == 3
    # decided: neither the quote nor its speaker is open any more, even for another person
    assert "We will not surrender the port," not in open_texts(project, doc)
    assert "Mara Velt" not in [s.annotation.text for s in project.suggestions.open_in(doc.id)]
    counts = project.suggestions.counts(doc.id)
    assert counts["Quote"].accepted == 1 and counts["Quote"].open == 1


def test_undo_and_redo_an_acceptance(project: Any, doc: Any) -> None:
    run(project, doc)
    quote = quote_of(project, doc, "surrender")
    decision = project.suggestions.accept([quote.id], project.layer()).value
    project.suggestions.undo(decision)
    assert project.layer().annotations(doc.id) == []
    assert "We will not surrender the port," in open_texts(project, doc)
    project.suggestions.redo(decision)
    ids = {a.id for a in project.layer().annotations(doc.id)}
    assert ids == {a.id for a in decision.added}
    assert len(project.layer().relations(doc.id)) == 2


def test_rejecting_removes_and_is_remembered_by_the_next_run(project: Any, doc: Any) -> None:
    run(project, doc)
    quote = quote_of(project, doc, "strike")
    decision = project.suggestions.reject([quote.id], project.layer()).value
    assert decision.rejected == 1
    assert "its members would strike on Friday" not in open_texts(project, doc)
    report = run(project, doc)
    assert report.skipped_decided >= 1
    assert "its members would strike on Friday" not in open_texts(project, doc)
    assert project.suggestions.counts()["Quote"].rejected == 1
    project.suggestions.undo(decision)
    assert "its members would strike on Friday" in open_texts(project, doc)
    assert project.suggestions.counts()["Quote"].rejected == 0


def test_undo_of_a_rejection_puts_back_the_links(project: Any, doc: Any) -> None:
    run(project, doc)
    quote = quote_of(project, doc, "surrender")
    before = {(r.type, r.source, r.target) for r in project.suggestions.relations_in(doc.id)}
    decision = project.suggestions.reject([quote.id]).value
    assert not any(r.source == quote.id for r in project.suggestions.relations_in(doc.id))
    project.suggestions.undo(decision)
    after = {(r.type, r.source, r.target) for r in project.suggestions.relations_in(doc.id)}
    assert after == before
    assert quote_of(project, doc, "surrender").engine == "rules"


def test_accepting_all_of_a_label(project: Any, doc: Any) -> None:
    run(project, doc)
    project.suggestions.accept_label(doc.id, "Quote", project.layer())
    quotes = [a.text for a in project.layer().annotations(doc.id) if a.label == "Quote"]
    assert sorted(quotes) == [
        "We will not surrender the port,",
        "its members would strike on Friday",
    ]
    assert open_texts(project, doc, "Quote") == []


def test_what_the_person_tagged_already_is_not_open(project: Any, doc: Any) -> None:
    start = TEXT.index("Mara Velt")
    project.layer().add_annotation(doc.id, "Actor", [(start, start + 9)])
    run(project, doc)
    assert "Mara Velt" not in open_texts(project, doc, "Actor")
    # accepting the quote links the person's own mention instead of a copy
    project.suggestions.accept([quote_of(project, doc, "surrender").id], project.layer())
    actors = [a for a in project.layer().annotations(doc.id) if a.label == "Actor"]
    assert len(actors) == 1 and actors[0].origin == "manual"


def test_labels_limit_a_run_and_unknown_labels_are_refused(project: Any, doc: Any) -> None:
    run(project, doc, labels=["Cue"])
    assert {s.annotation.label for s in project.suggestions.open_in(doc.id)} == {"Cue"}
    with pytest.raises(ValidationError, match="no label 'Speech'"):
        run(project, doc, labels=["Speech"])
    with pytest.raises(ValidationError, match="no engine suggests 'Demand'"):
        run(project, doc, labels=["Demand"])


def test_the_registry_engine_links_to_the_actor(project: Any, doc: Any) -> None:
    velt = project.registry.add("Mara Velt", type="person").value
    engine = RegistryEngine(project.suggestions.knowledge())
    project.suggestions.run(engine, [doc.id])
    (actor,) = project.suggestions.open_in(doc.id)
    assert actor.annotation.entity == velt.id and actor.engine == "registry"
    project.suggestions.accept([actor.id], project.layer())
    assert project.layer().annotations(doc.id)[0].entity == velt.id


def test_the_project_extends_the_cue_lexicon_with_tagged_cues(project: Any) -> None:
    text = "The minister bellowed that the budget was final."
    doc = project.documents.add(text).value
    assert "bellowed" not in project.suggestions.knowledge().cues
    other = project.documents.add("Ana Roth bellowed at the crowd.").value
    project.layer().add_annotation(other.id, "Cue", [(9, 17)])
    knowledge = project.suggestions.knowledge()
    assert "bellowed" in knowledge.cues
    project.suggestions.run(RulesEngine(knowledge.cues), [doc.id])
    assert "bellowed" in [s.annotation.text for s in project.suggestions.open_in(doc.id)]


def test_a_cancelled_run_keeps_the_batches_done(project: Any) -> None:
    docs = [project.documents.add(f"“Stay calm,” said Officer {i}.").value for i in range(3)]
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return False

    report = project.suggestions.run(RulesEngine(), [d.id for d in docs], progress=progress)
    assert report.documents == 3 and calls[-1] == 3
    cancelled = project.suggestions.run(
        RulesEngine(), [d.id for d in docs], progress=lambda *_: True
    )
    assert cancelled.cancelled and cancelled.documents == 0


def test_no_person_may_take_the_reserved_name(project: Any) -> None:
    with pytest.raises(ValidationError, match="reserved"):
        project.annotators.add("suggestions")


def test_a_file_of_the_previous_version_gains_the_tables(tmp_path: Path) -> None:
    from annotator import Project

    path = tmp_path / "old.annotator"
    Project.create(path, annotator="Tester").close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE suggestion_info")
        conn.execute("DROP TABLE suggestion_verdicts")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_suggestions'")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Project.open(path, annotator="Tester") as p:
        doc = p.documents.add(TEXT).value
        p.suggestions.run(RulesEngine(), [doc.id])
        assert p.suggestions.open_in(doc.id)


def test_knowledge_names_an_entity_only_when_one_owns_the_name() -> None:
    knowledge = Knowledge((("Velt", "e1"), ("Mara Velt", "e1"), ("Port", "e2"), ("port", "e3")))
    assert knowledge.entity_of("VELT") == "e1"
    assert knowledge.entity_of("Port") is None
