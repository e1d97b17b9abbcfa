"""Unfinished annotations: required relations missing, mentions not linked to the registry."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import NotFoundError, Project
from annotator.demo import DEMO_ANNOTATOR
from annotator.store.problems import Problem


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Project]:
    """The demo, opened by its annotator (``demo.layer()`` is the demo's one layer)."""
    with Project.open(demo_path, annotator=DEMO_ANNOTATOR) as p:
        yield p


def spoil(p: Project) -> None:
    """Make some problems in the demo (which has none): remove a speaker and a claimant,
    unlink two mentions, add an unlinked mention to an unannotated document."""
    layer = p.layer()
    docs = [d for d in p.documents.all() if layer.annotations(d.id)]
    for wanted in ("speaker", "claimant"):
        rel = next(r for d in docs for r in layer.relations(d.id) if r.type == wanted)
        layer.delete_relation(rel.id)
    for doc in docs[1:3]:
        actor = next(a for a in layer.annotations(doc.id) if a.label == "Actor")
        layer.link_mention(actor.id, None)
    bare = next(d for d in p.documents.all() if not layer.annotations(d.id))
    layer.add_annotation(bare.id, "Actor", [(0, 5)])


def independent(p: Project) -> list[tuple[str, str, int, str]]:
    """The same problems computed through the public API only."""
    found = []
    for doc in p.documents.all():
        rels = p.layer().relations(doc.id)
        anns = p.layer().annotations(doc.id)
        for ann in sorted(anns, key=lambda a: (a.start, a.end, a.id)):
            for spec in p.schema.relations_from(ann.label):
                if spec.required and not any(
                    r.source == ann.id and r.type == spec.name for r in rels
                ):
                    found.append(
                        (doc.id, ann.id, ann.start, f"{ann.label.lower()} without {spec.name}")
                    )
            if p.schema.label(ann.label).entity and ann.entity is None:
                found.append((doc.id, ann.id, ann.start, f"{ann.label.lower()} not linked"))
    return found


def as_tuples(problems: list[Problem]) -> list[tuple[str, str, int, str]]:
    return [(x.document_id, x.annotation_id, x.start, x.kind) for x in problems]


def test_demo_has_no_problems(demo: Project) -> None:
    assert demo.problems() == []
    assert demo.layer().problems() == []
    assert independent(demo) == []


def test_problems_equal_an_independent_computation(demo: Project) -> None:
    spoil(demo)
    problems = demo.layer().problems()
    assert as_tuples(problems) == independent(demo)
    assert demo.problems() == problems  # every layer's: the demo has one
    kinds = [x.kind for x in problems]
    assert sorted(set(kinds)) == [
        "actor not linked",
        "demand without claimant",
        "quote without speaker",
    ]
    assert kinds.count("actor not linked") == 3
    titles = {d.id: d.title for d in demo.documents.all()}
    for problem in problems:
        assert problem.document_title == titles[problem.document_id]
        ann = demo.layer().annotation(problem.annotation_id)
        assert problem.message.startswith(
            {
                "quote without speaker": "Quote without a speaker: “",
                "demand without claimant": "Demand without a claimant: “",
                "actor not linked": "Actor not linked to the registry: “",
            }[problem.kind]
        )
        assert ann.fragments[0].text[:20] in problem.message
    # one document's problems are those of the whole list for it
    doc_id = problems[0].document_id
    assert demo.layer().problems(doc_id) == [x for x in problems if x.document_id == doc_id]
    assert demo.layer().problems(limit=2) == problems[:2]
    assert demo.problems(limit=2) == problems[:2]
    with pytest.raises(NotFoundError):
        demo.layer().problems("no-such-document")


def test_fixing_a_problem_removes_it(demo: Project) -> None:
    spoil(demo)
    layer = demo.layer()
    quote = next(x for x in layer.problems() if x.kind == "quote without speaker")
    doc_actor = next(a for a in layer.annotations(quote.document_id) if a.label == "Actor")
    layer.add_relation("speaker", quote.annotation_id, doc_actor.id)
    remaining = layer.problems()
    assert quote not in remaining
    assert as_tuples(remaining) == independent(demo)

    mention = next(x for x in remaining if x.kind == "actor not linked")
    layer.link_mention(mention.annotation_id, demo.registry.all()[0].id)
    assert all(x.annotation_id != mention.annotation_id for x in layer.problems())


def test_check_counts_unlinked_mentions(demo: Project) -> None:
    spoil(demo)
    unlinked = sum(1 for x in demo.problems() if x.kind == "actor not linked")
    assert f"{unlinked} Actor annotation(s) not linked to the registry" in demo.check().warnings


def test_cli_check_lists_problems_with_titles(cli, demo_path: Path) -> None:
    with Project.open(demo_path, annotator=DEMO_ANNOTATOR) as p:
        spoil(p)
        problems = p.problems()
    result = cli("check", demo_path)
    assert result.returncode == 0, result.stderr  # problems are warnings, not errors
    lines = [line for line in result.stdout.splitlines() if " at " in line]
    assert len(lines) == min(20, len(problems))
    first = problems[0]
    assert lines[0] == f"Warning: {first.document_title!r} at {first.start}: {first.message}"
    result = cli("check", demo_path, "--json")
    data = json.loads(result.stdout)
    assert [x["annotation_id"] for x in data["problems"]] == [x.annotation_id for x in problems]


def test_pages_of_problems_read_by_windows_of_documents_are_the_whole_list(
    project, monkeypatch
) -> None:
    """Reading the list a page at a time (as the Problems dock does, by windows of documents
    in import order) gives exactly the list read at once, whatever the window."""
    from annotator.core.model import DocumentInput
    from annotator.store import problems as problems_sql

    monkeypatch.setattr(problems_sql, "PAGE_WINDOW", 3)
    texts = [f"Karamov spoke in town {i}. Belotsky said nothing." for i in range(20)]
    project.documents.add_many(DocumentInput(t, title=f"T{i}") for i, t in enumerate(texts))
    layer = project.layer()
    for n, doc in enumerate(project.documents.all()):
        if n % 4 == 1:
            continue  # some documents without any problem
        layer.add_annotation(doc.id, "Actor", [(0, 7)])
        if n % 3 == 0:
            layer.add_annotation(doc.id, "Quote", [(8, 13)])
    everything = layer.problems()
    assert len(everything) > 20
    pages, after = [], None
    while True:
        page = layer.problems(limit=4, after_seq=after)
        assert len(page) <= 4
        if not page:
            break
        # a page ends at a document boundary in the dock; here: keep whole documents only
        last = page[-1].document_seq
        whole = [p for p in page if p.document_seq != last] or layer.problems(page[-1].document_id)
        pages += whole
        after = whole[-1].document_seq
    assert [p.annotation_id for p in pages] == [p.annotation_id for p in everything]


# -- duplicates: the same span tagged twice with the same label in one layer --------------
# The store now refuses to add them, but projects made before (or written by other tools)
# may hold some: they are copied here with plain sqlite3.


def copy_row(path: Path, ann_id: str, new_id: str, created: str, note: str | None = None) -> None:
    """A copy of annotation ``ann_id`` under ``new_id``, written behind the store's back."""
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            conn.execute(
                'INSERT INTO annotations (id, document, label, start, "end", fragments, '
                "attributes, entity, annotator, origin, note, created, modified) "
                'SELECT ?, document, label, start, "end", fragments, attributes, entity, '
                "annotator, origin, ?, ?, modified FROM annotations WHERE id = ?",
                [new_id, note, created, ann_id],
            )
    finally:
        conn.close()


def test_an_identical_annotation_is_a_duplicate_problem(project, layer, doc, find) -> None:
    karamov = find("Karamov")
    first = layer.add_annotation(doc.id, "Cue", [karamov]).value
    copy_row(project.path, first.id, "copy-2", "2999-01-01T00:00:00")
    copy_row(project.path, first.id, "copy-3", "2999-01-02T00:00:00", "a note is not compared")
    problems = [x for x in layer.problems() if x.kind == "duplicate cue"]
    # each later copy repeats the first one; the first is not a problem
    assert sorted(x.annotation_id for x in problems) == ["copy-2", "copy-3"]
    for problem in problems:
        assert problem.document_id == doc.id and problem.start == karamov[0]
        assert problem.message == (
            f"Cue annotation {problem.annotation_id} is identical to annotation {first.id}: "
            "“Karamov”"
        )
    assert project.problems() == layer.problems()
    assert layer.problems(doc.id) == layer.problems()
    assert layer.problem_counts() == {doc.id: len(layer.problems())}
    warning = (
        "2 Cue annotation(s) identical to an earlier one of the same layer (same document, "
        "label and fragments)"
    )
    report = project.check()
    assert report.ok and warning in report.warnings
    assert report.problems == len(project.problems())
    # deleting the copies leaves no duplicate
    layer.delete_annotation("copy-2")
    layer.delete_annotation("copy-3")
    assert not [x for x in layer.problems() if x.kind.startswith("duplicate")]
    assert not [w for w in project.check().warnings if "identical" in w]


def test_what_is_not_a_duplicate(project, layer, doc, find) -> None:
    quote = find("We will not give up a single village,")
    layer.add_annotation(doc.id, "Cue", [find("said")])
    layer.add_annotation(doc.id, "Cue", [find("said talks")])  # other fragments
    layer.add_annotation(doc.id, "Demand", [quote])  # same fragments, other label
    layer.add_annotation(doc.id, "Quote", [(quote[0], quote[0] + 7), (quote[0] + 8, quote[1])])
    layer.add_annotation(doc.id, "Quote", [quote])  # one fragment instead of two
    # the same span in another annotator's layer, and in gold
    ben = project.layer(project.annotators.add("Ben").value.id)
    ben.add_annotation(doc.id, "Cue", [find("said")])
    project.gold.add_annotation(doc.id, "Cue", [find("said")])
    assert not [x for x in project.problems() if x.kind.startswith("duplicate")]
    assert not [w for w in project.check().warnings if "identical" in w]
