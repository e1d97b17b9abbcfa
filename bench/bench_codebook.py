"""Speed of a schema change on a large project (issue 9, the codebook).

No target is set; the figures say what a lead waits for after OK in the schema editor (the
plan and the preview are computed on the window's thread) and after ``annotator schema
--import``. Project: ``bench/generate.py`` (``news-10000`` by default, ``--articles 100000``).
Measured in this process, interleaved, ``--repeat`` times, on a copy of the project:

- baseline: ``schema_check.schema_problems`` — the check of every stored annotation and
  relation against a schema that ``project.set_schema`` already ran before this issue;
- *plan*: ``store.schema_change.plan`` — the counts (one grouped pass over the annotations
  and one over the relations) and the pure comparison, for the default schema with Quote
  renamed to Zitat and the migration ``Quote=Zitat``;
- *change*: ``project.change_schema`` with that migration (the quotes rewritten, the schema
  installed, the data checked again), in one transaction; put back (untimed) with
  ``revert_schema_change`` before the next run.
"""

from __future__ import annotations

import copy
import shutil
import sys

from common import (
    Measure,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
)
from generate import ensure

from annotator.core.schema import Schema, parse_schema
from annotator.core.schema_change import Migrations
from annotator.store import schema_change, schema_check
from annotator.store.project import Project


def renamed(schema: Schema) -> Schema:
    raw = copy.deepcopy(schema.raw)
    for label in raw["labels"]:
        if label["name"] == "Quote":
            label["name"] = "Zitat"
    for relation in raw["relations"]:
        if relation["source"] == "Quote":
            relation["source"] = "Zitat"
    return parse_schema(raw)


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--articles", type=int, default=10_000)
    args = p.parse_args()
    repeat = args.repeat or 5
    manifest = ensure(1000 if args.quick else args.articles)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "project.annotator"
        shutil.copy(manifest["path"], path)
        with Project.open(path, backup=False) as project:
            new = renamed(project.schema)
            migrations = Migrations(labels={"Quote": "Zitat"})
            quotes = schema_change.usage(project).label_counts()["Quote"]

            def problems() -> float:
                return clock(lambda: schema_check.schema_problems(project.db, project.schema))

            def plan() -> float:
                return clock(lambda: schema_change.plan(project, new, migrations))

            def change() -> float:
                done: list[schema_change.AppliedChange] = []
                seconds = clock(lambda: done.append(project.change_schema(new, migrations).value))
                project.revert_schema_change(done[0])
                return seconds

            results = interleaved(
                {"schema_problems": problems, "plan": plan, "change": change}, repeat
            )
        base: Measure = results["schema_problems"]
        print(
            f"{manifest.get('documents', '?')} documents, {quotes} quotes migrated", file=sys.stderr
        )
        print_table(
            f"Schema change ({args.articles if not args.quick else 1000} articles, "
            f"{quotes} quotes renamed)",
            [Row(results["plan"]), Row(results["change"])],
            [("schema_problems", base)],
        )


if __name__ == "__main__":
    main()
