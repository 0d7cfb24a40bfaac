"""Counting rules for crimes and the persons linked to them (figures.md, Crimes; Offenders and suspects).

Crimes are selected by recorded_date; a link is a distinct (crime_id, person_id) pair, so a person
listed twice on one crime counts once. The crimes and the offenders sections both count with these,
and name the counts they both publish with the functions here: a section may not import another, and
the disclosure engine must see the links of `crimes.suspect_links` and `offenders.links` as one count.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.display.formatting import date_text
from helpers.errors import InputError
from helpers.inputs.reference import Reference
from helpers.rules.calendar import Period, period_quantity, previous_period

NOT_SUPPLIED = "the police crime extract (crimes) was not supplied"
NO_SUSPECTS = "the police extract of persons linked to crimes (crime_suspects) was not supplied"
BLANK_OUTCOME = "NEW"  # the contract reads a blank outcome as NEW
UNDER_INVESTIGATION, FINALISED, NO_CRIME = "Under investigation", "Finalised", "No crime / cancelled"
CRIMES_RECORDED = "child_sexual_offences"  # the measure of every crime recorded in a period, CSE-tagged or not


def links_quantity(period: Period) -> str:
    """The links on the CSE crimes recorded in a period: `crimes.suspect_links` and `offenders.links`."""
    return period_quantity("suspect_links", period)


def recorded_in(crimes: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Crimes recorded in the period, both days included."""
    start, end = period
    return crimes[crimes["recorded_date"].between(pd.Timestamp(start), pd.Timestamp(end))]


def cse_crimes_in(crimes: pd.DataFrame, period: Period) -> pd.DataFrame:
    """CSE-tagged crimes recorded in the period."""
    recorded = recorded_in(crimes, period)
    return recorded[recorded["cse_flag"].astype(bool)]


def is_value(series: pd.Series, value: str) -> pd.Series:
    """Rows equal to a code; a blank is not equal to anything."""
    return series.eq(value).fillna(False).astype(bool)


def outcome_status(outcomes: pd.Series, reference: Reference) -> pd.Series:
    """Status of each outcome (Under investigation, Finalised, No crime / cancelled) from the reference list.

    The loader rejects an outcome missing from the list; a frame built another way gets the same message.
    """
    statuses = dict(zip(reference.crime_outcomes["outcome"], reference.crime_outcomes["status"], strict=True))
    texts = outcomes.fillna(BLANK_OUTCOME).astype(str)
    unknown = sorted(set(texts) - set(statuses))
    if unknown:
        raise InputError(
            "crime outcome(s) "
            + ", ".join(repr(u) for u in unknown)
            + " must be an outcome listed in the reference crime_outcomes.csv"
        )
    return texts.map(statuses)


def suspect_links(suspects: pd.DataFrame, crime_ids: pd.Series) -> pd.DataFrame:
    """Links on the given crimes: one row per distinct (crime_id, person_id), the first one listed."""
    on_crimes = suspects[suspects["crime_id"].isin(crime_ids)]
    return on_crimes.drop_duplicates(["crime_id", "person_id"]).reset_index(drop=True)


def suspects_per_crime(cse: pd.DataFrame, links: pd.DataFrame) -> pd.Series:
    """Number of persons linked to each crime (0 for none), one value per crime."""
    per_crime = links.groupby("crime_id").size()
    return pd.Series(cse["crime_id"].map(per_crime).fillna(0).astype(int).to_numpy(), index=cse.index)


def committed_before(cse: pd.DataFrame, day: dt.date) -> pd.Series:
    """Crimes committed before a day; a blank committed date is not before anything."""
    return cse["committed_date"].lt(pd.Timestamp(day)).fillna(False).astype(bool)


def extract_start(crimes: pd.DataFrame, crimes_from: dt.date | None) -> dt.date | None:
    """Where the crimes extract starts: `crimes_from` when given, else the first day of the month of its earliest
    recorded crime (figures.md, Common rules), so that an extract whose first crime was recorded on 4 April
    covers a period starting on 1 April. None for an extract with no crime."""
    if crimes_from is not None:
        return crimes_from
    first = crimes["recorded_date"].min()
    return None if pd.isna(first) else first.date().replace(day=1)


def previous_period_in_data(period: Period, start: dt.date | None) -> Period | None:
    """The same-length period a year earlier, or None when the extract (starting on `start`) does not cover it:
    a count of 0, or of part of a period, would read as a real fall."""
    previous = previous_period(period)
    return previous if start is not None and start <= previous[0] else None


def previous_missing_reason(period: Period, start: dt.date | None) -> str:
    """Why the period cannot be compared with the same period a year earlier."""
    earlier = date_text(previous_period(period)[0])
    if start is None:
        return "the crime extract holds no crime, so it does not cover the same period a year earlier"
    return f"the crime data start on {date_text(start)}, after {earlier}, the start of the same period a year earlier"
