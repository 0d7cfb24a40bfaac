"""Attacks on the crimes and offenders sections: hand-made years in which the old table-by-table rules let a
reader work out a `c`, published by the engine for the district and its five areas, then attacked by a reader
written here apart from the engine (scipy's linprog over the relations a reader knows, read off the published
tables and figures) or by tests/attacker.py.
"""

from __future__ import annotations

import math
from itertools import count

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from attacker import Cell, Knowledge, narrowest
from conftest import crime_frame, extracts, publish_year, suspect_frame
from helpers.disclosure.publication import DISTRICT
from helpers.sections.crimes import measures as crimes
from helpers.sections.suspects import measures as suspects

PROTECTION = 5  # threshold 10
AREAS = ("Bradford East", "Bradford South", "Bradford West", "Keighley", "Shipley")
WARD = {
    "Bradford East": "E05001344",
    "Bradford South": "E05001351",
    "Bradford West": "E05001347",
    "Keighley": "E05001349",
    "Shipley": "E05001341",
}
YEAR_2016 = {"reporting_year": "2016-17"}


class Reader:
    """What a reader of the published values knows: unknowns (each `c`, at least 1; each unpublished rest, at
    least 0), linear equations, and published percentages as the interval their rounding allows."""

    def __init__(self) -> None:
        self.known: dict[str, float] = {}
        self.lower: dict[str, float] = {}
        self.equations: list[dict[str, float]] = []
        self.intervals: list[tuple[dict[str, float], float, float]] = []  # low <= terms . x <= high

    def read(self, name: str, published: object) -> None:
        """A count as published: a number the reader knows, or a `c` (unless it is published elsewhere)."""
        if published == "c" and name not in self.known:
            self.lower[name] = 1.0
        elif published not in ("c", None):
            self.known[name] = float(published)
            self.lower.pop(name, None)

    def rest(self, name: str) -> None:
        self.lower[name] = 0.0

    def equal(self, terms: dict[str, float]) -> None:
        self.equations.append(terms)

    def percentage(self, published: object, numerator: dict[str, float], denominator: dict[str, float]) -> None:
        """100 x numerator / denominator rounds to the published value (one decimal)."""
        if published in ("c", None):
            return
        value = float(published)
        names = set(numerator) | set(denominator)

        def bound(limit: float) -> dict[str, float]:
            return {k: 100 * numerator.get(k, 0.0) - limit * denominator.get(k, 0.0) for k in names}

        high, low = bound(value + 0.05), bound(value - 0.05)
        self.intervals.append((high, -math.inf, 0.0))
        self.intervals.append((low, 0.0, math.inf))

    def ranges(self, names: list[str]) -> dict[str, tuple[float, float]]:
        unknowns = sorted(self.lower)
        position = {name: i for i, name in enumerate(unknowns)}
        a_eq, b_eq, a_ub, b_ub = [], [], [], []

        def row(terms: dict[str, float]) -> tuple[np.ndarray, float]:
            vector, constant = np.zeros(len(unknowns)), 0.0
            for name, coefficient in terms.items():
                if name in position:
                    vector[position[name]] += coefficient
                elif name in self.known:
                    constant += coefficient * self.known[name]
                else:
                    raise KeyError(f"{name} is neither published nor hidden")
            return vector, constant

        for terms in self.equations:
            vector, constant = row(terms)
            a_eq.append(vector)
            b_eq.append(-constant)
        for terms, low, high in self.intervals:
            vector, constant = row(terms)
            if math.isfinite(high):
                a_ub.append(vector)
                b_ub.append(high - constant)
            if math.isfinite(low):
                a_ub.append(-vector)
                b_ub.append(constant - low)
        bounds = [(self.lower[name], None) for name in unknowns]
        found = {}
        for name in names:
            objective = np.zeros(len(unknowns))
            objective[position[name]] = 1.0
            extremes = []
            for sign in (1.0, -1.0):
                result = linprog(
                    sign * objective,
                    A_ub=a_ub or None,
                    b_ub=b_ub or None,
                    A_eq=a_eq or None,
                    b_eq=b_eq or None,
                    bounds=bounds,
                    method="highs",
                )
                extremes.append(math.inf if result.status == 3 else sign * result.fun)
            low, high = extremes
            found[name] = (math.ceil(low - 1e-6), math.floor(high + 1e-6) if math.isfinite(high) else high)
        return found


def crimes_of(spec: dict[str, dict[int, int]], outcome: str = "NEW") -> tuple[pd.DataFrame, pd.DataFrame]:
    """CSE crimes recorded in 2016/17 in each place ({area or None: {persons on the crime: crimes}}) and the
    persons linked to them, each person on one crime, aged 30."""
    crime_rows, suspect_rows = [], []
    numbers, persons = count(1), count(1)
    for place, per_crime in spec.items():
        for linked, crimes_with in per_crime.items():
            for _ in range(crimes_with):
                crime = f"K{next(numbers)}"
                crime_rows.append(
                    (crime, "2016-06-01", "2016-05-01", True, 14, "Female", outcome, WARD.get(place, place))
                )
                suspect_rows += [(crime, f"P{next(persons)}", 30, "Male", "White - British") for _ in range(linked)]
    return crime_frame(crime_rows), suspect_frame(suspect_rows)


# --- (a) three hidden cells sharing a small remainder ---------------------------------------------

PER_CRIME_2016 = {  # 2016/17 Bradford South as the issue gives it: 0 persons 30, 1 person 39, 2, 3 and 4 c, 72
    "Bradford South": {0: 30, 1: 39, 2: 1, 3: 1, 4: 1},
    "Bradford East": {0: 20, 1: 30, 2: 6, 3: 4},
    "Bradford West": {0: 15, 1: 20, 2: 5},
    "Keighley": {0: 20, 1: 25, 2: 5},
    "Shipley": {0: 10, 1: 15, 2: 5},
    None: {0: 6, 1: 6},  # no place recorded
}


@pytest.fixture(scope="module")
def persons_year():
    return publish_year(extracts(*crimes_of(PER_CRIME_2016)), (crimes, suspects), **YEAR_2016)


def per_crime_ranges(published: dict[str, tuple[pd.DataFrame, dict[str, object]]]) -> dict[str, tuple[float, float]]:
    """The range of every hidden count of persons per crime, for a reader of each report's table and figures
    (each report: its crimes_suspects_per_crime cells and the figures that repeat or add up its rows) and, with
    the district and its areas, of the district against the sum of the areas."""
    reader, hidden = Reader(), []
    rows = range(len(next(iter(published.values()))[0]) - 1)
    for scope, (cells, figures) in published.items():
        name = f"{scope}|{{}}".format
        for row in rows:
            reader.read(name(row), cells.at[row, "Crimes"])
            reader.percentage(cells.at[row, "% of CSE crimes"], {name(row): 1}, {name("total"): 1})
            if cells.at[row, "Crimes"] == "c":
                hidden.append(name(row))
        reader.read(name("total"), cells.at[len(cells) - 1, "Crimes"])
        for what, key in (
            ("with suspect", "crimes.with_suspect"),
            ("multiple", "crimes.with_multiple_suspects"),
            ("links", "crimes.suspect_links"),
            ("links", "offenders.links"),
        ):
            reader.read(name(what), figures.get(key))
        reader.percentage(figures.get("crimes.with_suspect_pct"), {name("with suspect"): 1}, {name("total"): 1})
        reader.equal({name("total"): -1, **{name(row): 1 for row in rows}})
        reader.equal({name("with suspect"): -1, **{name(row): 1 for row in rows if row >= 1}})
        reader.equal({name("multiple"): -1, **{name(row): 1 for row in rows if row >= 2}})
        reader.equal({name("links"): -1, **{name(row): row for row in rows if row >= 1}})
    if DISTRICT in published and len(published) > 1:
        for what in [*rows, "total", "with suspect", "multiple", "links"]:
            reader.rest(f"rest|{what}")
            reader.equal({f"{DISTRICT}|{what}": -1, **{f"{area}|{what}": 1 for area in AREAS}, f"rest|{what}": 1})
    return reader.ranges(hidden)


def test_the_old_rules_gave_the_three_hidden_cells_away():
    """0 persons 30, 1 person 39, the rest c, Total 72: the three c share 3, so each is 1 (the old rules hid only
    the cells below 10), and the links (48 = 39 + 2 + 3 + 4) said so too."""
    shown = pd.DataFrame({"Persons": ["0", "1", "2", "3", "4", "Total"], "Crimes": [30, 39, "c", "c", "c", 72]})
    assert narrowest(Knowledge({"per_crime": shown}, {"per_crime": "Total"}, {}, [], [])) == 0
    old = shown.rename(columns={"Persons": "Persons linked to the crime"}).assign(
        **{"% of CSE crimes": [41.7, 54.2, "c", "c", "c", 100.0]}
    )
    figures = {"crimes.with_suspect": 42, "crimes.with_multiple_suspects": "c", "crimes.suspect_links": 48}
    assert set(per_crime_ranges({"Bradford South": (old, figures)}).values()) == {(1, 1)}


def test_no_count_of_persons_per_crime_can_be_worked_out(persons_year):
    published, decision, _ = persons_year
    assert not decision.failures()
    south = published["Bradford South"].tables["crimes_suspects_per_crime"].cells
    assert list(south["Crimes"])[2:5] == ["c", "c", "c"]
    seen = {}
    for scope, report in published.items():
        figures = dict(report.figures)
        with_suspect = (
            report.tables["crimes_year_on_year"]
            .cells.set_index("Crimes")
            .loc["CSE crimes with a suspect", "This period"]
        )
        if with_suspect != "c":
            figures["crimes.with_suspect"] = with_suspect
        seen[scope] = (report.tables["crimes_suspects_per_crime"].cells, figures)
    found = per_crime_ranges(seen)
    assert min(high - low for low, high in found.values()) >= PROTECTION, found


# --- (b) the district against the sum of its areas -------------------------------------------------


def test_cancelled_crimes_outside_the_areas_are_protected():
    """17 cancelled crimes in the district, 11 in the areas: 6 outside the district or with no known place,
    which a reader would otherwise get by subtraction."""
    new, _ = crimes_of(
        {
            "Bradford East": {0: 60},
            "Bradford South": {0: 50},
            "Bradford West": {0: 40},
            "Keighley": {0: 45},
            "Shipley": {0: 35},
            None: {0: 20},
        }
    )
    cancelled, _ = crimes_of(
        {"Bradford South": {0: 11}, None: {0: 3}, "OUTSIDE_DISTRICT": {0: 3}}, outcome="CANCELLED/TRANSFERRED"
    )
    cancelled["crime_id"] = "X" + cancelled["crime_id"]
    data = extracts(pd.concat([new, cancelled], ignore_index=True), None)
    published, decision, _ = publish_year(data, (crimes,), **YEAR_2016)
    assert not decision.failures()
    rows = ["CANCELLED/TRANSFERRED", "NEW", "Grand total"]
    tables = {scope: report.tables["crimes_outcomes"].cells for scope, report in published.items()}
    tables["location"] = published[DISTRICT].tables["crimes_location"].cells
    same = [(Cell("location", area, "Crimes"), Cell(area, "Grand total", "Crimes")) for area in AREAS]
    same.append((Cell("location", "Total", "Crimes"), Cell(DISTRICT, "Grand total", "Crimes")))
    at_least = [(Cell(DISTRICT, row, "Crimes"), [Cell(area, row, "Crimes") for area in AREAS]) for row in rows]
    knowledge = Knowledge(
        {k: v[["Outcome" if k != "location" else "Constituency of the offence", "Crimes"]] for k, v in tables.items()},
        {**dict.fromkeys(published, "Grand total"), "location": "Total"},
        {},
        same,
        at_least,
    )
    # The rests: cancelled 6 (small, a reader must not learn it), NEW 20, Grand total 26.
    assert narrowest(knowledge, small_rests={0}) >= PROTECTION


# --- (c) a percentage gives its denominator --------------------------------------------------------


def not_known_range(bands: pd.DataFrame, figures: dict[str, object]) -> tuple[float, float]:
    """How far a reader of the age table and the age shares can narrow the links of unknown age."""
    reader = Reader()
    for row in range(6):
        reader.read(f"band {row}", bands.at[row, "Offender links"])
    reader.read("links", bands.at[6, "Offender links"])
    reader.rest("known")
    reader.equal({"known": -1, **{f"band {row}": 1 for row in range(5)}})
    reader.equal({"links": -1, "known": 1, "band 5": 1})
    for row in range(5):
        reader.percentage(bands.at[row, "% of offender links with a known age"], {f"band {row}": 1}, {"known": 1})
    for key, added in (("under_18", 1), ("under_25", 2), ("under_36", 3)):
        reader.percentage(figures[f"offenders.{key}_pct"], {f"band {r}": 1 for r in range(added)}, {"known": 1})
    return reader.ranges(["band 5"])["band 5"]


def test_a_share_of_known_ages_cannot_give_away_the_not_known():
    """'30 of known ages = 33.3%' gives 90 known ages of the 91 links, so Not known = 1."""
    old = pd.DataFrame(
        {
            "Age": [*suspects.AGE_BAND_LABELS, "Not known", "Total"],
            "Offender links": [30, 25, 20, "c", "c", "c", 91],
            "% of offender links with a known age": [33.3, 27.8, 22.2, "c", "c", None, None],
        }
    )
    assert not_known_range(
        old, {"offenders.under_18_pct": 33.3, "offenders.under_25_pct": 61.1, "offenders.under_36_pct": 83.3}
    ) == (1, 1)
    ages = [17] * 30 + [20] * 25 + [30] * 20 + [40] * 9 + [50] * 6 + [None]
    crime_frame_, _ = crimes_of({"Keighley": {0: 91}})
    persons = suspect_frame(
        [
            (crime, f"P{n}", age, "Male", "White - British")
            for n, (crime, age) in enumerate(zip(crime_frame_["crime_id"], ages, strict=True))
        ]
    )
    published, decision, _ = publish_year(extracts(crime_frame_, persons), (crimes, suspects), areas=False, **YEAR_2016)
    assert not decision.failures()
    report = published[DISTRICT]
    assert report.figures["offenders.under_18_pct"] == "c"
    low, high = not_known_range(report.tables["offenders_age_bands"].cells, report.figures)
    assert high - low >= PROTECTION
