"""The report's charts: one seaborn house style, a colour-blind-safe palette, labelled bars.

Chart functions draw what a published (suppressed) table holds and nothing else: they take
the table, a title that states the finding and axis labels, and return a matplotlib Figure.
Suppressed cells are drawn as gaps marked `c`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # drawing happens off-screen; the notebook shows the PNG the section embeds

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.disclosure import PublishedTable
from helpers.display.formatting import SUPPRESSED, pct_text

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#999999",
)
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)
GENDER_COLOURS = {"Female": PURPLE, "Male": GREEN, "Other or unknown": GREY}
# Risk levels keep one colour everywhere, the most serious darkest (one blue ramp, by rank).
RISK_RAMP = ("#08306B", "#2171B5", "#6BAED6", "#C6DBEF")
NOT_SET_COLOUR = "#BDBDBD"
SUPPRESSED_COLOUR = "#D9D9D9"  # the part of a bar that suppressed values hold together
TEXT = "#1A1A1A"
WIDTH_INCHES = 9.0
# Wide and low, so that a printed page holds two or three charts with their words (an area pack prints on at
# most 15 A4 pages; docs/decisions.md, Length).
HEIGHT_INCHES = 2.6
DPI = 110


def use_house_style() -> None:
    """Set the one theme every chart uses; called once per section."""
    sns.set_theme(context="notebook", style="whitegrid", font="DejaVu Sans")
    plt.rcParams.update(
        {
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 11,
            "axes.edgecolor": "#CCCCCC",
            "axes.labelcolor": TEXT,
            "text.color": TEXT,
            "xtick.color": TEXT,
            "ytick.color": TEXT,
            "grid.color": "#E5E5E5",
            "legend.frameon": False,
            "svg.hashsalt": "cse-hub-report",
        }
    )


def risk_colours(levels: tuple[str, ...]) -> dict[str, str]:
    """Colour of each level of a scale (most serious first), plus `Not set`."""
    return {**dict(zip(levels, RISK_RAMP)), "Not set": NOT_SET_COLOUR}


def _label_bars(axis: plt.Axes, bars, values: pd.Series, suppressed: pd.Series, fontsize: int = 9) -> None:
    """Write each bar's value on it, so colour never carries the number alone."""
    top = np.nanmax(values.to_numpy(dtype=float)) if values.notna().any() else 1.0
    for bar, value, hidden in zip(bars, values, suppressed):
        x = bar.get_x() + bar.get_width() / 2
        if hidden:
            axis.text(x, top * 0.01, "c", ha="center", va="bottom", fontsize=fontsize, color=TEXT)
        elif not pd.isna(value):
            axis.text(x, value + top * 0.01, f"{int(value):,}", ha="center", va="bottom", fontsize=fontsize)


def grouped_bars(
    table: PublishedTable,
    category_column: str,
    value_columns: list[str],
    title: str,
    x_label: str,
    y_label: str,
    colours: dict[str, str] | None = None,
    rows: pd.Series | None = None,
) -> plt.Figure:
    """One group of bars per row of the table, one bar per value column, each bar labelled."""
    cells = table.cells if rows is None else table.cells[rows.to_numpy()]
    categories = cells[category_column].astype(str).tolist()
    positions = np.arange(len(categories))
    width = 0.8 / len(value_columns)
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    for number, column in enumerate(value_columns):
        values = pd.to_numeric(cells[column].where(cells[column] != "c"), errors="coerce")
        colour = (colours or {}).get(column, SERIES_COLOURS[number % len(SERIES_COLOURS)])
        offset = (number - (len(value_columns) - 1) / 2) * width
        bars = axis.bar(positions + offset, values.fillna(0), width=width * 0.95, color=colour, label=column)
        _label_bars(axis, bars, values, cells[column] == "c", fontsize=8 if len(categories) > 8 else 9)
    finish_bar_axes(axis, positions, categories, title, x_label, y_label)
    if len(value_columns) > 1:
        axis.legend(loc="upper left", ncols=len(value_columns))
    figure.tight_layout()
    return figure


def finish_bar_axes(
    axis: plt.Axes, positions: np.ndarray, categories: list[str], title: str, x_label: str, y_label: str
) -> None:
    """Category ticks, the finding as title, labelled axes, bars from zero with room for their labels."""
    axis.set_xticks(positions, categories)
    axis.set_title(title)
    axis.set_xlabel(x_label)
    axis.set_ylabel(axis_label(y_label))
    axis.set_ylim(bottom=0)
    axis.margins(y=0.12)


def quarterly_bars(table: PublishedTable, quarter_columns: list[str], title: str, y_label: str) -> plt.Figure:
    """A time series of quarters, left to right, one colour per financial year, bars labelled.

    Years are named under each group of four bars and separated by a faint line.
    """
    values, hidden, colours, year_centres = [], [], [], []
    for number, (_, row) in enumerate(table.cells.iterrows()):
        year_centres.append((len(values) + (len(quarter_columns) - 1) / 2, str(row.iloc[0])))
        for column in quarter_columns:
            hidden.append(row[column] == "c")
            values.append(np.nan if row[column] in ("c", None) else float(row[column]))
            colours.append(BLUE if number % 2 == 0 else SKY)
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    positions = np.arange(len(values))
    series = pd.Series(values)
    bars = axis.bar(positions, series.fillna(0), color=colours, width=0.8)
    _label_bars(axis, bars, series, pd.Series(hidden), fontsize=7 if len(values) > 20 else 8)
    for boundary in range(len(quarter_columns), len(values), len(quarter_columns)):
        axis.axvline(boundary - 0.5, color="#DDDDDD", linewidth=0.8)
    axis.set_xticks([c for c, _ in year_centres], [label for _, label in year_centres], fontsize=9)
    axis.grid(axis="x", visible=False)
    axis.set_title(title)
    axis.set_xlabel("Financial year: four bars a year, April-June (Q1) to January-March (Q4)")
    axis.set_ylabel(axis_label(y_label))
    axis.set_ylim(bottom=0)
    axis.margins(y=0.12)
    figure.tight_layout()
    return figure


def bars_with_lines(
    table: PublishedTable,
    bar_column: str,
    line_columns: list[str],
    title: str,
    x_label: str,
    y_label: str,
) -> plt.Figure:
    """A long time series: unlabelled bars (the table beside the chart has every value) under
    labelled lines, each line named at its right-hand end as well as in the legend."""
    cells = table.cells
    positions = np.arange(len(cells))
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    bars = table.column(bar_column)
    axis.bar(positions, bars.fillna(0), color=SKY, width=0.85, label=bar_column)
    for number, column in enumerate(line_columns):
        values = table.column(column)
        colour = (VERMILLION, BLUE)[number % 2]
        axis.plot(positions, values, color=colour, linewidth=2.2, label=column)
        known = values.dropna()
        if len(known):
            axis.annotate(
                f"{known.iloc[-1]:,.0f}",
                (known.index[-1], known.iloc[-1]),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=colour,
            )
    step = max(1, len(cells) // 12)
    axis.set_xticks(positions[::step], cells.iloc[::step, 0], rotation=0, fontsize=8)
    axis.set_title(title)
    axis.set_xlabel(x_label)
    axis.set_ylabel(axis_label(y_label))
    axis.set_ylim(bottom=0)
    axis.margins(x=0.02, y=0.1)
    axis.legend(loc="upper left")
    figure.tight_layout()
    return figure


def _values(cells: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(cells[column].where(cells[column] != SUPPRESSED), errors="coerce")


def has_bars(table: PublishedTable, value_columns: list[str], leave_out: tuple[str, ...] = ()) -> bool:
    """Whether a chart of these cells would draw any bar: some published value above zero.

    When suppression hides every non-zero cell a chart shows only gaps, and the table says more.
    """
    label_column = table.cells.columns[0]
    cells = table.cells[~table.cells[label_column].isin(leave_out)]
    return any((_values(cells, column) > 0).any() for column in value_columns)


def ranked_bars(
    table: PublishedTable,
    value_column: str,
    title: str,
    x_label: str,
    leave_out: tuple[str, ...] = (),
    last: tuple[str, ...] = (),
) -> plt.Figure:
    """Horizontal bars, largest at the top, one per row of the table except those left out.

    Rows named in `last` (such as Not known) keep their place at the bottom whatever their size;
    suppressed rows come after the ranked ones, since their size is not published.
    """
    label_column = table.cells.columns[0]
    cells = table.cells[~table.cells[label_column].isin(leave_out)]
    values = _values(cells, value_column)
    ranked = (
        cells[~cells[label_column].isin(last)]
        .assign(_v=values)
        .sort_values("_v", ascending=False, kind="mergesort", na_position="last")
    )
    ordered = pd.concat([ranked.drop(columns="_v"), cells[cells[label_column].isin(last)]])
    labels = ordered[label_column].astype(str).tolist()
    shown = _values(ordered, value_column)
    hidden = (ordered[value_column] == SUPPRESSED).tolist()
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, 0.45 * len(labels) + 1.4))
    positions = np.arange(len(labels))[::-1]
    colours = [GREY if label in last else BLUE for label in labels]
    axis.barh(positions, shown.fillna(0), color=colours, height=0.7)
    top = float(np.nanmax(shown.to_numpy(dtype=float))) if shown.notna().any() else 1.0
    for y, value, is_hidden in zip(positions, shown, hidden):
        text = "c" if is_hidden else ("" if pd.isna(value) else f"{int(value):,}")
        axis.text((0 if pd.isna(value) else value) + top * 0.01, y, text, va="center", fontsize=9, color=TEXT)
    axis.set_yticks(positions, labels)
    # Long place names push the axes right; the title starts at the figure's edge so it keeps the full width.
    figure.suptitle(
        title, x=0.01, ha="left", fontsize=plt.rcParams["axes.titlesize"], fontweight=plt.rcParams["axes.titleweight"]
    )
    axis.set_xlabel(x_label)
    axis.set_xlim(left=0)
    axis.margins(x=0.1)
    axis.grid(axis="y", visible=False)
    figure.tight_layout()
    return figure


def percent_bars(
    table: PublishedTable,
    value_columns: list[str],
    title: str,
    x_label: str,
    y_label: str,
    leave_out: tuple[str, ...] = (),
) -> plt.Figure:
    """Grouped vertical bars of percentages, one group per row, each bar labelled as a whole percentage.

    A cell with no value (a share the data cannot give) is drawn as no bar, labelled `n/a`.
    """
    label_column = table.cells.columns[0]
    cells = table.cells[~table.cells[label_column].isin(leave_out)]
    categories = cells[label_column].astype(str).tolist()
    positions = np.arange(len(categories))
    width = 0.8 / len(value_columns)
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    top = max(
        (
            float(np.nanmax(_values(cells, c).to_numpy(dtype=float)))
            for c in value_columns
            if _values(cells, c).notna().any()
        ),
        default=1.0,
    )
    for number, column in enumerate(value_columns):
        values = _values(cells, column)
        offset = (number - (len(value_columns) - 1) / 2) * width
        bars = axis.bar(
            positions + offset,
            values.fillna(0),
            width=width * 0.95,
            color=SERIES_COLOURS[number % len(SERIES_COLOURS)],
            label=column,
        )
        for bar, value, raw in zip(bars, values, cells[column]):
            text = "c" if raw == SUPPRESSED else ("n/a" if pd.isna(value) else pct_text(value))
            axis.text(
                bar.get_x() + bar.get_width() / 2,
                (0 if pd.isna(value) else value) + top * 0.01,
                text,
                ha="center",
                va="bottom",
                fontsize=9,
                color=TEXT,
            )
    finish_bar_axes(axis, positions, categories, title, x_label, y_label)
    if len(value_columns) > 1:
        axis.legend(loc="upper right")
    figure.tight_layout()
    return figure


def wrapped(title: str, width: int = 72) -> str:
    """A finding that is too long for one line, on two: the chart's full width holds about 72 characters."""
    return textwrap.fill(title, width)


def axis_label(label: str) -> str:
    """A vertical axis label on two lines when one would run past the plot of a low chart (about 18
    characters of 11 points fit beside a plot 2.6 inches high)."""
    return textwrap.fill(label, 18)


def _stack(
    axis: plt.Axes,
    positions: np.ndarray,
    cells: pd.DataFrame,
    value_columns: list[str],
    colours: dict[str, str],
    horizontal: bool,
    totals: np.ndarray | None,
) -> np.ndarray:
    """Draw the published parts of each bar, first column at the base, and the rest of a published total (its
    suppressed parts together) in light grey; return where each bar ends."""
    draw = axis.barh if horizontal else axis.bar
    base = np.zeros(len(cells))
    for column in value_columns:
        values = _values(cells, column).fillna(0).to_numpy(dtype=float)
        draw(positions, values, 0.7, base, color=colours[column], label=column)
        base += values
    if totals is not None:
        rest = np.nan_to_num(totals) - base
        if (rest > 1e-9).any():
            draw(positions, np.where(rest > 1e-9, rest, 0), 0.7, base, color=SUPPRESSED_COLOUR, label="Suppressed (c)")
            base = np.maximum(base, np.nan_to_num(totals))
    return base


@dataclass(frozen=True)
class Panel:
    """One panel of `stacked_barh_panels`: its table, the columns stacked from the left, their colours, a title."""

    table: PublishedTable
    value_columns: list[str]
    colours: dict[str, str]
    title: str
    rows: pd.Series | None = None  # which rows of the table to draw; all when None

    @property
    def cells(self) -> pd.DataFrame:
        return self.table.cells if self.rows is None else self.table.cells[self.rows.to_numpy()]


def _panel_legend(
    axis: plt.Axes, title: str, loc: str, anchor: tuple[float, float], sizes: tuple[float, float], pad: float
) -> None:
    """A panel's legend outside its axes, headed by the panel's title in bold; `sizes`: the title's and the
    entries' font sizes."""
    axis.legend(
        loc=loc,
        bbox_to_anchor=anchor,
        title=title,
        alignment="left",
        frameon=False,
        handlelength=1.0,
        title_fontproperties={"size": sizes[0], "weight": "bold"},
        fontsize=sizes[1],
        borderaxespad=pad,
    )


def stacked_barh_panels(
    panels: list[Panel], label_column: str, title: str, x_label: str, total_column: str, decimals: int = 2
) -> plt.Figure:
    """Panels side by side, each one horizontal bar per row in the tables' order from the top, its value columns
    stacked from the left; each bar as long as the row's published total, the part its suppressed columns hold
    together in grey as `Suppressed (c)`. The rows are named once, on the left, with their total.

    The tables hold the same rows with the same totals (one breakdown each of the same thing)."""
    tables = [panel.cells for panel in panels]
    first = tables[0]
    for cells in tables[1:]:
        if cells[label_column].tolist() != first[label_column].tolist():
            raise ValueError("the panels' tables do not hold the same rows")
    positions = np.arange(len(first))[::-1]
    totals = _values(first, total_column).to_numpy(dtype=float)
    figure, axes = plt.subplots(
        1, len(panels), sharey=True, layout="constrained", figsize=(WIDTH_INCHES, 0.18 * len(first) + 2.3)
    )
    for axis, panel, cells in zip(np.atleast_1d(axes), panels, tables, strict=True):
        _stack(axis, positions, cells, panel.value_columns, panel.colours, horizontal=True, totals=totals)
        axis.set_xlim(left=0)
        axis.margins(x=0.05)
        axis.grid(axis="y", visible=False)
        axis.tick_params(axis="x", labelsize=7)
        _panel_legend(axis, panel.title, "lower left", (0.0, 1.0), sizes=(9, 7), pad=0.3)
    labels = [
        f"{name} ({SUPPRESSED if np.isnan(total) else f'{total:,.{decimals}f}'})"
        for name, total in zip(first[label_column].astype(str), totals, strict=True)
    ]
    np.atleast_1d(axes)[0].set_yticks(positions, labels, fontsize=7.5)
    figure.suptitle(
        wrapped(title),
        x=0.01,
        ha="left",
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )
    figure.supxlabel(x_label, fontsize=9)
    return figure


def stacked_bars_panels(
    panels: list[Panel], x_labels: list[str], title: str, x_label: str, y_label: str, total_column: str
) -> plt.Figure:
    """Panels two to a line, each one bar per row of its table (time left to right), its value columns stacked
    from the bottom; each bar as tall as its published total and labelled with it, the part its suppressed
    columns hold together in grey as `Suppressed (c)`. The panels share their axes, so they compare."""
    columns = 2 if len(panels) > 1 else 1
    lines = -(-len(panels) // columns)
    figure, axes = plt.subplots(
        lines,
        columns,
        sharex=True,
        sharey=True,
        squeeze=False,
        layout="constrained",
        figsize=(WIDTH_INCHES, 1.6 * lines + 0.6),
    )
    positions = np.arange(len(x_labels))
    for axis, panel in zip(axes.flat, panels):
        cells = panel.cells
        totals = _values(cells, total_column).to_numpy(dtype=float)
        ends = _stack(axis, positions, cells, panel.value_columns, panel.colours, horizontal=False, totals=totals)
        top = float(np.nanmax(np.append(ends, 1.0)))
        for x, end, total in zip(positions, ends, totals, strict=True):
            axis.text(
                x,
                end + top * 0.01,
                SUPPRESSED if np.isnan(total) else f"{total:,.0f}",
                ha="center",
                va="bottom",
                fontsize=6.5,
            )
        axis.set_xticks(positions, x_labels, fontsize=7)
        axis.tick_params(axis="y", labelsize=7)
        axis.margins(y=0.12)
        axis.grid(axis="x", visible=False)
        _panel_legend(axis, panel.title, "upper left", (1.0, 1.0), sizes=(8, 6.5), pad=0.2)
    for index, axis in enumerate(axes.flat):
        if index >= len(panels):
            axis.set_visible(False)
        elif index + columns >= len(panels):  # no panel below it: its months are named under it
            axis.tick_params(axis="x", labelbottom=True)
    figure.suptitle(
        wrapped(title),
        x=0.01,
        ha="left",
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )
    figure.supxlabel(x_label, fontsize=9)
    figure.supylabel(y_label, fontsize=9)
    return figure
