"""The words of the tactical snapshot, rendered from the templates of notebooks/02_tactical.ipynb.

The notebook's code cells run on reports published by the engine from hand-made extracts (notebook_words), and
what they say is read: the seven children of tactical_children, whose answers are worked out in its comments,
with nothing suppressed and at threshold 10; the same report with a figure, a table or a fact replaced, for
each shape a sentence takes (none, one, all, a suppressed value); and whole years of a few children, read
for what no sentence may say: no "fewer than 10" for a `c` that may be large, no "a suppressed figure of ...",
no sentence starting in lower case, no "0 (0%)", no "nan" or "None", no "1 children".
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from conftest import EPISODE_COLUMNS, frame
from helpers.disclosure.model import PublishedTable
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.display.words import largest_row
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData, area_wards, restrict_to_area
from helpers.params import Params
from helpers.sections.tactical import measures as tactical
from notebook_words import Said, notebook_said
from tactical_children import extracts as seven_children
from tactical_children import params as seven_params
from tactical_children import published
from traceable_links import LINK, reads_as, unlinked_numbers

WARD_EAST = "E05001344"  # Bolton and Undercliffe, Bradford East
WARD_SHIPLEY = "E05001341"  # Baildon, Shipley
CURRENT = "a child in need, subject to a child protection plan or looked after"


def said(report, monkeypatch, year: Params | None = None, **replaced) -> Said:
    return notebook_said("tactical", report, year or seven_params(), monkeypatch, **replaced)


@pytest.fixture(scope="module")
def shown():
    """The seven children's district report with nothing suppressed (threshold 0)."""
    return published(seven_children(), seven_params(), load_reference(), threshold=0)


@pytest.fixture(scope="module")
def hidden():
    """The same at threshold 10, where every count of seven children is small."""
    return published(seven_children(), seven_params(), load_reference(), threshold=10)


# --- The seven children ---------------------------------------------------------------------------


def test_the_seven_children_in_words(shown, monkeypatch):
    # On 29 March 2016: C1 and C7 Medium, C4 and C8 Low, C5 High, C6 No CSE Risk, C3 Not set; C9 alone a year
    # earlier, at Medium. The boys are C3 and C6.
    text = said(shown, monkeypatch).text
    assert (
        "On 29 March 2016 there were 7 children open to the Hub, compared with 1 on 29 March 2015. Of these, 14% "
        "were at high risk, 29% at medium risk and 29% at low risk. A further 14% were assessed as not at risk. 14% "
        "had no risk level set on that day.\n" in text
    )
    assert "\n29% of open cases were boys. Of the boys, 50% were not at risk and 50% with no risk level set.\n" in text
    assert (
        "\nCompared with the same day a year earlier (29 March 2015), the share of open cases at high risk was 14% "
        "against 0%, at medium risk 29% against 100% and at low risk 29% against 0%.\n" in text
    )
    # Compared: six (C3 is Not set on D). Unchanged C6, C7, C8; decreased C1, C5; increased C4. Closed by
    # 1 August: C5 (that day) and C6. High: C5, closed; risen to High: C4, from Low.
    assert (
        "\nComparing the children open to the Hub on 29 March 2016 with the same episodes on 1 August 2016 shows that "
        "for 50% of the children the risk level remained unchanged, 33% had had their risk level decreased or their "
        "case closed and 17% had seen their risk level increase. 2 children were no longer open to the Hub by 1 "
        "August 2016, suggesting that their risks had been reduced. 1 child with no risk level set on one of the two "
        "days is left out of these percentages. Of the 1 child at high risk on the snapshot day, none was still at "
        "high risk and 1 had been closed by the follow-up day. Children whose risk had risen to high: 1 from low.\n"
        in text
    )
    # White: C1, C7, C8; Asian C4; Mixed C6; Other C3 (Gypsy/Roma); not recorded C5.
    assert (
        "Of the children open to the Hub on 29 March 2016, 43% were White, 14% Asian and 14% of mixed heritage. The "
        "ethnicity of 14% of open cases was not recorded, which has no counterpart in the census. Mixed and Other "
        "children were over-represented among open cases, and Asian and Black children under-represented, compared "
        "with the district's under-18 population. At present there is not enough data to understand why the "
        "ethnicity of the children open to the Hub differs from that of the district's children. The one open case "
        "in the broad group Other was a child recorded as Gypsy/Roma. The census counts" in text
    )
    # Current: C1 looked after, C3 on a plan, C5 a child in need. Never: C6 (No CSE Risk) and C7 (Medium).
    assert (
        f"\nOn 29 March 2016, 43% of the children open to the Hub were {CURRENT}. There were 2 children (29%) who had "
        f"never been {CURRENT}; by risk level, none were at high risk, 1 at medium risk, none at low risk, 1 not at "
        "risk and none with no risk level set. Of the 1 child at high risk, 1 was a child in need.\n" in text
    )
    # Bradford East: C1, C4, C7; out of area C3; no ward C5.
    assert (
        "\nUsing the home ward of the children open to the Hub, 43% of open cases lived in the Bradford East "
        "constituency, home to 26% of the district's children. 14% of open cases were children placed outside the "
        "district (out of area), and for 14% the home ward was not recorded, for example because the record is "
        "confidential.\n" in text
    )


def test_what_is_suppressed_is_named_and_never_read_as_small(hidden, monkeypatch):
    text = said(hidden, monkeypatch).text
    assert (
        "On 29 March 2016 there were a suppressed number of children open to the Hub, compared with a suppressed "
        "number on 29 March 2015. Of these, the shares at high risk, at medium risk and at low risk are suppressed. "
        "The share who were assessed as not at risk is suppressed. The share who had no risk level set on that day "
        "is suppressed.\n" in text
    )
    assert (
        "\nThe share of open cases who were boys is suppressed. Of the boys, the shares not at risk and with no risk "
        "level set are suppressed.\n" in text
    )
    assert (
        "\nCompared with the same day a year earlier (29 March 2015), the shares of open cases by risk level are "
        "suppressed.\n" in text
    )
    assert (
        "shows that the shares unchanged, decreased and increased are suppressed. The number of children no longer "
        "open to the Hub by 1 August 2016 is suppressed. Children with no risk level set on one of the two days are "
        "left out of these percentages (their number is suppressed). Of the children at high risk on the snapshot "
        "day (their number is suppressed), none was still at high risk by the follow-up day (the number closed is "
        "suppressed). Children whose risk had risen to high: the number from low is suppressed.\n" in text
    )
    assert (
        "Of the children open to the Hub on 29 March 2016, the shares White, Asian and of mixed heritage are "
        "suppressed. Some open cases had no ethnicity recorded (their share is suppressed), which has no counterpart "
        "in the census. The comparison with the district's under-18 population is suppressed for White, Asian, "
        "Mixed, Black and Other children. The open cases in the broad group Other were children recorded as "
        "Gypsy/Roma, whose number is suppressed." in text
    )
    assert (
        f"\nThe share of the children open to the Hub on 29 March 2016 who were {CURRENT} is suppressed. The number "
        f"of children who had never been {CURRENT} is suppressed; by risk level, none were at high risk, none at low "
        "risk and none with no risk level set (the numbers at medium risk and not at risk are suppressed). Of the "
        "children at high risk (their number is suppressed), the numbers by social care status are suppressed.\n"
        in text
    )
    assert (
        "\nThe published numbers do not show which constituency was home to the most open cases, as some are "
        "suppressed. The share of open cases placed outside the district (out of area) is suppressed, and the share "
        "whose home ward was not recorded is suppressed.\n" in text
    )


def test_every_number_of_the_narrative_links_to_a_figure_the_section_publishes(shown, monkeypatch):
    """Each number the narrative shows is a published figure or a table cell that a figure repeats: in report.html
    it links to that figure, which the section publishes with the same value."""
    links = []
    for markdown in said(shown, monkeypatch).markdown:
        assert unlinked_numbers(markdown) == [], markdown
        links += LINK.findall(markdown)
    for key, text in links:
        assert key in shown.figures and reads_as(text, shown.figures[key]), (key, text)
    assert len(links) > 40
    assert ("tactical.status_child_in_need_high", "1") in links  # a table cell that a figure repeats


# --- Each shape of each sentence -----------------------------------------------------------------


def table(report, name: str, changes: dict[str, dict[str, object]]) -> PublishedTable:
    """A published table of the report with cells changed: {column: {row label: value}}."""
    published_table = report.tables[name]
    cells = published_table.cells.copy()
    for column, values in changes.items():
        for row, value in values.items():
            cells.loc[cells.iloc[:, 0] == row, column] = value
    return dataclasses.replace(published_table, cells=cells)


def change_table(children: list[object], shares: list[object]) -> PublishedTable:
    cells = pd.DataFrame(
        {
            "Change in risk level": ["Unchanged", "Decreased", "Increased", "Total"],
            "Children": children,
            "% of children compared": shares,
        },
        dtype=object,
    )
    return PublishedTable("tactical_followup_change", "", cells, {}, "Total", "", 0, 10)


def transitions(rows: dict[str, list[object]]) -> PublishedTable:
    """A transition table of the cse scale's High and Medium: {row: [Children, High, Medium, Closed]}."""
    cells = pd.DataFrame(
        [[label, *values] for label, values in rows.items()],
        columns=["Risk level on snapshot day", "Children", "High", "Medium", "Closed"],
        dtype=object,
    )
    return PublishedTable("tactical_transitions", "", cells, {}, "Grand total", "", 0, 10)


def test_the_follow_up_in_the_2016_appendixs_numbers(shown, monkeypatch):
    # 204, 61 and 23 of 288.
    text = said(
        shown,
        monkeypatch,
        tables={"tactical_followup_change": change_table([204, 61, 23, 288], [70.8, 21.2, 8.0, 100.0])},
        figures={"tactical.followup_closed": 25, "tactical.followup_not_set": 3},
    ).text
    assert (
        "shows that for 71% of the children the risk level remained unchanged, 21% had had their risk level "
        "decreased or their case closed and 8% had seen their risk level increase. 25 children were no longer open "
        "to the Hub by 1 August 2016, suggesting that their risks had been reduced. 3 children with no risk level set "
        "on one of the two days are left out of these percentages. Of the 1 child" in text
    )


def test_the_follow_up_when_nothing_changed(shown, monkeypatch):
    text = said(
        shown,
        monkeypatch,
        tables={
            "tactical_followup_change": change_table([6, 0, 0, 6], [100.0, 0.0, 0.0, 100.0]),
            "tactical_transitions": transitions(
                {"High": [0, 0, 0, 0], "Medium": [40, 2, 30, 8], "Grand total": [40, 2, 30, 8]}
            ),
        },
        figures={"tactical.followup_closed": 0, "tactical.followup_not_set": 0},
    ).text
    assert (
        "shows that for all of the children the risk level remained unchanged, none had had their risk level "
        "decreased or their case closed and none had seen their risk level increase. Every one of these children was "
        "still open to the Hub on 1 August 2016. No child was at high risk on the snapshot day. Children whose risk "
        "had risen to high: 2 from medium.\n" in text
    )


def test_the_follow_up_when_most_is_suppressed(shown, monkeypatch):
    said_ = said(
        shown,
        monkeypatch,
        tables={
            "tactical_followup_change": change_table(["c", 61, "c", 288], ["c", 21.2, "c", 100.0]),
            "tactical_transitions": transitions(
                {"High": ["c", "c", 0, "c"], "Medium": [40, "c", 30, "c"], "Grand total": [52, 9, 30, 13]}
            ),
        },
        figures={"tactical.followup_unchanged_pct": 70.8},
    )
    assert (
        "shows that 21% had had their risk level decreased or their case closed (the shares unchanged and increased "
        "are suppressed). 2 children were no longer open to the Hub by 1 August 2016, suggesting that their risks had "
        "been reduced. 1 child with no risk level set on one of the two days is left out of these percentages. Of the "
        "children at high risk on the snapshot day (their number is suppressed), the numbers still at high risk and "
        "closed by the follow-up day are suppressed. Children whose risk had risen to high: the number from medium "
        "is suppressed.\n" in said_.text
    )
    assert "The risk level of 71% of the children was unchanged by 1 August 2016" in said_.titles


def test_no_comparison_when_the_data_starts_after_the_day_a_year_earlier(shown, monkeypatch):
    text = said(
        shown,
        monkeypatch,
        figures={"tactical.previous_open_cases": None},
        facts={"previous_covered": False},
    ).text
    assert text.startswith("On 29 March 2016 there were 7 children open to the Hub. Of these, 14% were at high risk")
    assert "\nThe data starts after 29 March 2015, so the risk levels cannot be compared with a year earlier.\n" in text


def test_no_child_open_a_year_earlier(shown, monkeypatch):
    text = said(shown, monkeypatch, figures={"tactical.previous_open_cases": 0}).text
    assert text.startswith("On 29 March 2016 there were 7 children open to the Hub, compared with none on 29 March")
    assert "\nNo child was open to the Hub on 29 March 2015, so there are no risk levels to compare.\n" in text


def test_a_year_earlier_some_pairs_suppressed(shown, monkeypatch):
    text = said(shown, monkeypatch, figures={"tactical.previous_risk_high_pct": "c", "tactical.risk_low_pct": "c"}).text
    assert (
        "\nCompared with the same day a year earlier (29 March 2015), the share of open cases at medium risk was 29% "
        "against 100% (the comparisons at high risk and at low risk are suppressed).\n" in text
    )


def test_every_child_in_care_or_on_a_plan(shown, monkeypatch):
    totals = {"Looked after": 1, "Child protection": 1, "Child in need": 5, "Previously CIN/CP/LAC": 0, "Never": 0}
    high = {
        "Looked after": 21,
        "Child protection": "c",
        "Child in need": 1,
        "Previously CIN/CP/LAC": 0,
        "Never": 15,
        "Grand total": 40,
    }
    status = table(shown, "tactical_social_care_status", {"Total": totals, "High": high})
    text = said(
        shown,
        monkeypatch,
        tables={"tactical_social_care_status": status},
        figures={
            "tactical.current_cin_cp_lac_pct": 100.0,
            "tactical.never_cin_cp_lac": 0,
            "tactical.never_cin_cp_lac_pct": 0.0,
        },
    ).text
    assert (
        f"\nOn 29 March 2016, all the children open to the Hub were {CURRENT}. Every child open to the Hub had been "
        f"{CURRENT} at some time. Of the 40 children at high risk, 21 were looked after, 1 was a child in need and 15 "
        "had never been any of these (the numbers with the other statuses are suppressed).\n" in text
    )


NEVER_BY_LEVEL = {"Medium": 3, "Low": 2, "No CSE Risk": 1, "Not set": 1}


def test_no_child_ever_in_care_or_on_a_plan(shown, monkeypatch):
    totals = {"Looked after": 0, "Child protection": 0, "Child in need": 0, "Previously CIN/CP/LAC": 0, "Never": 7}
    by_level = {"High": {"Never": 0, "Grand total": 0}, **{level: {"Never": n} for level, n in NEVER_BY_LEVEL.items()}}
    status = table(shown, "tactical_social_care_status", {"Total": totals, **by_level})
    text = said(
        shown,
        monkeypatch,
        tables={"tactical_social_care_status": status},
        figures={
            "tactical.current_cin_cp_lac_pct": 0.0,
            "tactical.never_cin_cp_lac": 7,
            "tactical.never_cin_cp_lac_pct": 100.0,
        },
    ).text
    assert (
        f"\nOn 29 March 2016, none of the children open to the Hub was {CURRENT}. No child open to the Hub had ever "
        f"been {CURRENT}; by risk level, none were at high risk, 3 at medium risk, 2 at low risk, 1 not at risk and 1 "
        "with no risk level set. No open case was at high risk.\n" in text
    )


def test_one_child_never_in_care_its_share_suppressed(shown, monkeypatch):
    status = table(shown, "tactical_social_care_status", {"No CSE Risk": {"Never": 0}})
    text = said(
        shown,
        monkeypatch,
        tables={"tactical_social_care_status": status},
        figures={"tactical.never_cin_cp_lac": 1, "tactical.never_cin_cp_lac_pct": "c"},
    ).text
    assert (
        f" There was 1 child who had never been {CURRENT}; by risk level, none were at high risk, 1 at medium risk, "
        "none at low risk, none not at risk and none with no risk level set. Of the 1 child" in text
    )


def test_ethnic_groups_under_represented_and_many_others(shown, monkeypatch):
    compared = {"White": "c", "Asian": "Under-represented", "Mixed": "In line", "Black": "In line", "Other": "In line"}
    others = {"Gypsy/Roma": 17, "Arab": "c", "Other Ethnic Group": 3, "Total": "c"}
    text = said(
        shown,
        monkeypatch,
        tables={
            "tactical_ethnicity": table(
                shown,
                "tactical_ethnicity",
                {
                    "Compared with population": compared,
                    "Children": {"Not recorded": 0},
                    "% of open cases": {"Not recorded": 0.0},
                },
            ),
            "tactical_ethnicity_other": table(shown, "tactical_ethnicity_other", {"Children": others}),
        },
    ).text
    assert (
        "Of the children open to the Hub on 29 March 2016, 43% were White, 14% Asian and 14% of mixed heritage. Every "
        "open case had an ethnicity recorded. Asian children were under-represented among open cases, compared with "
        "the district's under-18 population. The comparison for White children is suppressed. At present there is "
        "not enough data to understand why the ethnicity of the children open to the Hub differs from that of the "
        "district's children. The 14% of open cases in the broad group Other were 17 children recorded as "
        "Gypsy/Roma, 3 children recorded as Other Ethnic Group and children recorded as Arab, whose number is "
        "suppressed. The census counts" in text
    )


def test_ethnic_groups_in_line_with_some_suppressed(shown, monkeypatch):
    compared = {"White": "In line", "Asian": "In line", "Mixed": "In line", "Black": "c", "Other": "c"}
    others = {"Gypsy/Roma": "c", "Arab": "c", "Total": "c"}
    text = said(
        shown,
        monkeypatch,
        tables={
            "tactical_ethnicity": table(
                shown,
                "tactical_ethnicity",
                {"Compared with population": compared, "Children": {"Not recorded": 7}},
            ),
            "tactical_ethnicity_other": table(shown, "tactical_ethnicity_other", {"Children": others}),
        },
    ).text
    assert (
        "No open case had an ethnicity recorded, which has no counterpart in the census. White, Asian and Mixed "
        "children were in line with the district's under-18 population among open cases. The comparison for Black "
        "and Other children is suppressed. The 14% of open cases in the broad group Other were children recorded as "
        "Gypsy/Roma or Arab, whose numbers are suppressed. The census counts" in text
    )
    assert "At present" not in text


def test_ethnic_groups_all_in_line_or_over(shown, monkeypatch):
    in_line = dict.fromkeys(("White", "Asian", "Mixed", "Black", "Other"), "In line")
    text = said(
        shown,
        monkeypatch,
        tables={
            "tactical_ethnicity": table(shown, "tactical_ethnicity", {"Compared with population": in_line}),
            "tactical_ethnicity_other": table(
                shown, "tactical_ethnicity_other", {"Children": {"Gypsy/Roma": 0, "Total": 0}}
            ),
        },
    ).text
    assert (
        "No broad ethnic group was over- or under-represented among open cases, compared with the district's "
        "under-18 population. No open case was in the broad group Other. The census counts" in text
    )
    over = {**in_line, "Other": "Over-represented"}
    text = said(
        shown,
        monkeypatch,
        tables={"tactical_ethnicity": table(shown, "tactical_ethnicity", {"Compared with population": over})},
    ).text
    assert (
        "Other children were over-represented among open cases, compared with the district's under-18 population. "
        "At present there is not enough data" in text
    )


def constituency_text(shown, monkeypatch, children: dict[str, object], shares: dict[str, object]) -> str:
    """What the section says of where the open cases lived, given the constituency table's cells."""
    places = table(shown, "tactical_constituency", {"Children": children, "% of open cases": shares})
    return said(shown, monkeypatch, tables={"tactical_constituency": places}).text


def test_every_open_case_in_one_constituency(shown, monkeypatch):
    children = {"Bradford East": 5, "Shipley": 0, "Out of area": 0, "Not recorded": 0, "Total": 5}
    shares = {"Bradford East": 100.0, "Shipley": 0.0, "Out of area": 0.0, "Not recorded": 0.0}
    text = constituency_text(shown, monkeypatch, children, shares)
    assert (
        "\nUsing the home ward of the children open to the Hub, all the open cases lived in the Bradford East "
        "constituency, home to 26% of the district's children. No open case was a child placed outside the district "
        "(out of area), and every open case had a home ward recorded.\n" in text
    )


def test_the_largest_constituency_when_its_share_is_suppressed(shown, monkeypatch):
    # The hidden out-of-area count hides the total and every share; it is no constituency, so Bradford East's 40
    # is still the most.
    children = {"Bradford East": 40, "Shipley": 12, "Out of area": "c", "Not recorded": 0, "Total": "c"}
    shares = {"Bradford East": "c", "Shipley": "c", "Out of area": "c", "Not recorded": 0.0, "Total": "c"}
    text = constituency_text(shown, monkeypatch, children, shares)
    assert (
        "\nMore open cases lived in the Bradford East constituency than in any other constituency. The share of open "
        "cases placed outside the district (out of area) is suppressed, and every open case had a home ward "
        "recorded.\n" in text
    )


def test_every_open_case_out_of_area(shown, monkeypatch):
    children = {"Bradford East": 0, "Shipley": 0, "Out of area": 4, "Not recorded": 0, "Total": 4}
    shares = {"Bradford East": 0.0, "Shipley": 0.0, "Out of area": 100.0, "Not recorded": 0.0}
    text = constituency_text(shown, monkeypatch, children, shares)
    assert (
        "\nAll the open cases were children placed outside the district (out of area), and every open case had a "
        "home ward recorded.\n" in text
    )


# --- Whole years of a few children -----------------------------------------------------------------


def children(rows: list[tuple[str, str, str | None, str, str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Episodes and assessments from (start, level or None, end, gender, ward, ethnicity) rows, one child each."""
    episodes, assessments = [], []
    for number, (start, level, end, gender, ward, ethnicity) in enumerate(rows):
        episodes.append((f"E{number}", f"C{number}", start, end, "2002-01-01", gender, ethnicity, ward, "CSE"))
        if level is not None:
            assessments.append((f"E{number}", start, level))
    return (frame(episodes, EPISODE_COLUMNS), frame(assessments, ["episode_id", "assessment_date", "risk_level"]))


def extracts(rows: list[tuple], status: pd.DataFrame | None = None) -> Extracts:
    return seven_children(*children(rows), status)


def params(threshold: int, area: str | None = None) -> Params:
    return Params.from_mapping(
        {
            "reporting_year": "2015-16",
            "followup_date": "2016-08-01",
            "ward_list_min": 2,
            "suppression_threshold": threshold,
            "area": area,
        }
    )


WHITE = "White - British"
EARLY = "2015-01-01"  # before the day a year earlier, so the data cover it
SCENARIOS = {
    # One girl at high risk, closed before the follow-up day; nobody open a year earlier.
    "one child": (
        [
            ("2016-01-01", "High", "2016-05-01", "Female", WARD_EAST, WHITE),
            (EARLY, "Low", "2015-02-01", "Female", WARD_EAST, WHITE),
        ],
        0,
    ),
    # Nobody open on the snapshot day; one child a year earlier.
    "no child": ([(EARLY, "Medium", "2015-06-01", "Male", WARD_SHIPLEY, WHITE)], 0),
    # Twelve boys, all at high risk, all still open: every share is 100% or 0%.
    "all boys at high risk": ([(EARLY, "High", None, "Male", WARD_EAST, WHITE)] * 12, 0),
    # Few children: every count is small and suppressed.
    "small counts": (
        [
            (EARLY, "High", None, "Female", WARD_EAST, WHITE),
            (EARLY, "Low", None, "Male", WARD_EAST, None),
            ("2016-03-01", None, None, "Female", "OUT_OF_AREA", "Gypsy/Roma"),
            ("2016-01-01", "Medium", "2016-06-01", "Female", WARD_SHIPLEY, WHITE),
        ],
        10,
    ),
    # 20 high, 30 medium, 25 low, 12 no risk, 3 not set: a large count is hidden to protect the 3.
    "a large suppressed count": (
        [
            (EARLY, level, None, "Female" if n % 4 else "Male", WARD_EAST if n % 3 else WARD_SHIPLEY, WHITE)
            for level, count in (("High", 20), ("Medium", 30), ("Low", 25), ("No CSE Risk", 12), (None, 3))
            for n in range(count)
        ],
        10,
    ),
}


def district_report(rows: list[tuple], threshold: int, area: str | None = None):
    """The report of the district (or of an area, published with the district as the year would)."""
    data, reference = extracts(rows), load_reference()
    year = params(threshold)
    reports = [Report(DISTRICT, [tactical.publication(ScopeData(year, data, data, reference, year.period))])]
    if area:
        pack = params(threshold, area)
        scoped = restrict_to_area(data, area_wards(reference, area))
        reports.append(Report(area, [tactical.publication(ScopeData(pack, scoped, data, reference, pack.period))]))
    reports, decision, _ = publish(reports, threshold, (threshold + 1) // 2)
    assert not decision.failures()
    return reports[area or DISTRICT], params(threshold, area)


def run_year(rows: list[tuple], threshold: int, monkeypatch, area: str | None = None) -> Said:
    report, year = district_report(rows, threshold, area)
    return said(report, monkeypatch, year)


BAD_WORDS = ("fewer than", "a suppressed figure", "not available", "nan", " 1 children", "(0%)", "{", "}")


def assert_readable(texts: list[str]) -> None:
    for text in texts:
        for bad in BAD_WORDS:
            assert bad not in text, f"{bad!r} in: {text}"
        assert not re.search(r"\b0 \w+ \(0", text), text
        assert not re.search(r"[\w,:;(] None\b", text), f"a value missing in: {text}"
        for paragraph in re.split(r"\n\s*\n", text):
            for start in re.finditer(r"(?:^|[.!?]\s+)(\S)", paragraph.strip()):
                assert not start.group(1).islower(), f"a sentence starts in lower case: {paragraph}"


def test_the_checks_catch_what_no_sentence_may_say():
    for text in (
        "Of these, fewer than 10 were boys.",
        "There were 1 children.",
        "for 0 children (0%) the level was unchanged.",
        "Shares: nan.",
        "The share at None.",
        "Compared with {previous}.",
        "On 29 March 2016. none were open.",
    ):
        with pytest.raises(AssertionError):
            assert_readable([text])


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_sentence_survives(name, monkeypatch):
    rows, threshold = SCENARIOS[name]
    found = run_year(rows, threshold, monkeypatch)
    assert found.paragraphs and found.titles and found.alts
    assert_readable(found.paragraphs)
    assert_readable(found.titles + found.alts)


def test_the_one_child_reads_as_one(monkeypatch):
    found = run_year(SCENARIOS["one child"][0], 0, monkeypatch)
    text = found.text
    assert "On 29 March 2016 there was 1 child open to the Hub, compared with none on 29 March 2015." in text
    assert (
        "Of these, all were at high risk, none at medium risk and none at low risk. None were assessed as not at "
        "risk." in text
    )
    assert "1 child was no longer open to the Hub by 1 August 2016" in text
    assert "High was the most common risk level on 29 March 2016: 100% of open cases" in found.titles


def test_no_child_open(monkeypatch):
    text = run_year(SCENARIOS["no child"][0], 0, monkeypatch).text
    assert "On 29 March 2016 there were no children open to the Hub, compared with 1 on 29 March 2015." in text
    assert "No child was open to the Hub on 29 March 2016, so there are no risk levels to compare." in text
    assert "shows that no child had a risk level set on both days to compare." in text
    assert "No child was open to the Hub on 29 March 2016. No open case was in the broad group Other." in text


def test_all_boys(monkeypatch):
    found = run_year(SCENARIOS["all boys at high risk"][0], 0, monkeypatch)
    assert "All the open cases were boys. Of the boys, all were at high risk." in found.text
    assert "Boys were 100% of open cases on 29 March 2016, most often at high risk" in found.titles


def test_a_large_suppressed_count_is_not_read_as_small(monkeypatch):
    report, year = district_report(SCENARIOS["a large suppressed count"][0], 10)
    hidden_cells = [v for v in report.tables["tactical_risk_levels"].cells["Children"] if v == "c"]
    assert len(hidden_cells) >= 2  # the 3 not set, and a larger count with it
    assert "The share who had no risk level set on that day is suppressed." in said(report, monkeypatch, year).text


def test_an_area_pack_shows_its_wards_and_names_the_area(monkeypatch):
    rows = [(EARLY, "Medium", None, "Female", WARD_EAST, WHITE)] * 3 + [
        (EARLY, "Low", None, "Female", "E05001345", WHITE)
    ] * 2
    report, year = district_report([*rows, (EARLY, "Low", None, "Male", WARD_SHIPLEY, WHITE)], 0, "Bradford East")
    places = report.tables["tactical_constituency"].cells
    assert list(places.columns) == ["Ward", "Children", "% of open cases", "% of under-18 population"]
    assert "Out of area" not in set(places["Ward"]) and places["Children"].iloc[-1] == 5
    assert places.set_index("Ward").at["Bolton and Undercliffe", "Children"] == 3
    assert report.figures["tactical.out_of_area_pct"] is None
    found = said(report, monkeypatch, year)
    text = found.text
    assert "there were 5 children open to the Hub in the Bradford East area" in text
    assert (
        "The census by ethnic group is published for the whole district only, so the Bradford East area's open "
        "cases are compared with the district's children." in text
    )
    assert (
        "Using the home ward of the children open to the Hub in the Bradford East area, 60% of open cases lived in "
        "Bolton and Undercliffe ward, home to" in text
    )
    assert "out of area" not in text
    assert any(
        title.startswith("Bolton and Undercliffe had the most open cases in the Bradford East area: 60%")
        for title in found.titles
    )
    assert_readable(found.paragraphs)


# --- The largest row ---------------------------------------------------------------------------------


def rows_of(values: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame({"Place": list(values), "Children": list(values.values())}, dtype=object)


def test_a_largest_row_is_named_only_when_every_hidden_one_is_smaller():
    cells = rows_of({"A": 40, "B": "c", "C": 12, "D": "c"})
    # Total 70: B and D add up to 18, so each is at most 17, below A's 40.
    assert largest_row(cells, "Children", total=70) == "A"
    # Total 100: B and D add up to 48, so one of them may be up to 47, above 40.
    assert largest_row(cells, "Children", total=100) is None
    # Total 93: B and D add up to 41, so one may be 40 and equal A; at 92 the bound is 39.
    assert largest_row(cells, "Children", total=93) is None
    assert largest_row(cells, "Children", total=92) == "A"
    # Without a published total nothing bounds the hidden cells.
    assert largest_row(cells, "Children") is None and largest_row(cells, "Children", total="c") is None
    # A hidden row that is not a candidate still takes its share of the total.
    assert largest_row(cells, "Children", ["A", "C"]) == "A"


def test_a_largest_row_needs_a_single_winner():
    assert largest_row(rows_of({"A": 12, "B": 12}), "Children", total=24) is None
    assert largest_row(rows_of({"A": 0, "B": 0}), "Children", total=0) is None


def test_a_largest_percentage_allows_for_rounding():
    shares = pd.DataFrame({"Group": ["A", "B", "C"], "%": [50.0, "c", 30.0]}, dtype=object)
    # B is at most 100 - 80 + 4 x 0.05 = 20.2, A at least 49.95.
    assert largest_row(shares, "%", total=100.0, rounding=0.05) == "A"
    close = pd.DataFrame({"Group": ["A", "B", "C"], "%": [40.0, "c", 20.0]}, dtype=object)
    assert largest_row(close, "%", total=100.0, rounding=0.05) is None
