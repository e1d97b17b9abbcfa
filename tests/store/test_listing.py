"""The document list behind the Documents dock: pages, sorting, status filters, counts, steps.

Expected orders are computed here in Python from what the test put in, and statuses are read
back with plain sqlite3, so that the listing queries are checked against something else. Rows
carry one annotator's status and the annotation count of their layer only: another annotator
("Other") has statuses and annotations in the corpus too, which the list must not show.
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
from annotator.store.listing import Listing
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
    project.documents.add_many(_article(i, rng) for i in range(N))
    ids = [d.id for d in project.documents.all()]
    mine = project.layer()
    for i, doc_id in enumerate(ids):
        if i % 3 == 0:
            mine.set_status(doc_id, "done")
        elif i % 5 == 0:
            mine.set_status(doc_id, "in_progress")
        elif i % 11 == 0:
            mine.set_status(doc_id, "new")  # an explicit "new" row counts as new too
    other = project.layer(project.annotators.add("Other").value.id)
    for doc_id in ids[:40]:
        other.set_status(doc_id, "in_progress")  # not ours: ignored
    for i, doc_id in enumerate(ids[::4]):
        for k in range(i % 4):  # "Karamov", "Karamo", ...: the same span twice is refused
            mine.add_annotation(doc_id, "Actor", [(12, 19 - k)])
    for i, doc_id in enumerate(ids[1:60:2]):
        for k in range(1 + i % 3):
            other.add_annotation(doc_id, "Actor", [(12, 19 - k)])  # not ours: not counted
    return project


def me(project: Project) -> str | None:
    """The id of the project's annotator (None before their first write)."""
    return project.layer().annotator_id


def stored_states(project: Project) -> dict[str, str]:
    """This annotator's statuses as a separate connection sees them (missing: new)."""
    with sqlite3.connect(project.path) as conn:
        found = dict(
            conn.execute(
                "SELECT d.id, s.state FROM documents d JOIN document_status s "
                "ON s.document = d.id JOIN annotators a ON a.id = s.annotator WHERE a.name = ?",
                [project.annotator_name],
            ).fetchall()
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY seq")]
    return {doc_id: found.get(doc_id, "new") for doc_id in ids}


def stored_counts(project: Project) -> dict[str, int]:
    """Annotations per document in this annotator's layer, read with plain sqlite3."""
    with sqlite3.connect(project.path) as conn:
        found = dict(
            conn.execute(
                "SELECT d.id, count(x.id) FROM documents d LEFT JOIN (SELECT n.id, n.document "
                "FROM annotations n JOIN annotators a ON a.id = n.annotator WHERE a.name = ?) x "
                "ON x.document = d.id GROUP BY d.id",
                [project.annotator_name],
            ).fetchall()
        )
    return found


def expected(project: Project, sort: str, descending: bool, status: str | None) -> list[str]:
    states = stored_states(project)
    docs = list(project.documents.all())
    counts = stored_counts(project)
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
    spec = Listing(me(corpus), status, sort, descending)
    got: list[str] = []
    for offset in range(0, N + 64, 64):
        page = corpus.documents.page(spec, offset, 64)
        got += [row.id for row in page]
    assert got == want
    assert corpus.documents.count_with_status(status, me(corpus)) == len(want)
    # the row number of any document agrees with the pages
    for i in (0, len(want) // 2, len(want) - 1):
        assert corpus.documents.position(want[i], spec) == i


def test_rows_carry_this_annotators_status_and_annotation_count(corpus: Project) -> None:
    states, counts = stored_states(corpus), stored_counts(corpus)
    rows = corpus.documents.page(Listing(me(corpus)), 0, N)
    assert [r.state for r in rows] == [states[r.id] for r in rows]
    # the count is of this annotator's layer: Other's annotations are not in it
    assert [r.annotations for r in rows] == [counts[r.id] for r in rows]
    assert [r.annotations for r in rows] == [corpus.layer().annotation_count(r.id) for r in rows]
    everyone = corpus.datasets().document_dicts()
    assert any(len(d["annotations"]) != counts[d["id"]] for d in everyone)
    for row in rows[:: N // 10]:
        doc = corpus.documents.get(row.id)
        assert (row.title, row.source, row.published) == (doc.title, doc.source, doc.published)
        assert row.annotations == len(corpus.layer().annotations(row.id))
        assert corpus.documents.row(row.id, me(corpus)) == row
    assert [r.seq for r in rows] == sorted(r.seq for r in rows)
    # the same list for Other shows Other's statuses and counts
    other = corpus.annotators.named("Other")
    assert other is not None
    theirs = corpus.documents.page(Listing(other.id), 0, N)
    assert [r.state for r in theirs] == ["in_progress"] * 40 + ["new"] * (N - 40)
    assert [r.annotations for r in theirs] == [
        corpus.layer(other.id).annotation_count(r.id) for r in theirs
    ]
    assert sum(r.annotations for r in theirs) == sum(1 + i % 3 for i in range(30))


def test_counts_and_progress(corpus: Project) -> None:
    states = list(stored_states(corpus).values())
    for status in ("new", "in_progress", "done"):
        assert corpus.documents.count_with_status(status, me(corpus)) == states.count(status)
    assert corpus.documents.count_with_status(None, me(corpus)) == N
    assert corpus.documents.count() == N
    with pytest.raises(ValidationError):
        corpus.documents.count_with_status("finished", me(corpus))
    with pytest.raises(ValidationError):
        Listing(me(corpus), sort="colour")
    with pytest.raises(ValidationError):
        Listing(me(corpus), status="finished")


def test_a_document_that_the_filter_leaves_out_has_no_position(corpus: Project) -> None:
    done = corpus.documents.page(Listing(me(corpus), "done"), 0, 1)[0]
    assert corpus.documents.position(done.id, Listing(me(corpus), "new")) is None
    assert corpus.documents.position(done.id, Listing(me(corpus), "done")) == 0


def test_neighbour_steps_through_import_order(corpus: Project) -> None:
    ids = [d.id for d in corpus.documents.all()]
    step = corpus.documents.neighbour
    who = me(corpus)
    assert step(ids[10], 1, who) == ids[11]
    assert step(ids[10], -1, who) == ids[9]
    assert step(ids[10], 3, who) == ids[13]
    assert step(ids[-1], 1, who) is None  # no wrapping without not_done
    assert step(ids[0], -1, who) is None
    with pytest.raises(NotFoundError):
        step("no-such-id", 1, who)
    with pytest.raises(ValueError):
        step(ids[0], 0, who)


def test_neighbour_not_done_skips_done_documents_and_wraps_around(corpus: Project) -> None:
    states = stored_states(corpus)
    ids = list(states)
    open_ = [i for i in ids if states[i] != "done"]
    who = me(corpus)

    def step(doc_id: str, n: int) -> str | None:
        return corpus.documents.neighbour(doc_id, n, who, not_done=True)

    # ids[0] is done (every third is); the next not done after it is the first open one
    assert states[ids[0]] == "done"
    assert step(ids[0], 1) == open_[0]
    assert step(open_[0], 2) == open_[2]
    # past the last document it goes on from the first
    assert step(open_[-1], 1) == open_[0]
    assert step(open_[0], -1) == open_[-1]
    # when every other document is done, there is nothing left to go to
    for doc_id in open_[1:]:
        corpus.layer().set_status(doc_id, "done")
    assert step(open_[0], 1) is None
    assert step(ids[5], 1) == open_[0]
    # Other's statuses are Other's: for them nothing is done
    other = corpus.annotators.named("Other")
    assert other is not None
    assert corpus.documents.neighbour(ids[0], 1, other.id, not_done=True) == ids[1]


def test_search_rows_match_prefixes_and_respect_the_filter(corpus: Project) -> None:
    who = me(corpus)
    found = corpus.documents.search_rows("envoy3 vil", who, 100)  # "vil": start of "Vilnius"
    want = {d.id for d in corpus.documents.all() if "envoy3 " in d.text}
    assert {row.id for row, _ in found} == want
    assert all("[" in snippet for _, snippet in found)
    assert all(row == corpus.documents.row(row.id, who) for row, _ in found)
    done = corpus.documents.search_rows("envoy3", who, 100, status="done")
    assert done and all(row.state == "done" for row, _ in done)
    assert {row.id for row, _ in done} == {i for i in want if stored_states(corpus)[i] == "done"}
    assert corpus.documents.search_rows("   ", who, 50) == []
    # FTS5 syntax typed by a person is searched for as words, never an error
    for typed in ('"Karamov (', "karamov -", "kara* ^", "NEAR(", "*"):
        corpus.documents.search_rows(typed, who, 5)
    assert corpus.documents.search_rows('Karamov" (', who, 5)
    assert len(corpus.documents.search_rows("karamov", who, 7)) == 7


@pytest.mark.parametrize("sort", ["order", "title", "source", "published"])
def test_indexed_sorts_skip_rows_in_a_covering_index(corpus: Project, sort: str) -> None:
    for status in (None, "new"):
        spec = listing.Listing(me(corpus), status, sort, descending=True)
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
        doc = p.documents.add("Karamov said talks would resume.", title="Talks").value
        p.layer().add_annotation(doc.id, "Actor", [(0, 7)])  # Tester's, not Nobody Yet's
    with Project.open(path, readonly=True, annotator="Nobody Yet") as p:
        who = p.layer().annotator_id
        assert who is None
        (row,) = p.documents.page(Listing(who), 0, 10)
        assert (row.state, row.annotations) == ("new", 0)
        assert p.documents.count_with_status("done", who) == 0
        assert p.documents.count_with_status(None, who) == 1
        assert p.documents.neighbour(doc.id, 1, who, not_done=True) is None
        assert p.documents.search_rows("tal", who, 5)[0][0] == row
        assert p.documents.row(doc.id, who) == row
        assert p.annotators.named("Nobody Yet") is None


def test_an_older_project_gets_the_listing_indexes_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said talks would resume.", title="Talks")
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
        rows = p.documents.page(Listing(p.layer().annotator_id, sort="title"), 0, 5)
        assert [r.title for r in rows] == ["Talks"]
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert {"documents_by_title", "document_status_by_annotator"} <= names
    assert version == FORMAT_VERSION
