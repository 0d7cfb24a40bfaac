"""Tactical snapshot measures on hand-made frames whose answers are worked out in the comments,
and on a record-level fixture that reproduces the 2016 appendix's risk transition table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.inputs.reference import RISK_SCALES, load_reference
from helpers.inputs.schema import Extracts
from helpers.sections.tactical import measures as tactical
from helpers.sections.tactical import words
from tactical_children import (
    ASSESSMENTS,
    EPISODES,
    WARD_A,
    extracts,
    figures_of,
    params,
    published,
    snapshot_of,
)


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def snapshot(reference):
    return snapshot_of(extracts(), params(), reference)


@pytest.fixture(scope="module")
def tables(snapshot, reference):
    return tactical.tactical_tables(snapshot, reference, params())


@pytest.fixture(scope="module")
def figures(snapshot, tables) -> dict[str, object]:
    return figures_of(snapshot, tables)


@pytest.fixture(scope="module")
def shown(reference):
    """The district report of the hand-made extracts with nothing suppressed (threshold 0)."""
    return published(extracts(), params(), reference, threshold=0)


@pytest.fixture(scope="module")
def hidden(reference):
    """The same at threshold 10, where every count of seven children is small."""
    return published(extracts(), params(), reference, threshold=10)


def levels_by_child(snapshot: tactical.Snapshot, column: str = "level") -> dict[str, str]:
    return dict(zip(snapshot.cases["child_id"], snapshot.cases[column]))


def rows(table, *columns: str) -> dict[str, tuple]:
    data = table.data
    return {label: tuple(data.loc[data.iloc[:, 0] == label, c].iloc[0] for c in columns) for label in data.iloc[:, 0]}


def test_each_child_open_on_the_day_counts_once_with_the_episode_that_started_last(snapshot):
    episodes = dict(zip(snapshot.cases["child_id"], snapshot.cases["episode_id"]))
    # C2 closed on D and C9 a year before: neither is open on D.
    assert episodes == {"C1": "E2", "C3": "E4", "C4": "E5", "C5": "E6", "C6": "E7", "C7": "E8", "C8": "E10"}


def test_level_on_the_day_uses_assessments_on_or_before_it(snapshot):
    assert levels_by_child(snapshot) == {
        "C1": "Medium",
        "C3": "Not set",
        "C4": "Low",
        "C5": "High",
        "C6": "No CSE Risk",
        "C7": "Medium",
        "C8": "Low",
    }


def test_level_on_the_followup_day_with_closures_on_or_before_it(snapshot):
    assert levels_by_child(snapshot, "followup_level") == {
        "C1": "Low",
        "C3": "Low",
        "C4": "High",
        "C5": "Closed",
        "C6": "Closed",
        "C7": "Medium",
        "C8": "Low",
    }


def test_every_direction_of_change():
    levels = RISK_SCALES["cse"]
    before = pd.Series(["High", "High", "Low", "Medium", "No CSE Risk", "Low", "Not set", "Low", "No CSE Risk"])
    after = pd.Series(["High", "Closed", "Medium", "Low", "Closed", "Closed", "Low", "Not set", "Low"])
    assert tactical.change_direction(before, after, levels).tolist() == [
        "Unchanged",
        "Decreased",
        "Increased",
        "Decreased",
        "Unchanged",
        "Decreased",
        None,
        None,
        "Increased",
    ]


def test_risk_level_figures(figures):
    # Seven children: High C5; Medium C1, C7; Low C4, C8; No CSE Risk C6; Not set C3.
    assert figures["tactical.open_cases"] == 7
    keys = ("high", "medium", "low", "no_cse_risk", "not_set")
    assert [figures[f"tactical.risk_{k}"] for k in keys] == [1, 2, 2, 1, 1]
    assert figures["tactical.risk_medium_pct"] == 28.6  # 2 / 7 = 28.57
    assert figures["tactical.risk_not_set_pct"] == 14.3
    assert figures["tactical.male_pct"] == 28.6  # C3 and C6


def test_followup_figures_leave_out_children_not_set(figures):
    # Compared: six children (C3 Not set on D is left out). Unchanged C6, C7, C8; decreased C1, C5; increased C4.
    assert figures["tactical.followup_unchanged_pct"] == 50.0
    assert figures["tactical.followup_decreased_pct"] == 33.3
    assert figures["tactical.followup_increased_pct"] == 16.7
    assert figures["tactical.followup_closed"] == 2  # C5 (closed on F) and C6
    assert figures["tactical.followup_not_set"] == 1


def test_transitions_table_has_every_level_and_not_set_only_when_used(tables):
    table = tables.transitions.data
    assert list(table.columns) == [
        "Risk level on snapshot day",
        "Children",
        "High",
        "Medium",
        "Low",
        "No CSE Risk",
        "Closed",
    ]  # nobody is Not set on F
    assert rows(tables.transitions, "Children", "High", "Medium", "Low", "No CSE Risk", "Closed") == {
        "High": (1, 0, 0, 0, 0, 1),
        "Medium": (2, 0, 1, 1, 0, 0),
        "Low": (2, 1, 0, 1, 0, 0),
        "No CSE Risk": (1, 0, 0, 0, 0, 1),
        "Not set": (1, 0, 0, 1, 0, 0),
        "Grand total": (7, 1, 1, 3, 0, 2),
    }


def test_previous_year_open_cases(figures):
    assert figures["tactical.previous_open_cases"] == 1  # C9 on 29 March 2015
    assert figures["tactical.open_cases_change_pct"] == 600.0


def test_social_care_status_hierarchy(snapshot, figures):
    status = dict(zip(snapshot.cases["child_id"], snapshot.cases["status"]))
    assert status == {
        "C1": "Looked after",
        "C3": "Child protection",
        "C4": "Previously CIN/CP/LAC",
        "C5": "Child in need",
        "C6": "Never",
        "C7": "Never",
        "C8": "Previously CIN/CP/LAC",
    }
    assert figures["tactical.never_cin_cp_lac"] == 2
    assert figures["tactical.never_cin_cp_lac_pct"] == 28.6
    assert figures["tactical.current_cin_cp_lac_pct"] == 42.9  # C1, C3, C5


def test_social_care_status_table_by_level(tables):
    table = rows(tables.social_care_status, "High", "Medium", "Low", "No CSE Risk", "Not set", "Total")
    assert table["Looked after"] == (0, 1, 0, 0, 0, 1)  # C1 Medium
    assert table["Child protection"] == (0, 0, 0, 0, 1, 1)  # C3 Not set
    assert table["Previously CIN/CP/LAC"] == (0, 0, 2, 0, 0, 2)  # C4, C8
    assert table["Never"] == (0, 1, 0, 1, 0, 2)  # C7 Medium, C6 No CSE Risk
    assert table["Grand total"] == (1, 2, 2, 1, 1, 7)


def test_without_the_social_care_extract_its_figures_are_null_with_a_reason(reference):
    snap = snapshot_of(extracts(status=None), params(), reference)
    built = tactical.tactical_tables(snap, reference, params())
    assert built.social_care_status is None
    found = {f.key: f for f in tactical.tactical_figures(snap, built)}
    assert found["tactical.never_cin_cp_lac"].value is None
    assert "not supplied" in found["tactical.current_cin_cp_lac_pct"].why_missing


def test_followup_date_derived_when_the_data_reaches_it(reference):
    # D + 4 months is 29 July 2016; the data reaches 2 August 2016 (E8's end). C5 closes after 29 July,
    # so it is still High: unchanged.
    snap = snapshot_of(extracts(), params(followup_date=None), reference)
    assert snap.followup == tactical.FollowUp(dt.date(2016, 7, 29), True)
    assert levels_by_child(snap, "followup_level")["C5"] == "High"


def test_followup_beyond_the_data_is_reported_not_computed(reference):
    short = EPISODES.assign(end_date=EPISODES["end_date"].where(EPISODES["end_date"] < "2016-05-01"))
    snap = snapshot_of(extracts(episodes=short), params(followup_date=None), reference)
    assert snap.followup == tactical.FollowUp(dt.date(2016, 7, 29), False)  # the data ends on 1 May 2016
    built = tactical.tactical_tables(snap, reference, params(followup_date=None))
    assert built.transitions is None and built.followup_change is None
    found = {f.key: f for f in tactical.tactical_figures(snap, built)}
    for key in (
        "tactical.followup_unchanged_pct",
        "tactical.followup_decreased_pct",
        "tactical.followup_increased_pct",
        "tactical.followup_closed",
    ):
        assert found[key].value is None
        assert found[key].why_missing == "the data does not yet reach the follow-up date, 29 July 2016"


def test_ethnicity_against_the_census(tables):
    table = rows(
        tables.ethnicity, "Children", "% of open cases", "% of under-18 population", "Compared with population"
    )
    # White 3/7 = 42.9% against 72,042/136,579 = 52.7%: a ratio of 0.81, in line.
    assert table["White"] == (3, 42.9, 52.7, "In line")
    assert table["Asian"] == (1, 14.3, 39.0, "Under-represented")
    assert table["Mixed"] == (1, 14.3, 4.9, "Over-represented")
    assert table["Black"] == (0, 0.0, 1.5, "Under-represented")
    assert table["Other"] == (1, 14.3, 1.7, "Over-represented")  # C3, Gypsy/Roma
    assert table["Not recorded"][:2] == (1, 14.3) and pd.isna(table["Not recorded"][2])
    assert rows(tables.ethnicity_other, "Children")["Gypsy/Roma"] == (1,)
    assert rows(tables.ethnicity_other, "Children")["Total"] == (1,)


def test_constituency_with_out_of_area_and_not_recorded(tables, figures, reference):
    table = rows(tables.constituency, "Children", "% of open cases")
    assert table["Bradford East"] == (3, 42.9)  # C1, C4, C7
    assert table["Shipley"] == (2, 28.6)  # C6, C8
    assert table["Out of area"] == (1, 14.3) and table["Not recorded"] == (1, 14.3)
    population = reference.wards.groupby("constituency")["population_under_18"].sum()
    shares = rows(tables.constituency, "% of under-18 population")
    assert shares["Shipley"] == (round(100 * population["Shipley"] / population.sum(), 1),)
    assert figures["tactical.out_of_area_pct"] == 14.3
    assert figures["tactical.location_not_recorded_pct"] == 14.3


def test_ward_table_lists_wards_reaching_the_minimum(tables):
    table = tables.wards.data
    assert list(table["Ward"]) == ["Bolton and Undercliffe", "Baildon", "All other wards", "Grand total"]
    assert list(table.columns) == [
        "Ward",
        "High",
        "Medium",
        "Low",
        "No CSE Risk",
        "Not set",
        "Total",
        "% of open cases",
    ]
    assert rows(tables.wards, "High", "Medium", "Low", "No CSE Risk", "Not set", "Total", "% of open cases") == {
        "Bolton and Undercliffe": (0, 2, 1, 0, 0, 3, 42.9),
        "Baildon": (0, 0, 1, 1, 0, 2, 28.6),
        "All other wards": (1, 0, 0, 0, 1, 2, 28.6),  # C5 (ward not recorded) and C3 (out of area)
        "Grand total": (1, 2, 2, 1, 1, 7, 100.0),
    }


def test_ward_table_ties_go_by_name_and_out_of_area_is_listed_like_a_ward(snapshot):
    table = tactical.wards(snapshot, ward_list_min=1).data
    assert list(table["Ward"]) == [
        "Bolton and Undercliffe",
        "Baildon",
        "Not recorded",
        "Out of area",
        "All other wards",
        "Grand total",
    ]
    assert table["Total"].iloc[-2] == 0


def test_the_ce_scale(reference):
    names = dict(zip(RISK_SCALES["cse"], RISK_SCALES["ce"]))
    assessments = ASSESSMENTS.assign(risk_level=ASSESSMENTS["risk_level"].map(names))
    ce = params(risk_scale="ce")
    snap = snapshot_of(extracts(assessments=assessments), ce, reference)
    built = tactical.tactical_tables(snap, reference, ce)
    found = figures_of(snap, built)
    assert [found[f"tactical.risk_{k}"] for k in ("significant", "moderate", "emerging", "no_risk", "not_set")] == [
        1,
        2,
        2,
        1,
        1,
    ]
    assert (
        found["tactical.followup_unchanged_pct"],
        found["tactical.followup_decreased_pct"],
        found["tactical.followup_increased_pct"],
    ) == (50.0, 33.3, 16.7)
    assert list(built.transitions.data.columns[2:]) == ["Significant", "Moderate", "Emerging", "No Risk", "Closed"]
    assert "tactical.risk_high" not in found


def test_every_tactical_figure_has_a_definition(figures):
    assert set(figures) <= set(tactical.DEFINITIONS)


def level_frame(counts: dict[str, int]) -> Extracts:
    """Girls open on D in WARD_A, so many at each level (Not set: no assessment)."""
    levels = [level for level, n in counts.items() for _ in range(n)]
    ids = [f"E{n}" for n in range(len(levels))]
    episodes = pd.DataFrame(
        {
            "episode_id": ids,
            "child_id": [f"C{n}" for n in range(len(levels))],
            "start_date": pd.Timestamp("2016-01-01"),
            "end_date": pd.NaT,
            "date_of_birth": pd.Timestamp("2002-01-01"),
            "gender": "Female",
            "ethnicity": "White - British",
            "ward_code": WARD_A,
            "exploitation_type": "CSE",
        }
    )
    assessments = pd.DataFrame({"episode_id": ids, "assessment_date": pd.Timestamp("2016-01-02"), "risk_level": levels})
    return extracts(episodes, assessments[assessments["risk_level"] != "Not set"], None)


def test_a_figure_is_hidden_where_its_table_hides_the_cell(reference):
    # 20 High, 30 Medium, 25 Low, 12 No CSE Risk and 3 Not set. At threshold 10 Not set (3) is hidden, and with
    # it at least one more level, or 3 = 90 - 20 - 30 - 25 - 12 could be worked out. Each figure is the quantity
    # of its cell, so it is hidden exactly where the table hides the cell, whichever the engine chooses.
    report = published(
        level_frame({"High": 20, "Medium": 30, "Low": 25, "No CSE Risk": 12, "Not set": 3}), params(), reference
    )
    cells = report.tables["tactical_risk_levels"].cells.set_index("Risk level")
    assert cells.at["Not set", "Children"] == "c" and report.figures["tactical.risk_not_set"] == "c"
    assert sum(v == "c" for v in cells["Children"]) >= 2
    for level in ("High", "Medium", "Low", "No CSE Risk", "Total"):
        key = "tactical.open_cases" if level == "Total" else f"tactical.risk_{tactical.snake_case(level)}"
        assert report.figures[key] == cells.at[level, "Children"], level
        if level != "Total":
            assert (report.figures[f"{key}_pct"] == "c") == (cells.at[level, "Children"] == "c"), level


def test_a_year_earlier_a_hidden_total_hides_the_open_cases_figure(shown, hidden):
    # 29 March 2015: only C9 (Medium) is open. At threshold 10 the year earlier's Medium (1) is hidden, and so is
    # its Total (1), or the zeros beside it would give it away; previous_open_cases is the same count, and every
    # share of that total goes with it.
    cells = hidden.tables["tactical_risk_levels_year_on_year"].cells
    assert cells["Children a year earlier"].tolist() == [0, "c", 0, 0, 0, "c"]
    assert cells["% of open cases a year earlier"].tolist() == ["c"] * 6
    assert hidden.figures["tactical.previous_open_cases"] == "c"
    assert hidden.figures["tactical.previous_risk_medium_pct"] == "c"
    assert shown.figures["tactical.previous_open_cases"] == 1


def test_the_followup_shares_are_sums_of_the_transitions(tables):
    # Unchanged: Medium->Medium (C7), Low->Low (C8), No CSE Risk->Closed (C6); decreased: Medium->Low (C1),
    # High->Closed (C5); increased: Low->High (C4). C3 (Not set on D) is in neither.
    moves, change = tables.transitions, tables.followup_change
    snap = snapshot_of(extracts(), params(), load_reference())
    relations = {r.name: r.terms for r in tactical.followup_relations(snap, tables)}
    unchanged = relations["children whose risk level unchanged"]
    assert {name for name, c in unchanged.items() if c > 0} == {
        "tactical_transitions|High|High",
        "tactical_transitions|Medium|Medium",
        "tactical_transitions|Low|Low",
        "tactical_transitions|No CSE Risk|No CSE Risk",
        "tactical_transitions|No CSE Risk|Closed",
    }
    assert unchanged["tactical_followup_change|Unchanged|Children"] == -1.0
    assert (
        sum(moves.data.at[moves.row_position(n.split("|")[1]), n.split("|")[2]] for n, c in unchanged.items() if c > 0)
        == change.data.at[0, "Children"]
        == 3
    )
    assert relations["open cases compared or left out"] == {
        "children_open@2016-03-29": -1.0,
        "tactical_followup_change|Total|Children": 1.0,
        "tactical.followup_not_set": 1.0,
    }


# --- Headlines --------------------------------------------------------------------------------

FIGURES_2016 = {
    "tactical.open_cases": 288,
    "tactical.previous_open_cases": 221,
    "tactical.risk_high_pct": 12.8,
    "tactical.risk_medium_pct": 41.7,
    "tactical.risk_low_pct": 39.6,
    "tactical.risk_no_cse_risk_pct": 5.9,
    "tactical.followup_unchanged_pct": 70.8,
    "tactical.followup_decreased_pct": 21.2,
    "tactical.followup_increased_pct": 8.0,
}


def test_headlines_in_the_voice_of_the_appendix():
    assert words.headlines(FIGURES_2016, params()) == [
        "A break down of cases open on one day (29 March 2016) shows that 13% of cases were assessed as being at "
        "high risk, 42% at medium risk and 40% at low risk.",
        "By 1 August 2016 the risk level of 71% of those children was unchanged; 21% had seen their risk level "
        "decreased or their case closed and 8% increased.",
        "On 29 March 2016 there were 288 children open to the Hub, compared with 221 on the same day a year earlier.",
    ]


def test_headlines_leave_out_suppressed_and_missing_figures():
    found = words.headlines(
        {**FIGURES_2016, "tactical.risk_high_pct": "c", "tactical.followup_unchanged_pct": None}, params()
    )
    assert len(found) == 1 and found[0].startswith("On 29 March 2016 there were 288 children")


def test_headlines_on_the_ce_scale_and_of_an_area():
    figures = {
        "tactical.risk_significant_pct": 10.0,
        "tactical.risk_moderate_pct": 30.0,
        "tactical.risk_emerging_pct": 50.0,
        "tactical.open_cases": 1,
        "tactical.previous_open_cases": 0,
    }
    found = words.headlines(
        figures, params(risk_scale="ce", reporting_year="2020-21", followup_date=None, area="Keighley")
    )
    assert found == [
        "A break down of cases open in the Keighley area on one day (29 March 2021) shows that 10% of cases were "
        "assessed as being at significant risk, 30% at moderate risk and 50% at emerging risk.",
        "On 29 March 2021 there was 1 child open to the Hub in the Keighley area, compared with none on the same day a "
        "year earlier.",
    ]


# --- The same day a year earlier ------------------------------------------------------------------


def test_risk_levels_a_year_earlier(tables, figures):
    # 29 March 2015: only C9 is open (E11, Medium since 1 January 2015). 29 March 2016: the seven of
    # test_risk_level_figures.
    table = tables.risk_levels_year_on_year
    assert list(table.data.columns) == [
        "Risk level",
        "Children",
        "% of open cases",
        "Children a year earlier",
        "% of open cases a year earlier",
    ]
    assert rows(table, "Children", "% of open cases", "Children a year earlier", "% of open cases a year earlier") == {
        "High": (1, 14.3, 0, 0.0),
        "Medium": (2, 28.6, 1, 100.0),
        "Low": (2, 28.6, 0, 0.0),
        "No CSE Risk": (1, 14.3, 0, 0.0),
        "Not set": (1, 14.3, 0, 0.0),
        "Total": (7, 100.0, 1, 100.0),
    }
    assert figures["tactical.previous_risk_medium"] == 1 and figures["tactical.previous_risk_medium_pct"] == 100.0
    assert figures["tactical.previous_risk_high"] == 0 and figures["tactical.previous_risk_high_pct"] == 0.0
    assert figures["tactical.previous_open_cases"] == 1


def test_the_year_earlier_counts_are_named_by_their_day(tables):
    # Next year's report names its year-earlier column the same way, so the two years publish one count.
    table = tables.risk_levels_year_on_year
    assert table.quantity(1, "Children a year earlier") == "children_open@2015-03-29|Medium"
    assert table.quantity(5, "Children a year earlier") == "children_open@2015-03-29"
    assert table.quantity(1, "Children") == tables.risk_levels.quantity(1, "Children")
    assert table.quantity(1, "Children") == "children_open@2016-03-29|Medium"


def test_without_data_a_year_earlier_its_figures_are_null_with_a_reason(reference):
    # Without C9 the data starts on 1 June 2015 (E6), after 29 March 2015.
    snap = snapshot_of(extracts(episodes=EPISODES[EPISODES["child_id"] != "C9"]), params(), reference)
    built = tactical.tactical_tables(snap, reference, params())
    assert snap.previous_cases is None and built.risk_levels_year_on_year is None
    found = {f.key: f for f in tactical.tactical_figures(snap, built)}
    for key in ("tactical.previous_risk_high", "tactical.previous_risk_not_set_pct", "tactical.previous_open_cases"):
        assert found[key].value is None and found[key].why_missing == "the data starts after 29 March 2015"


def test_no_child_open_a_year_earlier_gives_zeros_and_null_shares(reference):
    # C9's episode ends on 1 March 2015: the data reaches back to 29 March 2015, but nobody was open that day.
    ended = EPISODES.assign(
        end_date=EPISODES["end_date"].mask(EPISODES["child_id"] == "C9", pd.Timestamp("2015-03-01"))
    )
    snap = snapshot_of(extracts(episodes=ended), params(), reference)
    built = tactical.tactical_tables(snap, reference, params())
    assert built.risk_levels_year_on_year.data["Children a year earlier"].tolist() == [0, 0, 0, 0, 0, 0]
    assert built.risk_levels_year_on_year.data["% of open cases a year earlier"].isna().all()
    found = figures_of(snap, built)
    assert found["tactical.previous_open_cases"] == 0 and found["tactical.previous_risk_high_pct"] is None
