"""Words of the strategic overview that have to be worked out: chart titles that state a finding, alt text,
and the section's key headlines. They read the *published* (suppressed) tables and figures only, so no
sentence can reveal a suppressed number. The narrative itself is in the notebook, as templates.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from helpers.display.formatting import pct_text
from helpers.display.narrative import NarrativeFormatter, facts, is_known
from helpers.display.words import change_words, published_number
from helpers.params import Params, year_label
from helpers.rules.calendar import previous_year
from helpers.sections.strategic.measures import QUARTERS


def trend_change_words(change: object, lower: object, upper: object) -> str:
    """`a rise of 38% a year (95% confidence interval 31% to 45%)`, a fall, or an interval either side of 0."""
    values = [published_number(v) for v in (change, lower, upper)]
    if any(v is None for v in values):
        return "a change that cannot be published"
    change, lower, upper = values
    if lower >= 0 or upper <= 0:
        word = "rise" if change >= 0 else "fall"
        near, far = sorted((abs(lower), abs(upper)))
        return (f"a {word} of {pct_text(abs(change))} a year (95% confidence interval "
                f"{pct_text(near)} to {pct_text(far)})")
    return (f"a change of {pct_text(abs(change))} a year {'up' if change >= 0 else 'down'}, with a 95% "
            f"confidence interval from a fall of {pct_text(-lower)} to a rise of {pct_text(upper)}")


TREND_HEADLINES = {
    "still rising": "New referrals to the Hub were still rising over the last 24 months: {change}.",
    "levelling off": "New referrals to the Hub were levelling off over the last 24 months: still {change}, but "
                     "with growth slowing.",
    "falling": "New referrals to the Hub were falling over the last 24 months: {change}.",
}


def year_finding(change: object, year: str) -> str:
    """Chart title for referrals by year."""
    value = published_number(change)
    if value is None:
        return f"New referrals to the Hub in {year}"
    if value == 0:
        return f"New referrals in {year} were level with the year before"
    return f"New referrals {'rose' if value > 0 else 'fell'} by {pct_text(abs(value))} in {year}"


def quarter_finding(quarters: pd.DataFrame, year: str) -> str:
    """Chart title for referrals by quarter: the pattern of the reporting year's four quarters."""
    row = quarters[quarters["Financial year"].str.startswith(year)]
    values = [published_number(v) for v in row.iloc[0, 1:5]] if len(row) else []
    if len(values) != 4 or any(v is None for v in values) or "(to " in row.iloc[0, 0]:
        return f"New referrals by financial quarter up to {year}"
    if all(b > a for a, b in zip(values, values[1:])):
        return f"Referrals rose in every quarter of {year}"
    if all(b < a for a, b in zip(values, values[1:])):
        return f"Referrals fell in every quarter of {year}"
    busiest = QUARTERS[values.index(max(values))].split()[0]
    return f"Referrals in {year} were highest in {busiest}"


def quarter_alt_text(quarters: pd.DataFrame, year: str) -> str:
    row = quarters[quarters["Financial year"].str.startswith(year)]
    values = ", ".join(f"{q.split()[0]} {_text(v)}" for q, v in zip(QUARTERS, row.iloc[0, 1:5])) if len(row) else ""
    first = quarters["Financial year"].iloc[0]
    return (f"Bar chart of new referrals to the Hub in each financial quarter from {first} to {year}, "
            f"one bar per quarter, time running left to right. {year}: {values}.")


def year_alt_text(years: pd.DataFrame) -> str:
    parts = "; ".join(f"{r['Financial year']}: {_text(r['New referrals'])} new referrals, "
                      f"{_text(r['Episodes in year'])} episodes" for _, r in years.iterrows())
    return f"Bar chart of new referrals and episodes in year for each financial year. {parts}."


def trend_finding(judgement: object, last_month: str) -> str:
    """Chart title for the monthly series: the trend test's judgement."""
    return {
        "still rising": f"New referrals were still rising in the 24 months to {last_month}",
        "levelling off": f"New referrals were levelling off in the 24 months to {last_month}",
        "falling": f"New referrals fell over the 24 months to {last_month}",
        "no clear change": f"No clear change in new referrals over the 24 months to {last_month}",
    }.get(str(judgement), f"New referrals by month to {last_month}")


def monthly_alt_text(months: pd.DataFrame, judgement: object) -> str:
    first, last = months.iloc[0], months.iloc[-1]
    return (f"Bar chart of new referrals in each month from {first['Month']} to {last['Month']}, with the average "
            f"of the last 12 months and the fitted trend of the last 24 months as lines. {last['Month']}: "
            f"{_text(last['New referrals'])} new referrals; average of the last 12 months "
            f"{last['Average of the last 12 months'] or 'not yet available'}. Trend test: {judgement or 'not possible'}.")


def age_finding(peak_female: object, peak_male: object) -> str:
    if peak_female is None or peak_male is None:
        return "Age at referral by gender"
    if peak_female == peak_male:
        return f"Referrals peaked at age {peak_female} for girls and boys alike"
    return f"Referrals peaked at age {peak_female} for girls and {peak_male} for boys"


def age_alt_text(ages: pd.DataFrame) -> str:
    rows = ages[ages["Age at referral"] != "Total"]
    parts = "; ".join(f"{r['Age at referral']}: {_text(r['Female'])} girls, {_text(r['Male'])} boys"
                      for _, r in rows.iterrows())
    return f"Bar chart of episodes by the child's age at referral, girls and boys side by side. {parts}."


def _text(value: object) -> str:
    if value == "c":
        return "suppressed"
    if value is None:
        return "not yet reached"
    return f"{int(value):,}"


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, most important first, in the voice of para 2.22 of the 2016 report."""
    s = facts(figures).strategic
    say = NarrativeFormatter(params.suppression_threshold).format
    year, previous = params.year_label, year_label(previous_year(params.reporting_year))
    found = []
    if is_known(s.trend_annual_change_pct) and s.trend in TREND_HEADLINES:
        found.append(TREND_HEADLINES[s.trend].format(change=trend_change_words(
            s.trend_annual_change_pct, s.trend_lower_pct, s.trend_upper_pct)))
    if is_known(s.projected_new_referrals, s.projected_new_referrals_lower, s.projected_new_referrals_upper):
        found.append(say("In the first {m} months of {year} there were {n:count} new referrals; on the pattern of "
                         "earlier years the full year would see about {p:whole} (95% interval {lo:whole} to "
                         "{hi:whole}).", m=s.months_in_year, year=year, n=s.new_referrals,
                         p=s.projected_new_referrals, lo=s.projected_new_referrals_lower,
                         hi=s.projected_new_referrals_upper))
    if is_known(s.new_referrals_change_pct) and s.months_in_year == 12:
        found.append(say("There were {n:count} new referrals to the Hub in {year}, {change} in {previous}.",
                         n=s.new_referrals, year=year, previous=previous,
                         change=change_words(s.new_referrals_change_pct)))
    if is_known(s.male_children_pct):
        found.append(say("{p:pct} of the children referred to the Hub were boys.", p=s.male_children_pct))
    if is_known(s.peak_age_female, s.peak_age_male):
        found.append(say("The peak age for boys referred to the Hub was {m} years; for girls it was {f} years.",
                         m=s.peak_age_male, f=s.peak_age_female))
    if is_known(s.monthly_average_referrals, s.previous_monthly_average_referrals):
        compared = "in the same months of the previous year" if s.months_in_year < 12 else "the previous year"
        found.append(say("In the course of {year} there was an average of {a:whole} referrals per month, "
                         "compared to {b:whole} per month {compared}.", year=year, compared=compared,
                         a=s.monthly_average_referrals, b=s.previous_monthly_average_referrals))
    if is_known(s.episodes_in_year, s.children):
        found.append(say("The Hub dealt with {e:count} episodes for {c:count} children over the year; "
                         "{r:count} children were referred more than once.",
                         e=s.episodes_in_year, c=s.children, r=s.children_referred_more_than_once))
    return found


def previous_year_label(params: Params) -> str:
    """`2014/15` for a 2015-16 report."""
    return year_label(previous_year(params.reporting_year))
