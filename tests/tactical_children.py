"""The seven children of the tactical tests: hand-made extracts whose answers are worked out in the comments,
published by the engine as the year would publish them. The measures' tests and the wording tests read the same
children."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from conftest import EPISODE_COLUMNS, frame
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData
from helpers.params import Params
from helpers.sections.tactical import measures as tactical

D = dt.date(2016, 3, 29)
F = dt.date(2016, 8, 1)
WARD_A = "E05001344"  # Bolton and Undercliffe, Bradford East
WARD_B = "E05001341"  # Baildon, Shipley


EPISODES = frame(
    [
        # C1: two episodes open on D; E2 started last, so C1 counts once, at E2's Medium. Low by F: decreased.
        ("E1", "C1", "2015-10-01", None, "2001-05-01", "Female", "White - British", WARD_A, "CSE"),
        ("E2", "C1", "2016-01-10", None, "2001-05-01", "Female", "White - British", WARD_A, "CSE"),
        # C2: closed exactly on D, so not open on D.
        ("E3", "C2", "2016-01-01", "2016-03-29", "2002-01-01", "Female", "White - British", WARD_A, "CSE"),
        # C3: no assessment by D: Not set (Low by F, but Not set on D leaves C3 out of the percentages).
        ("E4", "C3", "2016-03-01", None, "2002-02-02", "Male", "Gypsy/Roma", "OUT_OF_AREA", "CSE"),
        # C4: Low on D; the High dated the day after D counts only on F: increased.
        ("E5", "C4", "2016-02-01", None, "2001-07-07", "Female", "Asian/British Asian - Pakistani", WARD_A, "CSE"),
        # C5: High, closed on F itself: Closed by F, a decrease.
        ("E6", "C5", "2015-06-01", "2016-08-01", "2000-09-09", "Female", None, None, "CSE"),
        # C6: No CSE Risk, closed soon after D: No risk -> Closed is unchanged.
        ("E7", "C6", "2016-03-20", "2016-04-02", "2003-03-03", "Male", "Mixed - White/Asian", WARD_B, "CCE"),
        # C7: Medium (two assessments on one day: the one listed last counts), closed the day after F: unchanged.
        ("E8", "C7", "2015-12-01", "2016-08-02", "2001-12-12", "Female", "White - British", WARD_A, "CSE"),
        # C8: two episodes started the same day: the larger identifier (E10 > E9) counts. Low, unchanged.
        ("E9", "C8", "2016-02-15", None, "2002-04-04", "Female", "White - British", WARD_B, "CSE"),
        ("E10", "C8", "2016-02-15", None, "2002-04-04", "Female", "White - British", WARD_B, "CSE"),
        # C9: open on the same day a year earlier (29 March 2015) only.
        ("E11", "C9", "2015-01-01", "2015-05-01", "2000-01-01", "Female", "White - British", WARD_B, "CSE"),
    ],
    EPISODE_COLUMNS,
)
ASSESSMENTS = frame(
    [
        ("E1", "2015-10-02", "High"),
        ("E2", "2016-01-11", "Medium"),
        ("E2", "2016-05-01", "Low"),
        ("E3", "2016-01-01", "High"),
        ("E4", "2016-04-01", "Low"),
        ("E5", "2016-02-02", "Low"),
        ("E5", "2016-03-30", "High"),
        ("E6", "2015-06-01", "High"),
        ("E7", "2016-03-20", "No CSE Risk"),
        ("E8", "2015-12-01", "High"),
        ("E8", "2015-12-01", "Medium"),
        ("E9", "2016-02-15", "High"),
        ("E10", "2016-02-15", "Low"),
        ("E11", "2015-01-01", "Medium"),
    ],
    ["episode_id", "assessment_date", "risk_level"],
)
STATUS = frame(
    [
        ("C1", "LAC", "2014-01-01", None),  # looked after on D, and a child in need too: LAC comes first
        ("C1", "CIN", "2015-01-01", None),
        ("C3", "CIN", "2015-01-01", None),  # a child in need, and on a plan from D itself: CP comes first
        ("C3", "CP", "2016-03-29", None),
        ("C4", "CIN", "2016-01-01", "2016-03-29"),  # ended on D, so it does not cover D: previously
        ("C5", "CIN", "2016-01-01", None),  # child in need
        ("C6", "LAC", "2016-04-01", None),  # starts after D: never
        ("C8", "CP", "2014-01-01", "2015-01-01"),  # previously
    ],
    ["child_id", "status", "start_date", "end_date"],
)


def extracts(
    episodes: pd.DataFrame = EPISODES, assessments: pd.DataFrame = ASSESSMENTS, status: pd.DataFrame | None = STATUS
) -> Extracts:
    return Extracts(
        episodes=episodes,
        risk_assessments=assessments,
        social_care_status=status,
        crimes=None,
        crime_suspects=None,
        suspect_management=None,
        sources=(),
    )


def params(**values: object) -> Params:
    return Params.from_mapping(
        {"reporting_year": "2015-16", "followup_date": F.isoformat(), "ward_list_min": 2, **values}
    )


def scope(data: Extracts, year: Params, reference) -> ScopeData:
    """The district report's scope over hand-made extracts."""
    return ScopeData(year, data, data, reference, year.period)


def snapshot_of(data: Extracts, year: Params, reference) -> tactical.Snapshot:
    return tactical.take_snapshot(scope(data, year, reference))


def figures_of(snap: tactical.Snapshot, built: tactical.TacticalTables) -> dict[str, object]:
    return {f.key: f.value for f in tactical.tactical_figures(snap, built)}


def published(data: Extracts, year: Params, reference, threshold: int = 10):
    """The district report of the section as the engine publishes it at `threshold`."""
    section = tactical.publication(scope(data, year, reference))
    reports, decision, _ = publish([Report(DISTRICT, [section])], threshold, (threshold + 1) // 2)
    assert not decision.failures()
    return reports[DISTRICT]
