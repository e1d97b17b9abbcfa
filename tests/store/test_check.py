"""``Project.check()``: a clean project passes; every kind of tampering is reported by name.

The tampering is done with plain sqlite3 on a closed project, as a script or another tool
would do it behind Annotator's back.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project


@contextlib.contextmanager
def tamper(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (foreign keys off, as by default), committed on exit."""
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def check(path: Path, readonly: bool = True):
    with Project.open(path, readonly=readonly) as p:
        return p.check()


def annotated(path: Path) -> tuple[str, str, str, list[dict]]:
    """A document with annotations: (document id, its text, an annotation id, its fragments)."""
    with tamper(path) as conn:
        doc_id, text, ann_id, frags = conn.execute(
            "SELECT d.id, d.text, a.id, a.fragments FROM annotations a "
            "JOIN documents d ON d.id = a.document WHERE a.label = 'Quote' "
            "ORDER BY d.seq, a.start LIMIT 1"
        ).fetchone()
    return doc_id, text, ann_id, json.loads(frags)


@pytest.mark.parametrize("readonly", [True, False], ids=["read", "write"])
def test_demo_project_passes(demo_path: Path, readonly: bool) -> None:
    report = check(demo_path, readonly)
    assert report.ok, report.errors
    assert report.errors == [] and report.warnings == []
    with tamper(demo_path) as conn:
        expected = {
            "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "annotations": conn.execute("SELECT count(*) FROM annotations").fetchone()[0],
            "relations": conn.execute("SELECT count(*) FROM relations").fetchone()[0],
            "fragments": sum(
                len(json.loads(f)) for (f,) in conn.execute("SELECT fragments FROM annotations")
            ),
        }
    assert report.checked == expected
    assert expected["documents"] == 12 and expected["annotations"] > 0


def test_changed_document_text_is_reported(demo_path: Path) -> None:
    doc_id, text, ann_id, frags = annotated(demo_path)
    pos = frags[0]["start"]
    changed = text[:pos] + ("X" if text[pos] != "X" else "Y") + text[pos + 1 :]
    assert len(changed) == len(text)
    with tamper(demo_path) as conn:  # the FTS triggers keep the search index in step
        conn.execute("UPDATE documents SET text = ? WHERE id = ?", [changed, doc_id])
    report = check(demo_path)
    assert not report.ok
    assert f"document {doc_id}: text does not match its stored sha256" in report.errors
    drifted = [
        e for e in report.errors if e.startswith(f"annotation {ann_id} in document {doc_id}")
    ]
    assert len(drifted) == 1 and "stored snippet is" in drifted[0]
    # the search index itself is consistent (the triggers did their work)
    assert not [e for e in check(demo_path, readonly=False).errors if "full-text" in e]


def test_changed_fragment_snippet_is_reported(demo_path: Path) -> None:
    doc_id, _, ann_id, frags = annotated(demo_path)
    original = frags[0]["text"]
    frags[0]["text"] = original[:-1] + ("?" if original[-1] != "?" else "!")
    with tamper(demo_path) as conn:
        conn.execute(
            "UPDATE annotations SET fragments = ? WHERE id = ?", [json.dumps(frags), ann_id]
        )
    report = check(demo_path)
    assert not report.ok
    (error,) = report.errors
    assert error.startswith(f"annotation {ann_id} in document {doc_id}: fragment ")
    assert repr(original) in error and repr(frags[0]["text"]) in error


def test_shifted_fragment_offsets_are_reported(demo_path: Path) -> None:
    doc_id, _, ann_id, frags = annotated(demo_path)
    frags[0]["start"] += 1
    frags[0]["end"] += 1
    with tamper(demo_path) as conn:
        conn.execute(
            "UPDATE annotations SET fragments = ? WHERE id = ?", [json.dumps(frags), ann_id]
        )
    errors = check(demo_path).errors
    assert any(e.startswith(f"annotation {ann_id} in document {doc_id}") for e in errors)
    assert f"annotation {ann_id}: stored extent does not match fragments" in errors


def test_fragment_beyond_the_text_is_reported(demo_path: Path) -> None:
    doc_id, text, ann_id, frags = annotated(demo_path)
    frags[-1]["end"] = len(text) + 5
    with tamper(demo_path) as conn:
        conn.execute(
            'UPDATE annotations SET fragments = ?, "end" = ? WHERE id = ?',
            [json.dumps(frags), len(text) + 5, ann_id],
        )
    errors = check(demo_path).errors
    assert any(
        e.startswith(f"annotation {ann_id} in document {doc_id}") and "outside the text" in e
        for e in errors
    )


def test_dangling_annotations_are_reported(demo_path: Path) -> None:
    doc_id, _, _, _ = annotated(demo_path)
    with tamper(demo_path) as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        dangling = conn.execute(
            "SELECT count(*) FROM annotations WHERE document = ?", [doc_id]
        ).fetchone()[0]
        statuses = conn.execute(
            "SELECT count(*) FROM document_status WHERE document = ?", [doc_id]
        ).fetchone()[0]
        conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    assert dangling > 0
    report = check(demo_path)
    assert not report.ok
    about_annotations = [e for e in report.errors if e.startswith("foreign key: annotations row ")]
    assert len(about_annotations) == dangling
    assert all("missing documents" in e for e in about_annotations)
    about_status = [e for e in report.errors if e.startswith("foreign key: document_status")]
    assert len(about_status) == statuses


def test_schema_violations_are_reported(demo_path: Path) -> None:
    with tamper(demo_path) as conn:
        (quote,) = conn.execute(
            "SELECT id FROM annotations WHERE label = 'Quote' ORDER BY id LIMIT 1"
        ).fetchone()
        (cue,) = conn.execute(
            "SELECT id FROM annotations WHERE label = 'Cue' ORDER BY id LIMIT 1"
        ).fetchone()
        (actor, doc) = conn.execute(
            "SELECT a.id, a.document FROM annotations a WHERE label = 'Actor' AND NOT EXISTS "
            "(SELECT 1 FROM relations r WHERE r.target = a.id OR r.source = a.id) "
            "ORDER BY id LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE annotations SET label = 'Speaker' WHERE id = ?", [cue])
        conn.execute(
            'UPDATE annotations SET attributes = \'{"form":"shouted"}\' WHERE id = ?', [quote]
        )
        conn.execute(
            "UPDATE relations SET type = 'mentions' WHERE id = "
            "(SELECT id FROM relations WHERE type = 'addressee' ORDER BY id LIMIT 1)"
        )
        # a second speaker for a quote of the same document
        (two_speakers,) = conn.execute(
            "SELECT id FROM annotations WHERE label = 'Quote' AND document = ? "
            "AND id IN (SELECT source FROM relations WHERE type = 'speaker') LIMIT 1",
            [doc],
        ).fetchone()
        conn.execute(
            "INSERT INTO relations (id, type, source, target, created) "
            "VALUES ('extra-speaker', 'speaker', ?, ?, '2026-01-01')",
            [two_speakers, actor],
        )
    errors = check(demo_path).errors
    assert any(e.startswith(f"schema: annotation {cue}: unknown label 'Speaker'") for e in errors)
    assert any(e.startswith(f"schema: annotation {quote}:") and "shouted" in e for e in errors)
    assert any("unknown relation type 'mentions'" in e for e in errors)
    assert f"schema: annotation {two_speakers}: 2 speaker relations (at most 1)" in errors


def test_search_index_out_of_step_is_reported(demo_path: Path) -> None:
    with tamper(demo_path) as conn:
        conn.execute("DELETE FROM documents_fts WHERE rowid = 2")
    report = check(demo_path, readonly=False)
    assert not report.ok
    assert any(e.startswith("full-text index:") for e in report.errors)


@pytest.mark.parametrize("damage", ["index row deleted", "title changed behind the triggers"])
def test_the_full_text_index_is_verified_on_a_read_only_check(
    demo_path: Path, digest, damage: str
) -> None:
    with tamper(demo_path) as conn:
        if damage == "index row deleted":
            conn.execute("DELETE FROM documents_fts WHERE rowid = 2")
        else:
            conn.execute("DROP TRIGGER documents_au")
            conn.execute("UPDATE documents SET title = 'zzz qqq' WHERE seq = 3")
    before = digest(demo_path)
    report = check(demo_path)  # read-only, as `annotator check` opens it
    assert any(e.startswith("full-text index:") for e in report.errors), report.errors
    assert digest(demo_path) == before


def test_a_sound_full_text_index_passes_a_read_only_check(demo_path: Path) -> None:
    assert not [e for e in check(demo_path).errors if "full-text" in e]


def test_missing_required_relations_are_warnings(project, layer, doc, find) -> None:
    layer.add_annotation(doc.id, "Quote", [find("We will not give up a single village,")])
    demand = layer.add_annotation(doc.id, "Demand", [find("a cease-fire")]).value
    actor = layer.add_annotation(doc.id, "Actor", [find("Illešová")]).value
    report = project.check()
    assert report.ok
    assert sorted(report.warnings) == [
        "1 Actor annotation(s) not linked to the registry",
        "1 Demand annotation(s) without a claimant",
        "1 Quote annotation(s) without a speaker",
    ]
    layer.add_relation("claimant", demand.id, actor.id)  # addressee is optional
    layer.link_mention(actor.id, project.registry.add("Illešová").value.id)
    assert project.check().warnings == ["1 Quote annotation(s) without a speaker"]


def test_errors_of_one_kind_are_counted_beyond_a_limit(demo_path: Path, monkeypatch) -> None:
    from annotator.store import checking

    monkeypatch.setattr(checking, "ERROR_LIMIT", 5)
    with tamper(demo_path) as conn:
        spoiled = conn.execute("SELECT id, fragments FROM annotations LIMIT 8").fetchall()
        for ann_id, raw in spoiled:
            frags = json.loads(raw)
            frags[0]["text"] += "?"
            conn.execute(
                "UPDATE annotations SET fragments = ? WHERE id = ?", [json.dumps(frags), ann_id]
            )
    errors = check(demo_path).errors
    assert len([e for e in errors if "stored snippet is" in e]) == 5
    assert errors[-1] == "fragment: … and 3 more"


def test_fragments_and_attributes_that_are_not_json_are_errors(demo_path: Path) -> None:
    with tamper(demo_path) as conn:
        first, second = conn.execute("SELECT id FROM annotations ORDER BY id LIMIT 2").fetchall()
        conn.execute("UPDATE annotations SET fragments = '[{\"start\": 1' WHERE id = ?", first)
        conn.execute("UPDATE annotations SET attributes = 'not json' WHERE id = ?", second)
    report = check(demo_path)
    assert f"annotation {first[0]}: its fragments are not readable JSON" in report.errors
    assert any(
        e.startswith(f"schema: annotation {second[0]}:") and "not readable JSON" in e
        for e in report.errors
    )
    assert not [e for e in report.errors if e.startswith("damage")]


def test_a_cancelled_check_stops(demo_path: Path, monkeypatch) -> None:
    from annotator.core.reports import Cancelled
    from annotator.store import checking

    monkeypatch.setattr(checking, "PROGRESS_EVERY", 1)
    calls = []
    with Project.open(demo_path, readonly=True) as p:
        with pytest.raises(Cancelled):
            p.check(lambda done, total: calls.append(done) or True)
        assert calls == [1]
        assert p.check().ok  # the connection is still usable


def test_foreign_key_errors_are_those_of_sqlite(demo_path: Path) -> None:
    # The relations' keys are checked in the pass that reads their ends: the same errors as
    # PRAGMA foreign_key_check gives, whatever is missing.
    with tamper(demo_path) as conn:
        rels = conn.execute("SELECT id, source, target FROM relations LIMIT 3").fetchall()
        conn.execute("DELETE FROM annotations WHERE id = ?", [rels[0][1]])  # a source
        conn.execute("DELETE FROM annotations WHERE id IN (?, ?)", [rels[1][1], rels[1][2]])
        conn.execute("UPDATE relations SET annotator = 'nobody' WHERE id = ?", [rels[2][0]])
        conn.execute("DELETE FROM documents WHERE seq = 1")
        expected = [
            f"foreign key: {table} row {rowid} points to a missing {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
    assert any("relations" in e for e in expected) and any("annotators" in e for e in expected)
    errors = [e for e in check(demo_path).errors if e.startswith("foreign key:")]
    assert sorted(errors) == sorted(expected)


def test_a_document_with_many_annotations_is_checked_one_annotation_at_a_time(
    project, layer, doc, find, monkeypatch
) -> None:
    from annotator.store import checking

    monkeypatch.setattr(checking, "MANY", 2)
    for needle in ("Karamov", "Belotsky", "Illešová"):
        layer.add_annotation(doc.id, "Actor", [find(needle)])
    report = project.check()
    assert report.ok and report.checked["fragments"] == 3
    with tamper(project.path) as conn:
        conn.execute(
            "UPDATE annotations SET fragments = replace(fragments, 'Belotsky', 'Belotski')"
        )
    errors = project.check().errors
    assert len(errors) == 1 and "stored snippet is 'Belotski'" in errors[0]
