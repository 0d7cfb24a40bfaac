"""The audit: how far a reader of everything published can narrow each hidden count.

For every count that is not published (a `c`, or a count no table shows, such as the district less the
sum of its areas) the audit finds the smallest and the largest value it can take given every published
number and relation: equations, published ratios as the intervals their rounding allows, counts not
negative, and a `c` never 0 (zeros are shown). It solves one linear programme per bound with HiGHS, on
each connected group of relations on its own, and rounds the bounds inwards to whole numbers, since
counts are whole. A count is protected when max - min is at least `protection_range`.

`Auditor` keeps the groups and their programmes between questions: hiding a count or publishing a ratio
only joins groups, and only the programmes of the groups it touches are built again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np

from helpers.disclosure.system import System

INFINITY = math.inf
_DUAL = 1e-7
_SETTLED = (
    highspy.HighsModelStatus.kOptimal,
    highspy.HighsModelStatus.kUnbounded,
    highspy.HighsModelStatus.kUnboundedOrInfeasible,
)


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
    # The points of the programme where the lower and the upper bound are reached (variable -> value), to
    # tell whether a new ratio could move a bound at all; an empty point for an unbounded side, which any
    # new ratio may bound.
    points: tuple[dict[int, float], ...] = ()

    @property
    def settled_by_points(self) -> bool:
        return len(self.points) == 2 and all(self.points)

    @property
    def width(self) -> float:
        return self.high - self.low


def sensitive(system: System, state: State, threshold: int) -> list[int]:
    """What a reader must not be able to work out: every hidden cell (a `c`), and every count no table shows
    (the district less its areas) that is small."""
    return [
        v
        for v in range(len(system.variables))
        if v in state.hidden or (not system.variables[v].shown and system.is_small(v, threshold))
    ]


def ratio_rows(system: System, number: int) -> list[tuple[dict[int, float], float, float]]:
    """A published ratio as the two linear rows the interval of its rounding gives: (terms, lower, upper)."""
    ratio = system.ratios[number]
    rows = []
    low, high = ratio.bounds
    for bound, upper_side in ((high, True), (low, False)):
        terms: dict[int, float] = {}
        for v, c in ratio.numerator.items():
            terms[v] = terms.get(v, 0.0) + ratio.scale * c
        for v, c in ratio.denominator.items():
            terms[v] = terms.get(v, 0.0) - bound * c
        limit = bound * ratio.constant
        rows.append((terms, -highspy.kHighsInf, limit) if upper_side else (terms, limit, highspy.kHighsInf))
    return rows


def satisfies(system: System, number: int, values: dict[int, float]) -> bool:
    """Whether a point (true values where it says nothing) keeps a ratio's rows."""
    for terms, lower, upper in ratio_rows(system, number):
        total = sum(c * values.get(v, system.variables[v].value) for v, c in terms.items())
        if total < lower - 1e-6 or total > upper + 1e-6:
            return False
    return True


class ComponentModel:
    """One linear programme over a group of relations; published variables enter as fixed columns."""

    def __init__(
        self, system: System, state: State, free: Iterable[int], equations: Iterable[int], ratios: Iterable[int]
    ):
        self.system = system
        columns = set(free)
        rows: list[tuple[dict[int, float], float, float, int | None]] = []
        for number in equations:
            equation = system.equations[number]
            columns.update(equation)
            rows.append((equation, 0.0, 0.0, None))
        for number in ratios:
            columns.update(system.ratios[number].variables)
            rows += [(terms, lower, upper, number) for terms, lower, upper in ratio_rows(system, number)]
        self.columns = sorted(columns)
        self.position = {v: i for i, v in enumerate(self.columns)}
        self.row_ratio = np.array([-1 if r[3] is None else r[3] for r in rows], dtype=np.int64)
        fixed = np.array([state.is_fixed(system, v) for v in self.columns], dtype=bool)
        values = np.array([system.variables[v].value for v in self.columns])
        # A `c` stands for a count of at least 1; a count no table shows may be 0.
        shown = np.array([system.variables[v].shown for v in self.columns], dtype=bool)
        lower = np.where(fixed, values, np.where(shown, 1.0, 0.0))
        upper = np.where(fixed, values, highspy.kHighsInf)
        self.fixed = fixed
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.columns)
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(len(self.columns))
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = np.array([r[1] for r in rows], dtype=float)
        lp.row_upper_ = np.array([r[2] for r in rows], dtype=float)
        by_column: list[list[tuple[int, float]]] = [[] for _ in self.columns]
        for row_number, (terms, _, _, _) in enumerate(rows):
            for v, c in terms.items():
                if c != 0:
                    by_column[self.position[v]].append((row_number, c))
        starts, indices, coefficients = [0], [], []
        for entries in by_column:
            for row_number, c in entries:
                indices.append(row_number)
                coefficients.append(c)
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(coefficients, dtype=float)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.objective_column: int | None = None

    def _optimise(self, variable: int, maximise: bool) -> tuple[float, set[int], set[int], dict[int, float]]:
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
            return (INFINITY if maximise else -INFINITY), set(), set(), {}
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"the audit's linear programme ended as {self.highs.modelStatusToString(status)}: "
                f"a declared relation or ratio contradicts the published values"
            )
        solution = self.highs.getSolution()
        col_dual = np.asarray(solution.col_dual)
        binding_variables = {self.columns[i] for i in np.nonzero(self.fixed & (np.abs(col_dual) > _DUAL))[0]}
        row_dual = np.asarray(solution.row_dual)
        binding_ratios = {int(r) for r in self.row_ratio[(self.row_ratio >= 0) & (np.abs(row_dual) > _DUAL)]}
        point = dict(zip(self.columns, solution.col_value))
        return self.highs.getInfo().objective_function_value, binding_variables, binding_ratios, point

    def range_of(self, variable: int) -> Range:
        low, low_variables, low_ratios, low_point = self._optimise(variable, maximise=False)
        high, high_variables, high_ratios, high_point = self._optimise(variable, maximise=True)
        # Counts are whole numbers: the bounds round inwards.
        low = math.ceil(low - 1e-6) if math.isfinite(low) else low
        high = math.floor(high + 1e-6) if math.isfinite(high) else high
        return Range(
            variable, low, high, low_variables | high_variables, low_ratios | high_ratios, (low_point, high_point)
        )


class Auditor:
    """Ranges of free variables under a state that changes only by hiding counts and publishing or hiding ratios.

    Groups of free variables linked by equations or published ratios are kept in a union-find; a change joins
    the groups it touches (a group that could now split is left whole: its programme is still right) and
    drops their programmes, which are built again when next asked for.
    """

    def __init__(self, system: System, state: State):
        self.system = system
        self.hidden = set(state.hidden)
        self.published = set(state.published_ratios)
        self.parent: dict[int, int] = {}
        self.members_of: dict[int, set[int]] = {}
        self.equations_of: dict[int, set[int]] = {}
        self.ratios_of: dict[int, set[int]] = {}
        self.models: dict[int, ComponentModel] = {}
        self.links_of_variable: dict[int, list[int]] = {}
        for number, equation in enumerate(system.equations):
            for v in equation:
                self.links_of_variable.setdefault(v, []).append(number)
        self.ratios_of_variable: dict[int, list[int]] = {}
        for number, ratio in enumerate(system.ratios):
            for v in ratio.variables:
                self.ratios_of_variable.setdefault(v, []).append(number)
        for number in range(len(system.equations)):
            self._join_equation(number)
        for number in self.published:
            self._join_ratio(number)

    @property
    def state(self) -> State:
        return State(frozenset(self.hidden), frozenset(self.published))

    def is_free(self, variable: int) -> bool:
        return not self.system.variables[variable].shown or variable in self.hidden

    def _find(self, v: int) -> int:
        if v not in self.parent:
            self.parent[v] = v
            self.members_of[v] = {v}
        root = v
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[v] != root:
            self.parent[v], v = root, self.parent[v]
        return root

    def _union(self, members: list[int]) -> int | None:
        if not members:
            return None
        roots = {self._find(v) for v in members}
        root = min(roots)
        for other in roots - {root}:
            self.parent[other] = root
            self.members_of[root].update(self.members_of.pop(other))
            self.equations_of.setdefault(root, set()).update(self.equations_of.pop(other, set()))
            self.ratios_of.setdefault(root, set()).update(self.ratios_of.pop(other, set()))
            self.models.pop(other, None)
        self.models.pop(root, None)
        return root

    def _join_equation(self, number: int) -> None:
        root = self._union([v for v in self.system.equations[number] if self.is_free(v)])
        if root is not None:
            self.equations_of.setdefault(root, set()).add(number)

    def _join_ratio(self, number: int) -> None:
        root = self._union([v for v in self.system.ratios[number].variables if self.is_free(v)])
        if root is not None:
            self.ratios_of.setdefault(root, set()).add(number)

    def hide(self, variable: int) -> None:
        """A shown count becomes a `c`: it joins every group it shares a relation with."""
        self.hidden.add(variable)
        self._union([variable])
        for number in self.links_of_variable.get(variable, []):
            self._join_equation(number)
        for number in self.ratios_of_variable.get(variable, []):
            if number in self.published:
                self._join_ratio(number)

    def unpublish(self, number: int) -> None:
        self.published.discard(number)
        for v in self.system.ratios[number].variables:
            if self.is_free(v):
                root = self._find(v)
                self.ratios_of.get(root, set()).discard(number)
                self.models.pop(root, None)

    def publish(self, number: int) -> None:
        self.published.add(number)
        self._join_ratio(number)

    def group_of(self, variable: int) -> int:
        return self._find(variable)

    def members(self, root: int) -> set[int]:
        return self.members_of[root]

    def range_of(self, variable: int) -> Range:
        root = self._find(variable)
        equations, ratios = self.equations_of.get(root, set()), self.ratios_of.get(root, set())
        if not equations and not ratios:
            return Range(variable, 1.0 if self.system.variables[variable].shown else 0.0, INFINITY)
        model = self.models.get(root)
        if model is None:
            model = ComponentModel(
                self.system, self.state, sorted(self.members_of[root]), sorted(equations), sorted(ratios)
            )
            self.models[root] = model
        return model.range_of(variable)


def ranges(system: System, state: State, variables: Iterable[int]) -> dict[int, Range]:
    """The range of each given free variable, one linear programme pair each, grouped by component."""
    auditor = Auditor(system, state)
    return {v: auditor.range_of(v) for v in variables}
