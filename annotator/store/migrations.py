"""The project file's schema, as named sqlite-utils migrations.

Each migration runs once, in its own transaction, and is recorded in ``_sqlite_migrations``.
``FORMAT_VERSION`` is the number of migrations this version knows; it is also written to
``PRAGMA user_version`` so that a newer file can be recognised from its header alone.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

#: Our ``PRAGMA application_id``: the bytes "ANNO". Files without it are not ours.
APPLICATION_ID = 0x414E4E4F

migrations = Migrations("annotator")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE project (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            schema TEXT NOT NULL,
            guidelines TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        ) STRICT;
        CREATE TABLE schema_versions (
            seq INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            schema TEXT NOT NULL,
            installed TEXT NOT NULL
        ) STRICT;
        CREATE TABLE annotators (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        ) STRICT;
        CREATE TABLE documents (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT,
            url TEXT,
            published TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        ) STRICT;
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT,
            aliases TEXT NOT NULL DEFAULT '[]',
            wikidata TEXT,
            note TEXT,
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        ) STRICT;
        CREATE INDEX entities_name ON entities (name);
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            fragments TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            entity TEXT REFERENCES entities (id) ON DELETE SET NULL,
            annotator TEXT REFERENCES annotators (id),
            origin TEXT NOT NULL DEFAULT 'manual',
            note TEXT,
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        ) STRICT;
        CREATE INDEX annotations_document ON annotations (document, start);
        CREATE INDEX annotations_label ON annotations (label);
        CREATE INDEX annotations_entity ON annotations (entity);
        CREATE INDEX annotations_annotator ON annotations (annotator);
        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            source TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            target TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            annotator TEXT REFERENCES annotators (id),
            created TEXT NOT NULL,
            CHECK (source <> target)
        ) STRICT;
        CREATE INDEX relations_source ON relations (source);
        CREATE INDEX relations_target ON relations (target);
        CREATE TABLE document_status (
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators (id),
            state TEXT NOT NULL CHECK (state IN ('new', 'in_progress', 'done')),
            updated TEXT NOT NULL,
            PRIMARY KEY (document, annotator)
        ) STRICT;
        """
    )
    # Full-text search over titles and texts; triggers keep it in step with documents.
    db.table("documents").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations(name="0002_listing_indexes")
def _listing_indexes(db: Database) -> None:
    # The document list sorts 100,000 documents by these keys and skips pages of rows. Each
    # index ends with seq (the tie-break) and id (to join the status table), so that rows can
    # be skipped in the index alone without reading the texts (see store/listing.py).
    for name, columns in (
        ("documents_by_order", "documents (seq, id)"),
        ("documents_by_title", "documents (title COLLATE NOCASE, seq, id)"),
        ("documents_by_source", "documents (source COLLATE NOCASE, seq, id)"),
        ("documents_by_published", "documents (published, seq, id)"),
        ("document_status_by_annotator", "document_status (annotator, state)"),
    ):
        db.execute(f"CREATE INDEX {name} ON {columns}")


@migrations(name="0003_team_review")
def _team_review(db: Database) -> None:
    # Team work (docs/team.md): which documents a lead handed to whom, the project's own
    # settings (e.g. whose file this is, whether other layers are hidden), and the
    # reviewer's rejections (an annotation that gold does not take, kept so the unit it
    # belongs to reads as rejected).
    db.executescript(
        """
        CREATE TABLE assignments (
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators (id),
            overlap INTEGER NOT NULL DEFAULT 0 CHECK (overlap IN (0, 1)),
            PRIMARY KEY (document, annotator)
        ) STRICT;
        CREATE INDEX assignments_by_annotator ON assignments (annotator, document);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE rejections (
            annotation TEXT PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            created TEXT NOT NULL
        ) STRICT;
        CREATE INDEX rejections_by_document ON rejections (document);
        """
    )


@migrations(name="0004_suggestions")
def _suggestions(db: Database) -> None:
    # Assisted tagging (docs/assist.md): the engine and score of each annotation of the
    # reserved suggestions layer, and the verdicts people gave (a span of a label in a
    # document, accepted or rejected), so that a span once decided is not suggested again and
    # the window can count what was accepted and rejected per label.
    db.executescript(
        """
        CREATE TABLE suggestion_info (
            annotation TEXT PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
            engine TEXT NOT NULL,
            score REAL NOT NULL
        ) STRICT;
        CREATE TABLE suggestion_verdicts (
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
            engine TEXT NOT NULL,
            annotator TEXT REFERENCES annotators (id),
            created TEXT NOT NULL,
            PRIMARY KEY (document, label, start, "end")
        ) STRICT;
        """
    )


@migrations(name="0005_verdicts_per_person")
def _verdicts_per_person(db: Database) -> None:
    # One verdict per span and person, not per span: a review project merges the files of
    # several people, who may each have decided the same suggestion (ADR 26). One statement
    # at a time, inside the migration's transaction (a script would commit half-way).
    db.execute(
        """
        CREATE TABLE suggestion_verdicts_new (
            document TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
            engine TEXT NOT NULL,
            annotator TEXT REFERENCES annotators (id),
            created TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("INSERT INTO suggestion_verdicts_new SELECT * FROM suggestion_verdicts")
    db.execute("DROP TABLE suggestion_verdicts")
    db.execute("ALTER TABLE suggestion_verdicts_new RENAME TO suggestion_verdicts")
    db.execute(
        "CREATE UNIQUE INDEX suggestion_verdicts_by_span ON suggestion_verdicts "
        "(document, label, start, \"end\", ifnull(annotator, ''))"
    )


#: How many migrations this version of Annotator knows.
KNOWN_MIGRATIONS = tuple(m.name for m in migrations.pending(Database(memory=True)))
FORMAT_VERSION = len(KNOWN_MIGRATIONS)


def apply_migrations(db: Database) -> None:
    migrations.apply(db)
    # Only write when it differs: setting it always would change the file on every open,
    # so that each open looked like a change and took a new backup.
    if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT_VERSION:
        db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
