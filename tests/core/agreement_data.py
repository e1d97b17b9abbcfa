"""Builders of agreement inputs for the tests (plain data, as the store would give)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.agreement import AgreementInput, DocumentIn, LayerIn, RelationIn, SpanIn

#: Ten one-letter tokens at offsets 0, 2, …, 18: token i is text[2i:2i+1].
LETTERS = "a b c d e f g h i j"
LABELS = ["Actor", "Quote", "Demand"]

SpanSpec = tuple[str, Sequence[tuple[int, int]]] | tuple[str, Sequence[tuple[int, int]], dict]


def tokens(first: int, last: int) -> tuple[int, int]:
    """The fragment from token ``first`` to token ``last`` (inclusive) of LETTERS."""
    return (2 * first, 2 * last + 1)


def layer(
    spans: Sequence[Any] = (),
    relations: Sequence[tuple[str, int, int]] = (),
    status: str = "done",
    prefix: str = "x",
) -> LayerIn:
    """spans: (label, fragments[, attributes[, entity]]); relations: (type, source index,
    target index) into ``spans``."""
    made = []
    for i, spec in enumerate(spans):
        label, fragments = spec[0], tuple(spec[1])
        attributes = spec[2] if len(spec) > 2 else {}
        entity = spec[3] if len(spec) > 3 else None
        made.append(SpanIn(f"{prefix}{i}", label, fragments, attributes, entity))
    rels = [RelationIn(t, made[s].id, made[e].id) for t, s, e in relations]
    return LayerIn(status, made, rels)


def doc(layers: dict[str, LayerIn], text: str = LETTERS, doc_id: str = "d1") -> DocumentIn:
    return DocumentIn(doc_id, text, layers, title=f"title {doc_id}")


def data(
    documents: Sequence[DocumentIn],
    annotators: Sequence[str] = ("ana", "ben"),
    labels: Sequence[str] = LABELS,
    **extra: Any,
) -> AgreementInput:
    return AgreementInput(list(annotators), list(labels), list(documents), **extra)


def pair(report: dict[str, Any], label: str, a: str = "ana", b: str = "ben") -> dict[str, Any]:
    return next(r for r in report["pairs"] if r["label"] == label and r["a"] == a and r["b"] == b)


def fleiss(report: dict[str, Any], label: str) -> dict[str, Any]:
    return next(r for r in report["fleiss"] if r["label"] == label)
