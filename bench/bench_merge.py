"""Speed of merging three annotators' files into a new review project (``annotator merge``).

Target (issue 9): 1,000 documents (~3 KB each) × 3 annotators × 50 spans each, merged into a
new review project in at most 5 s. The files are made here: a lead's project of 1,000 articles
is distributed to three annotators with a 100% overlap (every file holds every document), and
each annotator's 50 spans per document are written through the API (one transaction per
file). Then, interleaved, ``--repeat`` times each:

- *merge*: ``merge_team`` of the three files into a new review project (what
  ``annotator merge OUT a b c`` runs, without the interpreter's start);
- *merge again*: the same into the project just made (idempotent: nothing new is written);
- baseline *backup copy*: SQLite's backup API copying the three files (every row, no work);
- baseline *merge_native of one file*: ``Project.merge_native`` of one file's native data into
  an empty project (the per-row merge the team merge is built on).
"""

from __future__ import annotations

import random
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from common import (
    ArticleMaker,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    remove_project,
    word_spans,
)

from annotator import Project
from annotator.io.team_inputs import open_inputs
from annotator.store.distribute import distribute
from annotator.store.team_merge import merge_team

NAMES = ("ana", "ben", "cem")
LABELS = ("Actor", "Quote", "Demand", "Cue")


def make_files(folder: Path, documents: int, spans: int) -> list[Path]:
    lead = folder / "lead.annotator"
    writer = ArticleMaker(seed=9)
    with Project.create(lead, annotator="Lead") as p, p.transaction():
        for number in range(documents):
            article = writer.article(number, 3000)
            p.documents.add(article["text"], title=article["title"])
    team = folder / "team"
    team.mkdir()
    with Project.open(lead, backup=False) as p:
        distribute(p, list(NAMES), team, overlap=100)
    files = [team / f"{n}.annotator" for n in NAMES]
    for seed, path in enumerate(files):
        rng = random.Random(seed)
        with Project.open(path, backup=False) as p, p.transaction():
            layer = p.layer()
            for doc in p.documents.all():
                words = word_spans(doc.text)
                for start, end in sorted(rng.sample(words, spans)):
                    layer.add_annotation(doc.id, rng.choice(LABELS), [(start, end)])
    return files


def copy_with_backup(files: list[Path], folder: Path) -> None:
    for i, path in enumerate(files):
        target = folder / f"copy-{i}.sqlite"
        with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        target.unlink()


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents, spans = (100, 20) if args.quick else (1000, 50)
    repeat = args.repeat or 3
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        made = f"{len(NAMES)} files of {documents} documents × {spans} spans"
        print(f"making {made}…", file=sys.stderr)
        files = make_files(folder, documents, spans)
        out = folder / "review.annotator"

        def merge_new() -> float:
            remove_project(out)
            return clock(lambda: merge_team(out, lambda: open_inputs(files), backup=False))

        def merge_again() -> float:
            if not out.exists():
                merge_team(out, lambda: open_inputs(files), backup=False)
            return clock(lambda: merge_team(out, lambda: open_inputs(files), backup=False))

        def backup_copy() -> float:
            return clock(lambda: copy_with_backup(files, folder))

        def merge_one() -> float:
            target = folder / "one.annotator"
            remove_project(target)
            with Project.open(files[0], readonly=True) as src:
                data = src.datasets()
                header = data.header()
                docs = [(str(i), d) for i, d in enumerate(data.document_dicts())]
            with Project.create(target, annotator="Bench") as p:
                return clock(lambda: p.merge_native(header, docs))

        measures = interleaved(
            {
                "merge 3 files into a new review project": merge_new,
                "merge the same 3 files again (nothing new)": merge_again,
                "backup API copy of the 3 files": backup_copy,
                "merge_native of 1 file into an empty project": merge_one,
            },
            repeat,
        )
        rows_in_review = sqlite3.connect(out).execute("SELECT count(*) FROM annotations")
        annotations = rows_in_review.fetchone()[0]
    names = list(measures)
    merge, again, copy, one = (measures[n] for n in names)
    quick = " (--quick: not the target sizes)" if args.quick else ""
    print_table(
        f"Merge: {len(NAMES)} files × {documents} documents × {spans} spans = "
        f"{annotations:,} annotations in the review project{quick}",
        [
            Row(merge, "≤ 5 s", merge.best <= 5.0 if not args.quick else None),
            Row(again),
            Row(copy),
            Row(one),
        ],
        [("backup copy", copy), ("merge_native 1 file", one)],
    )


if __name__ == "__main__":
    main()
