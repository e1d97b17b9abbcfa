"""Speed of ``annotator agreement`` on 1,000 documents × 3 annotators × 50 annotations each.

Targets (issue 9): the whole agreement (store read + compute + JSON) ≤ 2 s, and the core's
computation ≤ 3× the time the reference libraries take on the prebuilt position vectors.

Setup (timed, not part of the targets): 1,000 generated articles of ~3 KB; per article 50
"true" annotations (Actors of 1-3 words, Quotes of 6-20 words with a form and a speaker,
Demands of 4-12 words with an issue and a position, Cues of one word); each of three
annotators keeps most of them, with noise (a missed annotation, an end moved by a word, a
label changed, another attribute value), and marks every article done. Written through
``project.merge_native`` (in batches of 50 articles) as the lead's merge of files would; that
takes about 20 minutes on a shared 2-core machine, so ``--project PATH`` keeps the project
and reuses it on the next run.

Cases:

* *agreement, in process*: ``agreement_input`` on the project opened read-only, ``compute``
  (token positions) and the JSON text: what the command does after start-up;
* *annotator agreement --format json* (a subprocess, start-up included), for information;
* *core only*: ``compute`` on the prebuilt input;
* baseline *reference libraries*: on position vectors built beforehand (untimed),
  scikit-learn ``cohen_kappa_score`` for every pair and label, statsmodels ``fleiss_kappa``
  (with ``aggregate_raters``) for every label, and ``krippendorff.alpha`` for every attribute
  on a prebuilt reliability matrix: the coefficients alone, without span matching.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
from common import (
    ArticleMaker,
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
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from annotator.core.agreement import compute
from annotator.core.agreement.positions import document_offsets, index_positions, marked
from annotator.core.model import new_id, now
from annotator.core.schema import default_schema
from annotator.store.agreement_input import agreement_input
from annotator.store.project import Project

TARGET_SECONDS = 2.0
BATCH = 50
TARGET_RATIO = 3.0
NAMES = ["Ana", "Ben", "Cleo"]
SHAPES = {"Actor": (1, 3), "Quote": (6, 20), "Demand": (4, 12), "Cue": (1, 1)}
WEIGHTS = {"Actor": 0.4, "Quote": 0.25, "Demand": 0.2, "Cue": 0.15}
FORMS = ["direct", "indirect", "mixed"]
ISSUES = ["cease-fire", "troop withdrawal", "negotiations", "sanctions", "other"]


def truth_of(rng: random.Random, words: list[tuple[int, int]], count: int) -> list[Any]:
    """``count`` distinct (label, first word, last word, attributes) of one article."""
    made: dict[tuple[str, int, int], dict[str, str]] = {}
    labels, weights = list(WEIGHTS), list(WEIGHTS.values())
    while len(made) < count:
        label = rng.choices(labels, weights)[0]
        low, high = SHAPES[label]
        first = rng.randrange(0, len(words) - high)
        attrs: dict[str, str] = {}
        if label == "Quote":
            attrs = {"form": rng.choice(FORMS)}
        elif label == "Demand":
            attrs = {"issue": rng.choice(ISSUES), "position": rng.choice(["for", "against"])}
        made.setdefault((label, first, first + rng.randint(low, high) - 1), attrs)
    return [(*key, attrs) for key, attrs in made.items()]


def annotator_version(
    rng: random.Random, truth: list[Any], words: list[tuple[int, int]]
) -> list[Any]:
    out: dict[tuple[str, int, int], dict[str, str]] = {}
    for label, first, last, attrs in truth:
        if rng.random() < 0.06:
            continue  # missed
        if rng.random() < 0.10 and last + 1 < len(words):  # an end moved by a word
            last = max(first, last + rng.choice([-1, 1]))
        if rng.random() < 0.04:
            label = rng.choice([x for x in SHAPES if x != label and x != "Cue"])
            attrs = {}
        attrs = dict(attrs)
        if "form" in attrs and rng.random() < 0.15:
            attrs["form"] = rng.choice(FORMS)
        out.setdefault((label, first, last), attrs)
    return [(*key, attrs) for key, attrs in out.items()]


def native_documents(documents: int, per_document: int, ids: dict[str, str]) -> list[Any]:
    rng = random.Random(5)
    maker = ArticleMaker(seed=9)
    stamp = now()
    out = []
    for number in range(documents):
        text = maker.text(3000)
        words = word_spans(text)
        truth = truth_of(rng, words, per_document)
        annotations, relations = [], []
        for name in NAMES:
            actors: list[tuple[int, str]] = []
            quotes: list[tuple[int, str]] = []
            for label, first, last, attrs in annotator_version(rng, truth, words):
                start, end = words[first][0], words[last][1]
                ann_id = new_id()
                annotations.append({
                    "id": ann_id, "label": label,
                    "fragments": [{"start": start, "end": end, "text": text[start:end]}],
                    "attributes": attrs, "entity": None, "annotator": ids[name],
                    "origin": "import", "note": None, "created": stamp, "modified": stamp,
                })  # fmt: skip
                if label == "Actor":
                    actors.append((start, ann_id))
                elif label == "Quote":
                    quotes.append((start, ann_id))
            actors.sort()
            for start, quote in quotes:  # the nearest actor before the quote speaks it
                before = [a for s, a in actors if s < start]
                if before:
                    relations.append({
                        "id": new_id(), "type": "speaker", "source": quote,
                        "target": before[-1], "annotator": ids[name], "created": stamp,
                    })  # fmt: skip
        doc = {
            "id": new_id(), "title": f"Article {number}", "text": text,
            "status": dict.fromkeys(ids.values(), "done"),
            "annotations": annotations, "relations": relations,
        }  # fmt: skip
        out.append((f"bench:{number}", doc))
    return out


def build(path: Path, documents: int, per_document: int) -> None:
    ids = {name: new_id() for name in NAMES}
    schema = default_schema()
    header = {
        "format": "annotator/1", "schema": schema.raw, "entities": [],
        "annotators": [{"id": i, "name": name} for name, i in ids.items()],
    }  # fmt: skip
    items = native_documents(documents, per_document, ids)
    with Project.create(path, annotator="Lead") as project:
        # in batches: one transaction of 150,000 merged annotations slows down as it grows
        # (each duplicate check reads through a growing write-ahead log; see the report)
        for i in range(0, len(items), BATCH):
            project.merge_native(header, items[i : i + BATCH])


def reference_inputs(data: Any) -> tuple[list[list[np.ndarray]], list[np.ndarray]]:
    """Position vectors per label (one per annotator) and a reliability matrix per attribute,
    built once, before the timing, for the reference libraries."""
    from annotator.core.agreement import documents_used

    used, _ = documents_used(data)
    index = index_positions(used, "token")
    offsets = document_offsets(used)
    per_label = []
    for label in data.labels:
        vectors = []
        for name in data.annotators:
            pieces = np.array(
                [
                    (s + offsets[d], e + offsets[d])
                    for d, doc in enumerate(used)
                    for span in doc.layers[name].spans
                    if span.label == label
                    for s, e in span.fragments
                ],
                dtype=np.int64,
            ).reshape(-1, 2)
            vectors.append(marked(index, pieces[:, 0], pieces[:, 1]).astype(np.int8))
        per_label.append(vectors)
    matrices = []
    for label, attributes in data.attributes.items():
        for attribute in attributes:
            units: dict[tuple[Any, ...], list[float]] = {}
            for d, doc in enumerate(used):
                for who, name in enumerate(data.annotators):
                    for s in doc.layers[name].spans:
                        if s.label == label and attribute in s.attributes:
                            row = units.setdefault((d, s.fragments), [np.nan] * len(NAMES))
                            row[who] = float(hash(s.attributes[attribute]) % 1000)
            matrix = np.array(list(units.values()), dtype=float).T if units else np.zeros((0, 0))
            if not units:
                continue  # an attribute nobody set (Actor.type here)
            kept = matrix[:, np.sum(~np.isnan(matrix), axis=0) >= 2]
            if len(np.unique(kept[~np.isnan(kept)])) >= 2:
                matrices.append(kept)
    return per_label, matrices


def main() -> None:
    options = parser(__doc__.splitlines()[0])
    options.add_argument(
        "--project", type=Path, help="keep the generated project here and reuse it if present"
    )
    args = options.parse_args()
    documents = 100 if args.quick else 1000
    repeat = args.repeat or (2 if args.quick else 5)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = args.project or folder / "agreement.annotator"
        if not path.exists():
            started = time.perf_counter()
            build(path, documents, 50)
            print(f"setup: {documents:,} documents × 3 annotators × 50 annotations in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        with Project.open(path, readonly=True) as project:
            data = agreement_input(project)
        report = compute(data)
        pooled = next(r for r in report["pairs"] if r["label"] == "*")
        print(
            f"documents used: {report['documents']['used']}; Ana–Ben pooled exact F1 "
            f"{pooled['exact']['f1']}, overlap F1 {pooled['overlap']['f1']}, "
            f"κ {pooled['kappa']['value']} over {pooled['kappa']['positions']:,} positions"
        )
        per_label, matrices = reference_inputs(data)

        def whole() -> None:
            with Project.open(path, readonly=True) as project:
                json.dumps(compute(agreement_input(project)))

        def references() -> None:
            for vectors in per_label:
                for i in range(len(vectors)):
                    for j in range(i + 1, len(vectors)):
                        cohen_kappa_score(vectors[i], vectors[j])
                fleiss_kappa(aggregate_raters(np.stack(vectors, axis=1))[0])
            for matrix in matrices:
                krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")

        out = folder / "agreement.json"
        command = [sys.executable, "-m", "annotator", "agreement", str(path), "--format",
                   "json", "-o", str(out)]  # fmt: skip
        results = interleaved(
            {
                "reference libraries on position vectors (baseline)": lambda: clock(references),
                "agreement, in process (read + compute + JSON)": lambda: clock(whole),
                "annotator agreement --format json (process)": lambda: run_command(command),
                "core only (compute)": lambda: clock(lambda: compute(data)),
            },
            repeat,
        )
    names = list(results)
    baseline, inproc, process, core = (results[n] for n in names)
    rows = [
        Row(baseline),
        Row(inproc, f"<= {TARGET_SECONDS:.0f} s", inproc.best <= TARGET_SECONDS),
        Row(process),
        Row(core, f"<= {TARGET_RATIO:.0f}x ref.", core.best <= TARGET_RATIO * baseline.best),
    ]
    print_table(
        f"Agreement, {documents:,} documents × 3 annotators × 50 annotations",
        rows,
        [("reference", baseline)],
    )


if __name__ == "__main__":
    main()
