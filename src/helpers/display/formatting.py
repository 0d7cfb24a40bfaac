"""Rounding and the house style of numbers, percentages and dates (docs/house-style.md)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

SUPPRESSED = "c"


def round_half_away(value: float | Decimal, places: int = 1) -> float:
    """Round half away from zero (Python's round() rounds half to even: round(0.25, 1) == 0.2)."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _ratio_pct(numerator: int, denominator: int) -> float:
    # Decimal division keeps exact halves exact (100 x 1 / 8 = 12.5), where a float might not.
    return round_half_away(Decimal(100 * int(numerator)) / Decimal(int(denominator)), 1)


def percentage(numerator: int, denominator: int) -> float | None:
    """100 x numerator / denominator to one decimal place; None when the denominator is 0."""
    if denominator == 0:
        return None
    return _ratio_pct(numerator, denominator)


def change_pct(current: int, previous: int) -> float | None:
    """Change on the previous period as a percentage of it; None when the previous count is 0."""
    if previous == 0:
        return None
    return _ratio_pct(current - previous, previous)


def financial_year(day: dt.date | pd.Timestamp) -> str:
    """The financial year `YYYY-YY` (1 April to 31 March) that a day falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def financial_quarter(day: dt.date | pd.Timestamp) -> int:
    """Quarter of the financial year: April-June is 1, January-March is 4."""
    return (day.month - 4) % 12 // 3 + 1


def count_text(value: int) -> str:
    """1153 -> '1,153'."""
    return f"{value:,}"


class Share(float):
    """A published percentage (one decimal, as tables show it) that also knows its whole number for sentences,
    rounded once from the exact ratio: 110 of 135 is 81.5 in a table and 81% in words, not 82%."""

    whole: int

    def __new__(cls, value: float, whole: int) -> Share:
        share = super().__new__(cls, value)
        share.whole = whole
        return share

    def __reduce__(self):
        return Share, (float(self), self.whole)

    def __abs__(self) -> Share:
        return Share(abs(float(self)), abs(self.whole))

    def __neg__(self) -> Share:
        return Share(-float(self), -self.whole)


def pct_text(value: float) -> str:
    """A percentage in a sentence: a whole number, rounded once from the exact ratio where it is known
    (a Share), else half away from zero from the value given (18.4 -> '18%')."""
    whole = value.whole if isinstance(value, Share) else round_half_away(value, 0)
    return f"{whole:.0f}%"


def date_text(day: dt.date | pd.Timestamp) -> str:
    """29 March 2016."""
    return f"{day.day} {day:%B %Y}"


def cell_text(value: object, kind: str) -> str:
    """A table cell as shown in the report: counts with separators, percentages with one decimal."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if value == SUPPRESSED or isinstance(value, str):
        return str(value)
    if kind == "count":
        return count_text(int(value))
    if kind in ("pct", "rate"):
        return f"{float(value):,.1f}" if kind == "pct" else f"{float(value):,.2f}"
    return str(value)
