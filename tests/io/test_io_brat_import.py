"""brat standoff import (annotator/io/brat_read.py): our export read back (layers, ids, names
brat cannot hold), brat's own files (comments, normalisations, events, CRLF counted as brat
counts it), checked against pybrat, and hostile folders and zips."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from foreign_roundtrip import FOLDERS, build_realistic, snapshot
from golden_interchange import build as build_golden
from hypothesis import HealthCheck, assume, given, settings
from pybrat.parser import BratParser
from roundtrip import Contents, Fragments, build, projects, round_trip

from annotator import Project
from annotator.core.errors import InputError
from annotator.io import brat_read
from annotator.io.brat import brat_fragments
from annotator.io.brat_read import is_brat
from annotator.io.exporting import export_project, layer_named
from annotator.io.formats import detect
from annotator.io.importing import import_paths
from annotator.store.annotators import GOLD_ID

GOLDEN_ZIP = Path(__file__).parent / "golden" / "cas-json" / "claims.zip"


def one_line(note: str | None) -> str | None:
    return None if note is None else re.sub(r" +", " ", re.sub(r"[\t\n]", " ", note)).strip()


def as_brat_carries(project: Project) -> dict[tuple[str, str], dict[str, Any]]:
    """``snapshot(project)`` changed exactly as brat changes it: layers named by their folder,
    fragments split at line breaks (and overlapping ones merged), notes on one line."""
    texts = {d.id: d.text for d in project.documents.all()}
    out = {}
    for (doc_id, layer), data in snapshot(project).items():
        text = texts[doc_id]

        def frags(fragments: tuple[tuple[int, int, str], ...], text: str = text) -> tuple:
            pieces, _changed = brat_fragments(
                text, [{"start": s, "end": e} for s, e, _ in fragments]
            )
            return tuple((s, e, text[s:e]) for s, e in pieces)

        out[(doc_id, FOLDERS.get(layer, layer))] = {
            "annotations": sorted(
                (label, frags(f), attrs, entity, one_line(note))
                for label, f, attrs, entity, note in data["annotations"]
            ),
            "relations": sorted(
                (kind, (sl, frags(sf)), (tl, frags(tf)))
                for kind, (sl, sf), (tl, tf) in data["relations"]
            ),
        }
    return out


def imported(path: Path, into: Path, **kw: Any) -> tuple[Project, Any]:
    p = Project.create(into, annotator="Zed")
    report = import_paths(p, [path], **kw)
    return p, report


def test_the_golden_document_comes_back(tmp_path: Path) -> None:
    build_golden(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "brat", tmp_path / "one.zip", layer=layer_named(a, "Ana"))
        expected = as_brat_carries(a)
    b, report = imported(tmp_path / "one.zip", tmp_path / "b.annotator")
    with b:
        assert report.warnings == [] and report.added == 1
        doc = b.documents.get("doc-golden")  # the id is the file's name
        assert doc.title == "doc-golden"
        # one layer's export has no folders: it goes to whoever imports it
        assert snapshot(b) == {("doc-golden", "Zed"): expected[("doc-golden", "Ana")]}
        quote = next(a for a in b.layer().annotations(doc.id) if a.label == "Quote")
        assert [f.text for f in quote.fragments] == ["We will not,", "leave the", "valley."]
        assert quote.note == "two fragments around the cue"
        demand = next(a for a in b.layer().annotations(doc.id) if a.label == "Demand")
        assert demand.attributes == {"issue": "humanitarian access", "position": "for"}
        ofori = b.registry.get("ent-ofori")
        assert (ofori.name, ofori.wikidata) == ("Ama Ofori", "Q999777")


def test_every_layer_comes_back_from_its_folder(tmp_path: Path) -> None:
    ids = build_realistic(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "brat", tmp_path / "all.zip")
        expected = as_brat_carries(a)
        texts = {d.id: d.text for d in a.documents.all()}
    b, report = imported(tmp_path / "all.zip", tmp_path / "b.annotator")
    with b:
        assert report.warnings == [] and report.added == 2
        assert {d.id: d.text for d in b.documents.all()} == texts
        assert snapshot(b) == expected
        assert b.layer(GOLD_ID).annotations(ids["d1"])  # the Gold folder is the gold layer
        assert b.annotators.named("Ben_Ode") is not None  # what brat did to the name stays
        # what brat changed, spelled out: Ben's quote across the line break is two fragments
        ben = b.layer(b.annotators.named("Ben_Ode").id)
        quote = next(a for a in ben.annotations(ids["d1"]) if a.label == "Quote")
        assert [f.text for f in quote.fragments] == ["said:", "“We will"]
        again = import_paths(b, [tmp_path / "all.zip"])
        assert again.added == 0 and again.annotations == 0 and again.relations == 0
        assert snapshot(b) == expected


def test_an_unzipped_export_is_a_folder_import(tmp_path: Path, cli) -> None:
    build_realistic(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "brat", tmp_path / "all.zip")
        expected = as_brat_carries(a)
    with zipfile.ZipFile(tmp_path / "all.zip") as zf:
        zf.extractall(tmp_path / "unzipped")
    assert is_brat(tmp_path / "unzipped") and detect(tmp_path / "unzipped") == "brat"
    assert cli("new", tmp_path / "b.annotator").returncode == 0
    done = cli("import", tmp_path / "b.annotator", tmp_path / "unzipped")
    assert done.returncode == 0, done.stderr
    assert "2 document(s) added" in done.stdout
    with Project.open(tmp_path / "b.annotator", readonly=True) as b:
        assert snapshot(b) == expected


def carried_by_brat(original: dict[str, Contents]) -> tuple[dict[str, Contents], bool]:
    """What brat keeps of ``contents(project)``: everything, but each annotation's fragments
    are brat's (split at line breaks, overlapping ones merged), one made only of line breaks
    is left out with its relations. Also whether two annotations of a layer became the same
    span with different attributes or links (which of the two the store keeps is not said)."""
    out: dict[str, Contents] = {}
    clash = False
    for text, held in original.items():

        def frags(fragments: Fragments, text: str = text) -> Fragments:
            pieces, _ = brat_fragments(text, [{"start": s, "end": e} for s, e, _t in fragments])
            return tuple((s, e, text[s:e]) for s, e in pieces)

        kept = Contents()
        seen: dict[tuple[str, str, Fragments], tuple] = {}
        for who, label, doc, fragments, attributes, actor in held.annotations:
            mine = frags(fragments)
            if not mine:
                continue
            clash |= seen.setdefault((who, label, mine), (attributes, actor)) != (attributes, actor)
            kept.annotations.add((who, label, doc, mine, attributes, actor))
        for who, kind, doc, (sl, sf), (tl, tf) in held.relations:
            if frags(sf) and frags(tf):
                kept.relations.add((who, kind, doc, (sl, frags(sf)), (tl, frags(tf))))
        out[text] = kept
    return out, clash


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_any_project_round_trips_through_brat(tmp_path_factory, docs) -> None:
    folder = tmp_path_factory.mktemp("rt")
    with build(folder / "a.annotator", docs) as original:
        before, after, warnings = round_trip(original, "brat", folder / "out.zip")
    expected, clash = carried_by_brat(before)
    assume(not clash)
    assert after == expected
    assert warnings == []


# -- brat's own files -----------------------------------------------------------------------

#: As brat writes them: offsets over the text read with universal newlines (CRLF counts one).
FOREIGN_TXT = (
    "Ana Lima said: \u201cWe stay.\u201d\r\nThe mayor, she said, \u201cwill not move.\u201d\r\n"
)
FOREIGN_ANN = """\
T1\tPerson 0 8\tAna Lima
T2\tQuotation 15 25;47 63\t\u201cWe stay.\u201d \u201cwill not move.\u201d
T3\tPerson 26 35\tThe mayor
T4\tSpeech 9 13\tsaid
R1\tsaid_by Arg1:T2 Arg2:T1
R2\tsaid_by Arg1:T2 Arg2:T3
A1\tform T2 direct
M1\tUncertain T4
N1\tReference T1 Wikidata:Q42\tAna Lima
N2\tReference T1 UMLS:C0001\tperson
#1\tAnnotatorNotes T2\ttwo parts
#2\tAnnotatorNotes T9\tof nothing
*\tEquiv T1 T3
E1\tSpeech:T4 Speaker:T1
"""
FOREIGN_MAP = ["Person=Actor", "Quotation=Quote", "Speech=Cue", "said_by=speaker"]


def foreign_folder(root: Path) -> Path:
    (root / "news" / "2024").mkdir(parents=True)
    (root / "news" / "2024" / "a1.txt").write_bytes(FOREIGN_TXT.encode())
    (root / "news" / "2024" / "a1.ann").write_text(FOREIGN_ANN, encoding="utf-8")
    (root / "news" / "plain.txt").write_text("Nothing annotated here.", encoding="utf-8")
    (root / "annotation.conf").write_text("[entities]\nPerson\n", encoding="utf-8")
    return root


def test_brats_own_files_pybrat_agrees(tmp_path: Path) -> None:
    root = foreign_folder(tmp_path / "corpus")
    example = next(e for e in BratParser().parse(root / "news" / "2024") if e.id == "a1")
    # pybrat, like brat, reads the text with universal newlines; its spans are ours
    for entity in example.entities:
        assert entity.mention == " ".join(example.text[s.start : s.end] for s in entity.spans)
    mapping = dict(m.split("=") for m in FOREIGN_MAP)
    p, report = imported(root, tmp_path / "p.annotator", label_map=mapping)
    with p:
        docs = {d.title: d for d in p.documents.all()}
        assert set(docs) == {"a1", "plain"}  # the .txt alone is a document too
        assert docs["a1"].metadata == {"file": "news/2024/a1.txt"}
        text = docs["a1"].text
        layer = p.layer()
        stored = {
            a.label + ":" + " ".join(f.text for f in a.fragments): a
            for a in layer.annotations(docs["a1"].id)
        }
        # what pybrat reads (T4 without its attribute, which the schema lacks)
        assert sorted(stored) == sorted(f"{mapping[e.type]}:{e.mention}" for e in example.entities)
        assert stored["Cue:said"].attributes == {}
        quote = stored["Quote:“We stay.” “will not move.”"]
        assert [(f.start, f.end) for f in quote.fragments] == [
            (s.start, s.end) for s in next(e for e in example.entities if e.id == "T2").spans
        ]
        assert text[quote.fragments[1].start :].startswith("“will")
        assert quote.attributes == {"form": "direct"} and quote.note == "two parts"
        ana = stored["Actor:Ana Lima"]
        assert p.registry.get(ana.entity).wikidata == "Q42" and ana.note == "UMLS:C0001 person"
        # one speaker per quote: the second relation is reported
        assert [r.type for r in layer.relations(docs["a1"].id)] == ["speaker"]
        joined = "\n".join(report.warnings)
        assert "1 not imported, a brat event (E line): events are not imported" in joined
        assert "1 not imported, a brat equivalence set (* line)" in joined
        assert "beyond its limit of 1" in joined
        assert "note of something that is not a text span: " in joined and "a1.ann:12" in joined
        # Uncertain is a binary attribute the schema lacks: the span comes without it
        assert (
            "1 span(s) imported without attribute 'Uncertain' of Cue, which the schema lacks: "
            f"{root / 'news' / '2024' / 'a1.ann'}:4" in joined
        ), joined


def test_a_tool_that_counted_cr_and_named_its_roles(tmp_path: Path) -> None:
    text = "One line.\r\nAna Lima spoke: no."
    (tmp_path / "d.txt").write_bytes(text.encode())
    start = text.index("Ana")  # counted on the file as it is: CR included
    no = text.index("no.")
    (tmp_path / "d.ann").write_text(
        f"T1\tActor {start} {start + 8}\tAna Lima\nT2\tQuote {no} {no + 2}\tno\n"
        "R1\tspeaker Utterance:T2 Speaker:T1\t\n",  # brat lets annotation.conf name the roles
        encoding="utf-8",
    )
    p, report = imported(tmp_path, tmp_path / "p.annotator")
    with p:
        assert report.warnings == []
        doc = next(iter(p.documents.all()))
        assert sorted(a.text for a in p.layer().annotations(doc.id)) == ["Ana Lima", "no"]
        (rel,) = p.layer().relations(doc.id)
        assert p.layer().annotation(rel.target).text == "Ana Lima"


def test_into_an_existing_document_with_map_wrong_text_and_again(tmp_path: Path, cli) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "x.txt").write_text("Ana said no.\n", encoding="utf-8")
    (root / "x.ann").write_text(
        "T1\tPER 0 3\tAna\nT2\tPER 4 8\tsaib\nT3\tQuote 9 11\tno\n", encoding="utf-8"
    )
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as zf:
        zf.write(root / "x.txt", "x.txt")
        zf.write(root / "x.ann", "x.ann")
    proj = tmp_path / "p.annotator"
    with Project.create(proj, annotator="Tester") as p:
        import_paths(p, [root / "x.txt"])  # the text alone, first
    done = cli("import", proj, tmp_path / "x.zip", "--map", "PER=Actor")
    assert done.returncode == 0, done.stderr
    assert "0 document(s) added" in done.stdout
    assert (
        "a span whose text does not match the document" in done.stderr and "x.ann:2" in done.stderr
    )
    with Project.open(proj, readonly=True) as p:
        (doc,) = p.documents.all()
        (layer,) = [x for x in p.layers() if x.annotations(doc.id)]
        assert layer.name == "Tester"  # whoever imports
        assert sorted((a.label, a.text) for a in layer.annotations(doc.id)) == [
            ("Actor", "Ana"),
            ("Quote", "no"),
        ]
    again = cli("import", proj, tmp_path / "x.zip", "--format", "brat", "--map", "PER=Actor")
    assert again.returncode == 0 and "0 annotation(s)" in again.stdout


# -- what is refused -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tActor 0 x\tAna", r"x.ann:1: 'Actor 0 x' is not a text span"),
        ("T1 Actor 0 3 Ana", r"x.ann:1: not a brat line"),
        (
            "T1\tActor 0 3\tAna\nR1\tspeaker Arg1:T1",
            r"x.ann:2: 'speaker Arg1:T1' is not a relation",
        ),
        ("X1\tActor 0 3", r"x.ann:1: unknown annotation id 'X1'"),
        ("T1\tActor 0 3\tAna\nA1\tform", r"x.ann:2: 'form' names no annotation"),
        ("T1\tActor 0 3\tAna\nN1\tReference T1 Q42\tAna", r"x.ann:2: a normalisation is"),
        (f"T1\tActor 0 {'9' * 19}\tAna", r"is not a text span"),
    ],
)
def test_malformed_lines_name_the_file_and_line(tmp_path: Path, ann: str, message: str) -> None:
    (tmp_path / "x.txt").write_text("Ana said no.", encoding="utf-8")
    (tmp_path / "x.ann").write_text(ann + "\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p, pytest.raises(InputError, match=message):
        import_paths(p, [tmp_path], fmt="brat")
    with Project.open(tmp_path / "p.annotator", readonly=True) as p:
        assert list(p.documents.all()) == []  # nothing half-stored


def test_huge_offsets_are_reported_not_stored(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Ana said no.", encoding="utf-8")
    (tmp_path / "x.ann").write_text(f"T1\tActor 0 {'9' * 18}\tAna\n", encoding="utf-8")
    p, report = imported(tmp_path, tmp_path / "p.annotator", fmt="brat")
    with p:
        assert report.spans_skipped == 1 and "outside its text" in report.warnings[0]


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"d/a.ann": b"T1\tActor 0 3\tAna\n"}, r"d/a.ann: an .ann file without its .txt"),
        ({"a.txt": b"Ana \xff", "a.ann": b""}, r"a.txt: not UTF-8 at byte 4"),
        ({"a.txt": b"Ana\x00\x01", "a.ann": b""}, r"a.txt: binary data"),
        ({"a.txt": b"Ana", "a.ann": b"\xfe\xfeT1"}, r"a.ann: not UTF-8 at byte 0"),
    ],
)
def test_bad_files_in_a_zip_are_refused(tmp_path: Path, members, message: str) -> None:
    path = zipped(tmp_path / "bad.zip", members)
    with Project.create(tmp_path / "p.annotator") as p, pytest.raises(InputError, match=message):
        import_paths(p, [path], fmt="brat")


def test_truncated_zips_bombs_and_traversal(tmp_path: Path, monkeypatch) -> None:
    good = zipped(tmp_path / "good.zip", {"a.txt": b"Ana said no." * 50, "a.ann": b""})
    (tmp_path / "cut.zip").write_bytes(good.read_bytes()[:-30])
    with Project.create(tmp_path / "p.annotator") as p:
        with pytest.raises(InputError, match=r"cut.zip: not a readable zip file"):
            import_paths(p, [tmp_path / "cut.zip"], fmt="brat")
        monkeypatch.setattr(brat_read, "MAX_TXT_BYTES", 100)
        with pytest.raises(InputError, match=r"a.txt: larger than a brat file may be \(100 bytes"):
            import_paths(p, [good], fmt="brat")
        monkeypatch.undo()
        # names that climb out of the zip are never followed, nor written anywhere
        evil = zipped(
            tmp_path / "evil.zip",
            {
                "../../evil.txt": b"Ana said no.",
                "../../evil.ann": b"T1\tActor 0 3\tAna\n",
                "/abs/a.txt": b"Ana said yes.",
                "/abs/a.ann": b"T1\tActor 0 3\tAna\n",
            },
        )
        before = sorted(tmp_path.parent.rglob("*"))
        report = import_paths(p, [evil], fmt="brat")
        assert report.added == 1 and report.annotations == 1
        assert [d.text for d in p.documents.all()] == ["Ana said yes."]
        assert sorted(tmp_path.parent.rglob("*")) == before
        empty = zipped(tmp_path / "empty.zip", {"readme.md": b"nothing"})
        with pytest.raises(InputError, match=r"empty.zip: no brat files in it"):
            import_paths(p, [empty], fmt="brat")


def test_the_sniffer_tells_brat_from_cas_and_junk(tmp_path: Path) -> None:
    brat_zip = zipped(tmp_path / "b.zip", {"x/a.txt": b"A", "x/a.ann": b""})
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert is_brat(brat_zip) and detect(brat_zip) == "brat"
    assert not is_brat(GOLDEN_ZIP) and not is_brat(junk) and not is_brat(tmp_path / "none.zip")
    (tmp_path / "folder" / ".hidden").mkdir(parents=True)
    (tmp_path / "folder" / ".hidden" / "a.ann").write_text("")
    assert not is_brat(tmp_path / "folder")
