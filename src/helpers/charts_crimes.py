"""Charts of the crimes and the offenders-and-suspects sections, in the house style of helpers.charts.

Like every chart function of the suite they draw only what a published (suppressed) table holds:
suppressed cells are gaps marked `c`, and every bar carries its value.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers.charts import BLUE, GREY, SERIES_COLOURS, TEXT, WIDTH_INCHES, finish_bar_axes, grouped_bars
from helpers.disclosure import PublishedTable
from helpers.formatting import SUPPRESSED, pct_text


def _values(cells: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(cells[column].where(cells[column] != SUPPRESSED), errors="coerce")


def has_bars(table: PublishedTable, value_columns: list[str], leave_out: tuple[str, ...] = ()) -> bool:
    """Whether a chart of these cells would draw any bar: some published value above zero.

    When suppression hides every non-zero cell a chart shows only gaps, and the table says more.
    """
    label_column = table.cells.columns[0]
    cells = table.cells[~table.cells[label_column].isin(leave_out)]
    return any((_values(cells, column) > 0).any() for column in value_columns)


def bars_by_victim_age(
    table: PublishedTable, band_columns: list[str], title: str, x_label: str, y_label: str, rows: pd.Series
) -> plt.Figure:
    """The 2016 appendix chart: for each age of the victim, one bar per age band of the offender.

    The house grouped bars, with the legend beside the plot: with many groups it would cover the bars.
    """
    figure = grouped_bars(table, table.cells.columns[0], band_columns, title=title, x_label=x_label,
                          y_label=y_label, rows=rows)
    figure.axes[0].legend(title="Age of the offender", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    return figure


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
    ranked = cells[~cells[label_column].isin(last)].assign(_v=values).sort_values("_v", ascending=False,
                                                                                 kind="mergesort", na_position="last")
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
    figure.suptitle(title, x=0.01, ha="left", fontsize=plt.rcParams["axes.titlesize"],
                    fontweight=plt.rcParams["axes.titleweight"])
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
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, 4.6))
    top = max((float(np.nanmax(_values(cells, c).to_numpy(dtype=float))) for c in value_columns
               if _values(cells, c).notna().any()), default=1.0)
    for number, column in enumerate(value_columns):
        values = _values(cells, column)
        offset = (number - (len(value_columns) - 1) / 2) * width
        bars = axis.bar(positions + offset, values.fillna(0), width=width * 0.95,
                        color=SERIES_COLOURS[number % len(SERIES_COLOURS)], label=column)
        for bar, value, raw in zip(bars, values, cells[column]):
            text = "c" if raw == SUPPRESSED else ("n/a" if pd.isna(value) else pct_text(value))
            axis.text(bar.get_x() + bar.get_width() / 2, (0 if pd.isna(value) else value) + top * 0.01, text,
                      ha="center", va="bottom", fontsize=9, color=TEXT)
    finish_bar_axes(axis, positions, categories, title, x_label, y_label)
    if len(value_columns) > 1:
        axis.legend(loc="upper right")
    figure.tight_layout()
    return figure
