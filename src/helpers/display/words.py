"""Words shared by every section: published values in sentences and alt text, and changes in words.

Titles, alt text and narrative are worked out from the *published* (suppressed) tables and
figures only, so no sentence can reveal a suppressed number.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.display.formatting import SUPPRESSED, date_text, pct_text


def published_number(value: object) -> float | None:
    """A published value as a number; None when it is suppressed or missing."""
    if value is None or value == SUPPRESSED:
        return None
    return value if isinstance(value, float) else float(value)  # a Share keeps its whole number for words


def change_words(change: object, noun: str = "referrals") -> str:
    """`65% more referrals than`, `12% fewer referrals than`, `the same number of referrals as`."""
    if change == SUPPRESSED:
        return f"a number of {noun} (change suppressed) against"
    value = published_number(change)
    if value is None:
        return f"a number of {noun} not comparable with"
    if value == 0:
        return f"the same number of {noun} as"
    return f"{pct_text(abs(value))} {'more' if value > 0 else 'fewer'} {noun} than"


def period_words(period: tuple[dt.date, dt.date]) -> str:
    """`1 April 2015 to 31 March 2016`."""
    return f"{date_text(period[0])} to {date_text(period[1])}"


def cell_words(value: object) -> str:
    """A published cell in alt text: `1,153`, `suppressed`, `none`."""
    if value == SUPPRESSED:
        return "suppressed"
    if value is None:
        return "none"
    return f"{int(value):,}"


def published_rows(cells: pd.DataFrame, leave_out: tuple[str, ...]) -> pd.DataFrame:
    """The rows of a published table except the named ones (totals, Not known)."""
    return cells[~cells.iloc[:, 0].isin(leave_out)]


def largest_row(cells: pd.DataFrame, column: str, candidates: list[str] | None = None) -> str | None:
    """Label of the candidate row with the largest published value, when no other candidate can equal it.

    A hidden cell is below the threshold, or was hidden as the smallest published cell of its column,
    so it is smaller than the winner as long as some smaller non-zero value is published in `cells`.
    """
    values = pd.to_numeric(cells[column].where(cells[column] != SUPPRESSED), errors="coerce")
    labels = cells.iloc[:, 0].astype(str)
    among = values[labels.isin(candidates)] if candidates is not None else values
    published = among.dropna()
    if published.empty or (published == published.max()).sum() > 1:
        return None
    smallest = values[values > 0].min()
    if (cells[column] == SUPPRESSED).any() and not published.max() > smallest:
        return None
    return str(labels[published.idxmax()])
