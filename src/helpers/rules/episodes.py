"""Rules shared by every section that counts episodes (docs/measures.md, Common rules)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from helpers.inputs.reference import NOT_SET

EPISODES_IN_YEAR = "episodes_in_year"  # the measure of episodes open at some point in a period


def _day(value: dt.date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value)


def in_period(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.Series:
    """Rows open at some point in [start, end]: start_date <= end and (no end_date or end_date >= start).

    Unlike the open-on-day rule, an episode closed on `start` counts.
    """
    return (frame["start_date"] <= _day(end)) & (frame["end_date"].isna() | (frame["end_date"] >= _day(start)))


def open_on(frame: pd.DataFrame, day: dt.date) -> pd.Series:
    """Rows open on a day: start_date <= day and (no end_date or end_date > day)."""
    return (frame["start_date"] <= _day(day)) & (frame["end_date"].isna() | (frame["end_date"] > _day(day)))


def started_in(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.Series:
    return frame["start_date"].between(_day(start), _day(end))


def age_on(date_of_birth: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
    """Age in whole years on a day (calendar age: the birthday must have been reached)."""
    if not isinstance(day, pd.Series):
        day = pd.Series(pd.Timestamp(day), index=date_of_birth.index)
    before_birthday = (day.dt.month < date_of_birth.dt.month) | (
        (day.dt.month == date_of_birth.dt.month) & (day.dt.day < date_of_birth.dt.day)
    )
    return (day.dt.year - date_of_birth.dt.year - before_birthday.astype(int)).astype("Int64")


def natural_key(identifier: str) -> tuple:
    """Order identifiers as a person would: E99 before E100, 0042 after 41 (and after 42, by the text)."""
    text = str(identifier)
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)
    return (parts, text)


def latest_episode_per_child(episodes: pd.DataFrame) -> pd.DataFrame:
    """Each child's episode that started last (ties: the larger episode_id), one row per child."""
    ordered = episodes.assign(_id_key=episodes["episode_id"].map(natural_key))
    ordered = ordered.sort_values(["start_date", "_id_key"], kind="mergesort")
    return ordered.drop(columns="_id_key").groupby("child_id", sort=True).tail(1)


def first_assessment_level(assessments: pd.DataFrame) -> pd.Series:
    """Risk level of each episode's first assessment: earliest date, ties the one listed first."""
    ordered = assessments.sort_values("assessment_date", kind="mergesort")
    return ordered.groupby("episode_id", sort=True)["risk_level"].first()


def level_on(assessments: pd.DataFrame, episode_ids: pd.Series, day: dt.date) -> pd.Series:
    """Risk level of each episode on a day: its latest assessment on or before the day
    (several that day: the one listed last); `Not set` when there is none. Indexed like episode_ids."""
    known = assessments[assessments["assessment_date"] <= _day(day)]
    latest = known.sort_values("assessment_date", kind="mergesort").groupby("episode_id")["risk_level"].last()
    return episode_ids.map(latest).fillna(NOT_SET).astype(str)


def data_end(episodes: pd.DataFrame, assessments: pd.DataFrame) -> pd.Timestamp | None:
    """The latest date in the episodes and assessments: how far the extract reaches."""
    dates = pd.concat([episodes["start_date"], episodes["end_date"], assessments["assessment_date"]]).dropna()
    return dates.max() if len(dates) else None
