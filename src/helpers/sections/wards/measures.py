"""Ward measures (docs/measures.md, Wards): children at risk at each month end, by ward.

A child is at risk in month m when, on the last day of m, an episode of any exploitation type
is open (the open-on-day rule) and its risk level that day is one of the scale's at-risk levels
(neither the no-risk level nor Not set). A child with several such episodes counts once, with
the episode that started last: its ward, its level, and the child's gender and ethnicity as
recorded on it.

The rate per 10,000 children under 18 takes the average monthly number of children at risk as
the event count of the public-health method (the Fingertips crude rate): exact Poisson limits
from the chi-squared distribution when the count is below 10, Byar's approximation from 10.

Pure functions: they return figures and tables before disclosure control, and never draw or print.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
from typing import Literal, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.stats import chi2, norm

from helpers.disclosure import Figure, PublishedTable, Table, plain
from helpers.display.formatting import SUPPRESSED, round_half_away
from helpers.display.narrative import NarrativeFormatter, facts, is_known
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import BROAD_GROUPS, Reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import area_wards
from helpers.params import Params
from helpers.rules.episodes import age_on, latest_episode_per_child, level_on, open_on
from helpers.rules.labels import GENDER_COLUMNS

AGE_BANDS = ("Under 10", "10-12", "13-15", "16-17")
ADULT_BAND = "18 or over"
AT_RISK = "Children at risk"
PER = 10_000  # rates are per 10,000 children under 18
BYARS_FROM = 10  # the public-health method: exact Poisson limits below 10 events, Byar's from 10
CONFIDENCE = {"95": 0.95, "99_8": 0.998}
SOURCE_NOTE = ("Source: children's social care episodes and risk assessments of the Hub; ONS mid-2020 "
               "estimates of children aged 0-17 by ward.")
Comparison = Literal["higher", "similar", "lower"]

DEFINITIONS: dict[str, str] = {
    "wards.district_average_at_risk": "Average monthly number of children at risk of exploitation living in "
    "the district's wards: the children at risk at the end of each month, summed over the months and divided "
    "by the number of months. A child is at risk at a month end when an episode of any exploitation type is "
    "open on that day with a risk level above no risk; a child counts once, in the ward of the episode that "
    "started last. Children placed out of area and those with no ward recorded are left out.",
    "wards.district_population_under_18": "Children aged 0-17 living in the district (ONS mid-2020 estimate).",
    "wards.district_rate_per_10k": "The district's average monthly number of children at risk per 10,000 "
    "children under 18, computed from the unrounded average.",
    "wards.area_average_at_risk": "The same average for the children living in the area's wards.",
    "wards.area_population_under_18": "Children aged 0-17 living in the area's wards (ONS mid-2020 estimate).",
    "wards.area_rate_per_10k": "The area's average monthly number of children at risk per 10,000 children "
    "under 18.",
    "wards.highest_rate_ward": "The ward of the report with the highest rate per 10,000.",
    "wards.highest_rate_per_10k": "That ward's rate per 10,000 children under 18.",
    "wards.higher_than_district": "The wards whose rate was higher than the district's, separated by "
    "semicolons: their 95% confidence interval (exact Poisson below an average of 10, Byar's from 10) lies "
    "wholly above the district rate. Blank when there is none.",
    "wards.lower_than_district": "The wards whose 95% confidence interval lies wholly below the district rate, "
    "separated by semicolons. Blank when there is none.",
}


# --- months and the children at risk at their ends -----------------------------------------------

def month_end(month: str) -> dt.date:
    """`2020-02` -> 29 February 2020."""
    year, number = (int(part) for part in month.split("-"))
    return dt.date(year, number, calendar.monthrange(year, number)[1])


def months_text(months: Sequence[str], joiner: str = "to") -> str:
    """`January to December 2020`, `April 2015 to March 2016`, `March 2020`; joiner `and` for `between`."""
    first, last = month_end(months[0]), month_end(months[-1])
    if first == last:
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B} {joiner} {last:%B %Y}"
    return f"{first:%B %Y} {joiner} {last:%B %Y}"


def months_phrase(months: Sequence[str], starts_sentence: bool = False) -> str:
    """`between January and December 2020`, or `in March 2020` for one month."""
    phrase = f"in {months_text(months)}" if len(months) == 1 else f"between {months_text(months, 'and')}"
    return phrase[0].upper() + phrase[1:] if starts_sentence else phrase


def age_band(age: int) -> str:
    if age < 10:
        return AGE_BANDS[0]
    if age < 13:
        return AGE_BANDS[1]
    if age < 16:
        return AGE_BANDS[2]
    if age < 18:
        return AGE_BANDS[3]
    return ADULT_BAND


def children_at_risk_on(
    episodes: pd.DataFrame, assessments: pd.DataFrame, day: dt.date, at_risk_levels: Sequence[str],
    reference: Reference,
) -> pd.DataFrame:
    """One row per child at risk on a day: ward_code, risk_level, age_band, gender, ethnic_group.

    Every attribute comes from the child's at-risk episode that started last (ties: the larger
    episode_id); ward_code is blank (NA) when the episode records none.
    """
    open_episodes = episodes[open_on(episodes, day)]
    levels = level_on(assessments, open_episodes["episode_id"], day)
    at_risk = open_episodes.assign(risk_level=levels)[levels.isin(list(at_risk_levels))]
    children = latest_episode_per_child(at_risk)
    genders = children["gender"].where(children["gender"].isin(GENDER_COLUMNS[:2]), GENDER_COLUMNS[2])
    return pd.DataFrame({
        "ward_code": children["ward_code"].astype("string"),
        "risk_level": children["risk_level"].astype(str),
        "age_band": age_on(children["date_of_birth"], pd.Timestamp(day)).map(age_band).astype(str),
        "gender": genders.astype(str),
        "ethnic_group": reference.broad_group(children["ethnicity"]),
    }).reset_index(drop=True)


def monthly_children_at_risk(
    episodes: pd.DataFrame, assessments: pd.DataFrame, months: Sequence[str], at_risk_levels: Sequence[str],
    reference: Reference,
) -> pd.DataFrame:
    """The children at risk at the end of each month, one row per child and month, with a `month` column."""
    frames = [children_at_risk_on(episodes, assessments, month_end(m), at_risk_levels, reference).assign(month=m)
              for m in months]
    return pd.concat(frames, ignore_index=True)


def in_wards(children: pd.DataFrame, ward_codes: Sequence[str]) -> pd.DataFrame:
    """Children whose ward (of their latest at-risk episode) is one of `ward_codes`.

    Out-of-area and blank ward codes are in no ward's list, so they drop out here.
    """
    return children[children["ward_code"].isin(list(ward_codes))]


def at_risk_levels(params: Params) -> tuple[str, ...]:
    """The scale's levels above no risk, most serious first."""
    return tuple(level for level in params.risk_levels if level != params.no_risk_level)


# --- rates and their intervals --------------------------------------------------------------------

def poisson_limits(events: float, confidence: float) -> tuple[float, float]:
    """Confidence limits of an event count by the public-health method (events may be an average).

    Below 10 events the exact limits from the chi-squared distribution; from 10, Byar's
    approximation. With no events the lower limit is 0.
    """
    if events < 0:
        raise ValueError(f"an event count cannot be negative: {events}")
    tail = (1 - confidence) / 2
    if events < BYARS_FROM:
        lower = 0.0 if events == 0 else float(chi2.ppf(tail, 2 * events)) / 2
        return lower, float(chi2.ppf(1 - tail, 2 * events + 2)) / 2
    z = float(norm.ppf(1 - tail))
    lower = events * (1 - 1 / (9 * events) - z / (3 * math.sqrt(events))) ** 3
    above = events + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return lower, upper


def rate_per_10k(average: float, population: int) -> float:
    """Unrounded rate per 10,000 from the unrounded average."""
    return float(PER * average / population)


def rate_limits(average: float, population: int, confidence: float) -> tuple[float, float]:
    """Unrounded confidence limits of a rate per 10,000."""
    lower, upper = poisson_limits(average, confidence)
    return rate_per_10k(lower, population), rate_per_10k(upper, population)


def rate_row(average: float, population: int) -> dict[str, float]:
    """Average, rate and both intervals, rounded to two decimals as published (rate from the unrounded average)."""
    row = {"average_at_risk": round_half_away(average, 2), "rate_per_10k": round_half_away(
        rate_per_10k(average, population), 2)}
    for suffix, confidence in CONFIDENCE.items():
        lower, upper = rate_limits(average, population, confidence)
        row[f"lower_{suffix}"], row[f"upper_{suffix}"] = round_half_away(lower, 2), round_half_away(upper, 2)
    return row


def compared_with(lower: float, upper: float, reference_rate: float) -> Comparison:
    """`higher` when the interval lies wholly above the reference rate, `lower` wholly below, else `similar`."""
    if lower > reference_rate:
        return "higher"
    if upper < reference_rate:
        return "lower"
    return "similar"


def funnel_limits(
    reference_rate: float, populations: Sequence[float] | np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """Control limits of a funnel plot: the interval of the count expected at the reference rate, as a rate."""
    populations = np.asarray(populations, dtype=float)
    limits = np.array([poisson_limits(e, confidence) for e in reference_rate * populations / PER])
    return PER * limits[:, 0] / populations, PER * limits[:, 1] / populations


# --- the wards of the report and their averages ---------------------------------------------------

def report_wards(reference: Reference, area: str | None) -> pd.DataFrame:
    """ward_code, ward_name, population_under_18 of the area's wards (every ward for the district), by name."""
    wards = reference.wards
    if area:
        wards = wards[wards["ward_code"].isin(area_wards(reference, area))]
    return wards[["ward_code", "ward_name", "population_under_18"]].sort_values("ward_name").reset_index(drop=True)


def district_extracts(params: Params, data: Extracts, reference: Reference) -> Extracts:
    """The whole district's extracts: the district rate needs them even in an area report.

    An area report's `data` holds only the area's episodes (helpers.context.restrict_to_area), so
    the extracts are read again without the restriction.
    """
    if not params.area:
        return data
    return load_extracts(params.data_dir, params.risk_scale, params.column_map, reference)


def average_at_risk(monthly: pd.DataFrame, ward_codes: Sequence[str], months: int) -> pd.Series:
    """Unrounded average monthly number of children at risk in each ward, indexed by ward_code."""
    counted = in_wards(monthly, ward_codes)["ward_code"].value_counts()
    return counted.reindex(list(ward_codes), fill_value=0).astype(float) / months


def district_average(monthly: pd.DataFrame, reference: Reference, months: int) -> float:
    """Unrounded average monthly number of children at risk in any of the district's wards."""
    return float(average_at_risk(monthly, reference.wards["ward_code"], months).sum())


def district_population(reference: Reference) -> int:
    return int(reference.wards["population_under_18"].sum())


def district_rate(monthly: pd.DataFrame, reference: Reference, months: int) -> float:
    """Unrounded rate per 10,000 of the whole district: children in any of its wards over its population."""
    return rate_per_10k(district_average(monthly, reference, months), district_population(reference))


def wards_rates(monthly: pd.DataFrame, wards: pd.DataFrame, months: int, district: float) -> Table:
    """Table `wards_rates`: each ward's average, population, rate, 95% and 99.8% limits and comparison."""
    averages = average_at_risk(monthly, wards["ward_code"], months)
    rows = []
    for ward in wards.itertuples():
        average = float(averages[ward.ward_code])
        lower, upper = rate_limits(average, ward.population_under_18, CONFIDENCE["95"])
        rows.append({"ward_code": ward.ward_code, "ward_name": ward.ward_name,
                     **rate_row(average, ward.population_under_18),
                     "population_under_18": int(ward.population_under_18),
                     "compared_with_district": compared_with(lower, upper, district)})
    columns = ["ward_code", "ward_name", "average_at_risk", "population_under_18", "rate_per_10k",
               "lower_95", "upper_95", "lower_99_8", "upper_99_8", "compared_with_district"]
    rates = ("average_at_risk", "rate_per_10k", "lower_95", "upper_95", "lower_99_8", "upper_99_8")
    return Table(
        name="wards_rates",
        title="Children at risk of exploitation by ward: average a month and rate per 10,000 children under 18",
        data=pd.DataFrame(rows, columns=columns),
        kinds={"ward_code": "label", "ward_name": "label", **{c: "rate" for c in rates},
               "population_under_18": "count", "compared_with_district": "label"},
        note=f"{SOURCE_NOTE} Average: children at risk at the end of each of {months} months, divided by "
             f"{months}. Rate per 10,000 children under 18, from the unrounded average. Intervals by the "
             "public-health method: exact Poisson below an average of 10, Byar's from 10. Compared with "
             f"district: the 95% interval lies wholly above (higher) or below (lower) the district rate of "
             f"{round_half_away(district, 2):.2f}. Averages are not counts and are not suppressed.",
    )


# --- month-by-month tables --------------------------------------------------------------------------
#
# Disclosure control of the month-by-month counts. Three kinds of sum link them:
# - the months of a ward add up to its child-months, which its published average reveals
#   (average x number of months), so `wards_monthly_at_risk` carries them as its row total and
#   suppression hides a second month wherever a ward would have exactly one month suppressed;
# - the groups of a breakdown add up to the month's total, so each breakdown table has one row per
#   ward and month with `Children at risk` as its row total, and suppression hides a second group
#   wherever a row would have exactly one suppressed;
# - the four breakdowns share those monthly totals: `hide_linked_totals` suppresses in each of
#   them the totals `wards_monthly_at_risk` suppressed, so no table shows a total another hides.

ALL_MONTHS = "All months"
BREAKDOWNS: dict[str, tuple[str, str]] = {  # table name -> (column of the children frame, what it shows)
    "wards_monthly_by_risk": ("risk_level", "risk level"),
    "wards_monthly_by_age_band": ("age_band", "age band"),
    "wards_monthly_by_gender": ("gender", "gender"),
    "wards_monthly_by_ethnicity": ("ethnic_group", "ethnic group"),
}


def breakdown_categories(name: str, monthly: pd.DataFrame, params: Params) -> tuple[str, ...]:
    """The columns of one month-by-month table, in the order the report uses everywhere.

    Age bands gain `18 or over` only when a young person of 18 was still open and at risk.
    """
    if name == "wards_monthly_by_risk":
        return at_risk_levels(params)
    if name == "wards_monthly_by_age_band":
        return AGE_BANDS + ((ADULT_BAND,) if (monthly["age_band"] == ADULT_BAND).any() else ())
    if name == "wards_monthly_by_gender":
        return GENDER_COLUMNS
    return BROAD_GROUPS


def _counts(children: pd.DataFrame, index: pd.MultiIndex) -> pd.Series:
    """Children in each cell of `index` (its level names are columns of `children`), zeros included."""
    return children.value_counts(list(index.names)).reindex(index, fill_value=0).astype(int)


def monthly_totals(monthly: pd.DataFrame, wards: pd.DataFrame, months: Sequence[str]) -> Table:
    """Table `wards_monthly_at_risk`: children at risk at each month end, one row per ward of the report.

    `All months` (the ward's child-months) is the row total that disclosure control needs; the report
    shows the table without it (months_only), as the ward's average already says it.
    """
    children = in_wards(monthly, wards["ward_code"])
    index = pd.MultiIndex.from_product([wards["ward_code"], list(months)], names=["ward_code", "month"])
    grid = _counts(children, index).unstack("month").reindex(index=wards["ward_code"], columns=list(months))
    data = pd.DataFrame({"ward_code": wards["ward_code"], "ward_name": wards["ward_name"]})
    for month in months:
        data[month] = grid[month].to_numpy()
    data[ALL_MONTHS] = grid.sum(axis=1).to_numpy()
    return Table(
        name="wards_monthly_at_risk",
        title="Children at risk of exploitation at each month end by ward",
        data=data,
        kinds={"ward_code": "label", "ward_name": "label", **{m: "count" for m in months}, ALL_MONTHS: "count"},
        total_column=ALL_MONTHS,
        note=f"{SOURCE_NOTE} Children at risk on the last day of each month (YYYY-MM), counted once, in the "
             "ward of their at-risk episode that started last.",
    )


def months_only(totals: PublishedTable) -> PublishedTable:
    """The published `wards_monthly_at_risk` without its `All months` column, as the report shows it."""
    cells = totals.cells.drop(columns=ALL_MONTHS)
    return dataclasses.replace(totals, cells=cells, kinds={c: totals.kinds[c] for c in cells.columns},
                               suppressed_cells=int((cells == SUPPRESSED).to_numpy().sum()))


def monthly_breakdown(
    name: str, monthly: pd.DataFrame, wards: pd.DataFrame, months: Sequence[str], categories: Sequence[str]
) -> Table:
    """One row per ward and month (every ward of the report, every month, zeros included): the children
    at risk at the month's end by one breakdown, with `Children at risk` as the row total."""
    column, what = BREAKDOWNS[name]
    children = in_wards(monthly, wards["ward_code"])
    index = pd.MultiIndex.from_product([wards["ward_code"], list(months), list(categories)],
                                       names=["ward_code", "month", column])
    grid = _counts(children, index).unstack(column).reindex(columns=list(categories))
    data = grid.reset_index().rename_axis(columns=None)
    data.insert(1, "ward_name", data["ward_code"].map(dict(zip(wards["ward_code"], wards["ward_name"]))))
    data[AT_RISK] = grid.sum(axis=1).to_numpy()
    return Table(
        name=name,
        title=f"Children at risk of exploitation at each month end by ward and {what}",
        data=data,
        kinds={"ward_code": "label", "ward_name": "label", "month": "label",
               **{c: "count" for c in categories}, AT_RISK: "count"},
        total_column=AT_RISK,
        note=f"{SOURCE_NOTE} Children at risk on the last day of each month (YYYY-MM), counted once, in the "
             f"ward of their at-risk episode that started last, with the {what} recorded on it.",
    )


def hide_linked_totals(breakdown: PublishedTable, table: Table, totals: PublishedTable) -> PublishedTable:
    """A published breakdown with every monthly total that the published `wards_monthly_at_risk` hides
    hidden too, and with its smallest non-zero group hidden where none of the month's groups was yet,
    so that the total cannot be added up from the groups.

    Needed because disclosure control checks the sums inside one table only (see the comment above).
    """
    hidden = {(row["ward_code"], month) for _, row in totals.cells.iterrows()
              for month in totals.cells.columns if row[month] == SUPPRESSED and month != ALL_MONTHS}
    groups = [c for c in table.count_columns if c != AT_RISK]
    cells = breakdown.cells.copy()
    added = 0
    for row in cells.index:
        if (cells.at[row, "ward_code"], cells.at[row, "month"]) not in hidden or cells.at[row, AT_RISK] == SUPPRESSED:
            continue
        cells.at[row, AT_RISK] = SUPPRESSED
        added += 1
        if not (cells.loc[row, groups] == SUPPRESSED).any():
            values = table.data.loc[row, groups]
            cells.at[row, values[values > 0].idxmin()] = SUPPRESSED  # a hidden total is never zero
            added += 1
    return dataclasses.replace(breakdown, cells=cells, suppressed_cells=breakdown.suppressed_cells + added)


# --- figures ------------------------------------------------------------------------------------------

NAME_SEPARATOR = "; "  # ward names hold "and" (Bolton and Undercliffe), never a semicolon


def ward_names(names: Sequence[str]) -> str:
    """`Tong`, `Tong and Wyke`, `Royds, Tong and Wyke`."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def ward_figures(
    monthly: pd.DataFrame, reference: Reference, rates: pd.DataFrame, months: int, area: str | None
) -> list[Figure]:
    """Every `wards.*` figure. `rates` is the data of the `wards_rates` table of the report's wards.

    Averages, populations and rates are not counts of children and are published as they are (the
    figures.md rule for ward averages); ward names are text.
    """
    average, population = district_average(monthly, reference, months), district_population(reference)
    found = [
        plain("wards.district_average_at_risk", round_half_away(average, 2)),
        plain("wards.district_population_under_18", population),
        plain("wards.district_rate_per_10k", round_half_away(rate_per_10k(average, population), 2)),
    ]
    if area:
        area_average = float(average_at_risk(monthly, rates["ward_code"], months).sum())
        area_population = int(rates["population_under_18"].sum())
        found += [
            plain("wards.area_average_at_risk", round_half_away(area_average, 2)),
            plain("wards.area_population_under_18", area_population),
            plain("wards.area_rate_per_10k", round_half_away(rate_per_10k(area_average, area_population), 2)),
        ]
    # The highest published (rounded) rate; a tie goes to the ward first by name.
    highest = rates.sort_values(["rate_per_10k", "ward_name"], ascending=[False, True], kind="mergesort").iloc[0]
    by_flag = {flag: NAME_SEPARATOR.join(rates.loc[rates["compared_with_district"] == flag, "ward_name"])
               for flag in ("higher", "lower")}
    nobody = "no child in these wards was at risk at a month end" if highest["rate_per_10k"] == 0 else None
    return found + [
        Figure("wards.highest_rate_ward", None if nobody else highest["ward_name"], why_missing=nobody),
        plain("wards.highest_rate_per_10k", None if nobody else float(highest["rate_per_10k"]), why_missing=nobody),
        Figure("wards.higher_than_district", by_flag["higher"]),
        Figure("wards.lower_than_district", by_flag["lower"]),
    ]


# --- findings: words for titles, alt text and headlines, from published tables and figures only ---------

NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
CATEGORY_WORDS = {  # how a category reads after "children at risk were ..."
    "Female": "girls", "Male": "boys", "Other or unknown": "of other or unknown gender",
    "Under 10": "under 10", "18 or over": "18 or over", "Not recorded": "of unrecorded ethnicity",
}


def _wards_word(number: int) -> str:
    words = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else f"{number:,}"
    return f"{words} ward{'s' if number != 1 else ''}"


def funnel_finding(rates: pd.DataFrame) -> str:
    """`Two wards had rates above the district's and one below`, from the published comparison."""
    higher = int((rates["compared_with_district"] == "higher").sum())
    lower = int((rates["compared_with_district"] == "lower").sum())
    if higher == 0 and lower == 0:
        return "Every ward's rate was in line with the district's"
    number, side = (higher, "above") if higher else (lower, "below")
    finding = f"{_wards_word(number)} had {'a rate' if number == 1 else 'rates'} {side} the district's"
    if higher and lower:
        finding += f" and {_wards_word(lower).split()[0].lower()} below"
    return finding


def funnel_alt_text(rates: pd.DataFrame, district_rate: object) -> str:
    points = "; ".join(f"{r.ward_name} {r.rate_per_10k:.2f} on {r.population_under_18:,} children"
                       for r in rates.itertuples())
    return (f"Funnel plot of each ward's rate of children at risk per 10,000 children under 18 against its "
            f"under-18 population, around the district rate of {float(district_rate):.2f} with its 95% and "
            f"99.8% control limits. {funnel_finding(rates)}. Rates: {points}.")


def busiest_ward_finding(rates: pd.DataFrame) -> str:
    """Title of the monthly small multiples: the ward with the highest published average."""
    if rates.empty or rates["average_at_risk"].max() == 0:
        return "No child in these wards was at risk at a month end"
    top = rates.sort_values(["average_at_risk", "ward_name"], ascending=[False, True], kind="mergesort").iloc[0]
    return f"{top['ward_name']} had the most children at risk: {top['average_at_risk']:.2f} a month on average"


def monthly_alt_text(rates: pd.DataFrame, months: Sequence[str]) -> str:
    wards = "; ".join(f"{r.ward_name} {r.average_at_risk:.2f} a month, {r.rate_per_10k:.2f} per 10,000"
                      for r in rates.itertuples())
    return (f"Bar charts, one for each of the {len(rates)} wards on the same scale, of the children at risk "
            f"at the end of each month from {months_text(months)}. {busiest_ward_finding(rates)}. {wards}.")


def category_totals(table: PublishedTable, categories: Sequence[str]) -> pd.Series:
    """Published counts of each category summed over wards and months (suppressed cells left out)."""
    return pd.Series({c: table.column(c).sum() for c in categories}).astype(int)


def breakdown_finding(name: str, table: PublishedTable, categories: Sequence[str]) -> str:
    """`Most children at risk were girls`, `More children at risk were aged 13-15 than in any other age
    band`: from the published counts, and only when the children in suppressed groups (the published
    monthly totals less the published groups) could not change it."""
    what = BREAKDOWNS[name][1]
    totals = category_totals(table, categories).sort_values(ascending=False, kind="mergesort")
    children = int(table.column(AT_RISK).sum())
    unpublished = max(0, children - int(totals.sum()))
    if children == 0:
        return "No child in these wards was at risk at a month end"
    if unpublished * 2 > children:
        return f"Most monthly counts by {what} in a single ward were too small to publish"
    top, lead = str(totals.index[0]), int(totals.iloc[0])
    if lead <= (int(totals.iloc[1]) if len(totals) > 1 else 0) + unpublished:
        return f"No one {what} clearly held the most children at risk"
    words = CATEGORY_WORDS.get(top, top)
    if name == "wards_monthly_by_risk":
        words = f"at the {top} level"
    elif name == "wards_monthly_by_age_band" and top not in CATEGORY_WORDS:
        words = f"aged {top}"
    if lead * 2 > children:
        return f"Most children at risk were {words}"
    return f"More children at risk were {words} than in any other {what}"


def breakdown_alt_text(name: str, table: PublishedTable, categories: Sequence[str], months: Sequence[str]) -> str:
    totals = category_totals(table, categories)
    wards = table.cells["ward_code"].nunique()
    parts = "; ".join(f"{c} {v:,}" for c, v in totals.items())
    hidden = f" {table.suppressed_cells:,} suppressed cells are left out." if table.suppressed_cells else ""
    return (f"Stacked bar charts, one for each of the {wards} wards on the same scale, of the children at risk "
            f"at the end of each month from {months_text(months)} by {BREAKDOWNS[name][1]}, stacked in the order "
            f"{', '.join(categories)} from the bottom up. {breakdown_finding(name, table, categories)}. Published "
            f"counts summed over wards and months: {parts}.{hidden}")


def breakdown_caption(name: str, months: Sequence[str], categories: Sequence[str]) -> str:
    what = BREAKDOWNS[name][1]
    order = ", ".join(categories)
    return (f"Children at risk at the end of each month, {months_text(months)}, by {what}, one panel per ward on "
            f"the same scale; each bar stacks {order} from the bottom up. Hatched: children whose {what} is "
            "suppressed (the month's total less the groups shown); c: a month whose total is suppressed.")


def reader_view(rates: PublishedTable) -> PublishedTable:
    """The published `wards_rates` with headers for readers, highest rate first (as the 2021 report)."""
    headers = {"ward_name": "Ward", "average_at_risk": "Children at risk, average a month",
               "population_under_18": "Children under 18", "rate_per_10k": "Rate per 10,000 children",
               "lower_95": "95% interval, lower", "upper_95": "95% interval, upper",
               "lower_99_8": "99.8% interval, lower", "upper_99_8": "99.8% interval, upper",
               "compared_with_district": "Compared with district (95%)"}
    cells = (rates.cells.sort_values(["rate_per_10k", "ward_name"], ascending=[False, True], kind="mergesort")
             [list(headers)].rename(columns=headers).reset_index(drop=True))
    return dataclasses.replace(rates, name="wards_comparison", cells=cells,
                               kinds={headers[c]: rates.kinds[c] for c in headers})


def summary_template(area: str | None) -> str:
    """Narrative of the section's opening figures, for Section.say with `w` (the wards facts)."""
    if area:
        return ("{period}, an average of {w.area_average_at_risk:.2f} children a month were at risk of "
                "exploitation in the {wards:count} wards of the {area} area. With {w.area_population_under_18:count} "
                "children under 18 living there, that is a rate of {w.area_rate_per_10k:.2f} per 10,000, against "
                "{w.district_rate_per_10k:.2f} per 10,000 for the whole district.")
    return ("{period}, an average of {w.district_average_at_risk:.2f} children a month were at risk of "
            "exploitation in the district's {wards:count} wards. With {w.district_population_under_18:count} "
            "children under 18 living in the district, that is a rate of {w.district_rate_per_10k:.2f} per 10,000.")


def comparison_sentence(higher: object, lower: object) -> str:
    """Which wards' rates differ from the district's, from the published `wards.*_than_district` figures."""
    parts = []
    for names, side in ((higher, "higher"), (lower, "lower")):
        if is_known(names) and names:
            listed = str(names).split(NAME_SEPARATOR)
            parts.append(f"{ward_names(listed)} {'had a rate' if len(listed) == 1 else 'had rates'} {side} than "
                         "the district's")
    if not parts:
        return "No ward's rate differed from the district's by more than chance would explain."
    return "; ".join(parts) + "."


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report."""
    w = facts(figures).wards
    say = NarrativeFormatter(params.suppression_threshold).format
    period = months_phrase(params.months, starts_sentence=True)
    found = []
    if params.area and is_known(getattr(w, "area_average_at_risk", None), getattr(w, "area_rate_per_10k", None),
                                w.district_rate_per_10k):
        found.append(say("{period}, an average of {a:whole} children a month were at risk of exploitation in "
                         "the {area} area, {r:.2f} per 10,000 children under 18, against {d:.2f} for the "
                         "district.", period=period, area=params.area, a=w.area_average_at_risk,
                         r=w.area_rate_per_10k, d=w.district_rate_per_10k))
    elif not params.area and is_known(w.district_average_at_risk, w.district_rate_per_10k):
        found.append(say("{period}, an average of {a:whole} children a month were at risk of exploitation in "
                         "the district, {r:.2f} per 10,000 children under 18.", period=period,
                         a=w.district_average_at_risk, r=w.district_rate_per_10k))
    if is_known(w.highest_rate_ward, w.highest_rate_per_10k):
        found.append(say("The highest rate was in {ward}, with {r:.2f} children at risk per 10,000 children "
                         "under 18.", ward=w.highest_rate_ward, r=w.highest_rate_per_10k))
    if is_known(w.higher_than_district) and w.higher_than_district:
        found.append(comparison_sentence(w.higher_than_district, ""))
    return found
