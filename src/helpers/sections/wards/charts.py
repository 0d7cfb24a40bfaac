"""Charts of the wards section: month-by-month small multiples, one panel per ward, and a funnel plot.

Like helpers.charts, each function draws only what published (suppressed) tables hold, in the
house style set by `charts.use_house_style()`, and returns a matplotlib Figure.
"""
from __future__ import annotations

import math
import textwrap
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

from helpers.disclosure import PublishedTable
from helpers.display import charts
from helpers.display.formatting import SUPPRESSED
from helpers.sections.wards.measures import (
    AT_RISK,
    CONFIDENCE,
    funnel_limits,
    month_end,
)

MAX_COLUMNS = 5  # 30 district wards: 6 rows of 5, wide enough for each ward's headline figures
PANEL_HEIGHT = 1.45
SUPPRESSED_FILL = {"color": "white", "edgecolor": charts.GREY, "hatch": "////", "linewidth": 0.4}
COMPARISON_COLOURS = {"higher": charts.VERMILLION, "similar": charts.GREY, "lower": charts.BLUE}
COMPARISON_MARKERS = {"higher": "^", "similar": "o", "lower": "v"}
COMPARISON_LABELS = {"higher": "Higher than the district", "similar": "Similar to the district",
                     "lower": "Lower than the district"}
# Where a ward's name may go, in points from its marker, tried in turn until it overlaps no other name.
LABEL_OFFSETS = ((4, 3), (4, -9), (-4, 3), (-4, -9), (0, 7), (0, -13), (8, 11), (8, -17), (-8, 11), (-8, -17),
                 (0, 17), (0, -23))
ETHNIC_GROUP_COLOURS = {"White": charts.BLUE, "Asian": charts.ORANGE, "Mixed": charts.GREEN,
                        "Black": charts.PURPLE, "Other": charts.SKY, "Not recorded": "#6F6F6F"}
AGE_BAND_COLOURS = {"Under 10": "#C6DBEF", "10-12": "#6BAED6", "13-15": "#2171B5", "16-17": "#08306B",
                    "18 or over": charts.GREY}


def _grid(panels: int) -> tuple[int, int]:
    columns = panels if panels <= 3 else (3 if panels <= 9 else MAX_COLUMNS)
    return math.ceil(panels / columns), columns


def _panels(wards: Sequence[str], title: str, y_label: str) -> tuple[plt.Figure, list[plt.Axes]]:
    """One panel per ward on shared axes; panels past the last ward are switched off."""
    rows, columns = _grid(len(wards))
    height = rows * PANEL_HEIGHT + (1.3 if rows > 1 else 1.6)
    figure, axes = plt.subplots(rows, columns, figsize=(charts.WIDTH_INCHES, height), sharex=True, sharey=True,
                                squeeze=False)
    flat = list(axes.flat)
    for axis in flat[len(wards):]:
        axis.set_visible(False)
    figure.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    figure.supylabel(y_label, fontsize=10)
    return figure, flat[:len(wards)]


def _month_ticks(axis: plt.Axes, months: Sequence[str]) -> None:
    """Months as initials, time running left to right; the caption gives the period."""
    axis.set_xticks(np.arange(len(months)), [f"{month_end(m):%b}"[0] for m in months], fontsize=7)
    axis.tick_params(axis="y", labelsize=7)
    axis.grid(axis="x", visible=False)


def _ward_title(axis: plt.Axes, name: str, pad: float = 4) -> None:
    axis.set_title(textwrap.fill(name, 24), fontsize=7.5, fontweight="bold", loc="left", pad=pad)


def _ward_rows(table: PublishedTable, ward: str) -> pd.DataFrame:
    return table.cells[table.cells["ward_code"] == ward]


def _numbers(cells: pd.Series) -> np.ndarray:
    return pd.to_numeric(cells.where(cells != SUPPRESSED), errors="coerce").to_numpy(dtype=float)


def _mark_suppressed(axis: plt.Axes, positions: np.ndarray, hidden: np.ndarray) -> None:
    for x in positions[hidden]:
        axis.text(x, 0, SUPPRESSED, ha="center", va="bottom", fontsize=7, color=charts.TEXT)


def monthly_small_multiples(
    table: PublishedTable, rates: PublishedTable, months: Sequence[str], title: str
) -> plt.Figure:
    """Children at risk at each month end (the published `wards_monthly_at_risk`, a row per ward and a
    column per month), one bar chart per ward, with the ward's average, population and rate (from the
    published `wards_rates`) above its panel."""
    wards = rates.cells["ward_code"].tolist()
    figure, axes = _panels(wards, title, "Children at risk at the month end")
    positions = np.arange(len(months))
    headline = rates.cells.set_index("ward_code")
    for axis, ward in zip(axes, wards):
        cells = _ward_rows(table, ward).iloc[0][list(months)]
        values = _numbers(cells)
        axis.bar(positions, np.nan_to_num(values), color=charts.BLUE, width=0.75)
        _mark_suppressed(axis, positions, (cells == SUPPRESSED).to_numpy())
        row = headline.loc[ward]
        axis.text(0, 1.03, f"{row['average_at_risk']:.2f} a month, {row['population_under_18']:,} under 18\n"
                  f"rate {row['rate_per_10k']:.2f} per 10,000", transform=axis.transAxes, fontsize=6.5,
                  va="bottom", ha="left")
        _ward_title(axis, row["ward_name"], pad=21)
        _month_ticks(axis, months)
    axes[0].set_ylim(bottom=0)
    figure.tight_layout()
    return figure


def breakdown_small_multiples(
    table: PublishedTable, wards: Mapping[str, str], months: Sequence[str], categories: Sequence[str],
    colours: Mapping[str, str], title: str,
) -> plt.Figure:
    """Stacked bars of one breakdown, one panel per ward, the first category at the bottom.

    A bar is as tall as the month's published total; the part of it held by suppressed categories
    (the total less the published categories) is hatched, and a suppressed total is marked c.
    """
    figure, axes = _panels(list(wards), title, "Children at risk at the month end")
    positions = np.arange(len(months))
    for axis, (ward, name) in zip(axes, wards.items()):
        rows = _ward_rows(table, ward)
        base = np.zeros(len(months))
        for category in categories:
            values = np.nan_to_num(_numbers(rows[category]))
            axis.bar(positions, values, bottom=base, color=colours[category], width=0.75, label=category)
            base += values
        total = _numbers(rows[AT_RISK])
        axis.bar(positions, np.nan_to_num(total - base), bottom=base, width=0.75, label="Suppressed (c)",
                 **SUPPRESSED_FILL)
        _mark_suppressed(axis, positions, (rows[AT_RISK] == SUPPRESSED).to_numpy())
        _ward_title(axis, name)
        _month_ticks(axis, months)
    axes[0].set_ylim(bottom=0)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.tight_layout(rect=(0, 0, 1, 0.94 if len(axes) > 6 else 0.88))
    figure.legend(handles, labels, loc="upper left", ncols=len(labels), fontsize=8,
                  bbox_to_anchor=(0.01, 0.955 if len(axes) > 6 else 0.905), handlelength=1.2, columnspacing=1.0)
    return figure


def funnel_plot(rates: PublishedTable, district_rate: float, title: str) -> plt.Figure:
    """Each ward's rate against its under-18 population, with the district rate and its 95% and 99.8%
    control limits (the interval of the count expected at the district rate, by the same method)."""
    cells = rates.cells
    population = cells["population_under_18"].astype(float).to_numpy()
    rate = cells["rate_per_10k"].astype(float).to_numpy()
    span = np.linspace(population.min() * 0.85, population.max() * 1.08, 200)
    figure, axis = plt.subplots(figsize=(charts.WIDTH_INCHES, 6.2))
    axis.axhline(district_rate, color=charts.TEXT, linewidth=1.2)
    axis.annotate(f"District {district_rate:.2f}", (span[-1], district_rate), xytext=(3, 0),
                  textcoords="offset points", va="center", fontsize=8)
    for (level, confidence), style in zip(CONFIDENCE.items(), ("--", ":")):
        lower, upper = funnel_limits(district_rate, span, confidence)
        label = f"{confidence:.1%}".replace(".0%", "%")
        for line in (lower, upper):
            axis.plot(span, line, linestyle=style, color=charts.TEXT, linewidth=1)
            axis.annotate(f"{label} limit", (span[-1], line[-1]), xytext=(3, 0), textcoords="offset points",
                          va="center", fontsize=8)
    for flag, colour in COMPARISON_COLOURS.items():
        chosen = (cells["compared_with_district"] == flag).to_numpy()
        if chosen.any():
            axis.scatter(population[chosen], rate[chosen], color=colour, marker=COMPARISON_MARKERS[flag], s=36,
                         zorder=3, label=COMPARISON_LABELS[flag])
    axis.set_title(title)
    axis.set_xlabel("Children under 18 in the ward (ONS mid-2020 estimate)")
    axis.set_ylabel("Children at risk per 10,000 under 18")
    axis.set_ylim(bottom=0)
    axis.set_xlim(span[0], span[-1])
    axis.xaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axis.legend(loc="upper right", fontsize=8)
    figure.tight_layout()
    _label_points(figure, axis, population, rate, cells["ward_name"].tolist())
    return figure


def _label_points(figure: plt.Figure, axis: plt.Axes, xs: np.ndarray, ys: np.ndarray, names: list[str]) -> None:
    """Name every point where its label overlaps the least of the markers and the names placed before it
    (nothing, wherever one of LABEL_OFFSETS allows)."""
    renderer = figure.canvas.get_renderer()
    radius = 4  # pixels around a marker that a name must keep clear of
    placed = [Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)
              for px, py in axis.transData.transform(np.column_stack([xs, ys]))]

    def label_at(x: float, y: float, name: str, dx: float, dy: float) -> plt.Annotation:
        leader = {"arrowstyle": "-", "color": charts.GREY, "linewidth": 0.5} if abs(dy) > 13 else None
        return axis.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=7,
                             ha="left" if dx > 0 else ("right" if dx < 0 else "center"), arrowprops=leader)

    def overlap(box: Bbox) -> float:
        return sum(max(0.0, min(box.x1, o.x1) - max(box.x0, o.x0)) * max(0.0, min(box.y1, o.y1) - max(box.y0, o.y0))
                   for o in placed)

    for x, y, name in sorted(zip(xs, ys, names), key=lambda point: (-point[1], point[0])):
        best: tuple[float, tuple[int, int]] | None = None
        for offset in LABEL_OFFSETS:
            label = label_at(x, y, name, *offset)
            covered = overlap(label.get_window_extent(renderer))
            label.remove()
            if best is None or covered < best[0]:
                best = (covered, offset)
            if covered == 0:
                break
        label = label_at(x, y, name, *best[1])
        placed.append(label.get_window_extent(renderer))
