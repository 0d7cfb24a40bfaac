"""Strategic overview measures (../shared/spec/figures.md, Strategic overview).

Pure functions of the episodes and risk_assessments frames: they return figures and tables
before disclosure control, and never draw or print.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

import pandas as pd

from helpers.disclosure import Figure, Table, count, derived, percent, plain
from helpers.episodes import age_on, first_assessment_level, in_period, latest_episode_per_child, started_in
from helpers.formatting import change_pct, financial_quarter, financial_year, pct_text, round_half_away
from helpers.narrative import NarrativeFormatter, facts, is_known
from helpers.params import Params, add_months, parse_reporting_year, year_label
from helpers.trends import TOO_SHORT, Trend, judge_trend, monthly_counts, months_in_window, project_full_year, rolling_average

Period = tuple[dt.date, dt.date]
QUARTERS = ("Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar")
GENDER_COLUMNS = ("Female", "Male", "Other or unknown")
SOURCE_NOTE = "Source: children's social care episodes of the Hub (LCS extract)."
SECTION_TITLE = "Strategic overview"
FIGURE_PREFIXES = ("strategic.",)
DEFINITIONS: dict[str, str] = {
    "strategic.episodes_in_year": "Episodes open at some point in the year: started on or before 31 March "
    "and not closed before 1 April (an episode closed on 1 April counts).",
    "strategic.open_at_start": "Of the episodes in year, those that started before 1 April.",
    "strategic.new_referrals": "Episodes that started in the year.",
    "strategic.monthly_average_referrals": "New referrals divided by 12 (by the months covered, for a year to "
    "date), to one decimal place.",
    "strategic.no_risk_at_referral": "Episodes in year whose first assessment (the earliest, whenever it "
    "was made) found no risk.",
    "strategic.no_risk_at_referral_pct": "No risk at referral as a percentage of episodes in year.",
    "strategic.children": "Different children among the episodes in year.",
    "strategic.children_referred_more_than_once": "Children with two or more episodes in year.",
    "strategic.male_children_pct": "Percentage of those children recorded as male on their latest episode "
    "in the year.",
    "strategic.peak_age_female": "The most frequent age in whole years at the start of the episode, over "
    "girls' episodes in year (a tie goes to the younger age).",
    "strategic.peak_age_male": "The same for boys' episodes.",
    "strategic.new_referrals_change_pct": "Change in new referrals on the previous reporting year.",
    "strategic.previous_new_referrals": "New referrals in the previous reporting year.",
    "strategic.previous_monthly_average_referrals": "Monthly average of new referrals in the previous "
    "reporting year (the same months, for a year to date).",
    "strategic.trend": "The trend test's judgement on new referrals over the last 24 months: still rising, "
    "levelling off, falling, or no clear change when the evidence is not clear.",
    "strategic.trend_annual_change_pct": "The change a year in new referrals estimated by the trend test "
    "(a quasi-Poisson regression of the last 24 monthly counts on time).",
    "strategic.trend_lower_pct": "Lower end of the 95% confidence interval of that change.",
    "strategic.trend_upper_pct": "Upper end of the 95% confidence interval of that change.",
    "strategic.months_in_year": "Months of the reporting year the data cover: 12 for a full year; fewer for a "
    "year to date, which runs to the end of the last complete month of data.",
    "strategic.projected_new_referrals": "For a year to date: the full year's new referrals projected from the "
    "months so far, using the share of a year's referrals those months carried in earlier years.",
    "strategic.projected_new_referrals_lower": "Lower end of the projection's 95% interval (the exact Poisson "
    "interval of the count so far, over the highest seasonal share of earlier years).",
    "strategic.projected_new_referrals_upper": "Upper end of the projection's 95% interval.",
}



def year_period(reporting_year: str) -> Period:
    first = parse_reporting_year(reporting_year)
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def previous_year(reporting_year: str) -> str:
    """`2015-16` -> `2014-15`."""
    first = parse_reporting_year(reporting_year) - 1
    return f"{first}-{(first + 1) % 100:02d}"


def previous_period(period: Period) -> Period:
    """The same days one year earlier."""
    start, end = period
    return _one_year_earlier(start), _one_year_earlier(end)


def _one_year_earlier(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else dt.date(day.year - 1, 2, 28)


def episodes_in_year(episodes: pd.DataFrame, period: Period) -> pd.DataFrame:
    return episodes[in_period(episodes, *period)]


def new_referrals(episodes: pd.DataFrame, period: Period) -> int:
    return int(started_in(episodes, *period).sum())


def no_risk_at_referral(episodes: pd.DataFrame, assessments: pd.DataFrame, no_risk_level: str) -> int:
    """Episodes whose first assessment (whenever it was) is the scale's no-risk level."""
    first = episodes["episode_id"].map(first_assessment_level(assessments))
    return int((first == no_risk_level).sum())


def referral_age(episodes: pd.DataFrame) -> pd.Series:
    """Age in whole years at the start of each episode."""
    return age_on(episodes["date_of_birth"], episodes["start_date"])


def peak_age(episodes: pd.DataFrame, gender: str) -> int | None:
    """Most frequent age at start among one gender's episodes; a tie goes to the younger age."""
    ages = referral_age(episodes[episodes["gender"] == gender]).dropna()
    if ages.empty:
        return None
    frequency = ages.value_counts()
    return int(frequency[frequency == frequency.max()].index.min())


def strategic_figures(
    episodes: pd.DataFrame, assessments: pd.DataFrame, period: Period, no_risk_level: str
) -> list[Figure]:
    """Every `strategic.*` figure for one reporting period (the year, or the year to date)."""
    months = months_in_window(period)
    in_year = episodes_in_year(episodes, period)
    total = len(in_year)
    referrals = new_referrals(episodes, period)
    previous = new_referrals(episodes, previous_period(period))
    no_risk = no_risk_at_referral(in_year, assessments, no_risk_level)
    episodes_per_child = in_year.groupby("child_id").size()
    latest = latest_episode_per_child(in_year)
    male_children = int((latest["gender"] == "Male").sum())
    no_previous = "there were no referrals in the previous year to compare with" if previous == 0 else None
    return [
        count("strategic.episodes_in_year", total),
        count("strategic.open_at_start", int((in_year["start_date"] < pd.Timestamp(period[0])).sum())),
        count("strategic.new_referrals", referrals),
        derived("strategic.monthly_average_referrals", round_half_away(referrals / months, 1), referrals),
        count("strategic.no_risk_at_referral", no_risk),
        percent("strategic.no_risk_at_referral_pct", no_risk, total),
        count("strategic.children", len(episodes_per_child)),
        count("strategic.children_referred_more_than_once", int((episodes_per_child >= 2).sum())),
        percent("strategic.male_children_pct", male_children, len(latest)),
        plain("strategic.peak_age_female", peak_age(in_year, "Female"),
              why_missing="no episode in the year was for a girl"),
        plain("strategic.peak_age_male", peak_age(in_year, "Male"),
              why_missing="no episode in the year was for a boy"),
        derived("strategic.new_referrals_change_pct", change_pct(referrals, previous), referrals, previous,
                why_missing=no_previous),
        count("strategic.previous_new_referrals", previous),
        derived("strategic.previous_monthly_average_referrals", round_half_away(previous / months, 1), previous),
    ]


def monthly_referrals(episodes: pd.DataFrame, window_end: dt.date) -> pd.Series:
    """New referrals in each calendar month from the first referral in the data to the window's end."""
    last = pd.Period(window_end, "M")
    first = episodes["start_date"].min().to_period("M") if len(episodes) else last
    return monthly_counts(episodes["start_date"][episodes["start_date"] <= pd.Timestamp(window_end)], first, last)


def trend_figures(episodes: pd.DataFrame, period: Period, window: Period) -> list[Figure]:
    """The trend of new referrals over the last 24 months, and the projection of a year to date."""
    monthly = monthly_referrals(episodes, window[1])
    trend = judge_trend(monthly)
    short = None
    if trend.judgement == TOO_SHORT:
        short = f"the data hold {trend.months} months of referrals; a trend needs 24"
    elif trend.annual_change_pct is None:
        short = "too few of the last 24 months had any referral to fit a trend"
    months = months_in_window(window)
    figures = [
        plain("strategic.trend", None if trend.judgement == TOO_SHORT else trend.judgement, why_missing=short),
        plain("strategic.trend_annual_change_pct", trend.annual_change_pct, why_missing=short),
        plain("strategic.trend_lower_pct", trend.lower_pct, why_missing=short),
        plain("strategic.trend_upper_pct", trend.upper_pct, why_missing=short),
        plain("strategic.months_in_year", months),
    ]
    full_year = "the data cover the whole reporting year" if window == period else None
    if full_year:
        projection = [None, None, None]
        counts: tuple[int, ...] = ()
    else:
        result = project_full_year(monthly, pd.Period(period[0], "M"), months)
        projection = [result.projected, result.lower, result.upper]
        counts = (result.year_to_date,)
    for key, value in zip(("projected_new_referrals", "projected_new_referrals_lower",
                           "projected_new_referrals_upper"), projection):
        figures.append(derived(f"strategic.{key}", value, *counts, why_missing=full_year))
    return figures


MONTHS_SHOWN = 36


def monthly_referrals_table(episodes: pd.DataFrame, window_end: dt.date) -> Table:
    """Monthly new referrals of the last three years (from a quarter's start, so that no quarter of
    the quarterly table is shown only in part), with the average of the last 12 months where all 12
    are in the table, and the fitted trend of the last 24 months."""
    monthly = monthly_referrals(episodes, window_end)
    trend: Trend = judge_trend(monthly)
    first = monthly.index[-1] - (MONTHS_SHOWN - 1)
    first -= (first.month - 4) % 3  # back to the start of its financial quarter
    shown = monthly[monthly.index >= first]
    fitted = trend.fitted if trend.fitted is not None else pd.Series(dtype=float)
    data = pd.DataFrame({
        "Month": [f"{m:%b %Y}" for m in shown.index],
        "New referrals": shown.to_numpy(),
        "Average of the last 12 months": rolling_average(shown).to_numpy(),
        "Trend of the last 24 months": fitted.reindex(shown.index).to_numpy(),
    })
    return Table(
        name="strategic_monthly_referrals",
        title="New referrals by month",
        data=data,
        kinds={"Month": "label", "New referrals": "count", "Average of the last 12 months": "value",
               "Trend of the last 24 months": "value"},
        # The average with eleven published months would give the twelfth away.
        derived_from={"Average of the last 12 months": tuple(("New referrals", -k) for k in range(12))},
        note=f"{SOURCE_NOTE} The trend is the fitted line of the trend test (a quasi-Poisson regression of "
             "the monthly counts of the last 24 months on time).",
    )


def years_in_data(episodes: pd.DataFrame, last_year: str) -> list[str]:
    """Financial years from the one holding the first referral up to `last_year`."""
    first = parse_reporting_year(financial_year(episodes["start_date"].min())) if len(episodes) else None
    last = parse_reporting_year(last_year)
    if first is None or first > last:
        return [last_year]
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(first, last + 1)]


def _year_periods(years: list[str], window_end: dt.date) -> list[Period]:
    """Each year's period; the reporting year (the last) stops where the data stop."""
    periods = [year_period(y) for y in years]
    periods[-1] = (periods[-1][0], min(periods[-1][1], window_end))
    return periods


def _year_labels(years: list[str], periods: list[Period]) -> list[str]:
    labels = [year_label(y) for y in years]
    if periods[-1][1] < year_period(years[-1])[1]:
        labels[-1] += f" (to {periods[-1][1].day} {periods[-1][1]:%B %Y})"
    return labels


def referrals_by_year(episodes: pd.DataFrame, last_year: str, window_end: dt.date) -> Table:
    """New referrals and episodes in year for every year in the data up to the reporting year.

    A reporting year the data do not yet cover is shown to date, and its change is on the same
    months of the year before, never a part year against a full one.
    """
    years = years_in_data(episodes, last_year)
    periods = _year_periods(years, window_end)
    referrals = [new_referrals(episodes, p) for p in periods]
    # What each change is worked out from: the year before, or its same months for a year to date.
    before = [None, *(new_referrals(episodes, previous_period(p)) for p in periods[1:])]
    data = pd.DataFrame({
        "Financial year": _year_labels(years, periods),
        "New referrals": referrals,
        "New referrals a year earlier": pd.array(before, dtype="Int64"),
        "Change on previous year": pd.array([None if b is None else r - b for r, b in zip(referrals, before)],
                                            dtype="Int64"),
        "% change on previous year": [None if b is None else change_pct(r, b) for r, b in zip(referrals, before)],
        "Episodes in year": [len(episodes_in_year(episodes, p)) for p in periods],
    })
    return Table(
        name="strategic_referrals_by_year",
        title="New referrals and episodes by financial year",
        data=data,
        kinds={"Financial year": "label", "New referrals": "count", "New referrals a year earlier": "count",
               "Change on previous year": "value", "% change on previous year": "pct", "Episodes in year": "count"},
        derived_from={
            "Change on previous year": (("New referrals", 0), ("New referrals a year earlier", 0)),
            "% change on previous year": (("New referrals", 0), ("New referrals a year earlier", 0)),
        },
        note=f"{SOURCE_NOTE} A new referral is an episode that started in the year; episodes in year "
             "also count episodes that started earlier and were still open. First year: the year of the "
             "first referral in the data. A year shown to a date is compared with the same months a year earlier "
             "(the column 'New referrals a year earlier').",
    )


def quarters_reached(year_start: dt.date, window_end: dt.date) -> int:
    """Quarters of the year the data reach, the last perhaps in part (its months so far)."""
    quarter_starts = [add_months(year_start, 3 * q) for q in range(4)]
    return sum(start <= window_end for start in quarter_starts)


def referrals_by_quarter(episodes: pd.DataFrame, last_year: str, window_end: dt.date) -> Table:
    """New referrals in each financial quarter of every year in the data up to the reporting year.

    For a year to date, quarters the data do not reach are blank, and the last quarter holds the
    months so far, so that the row total is the year to date shown in the year table.
    """
    years = years_in_data(episodes, last_year)
    periods = _year_periods(years, window_end)
    start, end = periods[0][0], periods[-1][1]
    started = episodes[started_in(episodes, start, end)]
    keys = pd.DataFrame({
        "year": started["start_date"].map(financial_year),
        "quarter": started["start_date"].map(financial_quarter),
    })
    grid = keys.value_counts().unstack(fill_value=0).reindex(index=years, columns=[1, 2, 3, 4], fill_value=0)
    data = pd.DataFrame({"Financial year": _year_labels(years, periods)})
    reached = quarters_reached(year_period(years[-1])[0], window_end)
    for number, label in enumerate(QUARTERS, start=1):
        column = pd.array(grid[number].to_numpy().astype(int), dtype="Int64")
        if number > reached:
            column[-1] = pd.NA
        data[label] = column
    data["Total"] = data[list(QUARTERS)].sum(axis=1).astype(int)
    return Table(
        name="strategic_referrals_by_quarter",
        title="New referrals by financial quarter",
        data=data,
        kinds={"Financial year": "label", **{q: "count" for q in QUARTERS}, "Total": "count"},
        total_column="Total",
        note=f"{SOURCE_NOTE} Quarters of the financial year: Q1 is April to June.",
    )


def age_band_label(age: int) -> str:
    if age < 10:
        return "Under 10"
    if age >= 18:
        return "18 or over"
    return str(age)


def age_by_gender(episodes: pd.DataFrame, period: Period) -> Table:
    """Episodes open in the year by the child's age at referral (start of episode) and gender.

    Totals are by gender only: a total for each age would force the suppression of a large count
    beside every small one (girls aged 16 hidden because few boys were), for little gain.
    """
    in_year = episodes_in_year(episodes, period)
    ages = referral_age(in_year).map(age_band_label)
    genders = in_year["gender"].where(in_year["gender"].isin(["Female", "Male"]), "Other or unknown")
    rows = ["Under 10", *[str(a) for a in range(10, 18)]]
    if (ages == "18 or over").any():
        rows.append("18 or over")
    grid = pd.crosstab(ages, genders).reindex(index=rows, columns=list(GENDER_COLUMNS), fill_value=0)
    data = grid.reset_index(names="Age at referral").rename_axis(columns=None)
    totals = {"Age at referral": "Total", **{c: int(data[c].sum()) for c in GENDER_COLUMNS}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    for column in GENDER_COLUMNS:
        data[column] = data[column].astype(int)
    return Table(
        name="strategic_age_by_gender",
        title=f"Episodes open in {year_label(financial_year(period[0]))} by age at referral and gender",
        data=data,
        kinds={"Age at referral": "label", **{c: "count" for c in GENDER_COLUMNS}},
        total_row="Total",
        grand_total_published=True,  # the gender totals add up to strategic.episodes_in_year
        note=f"{SOURCE_NOTE} Age in whole years on the day the episode started. Counts are episodes, "
             "so a child referred twice counts twice.",
    )


# Findings: words for titles, alt text and narrative, worked out from the *published* (suppressed)
# tables and figures only, so no sentence can reveal a suppressed number.

def _number(value: object) -> float | None:
    return None if value is None or value == "c" else float(value)


def change_words(change: object, noun: str = "referrals") -> str:
    """`65% more referrals than`, `12% fewer referrals than`, `the same number of referrals as`."""
    if change == "c":
        return f"a number of {noun} (change suppressed) against"
    value = _number(change)
    if value is None:
        return f"a number of {noun} not comparable with"
    if value == 0:
        return f"the same number of {noun} as"
    return f"{pct_text(abs(value))} {'more' if value > 0 else 'fewer'} {noun} than"


def trend_change_words(change: object, lower: object, upper: object) -> str:
    """`a rise of 38% a year (95% confidence interval 31% to 45%)`, a fall, or an interval either side of 0."""
    values = [_number(v) for v in (change, lower, upper)]
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
    value = _number(change)
    if value is None:
        return f"New referrals to the Hub in {year}"
    if value == 0:
        return f"New referrals in {year} were level with the year before"
    return f"New referrals {'rose' if value > 0 else 'fell'} by {pct_text(abs(value))} in {year}"


def quarter_finding(quarters: pd.DataFrame, year: str) -> str:
    """Chart title for referrals by quarter: the pattern of the reporting year's four quarters."""
    row = quarters[quarters["Financial year"].str.startswith(year)]
    values = [_number(v) for v in row.iloc[0, 1:5]] if len(row) else []
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
