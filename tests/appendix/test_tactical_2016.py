"""The 2016 appendix's risk transition table (children open on 29 March 2016 by their level then and on 1 August
2016) and its percentages reproduced from record-level extracts read by the loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import EPISODE_COLUMNS, REFERENCE
from helpers.inputs.loading import load_extracts
from helpers.inputs.scope import ScopeData
from helpers.params import Params
from helpers.sections.tactical import measures as tactical

WARD_A = "E05001344"  # Bolton and Undercliffe, Bradford East


def params() -> Params:
    return Params.from_mapping({"reporting_year": "2015-16", "followup_date": "2016-08-01", "ward_list_min": 2})


# The published table (appendix 1 of the October 2016 report): children open on 29 March 2016 by
# their level then (rows) and on 1 August 2016 (columns); blank cells were 0.
PUBLISHED_2016 = {
    "High": {"High": 27, "Medium": 8, "Closed": 2},
    "Medium": {"High": 10, "Medium": 80, "Low": 20, "Closed": 10},
    "Low": {"High": 4, "Medium": 8, "Low": 81, "Closed": 21},
    "No CSE Risk": {"Low": 1, "Closed": 16},
}
PUBLISHED_2016_TOTALS = {"High": 41, "Medium": 96, "Low": 102, "Closed": 49}


def write_2016_fixture(folder: Path) -> None:
    """One child per published cell count: a first assessment at the snapshot level, then a review at the
    follow-up level or a closure in between."""
    episodes, assessments = [], []
    for level, moves in PUBLISHED_2016.items():
        for later, children in moves.items():
            for _ in range(children):
                number = len(episodes) + 1
                start = dt.date(2016, 1, 4) + dt.timedelta(days=number % 60)
                end = "2016-06-15" if later == "Closed" else ""
                episodes.append(
                    f"E{number:05d},C{number:05d},{start},{end},2001-06-01,"
                    f"{'Male' if number % 10 == 0 else 'Female'},White - British,{WARD_A},CSE"
                )
                assessments.append(f"E{number:05d},{start},{level}")
                if later not in (level, "Closed"):
                    assessments.append(f"E{number:05d},2016-06-15,{later}")
    (folder / "episodes.csv").write_text(",".join(EPISODE_COLUMNS) + "\n" + "\n".join(episodes) + "\n")
    (folder / "risk_assessments.csv").write_text(
        "episode_id,assessment_date,risk_level\n" + "\n".join(assessments) + "\n"
    )


@pytest.fixture(scope="module")
def appendix_2016(tmp_path_factory):
    folder = tmp_path_factory.mktemp("appendix_2016")
    write_2016_fixture(folder)
    data = load_extracts(folder, "cse", {}, REFERENCE)
    year = params()
    snap = tactical.take_snapshot(ScopeData(year, data, data, REFERENCE, year.period))
    return snap, tactical.tactical_tables(snap, REFERENCE, year)


def test_the_2016_appendix_transition_table_is_reproduced(appendix_2016):
    _, built = appendix_2016
    table = built.transitions.data.set_index("Risk level on snapshot day")
    assert list(table.index) == ["High", "Medium", "Low", "No CSE Risk", "Grand total"]
    assert table["Children"].tolist() == [37, 120, 114, 17, 288]
    for level, moves in PUBLISHED_2016.items():
        for later in ("High", "Medium", "Low", "Closed"):
            assert table.at[level, later] == moves.get(later, 0), (level, later)
    for later, total in PUBLISHED_2016_TOTALS.items():
        assert table.at["Grand total", later] == total
    # The published layout is the suite's with its empty No CSE Risk column left out.
    assert (table["No CSE Risk"] == 0).all()
    assert list(table.drop(columns="No CSE Risk").columns) == ["Children", "High", "Medium", "Low", "Closed"]


def test_the_2016_appendix_percentages(appendix_2016):
    snap, built = appendix_2016
    found = {f.key: f.value for f in tactical.tactical_figures(snap, built)}
    # Unchanged 27 + 80 + 81 + 16 = 204 of 288; decreased 8 + 2 + 20 + 10 + 21 = 61; increased 10 + 4 + 8 + 1 = 23.
    assert (
        found["tactical.followup_unchanged_pct"],
        found["tactical.followup_decreased_pct"],
        found["tactical.followup_increased_pct"],
    ) == (70.8, 21.2, 8.0)
    assert found["tactical.followup_closed"] == 49
    assert found["tactical.open_cases"] == 288
    assert [found[f"tactical.risk_{k}"] for k in ("high", "medium", "low", "no_cse_risk", "not_set")] == [
        37,
        120,
        114,
        17,
        0,
    ]
