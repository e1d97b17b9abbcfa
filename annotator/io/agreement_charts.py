"""The charts of an agreement report, drawn with matplotlib on a figure the caller owns: the
HTML report renders them to inline SVG, the window onto a ``FigureCanvasQTAgg`` (the same
drawing code for both). Import this module only when drawing: matplotlib is slow to load.

- :func:`draw_matrix`: for each measure (exact F1, overlap F1, Cohen's κ, all labels pooled),
  an annotators × annotators heat map with the value in each cell;
- :func:`draw_labels`: per label, exact and overlap F1 pooled over every pair, and Fleiss' κ.

Names (of annotators and labels) come from project files: they are drawn as plain text,
never as matplotlib's ``$…$`` mathematics.
"""

from __future__ import annotations

from typing import Any

from matplotlib import colormaps
from matplotlib.figure import Figure

from annotator.core.agreement import POOLED

#: (key in a pair row, title) of the heat maps.
MATRIX_MEASURES: tuple[tuple[str, str], ...] = (
    ("exact", "Span F1, exact"),
    ("overlap", "Span F1, overlap"),
    ("kappa", "Cohen's κ"),
)
UNDEFINED_COLOUR = "#bdbdbd"


def plain(text: str) -> str:
    """``text`` as matplotlib shows it literally (a ``$`` would start mathematics)."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def pair_value(row: dict[str, Any], measure: str) -> float | None:
    figures = row[measure]
    value = figures["value"] if measure == "kappa" else figures["f1"]
    return None if value is None else float(value)


def matrix(report: dict[str, Any], measure: str) -> list[list[float | None]]:
    """The pooled (``*``) values of ``measure`` for every pair, both ways; None on the
    diagonal and where undefined."""
    names = report["annotators"]
    where = {name: i for i, name in enumerate(names)}
    cells: list[list[float | None]] = [[None] * len(names) for _ in names]
    for row in report["pairs"]:
        if row["label"] == POOLED:
            i, j = where[row["a"]], where[row["b"]]
            cells[i][j] = cells[j][i] = pair_value(row, measure)
    return cells


def draw_matrix(figure: Figure, report: dict[str, Any], *, dark: bool = False) -> None:
    names = [plain(n) for n in report["annotators"]]
    ink = "#e0e0e0" if dark else "#202020"
    axes = figure.subplots(1, len(MATRIX_MEASURES), squeeze=False)[0]
    for ax, (measure, title) in zip(axes, MATRIX_MEASURES, strict=True):
        cells = matrix(report, measure)
        grid = [[float("nan") if v is None else v for v in row] for row in cells]
        cmap = colormaps["viridis"].with_extremes(bad=UNDEFINED_COLOUR)
        image = ax.imshow(grid, cmap=cmap, vmin=0.0, vmax=1.0)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                text = "—" if i == j else ("undef." if value is None else f"{value:.2f}")
                light = value is not None and value < 0.6
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    color="white" if light else "black",
                    fontsize=9,
                )
        ax.set_title(title, color=ink, fontsize=10)
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right", color=ink, fontsize=8)
        ax.set_yticks(range(len(names)), names, color=ink, fontsize=8)
        ax.tick_params(colors=ink)
    figure.colorbar(image, ax=list(axes), shrink=0.8).ax.tick_params(colors=ink, labelsize=8)


def draw_labels(figure: Figure, report: dict[str, Any], *, dark: bool = False) -> None:
    ink = "#e0e0e0" if dark else "#202020"
    rows = report["by_label"]
    fleiss = {row["label"]: row["value"] for row in report["fleiss"]}
    labels = [row["label"] for row in rows]
    series = (
        ("Span F1, exact", [row["exact"]["f1"] for row in rows], "#4c72b0"),
        ("Span F1, overlap", [row["overlap"]["f1"] for row in rows], "#55a868"),
        ("Fleiss' κ", [fleiss.get(label) for label in labels], "#c44e52"),
    )
    ax = figure.subplots()
    ax.set_facecolor("none")  # the window's (or page's) background shows through
    width = 0.8 / len(series)
    for s, (name, values, colour) in enumerate(series):
        xs = [i + (s - 1) * width for i in range(len(labels))]
        ax.bar(xs, [0.0 if v is None else v for v in values], width, label=name, color=colour)
        for x, v in zip(xs, values, strict=True):
            if v is None:  # no bar: say so, upright so that neighbours do not collide
                ax.text(
                    x,
                    0.02,
                    "undefined",
                    ha="center",
                    va="bottom",
                    rotation=90,
                    fontsize=7,
                    color=ink,
                )
            else:
                ax.text(
                    x,
                    max(v, 0.0) + 0.02,
                    f"{v:.2f}",
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    color=ink,
                    rotation=90 if len(labels) > 6 else 0,
                )
    ax.set_xticks(
        range(len(labels)),
        ["all labels" if x == POOLED else plain(x) for x in labels],
        color=ink,
        fontsize=8,
    )
    ax.set_ylim(min([0.0, *(v for _, vs, _ in series for v in vs if v is not None)]), 1.15)
    ax.axhline(0, color=ink, linewidth=0.5)
    ax.tick_params(colors=ink)
    ax.set_ylabel("agreement", color=ink)
    figure.legend(fontsize=8, loc="outside upper center", ncols=3, frameon=False, labelcolor=ink)
    for spine in ax.spines.values():
        spine.set_color(ink)


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to any window (no pyplot), transparent behind the axes."""
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.patch.set_alpha(0.0)
    return figure
