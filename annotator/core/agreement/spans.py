"""Span F1: how many of two annotators' annotations of a label match, exactly or by overlap.

- **Exact**: the same label and identical fragments (every start and end).
- **Overlap**: the same label and at least one shared code point. Each annotation is matched
  at most once, and the pairs are chosen to match as many as possible (a maximum matching of
  the bipartite "overlaps" graph, by scipy's ``maximum_bipartite_matching``), so the figure is
  the same whichever annotator is called a.

With ``matched`` pairs, F1 = 2·matched / (a_count + b_count); precision = matched / b_count
and recall = matched / a_count (b measured against a). An annotator's own duplicates (the same
label on the same fragments twice in one document) are counted once, with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from annotator.core.agreement.model import DocumentIn, Ratio, SpanIn

Frags = tuple[tuple[int, int], ...]
Key = tuple[str, Frags]  # (label, fragments): what makes two annotations the same


@dataclass(slots=True)
class Prepared:
    """One annotator's annotations in the documents used, duplicates folded into one.

    ``spans[d][label]`` maps fragments to the annotation kept; ``keys[d]`` maps every
    annotation id (duplicates too) to its key, for the ends of relations."""

    name: str
    spans: list[dict[str, dict[Frags, SpanIn]]] = field(default_factory=list)
    keys: list[dict[str, Key]] = field(default_factory=list)


def prepare(
    documents: Sequence[DocumentIn], annotator: str, labels: Sequence[str]
) -> tuple[Prepared, list[str]]:
    """The annotator's annotations of ``labels``, and a warning per document with duplicates."""
    wanted = set(labels)
    prepared = Prepared(annotator)
    warnings: list[str] = []
    for doc in documents:
        layer = doc.layers.get(annotator)
        by_label: dict[str, dict[Frags, SpanIn]] = {label: {} for label in labels}
        keys: dict[str, Key] = {}
        duplicates = 0
        for span in layer.spans if layer is not None else ():
            if span.label not in wanted:
                continue
            frags = span.fragments if len(span.fragments) == 1 else tuple(sorted(span.fragments))
            keys[span.id] = (span.label, frags)
            kept = by_label[span.label]
            if frags in kept:
                duplicates += 1
            else:
                kept[frags] = span
        if duplicates:
            warnings.append(
                f"{annotator} has {duplicates} duplicate annotation(s) (same label, same "
                f"fragments) in document {doc.title or doc.id!r} ({doc.id}); each counted once"
            )
        prepared.spans.append(by_label)
        prepared.keys.append(keys)
    return prepared, warnings


def exact_counts(a: Prepared, b: Prepared, label: str) -> list[Ratio]:
    """Per document: annotations of ``label`` with identical fragments in both."""
    out = []
    for spans_a, spans_b in zip(a.spans, b.spans, strict=True):
        sa, sb = spans_a[label], spans_b[label]
        out.append(Ratio(len(sa.keys() & sb.keys()), len(sa), len(sb)))
    return out


@dataclass(slots=True)
class SpanArrays:
    """One annotator's annotations of one label in all documents used, laid end to end
    (``offsets[d]`` is added to document d's offsets), sorted by start; and all their
    fragments (``frag_start``, ``frag_end``), in those offsets too."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    multi: np.ndarray  # has several fragments
    fragments: list[Frags]
    frag_start: np.ndarray
    frag_end: np.ndarray

    @classmethod
    def of(cls, prepared: Prepared, label: str, offsets: Sequence[int]) -> SpanArrays:
        docs: list[int] = []
        fragments: list[Frags] = []
        for d, by_label in enumerate(prepared.spans):
            mine = by_label[label]
            fragments += mine
            docs += [d] * len(mine)
        doc = np.array(docs, dtype=np.int64)
        base = np.asarray(offsets, dtype=np.int64)[doc]
        start = np.array([f[0][0] for f in fragments], dtype=np.int64) + base
        end = np.array([f[-1][1] for f in fragments], dtype=np.int64) + base
        counts = np.array([len(f) for f in fragments], dtype=np.int64)
        flat = np.array([x for f in fragments for piece in f for x in piece], dtype=np.int64)
        pieces = flat.reshape(-1, 2) + np.repeat(base, counts)[:, None]
        order = np.lexsort((end, start))
        return cls(
            doc[order],
            start[order],
            end[order],
            counts[order] > 1,
            [fragments[i] for i in order.tolist()],
            pieces[:, 0],
            pieces[:, 1],
        )


def _touch(x: Frags, y: Frags) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in x for s2, e2 in y)


def overlap_edges(a: SpanArrays, b: SpanArrays) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (index in a, index in b) of annotations that share a code point."""
    if len(a.start) == 0 or len(b.start) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    longest = int(np.max(b.end - b.start))
    # b's candidates for each a: starting before a ends, and late enough to reach a's start
    lo = np.searchsorted(b.start, a.start - longest, side="right")
    hi = np.searchsorted(b.start, a.end, side="left")
    width = np.maximum(hi - lo, 0)
    ai = np.repeat(np.arange(len(a.start)), width)
    run_start = np.repeat(np.cumsum(width) - width, width)
    bi = np.repeat(lo, width) + (np.arange(len(ai)) - run_start)
    hit = b.end[bi] > a.start[ai]
    ai, bi = ai[hit], bi[hit]
    # extents overlap; discontinuous annotations must also share a code point of a fragment
    keep = np.ones(len(ai), dtype=bool)
    for n in np.flatnonzero(a.multi[ai] | b.multi[bi]).tolist():
        keep[n] = _touch(a.fragments[int(ai[n])], b.fragments[int(bi[n])])
    return ai[keep], bi[keep]


def overlap_counts(a: SpanArrays, b: SpanArrays, documents: int) -> list[Ratio]:
    """Per document: the size of a maximum one-to-one matching of overlapping annotations.

    Documents share no edge, so one maximum matching of the whole graph is a maximum
    matching of each document's part: one call to the matcher, then count per document."""
    ai, bi = overlap_edges(a, b)
    # typed loosely: numpy 2.2 and 2.4 give bincount different shape types
    matched: npt.NDArray[np.signedinteger[Any]] = np.zeros(documents, dtype=np.int64)
    if len(ai):
        graph = csr_matrix(
            (np.ones(len(ai), dtype=np.int8), (ai, bi)), shape=(len(a.start), len(b.start))
        )
        pairs = maximum_bipartite_matching(graph, perm_type="column")
        matched = np.bincount(a.doc[pairs >= 0], minlength=documents)
    a_count = np.bincount(a.doc, minlength=documents)
    b_count = np.bincount(b.doc, minlength=documents)
    return [
        Ratio(m, x, y)
        for m, x, y in zip(matched.tolist(), a_count.tolist(), b_count.tolist(), strict=True)
    ]
