"""spaCy DocBin import: our exports come back whole (a realistic project, the golden document,
random projects), DocBins made with spaCy itself bring their spans and entities."""

from __future__ import annotations

import struct
from pathlib import Path

import spacy
from golden_interchange import build as build_golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin, Span
from spacy_data import build, contents, read_both_ways

from annotator import Project
from annotator.core.model import DocumentInput
from annotator.core.text import normalise_text
from annotator.io.exporting import export_project
from annotator.io.formats import detect
from annotator.io.importing import import_paths
from annotator.store.annotators import GOLD_NAME


def round_trip(source: Path, folder: Path) -> tuple[dict, dict]:
    """Export ``source`` as a DocBin, import it into a new project; both projects' contents."""
    out = folder / "out.spacy"
    with Project.open(source, readonly=True) as a:
        export_project(a, "spacy", out)
        before = contents(a)
    read_both_ways(out)  # without spaCy Docs as through them
    with Project.create(folder / "b.annotator", annotator="Zed") as b:
        report = import_paths(b, [out])
        assert report.spans_skipped == report.relations_skipped == 0, report.warnings
        assert report.warnings == []
        after = contents(b)
    return before, after


def test_a_realistic_project_comes_back_whole(tmp_path: Path) -> None:
    build(tmp_path / "a.annotator")
    before, after = round_trip(tmp_path / "a.annotator", tmp_path)
    # documents (ids, fields, metadata: the one beyond msgpack's integers too), every
    # annotator's and gold's annotations with attributes, links and notes, relations
    assert after == before
    assert {x[1] for x in after["annotations"]} == {"Ana", "Ben", GOLD_NAME}
    assert len(after["annotations"]) == 17 and len(after["relations"]) == 6


def test_the_golden_document_comes_back_whole(tmp_path: Path) -> None:
    build_golden(tmp_path / "golden.annotator")
    before, after = round_trip(tmp_path / "golden.annotator", tmp_path)
    assert after == before and len(after["annotations"]) == 6


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    build(tmp_path / "a.annotator")
    out = tmp_path / "out.spacy"
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "spacy", out)
    with Project.create(tmp_path / "b.annotator", annotator="Zed") as b:
        import_paths(b, [out])
        once = contents(b)
        again = import_paths(b, [out])
        assert again.added == 0 and again.annotations == 0 and again.relations == 0
        assert contents(b) == once


# -- DocBins made with spaCy ------------------------------------------------------------------

WORDS = ["Karamov", "said", ":", "\r\n", "“", "We", "stay", ".", "”", "Velmar", "agreed", "."]
SPACES = [True, False, False, False, False, True, False, False, True, True, False, False]


def foreign_docbin(path: Path, tamper: bool = False) -> str:
    """A DocBin as a spaCy user makes one: a span group "sc" of their own labels, entities
    with a Wikidata kb id (one also in the group), user data of their own. Returns the text."""
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=WORDS, spaces=SPACES)
    doc.ents = [
        Span(doc, 0, 1, label="PERSON", kb_id="Q42"),
        Span(doc, 9, 10, label="ORG"),
    ]
    doc.spans["sc"] = [Span(doc, 4, 9, label="QUOTE"), Span(doc, 0, 1, label="PERSON")]
    doc.spans["cues"] = [Span(doc, 1, 2, label="CUE")]
    doc.user_data["source"] = "their own"
    docbin = DocBin(store_user_data=True, docs=[doc])
    if tamper:  # the quote's character offsets moved one to the right of its tokens
        quote, cue = nlp.vocab.strings.add("QUOTE"), nlp.vocab.strings.add("CUE")
        shifted = struct.pack(">QQQllll", 0, 0, quote, 4, 9, 15, 26)
        kept = struct.pack(">QQQllll", 0, 0, cue, 1, 2, 8, 12)
        docbin.span_groups[0] = spacy_groups({"sc": [shifted], "cues": [kept]})
    path.write_bytes(docbin.to_bytes())
    return doc.text


def spacy_groups(groups: dict[str, list[bytes]]) -> bytes:
    import srsly

    return srsly.msgpack_dumps(
        {
            srsly.msgpack_dumps({"name": key, "attrs": {}, "spans": spans}): [key]
            for key, spans in groups.items()
        }
    )


def _mine(p: Project) -> list[tuple[str, str, str | None]]:
    layer = p.layer()
    (doc,) = list(p.documents.all())
    return sorted((a.label, a.text, a.entity) for a in layer.annotations(doc.id))


def test_a_docbin_made_with_spacy_brings_its_spans_and_entities(project, tmp_path) -> None:
    path = tmp_path / "theirs.spacy"
    foreign_docbin(path)
    assert detect(path) == "spacy"
    lavrov = project.registry.add("Karamov", type="person", wikidata="Q42").value
    mapping = {"PERSON": "Actor", "ORG": "Actor", "QUOTE": "Quote", "CUE": "Cue"}
    report = import_paths(project, [path], label_map=mapping)
    assert report.added == 1 and report.annotations == 4, report.warnings
    (doc,) = list(project.documents.all())
    assert doc.text == "Karamov said:\n“We stay.” Velmar agreed."  # CRLF stored as LF
    assert _mine(project) == [
        ("Actor", "Karamov", lavrov.id),  # its kb id is Karamov's Wikidata id
        ("Actor", "Velmar", None),
        ("Cue", "said", None),
        ("Quote", "“We stay.”", None),
    ]
    assert [a.name for a in project.annotators.all()] == ["Tester"]  # whoever imports


def test_unknown_labels_are_reported_then_mapped_on_the_command_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "theirs.spacy"
    foreign_docbin(path)
    target = tmp_path / "p.annotator"
    Project.create(target, annotator="Ana").close()
    result = cli("import", target, path, "--format", "spacy")
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert "label 'PERSON' is not in the project's schema (--map PERSON=LABEL)" in said
    assert "theirs.spacy: Doc 1, doc.spans['sc'][1]" in said
    maps = ["--map", "PERSON=Actor", "--map", "ORG=Actor", "--map", "QUOTE=Quote"]
    result = cli("import", target, path, *maps, "--map", "CUE=Cue")  # auto-detected
    assert result.returncode == 0, result.stderr
    with Project.open(target, readonly=True) as p:
        (doc,) = list(p.documents.all())  # the first import's document received them
        found = sorted((x.name, a.label) for x in p.layers() for a in x.annotations(doc.id))
    assert found == [
        ("Tester", "Actor"),
        ("Tester", "Actor"),
        ("Tester", "Cue"),
        ("Tester", "Quote"),
    ]


def test_a_document_already_in_the_project_receives_the_spans(project, tmp_path) -> None:
    path = tmp_path / "theirs.spacy"
    text = foreign_docbin(path)
    project.documents.add_many([DocumentInput(text, "Mine", id="doc-mine")])
    report = import_paths(project, [path], label_map={"QUOTE": "Quote", "CUE": "Cue"})
    assert report.added == 0
    (doc,) = list(project.documents.all())
    assert (doc.id, doc.title) == ("doc-mine", "Mine")
    assert [a.label for a in project.layer().annotations("doc-mine")] == ["Cue", "Quote"]


def test_a_span_whose_text_does_not_match_is_reported_and_skipped(project, tmp_path) -> None:
    path = tmp_path / "tampered.spacy"
    foreign_docbin(path, tamper=True)
    report = import_paths(project, [path], label_map={"QUOTE": "Quote", "CUE": "Cue"})
    assert report.spans_skipped >= 1
    assert any(
        "a span whose text does not match the document: tampered.spacy: Doc 1, "
        "doc.spans['sc'][0]" in w
        for w in report.warnings
    ), report.warnings
    assert [a.label for a in project.layer().annotations(next(project.documents.all()).id)] == [
        "Cue"
    ]


# -- random projects ----------------------------------------------------------------------

PIECES = ["a", "bc", " ", "  ", "\r\n", "\n", "👨🏻‍🚒", "𠀋", "e\u0301", "é", "中文", ".", ",", "-"]


@st.composite
def projects(draw: st.DrawFn) -> list[tuple[str, list[tuple[str, str, list[tuple[int, int]]]]]]:
    """Documents (raw text) and their annotations: (annotator, label, fragments) on the stored
    text; fragments sorted, not overlapping (one annotation), overlapping across annotations."""
    docs = []
    for i in range(draw(st.integers(1, 2))):
        pieces = draw(st.lists(st.sampled_from(PIECES), min_size=2, max_size=14))
        raw = f"{i}x" + "".join(pieces)  # not blank, and not the other document's text
        stored = normalise_text(raw)
        anns = []
        n = len(stored)
        for _ in range(draw(st.integers(0, 5)) if n >= 2 else 0):
            cuts = sorted(draw(st.sets(st.integers(0, n), min_size=2, max_size=6)))
            if len(cuts) % 2:
                cuts = cuts[:-1]
            frags = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
            who = draw(st.sampled_from(["Ana", "Ben", GOLD_NAME]))
            label = draw(st.sampled_from(["Actor", "Quote", "Demand", "Cue"]))
            anns.append((who, label, frags))
        docs.append((raw, anns))
    return docs


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=projects(), links=st.booleans())
def test_random_projects_come_back_whole(tmp_path_factory, data, links) -> None:
    folder = tmp_path_factory.mktemp("spacy-rt")
    with Project.create(folder / "a.annotator", annotator="Ana") as a:
        a.documents.add_many(
            [DocumentInput(raw, f"D{i}", id=f"d{i}") for i, (raw, _) in enumerate(data)]
        )
        entity = a.registry.add("Someone", wikidata="Q7" if links else None).value
        layers = {"Ana": a.layer(), GOLD_NAME: a.gold}
        taken: set[tuple[str, str, str, tuple]] = set()
        for i, (_raw, anns) in enumerate(data):
            ids: dict[str, dict[str, str]] = {}
            for who, label, frags in anns:
                if who not in layers:
                    layers[who] = a.layer(a.annotators.add(who).value.id)
                key = (f"d{i}", who, label, tuple(frags))
                if key in taken:  # a layer holds the same span once
                    continue
                taken.add(key)
                extra = {}
                if label == "Actor":
                    extra = {"entity": entity.id, "attributes": {"type": "person"}}
                elif label == "Quote":
                    extra = {"attributes": {"form": "direct"}, "note": "n\u00e9"}
                ann = layers[who].add_annotation(f"d{i}", label, frags, **extra).value
                ids.setdefault(who, {}).setdefault(label, ann.id)
            for who, by_label in ids.items():
                if "Quote" in by_label and "Actor" in by_label:
                    layers[who].add_relation("speaker", by_label["Quote"], by_label["Actor"])
    before, after = round_trip(folder / "a.annotator", folder)
    assert after == before
