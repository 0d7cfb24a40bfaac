"""Charts of the tactical snapshot, in the house style of helpers.charts.

Like every chart of the report they draw what a published (suppressed) table holds and nothing
else; a suppressed cell is drawn as a gap marked `c`, a cell that does not apply as a gap.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.disclosure import PublishedTable
from helpers.display.charts import HEIGHT_INCHES, NOT_SET_COLOUR, SERIES_COLOURS, TEXT, WIDTH_INCHES, axis_label
from helpers.display.formatting import SUPPRESSED

HEATMAP_COLOURS = "Blues"
TITLE_CHARACTERS = 72  # a longer title is wrapped, so it never runs off the chart
LABEL_CHARACTERS = 12


def _body(table: PublishedTable) -> pd.DataFrame:
    """The table's rows without its total row."""
    cells = table.cells
    return cells if table.total_row is None else cells[cells.iloc[:, 0] != table.total_row]


def _numbers(table: PublishedTable, rows: pd.DataFrame, column: str) -> pd.Series:
    """A column of the given rows as numbers, suppressed cells and cells that do not apply as NaN."""
    return table.column(column).loc[rows.index]


def _label(axis: plt.Axes, x: float, value: float, hidden: bool, top: float, text: str) -> None:
    if hidden:
        axis.text(x, top * 0.01, "c", ha="center", va="bottom", fontsize=9, color=TEXT)
    elif not pd.isna(value):
        axis.text(x, value + top * 0.01, text, ha="center", va="bottom", fontsize=9, color=TEXT)


def _title(figure: plt.Figure, title: str) -> None:
    """The finding as the chart's title, left-aligned on the figure and wrapped to fit."""
    figure.suptitle(
        textwrap.fill(title, TITLE_CHARACTERS),
        x=0.01,
        ha="left",
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )


def _categories(axis: plt.Axes, positions: np.ndarray, labels: list[str]) -> None:
    axis.set_xticks(positions, [textwrap.fill(label, LABEL_CHARACTERS) for label in labels])
    axis.grid(axis="x", visible=False)


def _finish(figure: plt.Figure, axis: plt.Axes, title: str, x_label: str, y_label: str, top: float) -> plt.Figure:
    """Title, axis labels, bars from zero with room above the tallest for its label and the legend."""
    _title(figure, title)
    axis.set_xlabel(x_label)
    axis.set_ylabel(axis_label(y_label))
    axis.set_ylim(0, max(top, 1.0) * 1.3)
    figure.tight_layout()
    return figure


def level_bars(
    table: PublishedTable, value_column: str, colours: dict[str, str], title: str, x_label: str, y_label: str
) -> plt.Figure:
    """One bar per row (risk level), each in its level's colour and labelled with its count."""
    cells = _body(table)
    labels = cells.iloc[:, 0].astype(str).tolist()
    values = _numbers(table, cells, value_column)
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    positions = np.arange(len(labels))
    bars = axis.bar(
        positions,
        values.fillna(0),
        width=0.65,
        color=[colours.get(label, NOT_SET_COLOUR) for label in labels],
        edgecolor="#555555",
        linewidth=0.5,
    )
    top = float(np.nanmax(values.to_numpy(dtype=float))) if values.notna().any() else 1.0
    for bar, value, raw in zip(bars, values, cells[value_column]):
        _label(
            axis,
            bar.get_x() + bar.get_width() / 2,
            value,
            raw == SUPPRESSED,
            top,
            "" if pd.isna(value) else f"{int(value):,}",
        )
    _categories(axis, positions, labels)
    return _finish(figure, axis, title, x_label, y_label, top)


def percent_bars(
    table: PublishedTable,
    value_columns: list[str],
    title: str,
    x_label: str,
    y_label: str,
    colours: dict[str, str] | None = None,
) -> plt.Figure:
    """Grouped bars of percentages, one group per row and one bar per column, each labelled `52.7%`."""
    cells = _body(table)
    labels = cells.iloc[:, 0].astype(str).tolist()
    positions = np.arange(len(labels))
    width = 0.8 / len(value_columns)
    series = {column: _numbers(table, cells, column) for column in value_columns}
    known = [v for values in series.values() for v in values.dropna()]
    top = max(known) if known else 1.0
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
    for number, column in enumerate(value_columns):
        colour = (colours or {}).get(column, SERIES_COLOURS[number % len(SERIES_COLOURS)])
        offset = (number - (len(value_columns) - 1) / 2) * width
        values = series[column]
        bars = axis.bar(positions + offset, values.fillna(0), width=width * 0.95, color=colour, label=column)
        for bar, value, raw in zip(bars, values, cells[column]):
            _label(
                axis,
                bar.get_x() + bar.get_width() / 2,
                value,
                raw == SUPPRESSED,
                top,
                "" if pd.isna(value) else f"{value:.1f}%",
            )
    _categories(axis, positions, labels)
    axis.legend(loc="upper right", ncols=len(value_columns))
    return _finish(figure, axis, title, x_label, y_label, top)


def transition_heatmap(
    table: PublishedTable, columns: list[str], title: str, row_label: str, column_label: str
) -> plt.Figure:
    """Children by level on one day (rows, with their count) and on a later day (columns), every cell labelled."""
    cells = _body(table)
    rows = [
        f"{label} ({'c' if n == SUPPRESSED else f'{int(n):,}'})"
        for label, n in zip(cells.iloc[:, 0], cells["Children"])
    ]
    grid = pd.DataFrame({c: _numbers(table, cells, c).to_numpy() for c in columns}, index=rows)
    figure, axis = plt.subplots(figsize=(WIDTH_INCHES, 0.9 + 0.5 * len(rows)))
    sns.heatmap(
        grid,
        ax=axis,
        cmap=HEATMAP_COLOURS,
        vmin=0,
        cbar=False,
        linewidths=1,
        linecolor="white",
        mask=grid.isna(),
        annot=False,
    )
    darkest = float(np.nanmax(grid.to_numpy(dtype=float))) if grid.notna().any().any() else 1.0
    for row_number, (_, row) in enumerate(cells.iterrows()):
        for column_number, column in enumerate(columns):
            raw, value = row[column], grid.iat[row_number, column_number]
            text = "c" if raw == SUPPRESSED else f"{int(value):,}"
            dark = not pd.isna(value) and value > 0.55 * darkest
            axis.text(
                column_number + 0.5,
                row_number + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=11,
                color="white" if dark else TEXT,
            )
    _title(figure, title)
    axis.set_xlabel(column_label)
    axis.set_ylabel(row_label)
    axis.tick_params(axis="y", rotation=0)
    axis.grid(False)  # a suppressed cell is a blank gap, not crossed by grid lines
    figure.tight_layout()
    return figure
