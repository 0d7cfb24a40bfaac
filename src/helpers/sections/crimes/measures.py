"""Crimes measures (../shared/spec/figures.md, Crimes).

Pure functions of the crimes and crime_suspects frames: they return figures and tables before
disclosure control, and never draw or print. Crimes are selected by recorded_date in the crime
period C; every percentage is of the CSE crimes recorded in C (cancelled crimes included) unless
its definition says otherwise. The links (distinct crime_id, person_id pairs) defined here are
also the offenders of the suspects section.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

import pandas as pd

from helpers.disclosure import Figure, Table, count, derived, missing, percent, plain
from helpers.display.formatting import change_pct, percentage
from helpers.display.narrative import NarrativeFormatter, is_known
from helpers.display.words import (
    cell_words,
    change_words,
    largest_row,
    period_words,
    published_rows,
)
from helpers.inputs.reference import OUTSIDE_DISTRICT, Reference
from helpers.params import Params
from helpers.rules.calendar import Period
from helpers.rules.crimes import (
    BLANK_OUTCOME,
    FINALISED,
    NO_CRIME,
    NO_SUSPECTS,
    NOT_SUPPLIED,
    UNDER_INVESTIGATION,
    committed_before,
    cse_crimes_in,
    is_value,
    outcome_status,
    previous_missing_reason,
    previous_period_in_data,
    recorded_in,
    suspect_links,
    suspects_per_crime,
)
from helpers.rules.labels import (
    GRAND_TOTAL,
    NOT_KNOWN,
    THIS_PERIOD,
    TOTAL,
    YEAR_EARLIER,
)

SOURCE_NOTE = ("Source: police crime recording system, sexual offences against victims under 18 at the time "
               "of the offence (crimes extract).")
NOT_SHOWN = "Not shown: an extract it needs was not supplied (see the note at the start of this section)."
OUTSIDE_DISTRICT_LABEL = "Outside district"
CHANGE, CHANGE_PCT = "Change", "% change"
CRIMES_COLUMN, PCT_COLUMN = "Crimes", "% of CSE crimes"
DEFINITIONS: dict[str, str] = {
    "crimes.child_sexual_offences": "Sexual offences against victims under 18 recorded in the crime period "
    "(by the date the crime was recorded), CSE-tagged or not.",
    "crimes.cse_crimes": "Of those, crimes carrying the police's child sexual exploitation tag (CSE crimes).",
    "crimes.cse_pct": "CSE crimes as a percentage of all sexual offences against children recorded in the period.",
    "crimes.under_investigation": "CSE crimes whose outcome means they are still under investigation (NEW).",
    "crimes.under_investigation_pct": "Those as a percentage of CSE crimes.",
    "crimes.finalised": "CSE crimes with a final outcome (not under investigation, not no crime or cancelled).",
    "crimes.finalised_pct": "Those as a percentage of CSE crimes.",
    "crimes.no_crime": "CSE crimes whose outcome is no crime or cancelled/transferred.",
    "crimes.with_suspect": "CSE crimes with at least one person linked to them as suspect or offender.",
    "crimes.with_suspect_pct": "Those as a percentage of CSE crimes.",
    "crimes.suspect_links": "Links on CSE crimes: a link is one person on one crime, so a person linked to two "
    "crimes counts twice and a person listed twice on one crime counts once.",
    "crimes.with_multiple_suspects": "CSE crimes with two or more linked persons.",
    "crimes.victims_male_pct": "Percentage of CSE crimes whose victim is recorded as male.",
    "crimes.non_recent": "CSE crimes committed before the crime period began (a crime with no committed date "
    "is not counted).",
    "crimes.non_recent_pct": "Those as a percentage of CSE crimes.",
    "crimes.non_recent_before_cutoff": "Of those, crimes committed before the non-recent cut-off date "
    "(disclosures of non-recent offences).",
    "crimes.non_recent_before_cutoff_pct": "Those as a percentage of the CSE crimes committed before the "
    "period began.",
    "crimes.committed_date_not_known": "CSE crimes with no committed date recorded.",
    "crimes.earliest_committed_year": "The year of the earliest committed date among CSE crimes.",
    "crimes.location_not_known": "CSE crimes with no location recorded for the offence.",
    "crimes.location_not_known_pct": "Those as a percentage of CSE crimes.",
    "crimes.cse_crimes_change_pct": "Change in CSE crimes on the same-length period one year earlier.",
    "crimes.previous_cse_crimes": "CSE crimes recorded in the same-length period one year earlier; null when "
    "the crime data do not reach back to the start of that period.",
}
SUSPECT_KEYS = ("crimes.with_suspect", "crimes.with_suspect_pct", "crimes.suspect_links",
                "crimes.with_multiple_suspects")


# --- selections and rules ---------------------------------------------------------------------

# --- figures ----------------------------------------------------------------------------------

def crimes_figures(
    crimes: pd.DataFrame | None,
    suspects: pd.DataFrame | None,
    reference: Reference,
    period: Period,
    non_recent_before: dt.date,
) -> list[Figure]:
    """Every `crimes.*` figure for the crime period; None with a reason where an extract is absent."""
    if crimes is None:
        return missing(list(DEFINITIONS), NOT_SUPPLIED)
    recorded = recorded_in(crimes, period)
    cse = cse_crimes_in(crimes, period)
    total = len(cse)
    status = outcome_status(cse["outcome"], reference)
    under_investigation = int((status == UNDER_INVESTIGATION).sum())
    finalised = int((status == FINALISED).sum())
    non_recent = committed_before(cse, period[0])
    before_cutoff = int((non_recent & committed_before(cse, non_recent_before)).sum())
    male = int(is_value(cse["victim_gender"], "Male").sum())
    location_unknown = int(cse["location_ward_code"].isna().sum())
    before = previous_period_in_data(crimes, period)
    previous = None if before is None else len(cse_crimes_in(crimes, before))
    earliest = cse["committed_date"].min()
    figures = [
        count("crimes.child_sexual_offences", len(recorded)),
        count("crimes.cse_crimes", total),
        percent("crimes.cse_pct", total, len(recorded)),
        count("crimes.under_investigation", under_investigation),
        percent("crimes.under_investigation_pct", under_investigation, total),
        count("crimes.finalised", finalised),
        percent("crimes.finalised_pct", finalised, total),
        count("crimes.no_crime", int((status == NO_CRIME).sum())),
        percent("crimes.victims_male_pct", male, total),
        count("crimes.non_recent", int(non_recent.sum())),
        percent("crimes.non_recent_pct", int(non_recent.sum()), total),
        count("crimes.non_recent_before_cutoff", before_cutoff),
        percent("crimes.non_recent_before_cutoff_pct", before_cutoff, int(non_recent.sum())),
        count("crimes.committed_date_not_known", int(cse["committed_date"].isna().sum())),
        plain("crimes.earliest_committed_year", None if pd.isna(earliest) else int(earliest.year),
              why_missing="no CSE crime recorded in the period has a committed date"),
        count("crimes.location_not_known", location_unknown),
        percent("crimes.location_not_known_pct", location_unknown, total),
        *_previous_figures(total, previous, period),
    ]
    return figures + suspect_figures(cse, suspects)


def _previous_figures(total: int, previous: int | None, period: Period) -> list[Figure]:
    if previous is None:
        return missing(("crimes.cse_crimes_change_pct", "crimes.previous_cse_crimes"),
                               previous_missing_reason(period))
    none_before = "no CSE crime was recorded in the same period a year earlier" if previous == 0 else None
    return [derived("crimes.cse_crimes_change_pct", change_pct(total, previous), total, previous,
                    why_missing=none_before),
            count("crimes.previous_cse_crimes", previous)]


def suspect_figures(cse: pd.DataFrame, suspects: pd.DataFrame | None) -> list[Figure]:
    """The figures of persons linked to CSE crimes; None with a reason without the suspects extract."""
    if suspects is None:
        return missing(SUSPECT_KEYS, NO_SUSPECTS)
    links = suspect_links(suspects, cse["crime_id"])
    per_crime = suspects_per_crime(cse, links)
    with_suspect = int((per_crime >= 1).sum())
    return [
        count("crimes.with_suspect", with_suspect),
        percent("crimes.with_suspect_pct", with_suspect, len(cse)),
        count("crimes.suspect_links", len(links)),
        count("crimes.with_multiple_suspects", int((per_crime >= 2).sum())),
    ]


# --- tables -----------------------------------------------------------------------------------

def _count_table(name: str, title: str, label: str, rows: list[str], counts: list[int], total_label: str,
                 note: str, total_pct: bool = True) -> Table:
    """Rows of CSE crimes with their % of all CSE crimes, and a total row last (its % left blank if not `total_pct`)."""
    total = sum(counts)
    data = pd.DataFrame({
        label: [*rows, total_label],
        CRIMES_COLUMN: [*counts, total],
        PCT_COLUMN: [*(percentage(n, total) for n in counts), percentage(total, total) if total_pct else None],
    })
    data[CRIMES_COLUMN] = data[CRIMES_COLUMN].astype(int)
    return Table(
        name=name, title=title, data=data,
        kinds={label: "label", CRIMES_COLUMN: "count", PCT_COLUMN: "pct"},
        derived_from={PCT_COLUMN: ((CRIMES_COLUMN, 0), (CRIMES_COLUMN, total_label))},
        total_row=total_label, note=note,
    )


def period_counts(crimes: pd.DataFrame, suspects: pd.DataFrame | None, period: Period) -> dict[str, int]:
    """The crimes the year-on-year table compares, recorded in one period; with a suspect only when the
    suspects extract was supplied. Non-recent: committed before the period's own start."""
    cse = cse_crimes_in(crimes, period)
    counts = {"Child sexual offences": len(recorded_in(crimes, period)), "CSE crimes": len(cse)}
    if suspects is not None:
        per_crime = suspects_per_crime(cse, suspect_links(suspects, cse["crime_id"]))
        counts["CSE crimes with a suspect"] = int((per_crime >= 1).sum())
    counts["Non-recent CSE crimes"] = int(committed_before(cse, period[0]).sum())
    return counts


def year_on_year_table(crimes: pd.DataFrame, suspects: pd.DataFrame | None, period: Period) -> Table:
    """Crimes recorded in the period against the same-length period a year earlier, with the change; the year
    earlier, change and % change are blank when the data do not reach back to that period."""
    now = period_counts(crimes, suspects, period)
    before_period = previous_period_in_data(crimes, period)
    before = period_counts(crimes, suspects, before_period) if before_period else dict.fromkeys(now)
    data = pd.DataFrame({
        "Crimes": list(now),
        THIS_PERIOD: list(now.values()),
        YEAR_EARLIER: pd.array(list(before.values()), dtype="Int64"),
        CHANGE: pd.array([None if b is None else n - b for n, b in zip(now.values(), before.values())], dtype="Int64"),
        CHANGE_PCT: [None if b is None else change_pct(n, b) for n, b in zip(now.values(), before.values())],
    })
    earlier = (f"crimes recorded {period_words(before_period)}" if before_period
               else f"blank, as {previous_missing_reason(period)}")
    return Table(
        name="crimes_year_on_year",
        title="Crimes compared with the same period a year earlier",
        data=data,
        kinds={"Crimes": "label", THIS_PERIOD: "count", YEAR_EARLIER: "count", CHANGE: "value", CHANGE_PCT: "pct"},
        derived_from={CHANGE: ((THIS_PERIOD, 0), (YEAR_EARLIER, 0)), CHANGE_PCT: ((THIS_PERIOD, 0), (YEAR_EARLIER, 0))},
        note=f"{SOURCE_NOTE} This period: crimes recorded {period_words(period)}. A year earlier: {earlier}. "
             "Non-recent: committed before the start of its period. With a suspect: at least one person linked "
             "as suspect or offender. % change is blank when the year earlier had none.",
    )


def outcome_sort_key(outcome: str) -> tuple:
    """The order of the appendices' outcome tables: spaces and punctuation before digits before letters.

    `1: CHARGED` comes before `10: ...`, `18 ...` before `1A CHARGED`, `3: ...` before `CANCELLED/TRANSFERRED`.
    """
    return tuple((0 if not c.isalnum() else 1 if c.isdigit() else 2, c.casefold()) for c in outcome)


def outcomes_table(cse: pd.DataFrame, reference: Reference, period: Period) -> Table:
    """CSE crimes by outcome as exported (the appendix tables: outcome, count, %, Grand total)."""
    outcomes = cse["outcome"].fillna(BLANK_OUTCOME).astype(str)
    frequency = outcomes.value_counts()
    rows = sorted(frequency.index, key=outcome_sort_key)
    statuses = outcome_status(pd.Series(rows, dtype=object), reference)
    meaning = "; ".join(
        f"{', '.join(r for r, s in zip(rows, statuses) if s == status)}: {status.lower()}"
        for status in (UNDER_INVESTIGATION, NO_CRIME) if (statuses == status).any())
    return _count_table(
        "crimes_outcomes", "CSE crimes by outcome", "Outcome", rows, [int(frequency[r]) for r in rows], GRAND_TOTAL,
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by outcome as the police system "
             f"exports it. {meaning + '; ' if meaning else ''}every other outcome is finalised. The police do "
             "not hold conviction outcomes.",
        total_pct=False,  # the appendices' layout
    )


def suspects_per_crime_table(cse: pd.DataFrame, suspects: pd.DataFrame, period: Period) -> Table:
    """CSE crimes by the number of persons linked to them, from 0 to the most on one crime."""
    per_crime = suspects_per_crime(cse, suspect_links(suspects, cse["crime_id"]))
    most = int(per_crime.max()) if len(per_crime) else 0
    frequency = per_crime.value_counts()
    numbers = list(range(most + 1))
    return _count_table(
        "crimes_suspects_per_crime", "CSE crimes by the number of persons linked to them",
        "Persons linked to the crime", [str(n) for n in numbers], [int(frequency.get(n, 0)) for n in numbers], TOTAL,
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}. A linked person is a suspect or offender "
             "on the crime; a person listed twice on one crime counts once.",
    )


def location_table(cse: pd.DataFrame, reference: Reference, period: Period) -> Table:
    """CSE crimes by the constituency where the offence was committed, then Outside district and Not known."""
    wards = dict(zip(reference.wards["ward_code"], reference.wards["constituency"]))
    constituency = cse["location_ward_code"].map(wards)
    place = constituency.where(constituency.notna(), cse["location_ward_code"].replace(
        {OUTSIDE_DISTRICT: OUTSIDE_DISTRICT_LABEL}))
    place = place.fillna(NOT_KNOWN).astype(str)
    rows = [*reference.constituencies, OUTSIDE_DISTRICT_LABEL, NOT_KNOWN]
    frequency = place.value_counts()
    return _count_table(
        "crimes_location", "CSE crimes by where the offence was committed", "Constituency of the offence",
        rows, [int(frequency.get(r, 0)) for r in rows], TOTAL,
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by the ward where the offence was "
             "committed, grouped into constituencies. Not known: no location recorded.",
    )


def decade_label(year: int) -> str:
    """2014 -> `2010s`."""
    return f"{year // 10 * 10}s"


def committed_by_decade_table(cse: pd.DataFrame, period: Period) -> Table:
    """CSE crimes by the decade they were committed in, every decade from the earliest, then Not known."""
    years = cse["committed_date"].dropna().dt.year
    decades = [] if years.empty else list(range(int(years.min()) // 10 * 10, int(years.max()) // 10 * 10 + 1, 10))
    frequency = (years // 10 * 10).value_counts()
    return _count_table(
        "crimes_committed_by_decade", "CSE crimes by the decade the offence was committed", "Decade committed",
        [decade_label(d) for d in decades] + [NOT_KNOWN],
        [int(frequency.get(d, 0)) for d in decades] + [int(cse["committed_date"].isna().sum())], TOTAL,
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by the earliest date the offence was "
             "committed. Not known: no committed date recorded.",
    )


# --- words from published values ---------------------------------------------------------------
# Titles, alt text and narrative are worked out from the *published* (suppressed) tables and
# figures only, so no sentence can reveal a suppressed number.

def location_finding(cells: pd.DataFrame, year: str) -> str:
    places = published_rows(cells, (TOTAL,))
    constituencies = [p for p in places.iloc[:, 0] if p not in (NOT_KNOWN, OUTSIDE_DISTRICT_LABEL)]
    top = largest_row(places, CRIMES_COLUMN, constituencies)
    if top is None:
        return f"Where the CSE crimes recorded in {year} were committed"
    return f"{top} had more CSE crimes in {year} than any other constituency"


def _crime_counts_words(cells: pd.DataFrame) -> str:
    """`1950s: suppressed; 2010s: 315` for the rows of a published crimes table, total left out."""
    rows = published_rows(cells, (TOTAL,))
    return "; ".join(f"{r.iloc[0]}: {cell_words(r[CRIMES_COLUMN])}" for _, r in rows.iterrows())


def location_alt_text(cells: pd.DataFrame, finding: str) -> str:
    parts = _crime_counts_words(cells)
    return f"Bar chart of CSE crimes by where the offence was committed. {finding}. {parts}."


def decade_finding(earliest_year: object, year: str) -> str:
    if earliest_year is None:
        return f"When the CSE crimes recorded in {year} were committed"
    return f"Some CSE crimes recorded in {year} date back to the {decade_label(int(earliest_year))}"


def decade_alt_text(cells: pd.DataFrame, finding: str) -> str:
    parts = _crime_counts_words(cells)
    return f"Bar chart of CSE crimes by the decade the offence was committed, earliest on the left. {finding}. {parts}."


def scope_words(params: Params) -> str:
    """`in the Bradford district` or `in the Bradford South area`."""
    return f"in the {params.area} area" if params.area else "in the Bradford district"







def comparison_clause(change: object, previous: object, threshold: int) -> str:
    """`, 36% more crimes than the 80 recorded in the same period a year earlier`, or nothing when unknown."""
    if not is_known(change, previous):
        return ""
    return NarrativeFormatter(threshold).format(
        ", {change} the {previous:count} recorded in the same period a year earlier",
        change=change_words(change, "crimes"), previous=previous)


def year_earlier_words(previous: object, reason: str) -> str:
    """Introduces the year-on-year table, or says why the crimes cannot be compared with a year earlier."""
    if previous is None:
        return f"The crimes recorded in the period cannot be compared with a year earlier: {reason}."
    return "The table below compares the crimes recorded in the period with the same period a year earlier."


def undated_words(undated: object, threshold: int) -> str:
    """The sentence on CSE crimes with no committed date, which are not counted as non-recent."""
    if undated == 0:
        return "Every CSE crime has the date of the offence recorded."
    return NarrativeFormatter(threshold).format(
        "For {undated:count} CSE crimes no date of the offence is recorded; they are not counted as non-recent.",
        undated=undated)


def area_location_words(params: Params) -> str:
    """Why an area report shows the places of the offences as a table only."""
    return (f"In an area report every crime counted was committed in a ward of the {params.area} area, so the "
            "table below has no other constituency, and no crime outside the district or at an unknown place.")


def earliest_words(earliest_year: object) -> str:
    """`Some of the offences recorded date back as far as the 1950s.`, or nothing when unknown."""
    if earliest_year is None:
        return ""
    return f"Some of the offences recorded date back as far as the {decade_label(int(earliest_year))}."


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report."""
    say = NarrativeFormatter(params.suppression_threshold).format
    get = figures.get
    period = params.crime_period
    found = []
    if is_known(get("crimes.cse_crimes"), get("crimes.cse_pct")):
        found.append(say(
            "Between {start:date} and {end:date}, {scope}, {n:count} crimes were recorded by the police as "
            "\u201cchild sexual exploitation crimes\u201d{compared}; this constitutes {p:pct} of all sexual "
            "offences against children recorded during that period.",
            start=period[0], end=period[1], scope=scope_words(params), n=get("crimes.cse_crimes"),
            compared=comparison_clause(get("crimes.cse_crimes_change_pct"), get("crimes.previous_cse_crimes"),
                                       params.suppression_threshold),
            p=get("crimes.cse_pct")))
    if is_known(get("crimes.non_recent_pct"), get("crimes.non_recent_before_cutoff_pct")):
        found.append(say("{p:pct} of the CSE crimes were committed before {start:date}, and {q:pct} of those "
                         "before {cutoff:date}: disclosures of non-recent offences.",
                         p=get("crimes.non_recent_pct"), start=period[0], q=get("crimes.non_recent_before_cutoff_pct"),
                         cutoff=params.non_recent_before))
    return found
