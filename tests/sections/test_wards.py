"""Ward measures on hand-made frames whose answers are worked out in the comments, and the rate
helper against the 2021 Bradford South report and the public-health formulas."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy.stats import norm, poisson

from helpers.disclosure import publish_figures, suppress_table
from helpers.inputs.reference import load_reference
from helpers.params import Params
from helpers.sections.wards import measures as wards

REFERENCE = load_reference()
MONTHS = ("2020-01", "2020-02", "2020-03")  # month ends 31 January, 29 February (a leap year), 31 March
LEVELS = ("High", "Medium", "Low")  # the cse scale's at-risk levels
ROYDS, TONG, WYKE, GREAT_HORTON, QUEENSBURY, WIBSEY = (
    "E05001361", "E05001365", "E05001370", "E05001351", "E05001360", "E05001367")
BAILDON, CITY = "E05001341", "E05001347"  # Shipley and Bradford West: in the district, not in Bradford South


def frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column.endswith("date") or column == "date_of_birth":
            data[column] = pd.to_datetime(data[column])
    for column in ("ward_code", "ethnicity"):
        if column in data:
            data[column] = data[column].astype("string")
    return data


EPISODES = frame(
    [
        # C1: open across every month, High throughout; 15 on 31 Jan and 29 Feb, 16 on 31 March (her birthday).
        ("E1", "C1", "2019-12-01", None, "2004-03-31", "Female", "White - British", ROYDS, "CSE"),
        # C2: closed mid-February: at risk on 31 January only. A CCE episode counts as well.
        ("E2", "C2", "2020-01-10", "2020-02-15", "2006-05-01", "Male", None, TONG, "CCE"),
        # C3: closed on 29 February itself, so not open that day: at risk on 31 January only.
        ("E3", "C3", "2020-01-05", "2020-02-29", "2006-05-01", "Female", "Asian/British Asian - Pakistani", TONG, "CSE"),
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
    ],
    ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender", "ethnicity", "ward_code",
     "exploitation_type"],
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
    ],
    ["episode_id", "assessment_date", "risk_level"],
)
MONTHLY = wards.monthly_children_at_risk(EPISODES, ASSESSMENTS, MONTHS, LEVELS, REFERENCE)
SOUTH = wards.report_wards(REFERENCE, "Bradford South")


def at_month(month: str) -> pd.DataFrame:
    """The children at risk at one month end, by ward (no ward: `blank`)."""
    rows = MONTHLY[MONTHLY["month"] == month]
    return rows.set_index(rows["ward_code"].fillna("blank"))


def test_month_ends_include_the_29th_of_february():
    assert [wards.month_end(m).isoformat() for m in MONTHS] == ["2020-01-31", "2020-02-29", "2020-03-31"]


def test_children_at_risk_at_each_month_end():
    # 31 Jan: C1, C2, C3, C6, C7, C8, C9, C10; 29 Feb: C1, C6, C7, C8, C9, C10; 31 Mar: those and C4.
    assert MONTHLY.groupby("month").size().to_dict() == {"2020-01": 8, "2020-02": 6, "2020-03": 7}


def test_a_child_counts_once_in_the_ward_of_the_episode_that_started_last():
    january, february = at_month("2020-01"), at_month("2020-02")
    assert january.loc[GREAT_HORTON, "risk_level"] == "High" and january.loc[GREAT_HORTON, "gender"] == "Female"
    assert QUEENSBURY not in january.index
    assert GREAT_HORTON not in february.index
    assert february.loc[QUEENSBURY, ["risk_level", "gender"]].tolist() == ["Low", "Male"]
    assert february.loc[QUEENSBURY, "ethnic_group"] == "Not recorded"  # Information Not Yet Obtained
    assert (MONTHLY["ward_code"] == ROYDS).sum() == 3  # C1 only: C10 counts in City
    assert (MONTHLY["ward_code"] == CITY).sum() == 3


def test_closed_no_risk_and_not_set_episodes_are_not_at_risk():
    by_month = {m: set(MONTHLY.loc[MONTHLY["month"] == m, "ward_code"].dropna()) for m in MONTHS}
    assert TONG in by_month["2020-01"] and TONG not in by_month["2020-02"]  # C2 closed 15 Feb, C3 on 29 Feb
    assert WYKE not in by_month["2020-01"] and WYKE not in by_month["2020-02"]  # C4 no risk, C5 Not set
    assert WYKE in by_month["2020-03"]  # C4 Low from 31 March


def test_age_band_on_the_month_end():
    royds = MONTHLY[MONTHLY["ward_code"] == ROYDS].set_index("month")["age_band"]
    assert royds.tolist() == ["13-15", "13-15", "16-17"]  # 16 on 31 March 2020, her birthday
    assert wards.age_band(9) == "Under 10" and wards.age_band(10) == "10-12" and wards.age_band(12) == "10-12"
    assert wards.age_band(13) == "13-15" and wards.age_band(17) == "16-17" and wards.age_band(18) == "18 or over"


def test_area_filtering_keeps_the_children_whose_ward_lies_in_the_area():
    assert SOUTH["ward_name"].tolist() == ["Great Horton", "Queensbury", "Royds", "Tong", "Wibsey", "Wyke"]
    south = wards.in_wards(MONTHLY, SOUTH["ward_code"])
    # Jan: Royds C1, Tong C2 and C3, Great Horton C6; Feb: Royds, Queensbury; Mar: Royds, Queensbury, Wyke.
    assert south.groupby("month").size().to_dict() == {"2020-01": 4, "2020-02": 2, "2020-03": 3}
    assert not south["ward_code"].isin([BAILDON, CITY, "OUT_OF_AREA"]).any()
    district = wards.in_wards(MONTHLY, REFERENCE.wards["ward_code"])
    assert len(district) == 15  # out of area (C7) and blank (C8) left out: 6 + 4 + 5


def test_average_and_rate():
    averages = wards.average_at_risk(MONTHLY, SOUTH["ward_code"], len(MONTHS))
    assert averages[ROYDS] == 1.0  # 3 month ends / 3
    assert averages[TONG] == pytest.approx(2 / 3)
    assert averages[WIBSEY] == 0.0
    # The district: 15 child-months / 3 = 5 children a month on 142,619 children: 0.3506 per 10,000.
    assert wards.district_rate(MONTHLY, REFERENCE, len(MONTHS)) == pytest.approx(5 / 142_619 * 10_000)


def test_wards_rates_table():
    table = wards.wards_rates(MONTHLY, SOUTH, len(MONTHS), wards.district_rate(MONTHLY, REFERENCE, len(MONTHS)))
    assert list(table.data.columns) == ["ward_code", "ward_name", "average_at_risk", "population_under_18",
                                        "rate_per_10k", "lower_95", "upper_95", "lower_99_8", "upper_99_8",
                                        "compared_with_district"]
    rows = table.data.set_index("ward_name")
    assert len(rows) == 6 and "Total" not in rows.index
    # Royds: 1.0 a month on 4,874 children: 2.05 per 10,000; exact limits of one event.
    assert rows.loc["Royds", ["average_at_risk", "population_under_18", "rate_per_10k"]].tolist() == [1.0, 4874, 2.05]
    assert rows.loc["Tong", "average_at_risk"] == 0.67  # 2/3
    # Wibsey: none at risk. Lower limit 0; upper: P(X = 0 | U) = exp(-U) = 0.025, so U = -ln 0.025 = 3.6889
    # events, 9.29 per 10,000 of 3,969; at 99.8%, -ln 0.001 = 6.9078 events, 17.40 per 10,000.
    assert rows.loc["Wibsey", ["rate_per_10k", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]].tolist() == [
        0.0, 0.0, 9.29, 0.0, 17.40]
    assert set(rows["compared_with_district"]) == {"similar"}  # every interval holds the district's 0.35


def test_published_averages_are_not_suppressed():
    table = wards.wards_rates(MONTHLY, SOUTH, len(MONTHS), 0.35)
    published = suppress_table(table, 10)
    assert published.suppressed_cells == 0
    assert published.cells.set_index("ward_name").loc["Royds", "average_at_risk"] == 1.0


# --- the rate helper and its intervals -----------------------------------------------------------------

@pytest.mark.parametrize(("average", "population", "published_average", "published_rate"), [
    (91 / 12, 4686, 7.58, 16.18),  # Royds
    (60 / 12, 3911, 5.00, 12.78),  # Queensbury
    (218 / 12, 5928, 18.17, 30.65),  # Great Horton
    (199 / 12, 6805, 16.58, 24.37),  # Tong: from the unrounded average (16.58 itself would give 24.36)
])
def test_the_2021_report_triples_for_bradford_south(average, population, published_average, published_rate):
    row = wards.rate_row(average, population)
    assert (row["average_at_risk"], row["rate_per_10k"]) == (published_average, published_rate)
    if published_average != 16.58:
        # The three triples of the brief hold from the published (rounded) averages as well.
        assert wards.rate_row(published_average, population)["rate_per_10k"] == published_rate


def test_the_rate_comes_from_the_unrounded_average():
    assert wards.rate_row(16.58, 6805)["rate_per_10k"] == 24.36
    assert wards.rate_row(199 / 12, 6805)["rate_per_10k"] == 24.37


@pytest.mark.parametrize(("average", "population", "expected"), [
    # Reference intervals from the published formulas (the public-health method, worked by hand): 95% then 99.8%.
    (7.58, 4686, (6.79, 32.44, 3.79, 43.78)),  # exact Poisson, below 10
    (5.00, 3911, (4.15, 29.83, 1.89, 42.07)),  # exact Poisson
    (18.17, 5928, (18.21, 48.34, 13.05, 60.10)),  # Byar's, from 10
])
def test_intervals_match_the_published_reference_values(average, population, expected):
    row = wards.rate_row(average, population)
    assert (row["lower_95"], row["upper_95"], row["lower_99_8"], row["upper_99_8"]) == expected


@pytest.mark.parametrize("events", [1, 3, 7, 9])
def test_exact_limits_are_those_of_the_poisson_distribution(events):
    # Worked from the definition, not the chi-squared shortcut: the upper limit U leaves 2.5% below the
    # observed count, P(X <= O | U) = 0.025; the lower limit L leaves 2.5% above it, P(X >= O | L) = 0.025.
    lower, upper = wards.poisson_limits(events, 0.95)
    assert poisson.cdf(events, upper) == pytest.approx(0.025)
    assert 1 - poisson.cdf(events - 1, lower) == pytest.approx(0.025)


def test_byars_limits_from_ten_events():
    # Byar's approximation written out: O(1 - 1/9O - z/3sqrt(O))^3 and (O+1)(1 - 1/9(O+1) + z/3sqrt(O+1))^3.
    z = norm.ppf(0.975)
    for events in (10, 18.17, 250):
        lower = events * (1 - 1 / (9 * events) - z / (3 * math.sqrt(events))) ** 3
        upper = (events + 1) * (1 - 1 / (9 * (events + 1)) + z / (3 * math.sqrt(events + 1))) ** 3
        assert wards.poisson_limits(events, 0.95) == pytest.approx((lower, upper))
    # Below 10 the exact limits apply instead: at 9 events they are those of the Poisson distribution.
    assert poisson.cdf(9, wards.poisson_limits(9, 0.95)[1]) == pytest.approx(0.025)


def test_an_average_below_one_has_a_small_positive_lower_limit():
    # A third of a child a month on 4,686 children: values from PHStatsMethods 0.1.16's ph_rate, the
    # Fingertips implementation (a cross-check only: it raises on zero and is GPL-licensed).
    lower_95, upper_95 = wards.rate_limits(1 / 3, 4686, 0.95)
    lower_99_8, upper_99_8 = wards.rate_limits(1 / 3, 4686, 0.998)
    assert (lower_95, upper_95) == pytest.approx((2.374356076343682e-05, 9.30060258766826))
    assert (lower_99_8, upper_99_8) == pytest.approx((1.519575209280878e-09, 16.522316677533375))


def test_zero_events_have_a_lower_limit_of_zero():
    assert wards.poisson_limits(0, 0.95) == (0.0, pytest.approx(-math.log(0.025)))
    assert wards.poisson_limits(0, 0.998) == (0.0, pytest.approx(-math.log(0.001)))
    with pytest.raises(ValueError):
        wards.poisson_limits(-1, 0.95)


@pytest.mark.parametrize(("lower", "upper", "flag"), [
    (21.0, 40.0, "higher"), (5.0, 19.9, "lower"), (10.0, 30.0, "similar"),
    (20.78, 40.0, "similar"), (5.0, 20.78, "similar"),  # touching the district rate is not wholly above or below
])
def test_comparison_flag(lower, upper, flag):
    assert wards.compared_with(lower, upper, 20.78) == flag


def test_funnel_limits_are_the_interval_of_the_expected_count():
    # At 20 per 10,000, 5,000 children are expected to hold 10 children at risk (Byar's), 2,000 hold 4 (exact).
    lower, upper = wards.funnel_limits(20.0, [5000, 2000], 0.95)
    assert (lower[0], upper[0]) == pytest.approx(tuple(v / 5000 * 10_000 for v in wards.poisson_limits(10, 0.95)))
    assert (lower[1], upper[1]) == pytest.approx(tuple(v / 2000 * 10_000 for v in wards.poisson_limits(4, 0.95)))
    wide, narrow = wards.funnel_limits(20.0, [1000, 9000], 0.998)[1]
    assert wide > narrow > 20.0  # smaller populations, wider limits


# --- month-by-month tables and their disclosure control -------------------------------------------------

def test_monthly_breakdown_by_risk():
    table = wards.monthly_breakdown("wards_monthly_by_risk", MONTHLY, SOUTH, MONTHS, LEVELS)
    assert len(table.data) == 18  # 6 wards x 3 months, zeros included
    rows = table.data.set_index(["ward_name", "month"])
    assert rows.loc[("Tong", "2020-01"), ["High", "Medium", "Low", "Children at risk"]].tolist() == [0, 1, 1, 2]
    assert rows.loc[("Queensbury", "2020-03"), "Low"] == 1
    assert rows.loc[("Wibsey", "2020-02"), "Children at risk"] == 0
    assert table.total_column == "Children at risk"


def test_monthly_breakdown_by_age_band_adds_18_or_over_only_when_needed():
    params = Params.from_mapping({"reporting_year": "2019-20", "months": list(MONTHS)})
    assert wards.breakdown_categories("wards_monthly_by_age_band", MONTHLY, params) == wards.AGE_BANDS
    table = wards.monthly_breakdown("wards_monthly_by_age_band", MONTHLY, SOUTH, MONTHS, wards.AGE_BANDS)
    royds = table.data[table.data["ward_name"] == "Royds"]
    assert royds["16-17"].tolist() == [0, 0, 1] and royds["13-15"].tolist() == [1, 1, 0]


def test_a_ward_with_no_child_at_risk_gives_a_table_of_zeros():
    empty = MONTHLY.iloc[:0]
    table = wards.monthly_breakdown("wards_monthly_by_gender", empty, SOUTH, MONTHS, ("Female", "Male",
                                                                                        "Other or unknown"))
    assert len(table.data) == 18 and table.data["Children at risk"].sum() == 0
    assert wards.monthly_totals(empty, SOUTH, MONTHS).data["All months"].sum() == 0


def children(rows: list[tuple[str, str, str, int]], column: str = "gender") -> pd.DataFrame:
    """A month-end children frame from (ward, month, value of `column`, how many) rows; the other
    attributes are the same for every child."""
    expanded = [(ward, month, value) for ward, month, value, n in rows for _ in range(n)]
    data = pd.DataFrame(expanded, columns=["ward_code", "month", column])
    others = {"risk_level": "Low", "age_band": "13-15", "gender": "Female", "ethnic_group": "White"}
    return data.assign(ward_code=data["ward_code"].astype("string"),
                       **{k: v for k, v in others.items() if k != column})


def test_totals_hidden_by_the_months_sum_are_hidden_in_every_breakdown():
    # Royds: 12 girls on 31 Jan, 15 on 29 Feb, 3 girls and 2 boys on 31 Mar: 32 child-months, which the
    # published average reveals (10.67 x 3). March's 5 is suppressed, so the months table hides the next
    # smallest month too (January's 12); otherwise 32 - 12 - 15 would give March's 5.
    royds = REFERENCE.wards[REFERENCE.wards["ward_code"] == ROYDS][["ward_code", "ward_name", "population_under_18"]]
    monthly = children([(ROYDS, "2020-01", "Female", 12), (ROYDS, "2020-02", "Female", 15),
                        (ROYDS, "2020-03", "Female", 3), (ROYDS, "2020-03", "Male", 2)])
    totals = suppress_table(wards.monthly_totals(monthly, royds, MONTHS), 10)
    assert totals.cells.iloc[0][list(MONTHS)].tolist() == ["c", 15, "c"]
    table = wards.monthly_breakdown("wards_monthly_by_gender", monthly, royds, MONTHS, ("Female", "Male",
                                                                                         "Other or unknown"))
    alone = suppress_table(table, 10)
    assert alone.cells.loc[0, "Children at risk"] == 12  # within its own table January needs no suppression
    linked = wards.hide_linked_totals(alone, table, totals)
    # January's total is hidden, and its girls with it, or they would give the total back.
    assert linked.cells.loc[0, ["Female", "Male", "Other or unknown", "Children at risk"]].tolist() == ["c", 0, 0, "c"]
    assert linked.cells.loc[2, ["Female", "Male", "Children at risk"]].tolist() == ["c", "c", "c"]
    assert linked.cells.loc[1, "Children at risk"] == 15
    assert linked.suppressed_cells == alone.suppressed_cells + 2
    shown = wards.months_only(totals)
    assert "All months" not in shown.cells.columns
    assert linked.cells["Children at risk"].tolist() == shown.cells.iloc[0][list(MONTHS)].tolist()


def test_a_single_small_group_takes_a_second_group_with_it():
    # Tong, 31 Jan: 14 girls and 3 boys. The boys are suppressed, so the girls are too (17 - 14 = 3).
    tong = REFERENCE.wards[REFERENCE.wards["ward_code"] == TONG][["ward_code", "ward_name", "population_under_18"]]
    monthly = children([(TONG, "2020-01", "Female", 14), (TONG, "2020-01", "Male", 3)])
    table = wards.monthly_breakdown("wards_monthly_by_gender", monthly, tong, MONTHS[:1], ("Female", "Male",
                                                                                             "Other or unknown"))
    published = suppress_table(table, 10)
    assert published.cells.loc[0, ["Female", "Male", "Other or unknown", "Children at risk"]].tolist() == [
        "c", "c", 0, 17]


# --- figures, findings and headlines ----------------------------------------------------------------------

def rates_data(*rows: tuple[str, float, int, float, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ward_name", "average_at_risk", "population_under_18", "rate_per_10k",
                                       "compared_with_district"]).assign(ward_code=lambda d: d["ward_name"])


def test_ward_figures_for_an_area():
    table = wards.wards_rates(MONTHLY, SOUTH, len(MONTHS), wards.district_rate(MONTHLY, REFERENCE, len(MONTHS)))
    figures = {f.key: f.value for f in wards.ward_figures(MONTHLY, REFERENCE, table.data, len(MONTHS), "Bradford South")}
    assert figures["wards.district_average_at_risk"] == 5.0
    assert figures["wards.district_population_under_18"] == 142_619
    assert figures["wards.district_rate_per_10k"] == 0.35
    assert figures["wards.area_average_at_risk"] == 3.0  # 9 child-months / 3
    assert figures["wards.area_population_under_18"] == int(SOUTH["population_under_18"].sum())
    # Royds 1 on 4,874 = 2.05 per 10,000; Queensbury 2/3 on 3,922 = 1.70; Wyke 1/3 on 3,346 = 1.00;
    # Tong 2/3 on 6,873 = 0.97; Great Horton 1/3 on 6,021 = 0.55; Wibsey 0.
    assert figures["wards.highest_rate_ward"] == "Royds" and figures["wards.highest_rate_per_10k"] == 2.05
    assert figures["wards.higher_than_district"] == "" and figures["wards.lower_than_district"] == ""
    assert set(figures) == set(wards.DEFINITIONS)
    published = publish_figures(wards.ward_figures(MONTHLY, REFERENCE, table.data, len(MONTHS), "Bradford South"), 10)
    assert published["wards.area_average_at_risk"] == 3.0  # averages are not counts: never suppressed


def test_district_figures_leave_out_the_area_keys():
    table = wards.wards_rates(MONTHLY, wards.report_wards(REFERENCE, None), len(MONTHS), 0.35)
    keys = {f.key for f in wards.ward_figures(MONTHLY, REFERENCE, table.data, len(MONTHS), None)}
    assert not any(k.startswith("wards.area_") for k in keys)
    assert len(table.data) == 30


def test_funnel_finding():
    assert wards.funnel_finding(rates_data(("A", 1, 1, 1, "similar"))) == "Every ward's rate was in line with the district's"
    two_high = rates_data(("A", 1, 1, 1, "higher"), ("B", 1, 1, 1, "higher"), ("C", 1, 1, 1, "similar"))
    assert wards.funnel_finding(two_high) == "Two wards had rates above the district's"
    mixed = rates_data(("A", 1, 1, 1, "higher"), ("B", 1, 1, 1, "lower"), ("C", 1, 1, 1, "lower"))
    assert wards.funnel_finding(mixed) == "One ward had a rate above the district's and two below"


def test_comparison_sentence_keeps_ward_names_whole():
    assert wards.comparison_sentence("Bolton and Undercliffe; Tong", "Ilkley") == (
        "Bolton and Undercliffe and Tong had rates higher than the district's; Ilkley had a rate lower than "
        "the district's.")
    assert wards.comparison_sentence("", "").startswith("No ward's rate differed")


FIGURES_2020 = {
    "wards.district_average_at_risk": 296.33, "wards.district_population_under_18": 142_619,
    "wards.district_rate_per_10k": 20.78, "wards.area_average_at_risk": 77.42,
    "wards.area_population_under_18": 29_005, "wards.area_rate_per_10k": 26.69,
    "wards.highest_rate_ward": "Great Horton", "wards.highest_rate_per_10k": 33.77,
    "wards.higher_than_district": "Great Horton; Tong", "wards.lower_than_district": "",
}
MONTHS_2020 = [f"2020-{m:02d}" for m in range(1, 13)]


def test_headlines_for_an_area():
    params = Params.from_mapping({"reporting_year": "2020-21", "months": MONTHS_2020, "area": "Bradford South"})
    assert wards.headlines(FIGURES_2020, params) == [
        "Between January and December 2020, an average of 77 children a month were at risk of exploitation "
        "in the Bradford South area, 26.69 per 10,000 children under 18, against 20.78 for the district.",
        "The highest rate was in Great Horton, with 33.77 children at risk per 10,000 children under 18.",
        "Great Horton and Tong had rates higher than the district's.",
    ]


def test_headlines_for_the_district_leave_out_an_empty_comparison():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    district = {k: v for k, v in FIGURES_2020.items() if not k.startswith("wards.area_")}
    found = wards.headlines({**district, "wards.higher_than_district": ""}, params)
    assert found[0] == ("Between April 2015 and March 2016, an average of 296 children a month were at risk of "
                        "exploitation in the district, 20.78 per 10,000 children under 18.")
    assert len(found) == 2


def test_months_text():
    assert wards.months_text(MONTHS_2020) == "January to December 2020"
    assert wards.months_phrase(["2015-04", "2016-03"], starts_sentence=True) == "Between April 2015 and March 2016"
    assert wards.months_phrase(["2020-03"]) == "in March 2020"


def by_risk(counts: dict[str, int], threshold: int):
    rows = [(TONG, "2020-01", level, n) for level, n in counts.items()]
    monthly = children(rows, "risk_level")
    tong = REFERENCE.wards[REFERENCE.wards["ward_code"] == TONG][["ward_code", "ward_name", "population_under_18"]]
    return suppress_table(wards.monthly_breakdown("wards_monthly_by_risk", monthly, tong, MONTHS[:1], LEVELS), threshold)


@pytest.mark.parametrize(("counts", "threshold", "title"), [
    ({"High": 2, "Medium": 3, "Low": 16}, 0, "Most children at risk were at the Low level"),  # 16 of 21
    ({"High": 6, "Medium": 7, "Low": 8}, 0, "More children at risk were at the Low level than in any other risk level"),
    ({"High": 6, "Medium": 8, "Low": 8}, 0, "No one risk level clearly held the most children at risk"),
    # Published: Low 16, High and Medium suppressed (5 children between them): Low still leads, and holds most.
    ({"High": 2, "Medium": 3, "Low": 16}, 10, "Most children at risk were at the Low level"),
    # High 4 is suppressed and takes the next smallest, Medium 10, with it: only Low's 11 of the 25 children
    # is published, so 14 are in suppressed groups, more than half.
    ({"High": 4, "Medium": 10, "Low": 11}, 10, "Most monthly counts by risk level in a single ward were too small to publish"),
])
def test_breakdown_finding_holds_whatever_the_suppressed_groups_hold(counts, threshold, title):
    assert wards.breakdown_finding("wards_monthly_by_risk", by_risk(counts, threshold), LEVELS) == title


def test_no_child_at_risk_names_no_highest_ward():
    empty = MONTHLY.iloc[:0]
    table = wards.wards_rates(empty, SOUTH, len(MONTHS), 0.0)
    by_key = {f.key: f for f in wards.ward_figures(empty, REFERENCE, table.data, len(MONTHS), "Bradford South")}
    assert by_key["wards.highest_rate_ward"].value is None and by_key["wards.highest_rate_per_10k"].value is None
    assert "no child" in by_key["wards.highest_rate_ward"].why_missing
    assert by_key["wards.area_rate_per_10k"].value == 0.0
    assert wards.busiest_ward_finding(table.data) == "No child in these wards was at risk at a month end"
