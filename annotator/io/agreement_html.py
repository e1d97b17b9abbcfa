"""The HTML agreement report: one self-contained page (inline CSS and SVG; no script, no
link to anything outside it). Every string from the project (names, labels, titles, reasons)
is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from annotator.io.agreement_report import (
    documents_line,
    label_name,
    reasons,
    shown,
    svg,
    type_name,
    worst_documents,
)

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em;
       padding: 0 1em; color: #202020; background: #fff; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .7em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
.undefined { color: #8a4b00; }
figure { margin: 1em 0; } figcaption { color: #555; font-size: .9em; }
svg { max-width: 100%; height: auto; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e6e6; background: #1e1e1e; } th { background: #2c2c2c; }
  th, td { border-color: #444; } figcaption { color: #aaa; } .undefined { color: #f0b060; }
}
"""


def _cell(value: Any, digits: int = 3) -> str:
    if value is None:
        return '<td class="n undefined">undefined</td>'
    if isinstance(value, float):
        return f'<td class="n">{value:.{digits}f}</td>'
    if isinstance(value, int):
        return f'<td class="n">{value}</td>'
    return f"<td>{escape(str(value))}</td>"


def _table(head: list[str], rows: list[list[Any]]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _pairs(report: dict[str, Any]) -> str:
    rows = []
    for r in report["pairs"]:
        e, o, k = r["exact"], r["overlap"], r["kappa"]
        rows.append(
            [r["a"], r["b"], label_name(r["label"]), e["f1"], e["matched"], e["a_count"],
             e["b_count"], o["f1"], o["matched"], k["value"], k["observed"], k["expected"],
             k["positions"]]
        )  # fmt: skip
    head = ["a", "b", "label", "exact F1", "matched", "a", "b", "overlap F1", "matched",
            "Cohen's κ", "observed", "expected", "positions"]  # fmt: skip
    return _table(head, rows)


def page(report: dict[str, Any]) -> str:
    from annotator.io.agreement_charts import draw_labels, draw_matrix

    names = report["annotators"]
    width = max(9.0, 3.2 * 3)
    matrix_svg = svg(draw_matrix, report, width, 2.2 + 0.35 * len(names))
    labels_svg = svg(draw_labels, report, max(6.0, 1.2 * len(report["by_label"])), 3.6)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Agreement: " + escape(", ".join(names)) + "</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Inter-annotator agreement</h1>",
        f"<p>{escape(documents_line(report))}. Positions: {escape(report['unit'])}s. "
        "Every figure is pooled over the documents used (micro), never averaged.</p>",
        "<h2>Pairs, all labels pooled</h2>",
        f"<figure>{matrix_svg}<figcaption>Each cell: one pair of annotators, all labels "
        "pooled. Grey: undefined (see below).</figcaption></figure>",
        "<h2>Per label</h2>",
        f"<figure>{labels_svg}<figcaption>Span F1 pooled over every pair (matched pairs "
        "and counts summed); Fleiss' κ over all annotators.</figcaption></figure>",
        _table(
            [
                "label",
                "exact F1",
                "matched",
                "count",
                "overlap F1",
                "matched",
                "Fleiss' κ",
                "positions",
            ],
            [
                [
                    label_name(r["label"]),
                    r["exact"]["f1"],
                    r["exact"]["matched"],
                    r["exact"]["a_count"] + r["exact"]["b_count"],
                    r["overlap"]["f1"],
                    r["overlap"]["matched"],
                    f["value"],
                    f["positions"],
                ]
                for r, f in zip(report["by_label"], report["fleiss"], strict=True)
            ],
        ),
        "<h2>Every pair and label</h2>",
        "<p>precision = matched / b, recall = matched / a; F1 = 2·matched / (a + b).</p>",
        _pairs(report),
    ]
    if report["relations"]:
        parts += [
            "<h2>Relations</h2>",
            _table(
                ["a", "b", "type", "F1", "matched", "a", "b"],
                [[r["a"], r["b"], type_name(r["type"]), r["f1"], r["matched"], r["a_count"],
                  r["b_count"]] for r in report["relations"]],
            ),
        ]  # fmt: skip
    if report["attributes"]:
        parts += [
            "<h2>Attributes (Krippendorff's α, nominal)</h2>",
            _table(
                ["label", "attribute", "α", "units", "dropped (fewer than two values)"],
                [[r["label"], r["attribute"], r["alpha"], r["units"], r["dropped"]]
                 for r in report["attributes"]],
            ),
        ]  # fmt: skip
    if report["entity_links"]:
        parts += [
            "<h2>Entity links</h2>",
            _table(
                ["a", "b", "label", "same entity", "same", "linked", "matched mentions"],
                [[r["a"], r["b"], r["label"], r["value"], r["same"], r["linked"], r["mentions"]]
                 for r in report["entity_links"]],
            ),
        ]  # fmt: skip
    parts += [
        "<h2>Documents, worst first</h2>",
        _table(
            ["document", "title", "a", "b", "exact F1", "matched", "a", "b", "overlap F1",
             "Cohen's κ", "positions"],
            [[r["document"], r["title"], r["a"], r["b"], r["exact_f1"], r["matched"],
              r["a_count"], r["b_count"], r["overlap_f1"], r["kappa"], r["positions"]]
             for r in worst_documents(report)],
        ),
    ]  # fmt: skip
    notes = list(reasons(report))
    if notes:
        parts += ["<h2>Undefined</h2><ul>", *(f"<li>{escape(n)}</li>" for n in notes), "</ul>"]
    if report["warnings"]:
        parts += ["<h2>Warnings</h2><ul>"]
        parts += [f"<li>{escape(w)}</li>" for w in report["warnings"]]
        parts += ["</ul>"]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


__all__ = ["page", "shown"]
