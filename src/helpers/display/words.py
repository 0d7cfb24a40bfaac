"""Words shared by every section: published values in sentences and alt text, and changes in words.

Titles, alt text and narrative are worked out from the *published* (suppressed) tables and
figures only, so no sentence can reveal a suppressed number.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.display.formatting import SUPPRESSED, date_text, pct_text
from helpers.display.narrative import figure_text, figure_words


def published_number(value: object) -> float | None:
    """A published value as a number; None when it is suppressed or missing."""
    if value is None or value == SUPPRESSED:
        return None
    return value if isinstance(value, float) else float(value)  # a Share keeps its whole number for words


@figure_words
def change_words(change: object, noun: str = "referrals") -> str:
    """`65% more referrals than`, `12% fewer referrals than`, `the same number of referrals as`."""
    if change == SUPPRESSED:
        return f"a number of {noun} (change suppressed) against"
    value = published_number(change)
    if value is None:
        return f"a number of {noun} not comparable with"
    if value == 0:
        return f"the same number of {noun} as"
    return f"{figure_text(change, pct_text(abs(value)))} {'more' if value > 0 else 'fewer'} {noun} than"


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


def largest_row(
    cells: pd.DataFrame, column: str, candidates: list[str] | None = None, total: object = None, rounding: float = 0.0
) -> str | None:
    """Label of the candidate row with the largest published value, when no other candidate can equal it.

    `cells` are every row of a published table but its total row; `total` is the published total of the
    column (a number, `c` or None). A secondary suppression can hide a cell of any size, so a hidden
    candidate is beaten only when it is provably smaller: the hidden cells of the column add up to the
    total less the published cells, and each is at least 1 (zeros are shown), which bounds each of them.
    Without a published total nothing bounds a hidden cell, and no row is named while a candidate is
    hidden. `rounding` is the half-width of each published value's rounding (0.05 for percentages to one
    decimal place); hidden percentages are then bounded below by 0 rather than 1.
    """
    hidden = cells[column] == SUPPRESSED
    values = pd.to_numeric(cells[column].where(~hidden), errors="coerce")
    labels = cells.iloc[:, 0].astype(str)
    chosen = labels.isin(candidates) if candidates is not None else pd.Series(True, index=cells.index)
    published = values[chosen].dropna()
    if published.empty or published.max() <= 0 or (published == published.max()).sum() > 1:
        return None
    winner = published.idxmax()
    if (hidden & chosen).any():
        known_total = published_number(total)
        if known_total is None:
            return None
        floor = 0.0 if rounding else 1.0
        hidden_sum = known_total - values.dropna().sum() + rounding * (values.notna().sum() + 1)
        largest_hidden = hidden_sum - floor * (int(hidden.sum()) - 1)
        if not values[winner] - rounding > largest_hidden:
            return None
    return str(labels[winner])


def listing(parts: list[str], conjunction: str = "and") -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def number_words(value: int, singular: str, plural: str) -> str:
    """`no children`, `1 child`, `1,153 children`; the number marked with its figure's key (narrative)."""
    number = int(value)
    if number == 0:
        return f"no {plural}"
    return f"{figure_text(value, f'{number:,}')} {singular if number == 1 else plural}"


def pct_words(value: object) -> str:
    """A published percentage in a sentence: `18%`, but `less than 1%` and `more than 99%` where rounding to a
    whole number would read as none or all; marked with its figure's key (narrative)."""
    number = float(value)
    if 0 < number < 0.5:
        return figure_text(value, "less than 1%")
    if 99.5 <= number < 100:
        return figure_text(value, "more than 99%")
    return figure_text(value, pct_text(number))


def sentence(text: str) -> str:
    """The text with its first letter in upper case: a sentence may begin with a value's words."""
    return text[:1].upper() + text[1:] if text else text
