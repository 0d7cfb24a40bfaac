"""Attacks on the tactical snapshot that the old table-by-table rules let through, and the engine stops.

Each builds a small district whose reports the old rules published with a `c` a reader could work out, shows
the independent attacker of tests/attacker.py working it out from the old publication, and checks that the
year's publication through the engine leaves that count (and every other `c`) at least the protection range
wide for the same attacker.
"""

from __future__ import annotations

import pandas as pd
import pytest

from attacker import Cell, Knowledge, narrowest, ranges
from conftest import EPISODE_COLUMNS, frame
from helpers.disclosure.declare import Table
from helpers.disclosure.model import Table as OldTable
from helpers.disclosure.model import suppress_table
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData, area_wards, restrict_to_area
from helpers.params import Params
from helpers.sections.tactical import measures as tactical

THRESHOLD, PROTECTION = 10, 5
# One ward of each area (constituency).
WARDS = {
    "Bradford East": "E05001344",
    "Bradford South": "E05001367",
    "Bradford West": "E05001347",
    "Keighley": "E05001357",
    "Shipley": "E05001341",
}


def district(levels_by_area: dict[str, dict[str | None, int]]) -> Extracts:
    """Girls open since 1 January 2016, so many at each level (None: no assessment) in one ward of each area."""
    episodes, assessments = [], []
    for area, levels in levels_by_area.items():
        for level, count in levels.items():
            for _ in range(count):
                number = len(episodes)
                episodes.append(
                    (
                        f"E{number}",
                        f"C{number}",
                        "2016-01-01",
                        None,
                        "2002-01-01",
                        "Female",
                        "White - British",
                        WARDS[area],
                        "CSE",
                    )
                )
                if level is not None:
                    assessments.append((f"E{number}", "2016-01-02", level))
    return Extracts(
        episodes=frame(episodes, EPISODE_COLUMNS),
        risk_assessments=frame(assessments, ["episode_id", "assessment_date", "risk_level"]),
        social_care_status=None,
        crimes=None,
        crime_suspects=None,
        suspect_management=None,
        sources=(),
    )


def params(area: str | None = None) -> Params:
    return Params.from_mapping({"reporting_year": "2015-16", "followup_date": "2016-08-01", "area": area})


def the_year(data: Extracts):
    """The district report and every area pack of the section, published together as the year is."""
    reference = load_reference()
    year = params()
    reports = [Report(DISTRICT, [tactical.publication(ScopeData(year, data, data, reference, year.period))])]
    for area in reference.constituencies:
        pack = params(area)
        scoped = restrict_to_area(data, area_wards(reference, area))
        reports.append(Report(area, [tactical.publication(ScopeData(pack, scoped, data, reference, pack.period))]))
    published, decision, _summary = publish(reports, THRESHOLD, PROTECTION)
    assert not decision.failures()
    return reports, published


def old_rules(table: Table) -> pd.DataFrame:
    """What the table-by-table rules of the old model published for one table."""
    return suppress_table(
        OldTable(
            table.name, table.title, table.data, table.kinds, total_row=table.total_row, total_column=table.total_column
        ),
        THRESHOLD,
    ).cells


LEVEL_ROWS = ("High", "Medium", "Low", "No CSE Risk", "Not set", "Total")


def area_against_district(tables: dict[str, pd.DataFrame], areas: list[str]) -> Knowledge:
    """A reader with each report's risk level table, who knows the district is at least the sum of its areas."""
    return Knowledge(
        {scope: cells[["Risk level", "Children"]] for scope, cells in tables.items()},
        dict.fromkeys(tables, "Total"),
        {},
        [],
        [(Cell(DISTRICT, row, "Children"), [Cell(area, row, "Children") for area in areas]) for row in LEVEL_ROWS],
    )


def test_an_area_pack_against_its_district():
    """Bradford East has 3 children at high risk, Bradford South 22, and no other area any: the district's 25
    less South's 22 gave East's hidden 3 away under the old rules, which looked at one report at a time."""
    data = district(
        {
            "Bradford East": {"High": 3, "Medium": 15, "Low": 12},
            "Bradford South": {"High": 22, "Medium": 14, "Low": 11},
            "Bradford West": {"Medium": 12, "Low": 20},
            "Keighley": {"Medium": 11, "Low": 13},
            "Shipley": {"Medium": 16, "Low": 10},
        }
    )
    reports, published = the_year(data)
    areas = [r.scope for r in reports if r.scope != DISTRICT]
    declared = {r.scope: next(t for t in r.sections[0].tables if t.name == "tactical_risk_levels") for r in reports}

    old = {scope: old_rules(table) for scope, table in declared.items()}
    assert old["Bradford East"].at[0, "Children"] == "c" and old[DISTRICT].at[0, "Children"] == 25
    assert ranges(area_against_district(old, areas))[Cell("Bradford East", "High", "Children")] == (3, 3)

    new = {scope: published[scope].tables["tactical_risk_levels"].cells for scope in declared}
    assert new["Bradford East"].at[0, "Children"] == "c"
    assert narrowest(area_against_district(new, areas)) >= PROTECTION
    # The figure repeats the cell, so it is hidden with it wherever it is.
    for scope, cells in new.items():
        assert published[scope].figures["tactical.risk_high"] == cells.at[0, "Children"]


def test_open_cases_less_the_children_compared_is_the_not_set():
    """88 of 90 children have a risk level on both days: the old rules hid the figure of the 2 left out, but
    published open cases (90) and the children compared (88), whose difference it is."""
    data = district({"Bradford East": {"High": 20, "Medium": 30, "Low": 38, None: 2}})
    reports, published = the_year(data)
    district_tables = {t.name: t for t in reports[0].sections[0].tables}
    figures = {f.key: f.value for f in reports[0].sections[0].figures}
    assert (figures["tactical.followup_not_set"], figures["tactical.open_cases"]) == (2, 90)

    def knowledge(levels: pd.DataFrame, change: pd.DataFrame) -> Knowledge:
        return Knowledge(
            {"levels": levels[["Risk level", "Children"]], "change": change[["Change in risk level", "Children"]]},
            {"levels": "Total", "change": "Total"},
            {},
            [],
            [(Cell("levels", "Total", "Children"), [Cell("change", "Total", "Children")])],
        )

    old = knowledge(
        old_rules(district_tables["tactical_risk_levels"]), old_rules(district_tables["tactical_followup_change"])
    )
    assert ranges(old)[0] == (2, 2)  # the rest of open cases over the children compared

    shown = published[DISTRICT]
    new = knowledge(shown.tables["tactical_risk_levels"].cells, shown.tables["tactical_followup_change"].cells)
    assert shown.figures["tactical.followup_not_set"] == "c"
    assert narrowest(new, small_rests={0}) >= PROTECTION


@pytest.mark.parametrize("column", ["High", "Total"])
def test_a_ward_is_one_count_in_the_district_report_and_its_area_pack(column):
    data = district(
        {"Bradford East": {"High": 4, "Medium": 15, "Low": 12}, "Shipley": {"High": 14, "Medium": 16, "Low": 10}}
    )
    reports, published = the_year(data)
    district_cells = published[DISTRICT].tables["tactical_wards"].cells.set_index("Ward")
    area_cells = published["Bradford East"].tables["tactical_wards"].cells.set_index("Ward")
    assert district_cells.at["Bolton and Undercliffe", column] == area_cells.at["Bolton and Undercliffe", column]
    ward = next(t for t in reports[0].sections[0].tables if t.name == "tactical_wards")
    row = ward.row_position("Bolton and Undercliffe")
    assert ward.quantity(row, column) == "~children_open@2016-03-29|ward:E05001344" + (
        "" if column == "Total" else "|High"
    )
