"""Has it plateaued? Trend judgement on monthly counts, and a full-year projection for a year to date.

The trend test is a regression of the monthly counts on time over the last 24 months: a Poisson
model that allows the counts to vary more than Poisson counts do (quasi-Poisson, scale from the
Pearson chi-squared), reported as the change a year with its 95% confidence interval. A second
model adds a squared time term: a significantly negative one means growth is slowing. The words
follow the evidence:

- "still rising": the yearly change is above zero with 95% confidence and growth is not slowing;
- "levelling off": it is rising, but the squared term shows growth slowing with 95% confidence;
- "falling": the yearly change is below zero with 95% confidence;
- "no clear change": anything else. Twenty-four points carry little power to show a levelling
  off, so this is the answer whenever the evidence is not clear.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.display.formatting import round_half_away

TREND_MONTHS = 24
METHOD = (
    "a regression of the monthly counts of the last 24 months on time (a quasi-Poisson model, which "
    "allows for counts that vary more than chance alone would make them), with a second model that "
    "tests whether growth is slowing"
)
RISING, LEVELLING, FALLING, NO_CLEAR_CHANGE, TOO_SHORT = (
    "still rising",
    "levelling off",
    "falling",
    "no clear change",
    "too short",
)


@dataclass(frozen=True)
class Trend:
    judgement: str
    months: int
    annual_change_pct: float | None = None  # estimated change a year, one decimal
    lower_pct: float | None = None
    upper_pct: float | None = None
    fitted: pd.Series | None = None  # the fitted monthly means of the last TREND_MONTHS months


@dataclass(frozen=True)
class Projection:
    year_to_date: int
    months: int  # complete months of the year covered by the data
    projected: int
    lower: int
    upper: int
    seasonal_years: int  # earlier full years whose seasonal pattern was used (0: an even spread)


def monthly_counts(dates: pd.Series, first: pd.Period, last: pd.Period) -> pd.Series:
    """Records per calendar month from `first` to `last`, months with none included as 0."""
    months = pd.period_range(first, last, freq="M")
    counts = dates.dropna().dt.to_period("M").value_counts()
    return counts.reindex(months, fill_value=0).astype(int)


def rolling_average(counts: pd.Series, months: int = 12) -> pd.Series:
    """Average of the last `months` months, once that many are available (one decimal)."""
    return counts.rolling(months).mean().map(lambda v: v if pd.isna(v) else round_half_away(float(v), 1))


def _annual_pct(coefficient: float) -> float:
    return round_half_away(100 * (math.exp(coefficient) - 1), 1)


def judge_trend(counts: pd.Series) -> Trend:
    """The trend of the last 24 months of a monthly series, in words backed by the model."""
    if len(counts) < TREND_MONTHS:
        return Trend(TOO_SHORT, len(counts))
    recent = counts.iloc[-TREND_MONTHS:]
    y = recent.to_numpy(dtype=float)
    if y.sum() == 0 or np.count_nonzero(y) < 3:
        return Trend(NO_CLEAR_CHANGE, TREND_MONTHS)
    if np.ptp(y) == 0:  # the same count every month: no change, and no variation to estimate a scale from
        return Trend(NO_CLEAR_CHANGE, TREND_MONTHS, 0.0, 0.0, 0.0, pd.Series(y, index=recent.index))
    # statsmodels and scipy take seconds to import: only the measures import them, which a build that reuses
    # the year's decisions never computes.
    import statsmodels.api as sm

    years = (np.arange(TREND_MONTHS) - (TREND_MONTHS - 1) / 2) / 12
    linear = sm.GLM(y, sm.add_constant(years), family=sm.families.Poisson()).fit(scale="X2")
    slope, (low, high) = linear.params[1], linear.conf_int()[1]
    curved = sm.GLM(y, np.column_stack([np.ones_like(years), years, years**2]), family=sm.families.Poisson()).fit(
        scale="X2"
    )
    slowing = curved.conf_int()[2][1] < 0
    if low > 0:
        judgement = LEVELLING if slowing else RISING
    elif high < 0:
        judgement = FALLING
    else:
        judgement = NO_CLEAR_CHANGE
    # The line drawn is the model behind the words: curved when growth is slowing, straight otherwise.
    shape = curved if judgement == LEVELLING else linear
    fitted = pd.Series(shape.fittedvalues, index=recent.index).map(lambda v: round_half_away(float(v), 1))
    return Trend(judgement, TREND_MONTHS, _annual_pct(slope), _annual_pct(low), _annual_pct(high), fitted)


def reporting_window(period: tuple[dt.date, dt.date], last_date: pd.Timestamp | None) -> tuple[dt.date, dt.date] | None:
    """The part of the reporting year the data cover: the whole year, or complete months to date.

    Data that reach the year's last month cover the year (extracts are often taken on the last
    working day, not 31 March). Data that stop earlier are reported to the end of their last
    complete month (data that stop on 14 July give April to June), so months are compared like
    with like. None when the data do not hold one complete month of the year.
    """
    start, end = period
    if last_date is None or last_date.date() >= end.replace(day=1):
        return period
    month_end = (last_date + pd.offsets.MonthEnd(0)).date()
    complete = month_end if last_date.date() == month_end else (last_date - pd.offsets.MonthEnd(1)).date()
    return (start, complete) if complete >= start else None


def months_in_window(window: tuple[dt.date, dt.date]) -> int:
    start, end = window
    return (end.year - start.year) * 12 + end.month - start.month + 1


def poisson_interval(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (chi-squared) interval of a Poisson count."""
    from scipy.stats import chi2

    tail = (1 - confidence) / 2
    lower = 0.0 if count == 0 else chi2.ppf(tail, 2 * count) / 2
    return float(lower), float(chi2.ppf(1 - tail, 2 * (count + 1)) / 2)


def project_full_year(monthly: pd.Series, year_start: pd.Period, months_done: int) -> Projection:
    """Full-year projection from the first `months_done` months of a year.

    The share of a year's referrals that its first months carry is taken from the earlier full
    years in the series (pooled); the interval combines the exact Poisson interval of the count so
    far with the lowest and highest share of those years. With no earlier full year, the months are
    assumed to carry an even share.
    """
    so_far = int(monthly[year_start : year_start + (months_done - 1)].sum())
    parts, wholes = [], []
    earlier = year_start - 12
    while earlier >= monthly.index[0]:
        whole = int(monthly[earlier : earlier + 11].sum())
        part = int(monthly[earlier : earlier + (months_done - 1)].sum())
        if part > 0:
            parts.append(part)
            wholes.append(whole)
        earlier -= 12
    shares = [p / w for p, w in zip(parts, wholes)]
    if shares:
        share, low_share, high_share = sum(parts) / sum(wholes), min(shares), max(shares)
    else:
        share = low_share = high_share = months_done / 12
    low_count, high_count = poisson_interval(so_far)
    return Projection(
        year_to_date=so_far,
        months=months_done,
        projected=int(round_half_away(so_far / share, 0)),
        lower=int(round_half_away(low_count / high_share, 0)),
        upper=int(round_half_away(high_count / low_share, 0)),
        seasonal_years=len(shares),
    )
