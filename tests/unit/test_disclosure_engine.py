"""The disclosure engine on small hand-made publications whose attacks were worked out by hand.

Each example is a way a reader could work out a hidden count from what a year publishes; the engine
must hide enough that no count is narrowed below the protection range (5 at threshold 10), and the
independent attacker of tests/attacker.py must agree.
"""

from __future__ import annotations

import pandas as pd
import pytest

from attacker import Cell, Knowledge, narrowest, ranges
from helpers.disclosure import engine
from helpers.disclosure.audit import State
from helpers.disclosure.declare import (
    Quantity,
    RatioSpec,
    SectionPublication,
    Table,
    average,
    count,
    ratio,
    share,
    sum_relation,
)
from helpers.disclosure.model import Table as OldTable
from helpers.disclosure.model import suppress_table
from helpers.disclosure.publication import DISTRICT, Report, assemble, publish

THRESHOLD, PROTECTION = 10, 5


def counts_table(
    name: str,
    label: str,
    rows: list[str],
    columns: dict[str, list[int]],
    total_row: str | None = "Total",
    total_column: str | None = None,
) -> Table:
    data = pd.DataFrame({label: rows, **columns})
    return Table(
        name,
        name,
        data,
        {label: "label", **dict.fromkeys(columns, "count")},
        total_row=total_row,
        total_column=total_column,
    )


def district_only(*sections: SectionPublication):
    return publish([Report(DISTRICT, list(sections))], THRESHOLD, PROTECTION)


def cells(published, table: str) -> pd.DataFrame:
    return published[DISTRICT].tables[table].cells


GRID = [[7, 12, 20, 5, 12], [15, 1, 1, 15, 12], [2, 15, 15, 3, 3], [1, 5, 1, 7, 9]]


def grid_table() -> Table:
    rows = [*(f"R{i + 1}" for i in range(4)), "Total"]
    columns = {f"C{j}": [GRID[i][j] for i in range(4)] + [sum(GRID[i][j] for i in range(4))] for j in range(5)}
    columns["Total"] = [sum(GRID[i]) for i in range(4)] + [sum(map(sum, GRID))]
    return counts_table("grid", "Row", rows, columns, total_row="Total", total_column="Total")


def grid_knowledge(frame: pd.DataFrame) -> Knowledge:
    return Knowledge({"grid": frame}, {"grid": "Total"}, {"grid": "Total"}, [], [])


def test_two_hidden_cells_in_every_row_and_column_is_not_enough():
    """The old table-by-table rule leaves R2's two hidden cells solvable: 44 - 15 - 15 - 12 = 2 = 1 + 1."""
    table = grid_table()
    old = suppress_table(
        OldTable(table.name, table.title, table.data, table.kinds, total_row="Total", total_column="Total"), THRESHOLD
    )
    attack = ranges(grid_knowledge(old.cells))
    assert attack[Cell("grid", "R2", "C1")] == (1, 1) and attack[Cell("grid", "R2", "C2")] == (1, 1)

    published, decision, _ = district_only(SectionPublication("s", tables=[table]))
    assert not decision.failures()
    assert narrowest(grid_knowledge(cells(published, "grid"))) >= PROTECTION


def test_three_hidden_cells_sharing_a_small_remainder():
    """0 persons 30, 1 person 39, 2-4 persons c, Total 72: the three c share 3, so each is 1."""
    table = counts_table("per_crime", "Persons", ["0", "1", "2", "3", "4", "Total"], {"Crimes": [30, 39, 1, 1, 1, 72]})
    published, _, summary = district_only(SectionPublication("crimes", tables=[table]))
    shown = cells(published, "per_crime")
    assert list(shown["Crimes"]) == ["c", 39, "c", "c", "c", 72]  # the smaller of 30 and 39 goes, never the total
    assert summary.narrowest >= PROTECTION
    assert narrowest(Knowledge({"per_crime": shown}, {"per_crime": "Total"}, {}, [], [])) >= PROTECTION


def test_a_figure_repeating_a_total_cannot_give_away_the_difference():
    """84 open cases, 82 with a level set: a Not set of 2 is the difference and must not be worked out."""
    levels = counts_table(
        "levels", "Risk level", ["High", "Medium", "Low", "Not set", "Total"], {"Children": [20, 30, 32, 2, 84]}
    )
    with_level = Quantity("with_level", 82)
    section = SectionPublication(
        "tactical",
        tables=[levels],
        quantities=[with_level],
        figures=[
            count("tactical.open_cases", 84, quantity="levels|Total|Children"),
            count("tactical.assessed", 82, quantity="with_level"),
        ],
        relations=[
            sum_relation(
                "assessed", "with_level", ["levels|High|Children", "levels|Medium|Children", "levels|Low|Children"]
            )
        ],
    )
    published, _decision, summary = district_only(section)
    figures, shown = published[DISTRICT].figures, cells(published, "levels")
    assert shown.at[3, "Children"] == "c"
    assert summary.narrowest >= PROTECTION
    # Not set is open cases less those assessed whatever else is hidden: one of the two figures must go.
    assert "c" in (figures["tactical.open_cases"], figures["tactical.assessed"])


def test_a_percentage_gives_its_denominator_and_so_the_not_known():
    """'30 of known ages = 33.3%' gives 90 known ages of 91, so Not known = 1: the percentage goes."""
    ages = counts_table(
        "ages",
        "Age",
        ["Under 18", "18-24", "25-35", "36-45", "46 and over", "Not known", "Total"],
        {"Persons": [30, 25, 20, 9, 6, 1, 91]},
    )
    known = [f"ages|{band}|Persons" for band in ("Under 18", "18-24", "25-35", "36-45", "46 and over")]
    section = SectionPublication(
        "suspects",
        tables=[ages],
        quantities=[Quantity("known_ages", 90)],
        figures=[ratio("offenders.under_18_pct", 33.3, share("ages|Under 18|Persons", "known_ages"))],
        relations=[sum_relation("known ages", "known_ages", known)],
    )
    published, _decision, summary = district_only(section)
    assert published[DISTRICT].figures["offenders.under_18_pct"] == "c"
    assert summary.narrowest >= PROTECTION


def test_an_average_of_a_ward_pins_its_hidden_months():
    """Baildon: an average of 0.67 a month gives 8 child-months; with the zero months shown the five hidden
    months add to 8, each at least 1, so each is at most 4. The average cannot stay beside them."""
    months = [f"2020-{m:02d}" for m in range(1, 13)]
    values = [0, 0, 0, 0, 1, 1, 2, 2, 2, 0, 0, 0]
    monthly = Table(
        "monthly",
        "monthly",
        pd.DataFrame({"Month": months, "Children": values}),
        {"Month": "label", "Children": "count"},
    )
    spec = average({f"monthly|{m}|Children": 1.0 for m in months}, 12, decimals=2, judged=False)
    section = SectionPublication("wards", tables=[monthly], figures=[ratio("wards.baildon_average", 0.67, spec)])
    published, decision, _summary = district_only(section)
    assert published[DISTRICT].figures["wards.baildon_average"] == "c"
    assert not decision.failures()


def test_a_cumulative_hundred_percent_is_shown_when_it_tells_nothing():
    """The last cumulative share is always 100%: it says nothing about the hidden bands, so it stays."""
    ages = counts_table("ages", "Age", ["Under 18", "18-24", "25 and over", "Total"], {"Persons": [4, 30, 26, 60]})
    all_rows = {(0, "Persons"): 1.0, (1, "Persons"): 1.0, (2, "Persons"): 1.0}
    cumulative = pd.DataFrame(
        {
            "Age": ["Under 18", "18-24", "25 and over", "Total"],
            "Persons": [4, 30, 26, 60],
            "Cumulative %": [6.7, 56.7, 100.0, None],
        }
    )
    table = Table(
        "ages",
        "ages",
        cumulative,
        {"Age": "label", "Persons": "count", "Cumulative %": "pct"},
        total_row="Total",
        derived={
            (0, "Cumulative %"): RatioSpec({(0, "Persons"): 1.0}, {(3, "Persons"): 1.0}),
            (1, "Cumulative %"): RatioSpec({(0, "Persons"): 1.0, (1, "Persons"): 1.0}, {(3, "Persons"): 1.0}),
            (2, "Cumulative %"): RatioSpec(all_rows, {(3, "Persons"): 1.0}, counts=((3, "Persons"),)),
        },
    )
    del ages
    published, decision, _ = district_only(SectionPublication("suspects", tables=[table]))
    shown = cells(published, "ages")
    assert shown.at[0, "Persons"] == "c" and shown.at[0, "Cumulative %"] == "c"
    assert shown.at[2, "Cumulative %"] == 100.0
    assert not decision.failures()


def test_the_district_less_its_areas_is_protected():
    """Cancelled crimes: 17 in the district, 11 in the areas together: the 6 outside the district or with no
    known place would be published by subtraction."""

    def outcomes(values: list[int]) -> SectionPublication:
        table = counts_table(
            "outcomes", "Outcome", ["Finalised", "Cancelled", "Total"], {"Crimes": [*values, sum(values)]}
        )
        return SectionPublication("crimes", tables=[table])

    district = [120, 17]
    areas = {"A": [40, 11], "B": [30, 0], "C": [20, 0], "D": [15, 0], "E": [10, 0]}
    reports = [Report(DISTRICT, [outcomes(district)])] + [Report(a, [outcomes(v)]) for a, v in areas.items()]
    published, decision, _summary = publish(reports, THRESHOLD, PROTECTION)
    assert not decision.failures()
    knowledge = Knowledge(
        {scope: report.tables["outcomes"].cells for scope, report in published.items()},
        dict.fromkeys(published, "Total"),
        {},
        [],
        [
            (Cell(DISTRICT, row, "Crimes"), [Cell(a, row, "Crimes") for a in areas])
            for row in ("Finalised", "Cancelled", "Total")
        ],
    )
    # Rests: Finalised 5, Cancelled 6, Total 11; the first two are small counts a reader must not learn.
    assert narrowest(knowledge, small_rests={0, 1}) >= PROTECTION


def test_a_count_hidden_in_one_table_is_hidden_wherever_it_is_published():
    first = counts_table("first", "Level", ["High", "Low", "Total"], {"Children": [3, 40, 43]})
    second = counts_table("second", "Level", ["High", "Rest", "Total"], {"Children": [3, 50, 53]})
    second = Table(
        second.name,
        second.title,
        second.data,
        second.kinds,
        total_row="Total",
        quantities={(0, "Children"): "first|High|Children"},
    )
    published, decision, _ = district_only(SectionPublication("s", tables=[first, second]))
    assert cells(published, "first").at[0, "Children"] == "c" and cells(published, "second").at[0, "Children"] == "c"
    assert not decision.failures()


def test_a_relation_that_does_not_hold_is_refused():
    table = counts_table("t", "Row", ["A", "B", "Total"], {"N": [3, 4, 8]})
    with pytest.raises(ValueError, match="does not hold"):
        district_only(SectionPublication("s", tables=[table]))


def test_the_decision_is_the_same_on_one_core_and_on_two(monkeypatch):
    """The grid and an unrelated table of crimes share no relation: decided in two processes, each is
    decided as it is in one pass."""
    crimes = counts_table("per_crime", "Persons", ["0", "1", "2", "3", "4", "Total"], {"Crimes": [30, 39, 1, 1, 1, 72]})
    system = assemble([Report(DISTRICT, [SectionPublication("s", tables=[grid_table(), crimes])])]).system
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    start = State(frozenset(engine._primary(system, THRESHOLD)[0]), frozenset())
    assert len(engine._jobs(system, start, THRESHOLD, workers=2)) == 2

    alone = engine.protect(system, THRESHOLD, PROTECTION, workers=1)
    shared = engine.protect(system, THRESHOLD, PROTECTION, workers=2)
    assert shared.state == alone.state
    assert {v: (r.low, r.high) for v, r in shared.audit.items()} == {v: (r.low, r.high) for v, r in alone.audit.items()}
    assert len(alone.state.hidden) > 8  # 8 primary cells, and the grid's secondary ones
