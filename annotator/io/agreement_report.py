"""An agreement report (core/agreement) as a terminal table, JSON, CSV or one HTML file.

- JSON is the contract of docs/agreement.md, as computed.
- CSV is long ("tidy"): one row per figure, with the counts behind it, for R or pandas; cells
  are neutralised against formula injection, as in every CSV we write.
- HTML is one self-contained file: inline CSS, the charts as inline SVG (matplotlib, the
  same drawing as the window's), every table with its counts; no script, no external link.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.agreement import POOLED
from annotator.io.common import spreadsheet_cell
from annotator.io.native import atomic_output

FORMATS = ("table", "json", "csv", "html")
CSV_COLUMNS = (
    "section", "document", "title", "a", "b", "label", "attribute", "measure", "value",
    "matched", "a_count", "b_count", "precision", "recall", "observed", "expected",
    "positions", "units", "dropped", "reason",
)  # fmt: skip
#: How many of the worst documents the terminal table lists.
WORST_SHOWN = 10


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return render_csv(report)
    if fmt == "html":
        return render_html(report)
    return render_table(report)


def write_report(report: dict[str, Any], fmt: str, out: Path) -> None:
    """Write the report to ``out`` (which appears only when complete)."""
    text = render(report, fmt)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with atomic_output(out, encoding=encoding, newline="") as fh:
        fh.write(text)


# -- shared ----------------------------------------------------------------------------------


def shown(value: float | None, digits: int = 3) -> str:
    return "undefined" if value is None else f"{value:.{digits}f}"


def label_name(label: str) -> str:
    return "all labels" if label == POOLED else label


def type_name(type_: str) -> str:
    return "all types" if type_ == POOLED else type_


def ratio_text(figures: dict[str, Any]) -> str:
    return (
        f"{shown(figures['f1'])} ({figures['matched']}/{figures['a_count']}/{figures['b_count']})"
    )


def kappa_text(k: dict[str, Any]) -> str:
    if k["observed"] is None:
        return "undefined"
    return (
        f"{shown(k['value'])} (Po {k['observed']:.3f}, Pe {k['expected']:.3f}, N {k['positions']})"
    )


def documents_line(report: dict[str, Any]) -> str:
    docs = report["documents"]
    return (
        f"{docs['used']} document(s) used (marked done by {', '.join(report['annotators'])}); "
        f"{docs['left_out']} left out"
    )


def worst_documents(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-document rows of all labels pooled, the lowest exact F1 first (documents where
    neither annotated anything, F1 undefined, last)."""
    rows = [r for r in report["per_document"] if r["label"] == POOLED]
    return sorted(
        rows,
        key=lambda r: (r["exact_f1"] is None, r["exact_f1"] or 0.0, r["overlap_f1"] or 0.0),
    )


def reasons(report: dict[str, Any]) -> Iterator[str]:
    """Why each undefined figure is undefined, one line each."""
    for row in report["pairs"]:
        where = f"{row['a']}–{row['b']}, {label_name(row['label'])}"
        for kind in ("exact", "overlap"):
            if "reason" in row[kind]:
                yield f"{where}, {kind} F1: {row[kind]['reason']}"
        if "reason" in row["kappa"]:
            yield f"{where}, Cohen's κ: {row['kappa']['reason']}"
    for row in report["fleiss"]:
        if "reason" in row:
            yield f"Fleiss' κ, {label_name(row['label'])}: {row['reason']}"
    for row in report["attributes"]:
        if "reason" in row:
            yield f"α, {row['label']}.{row['attribute']}: {row['reason']}"


# -- table -----------------------------------------------------------------------------------


def render_table(report: dict[str, Any]) -> str:
    out = [f"Agreement ({report['unit']} positions): {documents_line(report)}.", ""]
    out.append("Pairs (F1: matched/a/b; precision = matched/b, recall = matched/a)")
    header = f"  {'a–b':<20} {'label':<14} {'exact F1':<18} {'overlap F1':<18} Cohen's κ"
    out.append(header)
    for row in report["pairs"]:
        out.append(
            f"  {row['a'] + '–' + row['b']:<20} {label_name(row['label']):<14} "
            f"{ratio_text(row['exact']):<18} {ratio_text(row['overlap']):<18} "
            f"{kappa_text(row['kappa'])}"
        )
    out += ["", "Fleiss' κ (all annotators)"]
    for row in report["fleiss"]:
        out.append(f"  {label_name(row['label']):<14} {kappa_text(row)}")
    if report["relations"]:
        out += ["", "Relations (F1: matched/a/b)"]
        for row in report["relations"]:
            out.append(
                f"  {row['a'] + '–' + row['b']:<20} {type_name(row['type']):<14} {ratio_text(row)}"
            )
    if report["attributes"]:
        out += ["", "Attributes (Krippendorff's α, nominal, over exactly matched annotations)"]
        for row in report["attributes"]:
            name = f"{row['label']}.{row['attribute']}"
            out.append(
                f"  {name:<24} {shown(row['alpha'])} ({row['units']} units, "
                f"{row['dropped']} with fewer than two values dropped)"
            )
    if report["entity_links"]:
        out += ["", "Entity links (matched mentions linked by either: same entity)"]
        for row in report["entity_links"]:
            out.append(
                f"  {row['a'] + '–' + row['b']:<20} {shown(row['value'])} "
                f"({row['same']}/{row['linked']} of {row['mentions']} matched mentions)"
            )
    worst = worst_documents(report)[:WORST_SHOWN]
    if worst:
        out += ["", "Documents with the lowest exact F1 (all labels)"]
        for row in worst:
            title = (row["title"] or row["document"])[:40]
            out.append(
                f"  {shown(row['exact_f1'])}  {row['a'] + '–' + row['b']:<20} {title} "
                f"({row['matched']}/{row['a_count']}/{row['b_count']}; {row['document']})"
            )
    notes = list(reasons(report))
    if notes:
        out += ["", "Undefined"] + [f"  {line}" for line in notes]
    return "\n".join(out) + "\n"


# -- CSV -------------------------------------------------------------------------------------


def csv_rows(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for row in report["pairs"]:
        base = {"section": "pairs", "a": row["a"], "b": row["b"], "label": row["label"]}
        for kind in ("exact", "overlap"):
            f = row[kind]
            yield base | {"measure": f"{kind} F1", "value": f["f1"]} | _counts(f)
        k = row["kappa"]
        yield base | {"measure": "Cohen's kappa", **_kappa(k)}
    for row in report["fleiss"]:
        yield {
            "section": "fleiss",
            "label": row["label"],
            "measure": "Fleiss' kappa",
            **_kappa(row),
        }
    for row in report["relations"]:
        yield {
            "section": "relations", "a": row["a"], "b": row["b"], "label": row["type"],
            "measure": "relation F1", "value": row["f1"], **_counts(row),
        }  # fmt: skip
    for row in report["attributes"]:
        yield {
            "section": "attributes", "label": row["label"], "attribute": row["attribute"],
            "measure": "Krippendorff's alpha", "value": row["alpha"], "units": row["units"],
            "dropped": row["dropped"], "reason": row.get("reason", ""),
        }  # fmt: skip
    for row in report["entity_links"]:
        yield {
            "section": "entity_links", "a": row["a"], "b": row["b"], "label": row["label"],
            "measure": "same entity", "value": row["value"], "matched": row["same"],
            "units": row["linked"], "reason": row.get("reason", ""),
        }  # fmt: skip
    for row in report["per_document"]:
        yield {
            "section": "per_document", "document": row["document"], "title": row["title"],
            "a": row["a"], "b": row["b"], "label": row["label"], "measure": "exact F1",
            "value": row["exact_f1"], "matched": row["matched"], "a_count": row["a_count"],
            "b_count": row["b_count"], "positions": row["positions"],
        }  # fmt: skip


def _counts(f: dict[str, Any]) -> dict[str, Any]:
    keys = ("matched", "a_count", "b_count", "precision", "recall")
    return {k: f[k] for k in keys} | {"reason": f.get("reason", "")}


def _kappa(k: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": k["value"],
        "observed": k["observed"],
        "expected": k["expected"],
        "positions": k["positions"],
        "reason": k.get("reason", ""),
    }


def render_csv(report: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(report):
        writer.writerow(
            [spreadsheet_cell("" if row.get(c) is None else row.get(c)) for c in CSV_COLUMNS]
        )
    return buffer.getvalue()


# -- HTML ------------------------------------------------------------------------------------

_SVG_START = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def svg(draw: Any, report: dict[str, Any], width: float, height: float) -> str:
    """One chart as an inline ``<svg>`` element (text drawn as paths: no fonts needed)."""
    import matplotlib

    from annotator.io.agreement_charts import new_figure

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "annotator"}):
        figure = new_figure(width, height)
        figure.patch.set_facecolor("white")  # dark ink on white, whatever the page's theme
        figure.patch.set_alpha(1.0)
        draw(figure, report)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _METADATA.sub("", _SVG_START.sub("", buffer.getvalue(), count=1))


def render_html(report: dict[str, Any]) -> str:
    from annotator.io.agreement_html import page

    return page(report)
