"""Strategic measures on a hand-made frame whose answers are worked out in the comments."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import frame
from helpers.disclosure.declare import SectionPublication
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.params import Params
from helpers.sections.strategic import measures as strategic
from helpers.sections.strategic import words

P = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))


EPISODES = frame(
    [
        # E1: closed on P's first day: in the year (the in-period formula), open at start. Age 14.
        ("E1", "C1", "2015-03-01", "2015-04-01", "2000-06-15", "Female"),
        # E2: C1's second episode, a new referral. Age 14 (birthday 15 June not yet reached on 1 June).
        ("E2", "C1", "2015-06-01", None, "2000-06-15", "Female"),
        # E3: referred on P's last day, on his 15th birthday.
        ("E3", "C2", "2016-03-31", None, "2001-03-31", "Male"),
        # E4: starts after P: not in the year.
        ("E4", "C3", "2016-04-01", None, "2001-01-01", "Female"),
        # E5: closed the day before P starts: not in the year.
        ("E5", "C4", "2014-01-01", "2015-03-31", "2000-01-01", "Female"),
        # E6: age 14, a day before his birthday.
        ("E6", "C5", "2015-05-05", "2015-05-06", "2000-05-06", "Male"),
        # E7: open since the previous year, age 14 at start.
        ("E7", "C6", "2014-06-01", None, "2000-01-01", "Female"),
    ],
    ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender"],
)
ASSESSMENTS = frame(
    [
        ("E1", "2015-03-01", "No CSE Risk"),  # first of two on one day: the one listed first counts
        ("E1", "2015-03-01", "Low"),
        ("E2", "2015-06-02", "Low"),
        ("E2", "2015-06-01", "No CSE Risk"),  # earliest date, though listed second
        ("E6", "2015-05-05", "Medium"),
        ("E7", "2014-06-01", "High"),
    ],
    ["episode_id", "assessment_date", "risk_level"],
)


@pytest.fixture(scope="module")
def figures() -> dict[str, object]:
    found = strategic.strategic_figures(EPISODES, ASSESSMENTS, P, "No CSE Risk")
    return {f.key: f.value for f in found}


def test_episodes_in_year_uses_the_in_period_formula(figures):
    assert figures["strategic.episodes_in_year"] == 5  # E1, E2, E3, E6, E7
    assert figures["strategic.open_at_start"] == 2  # E1, E7


def test_new_referrals_and_their_change(figures):
    assert figures["strategic.new_referrals"] == 3  # E2, E3, E6
    assert figures["strategic.previous_new_referrals"] == 2  # E1 and E7 started in 2014/15
    assert figures["strategic.new_referrals_change_pct"] == 50.0
    assert figures["strategic.monthly_average_referrals"] == 0.3  # 3 / 12 = 0.25, half away from zero


def test_no_risk_at_referral_takes_the_first_assessment(figures):
    assert figures["strategic.no_risk_at_referral"] == 2  # E1 and E2; E3 has none
    assert figures["strategic.no_risk_at_referral_pct"] == 40.0


def test_children_and_repeat_referrals(figures):
    assert figures["strategic.children"] == 4  # C1, C2, C5, C6
    assert figures["strategic.children_referred_more_than_once"] == 1  # C1


def test_male_share_uses_each_childs_latest_episode(figures):
    assert figures["strategic.male_children_pct"] == 50.0  # C2 and C5 of four


def test_peak_ages_break_ties_to_the_younger_age(figures):
    assert figures["strategic.peak_age_female"] == 14
    assert figures["strategic.peak_age_male"] == 14  # one boy of 15, one of 14


def test_latest_episode_tie_goes_to_the_larger_identifier():
    twins = frame(
        [
            ("E9", "C1", "2015-05-01", None, "2001-01-01", "Female"),
            ("E10", "C1", "2015-05-01", None, "2001-01-01", "Male"),
        ],
        ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender"],
    )
    found = {f.key: f.value for f in strategic.strategic_figures(twins, ASSESSMENTS.iloc[:0], P, "No CSE Risk")}
    assert found["strategic.male_children_pct"] == 100.0  # E10 is larger than E9


def test_empty_year_gives_nulls_with_reasons():
    found = strategic.strategic_figures(EPISODES.iloc[:0], ASSESSMENTS.iloc[:0], P, "No CSE Risk")
    by_key = {f.key: f for f in found}
    assert by_key["strategic.episodes_in_year"].value == 0
    assert by_key["strategic.no_risk_at_referral_pct"].value is None
    assert by_key["strategic.peak_age_male"].value is None
    assert "boy" in by_key["strategic.peak_age_male"].why_missing
    assert by_key["strategic.new_referrals_change_pct"].value is None


def published_figures(threshold: int) -> dict[str, object]:
    figures = strategic.strategic_figures(EPISODES, ASSESSMENTS, P, "No CSE Risk")
    section = SectionPublication("strategic", figures=figures, quantities=strategic.figure_quantities(EPISODES, P))
    return publish([Report(DISTRICT, [section])], threshold, (threshold + 1) // 2)[0][DISTRICT].figures


def test_small_counts_are_suppressed_with_what_derives_from_them():
    published = published_figures(10)
    assert published["strategic.episodes_in_year"] == "c"
    assert published["strategic.no_risk_at_referral_pct"] == "c"
    assert published["strategic.monthly_average_referrals"] == "c"
    assert published["strategic.peak_age_female"] == 14  # an age is not a count
    assert published_figures(0)["strategic.episodes_in_year"] == 5


def test_referrals_by_year_runs_from_the_first_referral_to_the_reporting_year():
    table = strategic.referrals_by_year(EPISODES, "2015-16", P[1]).data
    # The data start in January 2014: that year is labelled as a part, and the next is not compared with it.
    assert list(table["Financial year"]) == ["2013/14 (from January 2014)", "2014/15", "2015/16"]
    assert [None if pd.isna(v) else v for v in table["New referrals a year earlier"]] == [None, None, 2]
    assert list(table["New referrals"]) == [1, 2, 3]  # E5; E1, E7; E2, E3, E6
    assert list(table["Episodes in year"]) == [1, 3, 5]  # E5; E5, E1, E7; the five above
    assert pd.isna(table["Change on previous year"][0])
    assert pd.isna(table["Change on previous year"][1]) and table["Change on previous year"][2] == 1
    assert pd.isna(table["% change on previous year"][1]) and table["% change on previous year"][2] == 50.0


def test_referrals_by_quarter():
    table = strategic.referrals_by_quarter(EPISODES, "2015-16", P[1]).data
    row = table[table["Financial year"] == "2015/16"].iloc[0]
    # E6 in May and E2 in June (Q1), E3 on 31 March (Q4)
    assert (row["Q1 Apr-Jun"], row["Q2 Jul-Sep"], row["Q3 Oct-Dec"], row["Q4 Jan-Mar"], row["Total"]) == (2, 0, 0, 1, 3)
    row = table[table["Financial year"] == "2014/15"].iloc[0]
    assert (row["Q1 Apr-Jun"], row["Q4 Jan-Mar"], row["Total"]) == (1, 1, 2)  # E7 June, E1 March


def test_age_by_gender_counts_episodes_in_year():
    table = strategic.age_by_gender(EPISODES, P).data.set_index("Age at referral")
    assert table.loc["14", "Female"] == 3  # E1, E2, E7
    assert table.loc["14", "Male"] == 1  # E6
    assert table.loc["15", "Male"] == 1  # E3
    assert table.loc["Total", "Female"] == 3 and table.loc["Total", "Male"] == 2
    assert "18 or over" not in table.index


FIGURES_2016 = {
    "strategic.trend": "still rising",
    "strategic.trend_annual_change_pct": 48.2,
    "strategic.trend_lower_pct": 30.1,
    "strategic.trend_upper_pct": 68.9,
    "strategic.months_in_year": 12,
    "strategic.projected_new_referrals": None,
    "strategic.projected_new_referrals_lower": None,
    "strategic.projected_new_referrals_upper": None,
    "strategic.new_referrals": 650,
    "strategic.new_referrals_change_pct": 50.8,
    "strategic.monthly_average_referrals": 54.2,
    "strategic.previous_monthly_average_referrals": 35.9,
    "strategic.male_children_pct": 18.4,
    "strategic.peak_age_female": 15,
    "strategic.peak_age_male": 14,
    "strategic.episodes_in_year": 713,
    "strategic.children": 569,
    "strategic.children_referred_more_than_once": 106,
}


def test_headlines_in_the_voice_of_the_appendix():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    assert words.headlines(FIGURES_2016, params) == [
        "New referrals were still rising over the 24 months to March 2016, by about 48% a year "
        "(likely range 30% to 69%).",
        "There were 650 new referrals to the Hub in 2015/16, 51% more referrals than in 2014/15.",
        "18% of the children referred to the Hub were boys.",
        "The peak age for boys referred to the Hub was 14 years; for girls it was 15 years.",
        "In the course of 2015/16 there was an average of 54 referrals per month, compared to 36 per month "
        "the previous year.",
        "The Hub dealt with 713 episodes for 569 children over the year; 106 children were referred more than once.",
    ]


def test_a_year_to_date_headline_gives_the_projection():
    params = Params.from_mapping({"reporting_year": "2016-17"})
    to_date = {
        **FIGURES_2016,
        "strategic.months_in_year": 4,
        "strategic.new_referrals": 290,
        "strategic.projected_new_referrals": 880.0,
        "strategic.projected_new_referrals_lower": 790.0,
        "strategic.projected_new_referrals_upper": 990.0,
    }
    found = words.headlines(to_date, params)
    assert found[1] == (
        "In the first 4 months of 2016/17 there were 290 new referrals; on the pattern of earlier "
        "years the full year would see about 880 (95% interval 790 to 990)."
    )
    assert not any("more referrals than" in h for h in found)  # no part year against a full one
    assert "in the same months of the previous year" in found[-2]


def test_headlines_respect_suppression():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    suppressed = {
        **FIGURES_2016,
        "strategic.male_children_pct": "c",
        "strategic.children_referred_more_than_once": "c",
        "strategic.new_referrals_change_pct": None,
    }
    found = words.headlines(suppressed, params)
    assert not any("boys." in h or "new referrals to the Hub" in h for h in found)  # left out, not gapped
    assert found[-1].endswith("some children were referred more than once.")


def test_every_strategic_figure_has_a_definition():
    keys = {f.key for f in strategic.strategic_figures(EPISODES, ASSESSMENTS, P, "No CSE Risk")}
    keys |= {f.key for f in strategic.trend_figures(EPISODES, P, P)}
    assert keys == set(strategic.DEFINITIONS)


def test_a_year_to_date_is_compared_with_the_same_months_a_year_earlier():
    to_june = (P[0], dt.date(2015, 6, 30))
    found = {f.key: f.value for f in strategic.strategic_figures(EPISODES, ASSESSMENTS, to_june, "No CSE Risk")}
    assert found["strategic.new_referrals"] == 2  # E6 (May), E2 (June)
    assert found["strategic.previous_new_referrals"] == 1  # E7 (June 2014)
    assert found["strategic.monthly_average_referrals"] == 0.7  # 2 / 3 months
    table = strategic.referrals_by_year(EPISODES, "2015-16", to_june[1]).data
    assert table["Financial year"].iloc[-1] == "2015/16 (to 30 June 2015)"
    assert table["Change on previous year"].iloc[-1] == 1  # 2 against the 1 of April-June 2014
    assert table["New referrals a year earlier"].iloc[-1] == 1  # the operand, published and suppressed with it
    quarters = strategic.referrals_by_quarter(EPISODES, "2015-16", to_june[1]).data.iloc[-1]
    assert quarters["Q1 Apr-Jun"] == 2 and pd.isna(quarters["Q2 Jul-Sep"]) and quarters["Total"] == 2
    to_july = strategic.referrals_by_quarter(EPISODES, "2015-16", dt.date(2015, 7, 31)).data.iloc[-1]
    # Q2 holds July so far, so the row total is the year to date of the year table.
    assert to_july["Q2 Jul-Sep"] == 0 and pd.isna(to_july["Q3 Oct-Dec"]) and to_july["Total"] == 2


def test_trend_figures_say_when_the_series_is_too_short():
    recent = EPISODES[EPISODES["start_date"] >= "2015-01-01"]  # March 2015 to March 2016: 13 months
    found = {f.key: f for f in strategic.trend_figures(recent, P, P)}
    assert found["strategic.trend"].value is None
    assert "13 months" in found["strategic.trend_annual_change_pct"].why_missing
    assert found["strategic.projected_new_referrals"].value is None
    assert found["strategic.months_in_year"].value == 12


def test_the_age_tables_gender_totals_cannot_give_away_a_small_one():
    # Gender totals add up to episodes in year, a published figure: a lone small total takes another with it.
    rows = [(f"E{i}", f"C{i}", "2015-06-01", None, "2001-01-01", "Female") for i in range(30)]
    rows += [(f"M{i}", f"D{i}", "2015-06-01", None, "2001-01-01", "Male") for i in range(20)]
    rows += [(f"U{i}", f"U{i}", "2015-06-01", None, "2001-01-01", "Unknown") for i in range(3)]
    episodes = frame(rows, ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender"])
    ages = strategic.age_by_gender(episodes, P)
    figures = strategic.strategic_figures(episodes, ASSESSMENTS.iloc[:0], P, "No CSE Risk")
    section = SectionPublication(
        "strategic",
        figures=figures,
        tables=[ages],
        quantities=strategic.figure_quantities(episodes, P),
        relations=strategic.relations(P, [ages]),
    )
    published = publish([Report(DISTRICT, [section])], 10, 5)[0][DISTRICT]
    cells = published.tables["strategic_age_by_gender"].cells.set_index("Age at referral")
    assert cells.loc["Total", "Other or unknown"] == "c"
    assert "c" in (
        cells.loc["Total", "Male"],
        cells.loc["Total", "Female"],
        published.figures["strategic.episodes_in_year"],
    )  # else 53 - 30 - 20 = 3


def test_the_monthly_table_shows_three_years_from_a_quarters_start():
    starts = pd.date_range("2011-01-01", "2016-03-01", freq="MS")
    rows = [(f"E{i}", f"C{i}", day.strftime("%Y-%m-%d"), None, "2001-01-01", "Female") for i, day in enumerate(starts)]
    episodes = frame(rows, ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender"])
    table = strategic.monthly_referrals_table(episodes, P[1]).data
    assert table["Month"].iloc[0] == "Apr 2013" and table["Month"].iloc[-1] == "Mar 2016" and len(table) == 36
    averages = table["Average of the last 12 months"]
    assert averages.iloc[:11].isna().all() and averages.iloc[11] == 1.0  # only where all 12 months are shown
    to_july = strategic.monthly_referrals_table(episodes, dt.date(2015, 7, 31)).data
    assert to_july["Month"].iloc[0] == "Jul 2012"  # Aug 2012 goes back to its quarter's start


@pytest.mark.parametrize(
    ("change", "lower", "upper", "expected"),
    [
        (38.2, 31.0, 45.4, "by about 38% a year (likely range 31% to 45%)"),
        (-12.0, -20.1, -4.6, "by about 12% a year (likely range 5% to 20%)"),
        (
            2.5,
            -3.0,
            8.0,
            "the best estimate is a change of 3% a year up, with a likely range from a fall of 3% to a rise of 8%",
        ),
        ("c", 1.0, 2.0, ""),
    ],
)
def test_trend_changes_in_words(change, lower, upper, expected):
    assert words.trend_change_words(change, lower, upper) == expected


@pytest.mark.parametrize(
    ("judgement", "sentence", "title"),
    [
        (
            "still rising",
            "New referrals were still rising over the 24 months to March 2016, by about 38% a year (likely "
            "range 31% to 45%).",
            "New referrals were still rising in the 24 months to March 2016",
        ),
        (
            "levelling off",
            "New referrals were levelling off over the 24 months to March 2016: still rising by about 38% "
            "a year (likely range 31% to 45%), but more slowly towards the end.",
            "New referrals were levelling off in the 24 months to March 2016",
        ),
        (None, "", "New referrals by month to March 2016"),
    ],
)
def test_one_trend_verdict_gives_the_sentence_the_headline_and_the_title(judgement, sentence, title):
    verdict = words.trend_verdict(judgement, 38.2, 31.0, 45.4, "March 2016")
    assert (verdict.sentence, verdict.title) == (sentence, title)
    assert verdict.headline == (sentence or None)
    assert "confidence" not in verdict.sentence and "quasi" not in verdict.sentence


def test_no_clear_change_is_plain_english_and_no_headline():
    verdict = words.trend_verdict("no clear change", 2.5, -3.0, 8.0, "March 2016")
    assert verdict.sentence.startswith("There was no clear rise or fall in new referrals over the 24 months")
    assert verdict.headline is None and "were no clear change" not in verdict.sentence
