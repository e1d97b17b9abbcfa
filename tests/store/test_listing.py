"""The document list behind the Documents dock: pages, sorting, status filters, counts, steps.

Expected orders are computed here in Python from what the test put in, and statuses are read
back with plain sqlite3, so that the listing queries are checked against something else.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator import Project
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import DocumentInput
from annotator.store import listing
from annotator.store.migrations import FORMAT_VERSION

N = 300
SOURCES = [None, "Reuters", "ap", "AP", "dpa", "BBC"]


def _article(i: int, rng: random.Random) -> DocumentInput:
    # Mixed case and repeated titles, missing sources and dates: the cases sorting gets wrong.
    title = rng.choice(["talks", "Talks", "budget", "Budget vote", "", "zoo", "Árbol"])
    published = None if i % 7 == 0 else f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return DocumentInput(
        f"Article {i}: Karamov met envoy{i % 5} in Vilnius.",
        title=f"{title} {i % 11}" if title else "",
        source=rng.choice(SOURCES),
        published=published,
    )


@pytest.fixture
def corpus(project: Project) -> Project:
    rng = random.Random(7)
    project.import_documents(_article(i, rng) for i in range(N))
    ids = [d.id for d in project.documents()]
    for i, doc_id in enumerate(ids):
        if i % 3 == 0:
            project.set_status(doc_id, "done")
        elif i % 5 == 0:
            project.set_status(doc_id, "in_progress")
        elif i % 11 == 0:
            project.set_status(doc_id, "new")  # an explicit "new" row counts as new too
    other = project.add_annotator("Other")
    for doc_id in ids[:40]:
        project.set_status(doc_id, "in_progress", annotator=other.id)  # not ours: ignored
    for i, doc_id in enumerate(ids[::4]):
        for _ in range(i % 4):
            project.add_annotation(doc_id, "Actor", [(12, 19)])  # "Karamov"
    return project


def stored_states(project: Project) -> dict[str, str]:
    """This annotator's statuses as a separate connection sees them (missing: new)."""
    with sqlite3.connect(project.path) as conn:
        found = dict(
            conn.execute(
                "SELECT d.id, s.state FROM documents d JOIN document_status s "
                "ON s.document = d.id JOIN annotators a ON a.id = s.annotator WHERE a.name = ?",
                [project.annotator.name],
            ).fetchall()
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY seq")]
    return {doc_id: found.get(doc_id, "new") for doc_id in ids}


def expected(project: Project, sort: str, descending: bool, status: str | None) -> list[str]:
    states = stored_states(project)
    docs = list(project.documents())
    counts = {d.id: len(project.annotations(d.id)) for d in docs}
    rank = {"new": 0, "in_progress": 1, "done": 2}

    def key(pair: tuple[int, Any]) -> tuple[Any, ...]:
        seq, d = pair
        value: Any = {
            "order": lambda: 0,
            "title": lambda: d.title.lower(),  # ASCII case folding, like NOCASE
            "source": lambda: (d.source is not None, (d.source or "").lower()),  # NULL first
            "published": lambda: (d.published is not None, d.published or ""),
            "status": lambda: rank[states[d.id]],
            "annotations": lambda: counts[d.id],
        }[sort]()
        return value, seq

    chosen = [(seq, d) for seq, d in enumerate(docs) if status in (None, states[d.id])]
    return [d.id for _, d in sorted(chosen, key=key, reverse=descending)]


@pytest.mark.parametrize("sort", listing.SORTS)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("status", [None, "new", "in_progress", "done"])
def test_pages_join_up_to_the_whole_sorted_filtered_list(
    corpus: Project, sort: str, descending: bool, status: str | None
) -> None:
    want = expected(corpus, sort, descending, status)
    got: list[str] = []
    for offset in range(0, N + 64, 64):
        page = corpus.list_documents(offset, 64, status=status, sort=sort, descending=descending)
        got += [row.id for row in page]
    assert got == want
    assert corpus.count_documents(status) == len(want)
    # the row number of any document agrees with the pages
    for i in (0, len(want) // 2, len(want) - 1):
        where = corpus.document_position(want[i], status=status, sort=sort, descending=descending)
        assert where == i


def test_rows_carry_this_annotators_status_and_every_annotation(corpus: Project) -> None:
    states = stored_states(corpus)
    rows = corpus.list_documents(0, N)
    assert [r.state for r in rows] == [states[r.id] for r in rows]
    for row in rows[:: N // 10]:
        doc = corpus.document(row.id)
        assert (row.title, row.source, row.published) == (doc.title, doc.source, doc.published)
        assert row.annotations == len(corpus.annotations(row.id))
        assert corpus.document_row(row.id) == row
    assert [r.seq for r in rows] == sorted(r.seq for r in rows)


def test_counts_and_progress(corpus: Project) -> None:
    states = list(stored_states(corpus).values())
    for status in ("new", "in_progress", "done"):
        assert corpus.count_documents(status) == states.count(status)
    assert corpus.count_documents() == N
    assert corpus.progress() == (states.count("done"), N)
    with pytest.raises(ValidationError):
        corpus.count_documents("finished")
    with pytest.raises(ValidationError):
        corpus.list_documents(0, 10, sort="colour")


def test_a_document_that_the_filter_leaves_out_has_no_position(corpus: Project) -> None:
    done = corpus.list_documents(0, 1, status="done")[0]
    assert corpus.document_position(done.id, status="new") is None
    assert corpus.document_position(done.id, status="done") == 0


def test_neighbour_steps_through_import_order(corpus: Project) -> None:
    ids = [d.id for d in corpus.documents()]
    assert corpus.neighbour(ids[10], 1) == ids[11]
    assert corpus.neighbour(ids[10], -1) == ids[9]
    assert corpus.neighbour(ids[10], 3) == ids[13]
    assert corpus.neighbour(ids[-1], 1) is None  # no wrapping without not_done
    assert corpus.neighbour(ids[0], -1) is None
    with pytest.raises(NotFoundError):
        corpus.neighbour("no-such-id", 1)
    with pytest.raises(ValueError):
        corpus.neighbour(ids[0], 0)


def test_neighbour_not_done_skips_done_documents_and_wraps_around(corpus: Project) -> None:
    states = stored_states(corpus)
    ids = list(states)
    open_ = [i for i in ids if states[i] != "done"]
    # ids[0] is done (every third is); the next not done after it is the first open one
    assert states[ids[0]] == "done"
    assert corpus.neighbour(ids[0], 1, not_done=True) == open_[0]
    assert corpus.neighbour(open_[0], 2, not_done=True) == open_[2]
    # past the last document it goes on from the first
    assert corpus.neighbour(open_[-1], 1, not_done=True) == open_[0]
    assert corpus.neighbour(open_[0], -1, not_done=True) == open_[-1]
    # when every other document is done, there is nothing left to go to
    for doc_id in open_[1:]:
        corpus.set_status(doc_id, "done")
    assert corpus.neighbour(open_[0], 1, not_done=True) is None
    assert corpus.neighbour(ids[5], 1, not_done=True) == open_[0]


def test_search_rows_match_prefixes_and_respect_the_filter(corpus: Project) -> None:
    found = corpus.search_rows("envoy3 vil", 100)  # "vil" is the start of "Vilnius"
    want = {d.id for d in corpus.documents() if "envoy3 " in d.text}
    assert {row.id for row, _ in found} == want
    assert all("[" in snippet for _, snippet in found)
    done = corpus.search_rows("envoy3", 100, status="done")
    assert done and all(row.state == "done" for row, _ in done)
    assert {row.id for row, _ in done} == {i for i in want if stored_states(corpus)[i] == "done"}
    assert corpus.search_rows("   ", 50) == []
    # FTS5 syntax typed by a person is searched for as words, never an error
    for typed in ('"Karamov (', "karamov -", "kara* ^", "NEAR(", "*"):
        corpus.search_rows(typed, 5)
    assert corpus.search_rows('Karamov" (', 5)
    assert len(corpus.search_rows("karamov", 7)) == 7


@pytest.mark.parametrize("sort", ["order", "title", "source", "published"])
def test_indexed_sorts_skip_rows_in_a_covering_index(corpus: Project, sort: str) -> None:
    for status in (None, "new"):
        spec = listing.Listing(corpus.annotator.id, status, sort, descending=True)
        plan = " | ".join(
            r[3]
            for r in corpus.db.execute(
                "EXPLAIN QUERY PLAN " + listing.page_sql(spec), spec.params(offset=5, limit=5)
            )
        )
        assert f"SCAN d USING COVERING INDEX documents_by_{sort}" in plan, plan
        # the only sort is of the page itself, after the subquery chose its rows
        assert plan.count("TEMP B-TREE") <= 1, plan


def test_reading_the_list_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("Karamov said talks would resume.", title="Talks")
    with Project.open(path, readonly=True, annotator="Nobody Yet") as p:
        (row,) = p.list_documents(0, 10)
        assert row.state == "new"
        assert p.progress() == (0, 1)
        assert p.neighbour(doc.id, 1, not_done=True) is None
        assert p.search_rows("tal", 5)[0][0] == row
        assert p.annotator_named("Nobody Yet") is None


def test_an_older_project_gets_the_listing_indexes_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    with Project.create(path) as p:
        p.add_document("Karamov said talks would resume.", title="Talks")
    conn = sqlite3.connect(path)
    with conn:  # make it look like a file written before 0002_listing_indexes
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_%'"
        ).fetchall():
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_listing_indexes'")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Project.open(path) as p:
        assert [r.title for r in p.list_documents(0, 5, sort="title")] == ["Talks"]
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert {"documents_by_title", "document_status_by_annotator"} <= names
    assert version == FORMAT_VERSION
