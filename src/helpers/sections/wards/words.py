"""Words of the wards section that have to be worked out: chart titles that state a finding, alt text, the
sentence that replaces a chart with nothing to draw, and the section's headline. They read the *published*
tables and figures only, so no sentence can reveal a suppressed number. The narrative is in the notebook.

The method (Poisson limits, Byar's approximation) stays in the definitions: the section says "likely range".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from helpers.display.formatting import SUPPRESSED
from helpers.display.narrative import NarrativeFormatter, facts, is_known
from helpers.display.words import published_number
from helpers.params import Params
from helpers.sections.wards.measures import (
    AT_RISK,
    DISTRICT_NAME,
    MONTH_RATE,
    NAME_SEPARATOR,
    Breakdown,
    month_end,
)

NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
CATEGORY_WORDS = {  # how a category reads after "children at risk were ..."
    "Female": "girls",
    "Male": "boys",
    "Other or unknown": "of other or unknown gender",
    "Under 10": "under 10",
    "18 or over": "18 or over",
    "Not recorded": "of unrecorded ethnicity",
}
CHANGE_WORTH_SAYING = 0.2  # a series that ends a fifth higher or lower than it began "rose" or "fell"


# --- periods ----------------------------------------------------------------------------------------------


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


def month_words(month: str) -> str:
    """`2020-01` -> `January 2020`."""
    return f"{month_end(month):%B %Y}"


def scope_words(scope_name: str) -> str:
    """`All wards of the Bradford South area` -> `the Bradford South area`; the district -> `the district`."""
    return scope_name.removeprefix("All wards of ")


def _value_text(value: object, places: int = 0) -> str:
    if value == SUPPRESSED:
        return "suppressed"
    if value is None:
        return "none"
    return f"{float(value):,.{places}f}"


def category_words(breakdown: Breakdown, category: str) -> str:
    """How a category reads after "children at risk were": `girls`, `aged 13-15`, `at the Emerging level`."""
    if breakdown.key == "risk":
        return f"at the {category} level"
    if breakdown.key == "age_band" and category not in CATEGORY_WORDS:
        return f"aged {category}"
    return CATEGORY_WORDS.get(category, category)


def nothing_to_draw(what: str, where: str) -> str:
    """The sentence that replaces a chart whose every value is suppressed or zero."""
    return (
        f"There is no chart of {what} for {where}: every value it would draw is suppressed or zero. "
        "The table below gives what can be published."
    )


# --- the monthly series ---------------------------------------------------------------------------------


def scope_rows(cells: pd.DataFrame, scope_name: str) -> pd.DataFrame:
    return cells[cells["ward_name"] == scope_name]


def series_finding(cells: pd.DataFrame, scope_name: str) -> str:
    """Title of the monthly series: how the scope's month-end count moved, from published values only."""
    rows = scope_rows(cells, scope_name)
    values = [published_number(v) for v in rows[AT_RISK]]
    where = scope_words(scope_name)
    if not values or any(v is None for v in values):
        return f"Children at risk at each month end in {where}"
    first, last = values[0], values[-1]
    months = rows["month"].tolist()
    if first and abs(last - first) / first >= CHANGE_WORTH_SAYING:
        verb = "rose" if last > first else "fell"
        return (
            f"Children at risk in {where} {verb} from {first:,.0f} at the end of {month_words(months[0])} "
            f"to {last:,.0f} at the end of {month_words(months[-1])}"
        )
    return f"Between {min(values):,.0f} and {max(values):,.0f} children were at risk in {where} at each month end"


def series_alt_text(cells: pd.DataFrame, scope_name: str) -> str:
    rows = scope_rows(cells, scope_name)
    where = scope_words(scope_name)
    district = scope_rows(cells, DISTRICT_NAME) if scope_name != DISTRICT_NAME else rows.iloc[:0]
    lines = f"{where} and the district" if len(district) else where
    values = "; ".join(
        f"{month_words(r['month'])}: {_value_text(r[AT_RISK])} ({_value_text(r[MONTH_RATE], 2)} per 10,000)"
        for _, r in rows.iterrows()
    )
    return (
        f"Bar chart of the children at risk at each month end in {where}, time running left to right, above "
        f"a line chart of the rate per 10,000 children under 18 for {lines}. "
        f"{series_finding(cells, scope_name)}. {values}."
    )


# --- the funnel plot --------------------------------------------------------------------------------------


def _wards_word(number: int) -> str:
    words = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else f"{number:,}"
    return f"{words} ward{'s' if number != 1 else ''}"


def funnel_finding(rates: pd.DataFrame) -> str:
    """`Two wards had rates above the district's and one below`, from the published comparison; `At least`
    when some comparisons are suppressed."""
    higher = int((rates["compared_with_district"] == "higher").sum())
    lower = int((rates["compared_with_district"] == "lower").sum())
    hidden = bool((rates["compared_with_district"] == SUPPRESSED).any())
    if higher == 0 and lower == 0:
        return (
            "No published ward's rate differed from the district's"
            if hidden
            else "Every ward's rate was in line with the district's"
        )
    number, side = (higher, "above") if higher else (lower, "below")
    finding = f"{_wards_word(number)} had {'a rate' if number == 1 else 'rates'} {side} the district's"
    if higher and lower:
        finding += f" and {_wards_word(lower).split()[0].lower()} below"
    return f"At least {finding[0].lower()}{finding[1:]}" if hidden else finding


def funnel_alt_text(rates: pd.DataFrame, district_rate: object) -> str:
    points = "; ".join(
        f"{r.ward_name} {_value_text(r.rate_per_10k, 2)} on {r.population_under_18:,} children"
        for r in rates.itertuples()
    )
    return (
        f"Funnel plot of each ward's rate of children at risk per 10,000 children under 18 against the number "
        f"of children under 18 living there, around the district rate of {_value_text(district_rate, 2)}, with "
        f"the ranges within which a ward's rate would fall 95 and 99.8 times in 100 by chance alone. "
        f"{funnel_finding(rates)}. Rates: {points}."
    )


def comparison_sentence(higher: object, lower: object) -> str:
    """Which wards' rates differ from the district's, from the published `wards.*_than_district` figures."""
    if SUPPRESSED in (higher, lower):
        return "Which wards' rates differed from the district's cannot be published this year."
    parts = []
    for names, side in ((higher, "higher"), (lower, "lower")):
        if is_known(names) and names:
            listed = str(names).split(NAME_SEPARATOR)
            parts.append(
                f"{ward_names(listed)} {'had a rate' if len(listed) == 1 else 'had rates'} {side} than the district's"
            )
    if not parts:
        return "No ward's rate differed from the district's by more than chance would explain."
    return "; ".join(parts) + "."


def ward_names(names: Sequence[str]) -> str:
    """`Tong`, `Tong and Wyke`, `Royds, Tong and Wyke`."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# --- averages by category, and the scope's months by category ----------------------------------------------


def _leader(values: Mapping[str, float | None], total: float) -> tuple[str, float] | None:
    """The category with the most, when nothing suppressed could hold more: every suppressed category together
    holds the total less the published ones."""
    published = {c: v for c, v in values.items() if v is not None}
    if not published or total <= 0:
        return None
    hidden = max(0.0, total - sum(published.values()))
    ranked = sorted(published.items(), key=lambda item: -item[1])
    top, lead = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    unpublished = len(published) < len(values)
    if lead <= runner or (unpublished and lead <= hidden):
        return None
    return top, lead


def dashboard_finding(panels: Sequence[tuple[Breakdown, pd.DataFrame, Sequence[str]]], scope_name: str) -> str:
    """Title of the wards' averages by risk level, age band, gender and ethnic group side by side: each group
    that held most of the scope's children at risk, where none that is suppressed could be it."""
    where = scope_words(scope_name)
    most = []
    for breakdown, cells, categories in panels:
        row = scope_rows(cells, scope_name)
        total = published_number(row[AT_RISK].iloc[0]) if len(row) else None
        if total == 0:
            return f"No child in {where} was at risk at a month end"
        found = _leader({c: published_number(row[c].iloc[0]) for c in categories}, total) if total else None
        if found is not None and found[1] * 2 > total:
            most.append(category_words(breakdown, found[0]))
    if not most:
        return (
            f"Children at risk a month on average in each ward of {where}, by "
            f"{ward_names([breakdown.what for breakdown, _, _ in panels])}"
        )
    return f"Most children at risk in {where} were {most[0]}" + "".join(f"; most were {m}" for m in most[1:])


def dashboard_alt_text(panels: Sequence[tuple[Breakdown, pd.DataFrame, Sequence[str]]], scope_name: str) -> str:
    """What the side-by-side bars show, with the scope's own average month by each group; each ward's values
    are in the tables behind the figure."""
    wards = [cells[cells["ward_name"] != scope_name] for _, cells, _ in panels]
    parts = []
    for breakdown, cells, categories in panels:
        row = scope_rows(cells, scope_name)
        if len(row):
            parts.append(
                f"by {breakdown.what}, " + ", ".join(f"{c} {_value_text(row[c].iloc[0], 2)}" for c in categories)
            )
    return (
        f"{NUMBER_WORDS[len(panels)]} horizontal stacked bar charts side by side, one bar for each of the "
        f"{len(wards[0])} wards in each, of the children at risk a month on average by "
        f"{ward_names([breakdown.what for breakdown, _, _ in panels])}; each bar is as long as the ward's "
        f"average. {dashboard_finding(panels, scope_name)}. Across {scope_words(scope_name)}, a month on "
        f"average: {'; '.join(parts)}. Each ward's averages are in the tables behind the figure."
    )


def _majority_every_month(
    breakdown: Breakdown, cells: pd.DataFrame, categories: Sequence[str], scope_name: str
) -> str | None:
    """The group that held most of the scope's children at risk at every month end, in words, if one did."""
    rows = scope_rows(cells, scope_name)
    totals = [published_number(v) for v in rows[AT_RISK]]
    for category in categories:
        values = [published_number(v) for v in rows[category]]
        if not rows.empty and all(
            v is not None and t is not None and 2 * v > t for v, t in zip(values, totals, strict=True)
        ):
            return category_words(breakdown, category)
    return None


def monthly_finding(panels: Sequence[tuple[Breakdown, pd.DataFrame, Sequence[str]]], scope_name: str) -> str:
    """Title of the scope's months by risk level, age band, gender and ethnic group: each group that held most
    children at risk at every month end."""
    where = scope_words(scope_name)
    most = [found for panel in panels if (found := _majority_every_month(*panel, scope_name))]
    if not most:
        return (
            f"Children at risk in {where} at each month end by "
            f"{ward_names([breakdown.what for breakdown, _, _ in panels])}"
        )
    return f"At every month end most children at risk in {where} were {most[0]}" + "".join(
        f"; most were {found}" for found in most[1:]
    )


def monthly_alt_text(panels: Sequence[tuple[Breakdown, pd.DataFrame, Sequence[str]]], scope_name: str) -> str:
    parts = []
    for breakdown, cells, categories in panels:
        rows = scope_rows(cells, scope_name)
        parts.append(
            f"By {breakdown.what}: "
            + "; ".join(
                f"{month_words(r['month'])}: " + ", ".join(f"{c} {_value_text(r[c])}" for c in categories)
                for _, r in rows.iterrows()
            )
            + "."
        )
    return (
        f"{NUMBER_WORDS[len(panels)]} stacked bar charts of the children at risk at each month end in "
        f"{scope_words(scope_name)}, by {ward_names([breakdown.what for breakdown, _, _ in panels])}, time "
        f"running left to right; suppressed values are left out. {monthly_finding(panels, scope_name)}. "
        + " ".join(parts)
    )


def drawable(cells: pd.DataFrame, columns: Sequence[str]) -> bool:
    """Whether a chart of these cells draws anything: some published value above zero."""
    return any((published_number(v) or 0) > 0 for column in columns for v in cells[column])


# --- headline -------------------------------------------------------------------------------------------


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report."""
    w = facts(figures).wards
    say = NarrativeFormatter(params.suppression_threshold).format
    period = months_phrase(params.months, starts_sentence=True)
    found = []
    if params.area and is_known(
        getattr(w, "area_average_at_risk", None), getattr(w, "area_rate_per_10k", None), w.district_rate_per_10k
    ):
        found.append(
            say(
                "{period}, an average of {a:whole} children a month were at risk of exploitation in "
                "the {area} area, {r:.2f} per 10,000 children under 18, against {d:.2f} for the "
                "district.",
                period=period,
                area=params.area,
                a=w.area_average_at_risk,
                r=w.area_rate_per_10k,
                d=w.district_rate_per_10k,
            )
        )
    elif not params.area and is_known(w.district_average_at_risk, w.district_rate_per_10k):
        found.append(
            say(
                "{period}, an average of {a:whole} children a month were at risk of exploitation in "
                "the district, {r:.2f} per 10,000 children under 18.",
                period=period,
                a=w.district_average_at_risk,
                r=w.district_rate_per_10k,
            )
        )
    if is_known(w.highest_rate_ward, w.highest_rate_per_10k):
        found.append(
            say(
                "The highest rate was in {ward}, with {r:.2f} children at risk per 10,000 children under 18.",
                ward=w.highest_rate_ward,
                r=w.highest_rate_per_10k,
            )
        )
    if is_known(w.higher_than_district) and w.higher_than_district:
        found.append(comparison_sentence(w.higher_than_district, ""))
    return found
