"""A reader who holds every published table of a year and solves for the hidden cells.

Written apart from the engine's own audit (scipy's linprog, not HiGHS through highspy; relations
read from the published tables' layout, not from the engine's system), so a test that uses it
checks the engine against an independent attacker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

SUPPRESSED = "c"


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    column: str


@dataclass
class Knowledge:
    """Published tables (label column first, `c` for hidden), equalities between cells of different tables,
    and wholes that are at least the sum of their parts (a district against its areas)."""

    tables: dict[str, pd.DataFrame]
    total_rows: dict[str, str]
    total_columns: dict[str, str]
    same: list[tuple[Cell, Cell]]
    at_least: list[tuple[Cell, list[Cell]]]

    def cells(self) -> dict[Cell, object]:
        found = {}
        for name, frame in self.tables.items():
            for _, row in frame.iterrows():
                for column in frame.columns[1:]:
                    found[Cell(name, str(row.iloc[0]), column)] = row[column]
        return found


def ranges(knowledge: Knowledge) -> dict[Cell | int, tuple[float, float]]:
    """For each `c` cell, and for each whole's unpublished rest (by its number in `at_least`), the smallest and
    largest whole value it can take."""
    values = knowledge.cells()
    hidden = [cell for cell, value in values.items() if value == SUPPRESSED]
    slack = list(range(len(knowledge.at_least)))
    position = {cell: i for i, cell in enumerate(hidden)}
    width = len(hidden) + len(slack)
    rows, rhs = [], []

    def add(terms: list[tuple[Cell | int, float]]) -> None:
        row, constant = np.zeros(width), 0.0
        for term, coefficient in terms:
            if isinstance(term, int):
                row[len(hidden) + term] += coefficient
            elif term in position:
                row[position[term]] += coefficient
            else:
                constant -= coefficient * float(values[term])
        if row.any():
            rows.append(row)
            rhs.append(constant)

    for name, frame in knowledge.tables.items():
        labels = [str(v) for v in frame.iloc[:, 0]]
        counts = list(frame.columns[1:])
        total_column = knowledge.total_columns.get(name)
        total_row = knowledge.total_rows.get(name)
        if total_column:
            for label in labels:
                add(
                    [(Cell(name, label, c), 1.0) for c in counts if c != total_column]
                    + [(Cell(name, label, total_column), -1.0)]
                )
        if total_row:
            for column in counts:
                add(
                    [(Cell(name, label, column), 1.0) for label in labels if label != total_row]
                    + [(Cell(name, total_row, column), -1.0)]
                )
    for first, second in knowledge.same:
        add([(first, 1.0), (second, -1.0)])
    for number, (whole, parts) in enumerate(knowledge.at_least):
        add([(whole, -1.0), *((part, 1.0) for part in parts), (number, 1.0)])

    bounds = [(1, None)] * len(hidden) + [(0, None)] * len(slack)
    found = {}
    targets = [*position.items(), *((number, len(hidden) + number) for number in slack)]
    for cell, i in targets:
        objective = np.zeros(width)
        objective[i] = 1.0
        low = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=rows or None, b_eq=rhs or None, bounds=bounds, method="highs")
        upper = math.inf if high.status == 3 else -high.fun
        found[cell] = (math.ceil(low.fun - 1e-6), math.floor(upper + 1e-6) if math.isfinite(upper) else upper)
    return found


def narrowest(knowledge: Knowledge, small_rests: set[int] = frozenset()) -> float:
    """The narrowest range of a `c` cell, or of a rest that is truly a small count (the caller knows which)."""
    found = ranges(knowledge)
    return min(
        (high - low for key, (low, high) in found.items() if not isinstance(key, int) or key in small_rests),
        default=math.inf,
    )
