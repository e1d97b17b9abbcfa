"""All the agreement measures of a set of annotators, documents and labels, in one report.

Only documents that every compared annotator marked done are used; the others are counted as
left out. Every figure is pooled over the documents used (micro: the matched pairs, counts
and positions of all documents summed, then the figure computed once), and ``*`` pools all
labels (or relation types) the same way. The report is a plain dict in the shape of the JSON
contract (docs/agreement.md); a figure that is undefined is None with a ``reason`` beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from annotator.core.agreement import attributes, kappa, relations, spans
from annotator.core.agreement.model import (
    DIGITS,
    NO_DOCUMENTS,
    POOLED,
    AgreementInput,
    Coefficient,
    DocumentIn,
    Ratio,
    Unit,
    gc_paused,
    pairs_of,
)
from annotator.core.agreement.positions import document_offsets, index_positions, marked
from annotator.core.reports import Cancelled

#: Told (step, steps) after each step; returning True cancels (``Cancelled`` is raised).
Progress = Callable[[int, int], bool | None]


def documents_used(data: AgreementInput) -> tuple[list[DocumentIn], list[DocumentIn]]:
    """(used, left out): used when every compared annotator's status is done."""
    used: list[DocumentIn] = []
    left_out: list[DocumentIn] = []
    for doc in data.documents:
        done = all(
            (layer := doc.layers.get(name)) is not None and layer.status == "done"
            for name in data.annotators
        )
        (used if done else left_out).append(doc)
    return used, left_out


def _sum(ratios: list[Ratio]) -> Ratio:
    total = Ratio()
    for r in ratios:
        total.add(r)
    return total


def _sum_confusion(items: list[kappa.Confusion]) -> kappa.Confusion:
    total = kappa.Confusion()
    for c in items:
        total.add(c)
    return total


def compute(
    data: AgreementInput, unit: Unit = "token", progress: Progress | None = None
) -> dict[str, Any]:
    """The agreement report of ``data`` (see the module's docstring)."""
    with gc_paused():
        return _compute(data, unit, progress)


def _compute(data: AgreementInput, unit: Unit, progress: Progress | None) -> dict[str, Any]:
    names = list(data.annotators)
    labels = list(data.labels)
    used, left_out = documents_used(data)
    n = len(used)
    steps = len(labels) * 2 + 2
    step = 0

    def advance() -> None:
        nonlocal step
        step += 1
        if progress is not None and progress(step, steps):
            raise Cancelled()

    warnings: list[str] = []
    prepared: dict[str, spans.Prepared] = {}
    for name in names:
        prepared[name], found = spans.prepare(used, name, labels)
        warnings.extend(found)
    pairs = pairs_of(names)
    offsets = document_offsets(used).tolist()

    # Span F1, per pair and label, per document; κ over positions
    index = index_positions(used, unit)
    exact: dict[tuple[str, str, str], list[Ratio]] = {}
    overlap: dict[tuple[str, str, str], list[Ratio]] = {}
    confusion: dict[tuple[str, str, str], list[kappa.Confusion]] = {}
    votes: dict[str, kappa.Votes] = {}
    for label in labels:
        arrays = {name: spans.SpanArrays.of(prepared[name], label, offsets) for name in names}
        for a, b in pairs:
            exact[a, b, label] = spans.exact_counts(prepared[a], prepared[b], label)
            overlap[a, b, label] = spans.overlap_counts(arrays[a], arrays[b], n)
        advance()
        vectors = {
            name: marked(index, arrays[name].frag_start, arrays[name].frag_end) for name in names
        }
        for a, b in pairs:
            confusion[a, b, label] = kappa.confusions(vectors[a], vectors[b], index.first)
        votes[label] = kappa.Votes.of([vectors[name] for name in names])
        advance()

    report: dict[str, Any] = {
        "unit": unit,
        "annotators": names,
        "labels": labels,
        "documents": {"used": n, "left_out": len(left_out)},
        "pairs": [],
        "fleiss": [],
        "relations": [],
        "attributes": [],
        "entity_links": [],
        "by_label": [],
        "per_document": [],
        "warnings": warnings,
    }
    for a, b in pairs:
        pooled_exact, pooled_overlap, pooled_conf = Ratio(), Ratio(), kappa.Confusion()
        for label in labels:
            e, o = _sum(exact[a, b, label]), _sum(overlap[a, b, label])
            c = _sum_confusion(confusion[a, b, label])
            report["pairs"].append(_pair_row(a, b, label, e, o, c.kappa(a, b, label)))
            pooled_exact.add(e)
            pooled_overlap.add(o)
            pooled_conf.add(c)
        what = "annotation"
        report["pairs"].append(
            _pair_row(a, b, POOLED, pooled_exact, pooled_overlap, pooled_conf.kappa(a, b, what))
        )
    for label in [*labels, POOLED]:
        # every pair's matched pairs and counts summed (micro), beside Fleiss' κ of all
        chosen = labels if label == POOLED else [label]
        e = _sum([r for a, b in pairs for x in chosen for r in exact[a, b, x]])
        o = _sum([r for a, b in pairs for x in chosen for r in overlap[a, b, x]])
        what = "annotation" if label == POOLED else label
        row: dict[str, Any] = {"label": label}
        for kind, ratio in (("exact", e), ("overlap", o)):
            figures = ratio.as_dict("", "", what)
            if "reason" in figures:
                figures["reason"] = f"no annotator marked any {what}"
            row[kind] = figures
        report["by_label"].append(row)
    pooled_votes = kappa.Votes(len(names), np.zeros(len(names) + 1, dtype=np.int64))
    for label in labels:
        report["fleiss"].append(_fleiss_row(label, votes[label].kappa(label)))
        pooled_votes.add(votes[label])
    report["fleiss"].append(_fleiss_row(POOLED, pooled_votes.kappa("annotation")))

    report["relations"] = _relations(data, used, prepared, pairs)
    advance()
    everyone = [prepared[name] for name in names]
    for label in labels:
        wanted = data.attributes.get(label, ())
        units = attributes.matched_units(everyone, label) if wanted else []
        for attribute in wanted:
            alpha = attributes.attribute_alpha(units, label, attribute, n)
            report["attributes"].append(alpha.as_dict())
    if data.mention_label is not None and data.mention_label in labels:
        for a, b in pairs:
            links = relations.link_agreement(prepared[a], prepared[b], data.mention_label, n)
            report["entity_links"].append(links.as_dict())
    if n == 0:
        _say_no_documents(report)
    report["per_document"] = _per_document(used, labels, pairs, exact, overlap, confusion)
    advance()
    return report


def _say_no_documents(report: dict[str, Any]) -> None:
    """With no document used, every figure is undefined for that one reason."""
    figures = [f for row in report["pairs"] for f in (row["exact"], row["overlap"])]
    figures += [f for row in report["by_label"] for f in (row["exact"], row["overlap"])]
    figures += report["relations"]
    for f in figures:
        f["reason"] = NO_DOCUMENTS


def _pair_row(a: str, b: str, label: str, e: Ratio, o: Ratio, k: Coefficient) -> dict[str, Any]:
    what = "annotation" if label == POOLED else label
    return {
        "a": a,
        "b": b,
        "label": label,
        "exact": e.as_dict(a, b, what),
        "overlap": o.as_dict(a, b, what),
        "kappa": k.as_dict(),
    }


def _fleiss_row(label: str, k: Coefficient) -> dict[str, Any]:
    return {"label": label, **k.as_dict()}


def _relations(
    data: AgreementInput,
    used: list[DocumentIn],
    prepared: dict[str, spans.Prepared],
    pairs: list[tuple[str, str]],
) -> list[dict[str, Any]]:
    types = list(data.relation_types)
    if not types:
        return []
    numbers: dict[relations.RelationKey, int] = {}
    keys = {name: relations.relation_keys(used, p, types, numbers) for name, p in prepared.items()}
    rows = []
    for a, b in pairs:
        pooled = Ratio()
        for type_ in [*types, POOLED]:
            if type_ == POOLED:
                ratio = pooled
            else:
                ratio = _sum(relations.relation_counts(keys[a], keys[b], type_))
                pooled.add(ratio)
            what = "relation" if type_ == POOLED else f"{type_} relation"
            figures = ratio.as_dict(a, b, what)
            rows.append({"a": a, "b": b, "type": type_, **figures})
    return rows


def _f1(r: Ratio) -> float | None:
    total = r.a_count + r.b_count
    return round(2 * r.matched / total, DIGITS) if total else None


def _per_document(
    used: list[DocumentIn],
    labels: list[str],
    pairs: list[tuple[str, str]],
    exact: dict[tuple[str, str, str], list[Ratio]],
    overlap: dict[tuple[str, str, str], list[Ratio]],
    confusion: dict[tuple[str, str, str], list[kappa.Confusion]],
) -> list[dict[str, Any]]:
    rows = []
    for d, doc in enumerate(used):
        for a, b in pairs:
            all_e, all_o, all_c = Ratio(), Ratio(), kappa.Confusion()
            for label in [*labels, POOLED]:
                if label == POOLED:
                    e, o, c = all_e, all_o, all_c
                else:
                    e, o = exact[a, b, label][d], overlap[a, b, label][d]
                    c = confusion[a, b, label][d]
                    all_e.add(e)
                    all_o.add(o)
                    all_c.add(c)
                total = c.total
                value = None
                if total:  # κ as in Confusion.kappa, without its reasons (see the pairs)
                    po = (c.n11 + c.n00) / total
                    pa, pb = (c.n11 + c.n10) / total, (c.n11 + c.n01) / total
                    pe = pa * pb + (1 - pa) * (1 - pb)
                    value = None if pe >= 1.0 - 1e-12 else round((po - pe) / (1 - pe), DIGITS)
                row: dict[str, Any] = {
                    "document": doc.id,
                    "title": doc.title,
                    "a": a,
                    "b": b,
                    "label": label,
                    "exact_f1": _f1(e),
                    "overlap_f1": _f1(o),
                    "matched": e.matched,
                    "a_count": e.a_count,
                    "b_count": e.b_count,
                    "kappa": value,
                    "positions": total,
                }
                rows.append(row)
    return rows
