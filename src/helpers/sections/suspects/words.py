"""Words of the offenders and suspects section that have to be worked out: chart titles that state a finding,
alt text, the comparisons with a year earlier and the section's key headlines. They read the *published*
(suppressed) tables and figures only, so no sentence can reveal a suppressed number. The narrative is in the
notebook, as templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import pandas as pd

from helpers.display.crime_words import number_of, scope_name, share_phrase
from helpers.display.formatting import SUPPRESSED, date_text, pct_text
from helpers.display.narrative import facts, figure_words, is_known
from helpers.display.words import cell_words, largest_row, period_words, published_rows
from helpers.inputs.reference import NOT_RECORDED
from helpers.params import Params
from helpers.rules.calendar import Period
from helpers.rules.labels import NOT_KNOWN, TOTAL
from helpers.sections.suspects.measures import AGE_BAND_LABELS


def age_finding(share: object, who: str, ages: str) -> str:
    """`59% of offenders linked to CSE crimes were under 25` from a published percentage."""
    if not is_known(share):
        return f"Age of {who}"
    return f"{pct_text(float(share))} of {who} were {ages}"


def age_alt_text(cells: pd.DataFrame, unit_column: str, finding: str) -> str:
    parts = "; ".join(
        f"{r['Age']}: {cell_words(r[unit_column])}" for _, r in published_rows(cells, (TOTAL,)).iterrows()
    )
    return f"Bar chart of {unit_column.lower()} by age band. {finding}. {parts}."


PAIRING = "Pairing"


def pairing_finding(cells: pd.DataFrame) -> str:
    """The most frequent pairing of victim age and offender age band, by the shared rule for the largest row."""
    inner = published_rows(cells, (TOTAL, NOT_KNOWN)).set_index("Victim age")[AGE_BAND_LABELS]
    pairs = inner.stack().reset_index()
    pairs = pd.DataFrame({PAIRING: pairs["Victim age"] + "|" + pairs.iloc[:, 1], "Links": pairs.iloc[:, 2]})
    top = largest_row(pairs, "Links") if len(pairs) else None
    if top is None or pd.to_numeric(pairs["Links"], errors="coerce").max() <= 0:
        return "Age of offenders by the age of the victim"
    victim_age, band = top.split("|")
    return f"The most frequent pairing was a victim aged {victim_age} with an offender aged {band.lower()}"


def pairing_alt_text(cells: pd.DataFrame, finding: str) -> str:
    parts = "; ".join(
        f"victim aged {r['Victim age']}: " + ", ".join(f"{b} {cell_words(r[b])}" for b in AGE_BAND_LABELS)
        for _, r in published_rows(cells, (TOTAL, NOT_KNOWN)).iterrows()
    )
    return (
        f"Grouped bar chart of offender links by the victim's age, one bar for each offender age band. "
        f"{finding}. {parts}."
    )


def ethnicity_finding(cells: pd.DataFrame, unit_column: str, who: str) -> str:
    """`45% of offenders were recorded as White and 30% as Asian` from the two largest published groups."""
    pct_column = f"% of {unit_column.lower()}"
    groups = published_rows(cells, (TOTAL,))
    recorded = [g for g in groups["Ethnic group"] if g != NOT_RECORDED]
    first = largest_row(groups, pct_column, recorded, total=100.0, rounding=0.05)
    if first is None:
        return f"Ethnic group of {who}"
    second = largest_row(groups, pct_column, [g for g in recorded if g != first], total=100.0, rounding=0.05)
    share = dict(zip(groups["Ethnic group"], groups[pct_column], strict=True))
    text = f"{pct_text(float(share[first]))} of {who} were recorded as {first}"
    return text + (f" and {pct_text(float(share[second]))} as {second}" if second else "")


def ethnicity_alt_text(cells: pd.DataFrame, unit_column: str, finding: str) -> str:
    pct_column = f"% of {unit_column.lower()}"
    population_column = cells.columns[-1]
    parts = "; ".join(
        f"{r['Ethnic group']}: {_share_text(r[pct_column])} of {unit_column.lower()}"
        + (
            ", not counted in the census"
            if _is_blank(r[population_column])
            else f", {_share_text(r[population_column])} of the population"
        )
        for _, r in published_rows(cells, (TOTAL,)).iterrows()
    )
    return (
        f"Bar chart comparing the ethnic groups of {unit_column.lower()} with the district population "
        f"(2011 Census). {finding}. {parts}."
    )


def _is_blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _share_text(value: object) -> str:
    if _is_blank(value):
        return "no share (none recorded)"
    return "a suppressed share" if value == SUPPRESSED else pct_text(float(value))


def census_scope_words(params: Params, who: str) -> str:
    """For an area report: what its offenders are compared with, the census being district-wide."""
    if not params.area:
        return ""
    return (
        f"The census by ethnic group is published for the whole district only, so the {who} of the "
        f"{params.area} area are compared with the district's population."
    )


def area_pairing_words(params: Params) -> str:
    """Why an area pack has no chart or table of offender age by victim age: nothing of it can be drawn."""
    return (
        f"In the {params.area} area the offenders of each age set against each age of the victim are too few "
        "to show: every count a chart would draw is suppressed or zero. The district report shows the pattern "
        "for the whole district; this report's tables (tables.xlsx) give the area's table with what can be "
        "published."
    )


def management_scope_words(params: Params) -> str:
    """Suspect management holds no location: an area report says its figures are district-wide."""
    if not params.area:
        return ""
    return (
        "Suspect management records hold no location, so these figures cover the whole district, not only the "
        f"{params.area} area; the district report breaks them down by risk level, age and ethnic group."
    )


@figure_words
def year_earlier_words(o: SimpleNamespace, before: Period | None, reason: str, params: Params) -> str:
    """What the offenders are compared with, from the published `offenders` figures: `In the same period a year
    earlier (1 April 2014 to 31 March 2015) the police recorded 64 links to CSE crimes in the Bradford district,
    concerning 64 different persons.`, or why there is no comparison."""
    if before is None or o.previous_links is None:
        return f"Offenders cannot be compared with a year earlier: {reason}."
    earlier = f"the same period a year earlier ({period_words(before)})"
    if o.previous_links == 0:
        return f"No person was linked to a CSE crime recorded in {earlier} in {scope_name(params)}."
    return (
        f"In {earlier} the police recorded {number_of(o.previous_links, 'link')} to CSE crimes in "
        f"{scope_name(params)}, concerning {number_of(o.previous_persons, 'different person')}."
    )


@figure_words
def offender_age_words(o: SimpleNamespace) -> str:
    """`In terms of age, 84% of offenders were under the age of 36 and 65% were under the age of 25. Of the
    offenders, 21% were under the age of 18 and were therefore children themselves.`

    A share may be hidden to protect another count, not only for being small, so a hidden share is named as
    suppressed rather than read as fewer than the threshold.
    """
    older = [(o.under_36_pct, "36"), (o.under_25_pct, "25")]
    shown = [
        f"{share_phrase(share)} {'' if n else 'of offenders '}were under the age of {age}"
        for n, (share, age) in enumerate((s, a) for s, a in older if is_known(s))
    ]
    hidden = [age for share, age in older if share == SUPPRESSED]
    words = []
    if shown:
        words.append(
            f"In terms of age, {' and '.join(shown)}"
            + (f" (the share under {hidden[0]} is suppressed)." if hidden else ".")
        )
    elif hidden:
        words.append(
            f"In terms of age, the {'shares' if len(hidden) > 1 else 'share'} of offenders under "
            f"{' and under '.join(hidden)} {'are' if len(hidden) > 1 else 'is'} suppressed."
        )
    if is_known(o.under_18_pct):
        words.append(
            f"Of the offenders, {share_phrase(o.under_18_pct)} were under the age of 18 and were "
            "therefore children themselves."
        )
    elif o.under_18_pct == SUPPRESSED:
        words.append("The share of offenders under the age of 18 is suppressed.")
    return " ".join(words) if words else "No offender's age at the time of the offence is known."


@figure_words
def year_earlier_age_words(o: SimpleNamespace, before: Period | None) -> str:
    """`65% of offenders were under 25, compared with 59% in the same period a year earlier (...).`, a sentence
    saying which share is suppressed, or nothing when either share cannot be computed."""
    now, then = o.under_25_pct, o.previous_under_25_pct
    if now is None or then is None or before is None:
        return ""
    earlier = f"the same period a year earlier ({period_words(before)})"
    if is_known(now, then):
        return f"{share_phrase(now)} of offenders were under 25, compared with {share_phrase(then)} in {earlier}."
    which = (
        "in either period" if now == then == SUPPRESSED else "in this period" if now == SUPPRESSED else "a year earlier"
    )
    return f"The share of offenders under 25 {which} is suppressed, so the two periods cannot be compared."


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report; an area pack's name the area."""
    o, m = facts(figures).offenders, facts(figures).management
    where = f"in {scope_name(params)} " if params.area else ""
    found = []
    if is_known(o.under_36_pct, o.under_25_pct):
        found.append(
            f"{share_phrase(o.under_36_pct)} of identified offenders linked to CSE crimes {where}were under "
            f"the age of 36 while {share_phrase(o.under_25_pct)} were under the age of 25."
        )
    if is_known(o.white_pct, o.asian_pct, o.ethnicity_not_recorded_pct):
        found.append(
            f"{share_phrase(o.white_pct)} of offenders linked to CSE crimes {where}were recorded as White "
            f"and {share_phrase(o.asian_pct)} as Asian; the ethnicity of "
            f"{share_phrase(o.ethnicity_not_recorded_pct)} was not recorded."
        )
    if is_known(m.occurrences, m.aged_35_or_under_pct):
        start, end = params.suspect_period
        found.append(
            f"Between {date_text(start)} and {date_text(end)} there {'was' if m.occurrences == 1 else 'were'} "
            f"{number_of(m.occurrences, 'CSE suspect management occurrence')}; "
            f"{share_phrase(m.aged_35_or_under_pct)} concerned suspects aged 35 or younger."
        )
    return found
