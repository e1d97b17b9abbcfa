"""Make the benchmark projects once and keep them in bench/data/ (re-used when present).

    python bench/generate.py                     # the 10k, 100k and long-article projects
    python bench/generate.py --articles 10000    # one of them (also: 100000, or --long)
    python bench/generate.py --force             # make them again
    python bench/generate.py --check             # also check() the 100k project (slow)

Projects (all with the default schema, one annotator "Bench", ~2,000 registry entities with
aliases; English news prose from bench/newsgen.py, seeded, so every run makes the same text):

- ``news-10000.annotator``: 10,000 articles of ~3 KB, 10 annotations (actors, quotes,
  demands, cues) and 5 relations each; ~88 % of the actor mentions linked to an entity.
- ``news-100000.annotator``: 100,000 such articles, and the 1 MB article with 10,000
  annotations in the middle (position 50,001), so that the first and the last documents
  are ordinary ones.
- ``long-article.annotator``: two ordinary articles, then the 1 MB article.

Every few documents are done or in progress; the last document is in progress (it is the one
the start benchmark opens). Each project has a manifest (``NAME.json``: counts, sizes, the
ids the GUI benchmarks need), read by :func:`ensure`.

The file is made by ``Project.create`` (file format, application id, migrations, full-text
triggers); the rows are then written with plain sqlite3 in one transaction, indexes dropped
and made again afterwards, the full-text index filled per batch as the import does; then
``ANALYZE``. The 10k and the long-article projects are verified by ``Project.check()``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import Article, NewsWriter, make_registry, uid

GENERATOR_VERSION = 1
SEED = 2026
DATA = Path(__file__).resolve().parent / "data"
LONG_AT = 50_000  # the long article's position (0-based) in the 100k project
BATCH = 2000
BASE_TIME = dt.datetime(2026, 11, 1, 8, 0, 0, tzinfo=dt.UTC)
KEEP_INDEXES = {"sqlite_autoindex"}  # implicit (UNIQUE, PRIMARY KEY) indexes stay


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def stamp(seconds: float) -> str:
    t = BASE_TIME + dt.timedelta(seconds=seconds)
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def project_name(articles: int | str) -> str:
    return "long-article" if articles == "long" else f"news-{articles}"


class Loader:
    """Writes rows into a project file made by Project.create, in one transaction."""

    def __init__(self, path: Path, rng: random.Random) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        c = self.conn
        c.execute("PRAGMA journal_mode = OFF")  # a new file: on failure it is deleted
        c.execute("PRAGMA synchronous = OFF")
        c.execute("PRAGMA cache_size = -1000000")  # 1 GB
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("BEGIN")
        self.dropped = c.execute(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL AND tbl_name IN ('documents', 'annotations', 'relations', "
            "'document_status') AND name <> 'documents_ad' AND name <> 'documents_au'"
        ).fetchall()
        for name, sql in self.dropped:
            kind = "TRIGGER" if sql.upper().startswith("CREATE TRIGGER") else "INDEX"
            c.execute(f'DROP {kind} "{name}"')
        self.annotator = uid(rng)
        c.execute(
            "INSERT INTO annotators (id, name, created) VALUES (?, 'Bench', ?)",
            [self.annotator, stamp(0)],
        )
        self.seq = 0
        self.indexed = 0
        self.counts = {"documents": 0, "annotations": 0, "relations": 0, "fragments": 0}
        self.labels: dict[str, int] = {}
        self.status: dict[str, int] = {}
        self.ids: list[str] = []
        self.docs: list[tuple] = []
        self.anns: list[tuple] = []
        self.rels: list[tuple] = []

    def entities(self, registry: list) -> None:
        rows = [
            (e.id, e.name, e.type, dumps(e.aliases), e.wikidata, e.note, stamp(0), stamp(0))
            for e in registry
        ]
        self.conn.executemany(
            "INSERT INTO entities (id, name, type, aliases, wikidata, note, created, modified) "
            "VALUES (?,?,?,?,?,?,?,?)",
            rows,
        )

    def add(self, article: Article, rng: random.Random, state: str | None) -> str:
        """Queue one article with its annotations, relations and status."""
        self.seq += 1
        doc_id = uid(rng)
        text = article.text
        created = stamp(self.seq * 7)
        metadata = dumps({"section": article.section, "lang": "en"})
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.docs.append(
            (
                self.seq,
                doc_id,
                article.title,
                article.source,
                article.url,
                article.published,
                metadata,
                text,
                sha,
                created,
            )
        )
        ids = []
        for n, span in enumerate(article.spans):
            ann_id = uid(rng)
            ids.append(ann_id)
            fragments = dumps(
                [{"start": a, "end": b, "text": text[a:b]} for a, b in span.fragments]
            )
            when = f"{created[:-4]}{n % 1000:03d}Z"
            self.anns.append(
                (
                    ann_id,
                    doc_id,
                    span.label,
                    span.fragments[0][0],
                    span.fragments[-1][1],
                    fragments,
                    dumps(span.attributes),
                    span.entity,
                    self.annotator,
                    "manual",
                    None,
                    when,
                    when,
                )
            )
            self.labels[span.label] = self.labels.get(span.label, 0) + 1
            self.counts["fragments"] += len(span.fragments)
        for type_, source, target in article.relations:
            self.rels.append((uid(rng), type_, ids[source], ids[target], self.annotator, created))
        if state is not None:
            self.conn.execute(
                "INSERT INTO document_status (document, annotator, state, updated) "
                "VALUES (?,?,?,?)",
                [doc_id, self.annotator, state, created],
            )
            self.status[state] = self.status.get(state, 0) + 1
        self.counts["annotations"] += len(article.spans)
        self.counts["relations"] += len(article.relations)
        self.counts["documents"] += 1
        self.ids.append(doc_id)
        if len(self.docs) >= BATCH:
            self.flush()
        return doc_id

    def flush(self) -> None:
        c = self.conn
        c.executemany(
            "INSERT INTO documents (seq, id, title, source, url, published, metadata, text, "
            "sha256, created) VALUES (?,?,?,?,?,?,?,?,?,?)",
            self.docs,
        )
        c.execute(
            "INSERT INTO documents_fts (rowid, title, text) "
            "SELECT seq, title, text FROM documents WHERE seq > ? ORDER BY seq",
            [self.indexed],
        )
        self.indexed = self.seq
        c.executemany(
            'INSERT INTO annotations (id, document, label, start, "end", fragments, attributes, '
            "entity, annotator, origin, note, created, modified) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.anns,
        )
        c.executemany(
            "INSERT INTO relations (id, type, source, target, annotator, created) "
            "VALUES (?,?,?,?,?,?)",
            self.rels,
        )
        self.docs, self.anns, self.rels = [], [], []

    def finish(self) -> None:
        self.flush()
        c = self.conn
        for _name, sql in self.dropped:
            c.execute(sql)
        c.execute("COMMIT")
        c.execute("ANALYZE")
        c.execute("PRAGMA journal_mode = WAL")
        c.close()


def state_of(n: int, total: int) -> str | None:
    if n == total - 1:
        return "in_progress"  # the last document: the one the user was working on
    if n % 53 == 7:
        return "done"
    if n % 71 == 3:
        return "in_progress"
    return None


def build(kind: int | str, data: Path, seed: int) -> dict[str, Any]:
    """Make one project (into a temporary name, renamed when complete); returns its manifest."""
    from annotator import Project  # the file format, migrations, triggers

    name = project_name(kind)
    path = data / f"{name}.annotator"
    partial = data / f"{name}.partial.annotator"
    for p in (path, partial):
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(p) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    Project.create(partial, annotator="Bench", name=name).close()
    registry = make_registry(random.Random(seed))
    writer = NewsWriter(registry)
    loader = Loader(partial, random.Random(seed + 1))
    loader.entities(registry)
    manifest: dict[str, Any] = {"name": name, "version": GENERATOR_VERSION, "seed": seed}
    articles = 2 if kind == "long" else int(kind)
    with_long = kind == "long" or articles >= 100_000
    print(f"{name}: {articles:,} articles{' and the 1 MB article' if with_long else ''}")
    total = articles + (1 if with_long else 0)
    for n in range(articles):
        if with_long and kind != "long" and n == LONG_AT:
            add_long(loader, writer, seed, manifest)
        rng = random.Random(seed * 1_000_003 + n)
        position = loader.seq
        loader.add(writer.article(n, rng), rng, state_of(position, total))
        if (n + 1) % 10_000 == 0:
            print(f"  {n + 1:,} articles, {time.perf_counter() - started:.1f} s", flush=True)
    if kind == "long":
        add_long(loader, writer, seed, manifest)
    print(f"  indexes and ANALYZE ({time.perf_counter() - started:.1f} s so far)", flush=True)
    loader.finish()
    partial.replace(path)
    seconds = time.perf_counter() - started
    manifest.update(
        path=str(path),
        seconds=round(seconds, 1),
        bytes=path.stat().st_size,
        entities=len(registry),
        labels=loader.labels,
        status=loader.status,
        first_id=loader.ids[0],
        last_id=loader.ids[-1],
        ids_sample=loader.ids[:: max(1, len(loader.ids) // 1000)],
        **loader.counts,
    )
    (data / f"{name}.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(
        f"  done in {seconds:.1f} s: {manifest['documents']:,} documents, "
        f"{manifest['annotations']:,} annotations, {manifest['relations']:,} relations, "
        f"{manifest['bytes'] / 1e6:,.0f} MB"
    )
    return manifest


def add_long(loader: Loader, writer: NewsWriter, seed: int, manifest: dict[str, Any]) -> None:
    rng = random.Random(seed * 7 + 1)
    article = writer.long_article(rng)
    manifest["long_id"] = loader.add(article, rng, "in_progress")
    manifest["long_position"] = loader.seq - 1
    manifest["long_chars"] = len(article.text)
    manifest["long_bytes"] = len(article.text.encode("utf-8"))
    manifest["long_annotations"] = len(article.spans)
    manifest["long_fragments"] = sum(len(s.fragments) for s in article.spans)


def verify(manifest: dict[str, Any]) -> None:
    """Project.check() (read-only) and the full-text index's own integrity check."""
    from annotator import Project

    path = Path(manifest["path"])
    started = time.perf_counter()
    with Project.open(path, readonly=True) as project:
        report = project.check()
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
        fts = "ok"
    except sqlite3.DatabaseError as exc:
        fts = f"FAILED: {exc}"
    finally:
        conn.close()
    seconds = time.perf_counter() - started
    print(
        f"  check() of {path.name} in {seconds:.1f} s: {len(report.errors)} errors, "
        f"{len(report.warnings)} warnings; checked {report.checked}; full-text index {fts}"
    )
    for line in report.errors[:10]:
        print(f"    error: {line}")
    for line in report.warnings[:5]:
        print(f"    warning: {line}")
    if report.errors or fts != "ok":
        raise SystemExit(f"{path}: the generated project does not check clean")


def ensure(
    kind: int | str,
    *,
    force: bool = False,
    data: Path = DATA,
    seed: int = SEED,
    check: bool | None = None,
) -> dict[str, Any]:
    """The manifest of a benchmark project, made first when missing, outdated or forced."""
    data.mkdir(parents=True, exist_ok=True)
    name = project_name(kind)
    manifest_path = data / f"{name}.json"
    path = data / f"{name}.annotator"
    if not force and manifest_path.exists() and path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("version") == GENERATOR_VERSION and manifest.get("seed") == seed:
            manifest["path"] = str(path)
            manifest["cached"] = True
            if check:
                verify(manifest)
            return manifest
    manifest = build(kind, data, seed)
    if check if check is not None else kind != 100_000 and kind != "100000":
        verify(manifest)
    return manifest


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--articles",
        type=int,
        action="append",
        choices=(10_000, 100_000),
        help="make this project (repeatable; default: all three)",
    )
    p.add_argument("--long", action="store_true", help="make the long-article project")
    p.add_argument("--force", action="store_true", help="make it again even if present")
    p.add_argument(
        "--check",
        action="store_true",
        help="check() every project asked for, also the 100k one and cached ones",
    )
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--data", type=Path, default=DATA, help=f"folder (default {DATA})")
    args = p.parse_args()
    kinds: list[int | str] = list(args.articles or [])
    if args.long:
        kinds.append("long")
    kinds = kinds or [10_000, 100_000, "long"]
    for kind in kinds:
        m = ensure(
            kind,
            force=args.force,
            data=args.data,
            seed=args.seed,
            check=True if args.check else None,
        )
        print(
            f"{m['name']}: {m['documents']:,} documents, {m['annotations']:,} annotations, "
            f"{m['relations']:,} relations, {m['entities']:,} entities, "
            f"{m['bytes'] / 1e6:,.0f} MB ({Path(m['path'])}); made in {m['seconds']} s"
            f"{' (cached)' if m.get('cached') else ''}"
        )


if __name__ == "__main__":
    main()
