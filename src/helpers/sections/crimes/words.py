"""Words of the crimes section that have to be worked out: chart titles that state a finding, alt text, the
comparison with a year earlier and the section's key headlines. They read the *published* (suppressed) tables
and figures only, so no sentence can reveal a suppressed number. The narrative is in the notebook, as
templates.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.display.crime_words import number_of, scope_name, share_phrase
from helpers.display.formatting import SUPPRESSED, date_text, pct_text
from helpers.display.narrative import facts, figure_text, figure_words, is_known
from helpers.display.words import cell_words, largest_row, period_words, published_rows
from helpers.params import Params
from helpers.rules.calendar import Period
from helpers.rules.labels import NOT_KNOWN, TOTAL
from helpers.sections.crimes.measures import CRIMES_COLUMN, OUTSIDE_DISTRICT_LABEL, decade_label


def location_finding(cells: pd.DataFrame, year: str) -> str:
    places = published_rows(cells, (TOTAL,))
    constituencies = [p for p in places.iloc[:, 0] if p not in (NOT_KNOWN, OUTSIDE_DISTRICT_LABEL)]
    total = cells.loc[cells.iloc[:, 0] == TOTAL, CRIMES_COLUMN]
    top = largest_row(places, CRIMES_COLUMN, constituencies, total=total.iloc[0] if len(total) else None)
    if top is None:
        return f"Where the CSE crimes recorded in {year} were committed"
    return f"{top} had more CSE crimes in {year} than any other constituency"


def _crime_counts_words(cells: pd.DataFrame) -> str:
    """`1950s: suppressed; 2010s: 315` for the rows of a published crimes table, total left out."""
    rows = published_rows(cells, (TOTAL,))
    return "; ".join(f"{r.iloc[0]}: {cell_words(r[CRIMES_COLUMN])}" for _, r in rows.iterrows())


def location_alt_text(cells: pd.DataFrame, finding: str) -> str:
    return f"Bar chart of CSE crimes by where the offence was committed. {finding}. {_crime_counts_words(cells)}."


def decade_finding(earliest_year: object, year: str) -> str:
    if earliest_year is None:
        return f"When the CSE crimes recorded in {year} were committed"
    return f"Some CSE crimes recorded in {year} date back to the {decade_label(int(earliest_year))}"


def decade_alt_text(cells: pd.DataFrame, finding: str) -> str:
    return (
        f"Bar chart of CSE crimes by the decade the offence was committed, earliest on the left. {finding}. "
        f"{_crime_counts_words(cells)}."
    )


@figure_words
def earliest_words(earliest_year: object) -> str:
    """`Some of the offences recorded date back as far as the 1950s.`, or nothing when unknown."""
    if earliest_year is None:
        return ""
    decade = figure_text(earliest_year, decade_label(int(earliest_year)))
    return f"Some of the offences recorded date back as far as the {decade}."


def _earlier(before: Period, params: Params) -> str:
    """`the same period a year earlier (1 April 2014 to 31 March 2015) in the Bradford South area`."""
    return f"the same period a year earlier ({period_words(before)}) in {scope_name(params)}"


@figure_words
def change_sentence(change: object, previous: object, before: Period | None, reason: str, params: Params) -> str:
    """What the CSE crimes are compared with, and how they changed, from the published figures: `That is 36% more
    than the 80 CSE crimes recorded in the same period a year earlier (...) in the Bradford district.`"""
    if before is None:
        return f"The CSE crimes cannot be compared with a year earlier: {reason}."
    earlier = _earlier(before, params)
    if previous == 0:
        return f"No CSE crime was recorded in {earlier}, so there is no change to give as a percentage."
    if not is_known(change):
        return f"The change on {earlier} is suppressed."
    value = float(change)
    how = (
        "the same number as"
        if value == 0
        else f"{figure_text(change, pct_text(abs(value)))} {'more' if value > 0 else 'fewer'} than"
    )
    if previous == SUPPRESSED:
        return f"That is {how} in {earlier}, whose number is suppressed."
    return f"That is {how} the {number_of(previous, 'CSE crime')} recorded in {earlier}."


def year_on_year_words(before: Period | None, reason: str, params: Params) -> str:
    """Introduces the year-on-year table, or says why there is none to compare with."""
    if before is None:
        return f"The crimes recorded in the period cannot be compared with a year earlier: {reason}."
    return (
        f"The table below compares the crimes recorded in {scope_name(params)} with those recorded there in the "
        f"same period a year earlier ({period_words(before)})."
    )


def area_location_words(params: Params) -> str:
    """Where an area pack's crimes were committed: in the area, by how it counts them. The places of the
    district's crimes are the district report's."""
    return (
        f"In the {params.area} area every crime counted was committed in a ward of the area, so none was "
        "committed in another constituency, outside the district or at an unknown place. The district report "
        "shows where the district's CSE crimes were committed, by constituency."
    )


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report."""
    c = facts(figures).crimes
    start, end = params.crime_period
    found = []
    if is_known(c.cse_crimes, c.cse_pct):
        compared = ""
        if is_known(c.cse_crimes_change_pct, c.previous_cse_crimes):
            change = float(c.cse_crimes_change_pct)
            how = (
                "the same number as"
                if change == 0
                else f"{figure_text(c.cse_crimes_change_pct, pct_text(abs(change)))} "
                f"{'more' if change > 0 else 'fewer'} crimes than"
            )
            compared = f", {how} the {number_of(c.previous_cse_crimes)} recorded in the same period a year earlier"
        found.append(
            f"Between {date_text(start)} and {date_text(end)}, in {scope_name(params)}, "
            f"{number_of(c.cse_crimes, 'crime', verbs=('was', 'were'))} recorded by the police as \u201cchild sexual "
            f"exploitation crimes\u201d{compared}; this constitutes {share_phrase(c.cse_pct)} of all sexual offences "
            "against children recorded during that period."
        )
    if is_known(c.non_recent_pct):
        found.append(
            f"{share_phrase(c.non_recent_pct)} of the CSE crimes were non-recent, committed before the period began "
            f"on {date_text(start)}"
            + (
                f"; {share_phrase(c.non_recent_before_cutoff_pct)} of those were committed before "
                f"{date_text(params.non_recent_before)}."
                if is_known(c.non_recent_before_cutoff_pct)
                else "."
            )
        )
    return found
