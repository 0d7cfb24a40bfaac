"""Properties of suppression on random tables with totals (hypothesis)."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.disclosure import Table, suppress_table
from helpers.formatting import SUPPRESSED

THRESHOLD = 10
# Zeros, small counts and larger ones, so every kind of row and column turns up.
CELL = st.one_of(st.just(0), st.integers(1, THRESHOLD - 1), st.integers(THRESHOLD, 80))


@st.composite
def tables_with_totals(draw) -> Table:
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 5))
    names = [f"c{j}" for j in range(columns)]
    values = [[draw(CELL) for _ in names] for _ in range(rows)]
    data = pd.DataFrame(values, columns=names)
    data.insert(0, "label", [f"r{i}" for i in range(rows)])
    data["Total"] = data[names].sum(axis=1)
    totals = {"label": "Total", **{c: int(data[c].sum()) for c in [*names, "Total"]}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    data["% of total"] = (100 * data["Total"] / max(int(totals["Total"]), 1)).round(1)
    kinds = {"label": "label", **{c: "count" for c in names}, "Total": "count", "% of total": "pct"}
    return Table("random", "random", data, kinds, {"% of total": (("Total", 0), ("Total", "Total"))},
                 total_row="Total", total_column="Total")


def _hidden(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.apply(lambda column: column.map(lambda v: isinstance(v, str) and v == SUPPRESSED))


@settings(max_examples=300, deadline=None)
@given(tables_with_totals())
def test_no_published_count_is_below_the_threshold(table):
    cells = suppress_table(table, THRESHOLD).cells
    for column in table.count_columns:
        for value in cells[column]:
            assert value == SUPPRESSED or value == 0 or value >= THRESHOLD


@settings(max_examples=300, deadline=None)
@given(tables_with_totals())
def test_no_suppressed_cell_is_recoverable_from_its_row_or_column(table):
    hidden = _hidden(suppress_table(table, THRESHOLD).cells)
    counts = table.count_columns
    # A row (parts and its total) or a column (rows and the total row) with exactly one hidden cell
    # would give it away by subtraction.
    for row in hidden.index:
        assert int(hidden.loc[row, counts].sum()) != 1, f"row {row} gives away its hidden cell"
    for column in counts:
        assert int(hidden[column].sum()) != 1, f"column {column} gives away its hidden cell"


@settings(max_examples=200, deadline=None)
@given(tables_with_totals())
def test_percentages_of_hidden_counts_are_hidden(table):
    hidden = _hidden(suppress_table(table, THRESHOLD).cells)
    assert (hidden["% of total"] | ~hidden["Total"]).all()


@settings(max_examples=200, deadline=None)
@given(tables_with_totals())
def test_published_cells_keep_their_values(table):
    cells = suppress_table(table, THRESHOLD).cells
    for column in table.count_columns:
        for published, original in zip(cells[column], table.data[column]):
            assert published == SUPPRESSED or published == original
