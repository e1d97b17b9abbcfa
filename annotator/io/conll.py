"""CoNLL 2003-style BIO (IOB2), for training sequence labellers: ``token<TAB>tag`` per line.

Each document starts with ``-DOCSTART-<TAB><document id><TAB>O`` and a blank line, as in the
CoNLL 2003 files (whose ``-DOCSTART- -X- -X- O`` has placeholders where we put the id, so that
an import can find the document again); sentences are separated by a blank line. The rules:

- Tokens are the matches of ``\\w+|[^\\w\\s]`` (the agreement's token positions): a word, or
  one other non-space character.
- A token belongs to an annotation when any of its code points lies in one of the
  annotation's fragments. Its first token is ``B-<label>``, the rest ``I-<label>``; each
  fragment of a discontinuous annotation starts with its own ``B-``.
- Overlapping annotations cannot be tagged: annotations are taken by where they start, the
  longer first (so the outermost wins), and one that shares a token with one already taken is
  dropped whole; the export says how many.
- A sentence ends after a ``.``, ``!``, ``?`` or ``…`` token (and the closing quotes or
  brackets written right after it), or where a line break lies between two tokens, but never
  inside an annotation (a quote of two sentences stays one entity).
- Labels become tags with white space replaced by ``_``.

One layer only: a file of tags has room for one annotator's view of each token, so an export
of every layer is refused when the project has more than one annotator (choose one, or Gold).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from annotator.core.errors import ValidationError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.native import atomic_output
from annotator.store.datasets import Datasets

DOCSTART = "-DOCSTART-"
SENTENCE_END = frozenset(".!?…")
#: Closing quotes and brackets right after a sentence end belong to that sentence.
CLOSERS = frozenset("\"')]}»”’")
_SPACE = regex.compile(r"\s+")
#: The agreement's token positions (annotator/core/agreement/positions.py), compiled here so
#: that an export does not import numpy.
TOKEN = regex.compile(r"\w+|[^\w\s]")


def docstart_line(doc_id: str) -> str:
    """The line that starts a document: its id in the middle column, when it is one column."""
    if doc_id and not _SPACE.search(doc_id):
        return f"{DOCSTART}\t{doc_id}\tO"
    return f"{DOCSTART}\tO"


def tag_name(label: str) -> str:
    return _SPACE.sub("_", label.strip()) or "_"


def document_lines(text: str, annotations: list[dict[str, Any]]) -> tuple[list[str], int]:
    """The lines of one document (after ``-DOCSTART-``) and how many annotations were dropped
    because they overlap one already tagged."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    starts = [s for s, _e in tokens]
    tags = ["O"] * len(tokens)

    def covered(start: int, end: int) -> range:
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or tokens[first][1] <= start:
            first += 1
        last = bisect.bisect_left(starts, end)
        return range(first, last)

    def order(ann: dict[str, Any]) -> tuple[int, int, str]:
        # by where it starts, the longer first; of two with the same extent, the lower id
        # (whatever order the layer lists them in, the same one is kept)
        frags = ann["fragments"]
        return (min(f["start"] for f in frags), -max(f["end"] for f in frags), str(ann["id"]))

    dropped = 0
    for ann in sorted((a for a in annotations if a["fragments"]), key=order):
        runs = [covered(f["start"], f["end"]) for f in sorted(ann["fragments"], key=_start)]
        runs = _merged([r for r in runs if len(r)])
        if not runs:
            continue
        if any(tags[i] != "O" for r in runs for i in r):
            dropped += 1
            continue
        tag = tag_name(ann["label"])
        for run in runs:
            for i in run:
                tags[i] = ("B-" if i == run.start else "I-") + tag
    lines: list[str] = []
    ending = False  # after a sentence-ending mark (and the closing marks stuck to it)
    for i, (start, end) in enumerate(tokens):
        word = text[start:end]
        lines.append(f"{word}\t{tags[i]}")
        ending = word in SENTENCE_END or (ending and word in CLOSERS)
        if i + 1 < len(tokens) and not tags[i + 1].startswith("I-"):
            following = tokens[i + 1][0]
            stuck = following == end and text[following] in CLOSERS
            if (ending and not stuck) or "\n" in text[end:following]:
                lines.append("")
                ending = False
    return lines, dropped


def _merged(runs: list[range]) -> list[range]:
    """Token runs of one annotation, those sharing a token (two fragments in one word) made one."""
    out: list[range] = []
    for run in runs:
        if out and run.start < out[-1].stop:
            out[-1] = range(out[-1].start, max(out[-1].stop, run.stop))
        else:
            out.append(run)
    return out


def _start(fragment: dict[str, Any]) -> int:
    return int(fragment["start"])


def _documents(
    datasets: Datasets, progress: ProgressCallback | None
) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    total = datasets.count_documents()
    for done, doc in enumerate(datasets.document_dicts(), start=1):
        yield doc["id"], doc["text"], doc["annotations"]
        if progress is not None and progress(done, total):
            raise Cancelled()


def write_conll(data: Datasets, out: Path, progress: ProgressCallback | None = None) -> int:
    """One layer's documents as IOB2 token lines in ``out``; returns how many documents."""
    people = data.header()["annotators"]
    if data.annotator_id is None and len(people) > 1:
        names = ", ".join(p["name"] for p in people)
        raise ValidationError(
            "CoNLL BIO holds one annotator's tags: choose whose with --annotator "
            f"(annotators: {names}, or Gold)"
        )
    count = 0
    dropped = 0
    labels: Counter[str] = Counter()
    with atomic_output(out) as fh:
        for doc_id, text, annotations in _documents(data, progress):
            lines, lost = document_lines(text, annotations)
            dropped += lost
            labels.update(a["label"] for a in annotations)
            fh.write(docstart_line(doc_id) + "\n\n")
            if lines:
                fh.write("\n".join(lines) + "\n\n")
            count += 1
    if dropped:
        data.notes.append(
            f"{dropped} overlapping annotation{'s' if dropped != 1 else ''} dropped "
            "(BIO tags one annotation per token; the outermost was kept)"
        )
    renamed = sorted(x for x in labels if tag_name(x) != x)
    if renamed:
        data.notes.append(
            "labels with spaces were written with _: "
            + ", ".join(f"{x!r} as {tag_name(x)!r}" for x in renamed)
        )
    return count
