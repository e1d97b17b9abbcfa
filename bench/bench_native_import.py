"""Import speed of annotated native JSONL against the plain import of the same articles.

Target (issue 10): importing a native JSONL export of 10,000 articles with 100,000 annotations
and 50,000 relations takes at most 3× the import of the same articles as plain JSONL (text,
title, source, url, published, section, lang; no annotations).

Setup (not timed): the ``news-10000`` project of ``generate.py`` (made once in bench/data/:
10,000 articles of ~3 KB, 10 annotations each — Actors, most linked to the ~2,000 registry
entities, Quotes some of them discontinuous, Demands, Cues, with attributes — and 5 relations
each, one annotator, a few statuses) is exported with ``export_project(project, "jsonl", …)``;
its documents are written as a plain JSONL of articles.

Timed, interleaved in one process, each into a new project made before the clock starts, until
``import_paths`` returns (its one transaction committed):

* baseline: ``import_paths`` of the plain JSONL (what ``annotator import P articles.jsonl``
  runs);
* ``import_paths`` of the native JSONL export (format detected: ``annotator/1``), with every
  annotation, relation, status and registry entity (at 82.9 MB it is read ahead by a second
  process, as every native export of 20 MB or more: ``annotator/io/native_ahead.py``);
* for information, the same native import into the project it just made (everything is there
  already: nothing is written).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    ratio,
    remove_project,
)
from generate import ensure

from annotator.io.exporting import export_project
from annotator.io.importing import import_paths
from annotator.store.project import Project

TARGET = 3.0
BASE = "baseline: import of the plain JSONL articles"
NATIVE = "import of the native JSONL export (annotated)"
AGAIN = "the same native import again, into that project (info)"


def write_articles(source: Path, out: Path) -> None:
    """The documents of ``source`` as a plain JSONL of articles (no annotations)."""
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT title, source, url, published, metadata, text FROM documents ORDER BY seq"
        )
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for title, src, url, published, metadata, text in rows:
                record: dict[str, Any] = {
                    "title": title,
                    "source": src,
                    "url": url,
                    "published": published,
                    **json.loads(metadata),
                    "text": text,
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        conn.close()


def import_case(
    folder: Path, data: Path, counter: list[int], check: Callable[[Project], None]
) -> Callable[[], float]:
    """``import_paths`` of ``data`` into a new project (made before the clock starts)."""

    def case() -> float:
        counter[0] += 1
        path = folder / f"project-{counter[0]}.annotator"
        with Project.create(path, annotator="Bench") as project:
            seconds = clock(lambda: import_paths(project, [data]))
            check(project)
        remove_project(path)
        return seconds

    return case


def again_case(folder: Path, native: Path) -> Callable[[], float]:
    path = folder / "again.annotator"

    def case() -> float:
        with Project.open(path, annotator="Bench", backup=False) as project:
            report = [None]
            seconds = clock(lambda: report.__setitem__(0, import_paths(project, [native])))
            assert report[0] is not None and report[0].annotations == 0
        return seconds

    with Project.create(path, annotator="Bench") as project:
        import_paths(project, [native])
    return case


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    articles = 1_000 if args.quick else 10_000
    repeat = args.repeat or 3
    manifest = ensure(articles)
    source = Path(manifest["path"])
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        plain = folder / "articles.jsonl"
        native = folder / "export.jsonl"
        write_articles(source, plain)
        with Project.open(source, readonly=True) as project:
            export_project(project, "jsonl", native)
        counts = (manifest["documents"], manifest["annotations"], manifest["relations"])
        print(
            f"{counts[0]:,} articles, {counts[1]:,} annotations, {counts[2]:,} relations; "
            f"plain JSONL {plain.stat().st_size / 1e6:.1f} MB, native JSONL "
            f"{native.stat().st_size / 1e6:.1f} MB; best and median of {repeat} runs"
        )

        def plain_done(project: Project) -> None:
            assert project.documents.count() == counts[0]

        def native_done(project: Project) -> None:
            info = project.info()
            found = (info["documents"], info["annotations"], info["relations"])
            assert found == counts, f"imported {found}, expected {counts}"

        counter = [0]
        results = interleaved(
            {
                BASE: import_case(folder, plain, counter, plain_done),
                NATIVE: import_case(folder, native, counter, native_done),
                AGAIN: again_case(folder, native),
            },
            repeat,
        )
    base, measured = results[BASE], results[NATIVE]
    met = ratio(measured, base) <= TARGET
    print_table(
        f"Import of {counts[0]:,} articles: plain, and native with {counts[1]:,} annotations "
        f"and {counts[2]:,} relations",
        [
            Row(base),
            Row(measured, f"<= {TARGET:g}x baseline", met),
            Row(results[AGAIN]),
        ],
        [("baseline", base)],
    )
    print(f"target ≤ {TARGET:g}× the plain import: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
