"""What a section publishes, declared for the disclosure engine: tables, figures and how they relate.

A section's measures return a `SectionPublication`: its tables and figures as computed (before any
suppression) and the relations a reader could use between them. Every count cell and count figure
stands for a *quantity*, named so that the same count published twice (a figure that repeats a
table's total, a ward's row in the district table and in its area pack, last year's column and
last year's report) carries the same name and is hidden or shown as one. Derived cells and figures
say how they are computed (`RatioSpec`: a rounded ratio of linear expressions; `OpaqueSpec`: a
value a reader cannot turn back into its inputs), so the engine knows what each one tells a reader.

Names: a table cell's quantity defaults to `<table>|<row label>|<column>` and a figure's to its key;
both are per report scope (the district or one area) unless they start with `~`, which marks a
quantity that is the same in every report of the year (a ward's own count; suspect management,
which holds no location). Refs inside a table are `(row position, column)`; a string is a
quantity name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

CellKind = Literal["label", "count", "pct", "rate", "value"]
Ref = tuple[int, str] | str
SHARED = "~"  # prefix of a quantity that is the same in every report of the year


@dataclass(frozen=True)
class RatioSpec:
    """value = scale * (numerator . x) / (denominator . x + constant), rounded to `decimals`.

    `counts` are judged by the primary rule (the value is hidden when one of them is a small count);
    by default the numerator and denominator terms with a positive coefficient.
    """

    numerator: Mapping[Ref, float]
    denominator: Mapping[Ref, float] = field(default_factory=dict)
    constant: float = 0.0
    scale: float = 100.0
    decimals: int = 1
    counts: tuple[Ref, ...] | None = None

    def judged(self) -> tuple[Ref, ...]:
        if self.counts is not None:
            return self.counts
        return tuple(ref for terms in (self.numerator, self.denominator) for ref, c in terms.items() if c > 0)


@dataclass(frozen=True)
class OpaqueSpec:
    """A value computed from `inputs` in a way a reader cannot invert: shown only when they all are."""

    inputs: tuple[Ref, ...]


CellSpec = RatioSpec | OpaqueSpec


def share(numerator: Ref, denominator: Ref, decimals: int = 1) -> RatioSpec:
    """A percentage of a published or declared count."""
    return RatioSpec({numerator: 1.0}, {denominator: 1.0}, decimals=decimals)


def share_of_constant(numerator: Ref, denominator: float, decimals: int = 1, scale: float = 100.0) -> RatioSpec:
    """A percentage (or rate) of a known constant, such as a population."""
    return RatioSpec({numerator: 1.0}, {}, constant=float(denominator), scale=scale, decimals=decimals)


def change(current: Ref, previous: Ref, decimals: int = 1) -> RatioSpec:
    """100 x (current - previous) / previous."""
    return RatioSpec({current: 1.0, previous: -1.0}, {previous: 1.0}, decimals=decimals, counts=(current, previous))


def difference(current: Ref, previous: Ref) -> RatioSpec:
    """current - previous, exactly."""
    return RatioSpec(
        {current: 1.0, previous: -1.0}, {}, constant=1.0, scale=1.0, decimals=0, counts=(current, previous)
    )


def average(parts: Mapping[Ref, float], months: int, decimals: int = 1, judged: bool = True) -> RatioSpec:
    """sum(parts) / months; `judged` False for averages that are not counts (ward child-months)."""
    return RatioSpec(
        dict(parts), {}, constant=float(months), scale=1.0, decimals=decimals, counts=None if judged else ()
    )


@dataclass(frozen=True)
class Table:
    """A table as computed, before disclosure control.

    `data` holds the rows in display order (RangeIndex) with the columns in display order; `kinds`
    says what each column holds. Count cells are quantities; every other numeric cell is described
    in `derived` (cells of a `value` column not listed there are not derived from counts, such as a
    population). `total_row` and `total_column` make each row and column an additive relation.
    """

    name: str
    title: str
    data: pd.DataFrame
    kinds: Mapping[str, CellKind]
    total_row: str | None = None
    total_column: str | None = None
    note: str = ""
    derived: Mapping[tuple[int, str], CellSpec] = field(default_factory=dict)
    quantities: Mapping[tuple[int, str], str] = field(default_factory=dict)
    measures: frozenset[str] = frozenset()  # count columns that are not counts of people (child-months)
    total_parts: tuple[str, ...] | None = None  # the columns total_column adds up (default: every other count)

    @property
    def label_column(self) -> str:
        return self.data.columns[0]

    @property
    def count_columns(self) -> list[str]:
        return [c for c in self.data.columns if self.kinds.get(c) == "count"]

    def row_position(self, label: str) -> int:
        matches = self.data.index[self.data[self.label_column] == label]
        if not len(matches):
            raise KeyError(f"table {self.name} has no row {label!r}")
        return int(matches[0])

    def quantity(self, row: int, column: str) -> str:
        return self.quantities.get((row, column)) or f"{self.name}|{self.data.at[row, self.label_column]}|{column}"


@dataclass(frozen=True)
class Figure:
    """One named figure before disclosure control.

    kind `count`: a count of people or crimes (its quantity defaults to the key); `ratio` and
    `opaque`: computed as the spec says, from quantity names; `plain`: a value that is not worked
    out from counts (an age, a year, a judgement in words).
    """

    key: str
    value: object
    kind: Literal["count", "ratio", "opaque", "plain"] = "plain"
    quantity: str | None = None
    spec: CellSpec | None = None
    why_missing: str | None = None
    importance: float = 1.0  # a headline count is hidden only when nothing less important would do


def count(key: str, value: int, quantity: str | None = None, importance: float = 1.0) -> Figure:
    return Figure(key, int(value), "count", quantity=quantity, importance=importance)


def ratio(key: str, value: float | None, spec: RatioSpec, why_missing: str | None = None) -> Figure:
    return Figure(key, value, "ratio", spec=spec, why_missing=why_missing)


def opaque(key: str, value: object, inputs: tuple[str, ...], why_missing: str | None = None) -> Figure:
    return Figure(key, value, "opaque", spec=OpaqueSpec(inputs), why_missing=why_missing)


def plain(key: str, value: object, why_missing: str | None = None) -> Figure:
    return Figure(key, value, "plain", why_missing=why_missing)


def missing(keys: tuple[str, ...] | list[str], why: str) -> list[Figure]:
    """Figures that cannot be computed, each with the reason the report gives."""
    return [plain(key, None, why_missing=why) for key in keys]


@dataclass(frozen=True)
class Quantity:
    """A count or measure that no cell shows but a ratio or relation uses (boys among the children)."""

    name: str
    value: float
    is_count: bool = True


@dataclass(frozen=True)
class Relation:
    """sum(coefficient * quantity) == 0 between quantities of one report (or shared ones)."""

    terms: Mapping[str, float]
    name: str


def sum_relation(name: str, whole: str, parts: list[str]) -> Relation:
    """whole == sum(parts)."""
    terms: dict[str, float] = {whole: -1.0}
    for part in parts:
        terms[part] = terms.get(part, 0.0) + 1.0
    return Relation(terms, name)


@dataclass
class SectionPublication:
    """Everything one section publishes for one report, before disclosure control."""

    section: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)  # words' context: no count that could be hidden
