"""Everything a reporting year publishes, as one system of linear relations between counts.

A reader who holds every published table and figure of a year (the district report and its area
packs, each table's totals, the same count repeated in several places, percentages with their
denominators, averages with the months they average) knows a set of linear relations between the
counts behind them. This module holds that knowledge as data:

- a *variable* is one count (children, episodes, crimes, links; or a measure that is not a count of
  people, such as the child-months behind an average), with its true value and where it is shown;
- an *equation* says that a weighted sum of variables is zero (a total, a part-whole relation, the
  district against the sum of its areas);
- a *ratio* is a published value computed from variables and rounded (a percentage, an average, a
  rate, a change): published, it tells the reader that a linear expression lies in an interval;
- an *opaque* value is computed from variables in a way a reader cannot invert linearly (a fitted
  trend, a projection, a confidence interval): it is shown only when every variable it uses is.

The engine (helpers.disclosure.engine) decides what is hidden on this system; the audit
(helpers.disclosure.audit) proves by linear programming that no hidden count can be narrowed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TOLERANCE = 1e-6


@dataclass
class Variable:
    name: str
    value: float
    is_count: bool  # a count of people or crimes: protected when small and not published
    places: list[str] = field(default_factory=list)  # where it is shown as a number (or as `c`)
    cost: float = 0.0  # what hiding it costs the reader, per unit of its value: the weight of every place it is shown

    @property
    def shown(self) -> bool:
        return bool(self.places)


@dataclass
class Ratio:
    """A rounded value v = scale * (numerator . x) / (denominator . x + constant), shown at `places`.

    `counts` are the variables the primary rule judges: the value is hidden whenever one of them
    is a small count (a percentage of 3 children says 3 children).
    """

    value: float
    numerator: dict[int, float]
    denominator: dict[int, float]
    constant: float
    scale: float
    decimals: int
    counts: tuple[int, ...]
    places: list[str] = field(default_factory=list)
    whole: float | None = None  # a percentage also said in words, rounded once from the exact ratio

    @property
    def half_width(self) -> float:
        return 0.5 * 10.0**-self.decimals

    @property
    def bounds(self) -> tuple[float, float]:
        """What publishing the value tells a reader: the interval its rounding allows (and its words')."""
        low, high = self.value - self.half_width, self.value + self.half_width
        if self.whole is not None:
            low, high = max(low, self.whole - 0.5), min(high, self.whole + 0.5)
        return low, high

    @property
    def variables(self) -> set[int]:
        return set(self.numerator) | set(self.denominator)


@dataclass
class Opaque:
    """A value worked out from `inputs` in a way a reader cannot turn back into them linearly."""

    inputs: tuple[int, ...]
    places: list[str] = field(default_factory=list)


class RelationError(ValueError):
    """A declared relation does not hold on the true values: the declaration is wrong."""


class System:
    def __init__(self) -> None:
        self.variables: list[Variable] = []
        self.index: dict[str, int] = {}
        self.equations: list[dict[int, float]] = []
        self.equation_names: list[str] = []
        self.ratios: list[Ratio] = []
        self._ratio_index: dict[tuple, int] = {}
        self.opaques: list[Opaque] = []

    def variable(self, name: str, value: float, is_count: bool = True) -> int:
        """The variable called `name`, created on first use; its value must agree wherever it is given."""
        found = self.index.get(name)
        if found is not None:
            known = self.variables[found]
            if not math.isclose(known.value, value, abs_tol=TOLERANCE):
                raise RelationError(f"{name} is given as {known.value} and as {value}")
            return found
        self.index[name] = len(self.variables)
        self.variables.append(Variable(name, float(value), is_count))
        return self.index[name]

    def show(self, variable: int, place: str, weight: float = 1.0) -> None:
        """The variable is shown at `place` (a table cell or a figure); hiding it there hides it everywhere,
        so each place adds its weight to what hiding it costs."""
        target = self.variables[variable]
        target.places.append(place)
        target.cost += weight

    def equation(self, terms: Mapping[int, float], name: str) -> None:
        """sum(coefficient * variable) == 0, checked on the true values."""
        terms = {v: c for v, c in terms.items() if c != 0}
        if len(terms) < 2:
            return
        total = sum(c * self.variables[v].value for v, c in terms.items())
        if abs(total) > TOLERANCE:
            raise RelationError(f"relation {name} does not hold: it is off by {total:g}")
        self.equations.append(dict(terms))
        self.equation_names.append(name)

    def ratio(self, ratio: Ratio) -> int:
        """A published ratio; the same ratio published again (a table's share repeated as a figure, in the
        district and an area) is one ratio with several places, shown or hidden as one."""
        exact = self.exact_ratio(ratio)
        if exact is not None and abs(exact - ratio.value) > ratio.half_width + TOLERANCE:
            raise RelationError(
                f"{ratio.places[0] if ratio.places else 'a ratio'} is {ratio.value} but its variables give {exact:g}"
            )
        key = (
            tuple(sorted(ratio.numerator.items())),
            tuple(sorted(ratio.denominator.items())),
            ratio.constant,
            ratio.scale,
            ratio.decimals,
            ratio.value,
            ratio.whole,
            tuple(sorted(ratio.counts)),
        )
        if key in self._ratio_index:
            number = self._ratio_index[key]
            self.ratios[number].places.extend(ratio.places)
            return number
        self.ratios.append(ratio)
        self._ratio_index[key] = len(self.ratios) - 1
        return len(self.ratios) - 1

    def opaque(self, inputs: Iterable[int], place: str) -> None:
        self.opaques.append(Opaque(tuple(inputs), [place]))

    def exact_ratio(self, ratio: Ratio) -> float | None:
        denominator = sum(c * self.variables[v].value for v, c in ratio.denominator.items()) + ratio.constant
        if abs(denominator) < TOLERANCE:
            return None
        return ratio.scale * sum(c * self.variables[v].value for v, c in ratio.numerator.items()) / denominator

    def is_small(self, variable: int, threshold: int) -> bool:
        target = self.variables[variable]
        return target.is_count and 1 <= round(target.value) < threshold
