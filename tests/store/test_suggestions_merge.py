"""The suggestions layer through imports and team merges: each suggestion keeps its engine and
score, and a review project gets every person's verdicts (ADR 26)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.assist.rules import RulesEngine
from annotator.core.errors import InputError
from annotator.io.team_inputs import open_inputs
from annotator.store.team_merge import merge_team

TEXT = (
    "“We will not surrender the port,” said Mara Velt, the harbour director. "
    "The union said that its members would strike on Friday."
)
INFO = (
    'SELECT a.label, a.start, a."end", s.engine, s.score FROM annotations a JOIN '
    "suggestion_info s ON s.annotation = a.id WHERE a.annotator = 'suggestions' ORDER BY 1, 2, 3"
)
VERDICTS = (
    'SELECT v.label, v.start, v."end", v.verdict, p.name FROM suggestion_verdicts v '
    "LEFT JOIN annotators p ON p.id = v.annotator ORDER BY 1, 2, 3, 5"
)


def query(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def suggested_file(path: Path, person: str, accept: str, reject: str) -> None:
    """``person``'s file: the article, suggested by the rules engine; the suggestion whose
    text starts with ``accept`` accepted, the one starting with ``reject`` rejected."""
    with Project.create(path, annotator=person) as p:
        doc = p.documents.add(TEXT, title="Port").value
        p.suggestions.run(RulesEngine(), [doc.id])
        by_text = {s.annotation.text: s.id for s in p.suggestions.open_in(doc.id, p.layer())}
        pick = lambda start: next(i for t, i in by_text.items() if t.startswith(start))  # noqa: E731
        p.suggestions.accept([pick(accept)], p.layer())
        p.suggestions.reject([pick(reject)], p.layer())


def export_of(path: Path) -> tuple[dict, list[tuple[str, dict]]]:
    with Project.open(path, readonly=True) as p:
        data = p.datasets()
        header = data.header()
        docs = [(f"{path.name}: {d['id']}", d) for d in data.document_dicts()]
    return header, docs


def test_a_team_merge_keeps_engines_scores_and_everyones_verdicts(tmp_path: Path) -> None:
    ana, ben = tmp_path / "ana.annotator", tmp_path / "ben.annotator"
    suggested_file(ana, "Ana", accept="We will not", reject="its members")
    suggested_file(ben, "Ben", accept="its members", reject="We will not")
    review = tmp_path / "review.annotator"
    report = merge_team(review, lambda: open_inputs([ana, ben]))
    # every suggestion arrives with its engine and score, once (the two files' twins are one)
    merged = query(review, INFO)
    assert len(merged) == len(set(merged))
    assert set(merged) == set(query(ana, INFO)) | set(query(ben, INFO))
    assert all(engine == "rules" and 0 < score <= 1 for *_, engine, score in merged)
    # both people decided both quotes, differently: all four decisions are kept
    stored = query(review, VERDICTS)
    assert sorted(stored) == sorted(query(ana, VERDICTS) + query(ben, VERDICTS))
    quotes = sorted((verdict, who) for label, *_, verdict, who in stored if label == "Quote")
    assert quotes == [("accepted", "Ana"), ("accepted", "Ben"), ("rejected", "Ana"),
                      ("rejected", "Ben")]  # fmt: skip
    assert report.verdicts == len(stored) and "verdict" in "\n".join(report.lines())
    with Project.open(review, annotator="Lead") as p:
        doc_id = p.documents.ids()[0]
        counts = p.suggestions.counts(doc_id)
        open_spans = {
            (s.annotation.label, s.annotation.start, s.annotation.end)
            for s in p.suggestions.open_in(doc_id, p.layer())
        }
    assert not {(label, s, e) for label, s, e, *_ in stored} & open_spans  # decided: not asked
    assert counts["Quote"].accepted == 2 and counts["Quote"].rejected == 2
    assert sum(c.accepted + c.rejected for c in counts.values()) == len(stored)
    again = merge_team(review, lambda: open_inputs([ana, ben]))
    assert again.verdicts == 0 and query(review, VERDICTS) == stored


def test_an_export_of_the_layer_imports_with_engine_and_score(tmp_path: Path) -> None:
    ana = tmp_path / "ana.annotator"
    suggested_file(ana, "Ana", accept="We will not", reject="its members")
    header, docs = export_of(ana)
    assert any("suggestion" in a for _, d in docs for a in d["annotations"])
    fresh = tmp_path / "fresh.annotator"
    with Project.create(fresh, annotator="Lead") as p:
        p.merge_native(header, docs)  # new documents: written in bulk
    assert query(fresh, INFO) == query(ana, INFO)
    assert query(fresh, VERDICTS) == []  # an export is a dataset: verdicts stay in files
    # a project with the text and a suggestion of its own there: merged one by one
    present = tmp_path / "present.annotator"
    with Project.create(present, annotator="Lead") as p:
        doc = p.documents.add(TEXT, title="Port").value
        p.suggestions.layer.add_annotation(doc.id, "Actor", [(0, 1)])
        p.merge_native(header, docs)
    assert set(query(ana, INFO)) <= set(query(present, INFO))


@pytest.mark.parametrize(
    ("value", "says"),
    [({"engine": "rules", "score": 2}, "score"), ({"engine": "", "score": 0.5}, "engine")],
)
def test_a_malformed_suggestion_is_refused_naming_it(tmp_path: Path, value, says) -> None:
    ana = tmp_path / "ana.annotator"
    suggested_file(ana, "Ana", accept="We will not", reject="its members")
    header, docs = export_of(ana)
    bad = next(a for _, d in docs for a in d["annotations"] if "suggestion" in a)
    bad["suggestion"] = value
    fresh = tmp_path / "fresh.annotator"
    with Project.create(fresh, annotator="Lead") as p:
        with pytest.raises(InputError, match=says) as refused:
            p.merge_native(header, docs)
        assert bad["id"] in str(refused.value) and "ana.annotator" in str(refused.value)
    assert query(fresh, "SELECT count(*) FROM annotations") == [(0,)]


def test_a_file_of_version_4_keeps_its_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    suggested_file(path, "Ana", accept="We will not", reject="its members")
    kept = query(path, VERDICTS)
    with sqlite3.connect(path) as conn:  # the table as version 4 made it
        conn.execute("ALTER TABLE suggestion_verdicts RENAME TO v")
        conn.execute(
            "CREATE TABLE suggestion_verdicts (document TEXT NOT NULL, label TEXT NOT NULL, "
            'start INTEGER NOT NULL, "end" INTEGER NOT NULL, verdict TEXT NOT NULL, '
            "engine TEXT NOT NULL, annotator TEXT, created TEXT NOT NULL, "
            'PRIMARY KEY (document, label, start, "end")) STRICT'
        )
        conn.execute("INSERT INTO suggestion_verdicts SELECT * FROM v")
        conn.execute("DROP TABLE v")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_verdicts_per_person'")
        conn.execute("PRAGMA user_version = 4")
    conn.close()
    with Project.open(path, annotator="Ana") as p:
        assert p.db.execute("PRAGMA user_version").fetchone()[0] == 5
    assert query(path, VERDICTS) == kept
    indexes = query(path, "SELECT name FROM sqlite_master WHERE tbl_name = 'suggestion_verdicts'")
    assert ("suggestion_verdicts_by_span",) in indexes
