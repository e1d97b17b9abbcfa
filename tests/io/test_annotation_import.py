"""The shared import route of the annotation formats (annotator/io/annotation_import.py):
offsets through the normalisation, label maps, spans that do not match, documents already in
the project, re-imports, relations and actors — what every format's reader relies on."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.foreign import (
    ForeignActor,
    ForeignDocument,
    ForeignProblem,
    ForeignRelation,
    ForeignSpan,
    OffsetMap,
    parse_label_map,
)
from annotator.core.reports import ImportReport
from annotator.io.annotation_import import AnnotationImport, unknown_names
from annotator.store.annotators import GOLD_ID
from annotator.store.project import Project

TEXT = "Karamov said:\r\n“We will not 👨🏻‍🚒 retreat.” e\u0301cole"


def _span(key: str, label: str, start: int, end: int, **kw: object) -> ForeignSpan:
    return ForeignSpan(key, label, [(start, end)], **kw)  # type: ignore[arg-type]


def _run(project: Project, docs: list[ForeignDocument], **mapping: str) -> ImportReport:
    report = ImportReport()
    with project.transaction():
        route = AnnotationImport(project, dict(mapping), report)
        for doc in docs:
            route.add(doc)
        route.finish()
    return report


def _stored(project: Project, annotator: str | None = None) -> list[tuple[str, str]]:
    layer = project.layer(annotator)
    doc = next(iter(project.documents.all()))
    return sorted((a.label, a.text) for a in layer.annotations(doc.id))


def test_offsets_follow_the_normalisation() -> None:
    raw = "\ufeffab\r\ncd e\u0301f"
    offsets = OffsetMap(raw)
    assert offsets.stored == "ab\ncd éf"
    mapped = [offsets.to_stored(i) for i in range(len(raw) + 1)]
    # the BOM and the CR of CRLF have no place; the combining accent composes with its "e"
    assert mapped == [None, 0, 1, 2, None, 3, 4, 5, 6, None, 7, 8]
    assert OffsetMap("plain").to_stored(5) == 5 and OffsetMap("plain").to_stored(6) is None


def test_spans_land_on_the_same_characters_after_crlf_and_nfc(project: Project) -> None:
    raw_start = TEXT.index("“")
    raw_end = TEXT.index("”") + 1
    accent = TEXT.index("e\u0301")
    doc = ForeignDocument(
        TEXT,
        "f.txt",
        title="A",
        spans=[
            _span("T1", "Actor", 0, 7, text="Karamov"),
            _span("T2", "Quote", raw_start, raw_end, text=TEXT[raw_start:raw_end]),
            _span("T3", "Actor", accent, accent + 6, text="e\u0301cole"),
        ],
        relations=[ForeignRelation("speaker", "T2", "T1")],
    )
    report = _run(project, [doc])
    assert report.added == 1 and report.annotations == 3 and report.relations == 1
    assert _stored(project) == [
        ("Actor", "Karamov"),
        ("Actor", "école"),
        ("Quote", "“We will not 👨🏻‍🚒 retreat.”"),
    ]
    assert project.documents.text(next(iter(project.documents.all())).id).count("\r") == 0


def test_a_span_whose_text_differs_is_reported_and_skipped(project: Project) -> None:
    doc = ForeignDocument(
        "Ana met Boris.",
        "f.ann",
        spans=[
            _span("T1", "Actor", 0, 3, text="Ana", where="f.ann:1"),
            _span("T2", "Actor", 8, 13, text="Borys", where="f.ann:2"),  # not what is there
            _span("T3", "Actor", 8, 40, where="f.ann:3"),  # beyond the end
        ],
    )
    report = _run(project, [doc])
    assert _stored(project) == [("Actor", "Ana")]
    assert report.spans_skipped == 2
    joined = "\n".join(report.warnings)
    assert "1 not imported, a span whose text does not match the document: f.ann:2" in joined
    assert "f.ann:3" in joined


def test_unknown_labels_are_reported_or_mapped(project: Project) -> None:
    def doc() -> ForeignDocument:
        return ForeignDocument(
            "Ana said no.",
            "f.jsonl:1",
            spans=[_span("1", "PER", 0, 3, where="f.jsonl:1"), _span("2", "QUOTE", 4, 11)],
            relations=[ForeignRelation("said-by", "2", "1", where="f.jsonl:1")],
        )

    labels, kinds = unknown_names([doc()], project.schema, {})
    assert labels == {"PER": 1, "QUOTE": 1} and kinds == {"said-by": 1}
    report = _run(project, [doc()])
    assert report.annotations == 0 and report.spans_skipped == 2
    assert any("label 'PER' is not in the project's schema" in w for w in report.warnings)
    assert any("--map PER=LABEL" in w for w in report.warnings)
    report = _run(project, [doc()], PER="Actor", QUOTE="Quote", **{"said-by": "speaker"})
    assert report.annotations == 2 and report.relations == 1
    assert _stored(project) == [("Actor", "Ana"), ("Quote", "said no")]


def test_a_document_already_in_the_project_receives_the_annotations(project: Project) -> None:
    project.documents.add("Ana said\nno.", title="Kept")
    # the same text with a CRLF line end, as the other tool saved it
    doc = ForeignDocument("Ana said\r\nno.", "f", title="Other", spans=[_span("1", "Actor", 0, 3)])
    report = _run(project, [doc, doc])
    assert report.added == 0 and report.matched == 1 and report.duplicates == []
    assert len(list(project.documents.all())) == 1
    assert next(iter(project.documents.all())).title == "Kept"
    assert _stored(project) == [("Actor", "Ana")]


def test_importing_the_same_file_twice_changes_nothing(project: Project) -> None:
    def doc() -> ForeignDocument:
        return ForeignDocument(
            "Ana said no.",
            "f",
            spans=[_span("1", "Actor", 0, 3), _span("2", "Quote", 4, 11)],
            relations=[ForeignRelation("speaker", "2", "1")],
        )

    _run(project, [doc()])
    again = _run(project, [doc()])
    assert again.annotations == 0 and again.relations == 0 and again.annotations_skipped == 2
    doc_id = next(iter(project.documents.all())).id
    assert len(project.layer().relations(doc_id)) == 1


def test_relations_that_cannot_be_kept_are_reported(project: Project) -> None:
    doc = ForeignDocument(
        "Ana and Bo said no.",
        "f",
        spans=[_span("a", "Actor", 0, 3), _span("b", "Actor", 8, 10), _span("q", "Quote", 11, 18)],
        relations=[
            ForeignRelation("speaker", "q", "a"),
            ForeignRelation("speaker", "q", "b"),  # a quote has one speaker
            ForeignRelation("speaker", "a", "q"),  # the wrong way round
            ForeignRelation("speaker", "q", "missing"),
        ],
    )
    report = _run(project, [doc])
    assert report.relations == 1 and report.relations_skipped == 3
    joined = "\n".join(report.warnings)
    assert "beyond its limit of 1" in joined and "from Actor to Quote" in joined
    assert "a relation to a span that was not imported" in joined


def test_annotators_and_gold_get_their_own_layers(project: Project) -> None:
    doc = ForeignDocument(
        "Ana said no.",
        "f",
        spans=[
            _span("1", "Actor", 0, 3, annotator="Ana"),
            _span("2", "Actor", 0, 3, annotator="Gold"),
            _span("3", "Quote", 4, 11),
        ],
    )
    _run(project, [doc])
    ana = project.annotators.named("Ana")
    assert ana is not None
    assert _stored(project, ana.id) == [("Actor", "Ana")]
    assert _stored(project, GOLD_ID) == [("Actor", "Ana")]
    assert _stored(project) == [("Quote", "said no")]


def test_actors_are_found_in_the_registry_or_added(project: Project) -> None:
    known = project.registry.add("Ana Petrova", aliases=["Ana"], wikidata="Q1").value
    doc = ForeignDocument(
        "Ana met Boris and Petrova.",
        "f",
        spans=[
            _span("1", "Actor", 0, 3, actor=ForeignActor(name="ana")),
            _span("2", "Actor", 8, 13, actor=ForeignActor(name="Boris", wikidata="Q2")),
            _span("3", "Actor", 18, 25, actor=ForeignActor(wikidata="Q1")),
            _span("4", "Quote", 18, 25, actor=ForeignActor(name="X")),  # Quotes take no actor
        ],
    )
    report = _run(project, [doc])
    assert report.entities == 1
    doc_id = next(iter(project.documents.all())).id
    links = {(a.label, a.text): a.entity for a in project.layer().annotations(doc_id)}
    boris = next(e for e in project.registry.all() if e.name == "Boris")
    assert links == {
        ("Actor", "Ana"): known.id,
        ("Actor", "Boris"): boris.id,
        ("Actor", "Petrova"): known.id,
        ("Quote", "Petrova"): None,
    }
    assert boris.wikidata == "Q2"
    assert any("an actor link on Quote" in w for w in report.warnings)


def test_label_maps_are_parsed_with_clear_errors() -> None:
    assert parse_label_map(["PER=Actor", " said = speaker "]) == {"PER": "Actor", "said": "speaker"}
    with pytest.raises(ValidationError, match="OLD=NEW"):
        parse_label_map(["PER"])
    with pytest.raises(ValidationError, match="given twice"):
        parse_label_map(["PER=Actor", "PER=Quote"])


def test_a_readers_remarks_are_counted_in_the_warnings(project: Project) -> None:
    doc = ForeignDocument(
        "Ana said no.",
        "f",
        spans=[_span("1", "Actor", 0, 3)],
        problems=[
            ForeignProblem("a prediction", "f: task 1"),
            ForeignProblem("a relation without a label", "f: task 1, result 3", relation=True),
        ],
        remarks=[("span(s) read in UTF-16 units", "f: task 1, region a")] * 2,
    )
    report = _run(project, [doc])
    assert report.annotations == 1
    assert (report.spans_skipped, report.relations_skipped) == (1, 1)
    assert "1 not imported, a prediction: f: task 1" in report.warnings
    assert "1 not imported, a relation without a label: f: task 1, result 3" in report.warnings
    assert (
        "2 span(s) read in UTF-16 units: f: task 1, region a, f: task 1, region a"
        in report.warnings
    )


def test_what_a_reader_left_out_is_reported_with_the_routes_problems(project: Project) -> None:
    doc = ForeignDocument(
        "Karamov said no.",
        "q.jsonld[0]",
        spans=[_span("a", "Actor", 0, 7)],
        problems=[
            ForeignProblem(
                "an annotation whose quote is not in the document", "q.jsonld[0]: items[1]"
            )
        ],
    )
    nothing = ForeignDocument(
        None,
        "q.jsonld[1]",
        problems=[ForeignProblem("a broken link", "q.jsonld[1]", relation=True)],
    )
    report = _run(project, [doc, nothing])
    assert report.annotations == 1 and report.added == 1  # the empty one adds no document
    assert report.warnings == [
        "1 not imported, an annotation whose quote is not in the document: q.jsonld[0]: items[1]",
        "1 not imported, a broken link: q.jsonld[1]",
    ]


def test_the_context_finds_documents_by_url_and_annotators_by_id(project: Project) -> None:
    from annotator.core.model import DocumentInput
    from annotator.io.annotation_import import context_for

    project.documents.add_many([DocumentInput("text", "T", url="https://x.example/1", id="d1")])
    ben = project.annotators.add("Ben").value
    context = context_for(project)
    assert context.document_at("https://x.example/1") == "d1"
    assert context.document_at("https://x.example/2") is None
    assert context.annotator_name(ben.id) == "Ben" and context.annotator_name("nobody") is None
