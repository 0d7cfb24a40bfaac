"""Data-quality shares on a hand-made extract."""

from __future__ import annotations

import pandas as pd

from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts
from helpers.params import Params
from helpers.rules import quality

PARAMS = Params.from_mapping({"reporting_year": "2015-16"})


def extracts() -> Extracts:
    episodes = pd.DataFrame(
        {
            "episode_id": ["E1", "E2", "E3", "E4"],
            "child_id": ["C1", "C2", "C3", "C4"],
            "start_date": pd.to_datetime(["2015-05-01", "2015-06-01", "2015-07-01", "2014-01-01"]),
            "end_date": pd.to_datetime([None, None, "2016-01-01", "2014-02-01"]),
            # E2 (20) and E3 (18 on the day) are young adults at referral; so is E4 (24), but E4 is not in the year.
            "date_of_birth": pd.to_datetime(["2001-03-02", "1995-05-01", "1997-07-01", "1989-06-30"]),
            "ethnicity": ["White - British", None, "Information Not Yet Obtained", None],
            "ward_code": ["E05001341", None, "OUT_OF_AREA", None],
        }
    )
    assessments = pd.DataFrame(
        {
            "episode_id": ["E1", "E4"],
            "assessment_date": pd.to_datetime(["2015-05-01", "2014-01-02"]),
            "risk_level": ["Low", "Low"],
        }
    )
    crimes = pd.DataFrame(
        {
            "crime_id": ["X1", "X2", "X3"],
            "recorded_date": pd.to_datetime(["2015-05-01", "2015-06-01", "2014-06-01"]),
            "committed_date": pd.to_datetime([None, "2015-01-01", None]),
        }
    )
    return Extracts(episodes, assessments, None, crimes, None, None, sources=())


def test_quality_shares_of_the_years_population():
    found = {f.key: f.value for f in quality.quality_publication(extracts(), load_reference(), PARAMS).figures}
    # In year: E1, E2, E3 (E4 closed in 2014). Ethnicity not recorded: E2 (blank), E3 (not obtained).
    assert found["quality.blank_ethnicity_pct"] == 66.7
    assert found["quality.blank_ward_pct"] == 33.3  # E2; E3 is out of area, not blank
    assert found["quality.episodes_without_assessment"] == 2  # E2, E3
    assert found["quality.episodes_18_or_over_at_referral"] == 2  # E2, E3
    assert found["quality.crimes_without_committed_date"] == 1  # X1; X3 is outside the period
    assert found["quality.crimes_without_committed_date_pct"] == 50.0


def test_quality_text_respects_suppression():
    figures = quality.quality_publication(extracts(), load_reference(), PARAMS)
    text = quality.quality_markdown(published(figures, 10), ("episodes.csv is not UTF-8",), 10)
    assert "- Some episodes in the year had no risk assessment" in text
    assert (
        "- Episodes in the year of young adults aged 18 to 24 at referral (transitional safeguarding): "
        "some. They are counted in every figure and shown in the '18 or over' row or band of the age "
        "tables."
    ) in text
    assert "- episodes.csv is not UTF-8" in text


def test_young_adults_at_referral_are_counted_unsuppressed_and_named_when_none():
    figures = quality.quality_publication(extracts(), load_reference(), PARAMS)
    assert "young adults aged 18 to 24 at referral (transitional safeguarding): 2. They" in quality.quality_markdown(
        published(figures, 0), (), 0
    )
    children = extracts()
    children.episodes["date_of_birth"] = pd.to_datetime("2003-01-01")
    text = quality.quality_markdown(
        published(quality.quality_publication(children, load_reference(), PARAMS), 10), (), 10
    )
    assert "- No episode in the year was of a young person aged 18 or over at referral." in text
    assert (
        "no birth or offence before 1900 and no other record before 1990, no date after the day of the build, "
        "one date of birth per child"
    ) in text


def published(publication, threshold: int) -> dict[str, object]:
    return publish([Report(DISTRICT, [publication])], threshold, (threshold + 1) // 2)[0][DISTRICT].figures


def test_a_year_without_records_is_named():
    reason = quality.no_data_in_year(extracts(), Params.from_mapping({"reporting_year": "2019-20"}))
    assert reason.startswith("the extracts hold no record dated in the reporting year 2019-20")
    assert quality.no_data_in_year(extracts(), PARAMS) is None


def test_an_area_report_has_no_blank_ward_share():
    area = Params.from_mapping({"reporting_year": "2015-16", "area": "Shipley"})
    publication = quality.quality_publication(extracts(), load_reference(), area)
    found = {f.key: f for f in publication.figures}
    assert found["quality.blank_ward_pct"].value is None
    text = quality.quality_markdown(published(publication, 10), (), 10)
    assert "No home ward" not in text
