"""Sharing the actor registry: export as CSV or JSON, import merging by id, then by name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator import InputError, Project
from annotator.io.registry import FORMAT, export_registry, import_registry


def fields(project: Project) -> list[tuple]:
    return sorted(
        (e.id, e.name, e.type, e.aliases, e.wikidata, e.note) for e in project.registry.all()
    )


@pytest.fixture
def filled(project: Project) -> Project:
    project.registry.add(
        "Ondřej Hálek",
        type="person",
        aliases=["Hálek", "the minister"],
        wikidata="Q42",
        note='said "no", twice; then yes',
        id="halek",
    )
    project.registry.add("Ministry of Foreign Affairs", type="government", id="mfa")
    project.registry.add("Łukasz Nowak", id="nowak")
    return project


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_into_an_empty_project(filled: Project, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"registry.{fmt}"
    assert export_registry(filled, out, fmt) == 3
    with Project.create(tmp_path / "other.annotator") as other:
        report = import_registry(other, out)
        assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
        assert report.warnings == []
        assert fields(other) == fields(filled)
        again = import_registry(other, out)  # importing twice changes nothing
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        assert fields(other) == fields(filled)


def test_export_shapes(filled: Project, tmp_path: Path) -> None:
    export_registry(filled, tmp_path / "r.json", "json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    halek = next(e for e in data["entities"] if e["id"] == "halek")
    assert halek["aliases"] == ["Hálek", "the minister"]
    export_registry(filled, tmp_path / "r.csv", "csv")
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["id", "name", "type", "aliases", "wikidata", "note"]
    assert rows[2][:5] == ["halek", "Ondřej Hálek", "person", "Hálek; the minister", "Q42"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_merge_by_id_then_by_name(filled: Project, tmp_path: Path) -> None:
    file = write(
        tmp_path / "team.json",
        json.dumps(
            {
                "format": FORMAT,
                "entities": [
                    # by id: a new alias, a Wikidata id the project lacks
                    {
                        "id": "mfa",
                        "name": "Ministry of Foreign Affairs",
                        "aliases": ["MFA"],
                        "wikidata": "Q7",
                    },
                    # by name, other case and no diacritics; another id in the file
                    {"id": "x1", "name": "ONDREJ HALEK", "aliases": ["Halek", "O. Hálek"]},
                    # by name: the type is taken because the project has none
                    {"name": "ŁUKASZ  nowak", "type": "person"},
                    # new, with and without an id
                    {"id": "belotsky", "name": "Belotsky", "type": "person"},
                    {"name": "Illešová", "aliases": "Illesova; Mrs Illešová"},
                ],
            }
        ),
    )
    report = import_registry(filled, file)
    assert (report.added, report.updated, report.unchanged) == (2, 3, 0)
    get = filled.registry.get
    assert get("mfa").aliases == ["MFA"]
    assert get("mfa").wikidata == "Q7"
    # "ONDREJ HALEK" and "Halek" have keys the entity already has; "O. Hálek" is new
    assert get("halek").aliases == ["Hálek", "the minister", "O. Hálek"]
    assert get("nowak").type == "person"
    assert get("belotsky").name == "Belotsky"
    (illesova,) = [e for e in filled.registry.all() if e.name == "Illešová"]
    assert illesova.aliases == ["Illesova", "Mrs Illešová"]
    assert filled.registry.count() == 5
    assert report.warnings == []


def test_conflicts_are_reported_not_overwritten(filled: Project, tmp_path: Path) -> None:
    file = write(
        tmp_path / "team.csv",
        "id,name,type,aliases,wikidata,note\n"
        "halek,Ondrej Halek,government,,Q5,another note\n"
        "mfa,Foreign Ministry,government,,,\n",
    )
    before = filled.registry.get("halek")
    report = import_registry(filled, file)
    after = filled.registry.get("halek")
    assert (after.type, after.wikidata, after.note) == (before.type, before.wikidata, before.note)
    text = "\n".join(report.warnings)
    assert "keeps its type 'person'" in text
    assert "keeps its wikidata 'Q42'" in text
    assert "keeps its note" in text
    assert "line 2" in text
    # matched by id under another name: the name stays, the file's becomes an alias
    assert filled.registry.get("mfa").name == "Ministry of Foreign Affairs"
    assert filled.registry.get("mfa").aliases == ["Foreign Ministry"]
    assert "'Foreign Ministry' was added as an alias" in text
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)


def test_actors_csv_export_can_be_imported(filled: Project, tmp_path: Path) -> None:
    from annotator.io.tables import write_actors_csv

    write_actors_csv(filled.datasets(), tmp_path / "actors.csv")
    with Project.create(tmp_path / "other.annotator") as other:
        assert import_registry(other, tmp_path / "actors.csv").added == 3
        assert fields(other) == fields(filled)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad.json",
            '{"format": "annotator-registry/1",\n "entities": [\n  {"name": "A"},\n]}',
            "not valid JSON (line 4",
        ),
        (
            "other.json",
            '{"format": "annotator/1", "entities": []}',
            "is not 'annotator-registry/1'",
        ),
        ("noname.csv", "id,label\n1,Someone\n", "no 'name' column (columns found: id, label)"),
        ("type.csv", "name,type\nNew One,person\nBad One,alien\n", "line 3: unknown actor type"),
        (
            "type.json",
            json.dumps({"entities": [{"name": "A", "type": "alien"}]}),
            "entity 1: unknown actor type 'alien'",
        ),
        ("wikidata.csv", "name,wikidata\nA,42\n", "'42' is not a Wikidata id"),
        ("empty-name.csv", "name,type\nA,person\n ,person\n", "line 3: an actor needs a name"),
        ("aliases.json", json.dumps({"entities": [{"name": "A", "aliases": 3}]}), "aliases"),
        ("empty.csv", "", "empty"),
    ],
)
def test_bad_input_writes_nothing(
    filled: Project, tmp_path: Path, name: str, content: str, message: str
) -> None:
    before = fields(filled)
    with pytest.raises(InputError) as caught:
        import_registry(filled, write(tmp_path / name, content))
    assert message in str(caught.value)
    assert str(tmp_path / name) in str(caught.value)
    assert fields(filled) == before


def test_cli_export_and_import(cli, demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "registry.json"
    result = cli("actors", "export", demo_path, "-o", out, "--format", "json")
    assert result.returncode == 0, result.stderr
    with Project.open(demo_path, readonly=True) as demo:
        count = len(demo.registry.all())
        expected = fields(demo)
    assert f"Exported {count} actors to " in result.stdout
    assert len(json.loads(out.read_text(encoding="utf-8"))["entities"]) == count

    target = tmp_path / "team.annotator"
    assert cli("new", target).returncode == 0
    result = cli("actors", "import", target, out)
    assert result.returncode == 0, result.stderr
    assert f"Actors: {count} added, 0 updated, 0 unchanged." in result.stdout
    with Project.open(target, readonly=True) as p:
        assert fields(p) == expected

    csv_out = tmp_path / "registry.csv"
    assert cli("actors", "export", demo_path, "-o", csv_out).returncode == 0
    result = cli("actors", "import", target, csv_out)
    assert result.returncode == 0, result.stderr
    assert f"0 added, 0 updated, {count} unchanged" in result.stdout

    bad = write(tmp_path / "bad.csv", "who,type\nX,person\n")
    result = cli("actors", "import", target, bad)
    assert result.returncode == 3
    assert "no 'name' column" in result.stderr
    for args in (
        ["actors", "--help"],
        ["actors", "export", "--help"],
        ["actors", "import", "--help"],
    ):
        assert cli(*args).returncode == 0
