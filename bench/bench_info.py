"""Speed of ``annotator info`` on a project of 100,000 documents.

Target (issue): the command finishes in under 1 second, start of the Python interpreter
included, because it is what people type to see where a project stands.

Setup (timed and reported): 100,000 short articles imported with ``documents.add_many``, then
100,000 annotations (an Actor and a Quote in every other document, in the layers of three
annotators: the session's and two added with ``annotators.add``; some Actors linked to the
registry) with 50,000 speaker relations and some statuses, added through the public API in one
``project.transaction()``.

Measured, each command in a subprocess after one untimed warm-up run:

* baseline: ``python -c pass`` (the interpreter starting and stopping);
* ``python -m annotator info PROJECT`` (the target);
* for information: ``python -c "import annotator.cli"`` (the cost of imports), and in this
  process ``Project.open(readonly=True)`` + ``info()`` + ``close()`` (the queries).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from common import (
    ArticleMaker,
    Measure,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    run_command,
    word_spans,
)

from annotator.core.model import DocumentInput
from annotator.store.project import Project

TARGET_SECONDS = 1.0


def build_project(path: Path, documents: int) -> dict[str, float | int]:
    maker = ArticleMaker(seed=4)
    articles = [maker.article(i, chars=400) for i in range(documents)]
    rng = random.Random(5)
    started = time.perf_counter()
    with Project.create(path) as project:
        project.documents.add_many(
            DocumentInput(a["text"], a["title"], a["source"], a["url"], a["published"])
            for a in articles
        )
        imported = time.perf_counter()
        annotations = relations = 0
        with project.transaction():
            layers = [project.layer()] + [
                project.layer(project.annotators.add(name).value.id) for name in ("Ana", "Boris")
            ]
            entities = [
                project.registry.add(f"Actor {i}", type="person").value.id for i in range(200)
            ]
            for n, doc in enumerate(project.documents.all()):
                if n % 2:
                    continue
                layer = layers[n % 3]
                words = word_spans(doc.text)
                actor = layer.add_annotation(
                    doc.id,
                    "Actor",
                    [words[0]],
                    attributes={"type": "person"},
                    entity=rng.choice(entities) if rng.random() < 0.3 else None,
                ).value
                quote = layer.add_annotation(
                    doc.id,
                    "Quote",
                    [(words[2][0], words[min(12, len(words) - 1)][1])],
                    attributes={"form": "direct"},
                ).value
                layer.add_relation("speaker", quote.id, actor.id)
                annotations += 2
                relations += 1
                if n % 10 == 0:
                    layer.set_status(doc.id, "done")
        annotated = time.perf_counter()
    return {
        "import": imported - started,
        "annotate": annotated - imported,
        "annotations": annotations,
        "relations": relations,
    }


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 5_000 if args.quick else 100_000
    repeat = args.repeat or (3 if args.quick else 5)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "info.annotator"
        setup = build_project(path, documents)
        size = sum(p.stat().st_size for p in folder.glob("info.annotator*") if p.is_file())
        print(
            f"setup: {documents:,} documents imported in {setup['import']:.1f} s; "
            f"{setup['annotations']:,} annotations and {setup['relations']:,} relations added "
            f"through the public API in one transaction in {setup['annotate']:.1f} s; "
            f"project file {size / 1e6:.0f} MB"
        )
        python = sys.executable
        commands = {
            "baseline: python -c pass": [python, "-c", "pass"],
            "annotator info (subprocess)": [python, "-m", "annotator", "info", str(path)],
            "python -c 'import annotator.cli' (info)": [python, "-c", "import annotator.cli"],
        }
        for args_ in commands.values():  # warm-up: file cache, .pyc files
            run_command(args_, cwd=folder)

        def in_process() -> None:
            with Project.open(path, readonly=True) as project:
                assert project.info()["documents"] == documents

        cases = {name: (lambda a=a: run_command(a, cwd=folder)) for name, a in commands.items()}
        cases["open + info() in process (info)"] = lambda: clock(in_process)
        results = interleaved(cases, repeat)
    base: Measure = results["baseline: python -c pass"]
    ours = results["annotator info (subprocess)"]
    print_table(
        f"annotator info on {documents:,} documents, {setup['annotations']:,} annotations",
        [
            Row(base),
            Row(ours, f"< {TARGET_SECONDS:g} s", ours.best < TARGET_SECONDS),
            Row(results["python -c 'import annotator.cli' (info)"]),
            Row(results["open + info() in process (info)"]),
        ],
        [("baseline", base)],
    )
    print(
        f"median of annotator info: {ours.median:.3f} s (target met by the median too: "
        f"{'yes' if ours.median < TARGET_SECONDS else 'NO'})"
    )


if __name__ == "__main__":
    main()
