"""Crimes measures (docs/measures.md, Crimes), declared for the disclosure engine.

Crimes are selected by recorded_date in the crime period C; every percentage is of the CSE crimes
recorded in C (cancelled crimes included) unless its definition says otherwise. `publication` declares
every table and figure with the relations a reader could use between them: the outcome rows add up to
the CSE crimes, and the three statuses are sums of named outcome rows; the rows of persons per crime
give the crimes with a suspect (1 person up), with several (2 up) and the links (k persons on a crime
are k links); places add up to the CSE crimes; decades to the crimes with a committed date, and the
non-recent crimes to the parts of the decades before C starts. A count over a period is named by
its period, so the year-earlier column and next year's report name the same count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from helpers.disclosure.declare import (
    Figure,
    Quantity,
    Relation,
    SectionPublication,
    Table,
    change,
    count,
    difference,
    missing,
    plain,
    ratio,
    share,
    sum_relation,
)
from helpers.display.formatting import change_pct, percentage
from helpers.display.words import period_words
from helpers.inputs.reference import OUTSIDE_DISTRICT, Reference
from helpers.inputs.scope import ScopeData
from helpers.rules.calendar import Period, period_quantity
from helpers.rules.crimes import (
    BLANK_OUTCOME,
    CRIMES_RECORDED,
    FINALISED,
    NO_CRIME,
    NO_SUSPECTS,
    NOT_SUPPLIED,
    UNDER_INVESTIGATION,
    committed_before,
    cse_crimes_in,
    extract_start,
    is_value,
    links_quantity,
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

SOURCE_NOTE = (
    "Source: police crime recording system, sexual offences against victims under 18 at the time "
    "of the offence (crimes extract)."
)
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
    "crimes.non_recent": "Non-recent CSE crimes: committed before the crime period began (a crime with no "
    "committed date is not counted).",
    "crimes.non_recent_pct": "Those as a percentage of CSE crimes.",
    "crimes.non_recent_before_cutoff": "Of the non-recent CSE crimes, those committed before the non-recent "
    "cut-off date (non_recent_before): disclosures of offences from further back.",
    "crimes.non_recent_before_cutoff_pct": "Those as a percentage of the non-recent CSE crimes.",
    "crimes.committed_date_not_known": "CSE crimes with no committed date recorded.",
    "crimes.earliest_committed_year": "The year of the earliest committed date among CSE crimes.",
    "crimes.location_not_known": "CSE crimes with no location recorded for the offence.",
    "crimes.location_not_known_pct": "Those as a percentage of CSE crimes.",
    "crimes.cse_crimes_change_pct": "Change in CSE crimes on the same-length period one year earlier.",
    "crimes.previous_cse_crimes": "CSE crimes recorded in the same-length period one year earlier; null when "
    "the crime extract does not cover that period (it starts at crimes_from, or on the first day of the month "
    "of its earliest recorded crime).",
}
SUSPECT_KEYS = (
    "crimes.with_suspect",
    "crimes.with_suspect_pct",
    "crimes.suspect_links",
    "crimes.with_multiple_suspects",
)
YEAR_ON_YEAR_ROWS = {  # row label -> the measure its counts are named by
    "Child sexual offences": CRIMES_RECORDED,
    "CSE crimes": "cse_crimes",
    "CSE crimes with a suspect": "cse_crimes_with_suspect",
    "Non-recent CSE crimes": "non_recent_cse_crimes",
}


def cse_quantity(period: Period) -> str:
    return period_quantity("cse_crimes", period)


def place_quantity(period: Period, constituency: str) -> str:
    """CSE crimes committed in one constituency: the district's location row and that area's own total, the
    same count in every report of the year."""
    return f"~{cse_quantity(period)} in {constituency}"


# --- counts of one period -------------------------------------------------------------------------


def period_counts(crimes: pd.DataFrame, suspects: pd.DataFrame | None, period: Period) -> dict[str, int]:
    """The counts the year-on-year table compares, for crimes recorded in one period; with a suspect only when
    the suspects extract was supplied. Non-recent: committed before the period's own start."""
    cse = cse_crimes_in(crimes, period)
    counts = {"Child sexual offences": len(recorded_in(crimes, period)), "CSE crimes": len(cse)}
    if suspects is not None:
        per_crime = suspects_per_crime(cse, suspect_links(suspects, cse["crime_id"]))
        counts["CSE crimes with a suspect"] = int((per_crime >= 1).sum())
    counts["Non-recent CSE crimes"] = int(committed_before(cse, period[0]).sum())
    return counts


# --- tables -----------------------------------------------------------------------------------------


def _count_table(
    name: str,
    title: str,
    label: str,
    rows: list[str],
    counts: list[int],
    total_label: str,
    note: str,
    total: str,
    total_pct: bool = True,
    quantities: dict[int, str] | None = None,
) -> Table:
    """Rows of CSE crimes with their % of all CSE crimes, and a total row last, whose count is the quantity
    `total` (its % left blank if not `total_pct`). `quantities` names rows by position."""
    whole = sum(counts)
    data = pd.DataFrame(
        {
            label: [*rows, total_label],
            CRIMES_COLUMN: [*counts, whole],
            PCT_COLUMN: [*(percentage(n, whole) for n in counts), percentage(whole, whole) if total_pct else None],
        }
    )
    data[CRIMES_COLUMN] = data[CRIMES_COLUMN].astype(int)
    last = len(rows)
    last_row = range(last + 1) if total_pct else range(last)
    return Table(
        name=name,
        title=title,
        data=data,
        kinds={label: "label", CRIMES_COLUMN: "count", PCT_COLUMN: "pct"},
        total_row=total_label,
        note=note,
        derived={(row, PCT_COLUMN): share((row, CRIMES_COLUMN), (last, CRIMES_COLUMN)) for row in last_row},
        quantities={(last, CRIMES_COLUMN): total, **{(row, CRIMES_COLUMN): q for row, q in (quantities or {}).items()}},
    )


def year_on_year_table(
    crimes: pd.DataFrame, suspects: pd.DataFrame | None, period: Period, before: Period | None, reason: str
) -> Table:
    """Crimes recorded in the period against the same-length period a year earlier, with the change; the year
    earlier, change and % change are blank when the extract does not cover that period."""
    now = period_counts(crimes, suspects, period)
    then = period_counts(crimes, suspects, before) if before else dict.fromkeys(now)
    pairs = list(zip(now.values(), then.values(), strict=True))
    data = pd.DataFrame(
        {
            "Crimes": list(now),
            THIS_PERIOD: list(now.values()),
            YEAR_EARLIER: pd.array(list(then.values()), dtype="Int64"),
            CHANGE: pd.array([None if b is None else n - b for n, b in pairs], dtype="Int64"),
            CHANGE_PCT: [None if b is None else change_pct(n, b) for n, b in pairs],
        }
    )
    quantities, derived = {}, {}
    for row, label in enumerate(now):
        quantities[(row, THIS_PERIOD)] = period_quantity(YEAR_ON_YEAR_ROWS[label], period)
        if before:
            quantities[(row, YEAR_EARLIER)] = period_quantity(YEAR_ON_YEAR_ROWS[label], before)
            derived[(row, CHANGE)] = difference((row, THIS_PERIOD), (row, YEAR_EARLIER))
            derived[(row, CHANGE_PCT)] = change((row, THIS_PERIOD), (row, YEAR_EARLIER))
    earlier = f"crimes recorded {period_words(before)}" if before else f"blank, as {reason}"
    return Table(
        name="crimes_year_on_year",
        title="Crimes compared with the same period a year earlier",
        data=data,
        kinds={"Crimes": "label", THIS_PERIOD: "count", YEAR_EARLIER: "count", CHANGE: "value", CHANGE_PCT: "pct"},
        derived=derived,
        quantities=quantities,
        note=f"{SOURCE_NOTE} This period: crimes recorded {period_words(period)}. A year earlier: {earlier}. "
        "Non-recent: committed before the start of its own period. With a suspect: at least one person "
        "linked as suspect or offender. % change is blank when the year earlier had none.",
    )


def outcome_sort_key(outcome: str) -> tuple:
    """The order of the appendices' outcome tables: spaces and punctuation before digits before letters.

    `1: CHARGED` comes before `10: ...`, `18 ...` before `1A CHARGED`, `3: ...` before `CANCELLED/TRANSFERRED`.
    """
    return tuple((0 if not c.isalnum() else 1 if c.isdigit() else 2, c.casefold()) for c in outcome)


def outcome_texts(cse: pd.DataFrame) -> pd.Series:
    return cse["outcome"].fillna(BLANK_OUTCOME).astype(str)


def outcome_rows(district_cse: pd.DataFrame) -> list[str]:
    """The outcomes of the district's CSE crimes, in the appendices' order: the rows of every report's table, so
    that an area's outcome sits beside the district's (a zero shown) and adds up with the other areas'."""
    return sorted(outcome_texts(district_cse).unique(), key=outcome_sort_key)


def outcomes_table(cse: pd.DataFrame, rows: list[str], reference: Reference, period: Period) -> Table:
    """CSE crimes by outcome as exported (the appendix tables: outcome, count, %, Grand total)."""
    frequency = outcome_texts(cse).value_counts()
    statuses = outcome_status(pd.Series(rows, dtype=object), reference)
    meaning = "; ".join(
        f"{', '.join(r for r, s in zip(rows, statuses, strict=True) if s == status)}: {status.lower()}"
        for status in (UNDER_INVESTIGATION, NO_CRIME)
        if (statuses == status).any()
    )
    return _count_table(
        "crimes_outcomes",
        "CSE crimes by outcome",
        "Outcome",
        rows,
        [int(frequency.get(r, 0)) for r in rows],
        GRAND_TOTAL,
        total=cse_quantity(period),
        total_pct=False,  # the appendices' layout
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by outcome as the police system "
        f"exports it. {meaning + '; ' if meaning else ''}every other outcome is finalised. The police do "
        "not hold conviction outcomes.",
    )


def persons_per_crime(cse: pd.DataFrame, suspects: pd.DataFrame) -> pd.Series:
    return suspects_per_crime(cse, suspect_links(suspects, cse["crime_id"]))


def suspects_per_crime_table(cse: pd.DataFrame, suspects: pd.DataFrame, most: int, period: Period) -> Table:
    """CSE crimes by the number of persons linked to them, from 0 to `most` (the most on one crime in the
    district, so that every report has the same rows)."""
    frequency = persons_per_crime(cse, suspects).value_counts()
    numbers = list(range(most + 1))
    return _count_table(
        "crimes_suspects_per_crime",
        "CSE crimes by the number of persons linked to them",
        "Persons linked to the crime",
        [str(n) for n in numbers],
        [int(frequency.get(n, 0)) for n in numbers],
        TOTAL,
        total=cse_quantity(period),
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}. A linked person is a suspect or offender "
        "on the crime; a person listed twice on one crime counts once.",
    )


def places(cse: pd.DataFrame, reference: Reference) -> pd.Series:
    """The constituency where each crime was committed, Outside district or Not known."""
    wards = dict(zip(reference.wards["ward_code"], reference.wards["constituency"], strict=True))
    constituency = cse["location_ward_code"].map(wards)
    place = constituency.where(
        constituency.notna(), cse["location_ward_code"].replace({OUTSIDE_DISTRICT: OUTSIDE_DISTRICT_LABEL})
    )
    return place.fillna(NOT_KNOWN).astype(str)


def location_table(cse: pd.DataFrame, reference: Reference, period: Period, area: str | None) -> Table:
    """CSE crimes by the constituency where the offence was committed, then Outside district and Not known.

    A constituency's row in the district report is that area's CSE crimes, the total of its own report.
    """
    rows = [*reference.constituencies, OUTSIDE_DISTRICT_LABEL, NOT_KNOWN]
    frequency = places(cse, reference).value_counts()
    named = {
        row: place_quantity(period, place)
        for row, place in enumerate(reference.constituencies)
        if area is None or place.casefold() == area.strip().casefold()
    }
    named[rows.index(NOT_KNOWN)] = "crimes.location_not_known"
    return _count_table(
        "crimes_location",
        "CSE crimes by where the offence was committed",
        "Constituency of the offence",
        rows,
        [int(frequency.get(r, 0)) for r in rows],
        TOTAL,
        total=cse_quantity(period),
        quantities=named,
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by the ward where the offence was "
        "committed, grouped into constituencies. Not known: no location recorded.",
    )


def decade_label(year: int) -> str:
    """2014 -> `2010s`."""
    return f"{year // 10 * 10}s"


def decades_of(cse: pd.DataFrame) -> list[int]:
    """Every decade from the earliest committed date to the latest (none without a date)."""
    years = cse["committed_date"].dropna().dt.year
    return [] if years.empty else list(range(int(years.min()) // 10 * 10, int(years.max()) // 10 * 10 + 1, 10))


def committed_by_decade_table(cse: pd.DataFrame, decades: list[int], period: Period) -> Table:
    """CSE crimes by the decade they were committed in (the district's decades, in every report), then Not
    known."""
    frequency = (cse["committed_date"].dropna().dt.year // 10 * 10).value_counts()
    return _count_table(
        "crimes_committed_by_decade",
        "CSE crimes by the decade the offence was committed",
        "Decade committed",
        [decade_label(d) for d in decades] + [NOT_KNOWN],
        [int(frequency.get(d, 0)) for d in decades] + [int(cse["committed_date"].isna().sum())],
        TOTAL,
        total=cse_quantity(period),
        quantities={len(decades): "crimes.committed_date_not_known"},
        note=f"{SOURCE_NOTE} CSE crimes recorded {period_words(period)}, by the earliest date the offence was "
        "committed. Not known: no committed date recorded.",
    )


# --- the parts of the decades before a day -------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """CSE crimes committed from `start` up to the day before `end`: a decade row, or a part of one."""

    start: dt.date
    end: dt.date
    quantity: str


def committed_spans(
    cse: pd.DataFrame, decades: list[int], table: Table, cuts: list[dt.date]
) -> tuple[list[Span], list[Quantity], list[Relation]]:
    """The decades cut at the given days: a decade no day falls inside is its table row; one a day falls inside
    is the sum of its parts, each a count no table shows. So the crimes committed before a cut are a sum of
    spans, whatever the decades."""
    spans: list[Span] = []
    quantities: list[Quantity] = []
    relations: list[Relation] = []
    committed = cse["committed_date"].dropna()
    for row, decade in enumerate(decades):
        start, end = dt.date(decade, 1, 1), dt.date(decade + 10, 1, 1)
        row_quantity = table.quantity(row, CRIMES_COLUMN)
        inside = sorted({day for day in cuts if start < day < end})
        if not inside:
            spans.append(Span(start, end, row_quantity))
            continue
        edges = [start, *inside, end]
        parts = []
        for first, after in pairwise(edges):
            name = f"crimes.committed@{first.isoformat()}~{(after - dt.timedelta(days=1)).isoformat()}"
            value = int(committed.between(pd.Timestamp(first), pd.Timestamp(after), inclusive="left").sum())
            quantities.append(Quantity(name, value))
            spans.append(Span(first, after, name))
            parts.append(name)
        relations.append(sum_relation(f"decade {decade_label(decade)} in parts", row_quantity, parts))
    return spans, quantities, relations


# --- figures ------------------------------------------------------------------------------------------

NO_CSE_CRIMES = "no CSE crime was recorded in the period to take a percentage of"


def _status_figures(
    cse: pd.DataFrame, outcomes: Table, reference: Reference, total: str
) -> tuple[list[Figure], list[Relation]]:
    """The three statuses, each the sum of the outcome rows the reference list gives that status."""
    rows = outcomes.data["Outcome"].iloc[:-1]
    row_status = outcome_status(rows.astype(object), reference)
    counts = outcome_status(cse["outcome"], reference).value_counts()
    no_crimes = None if len(cse) else NO_CSE_CRIMES
    figures, relations = [], []
    for key, status in (("under_investigation", UNDER_INVESTIGATION), ("finalised", FINALISED), ("no_crime", NO_CRIME)):
        number = int(counts.get(status, 0))
        figures.append(count(f"crimes.{key}", number))
        if key != "no_crime":
            figures.append(
                ratio(
                    f"crimes.{key}_pct",
                    percentage(number, len(cse)),
                    share(f"crimes.{key}", total),
                    why_missing=no_crimes,
                )
            )
        relations.append(
            sum_relation(
                f"{status.lower()}: its outcome rows",
                f"crimes.{key}",
                [outcomes.quantity(row, CRIMES_COLUMN) for row in rows.index if row_status[row] == status],
            )
        )
    return figures, relations


def _suspect_figures(cse: pd.DataFrame, per_crime: Table, period: Period) -> tuple[list[Figure], list[Relation]]:
    """Crimes with a suspect (1 person up), with several (2 up) and the links (k persons are k links), each a
    relation on the rows of persons per crime."""
    numbers = per_crime.data[CRIMES_COLUMN].iloc[:-1]
    row = {
        int(label): per_crime.quantity(position, CRIMES_COLUMN)
        for position, label in enumerate(per_crime.data["Persons linked to the crime"].iloc[:-1])
    }
    with_suspect = period_quantity("cse_crimes_with_suspect", period)
    links = links_quantity(period)
    suspected = int(numbers.iloc[1:].sum())
    total_links = int(sum(k * int(n) for k, n in enumerate(numbers)))
    figures = [
        count("crimes.with_suspect", suspected, quantity=with_suspect),
        ratio(
            "crimes.with_suspect_pct",
            percentage(suspected, len(cse)),
            share(with_suspect, cse_quantity(period)),
            why_missing=None if len(cse) else NO_CSE_CRIMES,
        ),
        count("crimes.suspect_links", total_links, quantity=links),
        count("crimes.with_multiple_suspects", int(numbers.iloc[2:].sum())),
    ]
    relations = [
        sum_relation("crimes with a suspect: 1 person or more", with_suspect, [q for k, q in row.items() if k >= 1]),
        sum_relation(
            "crimes with several persons: 2 or more",
            "crimes.with_multiple_suspects",
            [q for k, q in row.items() if k >= 2],
        ),
        Relation({links: -1.0, **{q: float(k) for k, q in row.items() if k >= 1}}, "links: k persons on a crime"),
    ]
    return figures, relations


def _previous_figures(total: int, previous: int, period: Period, before: Period | None, reason: str) -> list[Figure]:
    if before is None:
        return missing(("crimes.cse_crimes_change_pct", "crimes.previous_cse_crimes"), reason)
    none_before = "no CSE crime was recorded in the same period a year earlier" if previous == 0 else None
    return [
        ratio(
            "crimes.cse_crimes_change_pct",
            change_pct(total, previous),
            change(cse_quantity(period), cse_quantity(before)),
            why_missing=none_before,
        ),
        count("crimes.previous_cse_crimes", previous, quantity=cse_quantity(before)),
    ]


def _non_recent_figures(
    cse: pd.DataFrame, spans: list[Span], period: Period, cutoff: dt.date
) -> tuple[list[Figure], list[Relation]]:
    """Non-recent: committed before C starts; before cut-off: of those, committed before non_recent_before. Each
    is the sum of the spans of the decades before its day."""
    before_cutoff_day = min(cutoff, period[0])
    non_recent = committed_before(cse, period[0])
    before_cutoff = int((non_recent & committed_before(cse, before_cutoff_day)).sum())
    non_recent_quantity = period_quantity("non_recent_cse_crimes", period)
    figures = [
        count("crimes.non_recent", int(non_recent.sum()), quantity=non_recent_quantity),
        ratio(
            "crimes.non_recent_pct",
            percentage(int(non_recent.sum()), len(cse)),
            share(non_recent_quantity, cse_quantity(period)),
            why_missing=None if len(cse) else NO_CSE_CRIMES,
        ),
        count("crimes.non_recent_before_cutoff", before_cutoff),
        ratio(
            "crimes.non_recent_before_cutoff_pct",
            percentage(before_cutoff, int(non_recent.sum())),
            share("crimes.non_recent_before_cutoff", non_recent_quantity),
            why_missing=None if non_recent.any() else "no CSE crime recorded in the period was non-recent",
        ),
    ]
    relations = [
        sum_relation(
            "non-recent: the decades before the period",
            non_recent_quantity,
            [s.quantity for s in spans if s.end <= period[0]],
        ),
        sum_relation(
            "before the cut-off: the decades before it",
            "crimes.non_recent_before_cutoff",
            [s.quantity for s in spans if s.end <= before_cutoff_day],
        ),
    ]
    return figures, relations


# --- the section --------------------------------------------------------------------------------------


def publication(scope: ScopeData) -> SectionPublication:
    """The crimes section of one report, declared for the disclosure engine."""
    params = scope.params
    period = params.crime_period
    crimes, suspects, district = scope.extracts.crimes, scope.extracts.crime_suspects, scope.district
    facts: dict[str, object] = {
        "crimes_supplied": crimes is not None,
        "suspects_supplied": suspects is not None,
        "area": params.area,
        "period": period,
        "non_recent_before": params.non_recent_before,
    }
    if crimes is None:
        return SectionPublication("crimes", figures=missing(list(DEFINITIONS), NOT_SUPPLIED), facts=facts)
    start = extract_start(district.crimes, params.crimes_from)
    before = previous_period_in_data(period, start)
    reason = previous_missing_reason(period, start)
    facts.update(previous_period=before, previous_missing_reason=reason)

    cse = cse_crimes_in(crimes, period)
    district_cse = cse_crimes_in(district.crimes, period)
    total, recorded = cse_quantity(period), len(recorded_in(crimes, period))
    cso = period_quantity(CRIMES_RECORDED, period)
    decades = decades_of(district_cse)
    outcomes = outcomes_table(cse, outcome_rows(district_cse), scope.reference, period)
    by_decade = committed_by_decade_table(cse, decades, period)
    tables = [
        year_on_year_table(crimes, suspects, period, before, reason),
        outcomes,
        by_decade,
        location_table(cse, scope.reference, period, params.area),
    ]
    spans, quantities, relations = committed_spans(
        cse, decades, by_decade, [period[0], min(params.non_recent_before, period[0])]
    )
    status_figures, status_relations = _status_figures(cse, outcomes, scope.reference, total)
    non_recent_figures, non_recent_relations = _non_recent_figures(cse, spans, period, params.non_recent_before)
    male = int(is_value(cse["victim_gender"], "Male").sum())
    earliest = cse["committed_date"].min()
    location_unknown = int(places(cse, scope.reference).eq(NOT_KNOWN).sum())
    previous = len(cse_crimes_in(crimes, before)) if before else 0
    quantities.append(Quantity("crimes.male_victims", male))
    no_crimes = None if len(cse) else NO_CSE_CRIMES
    figures = [
        count("crimes.child_sexual_offences", recorded, quantity=cso),
        count("crimes.cse_crimes", len(cse), quantity=total),
        ratio(
            "crimes.cse_pct",
            percentage(len(cse), recorded),
            share(total, cso),
            why_missing=None if recorded else "no sexual offence against a child was recorded in the period",
        ),
        *status_figures,
        ratio(
            "crimes.victims_male_pct",
            percentage(male, len(cse)),
            share("crimes.male_victims", total),
            why_missing=no_crimes,
        ),
        *non_recent_figures,
        count("crimes.committed_date_not_known", int(cse["committed_date"].isna().sum())),
        plain(
            "crimes.earliest_committed_year",
            None if pd.isna(earliest) else int(earliest.year),
            why_missing="no CSE crime recorded in the period has a committed date",
        ),
        count("crimes.location_not_known", location_unknown),
        ratio(
            "crimes.location_not_known_pct",
            percentage(location_unknown, len(cse)),
            share("crimes.location_not_known", total),
            why_missing=no_crimes,
        ),
        *_previous_figures(len(cse), previous, period, before, reason),
    ]
    relations += status_relations + non_recent_relations
    if suspects is None:
        figures += missing(SUSPECT_KEYS, NO_SUSPECTS)
    else:
        district_per_crime = persons_per_crime(district_cse, district.crime_suspects)
        most = int(district_per_crime.max()) if len(district_per_crime) else 0
        per_crime = suspects_per_crime_table(cse, suspects, most, period)
        tables.insert(2, per_crime)
        suspect_figures, suspect_relations = _suspect_figures(cse, per_crime, period)
        figures += suspect_figures
        relations += suspect_relations
    return SectionPublication(
        "crimes", figures=figures, tables=tables, quantities=quantities, relations=relations, facts=facts
    )
