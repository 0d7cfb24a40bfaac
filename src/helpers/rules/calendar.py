"""Reporting periods: financial years, the same days a year earlier (figures.md, Common rules)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from helpers.errors import ParameterError

Period = tuple[dt.date, dt.date]
_YEAR = re.compile(r"(\d{4})-(\d{2})")


def parse_reporting_year(text: str) -> int:
    """The first calendar year of a financial year written `YYYY-YY` (`2015-16` -> 2015)."""
    match = _YEAR.fullmatch(str(text).strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ParameterError(
            f"reporting_year {text!r} is not a financial year written YYYY-YY with consecutive years, e.g. 2015-16"
        )
    return int(match[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def year_period(reporting_year: str) -> Period:
    """`2015-16` -> 1 April 2015 to 31 March 2016."""
    first = parse_reporting_year(reporting_year)
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def previous_year(reporting_year: str) -> str:
    """`2015-16` -> `2014-15`."""
    first = parse_reporting_year(reporting_year) - 1
    return f"{first}-{(first + 1) % 100:02d}"


def previous_period(period: Period) -> Period:
    """The same days one year earlier."""
    start, end = period
    return one_year_earlier(start), one_year_earlier(end)


def one_year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February becomes 28 February."""
    return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else dt.date(day.year - 1, 2, 28)


def period_quantity(measure: str, period: Period) -> str:
    """The name of a count over a period, the same wherever it is published: this year's `This period` is next
    year's `A year earlier` (`cse_crimes@2014-04-01~2015-03-31`)."""
    return f"{measure}@{period[0].isoformat()}~{period[1].isoformat()}"
