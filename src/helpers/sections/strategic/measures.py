"""Strategic overview measures: episodes, new referrals and the children referred.

Pure functions of the episodes and risk_assessments frames: they return figures and tables before
disclosure control, and never draw or print. `publication` declares them for the disclosure engine:
each count of new referrals or episodes is the quantity of its period (`new_referrals@2015-04-01~2016-03-31`),
so the same count in the year table, the quarter table, the month table and a figure is one quantity,
and a year is the sum of its quarters and its months.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.disclosure.declare import (
    Figure,
    OpaqueSpec,
    Quantity,
    Relation,
    SectionPublication,
    Table,
    average,
    change,
    count,
    difference,
    missing,
    opaque,
    plain,
    ratio,
    share,
    sum_relation,
)
from helpers.display.formatting import (
    change_pct,
    financial_quarter,
    financial_year,
    percentage,
    round_half_away,
)
from helpers.inputs.scope import ScopeData
from helpers.params import year_label
from helpers.rules.calendar import (
    Period,
    add_months,
    parse_reporting_year,
    period_quantity,
    previous_period,
    year_period,
)
from helpers.rules.episodes import (
    EPISODES_IN_YEAR,
    age_on,
    first_assessment_level,
    in_period,
    latest_episode_per_child,
    started_in,
)
from helpers.rules.labels import GENDER_COLUMNS
from helpers.stats.trends import (
    TOO_SHORT,
    Trend,
    judge_trend,
    monthly_counts,
    months_in_window,
    project_full_year,
    rolling_average,
)

QUARTERS = ("Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar")
SOURCE_NOTE = "Source: children's social care episodes of the Hub (LCS extract)."
HEADLINE = 3.0  # the year's new referrals lead the section and the key headlines: hidden last
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
    "strategic.male_children_pct": "Percentage of those children recorded as male on their latest episode in the year.",
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


def data_start(episodes: pd.DataFrame) -> dt.date | None:
    """Where the episodes extract starts: the first day of the month of its first referral."""
    first = episodes["start_date"].min()
    return None if pd.isna(first) else first.date().replace(day=1)


def covers(episodes: pd.DataFrame, period: Period) -> bool:
    """The extract covers a period when it starts on or before the period's first day."""
    start = data_start(episodes)
    return start is not None and start <= period[0]


def referrals_quantity(period: Period) -> str:
    """The quantity of new referrals in a period: the same name wherever that count is published."""
    return f"new_referrals@{period[0].isoformat()}~{period[1].isoformat()}"


def episodes_quantity(period: Period) -> str:
    return period_quantity(EPISODES_IN_YEAR, period)


def open_at_start_quantity(period: Period) -> str:
    return f"open_at_start@{period[0].isoformat()}~{period[1].isoformat()}"


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
    """Every `strategic.*` count and share for one reporting period (the year, or the year to date)."""
    months = months_in_window(period)
    in_year = episodes_in_year(episodes, period)
    total = len(in_year)
    referrals = new_referrals(episodes, period)
    before = previous_period(period)
    covered = covers(episodes, before)
    previous = new_referrals(episodes, before) if covered else None
    no_risk = no_risk_at_referral(in_year, assessments, no_risk_level)
    episodes_per_child = in_year.groupby("child_id").size()
    latest = latest_episode_per_child(in_year)
    male_children = int((latest["gender"] == "Male").sum())
    if not covered:
        no_previous = (
            f"the data start in {data_start(episodes):%B %Y}, after the start of the same period a year earlier"
            if data_start(episodes)
            else "there are no referrals in the data"
        )
    else:
        no_previous = "there were no referrals in the previous year to compare with" if previous == 0 else None
    no_children = "there were no children to take a percentage of"
    this, last = referrals_quantity(period), referrals_quantity(before)
    return [
        count("strategic.episodes_in_year", total, quantity=episodes_quantity(period)),
        count(
            "strategic.open_at_start",
            int((in_year["start_date"] < pd.Timestamp(period[0])).sum()),
            quantity=open_at_start_quantity(period),
        ),
        count("strategic.new_referrals", referrals, quantity=this, importance=HEADLINE),
        ratio(
            "strategic.monthly_average_referrals", round_half_away(referrals / months, 1), average({this: 1.0}, months)
        ),
        count("strategic.no_risk_at_referral", no_risk),
        ratio(
            "strategic.no_risk_at_referral_pct",
            percentage(no_risk, total),
            share("strategic.no_risk_at_referral", episodes_quantity(period)),
            why_missing=None if total else no_children,
        ),
        count("strategic.children", len(episodes_per_child)),
        count("strategic.children_referred_more_than_once", int((episodes_per_child >= 2).sum())),
        ratio(
            "strategic.male_children_pct",
            percentage(male_children, len(latest)),
            share("strategic.male_children", "strategic.children"),
            why_missing=None if len(latest) else no_children,
        ),
        plain(
            "strategic.peak_age_female",
            peak_age(in_year, "Female"),
            why_missing="no episode in the year was for a girl",
        ),
        plain("strategic.peak_age_male", peak_age(in_year, "Male"), why_missing="no episode in the year was for a boy"),
        ratio(
            "strategic.new_referrals_change_pct",
            None if previous is None else change_pct(referrals, previous),
            change(this, last),
            why_missing=no_previous,
        ),
        *(
            [
                count("strategic.previous_new_referrals", previous, quantity=last),
                ratio(
                    "strategic.previous_monthly_average_referrals",
                    round_half_away(previous / months, 1),
                    average({last: 1.0}, months),
                ),
            ]
            if covered
            else missing(
                ("strategic.previous_new_referrals", "strategic.previous_monthly_average_referrals"), no_previous
            )
        ),
    ]


def figure_quantities(episodes: pd.DataFrame, period: Period) -> list[Quantity]:
    """Counts the figures' shares are worked out from that no table shows."""
    latest = latest_episode_per_child(episodes_in_year(episodes, period))
    return [Quantity("strategic.male_children", int((latest["gender"] == "Male").sum()))]


def monthly_referrals(episodes: pd.DataFrame, window_end: dt.date) -> pd.Series:
    """New referrals in each calendar month from the first referral in the data to the window's end."""
    last = pd.Period(window_end, "M")
    first = episodes["start_date"].min().to_period("M") if len(episodes) else last
    return monthly_counts(episodes["start_date"][episodes["start_date"] <= pd.Timestamp(window_end)], first, last)


def month_period(month: pd.Period) -> Period:
    return month.start_time.date(), month.end_time.date()


def trend_figures(episodes: pd.DataFrame, period: Period, window: Period) -> list[Figure]:
    """The trend of new referrals over the last 24 months, and the projection of a year to date.

    Both are worked out from monthly counts in ways a reader cannot invert, so each is shown only
    when every month it uses is.
    """
    monthly = monthly_referrals(episodes, window[1])
    trend = judge_trend(monthly)
    short = None
    if trend.judgement == TOO_SHORT:
        short = f"the data hold {trend.months} months of referrals; a trend needs 24"
    elif trend.annual_change_pct is None:
        short = "too few of the last 24 months had any referral to fit a trend"
    months = months_in_window(window)
    fitted = tuple(referrals_quantity(month_period(m)) for m in monthly.index[-24:])
    figures = [
        plain("strategic.trend", None if trend.judgement == TOO_SHORT else trend.judgement, why_missing=short),
        *(
            opaque(f"strategic.{key}", value, fitted, why_missing=short)
            for key, value in (
                ("trend_annual_change_pct", trend.annual_change_pct),
                ("trend_lower_pct", trend.lower_pct),
                ("trend_upper_pct", trend.upper_pct),
            )
        ),
        plain("strategic.months_in_year", months),
    ]
    full_year = "the data cover the whole reporting year" if window == period else None
    if full_year:
        projection = [None, None, None]
    else:
        result = project_full_year(monthly, pd.Period(period[0], "M"), months)
        projection = [result.projected, result.lower, result.upper]
    so_far = tuple(referrals_quantity(month_period(m)) for m in monthly.index if window[0] <= m.start_time.date())
    for key, value in zip(
        ("projected_new_referrals", "projected_new_referrals_lower", "projected_new_referrals_upper"), projection
    ):
        figures.append(opaque(f"strategic.{key}", value, so_far, why_missing=full_year))
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
    data = pd.DataFrame(
        {
            "Month": [f"{m:%b %Y}" for m in shown.index],
            "New referrals": shown.to_numpy(),
            "Average of the last 12 months": rolling_average(shown).to_numpy(),
            "Trend of the last 24 months": fitted.reindex(shown.index).to_numpy(),
        }
    )
    quantities = {(row, "New referrals"): referrals_quantity(month_period(m)) for row, m in enumerate(shown.index)}
    derived = {}
    for row in range(11, len(data)):
        derived[(row, "Average of the last 12 months")] = average(
            {(earlier, "New referrals"): 1.0 for earlier in range(row - 11, row + 1)}, 12
        )
    trend_rows = [row for row in range(len(data)) if pd.notna(data.at[row, "Trend of the last 24 months"])]
    for row in trend_rows:
        derived[(row, "Trend of the last 24 months")] = OpaqueSpec(tuple((r, "New referrals") for r in trend_rows))
    return Table(
        name="strategic_monthly_referrals",
        title="New referrals by month",
        data=data,
        kinds={
            "Month": "label",
            "New referrals": "count",
            "Average of the last 12 months": "value",
            "Trend of the last 24 months": "value",
        },
        derived=derived,
        quantities=quantities,
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


def _year_labels(years: list[str], periods: list[Period], start: dt.date | None = None) -> list[str]:
    """`2015/16`; a year the data reach only in part says so: `2012/13 (from January 2013)`, `2016/17 (to 31 July
    2016)`, so that no part year reads as a whole one."""
    labels = [year_label(y) for y in years]
    if start is not None and start > periods[0][0]:
        labels[0] += f" (from {start:%B %Y})"
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
    before = [
        new_referrals(episodes, previous_period(p)) if covers(episodes, previous_period(p)) else None for p in periods
    ]
    data = pd.DataFrame(
        {
            "Financial year": _year_labels(years, periods, data_start(episodes)),
            "New referrals": referrals,
            "New referrals a year earlier": pd.array(before, dtype="Int64"),
            "Change on previous year": pd.array(
                [None if b is None else r - b for r, b in zip(referrals, before)], dtype="Int64"
            ),
            "% change on previous year": [None if b is None else change_pct(r, b) for r, b in zip(referrals, before)],
            "Episodes in year": [len(episodes_in_year(episodes, p)) for p in periods],
        }
    )
    quantities, derived = {}, {}
    for row, period in enumerate(periods):
        quantities[(row, "New referrals")] = referrals_quantity(period)
        quantities[(row, "Episodes in year")] = episodes_quantity(period)
        if before[row] is not None:
            quantities[(row, "New referrals a year earlier")] = referrals_quantity(previous_period(period))
            this, last = (row, "New referrals"), (row, "New referrals a year earlier")
            derived[(row, "Change on previous year")] = difference(this, last)
            derived[(row, "% change on previous year")] = change(this, last)
    return Table(
        name="strategic_referrals_by_year",
        title="New referrals and episodes by financial year",
        data=data,
        kinds={
            "Financial year": "label",
            "New referrals": "count",
            "New referrals a year earlier": "count",
            "Change on previous year": "value",
            "% change on previous year": "pct",
            "Episodes in year": "count",
        },
        derived=derived,
        quantities=quantities,
        note=f"{SOURCE_NOTE} A new referral is an episode that started in the year; episodes in year "
        "also count episodes that started earlier and were still open. First year: the year of the "
        "first referral in the data. A year shown to a date is compared with the same months a year earlier "
        "(the column 'New referrals a year earlier').",
    )


def quarters_reached(year_start: dt.date, window_end: dt.date) -> int:
    """Quarters of the year the data reach, the last perhaps in part (its months so far)."""
    quarter_starts = [add_months(year_start, 3 * q) for q in range(4)]
    return sum(start <= window_end for start in quarter_starts)


def quarter_period(year_start: dt.date, number: int, window_end: dt.date) -> Period:
    start = add_months(year_start, 3 * (number - 1))
    return start, min(add_months(start, 3) - dt.timedelta(days=1), window_end)


def referrals_by_quarter(episodes: pd.DataFrame, last_year: str, window_end: dt.date) -> Table:
    """New referrals in each financial quarter of every year in the data up to the reporting year.

    For a year to date, quarters the data do not reach are blank, and the last quarter holds the
    months so far, so that the row total is the year to date shown in the year table.
    """
    years = years_in_data(episodes, last_year)
    periods = _year_periods(years, window_end)
    start, end = periods[0][0], periods[-1][1]
    started = episodes[started_in(episodes, start, end)]
    keys = pd.DataFrame(
        {
            "year": started["start_date"].map(financial_year),
            "quarter": started["start_date"].map(financial_quarter),
        }
    )
    grid = keys.value_counts().unstack(fill_value=0).reindex(index=years, columns=[1, 2, 3, 4], fill_value=0)
    data = pd.DataFrame({"Financial year": _year_labels(years, periods, data_start(episodes))})
    reached = quarters_reached(year_period(years[-1])[0], window_end)
    for number, label in enumerate(QUARTERS, start=1):
        column = pd.array(grid[number].to_numpy().astype(int), dtype="Int64")
        if number > reached:
            column[-1] = pd.NA
        data[label] = column
    data["Total"] = data[list(QUARTERS)].sum(axis=1).astype(int)
    quantities = {}
    for row, period in enumerate(periods):
        quantities[(row, "Total")] = referrals_quantity(period)
        for number, label in enumerate(QUARTERS, start=1):
            quantities[(row, label)] = referrals_quantity(quarter_period(period[0], number, period[1]))
    return Table(
        name="strategic_referrals_by_quarter",
        title="New referrals by financial quarter",
        data=data,
        kinds={"Financial year": "label", **dict.fromkeys(QUARTERS, "count"), "Total": "count"},
        total_column="Total",
        quantities=quantities,
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
        kinds={"Age at referral": "label", **dict.fromkeys(GENDER_COLUMNS, "count")},
        total_row="Total",
        note=f"{SOURCE_NOTE} Age in whole years on the day the episode started. Counts are episodes, "
        "so a child referred twice counts twice.",
    )


def _period_of(quantity: str) -> Period:
    start, end = quantity.split("@")[1].split("~")
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def _months_of(period: Period) -> list[str]:
    return [referrals_quantity(month_period(m)) for m in pd.period_range(period[0], period[1], freq="M")]


def relations(window: Period, tables: list[Table]) -> list[Relation]:
    """Episodes in year are those open at the start and the new referrals; each gender's total of the age
    table adds up to episodes in year; a period's new referrals are the sum of its months wherever the
    months are published too."""
    ages = tables[-1]
    total = ages.row_position("Total")
    found = [
        sum_relation(
            "episodes in year", episodes_quantity(window), [open_at_start_quantity(window), referrals_quantity(window)]
        ),
        sum_relation(
            "age table against episodes in year",
            episodes_quantity(window),
            [ages.quantity(total, column) for column in GENDER_COLUMNS],
        ),
    ]
    declared = {
        name
        for table in tables
        for (row, column), name in table.quantities.items()
        if pd.notna(table.data.at[row, column])
    }
    for name in sorted(n for n in declared if n.startswith("new_referrals@")):
        months = _months_of(_period_of(name))
        if months != [name] and all(m in declared for m in months):
            found.append(sum_relation(f"{name} and its months", name, months))
    return found


def referral_series(scope: ScopeData) -> dict[str, SectionPublication]:
    """The counts later reports publish again, by the financial year they belong to: each year's new
    referrals, episodes in year and episodes open at its start, its quarters and its months, from the year
    of the first referral to the report's own (to date).

    Every report of every later year shows some of them again (the year and quarter tables, the last
    three years of months), so each year's are decided once, in order, and kept by every later report.
    """
    episodes, window = scope.extracts.episodes, scope.window
    years = years_in_data(episodes, scope.params.reporting_year)
    by_year: dict[str, SectionPublication] = {}
    for year, period in zip(years, _year_periods(years, window[1])):
        in_year = episodes_in_year(episodes, period)
        quarters = [
            quarter_period(period[0], n, period[1]) for n in range(1, quarters_reached(period[0], period[1]) + 1)
        ]
        months = [month_period(m) for m in pd.period_range(period[0], period[1], freq="M")]
        figures = [
            count(
                f"series.{referrals_quantity(period)}",
                new_referrals(episodes, period),
                quantity=referrals_quantity(period),
                importance=HEADLINE,
            )
        ]
        figures += [
            count(f"series.{referrals_quantity(p)}", new_referrals(episodes, p), quantity=referrals_quantity(p))
            for p in [*quarters, *months]
        ]
        opening = int((in_year["start_date"] < pd.Timestamp(period[0])).sum())
        figures += [
            count(f"series.{episodes_quantity(period)}", len(in_year), quantity=episodes_quantity(period)),
            count(f"series.{open_at_start_quantity(period)}", opening, quantity=open_at_start_quantity(period)),
        ]
        relations_of_year = [
            sum_relation(
                "year and its quarters", referrals_quantity(period), [referrals_quantity(q) for q in quarters]
            ),
            sum_relation(
                "episodes in year",
                episodes_quantity(period),
                [open_at_start_quantity(period), referrals_quantity(period)],
            ),
            *(
                sum_relation(f"{referrals_quantity(q)} and its months", referrals_quantity(q), _months_of(q))
                for q in quarters
            ),
        ]
        by_year[year] = SectionPublication("strategic", figures=figures, relations=relations_of_year)
    return by_year


def publication(scope: ScopeData) -> SectionPublication:
    """The strategic overview of one report, declared for the disclosure engine."""
    data, params, window = scope.extracts, scope.params, scope.window
    episodes = data.episodes
    tables = [
        referrals_by_year(episodes, params.reporting_year, window[1]),
        referrals_by_quarter(episodes, params.reporting_year, window[1]),
        monthly_referrals_table(episodes, window[1]),
        age_by_gender(episodes, window),
    ]
    figures = strategic_figures(episodes, data.risk_assessments, window, params.no_risk_level) + trend_figures(
        episodes, params.period, window
    )
    return SectionPublication(
        "strategic",
        figures=figures,
        tables=tables,
        quantities=figure_quantities(episodes, window),
        relations=relations(window, tables),
        facts={"window": window, "period": params.period, "months_in_year": months_in_window(window)},
    )
