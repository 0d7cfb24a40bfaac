"""Ward measures on hand-made frames whose answers are worked out in the comments; the rates and their
intervals against the 2021 Bradford South report and the public-health formulas; the section's words.

The published tables of a whole hand-made year, and the attacks on them, are in test_wards_publication.py.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm, poisson

from conftest import EPISODE_COLUMNS, frame
from helpers.inputs.reference import load_reference
from helpers.params import Params
from helpers.rules.episodes import latest_episode_per_child, level_on, open_on
from helpers.sections.wards import measures as wards
from helpers.sections.wards import words
from helpers.stats import rates

REFERENCE = load_reference()
MONTHS = ("2020-01", "2020-02", "2020-03")  # month ends 31 January, 29 February (a leap year), 31 March
LEVELS = ("High", "Medium", "Low")  # the cse scale's at-risk levels
ROYDS, TONG, WYKE, GREAT_HORTON, QUEENSBURY, WIBSEY = (
    "E05001361",
    "E05001365",
    "E05001370",
    "E05001351",
    "E05001360",
    "E05001367",
)
BAILDON, CITY = "E05001341", "E05001347"  # Shipley and Bradford West: in the district, not in Bradford South


EPISODES = frame(
    [
        # C1: open across every month, High throughout; 15 on 31 Jan and 29 Feb, 16 on 31 March (her birthday).
        ("E1", "C1", "2019-12-01", None, "2004-03-31", "Female", "White - British", ROYDS, "CSE"),
        # C2: closed mid-February: at risk on 31 January only. A CCE episode counts as well.
        ("E2", "C2", "2020-01-10", "2020-02-15", "2006-05-01", "Male", None, TONG, "CCE"),
        # C3: closed on 29 February itself, so not open that day: at risk on 31 January only.
        (
            "E3",
            "C3",
            "2020-01-05",
            "2020-02-29",
            "2006-05-01",
            "Female",
            "Asian/British Asian - Pakistani",
            TONG,
            "CSE",
        ),
        # C4: assessed no risk, then Low on 31 March (an assessment on the month end counts): March only.
        ("E4", "C4", "2020-01-02", None, "2007-01-01", "Female", "White - British", WYKE, "CSE"),
        # C5: never assessed, so Not set: never at risk.
        ("E5", "C5", "2020-01-20", None, "2007-01-01", "Female", "White - British", WYKE, "CSE"),
        # C6: High in Great Horton; from 10 February also a Low episode in Queensbury, which started later:
        # 31 January Great Horton (High, female), then Queensbury (Low, male as recorded on E6b).
        ("E6a", "C6", "2019-11-01", None, "2009-06-01", "Female", "Information Not Yet Obtained", GREAT_HORTON, "CSE"),
        ("E6b", "C6", "2020-02-10", None, "2009-06-01", "Male", "Information Not Yet Obtained", QUEENSBURY, "Missing"),
        # C7 placed out of area and C8 with no ward: at risk every month, in no ward.
        ("E7", "C7", "2019-06-01", None, "2005-01-01", "Female", "White - British", "OUT_OF_AREA", "CSE"),
        ("E8", "C8", "2019-06-01", None, "2005-01-01", "Female", "White - British", None, "CSE"),
        # C9 in Baildon: in the district every month, never in Bradford South.
        ("E9", "C9", "2019-01-01", None, "2012-01-01", "Male", "White - British", BAILDON, "CSE"),
        # C10: at risk in Royds, but from 15 January the episode that started last is in City: counted in City.
        ("E10a", "C10", "2019-05-01", None, "2004-08-01", "Female", "White - British", ROYDS, "CSE"),
        ("E10b", "C10", "2020-01-15", None, "2004-08-01", "Female", "White - British", CITY, "CSE"),
        # C11: two episodes that started the same day. E100 comes after E11 in the natural order of
        # identifiers (as a person reads them), although "E100" sorts before "E11" as text: Wibsey, not Wyke.
        ("E11", "C11", "2020-01-03", None, "2006-02-01", "Female", "White - British", WYKE, "CSE"),
        ("E100", "C11", "2020-01-03", None, "2006-02-01", "Female", "White - British", WIBSEY, "CSE"),
    ],
    EPISODE_COLUMNS,
    "episodes",
)
ASSESSMENTS = frame(
    [
        ("E1", "2019-12-01", "High"),
        ("E2", "2020-01-10", "Medium"),
        ("E3", "2020-01-05", "Low"),
        ("E4", "2020-01-02", "No CSE Risk"),
        ("E4", "2020-03-31", "Low"),
        ("E6a", "2019-11-01", "High"),
        ("E6b", "2020-02-10", "Low"),
        ("E7", "2019-06-01", "Medium"),
        ("E8", "2019-06-01", "Medium"),
        ("E9", "2019-01-01", "Low"),
        ("E10a", "2019-05-01", "High"),
        ("E10b", "2020-01-15", "Medium"),
        ("E11", "2020-01-03", "Medium"),
        ("E100", "2020-01-03", "Medium"),
    ],
    ["episode_id", "assessment_date", "risk_level"],
    "risk_assessments",
)
CHILDREN = wards.children_at_risk(EPISODES, ASSESSMENTS, MONTHS, LEVELS, REFERENCE)


def at_month(month: str) -> pd.DataFrame:
    """The children at risk at one month end, by ward (no ward: `blank`)."""
    rows = CHILDREN[CHILDREN["month"] == month]
    return rows.set_index(rows["ward_code"].fillna("blank"))


def test_month_ends_include_the_29th_of_february():
    assert [wards.month_end(m).isoformat() for m in MONTHS] == ["2020-01-31", "2020-02-29", "2020-03-31"]


def test_children_at_risk_at_each_month_end():
    # 31 Jan: C1, C2, C3, C6, C7, C8, C9, C10, C11; 29 Feb: C1, C6, C7, C8, C9, C10, C11; 31 Mar: those and C4.
    assert CHILDREN.groupby("month").size().to_dict() == {"2020-01": 9, "2020-02": 7, "2020-03": 8}


def test_the_month_ends_are_those_of_the_shared_rules_day_by_day():
    # The section decides twelve days at once on identifiers coded as numbers; the shared rules, day by day
    # on the identifiers as given, must give the same children in the same wards.
    for month in MONTHS:
        day = wards.month_end(month)
        open_episodes = EPISODES[open_on(EPISODES, day)]
        level = level_on(ASSESSMENTS, open_episodes["episode_id"], day)
        expected = latest_episode_per_child(open_episodes.assign(risk_level=level)[level.isin(LEVELS)])
        found = CHILDREN[CHILDREN["month"] == month]
        assert sorted(expected["ward_code"].fillna("blank")) == sorted(found["ward_code"].fillna("blank"))
        assert sorted(expected["risk_level"]) == sorted(found["risk_level"])


def test_a_child_counts_once_in_the_ward_of_the_episode_that_started_last():
    january, february = at_month("2020-01"), at_month("2020-02")
    assert january.loc[GREAT_HORTON, "risk_level"] == "High"
    assert january.loc[GREAT_HORTON, "gender"] == "Female"
    assert QUEENSBURY not in january.index
    assert GREAT_HORTON not in february.index
    assert february.loc[QUEENSBURY, ["risk_level", "gender"]].tolist() == ["Low", "Male"]
    assert february.loc[QUEENSBURY, "ethnic_group"] == "Not recorded"  # Information Not Yet Obtained
    assert (CHILDREN["ward_code"] == ROYDS).sum() == 3  # C1 only: C10 counts in City
    assert (CHILDREN["ward_code"] == CITY).sum() == 3
    assert (CHILDREN["ward_code"] == WIBSEY).sum() == 3
    assert WYKE not in january.index


def test_closed_no_risk_and_not_set_episodes_are_not_at_risk():
    by_month = {m: set(CHILDREN.loc[CHILDREN["month"] == m, "ward_code"].dropna()) for m in MONTHS}
    assert TONG in by_month["2020-01"]
    assert TONG not in by_month["2020-02"]
    assert WYKE not in by_month["2020-02"]  # C4 no risk, C5 Not set
    assert WYKE in by_month["2020-03"]  # C4 Low from 31 March


def test_age_band_on_the_month_end():
    royds = CHILDREN[CHILDREN["ward_code"] == ROYDS].set_index("month")["age_band"]
    assert royds.tolist() == ["13-15", "13-15", "16-17"]  # 16 on 31 March 2020, her birthday
    assert wards.age_band(9) == "Under 10"
    assert wards.age_band(10) == "10-12"
    assert wards.age_band(12) == "10-12"
    assert wards.age_band(13) == "13-15"
    assert wards.age_band(17) == "16-17"
    assert wards.age_band(18) == "18 or over"


def test_the_ward_grid_keeps_every_ward_and_month_and_leaves_out_no_ward():
    risk = wards.BREAKDOWNS[0]
    grid = wards.ward_grid(CHILDREN, tuple(REFERENCE.wards["ward_code"]), MONTHS, risk, LEVELS)
    assert grid.counts.shape == (30, 3, 4)  # 30 wards, 3 months, High/Medium/Low and the total
    # Out of area (C7) and blank (C8) are in no ward: 9 + 7 + 8 children less 2 a month.
    assert grid.counts[:, :, -1].sum(axis=0).tolist() == [7, 5, 6]
    tong = grid.series([TONG])
    assert tong[0].tolist() == [0, 1, 1, 2]
    assert tong[1:].sum() == 0
    south = wards.area_unit(REFERENCE, "Bradford South")
    # Jan: Royds C1, Tong C2 and C3, Great Horton C6, Wibsey C11; Feb: Royds, Queensbury, Wibsey; Mar: and Wyke.
    assert grid.series(south.wards)[:, -1].tolist() == [5, 3, 4]
    assert grid.child_months(south.wards)[-1] == 12


def test_a_breakdown_value_outside_its_columns_is_refused():
    with pytest.raises(ValueError, match="not one of the report's columns"):
        wards.ward_grid(CHILDREN, tuple(REFERENCE.wards["ward_code"]), MONTHS, wards.BREAKDOWNS[0], ("High", "Low"))


def test_age_bands_gain_18_or_over_only_when_needed():
    params = Params.from_mapping({"reporting_year": "2019-20", "months": list(MONTHS)})
    age_band = wards.BREAKDOWNS[1]
    assert wards.categories_of(age_band, CHILDREN, params) == wards.AGE_BANDS
    adult = CHILDREN.assign(age_band=wards.ADULT_BAND)
    assert wards.categories_of(age_band, adult, params) == (*wards.AGE_BANDS, "18 or over")


# --- which wards' monthly rows a table shows ----------------------------------------------------------------


def grid_of(by_ward: dict[str, list[int]]) -> wards.Grid:
    """A totals-only grid of the given wards' monthly counts."""
    codes = tuple(by_ward)
    counts = np.array([[[n] for n in months] for months in by_ward.values()])
    return wards.Grid(codes, tuple(f"2020-{m:02d}" for m in range(1, counts.shape[1] + 1)), (wards.AT_RISK,), counts)


def area_of(*codes: str) -> wards.Unit:
    return wards.Unit("area=Test", "", "All wards of the Test area", codes, 1000)


def test_a_ward_is_shown_only_when_all_its_counts_and_the_other_wards_can_be():
    # A: 12, 15, 11 and B: 20, 0, 30 can be published; C holds 3 in the second month, so C is withheld, and
    # what the others hold together (C alone, then) is 0, 3, 0: small, so a shown ward must go as well. A has
    # the fewer child-months (38 against 50) and goes first: then A and C together hold 12, 18, 11.
    grid = grid_of({"A": [12, 15, 11], "B": [20, 0, 30], "C": [0, 3, 0]})
    assert wards.shown_wards(grid, [area_of("A", "B", "C")], 10) == ["B"]
    # Without C nothing is small, and every ward is shown; at threshold 0 (unsuppressed) C is shown too.
    assert wards.shown_wards(grid, [area_of("A", "B")], 10) == ["A", "B"]
    assert wards.shown_wards(grid, [area_of("A", "B", "C")], 0) == ["A", "B", "C"]


def test_a_ward_that_leaves_a_publishable_rest_stays():
    # C's 3 and D's 9 are small, but together with each other the withheld wards hold 12: A and B stay.
    grid = grid_of({"A": [12, 15], "B": [20, 10], "C": [3, 0], "D": [9, 0]})
    assert wards.shown_wards(grid, [area_of("A", "B", "C", "D")], 10) == ["A", "B"]


# --- the rates and their intervals --------------------------------------------------------------------------


@pytest.mark.parametrize("events", [1, 3, 7, 9])
def test_exact_limits_are_those_of_the_poisson_distribution(events):
    # Worked from the definition, not the chi-squared shortcut: the upper limit U leaves 2.5% below the
    # observed count, P(X <= O | U) = 0.025; the lower limit L leaves 2.5% above it, P(X >= O | L) = 0.025.
    lower, upper = rates.poisson_limits(events, 0.95)
    assert poisson.cdf(events, upper) == pytest.approx(0.025)
    assert 1 - poisson.cdf(events - 1, lower) == pytest.approx(0.025)


def test_byars_limits_from_ten_events():
    # Byar's approximation written out: O(1 - 1/9O - z/3sqrt(O))^3 and (O+1)(1 - 1/9(O+1) + z/3sqrt(O+1))^3.
    z = norm.ppf(0.975)
    for events in (10, 18.17, 250):
        lower = events * (1 - 1 / (9 * events) - z / (3 * math.sqrt(events))) ** 3
        upper = (events + 1) * (1 - 1 / (9 * (events + 1)) + z / (3 * math.sqrt(events + 1))) ** 3
        assert rates.poisson_limits(events, 0.95) == pytest.approx((lower, upper))
    assert poisson.cdf(9, rates.poisson_limits(9, 0.95)[1]) == pytest.approx(0.025)  # below 10: exact


def test_an_average_below_one_has_a_small_positive_lower_limit():
    # A third of a child a month on 4,686 children: values from PHStatsMethods 0.1.16's ph_rate, the
    # Fingertips implementation (a cross-check only: it raises on zero and is GPL-licensed).
    assert rates.rate_limits(1 / 3, 4686, 0.95) == pytest.approx((2.374356076343682e-05, 9.30060258766826))
    assert rates.rate_limits(1 / 3, 4686, 0.998) == pytest.approx((1.519575209280878e-09, 16.522316677533375))


def test_zero_events_have_a_lower_limit_of_zero():
    assert rates.poisson_limits(0, 0.95) == (0.0, pytest.approx(-math.log(0.025)))
    assert rates.poisson_limits(0, 0.998) == (0.0, pytest.approx(-math.log(0.001)))
    with pytest.raises(ValueError, match="cannot be negative"):
        rates.poisson_limits(-1, 0.95)


@pytest.mark.parametrize(
    ("lower", "upper", "flag"),
    [
        (21.0, 40.0, "higher"),
        (5.0, 19.9, "lower"),
        (10.0, 30.0, "similar"),
        (20.78, 40.0, "similar"),
        (5.0, 20.78, "similar"),  # touching the district rate is not wholly above or below
    ],
)
def test_comparison_flag(lower, upper, flag):
    assert rates.compared_with(lower, upper, 20.78) == flag


def test_funnel_limits_are_the_interval_of_the_expected_count():
    # At 20 per 10,000, 5,000 children are expected to hold 10 children at risk (Byar's), 2,000 hold 4 (exact).
    lower, upper = rates.funnel_limits(20.0, [5000, 2000], 0.95)
    assert (lower[0], upper[0]) == pytest.approx(tuple(v / 5000 * 10_000 for v in rates.poisson_limits(10, 0.95)))
    assert (lower[1], upper[1]) == pytest.approx(tuple(v / 2000 * 10_000 for v in rates.poisson_limits(4, 0.95)))
    wide, narrow = rates.funnel_limits(20.0, [1000, 9000], 0.998)[1]
    assert wide > narrow > 20.0  # smaller populations, wider limits


# --- words: from published values only -------------------------------------------------------------------------


def rates_data(*rows: tuple[str, float, int, float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["ward_name", "average_at_risk", "population_under_18", "rate_per_10k", "compared_with_district"]
    ).assign(ward_code=lambda d: d["ward_name"])


def test_funnel_finding():
    every = "Every ward's rate was in line with the district's"
    assert words.funnel_finding(rates_data(("A", 1, 1, 1, "similar"))) == every
    two_high = rates_data(("A", 1, 1, 1, "higher"), ("B", 1, 1, 1, "higher"), ("C", 1, 1, 1, "similar"))
    assert words.funnel_finding(two_high) == "Two wards had rates above the district's"
    mixed = rates_data(("A", 1, 1, 1, "higher"), ("B", 1, 1, 1, "lower"), ("C", 1, 1, 1, "lower"))
    assert words.funnel_finding(mixed) == "One ward had a rate above the district's and two below"
    hidden = rates_data(("A", 1, 1, 1, "higher"), ("B", 1, 1, 1, "c"))
    assert words.funnel_finding(hidden) == "At least one ward had a rate above the district's"


def test_comparison_sentence_keeps_ward_names_whole():
    assert words.comparison_sentence("Bolton and Undercliffe; Tong", "Ilkley") == (
        "Bolton and Undercliffe and Tong had rates higher than the district's; Ilkley had a rate lower than "
        "the district's."
    )
    assert words.comparison_sentence("", "").startswith("No ward's rate differed")
    assert words.comparison_sentence("c", "").startswith("Which wards' rates differed from the district's cannot")


def series_cells(values: list[object], rates_: list[object] | None = None, name: str = "All wards of the Test area"):
    months = [f"2020-{m:02d}" for m in range(1, len(values) + 1)]
    return pd.DataFrame(
        {
            "ward_code": "",
            "ward_name": name,
            "month": months,
            wards.AT_RISK: values,
            wards.MONTH_RATE: rates_ or [1.0] * len(values),
        }
    )


def test_series_finding_says_how_the_months_moved():
    assert words.series_finding(series_cells([62, 80, 231]), "All wards of the Test area") == (
        "Children at risk in the Test area rose from 62 at the end of January 2020 to 231 at the end of March 2020"
    )
    assert words.series_finding(series_cells([305, 283, 302]), "All wards of the Test area") == (
        "Between 283 and 305 children were at risk in the Test area at each month end"
    )
    assert words.series_finding(series_cells([12, "c", 14]), "All wards of the Test area") == (
        "Children at risk at each month end in the Test area"
    )


def test_series_alt_text_gives_every_published_month():
    text = words.series_alt_text(series_cells([12, "c"], [4.1, "c"]), "All wards of the Test area")
    assert "January 2020: 12 (4.10 per 10,000); February 2020: suppressed (suppressed per 10,000)." in text


AVERAGES = pd.DataFrame(
    {
        "ward_code": ["W1", "W2", ""],
        "ward_name": ["One", "Two", "All wards of the Test area"],
        "Female": [3.0, "c", 5.25],
        "Male": [1.0, "c", 2.0],
        "Other or unknown": [0.0, 0.0, "c"],
        wards.AT_RISK: [4.0, 3.5, 7.5],
    }
)


AREA = "All wards of the Test area"
RISK = pd.DataFrame(
    {
        "ward_code": ["W1", "W2", ""],
        "ward_name": ["One", "Two", AREA],
        "High": ["c", "c", 1.5],
        "Medium": [3.5, 2.5, 6.0],
        wards.AT_RISK: [4.0, 3.5, 7.5],
    }
)


def test_dashboard_finding_names_each_majority_whatever_the_suppressed_groups_hold():
    gender, risk = wards.BREAKDOWNS[2], wards.BREAKDOWNS[0]
    columns = list(wards.GENDER_COLUMNS)
    # The area: girls 5.25 of 7.5, boys 2.0, and 0.25 in the suppressed Other or unknown: girls are most;
    # Medium 6.0 of 7.5.
    assert words.dashboard_finding([(risk, RISK, ["High", "Medium"]), (gender, AVERAGES, columns)], AREA) == (
        "Most children at risk in the Test area were at the Medium level; most were girls"
    )
    close = AVERAGES.assign(Female=[3.0, "c", 2.5], Male=[1.0, "c", 2.0])  # the 3.0 suppressed could beat 2.5
    assert words.dashboard_finding([(gender, close, columns)], AREA) == (
        "Children at risk a month on average in each ward of the Test area, by gender"
    )
    assert words.dashboard_finding([(risk, RISK, ["High", "Medium"]), (gender, close, columns)], AREA) == (
        "Most children at risk in the Test area were at the Medium level"
    )
    nobody = AVERAGES.assign(**{wards.AT_RISK: [0.0, 0.0, 0.0]})
    assert words.dashboard_finding([(gender, nobody, columns)], AREA) == (
        "No child in the Test area was at risk at a month end"
    )


def test_dashboard_alt_text_gives_the_scope_and_leaves_the_wards_to_the_tables():
    gender, risk = wards.BREAKDOWNS[2], wards.BREAKDOWNS[0]
    text = words.dashboard_alt_text(
        [(risk, RISK, ["High", "Medium"]), (gender, AVERAGES, list(wards.GENDER_COLUMNS))], AREA
    )
    assert text.startswith("Two horizontal stacked bar charts side by side, one bar for each of the 2 wards in each")
    assert (
        "Across the Test area, a month on average: by risk level, High 1.50, Medium 6.00; by gender, Female "
        "5.25, Male 2.00, Other or unknown suppressed."
    ) in text


def test_monthly_finding_needs_a_published_majority_in_every_month():
    gender = wards.BREAKDOWNS[2]
    cells = pd.DataFrame(
        {
            "ward_name": AREA,
            "month": ["2020-01", "2020-02"],
            "Female": [15, 20],
            "Male": ["c", "c"],
            "Other or unknown": [0, 0],
            wards.AT_RISK: [19, 22],
        },
        dtype=object,
    )
    panel = (gender, cells, list(wards.GENDER_COLUMNS))
    assert words.monthly_finding([panel], AREA) == (
        "At every month end most children at risk in the Test area were girls"
    )
    assert words.monthly_alt_text([panel], AREA).endswith(
        "By gender: January 2020: Female 15, Male suppressed, Other or unknown 0; February 2020: Female 20, Male "
        "suppressed, Other or unknown 0."
    )
    cells.loc[1, "Female"] = "c"
    assert words.monthly_finding([panel], AREA) == "Children at risk in the Test area at each month end by gender"


def test_nothing_to_draw():
    assert not words.drawable(pd.DataFrame({"A": ["c", 0], "B": [0, "c"]}), ["A", "B"])
    assert words.drawable(pd.DataFrame({"A": ["c", 0.25]}), ["A"])
    assert words.nothing_to_draw("the month ends by gender", "the Test area").startswith(
        "There is no chart of the month ends by gender for the Test area"
    )


def test_months_text():
    months_2020 = [f"2020-{m:02d}" for m in range(1, 13)]
    assert words.months_text(months_2020) == "January to December 2020"
    assert words.months_phrase(["2015-04", "2016-03"], starts_sentence=True) == "Between April 2015 and March 2016"
    assert words.months_phrase(["2020-03"]) == "in March 2020"


FIGURES_2020 = {
    "wards.district_average_at_risk": 296.33,
    "wards.district_population_under_18": 142_619,
    "wards.district_rate_per_10k": 20.78,
    "wards.area_average_at_risk": 77.42,
    "wards.area_population_under_18": 29_005,
    "wards.area_rate_per_10k": 26.69,
    "wards.highest_rate_ward": "Great Horton",
    "wards.highest_rate_per_10k": 33.77,
    "wards.higher_than_district": "Great Horton; Tong",
    "wards.lower_than_district": "",
}
MONTHS_2020 = [f"2020-{m:02d}" for m in range(1, 13)]


def test_headlines_for_an_area():
    params = Params.from_mapping({"reporting_year": "2020-21", "months": MONTHS_2020, "area": "Bradford South"})
    assert words.headlines(FIGURES_2020, params) == [
        "Between January and December 2020, an average of 77 children a month were at risk of exploitation "
        "in the Bradford South area, 26.69 per 10,000 children under 18, against 20.78 for the district.",
        "The highest rate was in Great Horton, with 33.77 children at risk per 10,000 children under 18.",
        "Great Horton and Tong had rates higher than the district's.",
    ]


def test_headlines_for_the_district_leave_out_an_empty_comparison():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    district = {k: v for k, v in FIGURES_2020.items() if not k.startswith("wards.area_")}
    found = words.headlines({**district, "wards.higher_than_district": ""}, params)
    assert found[0] == (
        "Between April 2015 and March 2016, an average of 296 children a month were at risk of "
        "exploitation in the district, 20.78 per 10,000 children under 18."
    )
    assert len(found) == 2


def test_headlines_leave_out_a_hidden_highest_ward():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    district = {k: v for k, v in FIGURES_2020.items() if not k.startswith("wards.area_")}
    found = words.headlines({**district, "wards.highest_rate_ward": "c", "wards.higher_than_district": "c"}, params)
    assert len(found) == 1
