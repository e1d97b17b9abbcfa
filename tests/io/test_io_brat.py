"""brat standoff export: read back by pybrat and checked by brat's own rule (each ``T`` line's
text is the document's text at its offsets, fragments joined by one space)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from claims_data import TEXT_1, annotations_of, build, relations_of, span
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybrat.parser import BratParser

from annotator import Project
from annotator.core.errors import DuplicateAnnotationError, ValidationError
from annotator.core.reports import Cancelled
from annotator.io.exporting import export_project, layer_named

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
BRAT_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def unzip(out: Path, into: Path) -> list[str]:
    with zipfile.ZipFile(out) as zf:
        zf.extractall(into)
        return zf.namelist()


def brats_rule(folder: Path) -> int:
    """brat's check on loading: every T line's text equals the .txt at its offsets; fragments
    sorted and apart, none holding a line break. Returns how many T lines were checked."""
    checked = 0
    for ann in sorted(folder.rglob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            match = T_LINE.match(line)
            assert match, line
            pieces = [tuple(map(int, p.split())) for p in match[3].split(";")]
            assert match[4] == " ".join(text[s:e] for s, e in pieces)
            for (s, e), nxt in zip(pieces, [*pieces[1:], None], strict=True):
                assert 0 <= s < e <= len(text)
                assert not any(c in BRAT_LINE_BREAKS for c in text[s:e])
                assert nxt is None or e <= nxt[0]
            checked += 1
    return checked


def test_every_layer_is_a_folder_read_back_by_pybrat(small, tmp_path: Path) -> None:
    p, ids = small
    notes: list[str] = []
    out = tmp_path / "out.zip"
    assert export_project(p, "brat", out, notes=notes) == 2
    names = unzip(out, tmp_path / "x")
    assert {"annotation.conf", "visual.conf"} <= set(names)
    assert any("a folder of their own" in n for n in notes)
    assert any("'troop withdrawal' as 'troop_withdrawal'" in n for n in notes)
    for person, docs in (("Ana", {ids["d1"], ids["d2"]}), ("Ben", {ids["d1"], ids["d2"]})):
        folder = tmp_path / "x" / person
        examples = BratParser(error="raise").parse(folder)
        assert {e.id for e in examples} == docs
        layer = p.layer(p.annotators.named(person).id)
        for example in examples:
            stored = layer.annotations(example.id)
            assert len(example.entities) == len(stored)
            assert len(example.relations) == len(layer.relations(example.id))
            for entity in example.entities:
                assert entity.mention == " ".join(
                    example.text[s.start : s.end] for s in entity.spans
                )
        assert brats_rule(folder) == sum(len(layer.annotations(d)) for d in docs)


def test_one_layer_spans_relations_attributes_and_registry(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "ana.zip"
    notes: list[str] = []
    export_project(p, "brat", out, layer=layer_named(p, "Ana"), notes=notes)
    unzip(out, tmp_path / "x")
    assert not any("folder" in n for n in notes)
    ann = (tmp_path / "x" / f"{ids['d1']}.ann").read_text(encoding="utf-8")
    assert (tmp_path / "x" / f"{ids['d1']}.txt").read_text(encoding="utf-8") == TEXT_1
    (a, b), (c, d) = span(TEXT_1, "We will not,"), span(TEXT_1, "give up a village.")
    assert f"T1\tQuote {a} {b};{c} {d}\tWe will not, give up a village.\n" in ann
    assert "A1\tform T1 direct\n" in ann
    assert "N1\tReference T2 Registry:ent-karamov\tSergei Karamov\n" in ann
    assert "N2\tReference T2 Wikidata:Q999001\tSergei Karamov\n" in ann
    assert "\tissue T5 troop_withdrawal\n" in ann
    assert "R1\tspeaker Arg1:T1 Arg2:T2\t\n" in ann
    example = {e.id: e for e in BratParser().parse(tmp_path / "x")}[ids["d1"]]
    speaker = [r for r in example.relations if r.type == "speaker" and r.arg1.type == "Quote"]
    assert {r.arg2.mention for r in speaker} == {"Karamov", "A spokesman"}
    quote = next(e for e in example.entities if e.id == "T1")
    assert [(s.start, s.end) for s in quote.spans] == [(a, b), (c, d)]
    refs = {(r.rid, r.eid) for e in example.entities for r in e.references}
    assert refs == {
        ("Registry", "ent-karamov"),
        ("Wikidata", "Q999001"),
        ("Registry", "ent-velmar"),
    }
    assert len(annotations_of(p, ids["d1"])) == len(example.entities)
    assert len(relations_of(p, ids["d1"])) == len(example.relations)


def test_configuration_comes_from_the_schema(small, tmp_path: Path) -> None:
    p, _ids = small
    out = tmp_path / "out.zip"
    export_project(p, "brat", out)
    with zipfile.ZipFile(out) as zf:
        conf = zf.read("annotation.conf").decode()
        visual = zf.read("visual.conf").decode()
    schema = p.schema
    sections = re.split(r"^\[(\w+)\]$", conf, flags=re.M)
    parts = dict(zip(sections[1::2], sections[2::2], strict=True))
    assert parts["entities"].split() == [x.name for x in schema.labels]
    for rel in schema.relations:
        assert f"{rel.name}\tArg1:{rel.source}, Arg2:{rel.target}" in parts["relations"]
    assert "position\tArg:Demand, Value:for|against" in parts["attributes"]
    assert "international_organisation" in parts["attributes"]
    for label in schema.labels:
        assert f"{label.name}\tbgColor:{label.color}" in visual


def test_line_breaks_notes_and_names_brat_cannot_hold(project, tmp_path: Path) -> None:
    doc = project.documents.add("First line\nsecond line. 👨🏻‍🚒 firemen\r\ndrive 𠀋 trucks").value
    text = doc.text
    assert "\r" not in text
    start, end = text.index("line"), text.index("second") + 6
    layer = project.layer()
    layer.add_annotation(doc.id, "Quote", [(start, end)], note="two\nlines\there")
    fire = text.index("firemen")
    layer.add_annotation(doc.id, "Actor", [(fire, fire + 7)])
    cjk = text.index("𠀋")
    layer.add_annotation(doc.id, "Actor", [(cjk, cjk + 1)])
    notes: list[str] = []
    out = tmp_path / "out.zip"
    export_project(project, "brat", out, layer=project.layer(), notes=notes)
    unzip(out, tmp_path / "x")
    ann = (tmp_path / "x" / f"{doc.id}.ann").read_text(encoding="utf-8")
    assert f"T1\tQuote {start} {start + 4};{start + 5} {end}\tline second\n" in ann
    assert "#1\tAnnotatorNotes T1\ttwo lines here\n" in ann
    assert f"T2\tActor {fire} {fire + 7}\tfiremen\n" in ann
    assert f"T3\tActor {cjk} {cjk + 1}\t𠀋\n" in ann  # code points, as brat counts
    assert any("1 annotations across a line break" in n for n in notes)
    assert any("1 notes on several lines" in n for n in notes)
    assert brats_rule(tmp_path / "x") == 3
    assert len(BratParser().parse(tmp_path / "x")[0].entities) == 3


def test_a_cancelled_export_leaves_nothing(small, tmp_path: Path) -> None:
    p, _ids = small
    out = tmp_path / "out.zip"
    with pytest.raises(Cancelled):
        export_project(p, "brat", out, progress=lambda done, total: True)
    assert list(tmp_path.glob("*.zip*")) == [] and not list(tmp_path.glob(".*partial"))


ODD = ["a", "b", " ", "\n", "é", "e\u0301", "👨🏻‍🚒", "\u200d", "𠀋", "中", ".", "\u2028", "\t"]


@st.composite
def documents(draw):
    text = "".join(
        draw(st.lists(st.sampled_from([*ODD, "\r\n", "word "]), min_size=1, max_size=40))
    )
    return "x" + text  # never empty: the store refuses a document without text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=documents(), data=st.data())
def test_brats_rule_holds_for_any_text_and_spans(tmp_path_factory, source: str, data) -> None:
    folder = tmp_path_factory.mktemp("brat")
    with Project.create(folder / "p.annotator", annotator="Ana") as p:
        added = p.documents.add(source).value
        text, doc_id = added.text, added.id
        layer = p.layer()
        n = len(text)
        points = st.integers(0, n)
        made = 0
        for _ in range(data.draw(st.integers(0, 4))):
            cuts = sorted(set(data.draw(st.lists(points, min_size=2, max_size=6))))
            frags = [
                (s, e) for s, e in zip(cuts[::2], cuts[1::2], strict=False) if text[s:e].strip()
            ]
            if not frags:
                continue
            try:
                layer.add_annotation(doc_id, data.draw(st.sampled_from(["Quote", "Actor"])), frags)
            except (ValidationError, DuplicateAnnotationError):
                continue  # what the store refuses (a grapheme split, the same span twice)
            made += 1
        out = folder / "out.zip"
        export_project(p, "brat", out, layer=layer)
    unzip(out, folder / "x")
    assert (folder / "x" / f"{doc_id}.txt").read_text(encoding="utf-8") == text
    checked = brats_rule(folder / "x")
    # an annotation is left out only when all its text is line breaks
    assert checked == made
