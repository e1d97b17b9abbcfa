"""Distributing a lead's documents: split sizes, the overlap sample in every file,
determinism, owner and blind, refusals (docs/team.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project
from annotator.core.distribution import overlap_count, plan
from annotator.core.errors import ProjectFileError, ValidationError
from annotator.store.distribute import distribute

NAMES = ["ana", "ben", "cem"]


def lead_project(path: Path, n: int) -> Path:
    with Project.create(path, annotator="Lead") as p, p.transaction():
        for i in range(n):
            p.documents.add(f"Article {i}: Karamov said talks would resume.", title=f"A{i}")
        p.registry.add("Sergei Karamov", type="person", aliases=["Karamov"])
        p.set_guidelines("Tag every quote.")
    return path


def doc_ids(rows, path: Path) -> list[str]:
    return [r[0] for r in rows(path, "SELECT id FROM documents ORDER BY seq")]


@pytest.fixture
def lead(tmp_path: Path) -> Path:
    return lead_project(tmp_path / "lead.annotator", 23)


def run(lead: Path, folder: Path, **options) -> object:
    folder.mkdir(exist_ok=True)
    with Project.open(lead, annotator="Lead") as p:
        return distribute(p, NAMES, folder, **options)


def test_every_file_has_the_overlap_and_shares_differ_by_one(lead, tmp_path, rows) -> None:
    report = run(lead, tmp_path / "team", overlap=20)
    all_ids = doc_ids(rows, lead)
    shared = overlap_count(23, 20)  # 4.6 → 5
    assert shared == 5
    files = {n: tmp_path / "team" / f"{n}.annotator" for n in NAMES}
    got = {n: set(doc_ids(rows, f)) for n, f in files.items()}
    common = set.intersection(*got.values())
    assert len(common) == 5
    own = {n: got[n] - common for n in NAMES}
    assert sorted(len(s) for s in own.values()) == [6, 6, 6]  # 18 split three ways
    assert set.union(*got.values()) == set(all_ids)  # every document handed out
    assert not (own["ana"] & own["ben"]) and not (own["ben"] & own["cem"])
    # the overlap flag marks the shared sample, in every file and in the lead's project
    for n, f in files.items():
        flagged = {r[0] for r in rows(f, "SELECT document FROM assignments WHERE overlap = 1")}
        assert flagged == common
        assert len(rows(f, "SELECT * FROM assignments")) == len(got[n])
    lead_rows = rows(
        lead,
        "SELECT an.name, s.document, s.overlap FROM assignments s "
        "JOIN annotators an ON an.id = s.annotator",
    )
    assert {(n, d) for n, d, _ in lead_rows} == {(n, d) for n in NAMES for d in got[n]}
    assert {d for _, d, o in lead_rows if o} == common
    assert report.documents == {n: 11 for n in NAMES}


def test_uneven_split_differs_by_at_most_one(tmp_path, rows) -> None:
    lead = lead_project(tmp_path / "lead.annotator", 10)
    run(lead, tmp_path / "team", overlap=0)
    sizes = sorted(len(doc_ids(rows, tmp_path / "team" / f"{n}.annotator")) for n in NAMES)
    assert sizes == [3, 3, 4]


def test_same_seed_same_split_other_seed_other_split(tmp_path, rows) -> None:
    lead = lead_project(tmp_path / "lead.annotator", 40)
    ids = doc_ids(rows, lead)
    first = plan(ids, NAMES, 25, 7)
    assert plan(ids, NAMES, 25, 7) == first
    assert plan(ids, NAMES, 25, 8) != first
    # chosen at random, not the first documents in import order
    assert set(first.overlap) != set(ids[:10])
    run(lead, tmp_path / "a", overlap=25, seed=7)
    assert set(doc_ids(rows, tmp_path / "a" / "ana.annotator")) == set(first.documents_of("ana"))


def test_files_carry_schema_guidelines_registry_owner_and_texts(lead, tmp_path, rows) -> None:
    run(lead, tmp_path / "team", blind=True)
    path = tmp_path / "team" / "ben.annotator"
    assert rows(path, "SELECT schema, guidelines FROM project") == rows(
        lead, "SELECT schema, guidelines FROM project"
    )
    assert rows(path, "SELECT id, name, aliases FROM entities") == rows(
        lead, "SELECT id, name, aliases FROM entities"
    )
    lead_docs = dict(rows(lead, "SELECT id, text || sha256 FROM documents"))
    for doc_id, text in rows(path, "SELECT id, text || sha256 FROM documents"):
        assert lead_docs[doc_id] == text  # same id, same text and hash: merge matches them
    settings = dict(rows(path, "SELECT key, value FROM settings"))
    owner = rows(path, "SELECT id FROM annotators WHERE name = 'ben'")[0][0]
    assert settings["owner"] == owner and settings["blind"] == "1"
    # the same person in the lead's project, so that merged layers meet again
    assert rows(lead, "SELECT id FROM annotators WHERE name = 'ben'")[0][0] == owner
    assert rows(path, "SELECT count(*) FROM annotations")[0][0] == 0  # lead's not copied
    with Project.open(path) as p:  # written under the owner's name, not the login name
        assert p.annotator_name == "ben"
        assert p.team.blind
        doc = p.documents.get(rows(path, "SELECT id FROM documents LIMIT 1")[0][0])
        p.layer().add_annotation(doc.id, "Actor", [(doc.text.index("Karamov"), 20)])
    assert rows(
        path, "SELECT an.name FROM annotations a JOIN annotators an ON an.id = a.annotator"
    ) == [("ben",)]
    with Project.open(path, annotator="Someone") as p:  # an explicit name still wins
        assert p.annotator_name == "Someone"


def test_not_blind_by_default(lead, tmp_path) -> None:
    run(lead, tmp_path / "team")
    with Project.open(tmp_path / "team" / "ana.annotator", readonly=True) as p:
        assert not p.team.blind and p.team.owner is not None and p.team.owner.name == "ana"


@pytest.mark.parametrize(
    "names, message",
    [
        (["ana", "ANA"], "named twice"),
        (["ana", "gold"], "reserved"),
        (["ana", ""], "empty"),
        (["../x"], "file name"),
    ],
)
def test_bad_names_are_refused_before_anything_is_written(
    lead, tmp_path, names, message, digest
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    before = digest(lead)
    with Project.open(lead, backup=False) as p, pytest.raises(ValidationError, match=message):
        distribute(p, names, folder)
    assert list(folder.iterdir()) == []
    assert digest(lead) == before


def test_existing_files_are_refused_unless_forced(lead, tmp_path, digest) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "ben.annotator").write_text("keep me")
    with Project.open(lead, backup=False) as p:
        with pytest.raises(ProjectFileError, match=r"ben\.annotator"):
            distribute(p, NAMES, folder)
        assert p.team.assignments() == []
    assert (folder / "ben.annotator").read_text() == "keep me"
    assert not (folder / "ana.annotator").exists()
    assert [f.name for f in folder.iterdir()] == ["ben.annotator"]  # no leftovers
    with Project.open(lead, backup=False) as p:
        distribute(p, NAMES, folder, force=True)
    with Project.open(folder / "ben.annotator", readonly=True) as q:
        assert q.team.owner is not None and q.team.owner.name == "ben"


def test_distributing_again_replaces_the_assignment(lead, tmp_path, rows) -> None:
    run(lead, tmp_path / "a", overlap=20, seed=1)
    run(lead, tmp_path / "b", overlap=50, seed=2)
    per_person = rows(
        lead,
        "SELECT an.name, count(*) FROM assignments s JOIN annotators an ON an.id = s.annotator "
        "GROUP BY an.name",
    )
    expected = overlap_count(23, 50) + (23 - overlap_count(23, 50) + 2) // 3
    assert dict(per_person)["ana"] == expected


def test_a_cancel_writes_nothing(lead, tmp_path, digest) -> None:
    from annotator.core.reports import Cancelled

    folder = tmp_path / "team"
    folder.mkdir()
    before = digest(lead)
    with Project.open(lead, backup=False) as p, pytest.raises(Cancelled):
        distribute(p, NAMES, folder, progress=lambda done, total: done >= 12)
    assert list(folder.iterdir()) == []
    with Project.open(lead, readonly=True) as p:
        assert p.team.assignments() == []
    assert digest(lead) == before
