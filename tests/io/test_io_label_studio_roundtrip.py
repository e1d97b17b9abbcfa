"""Label Studio JSON: export -> import round trips. Project B, built from project A's export,
holds A's annotations (label, fragments with offsets and text, attributes), relations and
annotators (gold too), except what the format cannot carry: registry links and notes, which
the export leaves out (counted). Discontinuous annotations, split by the export into regions
``ID``, ``ID:1`` ..., come back whole."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from utf16_data import GOLDEN, build

from annotator import Project
from annotator.core.errors import ValidationError
from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project
from annotator.io.importing import import_paths
from annotator.store.annotators import GOLD_ID

Snapshot = set[tuple[Any, ...]]


def snapshot(project: Project, *, links: bool = True) -> Snapshot:
    """Every annotation and relation of every layer, by content (ids differ between projects)."""
    found: Snapshot = set()
    for doc in project.documents.all():
        for layer in project.layers():
            annotations = layer.annotations(doc.id)
            key = {
                a.id: (a.label, tuple((f.start, f.end, f.text) for f in a.fragments))
                for a in annotations
            }
            for a in annotations:
                extra = (a.entity, a.note) if links else ()
                attributes = tuple(sorted(a.attributes.items()))
                found.add(("span", doc.text, layer.name, *key[a.id], attributes, *extra))
            for r in layer.relations(doc.id):
                found.add(("relation", doc.text, layer.name, r.type, key[r.source], key[r.target]))
    return found


def round_trip(a: Project, folder: Path) -> tuple[Project, Any]:
    out = folder / "tasks.json"
    export_project(a, "label-studio", out)
    b = Project.create(folder / "b.annotator", annotator="Tester")
    report = import_paths(b, [out])  # auto: the sniffer tells Label Studio from articles
    return b, report


def test_the_golden_document_comes_back(tmp_path: Path) -> None:
    build(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        expected = snapshot(a, links=False)
        b, report = round_trip(a, tmp_path)
    with b:
        assert snapshot(b, links=False) == expected
        assert report.added == 1 and report.spans_skipped == 0 and not report.warnings
        doc = b.documents.get("doc-1")  # our document id travels in data.document_id
        assert (doc.title, doc.source) == ("Fire 🚒", "Wire")
        ana = b.layer(b.annotators.named("Ana").id).annotations(doc.id)
        (quote,) = [x for x in ana if x.label == "Quote"]
        assert [f.text for f in quote.fragments] == ["We shall 𠀋 not,", "leave."]
        assert quote.attributes == {"form": "direct"}
        assert all(x.entity is None for x in ana)  # registry links: left out by the export
        assert [x.text for x in b.gold.annotations(doc.id)] == ["firemen"]


def test_the_golden_file_imports_as_it_is(project: Project) -> None:
    report = import_paths(project, [GOLDEN / "label-studio" / "claims.json"])
    assert (report.added, report.annotations, report.relations) == (
        1,
        7,
        3,
    )  # the quote whole again


# A realistic project: CRLF in the sources, an emoji ZWJ sequence, CJK Extension B, a combining
# mark, overlapping and discontinuous spans, attributes, relations, actor links and notes, two
# annotators and gold.
SOURCES = [
    "Karamov said:\r\n“We will not 👨🏻‍🚒 retreat,” and 𠀋 Velmar’s cafe\u0301 demanded talks.",
    "The 👩‍👩‍👧 family of Ofori called on the council\r\nto withdraw. Nobody else spoke.",
    "A document nobody annotated.",
]


def _realistic(path: Path) -> Project:
    p = Project.create(path, annotator="Ana")
    p.documents.add_many(
        [DocumentInput(t, f"Doc {i}", source="Wire") for i, t in enumerate(SOURCES)]
    )
    docs = list(p.documents.all())
    karamov = p.registry.add("Sergei Karamov", type="person", wikidata="Q42").value
    boris = p.layer(p.annotators.ensure("Boris").id)

    def at(doc: Any, part: str) -> tuple[int, int]:
        part = unicodedata.normalize("NFC", part)
        start = doc.text.index(part)
        return start, start + len(part)

    one, two = docs[0], docs[1]
    ana = p.layer()
    k = ana.add_annotation(
        one.id, "Actor", [at(one, "Karamov")], entity=karamov.id, attributes={"type": "person"}
    ).value
    q = ana.add_annotation(
        one.id,
        "Quote",
        [at(one, "We will not 👨🏻‍🚒"), at(one, "retreat,")],
        attributes={"form": "direct"},
        note="two parts",
    ).value
    ana.add_relation("speaker", q.id, k.id)
    ana.add_annotation(one.id, "Actor", [at(one, "𠀋 Velmar’s cafe\u0301")])
    velmar = ana.add_annotation(one.id, "Actor", [at(one, "Velmar")]).value  # overlapping
    d = ana.add_annotation(
        one.id,
        "Demand",
        [at(one, "demanded talks")],
        attributes={"issue": "negotiations", "position": "for"},
    ).value
    ana.add_relation("claimant", d.id, velmar.id)
    ofori = boris.add_annotation(two.id, "Actor", [at(two, "Ofori")]).value
    council = boris.add_annotation(two.id, "Actor", [at(two, "the council")]).value
    demand = boris.add_annotation(two.id, "Demand", [at(two, "withdraw")]).value
    boris.add_relation("claimant", demand.id, ofori.id)
    boris.add_relation("addressee", demand.id, council.id)
    boris.add_annotation(two.id, "Actor", [at(two, "👩‍👩‍👧 family")])
    p.gold.add_annotation(one.id, "Actor", [at(one, "Karamov")], entity=karamov.id)
    p.gold.add_annotation(two.id, "Actor", [at(two, "Ofori")])
    return p


def test_a_realistic_project_comes_back_without_links_and_notes(tmp_path: Path) -> None:
    with _realistic(tmp_path / "a.annotator") as a:
        expected = snapshot(a, links=False)
        assert any(x[-2] is not None for x in snapshot(a) if x[0] == "span")  # A has links
        b, report = round_trip(a, tmp_path)
    with b:
        assert snapshot(b, links=False) == expected
        # what the format cannot carry: links and notes, left out by the export
        assert all(x[-2:] == (None, None) for x in snapshot(b) if x[0] == "span")
        assert report.added == 3 and report.spans_skipped == report.relations_skipped == 0
        assert {layer.name for layer in b.layers()} == {"Ana", "Boris", "Gold"}
        assert b.annotators.named("Tester") is None  # nothing went to the importer's layer
        again = import_paths(b, [tmp_path / "tasks.json"])
        assert (again.added, again.annotations, again.relations) == (0, 0, 0)
        assert snapshot(b, links=False) == expected


PIECES = ["👨🏻‍🚒", "🇺🇦", "𠀋", "q\u0307", "e\u0301", "a", "ß", " ", "\r\n", "\n", "字", "Z"]
LABELS = ("Actor", "Quote", "Demand")


@st.composite
def projects(draw: Any) -> dict[str, Any]:
    """A text (with CRLF and unnormalised marks), and per layer spans: overlapping and
    discontinuous, some with attributes, with relations between them."""
    raw = "T" + "".join(draw(st.lists(st.sampled_from(PIECES), max_size=30)))
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    n = len(text)
    layers: dict[str, list[Any]] = {}
    for who in draw(st.lists(st.sampled_from(["Ana", "Boris", "Gold"]), unique=True, max_size=3)):
        spans = []
        for _ in range(draw(st.integers(0, 4))):
            cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=6, unique=True)))
            pairs = [(cuts[j], cuts[j + 1]) for j in range(0, len(cuts) - 1, 2)]
            label = draw(st.sampled_from(LABELS))
            attrs = {}
            if label == "Quote" and draw(st.booleans()):
                attrs["form"] = draw(st.sampled_from(["direct", "indirect"]))
            if label == "Demand" and draw(st.booleans()):
                attrs["issue"] = draw(st.sampled_from(["sanctions", "new issue"]))
            spans.append((label, pairs, attrs))
        links = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=3))
        layers[who] = [spans, links]
    return {"raw": raw, "layers": layers}


def _build(path: Path, drawn: dict[str, Any]) -> Project:
    p = Project.create(path, annotator="Ana")
    doc = p.documents.add(drawn["raw"]).value
    for who, (spans, links) in drawn["layers"].items():
        layer = p.gold if who == "Gold" else p.layer(p.annotators.ensure(who).id)
        ids: list[tuple[str, str]] = []
        for label, pairs, attrs in spans:
            try:
                ids.append(
                    (label, layer.add_annotation(doc.id, label, pairs, attributes=attrs).value.id)
                )
            except ValidationError:  # the same span twice in a layer: refused, as it should be
                continue
        kinds = {("Quote", "Actor"): "speaker", ("Demand", "Actor"): "claimant"}
        for s, t in links:
            if s < len(ids) and t < len(ids) and (ids[s][0], ids[t][0]) in kinds:
                try:
                    layer.add_relation(kinds[(ids[s][0], ids[t][0])], ids[s][1], ids[t][1])
                except ValidationError:  # beyond a relation's limit (a quote has one speaker)
                    continue
    return p


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(projects())
def test_any_project_comes_back(tmp_path_factory: Any, drawn: dict[str, Any]) -> None:
    folder = tmp_path_factory.mktemp("rt")
    with _build(folder / "a.annotator", drawn) as a:
        expected = snapshot(a)
        b, report = round_trip(a, folder)
    with b:
        assert snapshot(b) == expected
        assert report.spans_skipped == report.relations_skipped == 0
        if any(spans for spans, _ in drawn["layers"].values()):
            assert b.annotators.named("Tester") is None
        if "Gold" in drawn["layers"] and drawn["layers"]["Gold"][0]:
            assert b.layer(GOLD_ID).annotations(next(iter(b.documents.all())).id)
