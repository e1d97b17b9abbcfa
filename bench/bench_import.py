"""Import speed: 10,000 articles of about 3 KB each, against a raw ``executemany`` insert.

Target (issue): importing takes at most twice as long as a raw ``sqlite3.executemany`` of the
same rows into an equivalent table. The project's documents table carries a full-text (FTS5)
index, so the equivalent table does too: the baseline inserts the prebuilt rows with
``executemany`` and fills the same external-content FTS5 table with one ``INSERT ... SELECT``
per 1,000 rows, the cheapest way we found to keep such an index (our import does the same).

Measured, each into a fresh file in the same temp folder (WAL, synchronous=FULL, one
transaction; the file and its tables are created before the clock starts):

* baseline: ``executemany`` into the ``documents`` table made with our migration's SQL (same
  columns, UNIQUE id and sha256, STRICT) plus its FTS5 table filled per batch;
* for information, the plain table without any full-text index (what the index costs), and
  the FTS5 table kept by sqlite-utils' per-row insert trigger instead (several times slower:
  FTS5 flushes its pending data at the end of every statement);
* ``project.documents.add_many`` of prebuilt ``DocumentInput`` items;
* ``import_paths`` on a JSONL file of the same articles (what ``annotator import`` runs);
* for information, the real ``annotator import`` command in a subprocess (interpreter start,
  imports, opening the project and taking its backup included)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    ArticleMaker,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    ratio,
    remove_project,
    run_command,
    write_jsonl,
)

from annotator.core.model import DocumentInput, now
from annotator.io.importing import import_paths
from annotator.store.project import Project

PLAIN = "plain table, no full-text index (info)"
BASE = "baseline: executemany + FTS5 per batch"
TRIGGER = "executemany + per-row FTS5 trigger (info)"
ADD_MANY = "project.documents.add_many"
TARGET = 2.0

FTS_TABLE = "documents_fts"
FTS_TRIGGER = "documents_ai"  # the insert trigger; update and delete do not matter here
INSERT = (
    "INSERT INTO documents (id, title, source, url, published, metadata, text, sha256, created) "
    "VALUES (?,?,?,?,?,?,?,?,?)"
)


def project_ddl(folder: Path) -> tuple[str, str, str]:
    """The documents table, its FTS5 table and insert trigger, as our migrations make them.

    Read from a fresh project so that the baseline cannot drift from the real schema.
    """
    path = folder / "schema.annotator"
    with Project.create(path) as project:
        sql = dict(
            project.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE name IN (?, ?, ?)",
                ["documents", FTS_TABLE, FTS_TRIGGER],
            ).fetchall()
        )
    remove_project(path)
    return sql["documents"] + ";\n", sql[FTS_TABLE] + ";\n", sql[FTS_TRIGGER] + ";\n"


FILL_FTS = (
    f"INSERT INTO {FTS_TABLE} (rowid, title, text) SELECT seq, title, text FROM documents "
    "WHERE seq > ?"
)


def metadata_of(article: dict[str, Any]) -> dict[str, Any]:
    return {"section": article["section"], "lang": article["lang"]}


def baseline_rows(articles: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows our import stores, built in advance (the baseline times the insert only)."""
    stamp = now()
    return [
        (
            str(uuid.uuid4()),
            a["title"],
            a["source"],
            a["url"],
            a["published"],
            json.dumps(metadata_of(a), ensure_ascii=False, separators=(",", ":")),
            a["text"],
            hashlib.sha256(a["text"].encode("utf-8")).hexdigest(),
            stamp,
        )
        for a in articles
    ]


def document_inputs(articles: list[dict[str, Any]]) -> list[DocumentInput]:
    return [
        DocumentInput(
            text=a["text"],
            title=a["title"],
            source=a["source"],
            url=a["url"],
            published=a["published"],
            metadata=metadata_of(a),
            origin=f"article {i}",
        )
        for i, a in enumerate(articles)
    ]


def baseline_case(
    folder: Path, rows: list[tuple[Any, ...]], ddl: str, counter: list[int], fts_batch: int = 0
) -> Callable[[], float]:
    """executemany of ``rows`` into a table made by ``ddl``.

    With ``fts_batch``, the FTS5 table is filled by one INSERT ... SELECT per batch of rows
    instead of by the trigger (``ddl`` must then have the FTS5 table without the trigger).
    """

    def case() -> float:
        counter[0] += 1
        path = folder / f"baseline-{counter[0]}.db"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.executescript(ddl)

        def run() -> None:
            conn.execute("BEGIN")
            if fts_batch:
                for start in range(0, len(rows), fts_batch):
                    conn.executemany(INSERT, rows[start : start + fts_batch])
                    conn.execute(FILL_FTS, [start])
            else:
                conn.executemany(INSERT, rows)
            conn.execute("COMMIT")

        seconds = clock(run)
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(rows)
        conn.close()
        remove_project(path)
        return seconds

    return case


def project_case(
    folder: Path, count: int, counter: list[int], work: Callable[[Project], int]
) -> Callable[[], float]:
    """A fresh project per run; ``work`` is timed and returns how many documents it added."""

    def case() -> float:
        counter[0] += 1
        path = folder / f"project-{counter[0]}.annotator"
        project = Project.create(path)
        added = [0]
        seconds = clock(lambda: added.__setitem__(0, work(project)))
        project.close()
        assert added[0] == count, f"{added[0]} documents added, expected {count}"
        remove_project(path)
        return seconds

    return case


def cli_case(folder: Path, jsonl: Path, counter: list[int]) -> Callable[[], float]:
    def case() -> float:
        counter[0] += 1
        path = folder / f"cli-{counter[0]}.annotator"
        Project.create(path).close()
        seconds = run_command([sys.executable, "-m", "annotator", "import", str(path), str(jsonl)])
        remove_project(path)
        return seconds

    return case


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    count = 500 if args.quick else 10_000
    repeat = args.repeat or (2 if args.quick else 5)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        articles = ArticleMaker(seed=1).articles(count)
        chars = sum(len(a["text"]) for a in articles)
        jsonl = folder / "articles.jsonl"
        write_jsonl(articles, jsonl)
        rows = baseline_rows(articles)
        items = document_inputs(articles)
        print(
            f"{count} articles, {chars / count:.0f} characters on average "
            f"({chars / 1e6:.1f} M characters; JSONL file {jsonl.stat().st_size / 1e6:.1f} MB); "
            f"best and median of {repeat} runs"
        )
        documents, fts, trigger = project_ddl(folder)
        counter = [0]
        results = interleaved(
            {
                PLAIN: baseline_case(folder, rows, documents, counter),
                BASE: baseline_case(folder, rows, documents + fts, counter, fts_batch=1000),
                TRIGGER: baseline_case(folder, rows, documents + fts + trigger, counter),
                ADD_MANY: project_case(
                    folder, count, counter, lambda p: p.documents.add_many(items).value.added
                ),
                "import_paths (JSONL file)": project_case(
                    folder, count, counter, lambda p: import_paths(p, [jsonl]).added
                ),
                "annotator import (subprocess, info)": cli_case(folder, jsonl, counter),
            },
            repeat,
        )
    base, plain = results[BASE], results[PLAIN]
    rows_out = [Row(base), Row(plain), Row(results[TRIGGER])]
    for name in (ADD_MANY, "import_paths (JSONL file)"):
        m = results[name]
        rows_out.append(Row(m, f"<= {TARGET:g}x baseline", ratio(m, base) <= TARGET))
    rows_out.append(Row(results["annotator import (subprocess, info)"]))
    print_table(
        f"Import of {count:,} articles (~3 KB each)",
        rows_out,
        [("baseline", base), ("plain", plain)],
    )


if __name__ == "__main__":
    main()
