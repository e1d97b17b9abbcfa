"""``annotator distribute`` and ``annotator merge`` as a team lead runs them from a shell."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(str(path))) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def lead(cli, tmp_path: Path) -> Path:
    path = tmp_path / "lead.annotator"
    result = cli("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def test_distribute_writes_one_file_per_annotator_and_says_how(cli, lead, tmp_path) -> None:
    team = tmp_path / "team"
    result = cli("distribute", lead, "--annotators", "ana,ben,cem", "--overlap", "20", "-o", team)
    assert result.returncode == 0, result.stderr
    # 20% of the demo's 12 documents is 2.4: rounded to 2, said, with the seed
    assert "overlap 20% = 2 document(s) for everyone (rounded)" in result.stdout
    assert "seed 20261202" in result.stdout
    for name in ("ana", "ben", "cem"):
        path = team / f"{name}.annotator"
        assert query(path, "SELECT count(*) FROM documents") == [(2 + 10 // 3 + (name == "ana"),)]
        assert query(path, "SELECT count(*) FROM annotations") == [(0,)]  # lead's not copied
        assert f"{name}: " in result.stdout
    info = cli("info", lead)
    assert "Assigned: (overlap 20%, seed 20261202)" in info.stdout
    assert "ben                 5 document(s), 2 in the overlap sample" in info.stdout
    mine = cli("info", "--json", team / "ben.annotator")
    facts = json.loads(mine.stdout)
    assert facts["owner"] == "ben" and facts["blind"] is False
    assert facts["assignments"] == [{"name": "ben", "documents": 5, "overlap": 2}]


def test_same_seed_same_files_and_existing_files_refused(cli, lead, tmp_path) -> None:
    args = ["distribute", lead, "--annotators", "ana,ben", "--seed", "5", "--json"]
    first = cli(*args, "-o", tmp_path / "a")
    second = cli(*args, "-o", tmp_path / "b")
    assert first.returncode == second.returncode == 0
    ids = "SELECT id FROM documents ORDER BY id"
    assert query(tmp_path / "a" / "ana.annotator", ids) == query(
        tmp_path / "b" / "ana.annotator", ids
    )
    again = cli(*args, "-o", tmp_path / "a")
    assert again.returncode != 0
    assert "already exist" in again.stderr and "ana.annotator" in again.stderr
    assert "Traceback" not in again.stderr
    forced = cli(*args, "--blind", "--force", "-o", tmp_path / "a")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["blind"] is True


def test_bad_names_are_refused(cli, lead, tmp_path) -> None:
    for names, message in (("ana,gold", "reserved"), ("ana,ana", "twice")):
        result = cli("distribute", lead, "--annotators", names, "-o", tmp_path / "t")
        assert result.returncode != 0 and message in result.stderr
        assert not list((tmp_path / "t").glob("*.annotator"))


def test_a_distributed_file_writes_under_its_owner(cli, lead, tmp_path) -> None:
    team = tmp_path / "team"
    cli("distribute", lead, "--annotators", "ana,ben", "-o", team)
    # an export whose annotation names no annotator: imported, it goes to the owner's layer
    exported = tmp_path / "lead.json"
    assert cli("export", lead, "-o", exported).returncode == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    own = {d for (d,) in query(team / "ana.annotator", "SELECT sha256 FROM documents")}
    doc = next(d for d in data["documents"] if d["sha256"] in own and d["annotations"])
    annotation = dict(doc["annotations"][0], annotator=None, entity=None)
    doc.update(annotations=[annotation], relations=[], status={})
    data.update(documents=[doc], annotators=[])
    exported.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", team / "ana.annotator", exported)
    assert result.returncode == 0, result.stderr
    who = "SELECT an.name FROM annotations a JOIN annotators an ON an.id = a.annotator"
    assert query(team / "ana.annotator", who) == [("ana",)]


def test_merge_prints_a_summary_and_merging_again_changes_nothing(cli, lead, tmp_path) -> None:
    team = tmp_path / "team"
    cli("distribute", lead, "--annotators", "ana,ben", "--overlap", "50", "-o", team)
    review = tmp_path / "review.annotator"
    ben_json = tmp_path / "ben.json"
    assert cli("export", team / "ben.annotator", "-o", ben_json).returncode == 0
    result = cli("merge", review, team / "ana.annotator", ben_json)
    assert result.returncode == 0, result.stderr
    assert "2 input(s) created" in result.stdout
    assert "Documents: 12 new, 6 matched (same text)" in result.stdout
    again = cli("merge", review, team / "ana.annotator", team / "ben.annotator", "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    # only ben's assignments are new: a native export does not carry them, his file does
    assert report["assignments"] == 9 and report["documents_matched"] == 18
    assert sum(report["annotations"].values()) == 0 and report["created"] is False
    third = cli("merge", review, team / "ana.annotator", team / "ben.annotator", "--json")
    assert json.loads(third.stdout)["changed"] is False
    assert "Nothing new" in cli("merge", review, ben_json).stdout


def test_merge_refuses_what_it_cannot_read(cli, lead, tmp_path) -> None:
    team = tmp_path / "team"
    cli("distribute", lead, "--annotators", "ana", "-o", team)
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    review = tmp_path / "review.annotator"
    result = cli("merge", review, team / "ana.annotator", notes)
    assert result.returncode != 0
    assert "notes.csv" in result.stderr and "neither an Annotator project" in result.stderr
    assert "Traceback" not in result.stderr and not review.exists()


def test_merge_lists_schema_differences_and_writes_nothing(cli, lead, tmp_path) -> None:
    team = tmp_path / "team"
    cli("distribute", lead, "--annotators", "ana,ben", "-o", team)
    ben = team / "ben.annotator"
    with closing(sqlite3.connect(str(ben))) as conn:
        raw = json.loads(conn.execute("SELECT schema FROM project").fetchone()[0])
        raw["labels"] = [x for x in raw["labels"] if x["name"] != "Cue"]
        raw["relations"] = [r for r in raw["relations"] if r["name"] != "cue"]
        conn.execute("UPDATE project SET schema = ?", [json.dumps(raw)])
        conn.commit()
    review = tmp_path / "review.annotator"
    result = cli("merge", review, team / "ana.annotator", ben)
    assert result.returncode != 0
    assert "ben.annotator: label Cue: only in the first schema" in result.stderr
    assert "relation cue" in result.stderr and not review.exists()
