"""Trend judgement on constructed series, and the projection of a year to date."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.stats import trends

MONTHS = pd.period_range("2014-04", periods=36, freq="M")


def series(values) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=int), index=MONTHS[: len(values)])


def test_a_steady_rise_is_still_rising():
    rising = series([round(40 * 1.03**i) for i in range(36)])  # 3% a month: about 43% a year
    trend = trends.judge_trend(rising)
    assert trend.judgement == trends.RISING
    assert 35 < trend.annual_change_pct < 50
    assert trend.lower_pct > 0


def test_a_flat_series_shows_no_clear_change():
    rng = np.random.default_rng(1)
    flat = series(rng.poisson(60, 36))
    trend = trends.judge_trend(flat)
    assert trend.judgement == trends.NO_CLEAR_CHANGE
    assert trend.lower_pct < 0 < trend.upper_pct


def test_a_fall_is_falling():
    falling = series([round(90 * 0.97**i) for i in range(36)])
    assert trends.judge_trend(falling).judgement == trends.FALLING


def test_a_rise_that_flattens_is_levelling_off():
    # Rising by 4 a month until the last year of the window, then flat at 126.
    values = [30 + 4 * min(i, 24) for i in range(36)]
    assert trends.judge_trend(series(values)).judgement == trends.LEVELLING


def test_fewer_than_24_months_is_too_short():
    trend = trends.judge_trend(series(range(10, 30)))
    assert trend.judgement == trends.TOO_SHORT and trend.annual_change_pct is None


def test_projection_uses_the_seasonal_share_of_earlier_years():
    # Two earlier full years in which April-July carried 40% of the year; 80 so far this year.
    season = [10, 10, 10, 10, 5, 5, 5, 5, 10, 10, 10, 10]  # 40 of 100 in the first four months
    monthly = pd.Series(
        season + [2 * v for v in season] + [20, 20, 20, 20], index=pd.period_range("2014-04", periods=28, freq="M")
    )
    projection = trends.project_full_year(monthly, pd.Period("2016-04", "M"), 4)
    assert projection.year_to_date == 80
    assert projection.projected == 200  # 80 / 0.4
    assert projection.seasonal_years == 2
    low, high = trends.poisson_interval(80)
    assert projection.lower == round(low / 0.4) and projection.upper == round(high / 0.4)


def test_projection_without_earlier_years_assumes_an_even_spread():
    monthly = pd.Series([30, 30, 30], index=pd.period_range("2016-04", periods=3, freq="M"))
    projection = trends.project_full_year(monthly, pd.Period("2016-04", "M"), 3)
    assert projection.projected == 360 and projection.seasonal_years == 0


def test_poisson_interval_of_zero_starts_at_zero():
    low, high = trends.poisson_interval(0)
    assert low == 0 and high == pytest.approx(3.689, abs=0.001)


@pytest.mark.parametrize("last", ["2017-03-31", "2017-07-31", "2017-03-30", "2017-03-01"])
def test_reporting_window_is_the_whole_year_when_data_reach_its_end(last):
    period = (dt.date(2016, 4, 1), dt.date(2017, 3, 31))
    assert trends.reporting_window(period, pd.Timestamp(last)) == period


def test_reporting_window_stops_at_the_last_complete_month():
    period = (dt.date(2016, 4, 1), dt.date(2017, 3, 31))
    assert trends.reporting_window(period, pd.Timestamp("2016-07-31")) == (dt.date(2016, 4, 1), dt.date(2016, 7, 31))
    assert trends.reporting_window(period, pd.Timestamp("2016-07-14")) == (dt.date(2016, 4, 1), dt.date(2016, 6, 30))
    assert trends.months_in_window((dt.date(2016, 4, 1), dt.date(2016, 6, 30))) == 3
    assert trends.reporting_window(period, pd.Timestamp("2017-02-27")) == (dt.date(2016, 4, 1), dt.date(2017, 1, 31))


def test_no_complete_month_is_no_window():
    assert trends.reporting_window((dt.date(2016, 4, 1), dt.date(2017, 3, 31)), pd.Timestamp("2016-04-10")) is None


def test_the_same_count_every_month_is_no_change():
    trend = trends.judge_trend(series([25] * 30))
    assert (trend.judgement, trend.annual_change_pct, trend.lower_pct, trend.upper_pct) == (
        trends.NO_CLEAR_CHANGE,
        0.0,
        0.0,
        0.0,
    )
