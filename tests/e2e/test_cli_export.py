"""`annotator export` from the command line, checked against the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import Project


@pytest.fixture
def demo(cli, tmp_path: Path) -> Path:
    """The demo written by `annotator demo`: in the layer of its user, Tester (conftest.py)."""
    path = tmp_path / "demo.annotator"
    result = cli("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def test_export_native_and_jsonl(cli, demo: Path, tmp_path: Path, assert_valid_export) -> None:
    out_json = tmp_path / "out.json"
    result = cli("export", demo, "--format", "native", "-o", out_json)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported 12 documents to {out_json}.\n"
    header_1, docs_1 = assert_valid_export(out_json)

    out_jsonl = tmp_path / "out.jsonl"
    result = cli("export", demo, "--format", "jsonl", "--output", out_jsonl)
    assert result.returncode == 0, result.stderr
    header_2, docs_2 = assert_valid_export(out_jsonl)
    assert len(out_jsonl.read_text(encoding="utf-8").splitlines()) == 13

    with Project.open(demo, readonly=True) as p:
        info = p.info()
        texts = [d.text for d in p.documents.all()]
    for header, docs in ((header_1, docs_1), (header_2, docs_2)):
        assert [d["text"] for d in docs] == texts
        assert sum(len(d["annotations"]) for d in docs) == info["annotations"]
        assert sum(len(d["relations"]) for d in docs) == info["relations"]
        assert len(header["entities"]) == info["actors"]
    assert docs_1 == docs_2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_export_default_format_is_native_json(cli, demo, tmp_path, assert_valid_export):
    out = tmp_path / "default.json"
    assert cli("export", demo, "-o", out).returncode == 0
    raw = out.read_text(encoding="utf-8")
    assert json.loads(raw)["format"] == "annotator/1"  # one JSON object
    assert_valid_export(out)


def test_export_replaces_an_existing_file(cli, demo, tmp_path, assert_valid_export) -> None:
    out = tmp_path / "out.json"
    out.write_text("old content", encoding="utf-8")
    assert cli("export", demo, "-o", out).returncode == 0
    _, documents = assert_valid_export(out)
    assert len(documents) == 12


def test_export_for_one_annotator(cli, demo, tmp_path, assert_valid_export) -> None:
    out = tmp_path / "demo-annotator.jsonl"
    result = cli("export", demo, "--format", "jsonl", "-o", out, "--annotator", "Tester")
    assert result.returncode == 0, result.stderr
    header, documents = assert_valid_export(out)
    assert [a["name"] for a in header["annotators"]] == ["Tester"]
    assert sum(len(d["annotations"]) for d in documents) == 111
    # the gold layer can be asked for by name; nobody adjudicated yet, so it holds nothing
    gold = tmp_path / "gold.jsonl"
    result = cli("export", demo, "--format", "jsonl", "-o", gold, "--annotator", "Gold")
    assert result.returncode == 0, result.stderr
    header, documents = assert_valid_export(gold)
    assert header["annotators"] == []
    assert len(documents) == 12
    assert sum(len(d["annotations"]) + len(d["relations"]) for d in documents) == 0


def test_unknown_annotator_lists_the_annotators(cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    result = cli("export", demo, "-o", out, "--annotator", "Nobody")
    assert result.returncode == 2
    assert result.stderr == ("Error: no annotator named 'Nobody' (annotators: Tester)\n")
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == ["out.json"]


def test_unknown_annotator_in_a_project_without_any(cli, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    cli("new", project)
    result = cli("export", project, "-o", tmp_path / "out.json", "--annotator", "Ana")
    assert result.returncode == 2
    assert "(annotators: none yet)" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_export_into_a_missing_folder(cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "folder" / "out.json"
    result = cli("export", demo, "-o", out)
    assert result.returncode == 7
    assert f"Error: {out.parent}: no such folder" in result.stderr
    assert not (tmp_path / "no").exists()


def test_export_requires_an_output(cli, demo: Path) -> None:
    result = cli("export", demo)
    assert result.returncode == 2
    assert "Missing option '-o' / '--output'" in result.stderr


def test_export_does_not_change_the_project(cli, demo, tmp_path, assert_valid_export) -> None:
    before = demo.read_bytes()
    assert cli("export", demo, "-o", tmp_path / "a.json").returncode == 0
    assert demo.read_bytes() == before
    assert_valid_export(tmp_path / "a.json")


def test_export_import_export_round_trip(cli, demo: Path, tmp_path: Path, assert_valid_export):
    first = tmp_path / "first.jsonl"
    assert cli("export", demo, "--format", "jsonl", "-o", first).returncode == 0
    copy = tmp_path / "copy.annotator"
    assert cli("new", copy).returncode == 0
    result = cli("import", copy, first)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported: 12 document(s) added; 111 annotation(s); ")
    again = cli("import", copy, first)
    assert again.returncode == 0, again.stderr
    assert "0 document(s) added" in again.stdout
    assert "111 annotation(s) already present, skipped" in again.stdout
    second = tmp_path / "second.jsonl"
    assert cli("export", copy, "--format", "jsonl", "-o", second).returncode == 0
    (h1, d1), (h2, d2) = assert_valid_export(first), assert_valid_export(second)
    for header in (h1, h2):
        del header["exported"], header["project"]["name"], header["project"]["created"]
    assert (h1, d1) == (h2, d2)


def test_native_import_stamps_unattributed_annotations(cli, demo, tmp_path, assert_valid_export):
    export = tmp_path / "demo.json"
    assert cli("export", demo, "-o", export).returncode == 0
    assert_valid_export(export)
    data = json.loads(export.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        for ann in doc["annotations"]:
            ann["annotator"] = None
    export.write_text(json.dumps(data), encoding="utf-8")
    copy = tmp_path / "copy.annotator"
    cli("new", copy)
    result = cli("import", copy, export, "--annotator", "Ana Lyst")
    assert result.returncode == 0, result.stderr
    facts = json.loads(cli("info", "--json", copy).stdout)
    by_name = {a["name"]: a["annotations"] for a in facts["annotators"]}
    assert by_name == {"Ana Lyst": 111, "Tester": 0}


#: What each export's count is of on the demo project, spelled out here (not read from the
#: formats table): (label or key of `info --json`, plural noun).
DEMO_COUNTS = {
    "native": ("documents", "documents"),
    "jsonl": ("documents", "documents"),
    "quotes-csv": ("Quote", "quotes"),
    "demands-csv": ("Demand", "demands"),
    "actors-csv": ("actors", "actors"),
    "network-graphml": ("Demand", "demands"),
    "doccano": ("documents", "documents"),
    "label-studio": ("documents", "documents"),
    "web-annotation": ("documents", "documents"),
    "cas-json": ("documents", "CASes"),  # one annotator: one CAS per document
    "brat": ("documents", "documents"),
    "conll": ("documents", "documents"),
    "spacy": ("documents", "spaCy Docs"),  # one annotator: one Doc per document
}


def test_every_export_format_has_a_known_count() -> None:
    from annotator.io.formats import EXPORT_CHOICES

    assert sorted(DEMO_COUNTS) == sorted(EXPORT_CHOICES)


@pytest.mark.parametrize("fmt", sorted(DEMO_COUNTS))
def test_export_message_says_what_was_counted_and_every_file(cli, demo, tmp_path, fmt) -> None:
    from annotator.io.formats import FORMATS

    facts = json.loads(cli("info", "--json", demo).stdout)
    key, noun = DEMO_COUNTS[fmt]
    count = facts["annotations_per_label"].get(key, facts.get(key))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"export{FORMATS[fmt].extensions[0]}"
    result = cli("export", demo, "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    written = sorted(folder.iterdir())
    assert written == sorted(FORMATS[fmt].files(out)), "the table does not name every file"
    where = " and ".join(str(p) for p in [out, *sorted(set(written) - {out})])
    assert result.stdout == f"Exported {count} {noun} to {where}.\n"


def test_one_quote_is_one_quote(cli, tmp_path: Path) -> None:
    path = tmp_path / "one.annotator"
    text = 'Karamov said: "We will not give up."'
    with Project.create(path, annotator="Tester") as p:
        doc = p.documents.add(text, title="One").value
        start = text.index('"')
        p.layer().add_annotation(doc.id, "Quote", [(start, len(text))])
    out = tmp_path / "quotes.csv"
    result = cli("export", path, "--format", "quotes-csv", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported 1 quote to {out}.\n"
    result = cli("export", path, "-o", tmp_path / "one.json")
    assert result.stdout == f"Exported 1 document to {tmp_path / 'one.json'}.\n"


def _document_ids(project: Path) -> list[str]:
    with Project.open(project, readonly=True) as p:
        return [d.id for d in p.documents.all()]


def test_export_of_chosen_documents(cli, demo, tmp_path, assert_valid_export) -> None:
    ids = _document_ids(demo)
    whole = tmp_path / "whole.jsonl"
    assert cli("export", demo, "--format", "jsonl", "-o", whole).returncode == 0
    _, all_docs = assert_valid_export(whole)

    out = tmp_path / "chosen.jsonl"
    chosen = f" {ids[5]}, {ids[1]} ,,"  # spaces and empty items as `annotator gold` takes them
    result = cli("export", demo, "--format", "jsonl", "-o", out, "--documents", chosen)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported 2 documents to {out}.\n"
    header, docs = assert_valid_export(out)
    assert docs == [all_docs[1], all_docs[5]]  # the project's order
    assert len(header["entities"]) == len(assert_valid_export(whole)[0]["entities"])

    listed = tmp_path / "ids.txt"
    listed.write_bytes(f"{ids[7]}\r\n\n  {ids[0]}  \n".encode())
    from_file = tmp_path / "from-file.jsonl"
    result = cli(
        "export", demo, "--format", "jsonl", "-o", from_file, "--documents-file", listed,
        "--documents", ids[3],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert assert_valid_export(from_file)[1] == [all_docs[0], all_docs[3], all_docs[7]]

    quotes = tmp_path / "quotes.csv"
    result = cli("export", demo, "--format", "quotes-csv", "-o", quotes, "--documents", ids[1])
    assert result.returncode == 0, result.stderr
    expected = sum(1 for a in all_docs[1]["annotations"] if a["label"] == "Quote")
    assert result.stdout == f"Exported {expected} quotes to {quotes}.\n"


def test_export_of_unknown_or_no_documents_is_refused(cli, demo, tmp_path) -> None:
    ids = _document_ids(demo)
    out = tmp_path / "out.json"
    result = cli("export", demo, "-o", out, "--documents", f"{ids[0]},no-such-doc")
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: no document with id 'no-such-doc'"
    assert not out.exists()

    result = cli("export", demo, "-o", out, "--documents", " , ")
    assert result.returncode == 2 and "no document ids given" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    result = cli("export", demo, "-o", out, "--documents-file", empty)
    assert result.returncode != 0
    assert result.stderr.startswith(f"Error: {empty}: ")  # "the file is empty"
    result = cli("export", demo, "-o", out, "--documents-file", tmp_path / "missing.txt")
    assert result.returncode != 0 and "missing.txt: no such file" in result.stderr
    assert not out.exists()


def test_a_jsonl_output_gets_json_lines_and_imports_back(cli, demo, tmp_path) -> None:
    """`-o x.jsonl` without --format writes JSON Lines, which a .jsonl import reads; a JSON
    export someone named .jsonl gets a message saying what it is."""
    out = tmp_path / "study.jsonl"
    assert cli("export", demo, "-o", out).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 13 and all(json.loads(line) for line in lines)  # header + 12
    fresh = tmp_path / "fresh.annotator"
    assert cli("new", fresh).returncode == 0
    result = cli("import", fresh, out)
    assert result.returncode == 0 and "12 document(s) added" in result.stdout, result.stderr

    misnamed = tmp_path / "misnamed.jsonl"
    assert cli("export", demo, "--format", "native", "-o", misnamed).returncode == 0
    refused = cli("import", fresh, misnamed)
    assert refused.returncode == 3
    assert "this looks like an Annotator JSON export" in refused.stderr
    assert "rename it to .json" in refused.stderr
