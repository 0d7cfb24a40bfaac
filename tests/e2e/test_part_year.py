"""A year the data do not yet cover is a labelled year to date with a projection, never a part year against a full
one."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import synthetic
from helpers.build import run as build
from helpers.params import resolve


def extract_as_taken_on(frames: dict[str, pd.DataFrame], day: str) -> dict[str, pd.DataFrame]:
    """The episodes and assessments as an extract taken on `day` would hold them: later ones absent,
    episodes closed later still open."""
    cut = pd.Timestamp(day)
    episodes = frames["episodes"][pd.to_datetime(frames["episodes"]["start_date"]) <= cut].copy()
    closed_later = pd.to_datetime(episodes["end_date"].replace("", None)) > cut
    episodes.loc[closed_later, "end_date"] = ""
    assessments = frames["risk_assessments"]
    assessments = assessments[
        assessments["episode_id"].isin(episodes["episode_id"]) & (pd.to_datetime(assessments["assessment_date"]) <= cut)
    ]
    return {**frames, "episodes": episodes, "risk_assessments": assessments}


@pytest.fixture(scope="module")
def to_july(tmp_path_factory):
    data = tmp_path_factory.mktemp("cut") / "data"
    synthetic.write(extract_as_taken_on(synthetic.generate(), "2016-07-31"), data, "cse")
    params = resolve("2016-17", overrides={"data_dir": str(data)})
    return build.build(params, tmp_path_factory.mktemp("outputs"), only=["strategic"])


def test_the_year_to_date_is_labelled_and_projected(to_july):
    figures = json.loads((to_july / "figures.json").read_text())
    assert figures["strategic.months_in_year"] == 4
    low, mid, high = (figures[f"strategic.projected_new_referrals{s}"] for s in ("_lower", "", "_upper"))
    assert low < mid < high
    assert low > figures["strategic.new_referrals"]  # four months cannot be the whole year
    page = (to_july / "report.html").read_text()
    assert "<strong>Year to date.</strong>" in page
    assert "2016/17 (to 31 July 2016)" in (to_july / "tables" / "strategic_referrals_by_year.csv").read_text()
    assert f"the full year would see about {mid:,}" in (to_july / "headlines.md").read_text()


def test_the_year_to_date_is_compared_with_the_same_months(to_july):
    figures = json.loads((to_july / "figures.json").read_text())
    by_year = pd.read_csv(to_july / "tables" / "strategic_referrals_by_year.csv")
    previous_full_year = by_year.loc[by_year["Financial year"] == "2015/16", "New referrals"].item()
    assert figures["strategic.previous_new_referrals"] < previous_full_year
    assert "the same months of 2015/16" in (to_july / "report.html").read_text()
