"""From what the sections declare to what a reporting year publishes.

`assemble` turns the declarations of every report of a year (the district and each area) into one
`System`: a variable per quantity, the totals of every table, the declared relations, the ratios
and opaque values, and the district against the sum of its areas. `publish` runs the engine on it
and returns, for each report, its tables and figures with `c` where the engine hides a value, the
reasons for values that could not be computed, and the audit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.disclosure.audit import INFINITY, Range, State, ranges, sensitive
from helpers.disclosure.declare import (
    SHARED,
    CellSpec,
    OpaqueSpec,
    Ref,
    SectionPublication,
    Table,
)
from helpers.disclosure.engine import Decision, describe, protect
from helpers.disclosure.model import PublishedTable
from helpers.disclosure.system import Ratio, System
from helpers.display.formatting import SUPPRESSED, Share, round_half_away

DISTRICT = "district"
TOTAL_COST = 4.0  # hiding a total or a headline figure costs the reader more than hiding a cell


@dataclass
class Report:
    """The declarations of one report: its scope (DISTRICT or an area's name) and its sections."""

    scope: str
    sections: list[SectionPublication]


@dataclass
class _Placed:
    """Where each cell and figure of one report went in the system."""

    cells: dict[tuple[str, int, str], tuple[str, int]] = field(default_factory=dict)  # -> (kind, number)
    figures: dict[str, tuple[str, int]] = field(default_factory=dict)


def _name(scope: str, quantity: str) -> str:
    return quantity if quantity.startswith(SHARED) else f"{scope}|{quantity}"


class _Assembler:
    def __init__(self) -> None:
        self.system = System()
        self.placed: dict[str, _Placed] = {}
        self.names_by_scope: dict[str, set[str]] = {}

    def variable(self, scope: str, quantity: str, value: float, is_count: bool = True) -> int:
        self.names_by_scope.setdefault(scope, set()).add(quantity)
        return self.system.variable(_name(scope, quantity), value, is_count)

    def report(self, report: Report) -> None:
        """Every count first, so that a ratio or relation may name a count declared anywhere in the report."""
        placed = self.placed.setdefault(report.scope, _Placed())
        for section in report.sections:
            for quantity in section.quantities:
                self.variable(report.scope, quantity.name, quantity.value, quantity.is_count)
            for table in section.tables:
                self._table_counts(report.scope, table, placed)
            for figure in section.figures:
                if figure.kind == "count" and figure.value is not None:
                    number = self.variable(report.scope, figure.quantity or figure.key, float(figure.value))
                    self.system.show(
                        number, f"{_where(report.scope)}, figure {figure.key}", TOTAL_COST * figure.importance
                    )
                    placed.figures[figure.key] = ("variable", number)
        for section in report.sections:
            for table in section.tables:
                self._totals(report.scope, table)
                self._table_derived(report.scope, table, placed)
            for figure in section.figures:
                if figure.kind in ("ratio", "opaque") and figure.value is not None:
                    place = f"{_where(report.scope)}, figure {figure.key}"
                    placed.figures[figure.key] = self._spec(report.scope, figure.spec, figure.value, place, None)
            for relation in section.relations:
                terms: dict[int, float] = {}
                for quantity, coefficient in relation.terms.items():
                    number = self.system.index.get(_name(report.scope, quantity))
                    if number is None:
                        raise KeyError(
                            f"relation {relation.name} of {section.section} names {quantity}, "
                            "which no table, figure or quantity of the report declares"
                        )
                    terms[number] = terms.get(number, 0.0) + coefficient
                self.system.equation(terms, f"{report.scope}: {relation.name}")

    def _table_counts(self, scope: str, table: Table, placed: _Placed) -> None:
        data = table.data
        label = table.label_column
        for column in table.count_columns:
            for row in data.index:
                value = data.at[row, column]
                if value is None or pd.isna(value):
                    continue
                number = self.variable(
                    scope, table.quantity(row, column), float(value), is_count=column not in table.measures
                )
                is_total = column == table.total_column or data.at[row, label] == table.total_row
                self.system.show(
                    number,
                    f"{_where(scope)}, table {table.name}: {data.at[row, label]}, {column}",
                    TOTAL_COST if is_total else 1.0,
                )
                placed.cells[(table.name, row, column)] = ("variable", number)

    def _table_derived(self, scope: str, table: Table, placed: _Placed) -> None:
        data, label = table.data, table.label_column
        for (row, column), spec in table.derived.items():
            value = data.at[row, column]
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            place = f"{_where(scope)}, table {table.name}: {data.at[row, label]}, {column}"
            placed.cells[(table.name, row, column)] = self._spec(scope, spec, value, place, table)

    def _totals(self, scope: str, table: Table) -> None:
        data, label = table.data, table.label_column
        counts = (
            list(table.total_parts)
            if table.total_parts is not None
            else [c for c in table.count_columns if c != table.total_column]
        )

        def cell(row: int, column: str) -> int | None:
            value = data.at[row, column]
            return (
                None
                if value is None or pd.isna(value)
                else self.system.index[_name(scope, table.quantity(row, column))]
            )

        if table.total_column:
            for row in data.index:
                parts = [cell(row, c) for c in counts]
                whole = cell(row, table.total_column)
                if whole is not None:
                    self._sum(whole, [p for p in parts if p is not None], f"{table.name} row {data.at[row, label]}")
        if table.total_row:
            total_rows = data.index[data[label] == table.total_row]
            if len(total_rows):
                total = int(total_rows[0])
                for column in table.count_columns:
                    parts = [cell(row, column) for row in data.index if row != total]
                    whole = cell(total, column)
                    if whole is not None:
                        self._sum(whole, [p for p in parts if p is not None], f"{table.name} column {column}")

    def _sum(self, whole: int, parts: list[int], name: str) -> None:
        terms: dict[int, float] = {whole: -1.0}
        for part in parts:
            terms[part] = terms.get(part, 0.0) + 1.0
        self.system.equation(terms, name)

    def _ref(self, scope: str, ref: Ref, table: Table | None) -> int:
        if isinstance(ref, str):
            number = self.system.index.get(_name(scope, ref))
            if number is None:
                raise KeyError(f"{ref} is used before any table, figure or quantity declares it")
            return number
        if table is None:
            raise KeyError(f"a figure cannot refer to a table cell {ref}; name its quantity instead")
        row, column = ref
        return self.system.index[_name(scope, table.quantity(row, column))]

    def _spec(self, scope: str, spec: CellSpec, value: object, place: str, table: Table | None) -> tuple[str, int]:
        if isinstance(spec, OpaqueSpec):
            self.system.opaque([self._ref(scope, r, table) for r in spec.inputs], place)
            return "opaque", len(self.system.opaques) - 1
        numerator: dict[int, float] = {}
        for ref, c in spec.numerator.items():
            number = self._ref(scope, ref, table)
            numerator[number] = numerator.get(number, 0.0) + c
        denominator: dict[int, float] = {}
        for ref, c in spec.denominator.items():
            number = self._ref(scope, ref, table)
            denominator[number] = denominator.get(number, 0.0) + c
        ratio = Ratio(
            float(value),
            numerator,
            denominator,
            spec.constant,
            spec.scale,
            spec.decimals,
            tuple(self._ref(scope, r, table) for r in spec.judged()),
            [place],
        )
        exact = self.system.exact_ratio(ratio)
        if spec.scale == 100 and exact is not None:
            ratio.whole = round_half_away(exact, 0)  # said in words, once rounded from the exact ratio
        return "ratio", self.system.ratio(ratio)

    def districts_against_areas(self) -> None:
        """district = sum of its areas + the rest (out of area, not recorded), for every quantity all have.

        The rest is a count no report shows: a reader who subtracts the areas from the district learns
        it, so it is protected like a `c`. A quantity that is not additive (a child counted in two
        areas) gives a negative rest and no relation.
        """
        areas = [scope for scope in self.names_by_scope if scope != DISTRICT]
        if DISTRICT not in self.names_by_scope or not areas:
            return
        common = set(self.names_by_scope[DISTRICT])
        for scope in areas:
            common &= self.names_by_scope[scope]
        for quantity in sorted(q for q in common if not q.startswith(SHARED)):
            district = self.system.index[_name(DISTRICT, quantity)]
            parts = [self.system.index[_name(scope, quantity)] for scope in areas]
            variable = self.system.variables[district]
            rest = variable.value - sum(self.system.variables[p].value for p in parts)
            if rest < -1e-9:
                continue
            if not variable.is_count and rest > 1e-9:
                continue
            remainder = self.system.variable(f"rest|{quantity}", rest, variable.is_count)
            self._sum(district, [*parts, remainder], f"district against its areas: {quantity}")


def _where(scope: str) -> str:
    return "district report" if scope == DISTRICT else f"{scope} area pack"


@dataclass
class PublishedReport:
    """One report as published: tables and figures with `c` where hidden, and what could not be computed."""

    scope: str
    tables: dict[str, PublishedTable]
    figures: dict[str, object]
    why_missing: dict[str, str]
    count_keys: list[str]
    facts: dict[str, dict[str, object]]  # per section
    section_tables: dict[str, list[str]]  # the names of each section's tables

    def section_part(self, section: str, figure_prefixes: tuple[str, ...]) -> tuple:
        """What one section shows: its figures, its tables and its facts (a notebook depends on these only)."""
        figures = {k: v for k, v in self.figures.items() if k.startswith(figure_prefixes)}
        tables = {name: self.tables[name].cells.to_csv() for name in self.section_tables.get(section, [])}
        return figures, tables, self.facts.get(section, {})


@dataclass
class AuditSummary:
    cells_audited: int
    narrowest: float | None
    narrowest_place: str | None
    reports: list[str]
    suppressed_share: dict[str, dict[str, float]]  # report -> table -> share of cells suppressed
    failures: list[str]  # each count a reader could narrow below the protection range, and how far


def assemble(reports: Iterable[Report]) -> _Assembler:
    assembler = _Assembler()
    for report in reports:
        assembler.report(report)
    assembler.districts_against_areas()
    return assembler


def decide(
    reports: Iterable[Report], threshold: int, protection_range: int, decided: Mapping[str, bool] | None = None
) -> dict[str, bool]:
    """Whether each shown quantity of these reports is hidden (by its name in the system), for other
    reports that publish the same quantities to keep."""
    system = assemble(reports).system
    decision = _protect_by_name(system, threshold, protection_range, decided)
    return {v.name: number in decision.state.hidden for number, v in enumerate(system.variables) if v.shown}


def _protect_by_name(
    system: System, threshold: int, protection_range: int, decided: Mapping[str, bool] | None
) -> Decision:
    # A zero is never hidden (a `c` stands for at least 1): another report cannot have hidden this count.
    fixed = {
        system.index[name]: hidden
        for name, hidden in (decided or {}).items()
        if name in system.index and not (hidden and system.variables[system.index[name]].value < 1)
    }
    return protect(system, threshold, protection_range, fixed)


def publish(
    reports: Iterable[Report], threshold: int, protection_range: int, decided: Mapping[str, bool] | None = None
) -> tuple[dict[str, PublishedReport], Decision, AuditSummary]:
    """Decide and publish every report; quantities in `decided` keep the fate another report gave them.

    The audit does not trust the engine: it assembles everything published afresh, from the declarations,
    and computes the range of every hidden count under what the engine decided to show.
    """
    reports = list(reports)
    assembler = assemble(reports)
    system = assembler.system
    decision = _protect_by_name(system, threshold, protection_range, decided)
    published = {r.scope: _published_report(system, decision, r, assembler.placed[r.scope], threshold) for r in reports}
    audited, found = audit(reports, system, decision, threshold)
    narrowest = min(found.values(), key=lambda f: f.width, default=None)
    summary = AuditSummary(
        cells_audited=len(found),
        narrowest=None if narrowest is None else (None if narrowest.width == INFINITY else narrowest.width),
        narrowest_place=None
        if narrowest is None
        else (audited.variables[narrowest.variable].places or [audited.variables[narrowest.variable].name])[0],
        reports=[_where(r.scope) for r in reports],
        suppressed_share={
            r.scope: {name: _share_hidden(t) for name, t in published[r.scope].tables.items()} for r in reports
        },
        failures=[describe(audited, f) for f in found.values() if f.width < protection_range],
    )
    return published, decision, summary


def audit(reports: list[Report], system: System, decision: Decision, threshold: int) -> tuple[System, dict[int, Range]]:
    """Every hidden count's range, on the system assembled again from the declarations, under the engine's state
    (matched by name: a count by its quantity, a ratio by where it is published)."""
    audited = assemble(reports).system
    hidden = frozenset(audited.index[system.variables[v].name] for v in decision.state.hidden)
    places = {place: number for number, ratio in enumerate(audited.ratios) for place in ratio.places}
    shown = frozenset(
        places[place] for r in decision.state.published_ratios for place in system.ratios[r].places if place in places
    )
    state = State(hidden, shown)
    return audited, ranges(audited, state, sensitive(audited, state, threshold))


def _share_hidden(table: PublishedTable) -> float:
    numeric = sum(
        table.kinds.get(c) in ("count", "pct", "rate", "value") and v is not None
        for c in table.cells.columns[1:]
        for v in table.cells[c]
    )
    return 0.0 if not numeric else round(100 * table.suppressed_cells / numeric, 1)


def _is_hidden(decision: Decision, system: System, entry: tuple[str, int]) -> bool:
    kind, number = entry
    if kind == "variable":
        return number in decision.state.hidden
    if kind == "ratio":
        return number not in decision.state.published_ratios
    return number in decision.hidden_opaques


def _published_report(
    system: System, decision: Decision, report: Report, placed: _Placed, threshold: int
) -> PublishedReport:
    tables: dict[str, PublishedTable] = {}
    figures: dict[str, object] = {}
    why: dict[str, str] = {}
    count_keys: list[str] = []
    facts: dict[str, dict[str, object]] = {}
    section_tables: dict[str, list[str]] = {}
    for section in report.sections:
        facts[section.section] = dict(section.facts)
        section_tables[section.section] = [table.name for table in section.tables]
        for table in section.tables:
            tables[table.name] = _published_table(table, placed, decision, system, threshold)
        for figure in section.figures:
            if figure.key in figures:
                raise ValueError(f"figure {figure.key} is given twice")
            entry = placed.figures.get(figure.key)
            if figure.value is None:
                figures[figure.key] = None
                if figure.why_missing:
                    why[figure.key] = figure.why_missing
            elif entry is not None and _is_hidden(decision, system, entry):
                figures[figure.key] = SUPPRESSED
            else:
                figures[figure.key] = _with_words(system, entry, _plain_number(figure.value))
            if figure.kind == "count":
                count_keys.append(figure.key)
    return PublishedReport(report.scope, tables, figures, why, count_keys, facts, section_tables)


def _with_words(system: System, entry: tuple[str, int] | None, value: object) -> object:
    """A published percentage carries its whole number for sentences (a Share)."""
    if entry is None or entry[0] != "ratio" or not isinstance(value, float):
        return value
    whole = system.ratios[entry[1]].whole
    return value if whole is None else Share(value, int(whole))


def _published_table(
    table: Table, placed: _Placed, decision: Decision, system: System, threshold: int
) -> PublishedTable:
    cells = table.data.astype(object).copy()
    hidden = 0
    for (name, row, column), entry in placed.cells.items():
        if name != table.name:
            continue
        if _is_hidden(decision, system, entry):
            cells.at[row, column] = SUPPRESSED
            hidden += 1
        else:
            cells.at[row, column] = _with_words(system, entry, _plain_number(cells.at[row, column]))
    published = pd.DataFrame(
        {
            c: pd.Series(
                [v if isinstance(v, Share) else _plain_number(v) for v in cells[c]], index=cells.index, dtype=object
            )
            for c in cells.columns
        }
    )
    return PublishedTable(
        name=table.name,
        title=table.title,
        cells=published,
        kinds=dict(table.kinds),
        total_row=table.total_row,
        note=table.note,
        suppressed_cells=hidden,
        threshold=threshold,
    )


def _plain_number(value: object) -> object:
    """Python numbers (12, not np.int64(12)) and None for a cell that does not apply."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
