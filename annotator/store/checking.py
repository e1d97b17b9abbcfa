"""``annotator check`` (``Project.check``): every verification of a project file, in about the
time of SQLite's own ``PRAGMA integrity_check`` and in flat memory.

- SQLite's ``integrity_check`` and the full-text index check (store/fts_check.py) each run
  on a connection of their own, in a thread, while the main thread checks the rest: SQLite
  works outside Python's lock, so they share the machine's cores (with one core, they take
  turns);
- foreign keys; each text against its SHA-256 and each fragment against its text, in one
  pass over the documents in import order, with the fragments of a document's annotations
  read as one JSON list; each annotation's stored extent; the schema, judged once per
  distinct combination of label, attributes and link (and of relation type and ends), not
  once per row;
- warnings: unfinished annotations and duplicates, counted by SQLite in one pass
  (store/problems.py).

Rows are streamed, never collected: at most :data:`ERROR_LIMIT` messages are kept per kind of
error, the others are counted ("… and 1,234 more").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlite_utils import Database

from annotator.core.reports import Cancelled, CheckReport, ProgressCallback
from annotator.core.schema import Schema
from annotator.store.fts_check import check_on_private_copy, database_file
from annotator.store.problems import count_by_check
from annotator.store.schema_check import (
    annotation_problems,
    relation_keys_are_known,
    relation_problems,
)

#: Messages kept per kind of error; the rest are counted.
ERROR_LIMIT = 1000
#: Documents between two calls of the progress callback.
PROGRESS_EVERY = 200

#: Documents with more annotations than this are read one annotation at a time (memory stays
#: that of one annotation, not of a document's thousands).
MANY = 1000


def documents_query() -> str:
    """Each document in import order, with the fragments of all its annotations as one JSON
    list (one ``json.loads`` per document), or "many" (more than MANY); a document with
    anything wrong is read again, one annotation at a time, to name them. (A value that is
    not JSON might pass for part of the list: EXTENT_PROBLEMS names it as an error.)"""
    return (
        "SELECT d.seq, d.id, CAST(d.text AS BLOB), d.sha256, "
        f"(SELECT CASE WHEN count(*) > {int(MANY)} THEN 'many' "
        "ELSE '[' || group_concat(a.fragments, ',') || ']' END FROM annotations a "
        "WHERE a.document = d.id) FROM documents d ORDER BY d.seq"
    )


#: Annotations whose fragments are not a non-empty JSON list, or whose stored extent (start of
#: the first fragment, end of the last) does not match them. CASE keeps SQLite from reading
#: JSON that is not valid.
EXTENT_PROBLEMS = (
    "SELECT id, json_valid(fragments) FROM annotations NOT INDEXED WHERE CASE "
    "WHEN NOT json_valid(fragments) THEN 1 "
    "WHEN json_type(fragments) <> 'array' OR json_array_length(fragments) = 0 THEN 1 "
    "ELSE start IS NOT fragments ->> '$[0].start' OR \"end\" IS NOT fragments ->> '$[#-1].end' "
    "END"
)


class _Errors:
    """The report's errors, at most ERROR_LIMIT of each kind (the others counted)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._kept: Counter[str] = Counter()
        self._more: Counter[str] = Counter()

    def add(self, kind: str, message: str) -> None:
        if self._kept[kind] < ERROR_LIMIT:
            self._kept[kind] += 1
            self.messages.append(message)
        else:
            self._more[kind] += 1

    def summary(self) -> list[str]:
        return [f"{kind}: … and {n:,} more" for kind, n in self._more.items()]


@dataclass
class _Found:
    """What one part of the check found."""

    errors: _Errors = field(default_factory=_Errors)
    warnings: list[str] = field(default_factory=list)
    problems: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    stopped: str | None = None  # the damage that stopped this part


Work = Callable[[Database, _Found], None]


class _Part(threading.Thread):
    """A part of the check, on a connection of its own, beside the main thread."""

    def __init__(self, name: str, conn: sqlite3.Connection, work: Work) -> None:
        super().__init__(name=name, daemon=True)
        self.conn = conn
        self.found = _Found()
        self._work = work
        self.interrupted = False

    def run(self) -> None:
        try:
            _run_part(self._work, Database(self.conn), self.found, self.name)
        finally:
            self.conn.close()

    def stop(self) -> None:
        self.interrupted = True
        with contextlib.suppress(sqlite3.ProgrammingError):  # already closed: it is done
            self.conn.interrupt()


def _run_part(work: Work, db: Database, found: _Found, name: str) -> None:
    try:
        work(db, found)
    except sqlite3.DatabaseError as exc:
        found.stopped = (
            f"damage: the file cannot be read further ({exc}); the {name} check stopped "
            f"here. `annotator recover` copies what can be read into a new project"
        )


def _integrity(db: Database, found: _Found) -> None:
    for (row,) in db.execute("PRAGMA integrity_check"):
        if row != "ok":
            found.errors.add("integrity", f"integrity: {row}")


def _tables(schema: Schema) -> Work:
    """Foreign keys, stored extents, the schema and the counts of problems: SQLite's work."""

    def work(db: Database, found: _Found) -> None:
        errors = found.errors
        # the relations' own keys are checked with their ends' labels, in one pass
        combined = relation_keys_are_known(db)
        tables = db.execute(
            "SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) "
            "WHERE m.type = 'table' ORDER BY m.rowid"
        ).fetchall()
        for (name,) in tables:
            if combined and name == "relations":
                continue
            for table, rowid, parent, _fk in db.execute(f'PRAGMA foreign_key_check("{name}")'):
                errors.add(
                    f"foreign key ({table})",
                    f"foreign key: {table} row {rowid} points to a missing {parent}",
                )
        for ann_id, valid in db.execute(EXTENT_PROBLEMS):
            message = (
                "stored extent does not match fragments"
                if valid
                else ("its fragments are not readable JSON")
            )
            errors.add("extent", f"annotation {ann_id}: {message}")
        for kind, message in annotation_problems(db, schema):
            errors.add(kind, f"schema: {message}")
        for kind, message in relation_problems(db, schema, foreign_keys=combined):
            errors.add(kind, message if kind.startswith("foreign") else f"schema: {message}")
        found.checked = {
            "annotations": db.execute("SELECT count(*) FROM annotations").fetchone()[0],
            "relations": db.execute("SELECT count(*) FROM relations").fetchone()[0],
        }
        for check, count in count_by_check(db, schema):
            found.warnings.append(f"{count} {check.counted_as}")
            found.problems += count

    return work


def _own_reader(main_file: str) -> sqlite3.Connection | None:
    """Another read-only connection to ``main_file``."""
    for flags in ("mode=ro", "immutable=1"):  # immutable: read-only media (no -shm possible)
        try:
            reader = sqlite3.connect(
                f"file:{quote(main_file)}?{flags}", uri=True, check_same_thread=False
            )
        except sqlite3.OperationalError:
            continue
        try:
            reader.execute("PRAGMA query_only = ON")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            reader.close()
            continue
        return reader
    return None


def _parts(db: Database, schema: Schema) -> list[tuple[str, Work, sqlite3.Connection | None]]:
    """The parts that run beside the main thread, each with its connection (None when the
    database has no file to open again: then the main thread runs them)."""
    main_file = database_file(db.conn)

    def full_text(fts_db: Database, found: _Found) -> None:
        for message in check_on_private_copy(fts_db.conn, main_file):
            found.errors.add("full-text index", message)

    def reader() -> sqlite3.Connection | None:
        return _own_reader(main_file) if main_file else None

    private = sqlite3.connect("", check_same_thread=False) if main_file else None
    return [
        ("integrity", _integrity, reader()),
        ("full-text index", full_text, private),
        ("tables", _tables(schema), reader()),
    ]


def check(db: Database, schema: Schema, progress: ProgressCallback | None = None) -> CheckReport:
    """Every check of ``annotator check``; damage SQLite meets on the way is one more error
    (that part of the check stops there), never an exception."""
    threads: list[_Part] = []
    serial: list[tuple[str, Work]] = []
    for name, work, conn in _parts(db, schema):
        if conn is None:
            serial.append((name, work))
        else:
            threads.append(_Part(name, conn, work))
    for thread in threads:
        thread.start()
    main = _Found()
    finished = False
    try:
        for name, work in serial:  # a database in memory
            if name != "full-text index":
                _run_part(work, db, main, name)
        _run_part(lambda db, found: _texts_and_fragments(db, found, progress), db, main, "text")
        finished = True
    finally:
        for thread in threads:
            if not finished:  # cancelled: stop them too
                thread.stop()
            thread.join()
    parts = [thread.found for thread in threads] + [main]
    report = CheckReport()
    for found in parts:
        report.errors += found.errors.messages + found.errors.summary()
        report.warnings += found.warnings
        report.problems += found.problems
        report.checked.update(found.checked)
    report.errors += [found.stopped for found in parts if found.stopped]
    report.checked = {
        key: report.checked.get(key, 0)
        for key in ("documents", "annotations", "fragments", "relations")
    }
    return report


def _texts_and_fragments(db: Database, found: _Found, progress: ProgressCallback | None) -> None:
    """Each text against its SHA-256 (and UTF-8), each fragment against its text."""
    errors = found.errors
    total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    docs = fragments = 0
    for _seq, doc_id, raw_text, sha, stored in db.execute(documents_query()):
        docs += 1
        if hashlib.sha256(raw_text).hexdigest() != sha:
            errors.add("text", f"document {doc_id}: text does not match its stored sha256")
        text: str | None
        try:
            text = raw_text.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.add(
                "text",
                f"document {doc_id}: its text is damaged (bytes that are not UTF-8 at "
                f"position {exc.start}); its annotations cannot be checked",
            )
            text = None
        if stored is not None:
            count = None if text is None or stored == "many" else _all_fit(text, stored)
            if count is None:  # something is wrong: name it
                count = _name_misfits(db, errors, doc_id, text)
            fragments += count
        if progress is not None and docs % PROGRESS_EVERY == 0 and progress(docs, total):
            raise Cancelled()
    found.checked = {"documents": docs, "fragments": fragments}


def _all_fit(text: str, stored: str) -> int | None:
    """How many fragments the annotations of a document have (``stored``: their JSON list,
    from documents_query), if each fits ``text`` (else None)."""
    count = 0
    try:
        for fragments in json.loads(stored):
            for f in fragments:
                count += 1
                start, end = f["start"], f["end"]
                if not (type(start) is int and type(end) is int and 0 <= start < end):
                    return None
                if end > len(text) or text[start:end] != f["text"]:
                    return None
    except (ValueError, TypeError, KeyError):
        return None
    return count


def _name_misfits(db: Database, errors: _Errors, doc_id: str, text: str | None) -> int:
    """The fragments of a document's annotations that do not fit ``text``, one annotation at
    a time (fragments that are not a JSON list are named by EXTENT_PROBLEMS). Returns how
    many fragments there are."""
    count = 0
    for ann_id, raw in db.execute(
        "SELECT id, fragments FROM annotations WHERE document = ? ORDER BY start, id", [doc_id]
    ):
        try:
            fragments = json.loads(raw)
        except ValueError:
            continue
        for f in fragments if isinstance(fragments, list) else []:
            count += 1
            if text is None:
                continue
            try:
                problem = _fragment_problem(text, f["start"], f["end"], f["text"])
            except (TypeError, KeyError):
                problem = "a fragment without its start, end and text"
            if problem is not None:
                errors.add("fragment", f"annotation {ann_id} in document {doc_id}: {problem}")
    return count


def _fragment_problem(text: str, start: object, end: object, covered: object) -> str | None:
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        return f"fragment {start}–{end} is outside the text (0–{len(text)})"
    actual = text[start:end]
    if actual != covered:
        return f"fragment {start}–{end} covers {actual!r}, stored snippet is {covered!r}"
    return None


__all__ = ["ERROR_LIMIT", "check"]
