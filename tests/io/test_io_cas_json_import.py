"""INCEpTION / UIMA CAS JSON import (annotator/io/cas_json_read.py): our zips back, INCEpTION's
own shapes (a single CAS, a project export's folders, its NamedEntity layer and tag features),
UTF-16 offsets, problems reported, malformed files refused."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cassis import load_cas_from_json
from golden_files import FILES, SOURCE
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from import_roundtrip import PIECES, Contents, base_copy, build_random, build_realistic, contents

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.offsets import Utf16Map
from annotator.io import cas_json_read
from annotator.io.exporting import export_project
from annotator.io.formats import detect
from annotator.io.importing import import_paths


def carried(a: Contents) -> Contents:
    """What CAS JSON brings back of ``a``: one span per fragment (each with the annotation's
    attributes and link), relations from and to the first fragments, no notes. (A fragment
    that is also a span of the same label in the same layer is that span: a layer holds a
    span once.)"""
    annotations = sorted(
        (who, doc, label, (frag,), attrs, entity, None)
        for who, doc, label, frags, attrs, entity, _ in a[0]
        for frag in frags
    )
    relations = sorted(
        (who, doc, kind, (sl, sf[:1]), (tl, tf[:1])) for who, doc, kind, (sl, sf), (tl, tf) in a[1]
    )
    return annotations, relations


def _export(project: Path, out: Path) -> Path:
    with Project.open(project, readonly=True) as p:
        export_project(p, "cas-json", out)
    return out


def _import(project: Path, path: Path, **kw: Any):
    with Project.open(project) as q:
        return import_paths(q, [path], **kw)


def test_the_golden_zip_comes_back_as_the_format_carries_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    with Project.create(a) as p:
        import_paths(p, [SOURCE], "native")
    base_copy(a, b, documents=False, annotators=True)
    assert detect(FILES["cas-json"]) == "cas-json"
    report = _import(b, FILES["cas-json"])
    assert (report.added, report.annotations, report.relations, report.warnings) == (1, 6, 3, [])
    assert contents(b) == carried(contents(a))
    with Project.open(a, readonly=True) as p, Project.open(b, readonly=True) as q:
        assert [(d.id, d.title, d.text) for d in q.documents.all()] == [
            (d.id, d.title, d.text) for d in p.documents.all()
        ]


def test_two_annotators_and_gold_come_back(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    build_realistic(a)
    out = _export(a, tmp_path / "all.zip")
    base_copy(a, b, documents=True, annotators=True)  # the documents are there: they receive
    report = _import(b, out)
    assert report.added == 0 and report.warnings == []
    assert contents(b) == carried(contents(a))
    assert {row[0] for row in contents(b)[0]} == {"Ana", "Ben", "Gold"}
    again = _import(b, out)  # a re-import changes nothing
    assert (again.annotations, again.relations) == (0, 0)
    assert contents(b) == carried(contents(a))


def test_annotators_come_back_by_name_into_a_project_without_them(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    build_realistic(a)
    out = _export(a, tmp_path / "all.zip")
    with zipfile.ZipFile(out) as zf:
        users = {
            fs["username"]
            for name in zf.namelist()
            for fs in json.loads(zf.read(name))["%FEATURE_STRUCTURES"]
            if fs["%TYPE"] == "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata"
        }
    assert users == {"Ana", "Ben", "CURATION_USER"}  # INCEpTION's users are names
    base_copy(a, b, documents=False)
    _import(b, out)
    assert contents(b) == carried(contents(a))  # Ana, Ben and Gold, not their ids


def _without_cas_metadata(zip_in: Path, zip_out: Path) -> None:
    """A zip as our exports wrote it before they carried INCEpTION's CASMetadata."""
    with zipfile.ZipFile(zip_in) as src, zipfile.ZipFile(zip_out, "w") as dst:
        for name in src.namelist():
            cas = json.loads(src.read(name))
            cas["%FEATURE_STRUCTURES"] = [
                fs for fs in cas["%FEATURE_STRUCTURES"] if not fs["%TYPE"].endswith("CASMetadata")
            ]
            dst.writestr(name, json.dumps(cas))


def test_older_zips_name_annotators_by_id(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.annotator", tmp_path / "b.annotator", tmp_path / "c.annotator"
    ids = build_realistic(a)
    old = tmp_path / "old.zip"
    _without_cas_metadata(_export(a, tmp_path / "all.zip"), old)
    base_copy(a, b, documents=False, annotators=True)  # knows the ids: they are its annotators
    _import(b, old)
    assert contents(b) == carried(contents(a))
    base_copy(a, c, documents=False)  # does not: they come back named by their ids
    _import(c, old)
    rename = {"Ana": ids["ana"], "Ben": ids["ben"], "Gold": "Gold"}
    expected = carried(contents(a))
    assert contents(c) == (
        sorted((rename[r[0]], *r[1:]) for r in expected[0]),
        sorted((rename[r[0]], *r[1:]) for r in expected[1]),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=2, max_size=7),
    picks=st.lists(st.tuples(*[st.integers(0, 50)] * 4), max_size=6),
)
def test_random_documents_come_back(pieces, picks) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build_random(tmp / "a.annotator", pieces, picks)
        expected = carried(contents(tmp / "a.annotator"))
        # a fragment that is another span of the layer merges with it (not what is tested here)
        spans = [row[:4] for row in expected[0]]  # annotator, document, label, fragment
        assume(len(set(spans)) == len(spans))
        out = _export(tmp / "a.annotator", tmp / "r.zip")
        base_copy(tmp / "a.annotator", tmp / "b.annotator", documents=False, annotators=True)
        report = _import(tmp / "b.annotator", out)
        assert report.warnings == []
        assert contents(tmp / "b.annotator") == expected


# -- what INCEpTION writes ------------------------------------------------------------------

TEXT = "👨🏻‍🚒 Ofori said: “We stay.” 𠀋 Velmar demanded a cease-fire now."
META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"


def _u16(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    utf16 = Utf16Map(TEXT)
    return utf16.to_utf16(start), utf16.to_utf16(start + len(part))


def _type(name: str, **features: str) -> dict[str, Any]:
    return {
        "%NAME": name,
        "%SUPER_TYPE": "uima.tcas.Annotation",
        **{f: {"%NAME": f, "%RANGE": r} for f, r in features.items()},
    }


def inception_cas(title: str = "news.txt", **quote: Any) -> dict[str, Any]:
    """A CAS as INCEpTION exports one ("UIMA CAS JSON"): its metadata, tokens, a NamedEntity
    with a knowledge-base link, custom layers with a tag feature, a relation layer; the sofa
    last, as the Java serializer writes it."""
    string = "uima.cas.String"
    types = {
        META: {
            **_type(META, documentTitle=string, documentId=string, documentUri=string),
            "%SUPER_TYPE": "uima.tcas.DocumentAnnotation",
        },
        TOKEN: _type(TOKEN),
        NE: _type(NE, value=string, identifier=string),
        "webanno.custom.Quote": _type("webanno.custom.Quote", form=string),
        "webanno.custom.Claim": _type(
            "webanno.custom.Claim", label=string, position=string, confidence="uima.cas.Double"
        ),
        "webanno.custom.Attribution": {
            **_type("webanno.custom.Attribution", label=string),
            "Governor": {"%NAME": "Governor", "%RANGE": "webanno.custom.Quote"},
            "Dependent": {"%NAME": "Dependent", "%RANGE": NE},
        },
    }
    ofori, said, stay, claim = _u16("Ofori"), _u16("said"), _u16("“We stay.”"), _u16("a cease-fire")
    velmar = _u16("Velmar")
    structures = [
        {"%ID": 1, "%TYPE": META, "@sofa": 9, "begin": 0, "end": Utf16Map(TEXT).utf16_length,
         "documentTitle": title, "documentId": title, "documentUri": f"file:/{title}"},
        {"%ID": 2, "%TYPE": TOKEN, "@sofa": 9, "begin": said[0], "end": said[1]},
        {"%ID": 3, "%TYPE": NE, "@sofa": 9, "begin": ofori[0], "end": ofori[1], "value": "PER",
         "identifier": "http://www.wikidata.org/entity/Q999777"},
        {"%ID": 4, "%TYPE": "webanno.custom.Quote", "@sofa": 9, "begin": stay[0],
         "end": stay[1], "form": "direct", **quote},
        {"%ID": 5, "%TYPE": "webanno.custom.Attribution", "@sofa": 9, "begin": ofori[0],
         "end": ofori[1], "@Governor": 4, "@Dependent": 3, "label": "speaker"},
        {"%ID": 6, "%TYPE": "webanno.custom.Claim", "@sofa": 9, "begin": claim[0],
         "end": claim[1], "label": "Demand", "position": "for", "confidence": 0.5},
        {"%ID": 7, "%TYPE": NE, "@sofa": 9, "begin": velmar[0], "end": velmar[1], "value": "ORG"},
        {"%ID": 9, "%TYPE": "uima.cas.Sofa", "sofaNum": 1, "sofaID": "_InitialView",
         "mimeType": "text", "sofaString": TEXT},
    ]  # fmt: skip
    return {
        "%TYPES": types,
        "%FEATURE_STRUCTURES": structures,
        "%VIEWS": {"_InitialView": {"%SOFA": 9, "%MEMBERS": [1, 2, 3, 4, 5, 6, 7]}},
    }


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path, annotator="Me") as p:
        p.registry.add("Ama Ofori", type="person", wikidata="Q999777")
    return path


def _stored(project: Path) -> list[tuple[str, str, str, tuple[tuple[str, str], ...], bool]]:
    with Project.open(project, readonly=True) as p:
        return sorted(
            (layer.name, a.label, a.text, tuple(sorted(a.attributes.items())), a.entity is not None)
            for d in p.documents.all()
            for layer in p.layers()
            for a in layer.annotations(d.id)
        )


def _relations(project: Path) -> list[tuple[str, str, str]]:
    with Project.open(project, readonly=True) as p:
        texts = {a.id: a.text for d in p.documents.all() for la in p.layers()
                 for a in la.annotations(d.id)}  # fmt: skip
        return sorted(
            (r.type, texts[r.source], texts[r.target])
            for d in p.documents.all()
            for la in p.layers()
            for r in la.relations(d.id)
        )


def test_an_inception_cas_file_with_the_labels_mapped(empty: Path, tmp_path: Path, cli) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps(inception_cas(), ensure_ascii=False), encoding="utf-8")
    cas = load_cas_from_json(io.BytesIO(path.read_bytes()))  # what INCEpTION's reader sees
    covered = sorted(fs.get_covered_text() for fs in cas.select(NE))
    assert covered == ["Ofori", "Velmar"]
    assert detect(path) == "cas-json"
    result = cli("import", empty, path, "--map", "PER=Actor", "--map", "ORG=Actor")
    assert result.returncode == 0, result.stderr
    with Project.open(empty, readonly=True) as p:
        me = p.annotator_name
        ((doc_id, title),) = [(d.id, d.title) for d in p.documents.all()]
    assert title == "news.txt" and doc_id != "news.txt"  # not our id: a new one
    assert _stored(empty) == [
        (me, "Actor", "Ofori", (), True),
        (me, "Actor", "Velmar", (), False),
        (me, "Demand", "a cease-fire", (("position", "for"),), False),
        (me, "Quote", "“We stay.”", (("form", "direct"),), False),
    ]
    assert _relations(empty) == [("speaker", "“We stay.”", "Ofori")]
    assert "feature 'confidence' of Demand: no such attribute (left out)" in result.stderr


def test_unmapped_layers_are_reported(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps(inception_cas()), encoding="utf-8")
    report = _import(empty, path)
    said = "\n".join(report.warnings)
    for tag in ("PER", "ORG"):
        assert f"1 not imported, label {tag!r} is not in the project's schema (--map {tag}=" in said
    assert "1 not imported, a relation to a span that was not imported" in said
    assert report.annotations == 2  # the Quote and the Demand


def test_an_inception_project_export(empty: Path, tmp_path: Path) -> None:
    """Its folders: annotation/<document>/<user>.json, curation/… for the curated CAS, the
    project's own description and the source files beside them."""
    path = tmp_path / "project.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("exportedproject.json", json.dumps({"name": "claims", "documents": []}))
        zf.writestr("source/news.txt", TEXT)
        zf.writestr("annotation/news.txt/ana.json", json.dumps(inception_cas()))
        zf.writestr("annotation/news.txt/ben.json", json.dumps(inception_cas(form="mixed")))
        zf.writestr("curation/news.txt/CURATION_USER.json", json.dumps(inception_cas()))
    assert detect(path) == "cas-json"
    report = _import(empty, path, label_map={"PER": "Actor", "ORG": "Actor"})
    assert report.added == 1  # one document, three layers
    quotes = [row for row in _stored(empty) if row[1] == "Quote"]
    assert quotes == [
        ("Gold", "Quote", "“We stay.”", (("form", "direct"),), False),
        ("ana", "Quote", "“We stay.”", (("form", "direct"),), False),
        ("ben", "Quote", "“We stay.”", (("form", "mixed"),), False),
    ]


def test_offsets_outside_the_text_or_inside_a_character(empty: Path, tmp_path: Path) -> None:
    cas = inception_cas()
    structures = cas["%FEATURE_STRUCTURES"]
    structures[3]["begin"] = 1  # between the surrogates of the first emoji
    structures[5]["end"] = 10**9
    path = tmp_path / "off.json"
    path.write_text(json.dumps(cas), encoding="utf-8")
    report = _import(empty, path, label_map={"PER": "Actor", "ORG": "Actor"})
    assert report.annotations == 2
    assert (
        "2 not imported, a span whose offsets fall outside its text or inside a character: "
        "off.json: feature structure 4, off.json: feature structure 6" in report.warnings
    )


# -- malformed files ------------------------------------------------------------------------


def _counts(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "annotations", "relations")
        )


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _malformed(tmp: Path, kind: str) -> Path:
    good = json.dumps(inception_cas())
    if kind == "truncated":
        whole = _zip(tmp / "w.zip", {"d/a.json": good, "d/b.json": good}).read_bytes()
        (tmp / "t.zip").write_bytes(whole[: len(whole) // 2] + whole[-22:])
        return tmp / "t.zip"
    if kind == "no-cas":
        return _zip(tmp / "n.zip", {"readme.json": "{}", "x.txt": "x"})
    if kind == "bad-member":
        return _zip(tmp / "b.zip", {"d/a.json": good, "d/b.json": good[:-9]})
    if kind == "deep":
        return _zip(tmp / "d.zip", {"d/a.json": "[" * 5000 + "]" * 5000})
    values = {
        "fs-type": {"%TYPES": {}, "%FEATURE_STRUCTURES": 7},
        "fs-item": {"%FEATURE_STRUCTURES": [1]},
        "fs-id": {"%FEATURE_STRUCTURES": [{"%TYPE": "uima.cas.Sofa"}]},
        "no-sofa": {"%FEATURE_STRUCTURES": [{"%ID": 1, "%TYPE": "uima.cas.Sofa"}]},
        "not-cas": [1, 2],
    }
    if kind in values:
        (tmp / f"{kind}.json").write_text(json.dumps(values[kind]), encoding="utf-8")
        return tmp / f"{kind}.json"
    (tmp / "junk.json").write_bytes(b"\x89PNG\x00\xff\xfe junk")
    return tmp / "junk.json"


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("truncated", "t.zip"),
        ("no-cas", "n.zip: no CAS JSON in the zip"),
        ("bad-member", "b.zip: d/b.json: not JSON"),
        ("deep", "d.zip: d/a.json: lists or objects nest more than"),
        ("fs-type", "fs-type.json: %FEATURE_STRUCTURES: not a list or object"),
        ("fs-item", "fs-item.json: feature structure 1: not an object"),
        ("fs-id", "fs-id.json: feature structure 1: no integer %ID"),
        ("no-sofa", "no-sofa.json: no sofa with the document's text"),
        ("not-cas", "not-cas.json: not a CAS"),
        ("junk", "junk.json: not UTF-8"),
    ],
)
def test_malformed_files_are_refused(empty: Path, tmp_path: Path, kind: str, said: str) -> None:
    path = _malformed(tmp_path, kind)
    before = _counts(empty)
    with Project.open(empty) as q, pytest.raises(InputError) as caught:
        import_paths(q, [path], "cas-json")
    assert said in str(caught.value)
    assert _counts(empty) == before


def test_a_member_larger_than_the_cap_is_refused_unread(
    empty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _zip(tmp_path / "bomb.zip", {"d/a.json": json.dumps(inception_cas()) + " " * 50_000})
    assert bomb.stat().st_size < 10_000  # compresses well
    monkeypatch.setattr(cas_json_read, "MAX_MEMBER_BYTES", 40_000)
    with Project.open(empty) as q, pytest.raises(InputError, match=r"bomb\.zip: d/a\.json: larger"):
        import_paths(q, [bomb], "cas-json")


def test_the_sniffer_never_raises(tmp_path: Path) -> None:
    assert cas_json_read.is_cas_json(FILES["cas-json"])
    for kind in ("truncated", "junk", "no-cas"):
        assert not cas_json_read.is_cas_json(_malformed(tmp_path, kind))
    assert not cas_json_read.is_cas_json(tmp_path / "missing.zip")
