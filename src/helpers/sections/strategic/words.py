"""Words of the strategic overview that have to be worked out: chart titles that state a finding, alt text,
and the section's key headlines. They read the *published* (suppressed) tables and figures only, so no
sentence can reveal a suppressed number. The narrative itself is in the notebook, as templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.display.formatting import pct_text
from helpers.display.narrative import NarrativeFormatter, facts, figure_text, figure_words, is_known
from helpers.display.words import change_words, published_number
from helpers.params import Params, add_months, year_label
from helpers.rules.calendar import previous_year
from helpers.sections.strategic.measures import QUARTERS


def trend_change_words(change: object, lower: object, upper: object) -> str:
    """`by about 38% a year (likely range 31% to 45%)`, or, either side of no change, the range in words."""
    numbers = [published_number(v) for v in (change, lower, upper)]
    if any(v is None for v in numbers):
        return ""
    number, low, high = numbers
    about = figure_text(change, pct_text(abs(number)))
    if low >= 0 or high <= 0:
        near, far = (
            figure_text(value, pct_text(abs(bound)))
            for value, bound in sorted(((lower, low), (upper, high)), key=lambda pair: abs(pair[1]))
        )
        return f"by about {about} a year (likely range {near} to {far})"
    return (
        f"the best estimate is a change of {about} a year {'up' if number >= 0 else 'down'}, "
        f"with a likely range from a fall of {figure_text(lower, pct_text(-low))} to a rise of "
        f"{figure_text(upper, pct_text(high))}"
    )


@dataclass(frozen=True)
class TrendVerdict:
    """The trend test's answer, said once: the sentence, the headline and the chart title all come from here."""

    sentence: str
    title: str
    headline: str | None


_VERDICTS = {  # judgement: (what new referrals did, the chart title)
    "still rising": (
        "New referrals were still rising over the 24 months to {month}",
        "New referrals were still rising in the 24 months to {month}",
    ),
    "levelling off": (
        "New referrals were levelling off over the 24 months to {month}: still rising{amount}, but "
        "more slowly towards the end",
        "New referrals were levelling off in the 24 months to {month}",
    ),
    "falling": (
        "New referrals were falling over the 24 months to {month}",
        "New referrals fell over the 24 months to {month}",
    ),
    "no clear change": (
        "There was no clear rise or fall in new referrals over the 24 months to {month}",
        "No clear rise or fall in new referrals in the 24 months to {month}",
    ),
}


def trend_verdict(judgement: object, change: object, lower: object, upper: object, last_month: str) -> TrendVerdict:
    """One verdict on the monthly series of new referrals, from the published trend figures."""
    if judgement not in _VERDICTS:
        return TrendVerdict("", f"New referrals by month to {last_month}", None)
    sentence = _verdict_sentence(judgement, change, lower, upper, last_month)
    return TrendVerdict(
        sentence, _VERDICTS[judgement][1].format(month=last_month), None if judgement == "no clear change" else sentence
    )


@figure_words
def _verdict_sentence(judgement: str, change: object, lower: object, upper: object, last_month: str) -> str:
    amount = trend_change_words(change, lower, upper)
    sentence = _VERDICTS[judgement][0].format(month=last_month, amount=f" {amount}" if amount else "")
    if amount and judgement != "levelling off":
        sentence += f"; {amount}" if judgement == "no clear change" else f", {amount}"
    return sentence + "."


@figure_words
def year_to_date_words(months_in_year: object, year: str) -> str:
    """`2015/16`, or `the first 9 months of 2020/21` when the data reach only part of the year."""
    if months_in_year == 12:
        return year
    return f"the first {figure_text(months_in_year, str(months_in_year))} months of {year}"


def year_finding(change: object, year: str) -> str:
    """Chart title for referrals by year."""
    value = published_number(change)
    if value is None:
        return f"New referrals to the Hub in {year}"
    if value == 0:
        return f"New referrals in {year} were level with the year before"
    return f"New referrals {'rose' if value > 0 else 'fell'} by {pct_text(abs(value))} in {year}"


def quarter_finding(quarters: pd.DataFrame, year: str) -> str:
    """Chart title for referrals by quarter: the reporting year's busiest quarter (a claim about the quarters,
    not the trend, which has its own verdict)."""
    row = quarters[quarters["Financial year"].str.startswith(year)]
    values = [published_number(v) for v in row.iloc[0, 1:5]] if len(row) else []
    if len(values) != 4 or any(v is None for v in values) or "(to " in row.iloc[0, 0]:
        return f"New referrals by financial quarter up to {year}"
    busiest = [QUARTERS[i].split()[0] for i, v in enumerate(values) if v == max(values)]
    return f"Referrals in {year} were highest in {' and '.join(busiest)}"


def quarter_alt_text(quarters: pd.DataFrame, year: str) -> str:
    row = quarters[quarters["Financial year"].str.startswith(year)]
    values = ", ".join(f"{q.split()[0]} {_text(v)}" for q, v in zip(QUARTERS, row.iloc[0, 1:5])) if len(row) else ""
    first = quarters["Financial year"].iloc[0]
    return (
        f"Bar chart of new referrals to the Hub in each financial quarter from {first} to {year}, "
        f"one bar per quarter, time running left to right. {year}: {values}."
    )


def year_alt_text(years: pd.DataFrame) -> str:
    parts = "; ".join(
        f"{r['Financial year']}: {_text(r['New referrals'])} new referrals, {_text(r['Episodes in year'])} episodes"
        for _, r in years.iterrows()
    )
    return f"Bar chart of new referrals and episodes in year for each financial year. {parts}."


def monthly_alt_text(months: pd.DataFrame, judgement: object) -> str:
    first, last = months.iloc[0], months.iloc[-1]
    return (
        f"Bar chart of new referrals in each month from {first['Month']} to {last['Month']}, with the average "
        f"of the last 12 months and the fitted trend of the last 24 months as lines. {last['Month']}: "
        f"{_text(last['New referrals'])} new referrals; average of the last 12 months "
        f"{last['Average of the last 12 months'] or 'not yet available'}. Trend test: {judgement or 'not possible'}."
    )


def age_finding(peak_female: object, peak_male: object) -> str:
    if peak_female is None or peak_male is None:
        return "Age at referral by gender"
    if peak_female == peak_male:
        return f"Referrals peaked at age {peak_female} for girls and boys alike"
    return f"Referrals peaked at age {peak_female} for girls and {peak_male} for boys"


def age_alt_text(ages: pd.DataFrame) -> str:
    rows = ages[ages["Age at referral"] != "Total"]
    parts = "; ".join(
        f"{r['Age at referral']}: {_text(r['Female'])} girls, {_text(r['Male'])} boys" for _, r in rows.iterrows()
    )
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
    verdict = trend_verdict(
        s.trend,
        s.trend_annual_change_pct,
        s.trend_lower_pct,
        s.trend_upper_pct,
        last_month_words(params, s.months_in_year),
    )
    if verdict.headline:
        found.append(verdict.headline)
    if is_known(s.projected_new_referrals, s.projected_new_referrals_lower, s.projected_new_referrals_upper):
        found.append(
            say(
                "In the first {s.months_in_year} months of {year} there were {s.new_referrals:count} new "
                "referrals; on the pattern of earlier years the full year would see about "
                "{s.projected_new_referrals:whole} (95% interval {s.projected_new_referrals_lower:whole} to "
                "{s.projected_new_referrals_upper:whole}).",
                s=s,
                year=year,
            )
        )
    if is_known(s.new_referrals_change_pct) and s.months_in_year == 12:
        found.append(
            say(
                "There were {s.new_referrals:count} new referrals to the Hub in {year}, {change} in {previous}.",
                s=s,
                year=year,
                previous=previous,
                change=change_words(s.new_referrals_change_pct),
            )
        )
    if is_known(s.male_children_pct):
        found.append(say("{s.male_children_pct:pct} of the children referred to the Hub were boys.", s=s))
    if is_known(s.peak_age_female, s.peak_age_male):
        found.append(
            say(
                "The peak age for boys referred to the Hub was {s.peak_age_male} years; for girls it was "
                "{s.peak_age_female} years.",
                s=s,
            )
        )
    if is_known(s.monthly_average_referrals, s.previous_monthly_average_referrals):
        compared = "in the same months of the previous year" if s.months_in_year < 12 else "the previous year"
        found.append(
            say(
                "In the course of {year} there was an average of {s.monthly_average_referrals:whole} "
                "referrals per month, compared to {s.previous_monthly_average_referrals:whole} per month "
                "{compared}.",
                s=s,
                year=year,
                compared=compared,
            )
        )
    if is_known(s.episodes_in_year, s.children):
        found.append(
            say(
                "The Hub dealt with {s.episodes_in_year:count} episodes for {s.children:count} children "
                "over the year; {s.children_referred_more_than_once:count} children were referred more "
                "than once.",
                s=s,
            )
        )
    return found


def previous_year_label(params: Params) -> str:
    """`2014/15` for a 2015-16 report."""
    return year_label(previous_year(params.reporting_year))


def last_month_words(params: Params, months_in_year: int) -> str:
    """`March 2016`: the last month the reporting window covers."""
    last = add_months(params.period[0], months_in_year - 1)
    return f"{last:%B %Y}"
