"""INCEpTION / UIMA CAS JSON export, read back by dkpro-cassis: covered text, features, links."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from claims_data import annotations_of, build, relations_of
from interchange_checks import read_cases

from annotator import Project
from annotator.core.reports import Cancelled
from annotator.io.cas_json import java_name, write_cas_json
from annotator.io.exporting import layer_named

PREFIX = "webanno.custom."


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def test_each_document_and_annotator_is_one_cas(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "cas.zip"
    data = p.datasets()
    count = write_cas_json(data, out)
    cases = read_cases(out)
    assert count == len(cases)
    assert f"{ids['d1']}/{ids['ana']}.json" in cases
    assert data.notes == ["1 discontinuous annotations split into 2 spans"]
    for name, cas in cases.items():
        doc_id, annotator = name.removesuffix(".json").split("/")
        doc = p.documents.get(doc_id)
        assert cas.sofa_string == doc.text
        mine = [a for a in annotations_of(p, doc_id) if a.annotator == annotator]
        covered = sorted(
            (fs.type.name.removeprefix(PREFIX), fs.begin, fs.end, fs.get_covered_text())
            for label in {a.label for a in mine}
            for fs in cas.select(PREFIX + label)
        )
        expected = sorted((a.label, f.start, f.end, f.text) for a in mine for f in a.fragments)
        assert covered == expected  # cassis converts UTF-16 back: the same characters
        assert all(text == doc.text[b:e] for _, b, e, text in covered)


def test_features_and_relations(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "cas.zip"
    write_cas_json(p.datasets(), out)
    cas = read_cases(out)[f"{ids['d1']}/{ids['ana']}.json"]
    demands = {fs.get_covered_text(): fs for fs in cas.select(PREFIX + "Demand")}
    withdraw = demands["withdraw its troops"]
    assert (withdraw.get("issue"), withdraw.get("position")) == ("troop withdrawal", "for")
    actors = cas.select(PREFIX + "Actor")
    assert {a.get("entity") for a in actors} >= {
        "http://www.wikidata.org/entity/Q999001",
        f"urn:uuid:{ids['velmar']}",
    }
    mine = [r for r in relations_of(p, ids["d1"]) if r.annotator == ids["ana"]]
    anns = {a.id: a for a in annotations_of(p, ids["d1"])}
    found = sorted(
        (
            rel.type.name.removeprefix(PREFIX),
            rel.Governor.get_covered_text(),
            rel.Dependent.get_covered_text(),
        )
        for name in {java_name(r.type, True) for r in mine}
        for rel in cas.select(PREFIX + name)
    )
    expected = sorted(
        (
            java_name(r.type, True),
            anns[r.source].fragments[0].text,
            anns[r.target].fragments[0].text,
        )
        for r in mine
    )
    assert found == expected and found


def test_one_layer_gets_a_cas_per_document(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "ben.zip"
    assert write_cas_json(p.datasets(layer_named(p, "Ben")), out) == 2
    assert sorted(zipfile.ZipFile(out).namelist()) == sorted(
        f"{d}/{ids['ben']}.json" for d in (ids["d1"], ids["d2"])
    )


def test_same_project_same_bytes(small, tmp_path: Path) -> None:
    p, _ = small
    write_cas_json(p.datasets(), tmp_path / "a.zip")
    write_cas_json(p.datasets(), tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_cancel_leaves_nothing(small, tmp_path: Path) -> None:
    p, _ = small
    with pytest.raises(Cancelled):
        write_cas_json(p.datasets(), tmp_path / "cas.zip", lambda done, total: True)
    assert [x.name for x in tmp_path.iterdir() if "cas.zip" in x.name] == []


def test_java_names() -> None:
    assert java_name("speaker", True) == "Speaker"
    assert java_name("Äußerung mit Ziel", True) == "Äußerung_mit_Ziel"
    assert java_name("2nd", False) == "_2nd"
