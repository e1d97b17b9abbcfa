"""The document list the GUI shows: pages of rows, sorted, filtered by one annotator's status.

Projects hold up to some 100,000 documents, and a text can be long. So each page is chosen in
a subquery that only reads a covering index (``0002_listing_indexes``: sort key, ``seq`` and
``id``; ``id`` is what the status table is joined on) and skips rows there; the documents
table, with its texts, is read for the rows of that page only. A page deep in the list then
costs about what the first page costs.

Sorting by status or by annotation count has no index (both change with every edit); those
orders are computed for the whole list on each page, which is still well under a tenth of a
second for 100,000 documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.core.validation import check_state


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list: a document's facts without its text."""

    id: str
    title: str
    source: str | None
    published: str | None
    state: str  # this annotator's status: "new" (also when no status is stored), ...
    annotations: int  # in this annotator's layer
    seq: int  # position in import order


#: Sort keys of :func:`page`; "order" is import order.
SORTS = ("order", "title", "source", "published", "status", "annotations")

# The annotations of the listing's annotator (their layer) only.
_COUNT = "(SELECT count(*) FROM annotations a WHERE a.document = d.id AND a.annotator = :annotator)"
_STATE = "ifnull(s.state, 'new')"
# Ranked, so that sorting by status follows the work: new, in progress, done.
_STATE_RANK = "CASE ifnull(s.state, 'new') WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END"
_KEYS = {
    "order": (),
    # NOCASE only folds ASCII letters; other titles sort by code point, which is stable at least.
    "title": ("d.title COLLATE NOCASE",),
    "source": ("d.source COLLATE NOCASE",),
    "published": ("d.published",),  # ISO dates sort as text; unknown dates (NULL) come first
    "status": (_STATE_RANK,),
    "annotations": (_COUNT,),
}
_ROW = f"d.id, d.title, d.source, d.published, {_STATE}, {_COUNT}, d.seq"
_JOIN_STATUS = "LEFT JOIN document_status s ON s.document = d.id AND s.annotator = :annotator"


@dataclass(frozen=True)
class Listing:
    """Which documents, in which order, with whose status."""

    annotator_id: str | None  # None: an annotator without any status yet (every document is new)
    status: str | None = None  # only documents with this status; None: all
    sort: str = "order"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.status is not None:
            check_state(self.status)
        if self.sort not in SORTS:
            raise ValidationError(
                f"cannot sort documents by {self.sort!r} (by: {', '.join(SORTS)})"
            )

    def order_by(self) -> str:
        direction = " DESC" if self.descending else ""
        # seq last: equal keys keep import order, so that pages never overlap or skip a row
        return ", ".join(f"{key}{direction}" for key in (*_KEYS[self.sort], "d.seq"))

    def selection(self) -> str:
        """FROM and WHERE for the documents in this listing (their status joined if needed)."""
        if self.status is None and self.sort != "status":
            return "FROM documents d"
        where = f" WHERE {_STATE} = :status" if self.status is not None else ""
        return f"FROM documents d {_JOIN_STATUS}{where}"

    def params(self, **more: Any) -> dict[str, Any]:
        return {"annotator": self.annotator_id, "status": self.status, **more}


def page_sql(listing: Listing) -> str:
    """The query for one page (``:offset``, ``:limit``); public so tests can inspect its plan."""
    order = listing.order_by()
    return (
        f"SELECT {_ROW} FROM (SELECT d.seq AS k {listing.selection()} ORDER BY {order} "
        "LIMIT :limit OFFSET :offset) AS page "
        f"JOIN documents d ON d.seq = page.k {_JOIN_STATUS} ORDER BY {order}"
    )


def read_page(db: Database, listing: Listing, offset: int, limit: int) -> list[DocumentRow]:
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit cannot be negative")
    rows = db.execute(page_sql(listing), listing.params(offset=offset, limit=limit))
    return [DocumentRow(*row) for row in rows]


def find_position(db: Database, listing: Listing, doc_id: str) -> int | None:
    """The row of ``doc_id`` in ``listing`` (from 0), or None if the listing leaves it out."""
    row = db.execute(
        f"SELECT n - 1 FROM (SELECT d.id, row_number() OVER (ORDER BY {listing.order_by()}) AS n "
        f"{listing.selection()}) WHERE id = :doc",
        listing.params(doc=doc_id),
    ).fetchone()
    return row[0] if row else None


def count_status(db: Database, annotator_id: str | None, status: str | None = None) -> int:
    """How many documents have ``status`` for ``annotator`` (all documents for None)."""
    if status is not None:
        check_state(status)
    if status is None or status == "new":
        total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        if status is None:
            return total
        # "new" is mostly the absence of a row, so count what is not new
        return total - _count_states(db, annotator_id, ("in_progress", "done"))
    return _count_states(db, annotator_id, (status,))


def _count_states(db: Database, annotator_id: str | None, states: tuple[str, ...]) -> int:
    marks = ",".join("?" * len(states))
    return db.execute(
        f"SELECT count(*) FROM document_status WHERE annotator = ? AND state IN ({marks})",
        [annotator_id, *states],
    ).fetchone()[0]


def read_row(db: Database, annotator_id: str | None, doc_id: str) -> DocumentRow | None:
    found = db.execute(
        f"SELECT {_ROW} FROM documents d {_JOIN_STATUS} WHERE d.id = :doc",
        {"annotator": annotator_id, "doc": doc_id},
    ).fetchone()
    return DocumentRow(*found) if found else None


def step_from(
    db: Database, annotator_id: str | None, doc_id: str, step: int, not_done: bool = False
) -> str | None:
    """The document ``step`` places away from ``doc_id`` in import order (negative: back).

    Without ``not_done``: None past the first or last document. With ``not_done``: only
    documents this annotator has not marked done count, and the walk wraps around once past
    the end (or the start), stopping before ``doc_id`` itself; None when there are not enough.
    """
    if step == 0:
        raise ValueError("step must not be 0")
    found = db.execute("SELECT seq FROM documents WHERE id = ?", [doc_id]).fetchone()
    if found is None:
        return None
    seq, wanted = found[0], abs(step)
    ahead, behind, direction = (">", "<", "") if step > 0 else ("<", ">", " DESC")
    ids = _walk(db, annotator_id, f"d.seq {ahead} :seq", direction, seq, wanted, not_done)
    if len(ids) < wanted and not_done:
        # wrap: go on from the other end of the list, up to the document we started from
        rest = wanted - len(ids)
        ids += _walk(db, annotator_id, f"d.seq {behind} :seq", direction, seq, rest, not_done)
    return ids[-1] if len(ids) == wanted else None


def _walk(
    db: Database,
    annotator_id: str | None,
    where: str,
    direction: str,
    seq: int,
    limit: int,
    not_done: bool,
) -> list[str]:
    if not_done:
        where += f" AND {_STATE} <> 'done'"
    rows = db.execute(
        f"SELECT d.id FROM documents d {_JOIN_STATUS} WHERE {where} "
        f"ORDER BY d.seq{direction} LIMIT :limit",
        {"annotator": annotator_id, "seq": seq, "limit": limit},
    )
    return [r[0] for r in rows]


def fts_prefix_query(text: str) -> str:
    """Every word of ``text`` as a quoted FTS5 prefix ("kara" finds "Karamov" while typing)."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in text.split())


def search_text(
    db: Database, annotator_id: str | None, text: str, limit: int, status: str | None = None
) -> list[tuple[DocumentRow, str]]:
    """Documents matching ``text`` in title or text, best first, with a snippet.

    The snippet marks matches with [ and ]; it comes from the title or the text, whichever
    matches best.
    """
    terms = fts_prefix_query(text)
    if not terms or limit <= 0:
        return []
    if status is not None:
        check_state(status)
    where = f" AND {_STATE} = :status" if status is not None else ""
    rows = db.execute(
        f"SELECT {_ROW}, snippet(documents_fts, -1, '[', ']', '…', 12) FROM documents_fts "
        f"JOIN documents d ON d.seq = documents_fts.rowid {_JOIN_STATUS} "
        f"WHERE documents_fts MATCH :terms{where} ORDER BY rank LIMIT :limit",
        {"annotator": annotator_id, "terms": terms, "status": status, "limit": limit},
    )
    return [(DocumentRow(*r[:7]), r[7]) for r in rows]


def position_in_import_order(db: Database, doc_id: str, descending: bool) -> int | None:
    """The row of ``doc_id`` in import order, answered from the primary key (no numbering)."""
    row = db.execute("SELECT seq FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    op = ">" if descending else "<"
    return db.execute(f"SELECT count(*) FROM documents WHERE seq {op} ?", [row[0]]).fetchone()[0]
