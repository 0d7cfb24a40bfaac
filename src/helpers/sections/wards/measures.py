"""Ward measures: children at risk at each month end, by ward, declared for the disclosure engine.

A child is at risk in month m when, on the last day of m, an episode of any exploitation type is open
(the open-on-day rule) and its risk level that day is one of the scale's at-risk levels (neither the
no-risk level nor Not set). A child with several such episodes counts once, with the episode that
started last: its ward, its level, and the child's gender and ethnicity as recorded on it. Children
are counted on the whole district's episodes (an area's own extract would miss a child whose later
episode is in another area), so a ward's numbers are the same in the district report and its area pack.

What the section publishes:

- The scope's own monthly series (the area's, or the district's), in total with its rate per 10,000
  and by risk level, age band, gender and ethnic group: counts, which the engine suppresses.
- For each ward its average month, in total and by category: the children at risk at each month end
  added up (child-months) and divided by the number of months, with the ward's population, rate per
  10,000 and likely range. Averages are not counts and are published as the 2021 report did.
- A ward's own monthly rows only when every count in them can be published, and when what the
  area's other wards hold together (the area less the wards shown) can be too. That remainder is
  declared as a count, so the engine protects it; a ward's withheld months are published nowhere, so
  its average and its zero months can no longer pin the months it hides.

How it is declared. Every count and child-month is a shared quantity (`~`) named by its unit (a ward
code, `area=<name>` or `district`), its month and its category. A reader who has an average knows its
child-months (average x months, to within 0.06 of a whole number), so the child-months are published too,
as data the report does not show (`wards_child_months_by_<breakdown>`, laid out like the averages): the
engine weighs hiding them like any other number, and every average, rate and likely range
is an opaque value of its child-months, shown exactly when they are. A declared ratio would say no more
(the child-months are known) and would cost the engine a futile attempt to show it again whenever its
child-months are hidden. The relations a reader could use are declared: categories add up to the month's
total and to the ward's child-months, the wards' child-months to the scope's, months to child-months, a
scope's month to its shown wards' and the rest, and the district's month to its areas'.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.disclosure.declare import (
    Figure,
    OpaqueSpec,
    Quantity,
    Relation,
    SectionPublication,
    Table,
    opaque,
    plain,
    sum_relation,
)
from helpers.display.formatting import round_half_away
from helpers.errors import InputError
from helpers.inputs.reference import BROAD_GROUPS, Reference
from helpers.inputs.scope import ScopeData, area_wards
from helpers.params import Params
from helpers.rules.episodes import age_on, latest_episode_per_child, level_on, natural_key, open_on
from helpers.rules.labels import GENDER_COLUMNS
from helpers.stats.rates import CONFIDENCE, compared_with, rate_limits, rate_per_10k

AGE_BANDS = ("Under 10", "10-12", "13-15", "16-17")
ADULT_BAND = "18 or over"
AT_RISK = "Children at risk"
MONTH_RATE = "Rate per 10,000 children"
POPULATION_ESTIMATES = "ONS mid-2020 estimates"  # of the under-18s of each ward, in data/reference/wards.csv
SOURCE_NOTE = (
    "Source: children's social care episodes and risk assessments of the Hub; children under 18: "
    f"{POPULATION_ESTIMATES}."
)
DISTRICT_NAME = "All wards of the district"
NAME_SEPARATOR = "; "  # between ward names in a figure: names hold "and" (Bolton and Undercliffe), never ";"
MONTHLY_AT_RISK = "wards_monthly_at_risk"

DEFINITIONS: dict[str, str] = {
    "wards.district_average_at_risk": "Average monthly number of children at risk of exploitation living in "
    "the district's wards: the children at risk at the end of each month, summed over the months and divided "
    "by the number of months. A child is at risk at a month end when an episode of any exploitation type is "
    "open on that day with a risk level above no risk; a child counts once, in the ward of the episode that "
    "started last. Children placed out of area and those with no ward recorded are left out.",
    "wards.district_population_under_18": f"Children aged 0-17 living in the district ({POPULATION_ESTIMATES}).",
    "wards.district_rate_per_10k": "The district's average monthly number of children at risk per 10,000 "
    "children under 18, computed from the unrounded average.",
    "wards.district_wards": "The wards of the district, as the reference data lists them.",
    "wards.area_average_at_risk": "The same average for the children living in the area's wards.",
    "wards.area_population_under_18": f"Children aged 0-17 living in the area's wards ({POPULATION_ESTIMATES}).",
    "wards.area_rate_per_10k": "The area's average monthly number of children at risk per 10,000 children under 18.",
    "wards.area_wards": "The wards of the area, as the reference data lists them.",
    "wards.highest_rate_ward": "The ward of the report with the highest rate per 10,000.",
    "wards.highest_rate_per_10k": "That ward's rate per 10,000 children under 18.",
    "wards.higher_than_district": "The wards whose rate was higher than the district's, separated by "
    "semicolons: the likely range of their rate lies wholly above the district rate. The likely range is "
    "the 95% confidence interval of the public-health method, which takes the average as a Poisson count: "
    "exact limits from the chi-squared distribution below an average of 10, Byar's approximation from 10 "
    "(the wards_rates table also gives the 99.8% limits, and the funnel plot draws both around the district "
    "rate). Blank when there is none.",
    "wards.lower_than_district": "The wards whose likely range lies wholly below the district rate, "
    "separated by semicolons. Blank when there is none.",
}


@dataclass(frozen=True)
class Breakdown:
    key: str  # in table and quantity names
    column: str  # of the children frame
    what: str  # in words


BREAKDOWNS = (
    Breakdown("risk", "risk_level", "risk level"),
    Breakdown("age_band", "age_band", "age band"),
    Breakdown("gender", "gender", "gender"),
    Breakdown("ethnicity", "ethnic_group", "ethnic group"),
)


def monthly_table_name(breakdown: Breakdown) -> str:
    return f"wards_monthly_by_{breakdown.key}"


def average_table_name(breakdown: Breakdown) -> str:
    return f"wards_average_by_{breakdown.key}"


# --- months and the children at risk at their ends -----------------------------------------------


def month_end(month: str) -> dt.date:
    """`2020-02` -> 29 February 2020."""
    year, number = (int(part) for part in month.split("-"))
    return dt.date(year, number, calendar.monthrange(year, number)[1])


def months_covered(params: Params, window: tuple[dt.date, dt.date]) -> tuple[str, ...]:
    """The ward months (the `months` parameter) whose last day the data reach."""
    months = tuple(m for m in params.months if month_end(m) <= window[1])
    if not months:
        raise InputError(
            f"the extracts reach {window[1]:%d %B %Y}, before the end of the first ward month "
            f"({params.months[0]}): set the months parameter to months the data cover"
        )
    return months


def age_band(age: int) -> str:
    if age < 10:
        return AGE_BANDS[0]
    if age < 13:
        return AGE_BANDS[1]
    if age < 16:
        return AGE_BANDS[2]
    if age < 18:
        return AGE_BANDS[3]
    return ADULT_BAND


def at_risk_levels(params: Params) -> tuple[str, ...]:
    """The scale's levels above no risk, most serious first."""
    return tuple(level for level in params.risk_levels if level != params.no_risk_level)


def children_at_risk(
    episodes: pd.DataFrame,
    assessments: pd.DataFrame,
    months: Sequence[str],
    levels: Sequence[str],
    reference: Reference,
) -> pd.DataFrame:
    """One row per child at risk at each month end: month, ward_code, risk_level, age_band, gender, ethnic_group.

    The shared episode rules decide each day. Identifiers are first replaced by whole numbers in their
    natural order, which keeps every tie-break of the rules and makes twelve days cheap to decide.
    """
    ordered = sorted(episodes["episode_id"].unique(), key=natural_key)
    number = pd.Series(np.arange(len(ordered)), index=pd.Index(ordered, dtype=object))
    coded = episodes.assign(
        episode_id=episodes["episode_id"].map(number).to_numpy(), child_id=pd.factorize(episodes["child_id"])[0]
    )
    assessed = assessments[assessments["episode_id"].isin(number.index)]
    assessed = assessed.assign(episode_id=assessed["episode_id"].map(number).to_numpy())
    frames = []
    for month in months:
        day = month_end(month)
        open_episodes = coded[open_on(coded, day)]
        level = level_on(assessed, open_episodes["episode_id"], day)
        children = latest_episode_per_child(open_episodes.assign(risk_level=level)[level.isin(list(levels))])
        gender = children["gender"].where(children["gender"].isin(GENDER_COLUMNS[:2]), GENDER_COLUMNS[2])
        frames.append(
            pd.DataFrame(
                {
                    "month": month,
                    "ward_code": children["ward_code"].astype("string"),
                    "risk_level": children["risk_level"].astype(str),
                    "age_band": age_on(children["date_of_birth"], pd.Timestamp(day)).map(age_band).astype(str),
                    "gender": gender.astype(str),
                    "ethnic_group": reference.broad_group(children["ethnicity"]).astype(str),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def categories_of(breakdown: Breakdown, children: pd.DataFrame, params: Params) -> tuple[str, ...]:
    """The columns of a breakdown, in the order the report uses everywhere.

    Age bands gain `18 or over` only when a young person of 18 was still open and at risk.
    """
    if breakdown.key == "risk":
        return at_risk_levels(params)
    if breakdown.key == "age_band":
        return AGE_BANDS + ((ADULT_BAND,) if (children["age_band"] == ADULT_BAND).any() else ())
    if breakdown.key == "gender":
        return GENDER_COLUMNS
    return BROAD_GROUPS


@dataclass(frozen=True)
class Grid:
    """Children at risk by ward, month and column: a breakdown's categories, then the month's total."""

    wards: tuple[str, ...]
    months: tuple[str, ...]
    columns: tuple[str, ...]
    counts: np.ndarray  # wards x months x columns

    def _rows(self, wards: Sequence[str]) -> list[int]:
        return [self.wards.index(w) for w in wards]

    def series(self, wards: Sequence[str]) -> np.ndarray:
        """The months (rows) of the wards together, by column."""
        return self.counts[self._rows(wards)].sum(axis=0)

    def child_months(self, wards: Sequence[str]) -> np.ndarray:
        """The wards' months added up, by column."""
        return self.series(wards).sum(axis=0)

    def total(self) -> Grid:
        return Grid(self.wards, self.months, (AT_RISK,), self.counts[:, :, -1:])


def ward_grid(
    children: pd.DataFrame,
    ward_codes: Sequence[str],
    months: Sequence[str],
    breakdown: Breakdown,
    categories: Sequence[str],
) -> Grid:
    """Every ward and month, zeros included. Out-of-area and blank ward codes are in no ward's list."""
    inside = children[children["ward_code"].isin(list(ward_codes))]
    codes = [
        pd.Index(list(values)).get_indexer(inside[column].astype(str))
        for column, values in (("ward_code", ward_codes), ("month", months), (breakdown.column, categories))
    ]
    if (codes[2] < 0).any():
        unknown = sorted(set(inside[breakdown.column][codes[2] < 0]))
        raise ValueError(f"{breakdown.what} {unknown} is not one of the report's columns {list(categories)}")
    counts = np.zeros((len(ward_codes), len(months), len(categories) + 1), dtype=int)
    np.add.at(counts, tuple(codes), 1)
    counts[:, :, -1] = counts[:, :, :-1].sum(axis=2)
    return Grid(tuple(ward_codes), tuple(months), (*categories, AT_RISK), counts)


# --- the units a report counts: its wards, itself, the district -------------------------------------


@dataclass(frozen=True)
class Unit:
    """What a row counts: a ward, an area (all its wards) or the district (all wards)."""

    key: str  # in quantity names: a ward code, `area=<name>` or `district`
    code: str  # the ward_code column: the ward's code, blank for an area or the district
    name: str
    wards: tuple[str, ...]
    population: int


def ward_units(reference: Reference, ward_codes: Sequence[str]) -> list[Unit]:
    """The given wards, by name."""
    wards = reference.wards[reference.wards["ward_code"].isin(list(ward_codes))].sort_values("ward_name")
    return [
        Unit(w.ward_code, w.ward_code, w.ward_name, (w.ward_code,), int(w.population_under_18))
        for w in wards.itertuples()
    ]


def area_unit(reference: Reference, area: str) -> Unit:
    wards = tuple(area_wards(reference, area))
    population = reference.wards.loc[reference.wards["ward_code"].isin(wards), "population_under_18"].sum()
    return Unit(f"area={area}", "", f"All wards of the {area} area", wards, int(population))


def district_unit(reference: Reference) -> Unit:
    wards = reference.wards
    return Unit("district", "", DISTRICT_NAME, tuple(wards["ward_code"]), int(wards["population_under_18"].sum()))


def category_key(breakdown: Breakdown, category: str) -> str:
    return f"{breakdown.key}:{category}"


def at_risk_quantity(unit: Unit | str, month: str, category: str | None = None) -> str:
    """`~wards.at_risk|E05001351|2020-01|gender:Female`: one unit's children at one month end."""
    key = unit if isinstance(unit, str) else unit.key
    return f"~wards.at_risk|{key}|{month}" + (f"|{category}" if category else "")


def child_months_quantity(unit: Unit | str, category: str | None = None) -> str:
    """`~wards.child_months|E05001351|gender:Female`: one unit's children at risk, added up over the months."""
    key = unit if isinstance(unit, str) else unit.key
    return f"~wards.child_months|{key}" + (f"|{category}" if category else "")


def cell_quantity(unit: Unit | str, month: str, breakdown: Breakdown | None, column: str) -> str:
    """The quantity of a monthly table's cell: a category, or the month's total."""
    if column == AT_RISK or breakdown is None:
        return at_risk_quantity(unit, month)
    return at_risk_quantity(unit, month, category_key(breakdown, column))


def months_quantity(unit: Unit | str, breakdown: Breakdown | None, column: str) -> str:
    """The child-months of a monthly table's column: a category's, or every child's."""
    return child_months_quantity(
        unit, None if column == AT_RISK or breakdown is None else category_key(breakdown, column)
    )


def rest_unit(scope: Unit, table: str) -> str:
    """The unit of what the scope's wards that `table` does not show hold together."""
    return f"{scope.key} less the wards shown in {table}"


# --- which wards' monthly rows a table shows ----------------------------------------------------------


def _has_small(values: np.ndarray, threshold: int) -> bool:
    return bool(((values >= 1) & (values < threshold)).any())


def shown_wards(grid: Grid, areas: Sequence[Unit], threshold: int) -> list[str]:
    """Wards whose monthly rows a table shows: every count in them is 0 or at least the threshold, and so
    is every count of what the area's other wards hold together (the area less the wards shown).

    Wards are dropped, the one with the fewest child-months first, until that remainder is publishable
    too, so that no ward's rows turn a small count of the others into a difference. A ward with no child
    at risk in any month has no rows: its average of 0 says so. This decides the table's layout, not what
    it hides: the engine still decides every cell and protects the remainder.
    """
    shown: list[str] = []
    for area in areas:
        candidates = [
            w for w in area.wards if grid.child_months([w])[-1] and not _has_small(grid.series([w]), threshold)
        ]
        whole = grid.series(area.wards)
        while candidates and _has_small(whole - grid.series(candidates), threshold):
            candidates.remove(min(candidates, key=lambda w: (int(grid.child_months([w])[-1]), w)))
        shown += candidates
    return shown


# --- what one report counts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    """One report's months, units, ward grids (by breakdown key) and the wards each monthly table shows."""

    months: tuple[str, ...]
    scope: Unit
    district: Unit
    areas: tuple[Unit, ...]  # the district's areas (a district report) or the report's own area
    wards: tuple[Unit, ...]  # the report's wards, by name
    grids: dict[str, Grid]
    shown: dict[str, tuple[Unit, ...]]  # table name -> wards whose monthly rows it shows

    @property
    def is_district(self) -> bool:
        return self.scope.key == self.district.key

    @property
    def series_units(self) -> list[Unit]:
        """Whose monthly series a report shows in full: its scope, and the district in an area pack."""
        return [self.scope] if self.is_district else [self.scope, self.district]

    def categories(self, breakdown: Breakdown) -> tuple[str, ...]:
        return self.grids[breakdown.key].columns[:-1]

    def grid(self, breakdown: Breakdown | None) -> Grid:
        """A breakdown's grid, or the totals alone."""
        return self.grids[BREAKDOWNS[0].key].total() if breakdown is None else self.grids[breakdown.key]

    def child_months(self, unit: Unit, breakdown: Breakdown | None = None, column: str = AT_RISK) -> int:
        grid = self.grid(breakdown)
        return int(grid.child_months(unit.wards)[grid.columns.index(column)])

    def average(self, unit: Unit, breakdown: Breakdown | None = None, column: str = AT_RISK) -> float:
        return self.child_months(unit, breakdown, column) / len(self.months)

    def rate(self, unit: Unit) -> float:
        """Rate per 10,000, from the unrounded average."""
        return rate_per_10k(self.average(unit), unit.population)

    def likely_range(self, unit: Unit, confidence: float = CONFIDENCE["95"]) -> tuple[float, float]:
        return rate_limits(self.average(unit), unit.population, confidence)

    def compared(self, unit: Unit) -> str:
        return compared_with(*self.likely_range(unit), self.rate(self.district))


def count_scope(scope: ScopeData) -> Counted:
    """Children at risk at each of the report's months, on the whole district's episodes."""
    params, reference = scope.params, scope.reference
    months = months_covered(params, scope.window)
    children = children_at_risk(
        scope.district.episodes, scope.district.risk_assessments, months, at_risk_levels(params), reference
    )
    district = district_unit(reference)
    in_district = children[children["ward_code"].isin(list(district.wards))]
    grids = {
        b.key: ward_grid(children, district.wards, months, b, categories_of(b, in_district, params)) for b in BREAKDOWNS
    }
    if params.area:
        this = area_unit(reference, params.area)
        areas = (this,)
    else:
        this = district
        areas = tuple(area_unit(reference, name) for name in reference.constituencies)
    by_code = {w.key: w for w in ward_units(reference, district.wards)}
    threshold = params.suppression_threshold
    layouts = {
        MONTHLY_AT_RISK: grids[BREAKDOWNS[0].key].total(),
        **{monthly_table_name(b): grids[b.key] for b in BREAKDOWNS},
    }
    shown = {
        name: tuple(sorted((by_code[w] for w in shown_wards(grid, areas, threshold)), key=lambda u: u.name))
        for name, grid in layouts.items()
    }
    return Counted(months, this, district, areas, tuple(ward_units(reference, this.wards)), grids, shown)


# --- tables ---------------------------------------------------------------------------------------------


def _monthly_rows(
    counted: Counted, units: Sequence[Unit], breakdown: Breakdown | None, columns: Sequence[str]
) -> tuple[pd.DataFrame, dict[tuple[int, str], str]]:
    """One row per unit and month; a unit without categories (the district in an area pack) leaves them blank."""
    grid = counted.grid(breakdown)
    rows, quantities = [], {}
    for unit in units:
        series = grid.series(unit.wards)
        for number, month in enumerate(counted.months):
            row = len(rows)
            rows.append(
                {
                    "ward_code": unit.code,
                    "ward_name": unit.name,
                    "month": month,
                    **{c: int(series[number, grid.columns.index(c)]) for c in columns},
                }
            )
            quantities.update({(row, c): cell_quantity(unit, month, breakdown, c) for c in columns})
    return pd.DataFrame(rows, columns=["ward_code", "ward_name", "month", *columns]), quantities


def monthly_breakdown(counted: Counted, breakdown: Breakdown) -> Table:
    """Table `wards_monthly_by_<breakdown>`: the scope's month ends by category, then the rows of the wards
    whose counts can all be published."""
    columns = list(counted.grid(breakdown).columns)
    name = monthly_table_name(breakdown)
    data, quantities = _monthly_rows(counted, [counted.scope, *counted.shown[name]], breakdown, columns)
    return Table(
        name=name,
        title=f"Children at risk of exploitation at each month end by {breakdown.what}",
        data=data,
        kinds={"ward_code": "label", "ward_name": "label", "month": "label", **dict.fromkeys(columns, "count")},
        total_column=AT_RISK,
        quantities=quantities,
        note=f"{SOURCE_NOTE} Children at risk on the last day of each month (YYYY-MM), counted once, in the "
        f"ward of their at-risk episode that started last, with the {breakdown.what} recorded on it. "
        f"{counted.scope.name}: every ward together. A single ward has its own rows only when every "
        "count in them, and what the other wards hold together, can be published.",
    )


def monthly_at_risk(counted: Counted) -> Table:
    """Table `wards_monthly_at_risk`: the scope's (and, in an area pack, the district's) children at risk at
    each month end with the rate per 10,000, then the rows of the wards whose months can all be published."""
    units = [*counted.series_units, *counted.shown[MONTHLY_AT_RISK]]
    data, quantities = _monthly_rows(counted, units, None, [AT_RISK])
    population = [unit.population for unit in units for _ in counted.months]
    data[MONTH_RATE] = [round_half_away(rate_per_10k(n, p), 2) for n, p in zip(data[AT_RISK], population, strict=True)]
    # A month's rate gives its count back exactly (to within 0.07 of a child even for the district), so it is
    # shown exactly when the count is.
    derived = {(row, MONTH_RATE): OpaqueSpec(((row, AT_RISK),)) for row in range(len(data))}
    return Table(
        name=MONTHLY_AT_RISK,
        title="Children at risk of exploitation at each month end, and per 10,000 children under 18",
        data=data,
        kinds={"ward_code": "label", "ward_name": "label", "month": "label", AT_RISK: "count", MONTH_RATE: "rate"},
        derived=derived,
        quantities=quantities,
        note=f"{SOURCE_NOTE} Children at risk on the last day of each month (YYYY-MM), counted once, in the "
        "ward of their at-risk episode that started last; the rate is per 10,000 children under 18 living "
        "in those wards. A single ward has its own rows only when every month of it, and what the other "
        "wards hold together, can be published.",
    )


def known_from(child_months: str) -> OpaqueSpec:
    """An average, rate or likely range of a unit: shown exactly when its child-months are (see the module)."""
    return OpaqueSpec((child_months,))


RATE_COLUMNS = [
    "ward_code",
    "ward_name",
    "average_at_risk",
    "population_under_18",
    "rate_per_10k",
    "lower_95",
    "upper_95",
    "lower_99_8",
    "upper_99_8",
    "compared_with_district",
]


def wards_rates(counted: Counted) -> Table:
    """Table `wards_rates`: each ward's average, population, rate, 95% and 99.8% limits and comparison."""
    months = len(counted.months)
    rows, derived = [], {}
    district = child_months_quantity(counted.district)
    for row, ward in enumerate(counted.wards):
        limits = {
            f"{end}_{suffix}": round_half_away(value, 2)
            for suffix, confidence in CONFIDENCE.items()
            for end, value in zip(("lower", "upper"), counted.likely_range(ward, confidence), strict=True)
        }
        rows.append(
            {
                "ward_code": ward.key,
                "ward_name": ward.name,
                "average_at_risk": round_half_away(counted.average(ward), 2),
                "population_under_18": ward.population,
                "rate_per_10k": round_half_away(counted.rate(ward), 2),
                **limits,
                "compared_with_district": counted.compared(ward),
            }
        )
        cm = child_months_quantity(ward)
        derived.update({(row, c): known_from(cm) for c in RATE_COLUMNS[2:-1] if c != "population_under_18"})
        derived[(row, "compared_with_district")] = OpaqueSpec((cm, district))
    rates = ("average_at_risk", "rate_per_10k", "lower_95", "upper_95", "lower_99_8", "upper_99_8")
    return Table(
        name="wards_rates",
        title="Children at risk of exploitation by ward: average a month and rate per 10,000 children under 18",
        data=pd.DataFrame(rows, columns=RATE_COLUMNS),
        kinds={
            "ward_code": "label",
            "ward_name": "label",
            **dict.fromkeys(rates, "rate"),
            "population_under_18": "value",
            "compared_with_district": "label",
        },
        derived=derived,
        note=f"{SOURCE_NOTE} Average: children at risk at the end of each of {months} months, divided by "
        f"{months}. Rate per 10,000 children under 18, from the unrounded average. lower_95 and upper_95: "
        "the likely range of the rate (95 times in 100); lower_99_8 and upper_99_8: the wider range (99.8 "
        "times in 100); the definitions give the method. Compared with district: the likely range lies "
        "wholly above (higher) or below (lower) the district rate. Averages are not counts of children.",
    )


COMPARISON = {
    "Ward": "label",
    "Children at risk, average a month": "rate",
    "Children under 18": "value",
    "Rate per 10,000 children": "rate",
    "Likely range of the rate, from": "rate",
    "Likely range of the rate, to": "rate",
    "Compared with the district": "label",
}


def wards_comparison(counted: Counted) -> Table:
    """Table `wards_comparison`, the reader's: wards by rate, highest first, then the scope's own row (and,
    in an area pack, the district's)."""
    months = len(counted.months)
    wards = sorted(counted.wards, key=lambda u: (-round_half_away(counted.rate(u), 2), u.name))
    district = child_months_quantity(counted.district)
    rows, derived = [], {}
    for row, unit in enumerate([*wards, *counted.series_units]):
        is_district = unit.key == counted.district.key
        lower, upper = counted.likely_range(unit)
        rows.append(
            [
                unit.name,
                round_half_away(counted.average(unit), 2),
                unit.population,
                round_half_away(counted.rate(unit), 2),
                round_half_away(lower, 2),
                round_half_away(upper, 2),
                None if is_district else counted.compared(unit),
            ]
        )
        cm = child_months_quantity(unit)
        derived.update({(row, c): known_from(cm) for c, kind in COMPARISON.items() if kind == "rate"})
        if not is_district:
            derived[(row, "Compared with the district")] = OpaqueSpec((cm, district))
    return Table(
        name="wards_comparison",
        title="Children at risk of exploitation by ward: average a month, and rate per 10,000 children under 18 "
        "with its likely range",
        data=pd.DataFrame(rows, columns=list(COMPARISON)),
        kinds=COMPARISON,
        total_row=counted.scope.name,
        derived=derived,
        note=f"{SOURCE_NOTE} Average: the children at risk at the end of each of the {months} months, added up "
        f"and divided by {months}; it is not a count of children and is not suppressed. Rate: the average per "
        "10,000 children under 18 living in the ward. Likely range: where the rate would lie 95 times in 100 "
        "if the same risks produced the children at risk again. Higher or lower than the district: the "
        "whole likely range lies above or below the district's rate; otherwise similar.",
    )


def average_by(counted: Counted, breakdown: Breakdown) -> Table:
    """Table `wards_average_by_<breakdown>`: each ward's average month by category, then the scope's."""
    months = len(counted.months)
    columns = list(counted.grid(breakdown).columns)
    rows, derived = [], {}
    for row, unit in enumerate([*counted.wards, counted.scope]):
        rows.append(
            {
                "ward_code": unit.code,
                "ward_name": unit.name,
                **{c: round_half_away(counted.average(unit, breakdown, c), 2) for c in columns},
            }
        )
        derived.update({(row, c): known_from(months_quantity(unit, breakdown, c)) for c in columns})
    return Table(
        name=average_table_name(breakdown),
        title=f"Children at risk of exploitation by ward and {breakdown.what}: average a month",
        data=pd.DataFrame(rows, columns=["ward_code", "ward_name", *columns]),
        kinds={"ward_code": "label", "ward_name": "label", **dict.fromkeys(columns, "rate")},
        derived=derived,
        note=f"{SOURCE_NOTE} The children at risk at the end of each of the {months} months, with the "
        f"{breakdown.what} recorded on their latest at-risk episode, added up and divided by {months}. "
        "Averages are not counts of children.",
    )


def child_months_table_name(breakdown: Breakdown) -> str:
    return f"wards_child_months_by_{breakdown.key}"


def child_months_by(counted: Counted, breakdown: Breakdown) -> Table:
    """Table `wards_child_months_by_<breakdown>`: the numerators of `wards_average_by_<breakdown>`, published
    as data (tables/) but not shown in the report, whose averages say the same (see the module).

    Its layout gives the relations a reader of the averages can use: the categories add up to the ward's
    child-months, and the wards to the scope's. A ward's child-months appear as the total of all four
    tables, so hiding them (its average, rate and likely range) weighs what hiding a total does.
    """
    columns = list(counted.grid(breakdown).columns)
    units = [*counted.wards, counted.scope]
    data = pd.DataFrame(
        [
            {
                "ward_name": u.name,
                "ward_code": u.code,  # the name labels the rows: the total's too
                **{c: counted.child_months(u, breakdown, c) for c in columns},
            }
            for u in units
        ],
        columns=["ward_name", "ward_code", *columns],
    )
    return Table(
        name=child_months_table_name(breakdown),
        title=f"Children at risk of exploitation at the month ends by {breakdown.what}, added up over the months",
        data=data,
        kinds={"ward_name": "label", "ward_code": "label", **dict.fromkeys(columns, "count")},
        measures=frozenset(columns),
        total_row=counted.scope.name,
        total_column=AT_RISK,
        quantities={(row, c): months_quantity(u, breakdown, c) for row, u in enumerate(units) for c in columns},
        note=f"{SOURCE_NOTE} Child-months: the children at risk at the end of each of the {len(counted.months)} "
        f"months, with the {breakdown.what} recorded on their latest at-risk episode, added up; divided by "
        f"{len(counted.months)} they give the averages of {average_table_name(breakdown)}. A child at risk at "
        "three month ends counts three times: these are not counts of children.",
    )


# --- what a reader knows that no cell shows, and the relations between them --------------------------------


def quantities_and_relations(counted: Counted) -> tuple[list[Quantity], list[Relation]]:
    """The remainders of each table's scope, the district's child-months in an area pack and, in the district
    report, each area's monthly series; with every relation a reader could use between them and the table cells
    that the tables' own totals do not give."""
    quantities: dict[str, Quantity] = {}
    relations: dict[str, Relation] = {}

    def relate(whole: str, parts: list[str]) -> None:
        name = f"{whole} = {' + '.join(parts)}"
        relations.setdefault(name, sum_relation(name, whole, parts))

    scope = counted.scope
    if not counted.is_district:  # shown by the district report, which every year publishes with its areas
        district = child_months_quantity(counted.district)
        quantities[district] = Quantity(district, counted.child_months(counted.district), is_count=False)
    tables: list[tuple[str, Breakdown | None]] = [(MONTHLY_AT_RISK, None)]
    tables += [(monthly_table_name(b), b) for b in BREAKDOWNS]
    for name, breakdown in tables:
        grid = counted.grid(breakdown)
        units = counted.series_units if breakdown is None else [scope]
        for unit in [*units, *counted.shown[name]]:
            for column in grid.columns:
                relate(
                    months_quantity(unit, breakdown, column),
                    [cell_quantity(unit, m, breakdown, column) for m in counted.months],
                )
        shown = [w for w in counted.shown[name] if w.wards[0] in scope.wards]
        if shown:
            rest = grid.series(scope.wards) - grid.series([w.wards[0] for w in shown])
            for number, month in enumerate(counted.months):
                for position, column in enumerate(grid.columns):
                    remainder = cell_quantity(rest_unit(scope, name), month, breakdown, column)
                    quantities[remainder] = Quantity(remainder, int(rest[number, position]))
                    relate(
                        cell_quantity(scope, month, breakdown, column),
                        [*(cell_quantity(w, month, breakdown, column) for w in shown), remainder],
                    )
    if counted.is_district:
        for breakdown in [None, *BREAKDOWNS]:
            grid = counted.grid(breakdown)
            columns = [AT_RISK] if breakdown is None else grid.columns[:-1]
            for area in counted.areas:
                series = grid.series(area.wards)
                for number, month in enumerate(counted.months):
                    for column in columns:
                        quantity = cell_quantity(area, month, breakdown, column)
                        quantities[quantity] = Quantity(quantity, int(series[number, grid.columns.index(column)]))
            for month in counted.months:
                for column in columns:
                    relate(
                        cell_quantity(scope, month, breakdown, column),
                        [cell_quantity(area, month, breakdown, column) for area in counted.areas],
                    )
    return list(quantities.values()), list(relations.values())


# --- figures ------------------------------------------------------------------------------------------------


def ward_figures(counted: Counted) -> list[Figure]:
    """Every `wards.*` figure: the scope's averages and rates, the highest rate and the wards that differ from
    the district, each shown while the child-months it is worked out from are."""
    found = _scope_figures("district", counted, counted.district)
    if not counted.is_district:
        found += _scope_figures("area", counted, counted.scope)
    highest = min(counted.wards, key=lambda w: (-round_half_away(counted.rate(w), 2), w.name))
    everyone = tuple(child_months_quantity(w) for w in counted.wards)
    compared = (*everyone, child_months_quantity(counted.district))
    nobody = "no child in these wards was at risk at a month end" if counted.average(counted.scope) == 0 else None
    by_flag = {
        flag: NAME_SEPARATOR.join(w.name for w in counted.wards if counted.compared(w) == flag)
        for flag in ("higher", "lower")
    }
    return [
        *found,
        opaque("wards.highest_rate_ward", None if nobody else highest.name, everyone, why_missing=nobody),
        opaque(
            "wards.highest_rate_per_10k",
            None if nobody else round_half_away(counted.rate(highest), 2),
            (child_months_quantity(highest),),
            why_missing=nobody,
        ),
        opaque("wards.higher_than_district", by_flag["higher"], compared),
        opaque("wards.lower_than_district", by_flag["lower"], compared),
    ]


def _scope_figures(prefix: str, counted: Counted, unit: Unit) -> list[Figure]:
    cm = (child_months_quantity(unit),)
    return [
        opaque(f"wards.{prefix}_average_at_risk", round_half_away(counted.average(unit), 2), cm),
        plain(f"wards.{prefix}_population_under_18", unit.population),
        opaque(f"wards.{prefix}_rate_per_10k", round_half_away(counted.rate(unit), 2), cm),
        plain(f"wards.{prefix}_wards", len(unit.wards)),
    ]


def publication(scope: ScopeData) -> SectionPublication:
    """The wards section of one report, declared for the disclosure engine."""
    counted = count_scope(scope)
    quantities, relations = quantities_and_relations(counted)
    return SectionPublication(
        "wards",
        figures=ward_figures(counted),
        tables=[
            monthly_at_risk(counted),
            wards_rates(counted),
            wards_comparison(counted),
            *(average_by(counted, b) for b in BREAKDOWNS),
            *(monthly_breakdown(counted, b) for b in BREAKDOWNS),
            *(child_months_by(counted, b) for b in BREAKDOWNS),
        ],
        quantities=quantities,
        relations=relations,
        facts={
            "months": counted.months,
            "area": scope.area,
            "scope_name": counted.scope.name,
            "population_estimates": POPULATION_ESTIMATES,
            "categories": {b.key: counted.categories(b) for b in BREAKDOWNS},
            "shown_wards": {name: [w.name for w in units] for name, units in counted.shown.items()},
        },
    )
