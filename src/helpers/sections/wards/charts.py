"""Charts of the wards section: the monthly series with its rate, and the funnel plot of the wards' rates.

Like helpers.display.charts, each function draws only what published (suppressed) tables hold, in the
house style set by `charts.use_house_style()`, and returns a matplotlib Figure. The averages by category
and the months by category are drawn with the house's stacked bars.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

from helpers.disclosure import PublishedTable
from helpers.display import charts
from helpers.sections.wards.measures import AT_RISK, MONTH_RATE, month_end
from helpers.stats.rates import CONFIDENCE, funnel_limits

COMPARISON_COLOURS = {"higher": charts.VERMILLION, "similar": charts.GREY, "lower": charts.BLUE, "c": charts.TEXT}
COMPARISON_MARKERS = {"higher": "^", "similar": "o", "lower": "v", "c": "x"}
COMPARISON_LABELS = {
    "higher": "Higher than the district",
    "similar": "Similar to the district",
    "lower": "Lower than the district",
    "c": "Comparison suppressed",
}
ETHNIC_GROUP_COLOURS = {
    "White": charts.BLUE,
    "Asian": charts.ORANGE,
    "Mixed": charts.GREEN,
    "Black": charts.PURPLE,
    "Other": charts.SKY,
    "Not recorded": "#6F6F6F",
}
AGE_BAND_COLOURS = {
    "Under 10": "#C6DBEF",
    "10-12": "#6BAED6",
    "13-15": "#2171B5",
    "16-17": "#08306B",
    "18 or over": charts.GREY,
}
SERIES_COLOURS = (charts.BLUE, charts.ORANGE)  # the report's own scope, then the district
# Where a ward's name may go, in points from its marker, tried in turn until it overlaps nothing placed.
LABEL_OFFSETS = (
    (4, 3),
    (4, -9),
    (-4, 3),
    (-4, -9),
    (0, 7),
    (0, -13),
    (8, 11),
    (8, -17),
    (-8, 11),
    (-8, -17),
    (0, 17),
    (0, -23),
)


def month_labels(months: list[str]) -> list[str]:
    """`Jan 2020`, then `Feb`, ... with the year again in each January."""
    return [
        f"{month_end(m):%b}\n{month_end(m):%Y}" if i == 0 or m.endswith("-01") else f"{month_end(m):%b}"
        for i, m in enumerate(months)
    ]


def monthly_series(table: PublishedTable, scope_name: str, district_name: str | None, title: str) -> plt.Figure:
    """The scope's children at risk at each month end as labelled bars, over the rate per 10,000 of the scope
    (and of the district, in an area pack) as lines: one axis each, so neither is read off the other."""
    cells = table.cells
    scope = cells[cells["ward_name"] == scope_name]
    months = scope["month"].tolist()
    positions = np.arange(len(months))
    figure, (bars, lines) = plt.subplots(
        2, 1, figsize=(charts.WIDTH_INCHES, 3.6), sharex=True, gridspec_kw={"height_ratios": (3, 2)}
    )
    counts = pd.to_numeric(scope[AT_RISK].where(scope[AT_RISK] != "c"), errors="coerce")
    bars.bar(positions, counts.fillna(0).to_numpy(), color=SERIES_COLOURS[0], width=0.75)
    top = float(np.nanmax(np.append(counts.to_numpy(dtype=float), 1.0)))
    for x, value in zip(positions, counts, strict=True):
        text = "c" if np.isnan(value) else f"{value:,.0f}"
        bars.text(x, (0 if np.isnan(value) else value) + top * 0.01, text, ha="center", va="bottom", fontsize=8)
    bars.set_title(charts.wrapped(title))
    bars.set_ylabel("Children at risk\nat the month end")
    bars.set_ylim(bottom=0)
    bars.margins(y=0.15)
    bars.grid(axis="x", visible=False)
    names = [scope_name, *([district_name] if district_name else [])]
    for colour, name in zip(SERIES_COLOURS[: len(names)], names, strict=True):
        rows = cells[cells["ward_name"] == name]
        rates = pd.to_numeric(rows[MONTH_RATE].where(rows[MONTH_RATE] != "c"), errors="coerce").to_numpy()
        lines.plot(
            positions,
            rates,
            color=colour,
            linewidth=2.2,
            marker="o",
            markersize=3.5,
            label=name.replace("All wards of the ", "The ").replace("The district", "The whole district"),
        )
    lines.set_ylabel("Per 10,000\nchildren under 18")
    lines.set_ylim(bottom=0)
    lines.margins(x=0.02, y=0.25)
    lines.legend(loc="lower left", ncols=2, fontsize=8)
    lines.set_xticks(positions, month_labels(months), fontsize=8)
    lines.set_xlabel("Month end")
    figure.tight_layout()
    return figure


def funnel_plot(rates: PublishedTable, district_rate: float, title: str, label_every_ward: bool) -> plt.Figure:
    """Each ward's rate against its under-18 population, with the district rate and the ranges within which a
    ward's rate would fall 95 and 99.8 times in 100 at the district's rate (the same method as the wards' own
    ranges). Names: every ward's in an area pack (`label_every_ward`), else those outside the 95% range or
    whose own likely range lies wholly above or below the district's rate. A suppressed rate is not drawn."""
    cells = rates.cells
    population = cells["population_under_18"].astype(float).to_numpy()
    rate = pd.to_numeric(cells["rate_per_10k"].where(cells["rate_per_10k"] != "c"), errors="coerce").to_numpy()
    span = np.linspace(population.min() * 0.85, population.max() * 1.08, 120)
    figure, axis = plt.subplots(figsize=(charts.WIDTH_INCHES, 3.2))
    axis.axhline(district_rate, color=charts.TEXT, linewidth=1.2)
    axis.annotate(
        f"District {district_rate:.2f}",
        (span[-1], district_rate),
        xytext=(3, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
    )
    for (_level, confidence), style in zip(CONFIDENCE.items(), ("--", ":"), strict=True):
        label = f"{confidence:.1%}".replace(".0%", "%")
        for line in funnel_limits(district_rate, span, confidence):
            axis.plot(span, line, linestyle=style, color=charts.TEXT, linewidth=1)
            axis.annotate(
                label, (span[-1], line[-1]), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
            )
    for flag, colour in COMPARISON_COLOURS.items():
        chosen = (cells["compared_with_district"] == flag).to_numpy() & ~np.isnan(rate)
        if chosen.any():
            axis.scatter(
                population[chosen],
                rate[chosen],
                color=colour,
                marker=COMPARISON_MARKERS[flag],
                s=36,
                zorder=3,
                label=COMPARISON_LABELS[flag],
            )
    axis.set_title(charts.wrapped(title))
    axis.set_xlabel("Children under 18 living in the ward")
    axis.set_ylabel("Children at risk per 10,000 under 18")
    axis.set_ylim(bottom=0)
    axis.set_xlim(span[0], span[-1])
    axis.xaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axis.legend(loc="upper right", fontsize=8)
    figure.tight_layout()
    lower, upper = funnel_limits(district_rate, population, CONFIDENCE["95"])
    differs = cells["compared_with_district"].isin(["higher", "lower"]).to_numpy()
    named = np.ones(len(cells), bool) if label_every_ward else (rate > upper) | (rate < lower) | differs
    named &= ~np.isnan(rate)
    _label_points(figure, axis, population[named], rate[named], cells["ward_name"][named].tolist())
    return figure


def _label_points(figure: plt.Figure, axis: plt.Axes, xs: np.ndarray, ys: np.ndarray, names: list[str]) -> None:
    """Name each point where its label overlaps the least of the markers and the names placed before it
    (nothing, wherever one of LABEL_OFFSETS allows)."""
    if not names:
        return
    renderer = figure.canvas.get_renderer()
    radius = 4  # pixels around a marker that a name must keep clear of
    placed = [
        Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)
        for px, py in axis.transData.transform(np.column_stack([xs, ys]))
    ]

    def label_at(x: float, y: float, name: str, dx: float, dy: float) -> plt.Annotation:
        leader = {"arrowstyle": "-", "color": charts.GREY, "linewidth": 0.5} if abs(dy) > 13 else None
        return axis.annotate(
            name,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=7.5,
            ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
            arrowprops=leader,
        )

    def overlap(box: Bbox) -> float:
        return sum(
            max(0.0, min(box.x1, o.x1) - max(box.x0, o.x0)) * max(0.0, min(box.y1, o.y1) - max(box.y0, o.y0))
            for o in placed
        )

    for x, y, name in sorted(zip(xs, ys, names, strict=True), key=lambda point: (-point[1], point[0])):
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
