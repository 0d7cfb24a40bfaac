"""Disclosure control: the one place where published figures and tables are suppressed.

Rules (docs/measures.md, Disclosure control):

- Primary suppression: a count of children, persons or crimes from 1 to threshold - 1 is
  replaced by `c`. Zeros are shown.
- Derived values: a percentage, rate or change computed from a suppressed count is `c` too.
  Every figure and derived table cell names the counts it was computed from, so this needs no
  guessing.
- Secondary suppression: in a table with a total row and/or a total column, every row and
  column is an additive relation (its parts sum to its total). A relation holding exactly one
  suppressed cell gets its next smallest non-zero cell suppressed too (a part before the
  total), repeated until no relation holds exactly one, so no suppressed value can be
  recovered by subtracting published cells from a published total.

Limits, stated in the report's definitions: the relations checked are those inside one table;
a total published in another table or in the narrative is not linked to this one, so the
sections publish each total once or from the same suppressed table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from helpers.display.formatting import SUPPRESSED, percentage

CellKind = Literal["label", "count", "pct", "rate", "value"]
RowRef = int | str  # 0 = same row, -1 = previous row, or the label of a fixed row


@dataclass(frozen=True)
class Figure:
    """One named figure before disclosure control.

    `counts` are the counts of people or crimes the value was computed from (for a count,
    the count itself); any of them in 1..threshold-1 suppresses the value.
    """

    key: str
    value: int | float | None
    counts: tuple[int, ...] = ()
    why_missing: str | None = None


def count(key: str, value: int) -> Figure:
    return Figure(key, int(value), (int(value),))


def percent(key: str, numerator: int, denominator: int) -> Figure:
    """A percentage of `denominator`; null with a reason when there is nothing to divide by."""
    value = percentage(numerator, denominator)
    return Figure(
        key,
        value,
        (int(numerator), int(denominator)),
        None if value is not None else "there were no records to take a percentage of",
    )


def derived(key: str, value: float | None, *counts: int, why_missing: str | None = None) -> Figure:
    """A value computed from counts (an average, a change), suppressed with any of them."""
    return Figure(key, value, tuple(int(c) for c in counts), why_missing)


def plain(key: str, value: int | float | None, why_missing: str | None = None) -> Figure:
    """A value that is not a count of people or crimes (an age, a year)."""
    return Figure(key, value, (), why_missing)


def missing(keys: Iterable[str], why: str) -> list[Figure]:
    """Figures that cannot be computed, each with the reason the report gives."""
    return [plain(key, None, why_missing=why) for key in keys]


def is_small(value: object, threshold: int) -> bool:
    """A count that must not be published: from 1 to threshold - 1."""
    return isinstance(value, (int, float)) and not pd.isna(value) and 1 <= value < threshold


def publish_figures(figures: Iterable[Figure], threshold: int) -> dict[str, object]:
    """Figures as published: `c` where suppressed, None where they cannot be computed."""
    published: dict[str, object] = {}
    for figure in figures:
        if figure.key in published:
            raise ValueError(f"figure {figure.key} is given twice")
        if figure.value is None:
            published[figure.key] = None
        elif any(is_small(c, threshold) for c in figure.counts):
            published[figure.key] = SUPPRESSED
        else:
            published[figure.key] = figure.value
    return published


@dataclass(frozen=True)
class Table:
    """A table as computed, before disclosure control.

    `data` holds the rows in display order (RangeIndex) with the columns in display order.
    `kinds` says what each column holds. `derived_from` names, for each derived column, the
    cells it was computed from as (column, row) pairs: row 0 is the same row, -1 the row
    before, and a string the row whose label (first column) it is.
    """

    name: str
    title: str
    data: pd.DataFrame
    kinds: Mapping[str, CellKind]
    derived_from: Mapping[str, tuple[tuple[str, RowRef], ...]] = field(default_factory=dict)
    total_row: str | None = None
    total_column: str | None = None
    note: str = ""
    # The sum of the table's cells is published elsewhere (a figure, another table): the total row's
    # cells (or, without one, all cells) then form one more relation.
    grand_total_published: bool = False

    @property
    def label_column(self) -> str:
        return self.data.columns[0]

    @property
    def count_columns(self) -> list[str]:
        return [c for c in self.data.columns if self.kinds.get(c) == "count"]


@dataclass(frozen=True)
class PublishedTable:
    """A table after disclosure control: cells hold numbers, `c`, or None (not applicable)."""

    name: str
    title: str
    cells: pd.DataFrame
    kinds: Mapping[str, CellKind]
    total_row: str | None
    note: str
    suppressed_cells: int
    threshold: int

    def to_csv(self) -> str:
        """Tidy CSV as written to tables/: one header row, `c` for suppressed cells."""
        return self.cells.to_csv(index=False, lineterminator="\n")

    def column(self, name: str) -> pd.Series:
        """A column as numbers, suppressed cells as NaN: what a chart may draw."""
        return pd.to_numeric(self.cells[name].where(self.cells[name] != SUPPRESSED), errors="coerce")


def _additive_relations(table: Table) -> list[list[tuple[int, str]]]:
    """Rows and columns whose parts sum to a published total, as lists of (row, column) cells."""
    counts = table.count_columns
    rows = list(table.data.index)
    relations: list[list[tuple[int, str]]] = []
    if table.total_column:
        parts = [c for c in counts if c != table.total_column]
        relations += [[(r, c) for c in parts] + [(r, table.total_column)] for r in rows]
    if table.total_row:
        relations += [[(r, c) for r in rows] for c in counts]
    if table.grand_total_published and not table.total_column:
        total_rows = [r for r in rows if table.data.at[r, table.label_column] == table.total_row] or rows
        relations.append([(r, c) for r in total_rows for c in counts])
    return relations


def _is_total_cell(table: Table, row: int, column: str) -> bool:
    return column == table.total_column or table.data.at[row, table.label_column] == table.total_row


def _secondary_suppression(table: Table, mask: pd.DataFrame) -> None:
    relations = _additive_relations(table)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            hidden = [cell for cell in relation if mask.at[cell]]
            if len(hidden) != 1:
                continue
            candidates = [
                cell
                for cell in relation
                if not mask.at[cell] and pd.notna(table.data.at[cell]) and table.data.at[cell] > 0
            ]
            if not candidates:
                continue
            chosen = min(
                candidates, key=lambda cell: (_is_total_cell(table, *cell), table.data.at[cell], relation.index(cell))
            )
            mask.at[chosen] = True
            changed = True


def _row_of(table: Table, row: int, ref: RowRef) -> int | None:
    if isinstance(ref, str):
        matches = table.data.index[table.data[table.label_column] == ref]
        return int(matches[0]) if len(matches) else None
    target = row + ref
    return target if target in table.data.index else None


def _suppress_derived(table: Table, mask: pd.DataFrame) -> None:
    for column, sources in table.derived_from.items():
        for row in table.data.index[table.data[column].notna()]:
            for source_column, ref in sources:
                source_row = _row_of(table, row, ref)
                if source_row is not None and mask.at[source_row, source_column]:
                    mask.at[row, column] = True
                    break


def suppress_table(table: Table, threshold: int) -> PublishedTable:
    """Apply primary, secondary and derived suppression; threshold 0 publishes everything."""
    data = table.data
    mask = pd.DataFrame(False, index=data.index, columns=data.columns)
    if threshold > 0:
        for column in table.count_columns:
            mask[column] = data[column].map(lambda v: is_small(v, threshold)).astype(bool)
        _secondary_suppression(table, mask)
        _suppress_derived(table, mask)
    hidden = data.astype(object).mask(mask, SUPPRESSED)
    # Built column by column as object dtype: DataFrame.map would re-infer a `str` dtype and turn None to NaN.
    cells = pd.DataFrame(
        {c: pd.Series([_plain_number(v) for v in hidden[c]], index=data.index, dtype=object) for c in data.columns}
    )
    return PublishedTable(
        name=table.name,
        title=table.title,
        cells=cells,
        kinds=dict(table.kinds),
        total_row=table.total_row,
        note=table.note,
        suppressed_cells=int(mask.to_numpy().sum()),
        threshold=threshold,
    )


def _plain_number(value: object) -> object:
    """Python numbers (12, not np.int64(12)) and None for a cell that does not apply."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def row_of_label(table: Table | PublishedTable, label: str) -> int:
    """Position of the row whose label (first column) is `label`."""
    frame = table.data if isinstance(table, Table) else table.cells
    return int(frame.index[frame.iloc[:, 0] == label][0])


def guarded(figure: Figure, table: Table, cells: Iterable[tuple[str, str]], threshold: int) -> Figure:
    """The figure, hidden wherever the table it repeats hides one of its cells.

    A figure equal to (or summing) cells of a table would otherwise reveal a cell that the table
    hid by secondary suppression. Such a figure carries the table's smallest suppressed count
    among its counts, so publish_figures hides it at the same threshold.
    """
    published = suppress_table(table, threshold)
    if not any(published.cells.at[row_of_label(table, label), column] == SUPPRESSED for label, column in cells):
        return figure
    small = min(int(v) for c in table.count_columns for v in table.data[c] if is_small(v, threshold))
    return Figure(figure.key, figure.value, (*figure.counts, small), figure.why_missing)
