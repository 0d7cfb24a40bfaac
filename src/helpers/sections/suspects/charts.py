"""Charts of the offenders and suspects section, in the house style of helpers.display.charts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.disclosure import PublishedTable
from helpers.display.charts import grouped_bars


def bars_by_victim_age(
    table: PublishedTable, band_columns: list[str], title: str, x_label: str, y_label: str, rows: pd.Series
) -> plt.Figure:
    """The 2016 appendix chart: for each age of the victim, one bar per age band of the offender.

    The house grouped bars, with the legend beside the plot: with many groups it would cover the bars.
    """
    figure = grouped_bars(
        table, table.cells.columns[0], band_columns, title=title, x_label=x_label, y_label=y_label, rows=rows
    )
    figure.axes[0].legend(title="Age of the offender", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    return figure
