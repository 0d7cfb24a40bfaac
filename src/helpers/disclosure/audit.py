"""The audit: how far a reader of everything published can narrow each hidden count.

For every count that is not published (a `c`, or a count no table shows, such as the district
less the sum of its areas) the audit finds the smallest and the largest value it can take given
every published number and relation: equations, published ratios as the intervals their rounding
allows, counts not negative, and a `c` never 0 (zeros are shown). It solves one linear programme
per bound with HiGHS, on each connected group of relations on its own, and rounds the bounds
inwards to whole numbers, since counts are whole. A count is protected when max - min is at least
`protection_range`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable

import highspy
import numpy as np

from helpers.disclosure.system import System

INFINITY = math.inf
_DUAL = 1e-7
_SETTLED = (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kUnbounded,
            highspy.HighsModelStatus.kUnboundedOrInfeasible)


@dataclass(frozen=True)
class State:
    """What a publication shows: the shown variables it hides and the ratios it publishes."""

    hidden: frozenset[int]
    published_ratios: frozenset[int]

    def is_fixed(self, system: System, variable: int) -> bool:
        return system.variables[variable].shown and variable not in self.hidden


@dataclass
class Range:
    variable: int
    low: float
    high: float
    # What pins each bound: published variables and published ratios whose relaxation would widen it.
    binding_variables: set[int] = field(default_factory=set)
    binding_ratios: set[int] = field(default_factory=set)

    @property
    def width(self) -> float:
        return self.high - self.low


def sensitive(system: System, state: State, threshold: int) -> list[int]:
    """What a reader must not be able to work out: every hidden cell (a `c`), and every count no table shows
    (the district less its areas) that is small."""
    return [v for v in range(len(system.variables))
            if v in state.hidden or (not system.variables[v].shown and system.is_small(v, threshold))]


def _components(system: System, state: State, variables: Iterable[int]) -> list[tuple[list[int], list[int], list[int]]]:
    """Groups of free variables linked by equations or published ratios: (variables, equations, ratios)."""
    parent: dict[int, int] = {}

    def find(v: int) -> int:
        parent.setdefault(v, v)
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    def free(terms: Iterable[int]) -> list[int]:
        return [v for v in terms if not state.is_fixed(system, v)]

    links: list[tuple[str, int, list[int]]] = []
    for number, equation in enumerate(system.equations):
        links.append(("equation", number, free(equation)))
    for number in state.published_ratios:
        links.append(("ratio", number, free(system.ratios[number].variables)))
    for _, _, members in links:
        for member in members[1:]:
            parent[find(member)] = find(members[0])
    groups: dict[int, tuple[set[int], list[int], list[int]]] = {}
    for kind, number, members in links:
        if not members:
            continue
        group = groups.setdefault(find(members[0]), (set(), [], []))
        group[0].update(members)
        (group[1] if kind == "equation" else group[2]).append(number)
    wanted = {find(v) for v in variables}
    found = [(sorted(members), equations, ratios) for root, (members, equations, ratios) in groups.items()
             if root in wanted]
    alone = [v for v in variables if find(v) not in groups]
    return found + [([v], [], []) for v in alone]


def connected(system: System, state: State, seeds: Iterable[int]) -> set[int]:
    """The free variables linked to any of `seeds` by equations or published ratios."""
    seeds = [v for v in seeds if not state.is_fixed(system, v)]
    found: set[int] = set()
    for free, _, _ in _components(system, state, seeds):
        found.update(free)
    return found


class ComponentModel:
    """One linear programme over a group of relations; published variables enter as fixed columns."""

    def __init__(self, system: System, state: State, free: list[int], equations: list[int], ratios: list[int]):
        self.system = system
        columns = set(free)
        rows: list[tuple[dict[int, float], float, float, int | None]] = []
        for number in equations:
            equation = system.equations[number]
            columns.update(equation)
            rows.append((equation, 0.0, 0.0, None))
        for number in ratios:
            ratio = system.ratios[number]
            columns.update(ratio.variables)
            low, high = ratio.bounds
            for bound, sign in ((high, 1), (low, -1)):
                terms: dict[int, float] = {}
                for v, c in ratio.numerator.items():
                    terms[v] = terms.get(v, 0.0) + ratio.scale * c
                for v, c in ratio.denominator.items():
                    terms[v] = terms.get(v, 0.0) - bound * c
                limit = bound * ratio.constant
                rows.append((terms, -highspy.kHighsInf, limit, number) if sign > 0
                            else (terms, limit, highspy.kHighsInf, number))
        self.columns = sorted(columns)
        self.position = {v: i for i, v in enumerate(self.columns)}
        self.row_ratio = [r[3] for r in rows]
        lower, upper = [], []
        for v in self.columns:
            if state.is_fixed(system, v):
                lower.append(system.variables[v].value)
                upper.append(system.variables[v].value)
            else:
                # A `c` stands for a count of at least 1; a count no table shows may be 0.
                lower.append(1.0 if system.variables[v].shown else 0.0)
                upper.append(highspy.kHighsInf)
        self.fixed = [state.is_fixed(system, v) for v in self.columns]
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.columns)
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(len(self.columns))
        lp.col_lower_ = np.array(lower)
        lp.col_upper_ = np.array(upper)
        lp.row_lower_ = np.array([r[1] for r in rows])
        lp.row_upper_ = np.array([r[2] for r in rows])
        by_column: list[list[tuple[int, float]]] = [[] for _ in self.columns]
        for row_number, (terms, _, _, _) in enumerate(rows):
            for v, c in terms.items():
                if c != 0:
                    by_column[self.position[v]].append((row_number, c))
        starts, indices, values = [0], [], []
        for entries in by_column:
            for row_number, c in entries:
                indices.append(row_number)
                values.append(c)
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=float)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.objective_column: int | None = None

    def _optimise(self, variable: int, maximise: bool) -> tuple[float, set[int], set[int]]:
        column = self.position[variable]
        if self.objective_column is not None and self.objective_column != column:
            self.highs.changeColCost(self.objective_column, 0.0)
        self.highs.changeColCost(column, 1.0)
        self.objective_column = column
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status not in _SETTLED:
            # A warm start can leave HiGHS undecided; solving afresh settles it.
            self.highs.clearSolver()
            self.highs.run()
            status = self.highs.getModelStatus()
        # The true values always satisfy the relations, so a programme is never infeasible: unbounded it is.
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return (INFINITY if maximise else -INFINITY), set(), set()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"the audit's linear programme ended as {self.highs.modelStatusToString(status)}")
        solution = self.highs.getSolution()
        binding_variables = {self.columns[i] for i, dual in enumerate(solution.col_dual)
                             if self.fixed[i] and abs(dual) > _DUAL}
        binding_ratios = {self.row_ratio[i] for i, dual in enumerate(solution.row_dual)
                          if self.row_ratio[i] is not None and abs(dual) > _DUAL}
        return self.highs.getInfo().objective_function_value, binding_variables, binding_ratios

    def range_of(self, variable: int) -> Range:
        low, low_variables, low_ratios = self._optimise(variable, maximise=False)
        high, high_variables, high_ratios = self._optimise(variable, maximise=True)
        # Counts are whole numbers: the bounds round inwards.
        low = math.ceil(low - 1e-6) if math.isfinite(low) else low
        high = math.floor(high + 1e-6) if math.isfinite(high) else high
        return Range(variable, low, high, low_variables | high_variables, low_ratios | high_ratios)


def ranges(system: System, state: State, variables: Iterable[int]) -> dict[int, Range]:
    """The range of each given free variable, one linear programme pair each, grouped by component."""
    found: dict[int, Range] = {}
    wanted = list(variables)
    for free, equations, ratios in _components(system, state, wanted):
        members = set(free)
        targets = [v for v in wanted if v in members]
        if not equations and not ratios:
            for v in targets:
                found[v] = Range(v, 1.0 if system.variables[v].shown else 0.0, INFINITY)
            continue
        model = ComponentModel(system, state, free, equations, ratios)
        for v in targets:
            found[v] = model.range_of(v)
    return found
