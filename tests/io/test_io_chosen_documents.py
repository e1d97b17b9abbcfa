"""Exports of chosen documents: every writer reads only those documents, in the project's
order; the tables count only them; a native export of them imports into a new project."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from claims_data import EXPECTED_COUNTS, build
from export_validation import assert_valid_export
from interchange_checks import read_collections

from annotator import NotFoundError, Project
from annotator.io.exporting import export_project, layer_named
from annotator.io.formats import EXPORT_CHOICES
from annotator.io.graphml import second_path
from annotator.io.importing import import_paths

#: A word only the first document has, and one only the second has (claims_data.TEXT_1/2).
ONLY_IN = {"d1": "spokesman", "d2": "deal"}
DOCUMENT_FORMATS = [
    f for f in EXPORT_CHOICES if f not in ("quotes-csv", "demands-csv", "actors-csv")
]
DOCUMENT_FORMATS.remove("network-graphml")
OUT = {
    "native": "out.json",
    "jsonl": "out.jsonl",
    "doccano": "out.jsonl",
    "label-studio": "out.json",
    "web-annotation": "out.jsonld",
    "cas-json": "out.zip",
    "brat": "out.zip",
    "conll": "out.conll",
    "spacy": "out.spacy",
}
#: CoNLL holds one annotator's tags: it is exported for one layer.
ONE_LAYER = {"conll": "Ana"}


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def export(p: Project, fmt: str, folder: Path, documents: list[str] | None) -> Path:
    folder.mkdir()
    out = folder / OUT.get(fmt, "out.csv")
    export_project(p, fmt, out, layer_named(p, ONE_LAYER.get(fmt)), documents=documents)
    return out


def entries(fmt: str, out: Path) -> list[Any]:
    """What an export holds, one entry per document (and annotator, where the format writes
    one each), in the file's order; numbering that runs over the whole file is left out."""
    if fmt in ("native", "jsonl"):
        return assert_valid_export(out)[1]
    if fmt == "doccano":
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return [
            {
                **{k: v for k, v in line.items() if k not in ("id", "entities", "relations")},
                "spans": [
                    (e["label"], e["start_offset"], e["end_offset"]) for e in line["entities"]
                ],
                "relations": [r["type"] for r in line["relations"]],
            }
            for line in lines
        ]
    if fmt == "label-studio":
        tasks = json.loads(out.read_text(encoding="utf-8"))
        return [
            (t["data"], [[r.get("value") for r in a["result"]] for a in t["annotations"]])
            for t in tasks
        ]
    if fmt == "web-annotation":
        return read_collections(out)
    if fmt in ("cas-json", "brat"):
        with zipfile.ZipFile(out) as zf:
            names = [n for n in zf.namelist() if not n.endswith(".conf")]
            return [(n, zf.read(n).decode("utf-8")) for n in names]
    if fmt == "spacy":
        import spacy
        from spacy.tokens import DocBin

        docs = DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab)
        return [
            (d.text, repr(d.user_data), [(s.label_, s.text) for s in d.spans["annotator"]])
            for d in docs
        ]
    assert fmt == "conll"
    return out.read_text(encoding="utf-8").split("-DOCSTART-")[1:]


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_each_writer_writes_only_the_chosen_documents(small, tmp_path: Path, fmt: str) -> None:
    p, ids = small
    whole = entries(fmt, export(p, fmt, tmp_path / "whole", None))
    first = entries(fmt, export(p, fmt, tmp_path / "first", [ids["d1"]]))
    second = entries(fmt, export(p, fmt, tmp_path / "second", [ids["d2"]]))
    assert first and second
    assert ONLY_IN["d1"] in str(first) and ONLY_IN["d2"] not in str(first)
    assert ONLY_IN["d2"] in str(second) and ONLY_IN["d1"] not in str(second)
    # together they are the whole export; asked for in another order, still the project's
    assert first + second == whole
    both = entries(fmt, export(p, fmt, tmp_path / "both", [ids["d2"], ids["d1"]]))
    assert both == whole


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_the_count_is_of_the_chosen_documents(small, tmp_path: Path, fmt: str) -> None:
    p, ids = small
    out = tmp_path / OUT[fmt]
    layer = layer_named(p, ONE_LAYER.get(fmt))
    count = export_project(p, fmt, out, layer, documents=[ids["d2"], ids["d2"]])  # a repeat
    # cas-json and spacy: one CAS (Doc) per document and annotator (Ana, Ben)
    assert count == (2 if fmt in ("cas-json", "spacy") else 1)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("fmt", ["quotes-csv", "demands-csv"])
def test_span_tables_hold_the_rows_of_the_chosen_documents(small, tmp_path: Path, fmt: str) -> None:
    p, ids = small
    whole = read_csv(export(p, fmt, tmp_path / "whole", None))
    chosen_out = tmp_path / "chosen.csv"
    count = export_project(p, fmt, chosen_out, documents=[ids["d2"]])
    chosen = read_csv(chosen_out)
    expected = [row for row in whole if row["document_id"] == ids["d2"]]
    assert chosen == expected and count == len(expected)
    assert len(expected) == {"quotes-csv": 1, "demands-csv": 3}[fmt]  # counted by hand


def actor_counts(path: Path) -> dict[str, tuple[int, ...]]:
    fields = ("mentions", "quotes", "demands_made", "demands_received")
    return {row["name"]: tuple(int(row[f]) for f in fields) for row in read_csv(path)}


def test_actor_table_counts_the_chosen_documents_and_lists_the_whole_registry(
    small, tmp_path: Path
) -> None:
    p, ids = small
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert export_project(p, "actors-csv", first, documents=[ids["d1"]]) == 3
    assert export_project(p, "actors-csv", second, documents=[ids["d2"]]) == 3
    # by hand: the second document has Karamov three times, each the claimant of a demand
    # (two of Ana's, one of Ben's), and Velmar twice, the addressee of Ana's two demands
    assert actor_counts(second) == {
        "Sergei Karamov": (3, 0, 3, 0),
        "Government of Valdoria": (2, 0, 0, 2),
        "Concord of Nations": (0, 0, 0, 0),
    }
    one, two = actor_counts(first), actor_counts(second)
    summed = {name: tuple(a + b for a, b in zip(one[name], two[name], strict=True)) for name in one}
    assert summed == EXPECTED_COUNTS


def test_the_network_is_of_the_chosen_documents(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "net.graphml"
    assert export_project(p, "network-graphml", out, documents=[ids["d2"]]) == 3
    two_mode, one_mode = nx.read_graphml(out), nx.read_graphml(second_path(out))
    issues = {n for n, d in two_mode.nodes(data=True) if d.get("mode") == "issue"}
    assert {two_mode.nodes[n]["label"] for n in issues} == {"cease-fire"}
    (edge,) = two_mode.edges(data=True)
    assert edge[2]["weight"] == 3 and edge[2]["position"] == "mixed"
    assert [(a, b, d["weight"]) for a, b, d in one_mode.edges(data=True)] == [
        (ids["karamov"], ids["velmar"], 2)
    ]


def test_unknown_ids_are_named_and_nothing_is_written(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "out.jsonl"
    with pytest.raises(NotFoundError) as caught:
        export_project(p, "jsonl", out, documents=[ids["d1"], "nope", "zzz"])
    assert str(caught.value) == "no documents with id 'nope', 'zzz'"
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    many = [f"x{n}" for n in range(12)]
    with pytest.raises(NotFoundError, match=r"'x9' and 2 more$"):
        p.datasets(None, many)


def test_native_export_of_chosen_documents_imports_whole(small, tmp_path: Path) -> None:
    """The registry travels whole (decided: see docs/formats.md), so the export imports like
    any other; the copy holds the chosen document with its annotations, nothing else."""
    p, ids = small
    out = tmp_path / "chosen.jsonl"
    export_project(p, "jsonl", out, layer_named(p, "Ben"), documents=[ids["d2"]])
    header, documents = assert_valid_export(out)
    assert [e["id"] for e in header["entities"]] == [e.id for e in p.registry.all()]
    assert [d["id"] for d in documents] == [ids["d2"]]
    ben = {a.id for a in p.layer(ids["ben"]).annotations(ids["d2"])}
    assert {a["id"] for a in documents[0]["annotations"]} == ben

    copy = tmp_path / "copy.annotator"
    with Project.create(copy, annotator="Cem") as target:
        report = import_paths(target, [out])
    assert (report.added, report.annotations, report.entities) == (1, len(ben), 3)
    again = tmp_path / "again.jsonl"
    with Project.open(copy, readonly=True) as target:
        assert [d.id for d in target.documents.all()] == [ids["d2"]]
        export_project(target, "jsonl", again)
    assert assert_valid_export(again)[1] == documents
