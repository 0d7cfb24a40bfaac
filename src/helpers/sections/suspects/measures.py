"""Offenders and suspects measures (../shared/spec/figures.md, Offenders and suspects).

Offenders are the links (distinct crime_id, person_id pairs) on the CSE crimes recorded in the
crime period; suspect management occurrences are counted over their own period by created_date,
district-wide even in an area report (they hold no location). Pure functions: they return
figures and tables before disclosure control, and never draw or print.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Mapping

import pandas as pd

from helpers.disclosure import Figure, Table, count, guarded, missing, percent
from helpers.display.formatting import SUPPRESSED, pct_text, percentage
from helpers.display.narrative import NarrativeFormatter, is_known
from helpers.display.words import cell_words, largest_row, period_words, published_rows
from helpers.inputs.reference import (
    BROAD_GROUPS,
    MANAGEMENT_RISK_LEVELS,
    NOT_RECORDED,
    Reference,
)
from helpers.inputs.schema import Extracts
from helpers.params import Params
from helpers.rules.calendar import Period
from helpers.rules.crimes import (
    NO_SUSPECTS,
    NOT_SUPPLIED,
    cse_crimes_in,
    is_value,
    previous_missing_reason,
    previous_period_in_data,
    suspect_links,
)
from helpers.rules.labels import NOT_KNOWN, THIS_PERIOD, TOTAL, YEAR_EARLIER

OFFENDERS_NOTE = ("Source: police crime recording system, persons linked as suspect or offender to CSE crimes "
                  "(crimes and crime_suspects extracts).")
MANAGEMENT_NOTE = "Source: police suspect management occurrences (suspect_management extract)."
NO_MANAGEMENT = "the police suspect management extract (suspect_management) was not supplied"
# (label, oldest age in the band); the last band has no upper limit.
AGE_BANDS = (("Under 18", 17), ("18-24", 24), ("25-35", 35), ("36-45", 45), ("46 and over", None))
AGE_BAND_LABELS = [label for label, _ in AGE_BANDS]
LINKS, OCCURRENCES = "Offender links", "Occurrences"
CENSUS_AGE_BAND, CHILD_CENSUS_AGE_BAND = "18 and over", "0-17"
DEFINITIONS: dict[str, str] = {
    "offenders.links": "Links between a person and a CSE crime recorded in the crime period, as suspect or "
    "offender: a person linked to two crimes counts twice, a person listed twice on one crime once.",
    "offenders.persons": "Different persons among those links.",
    "offenders.under_18_pct": "Percentage of links with a known age at the offence whose age was under 18.",
    "offenders.under_25_pct": "The same for ages under 25.",
    "offenders.under_36_pct": "The same for ages under 36.",
    "offenders.female": "Links whose person is recorded as female.",
    "offenders.female_pct": "Those as a percentage of all links.",
    "offenders.white_pct": "Percentage of all links whose ethnicity is in the broad group White.",
    "offenders.asian_pct": "Percentage of all links whose ethnicity is in the broad group Asian.",
    "offenders.ethnicity_not_recorded_pct": "Percentage of all links whose ethnicity is blank or not recorded.",
    "management.occurrences": "Suspect management occurrences created in the suspect management period.",
    "management.persons": "Different persons among those occurrences.",
    "management.under_investigation": "Of those occurrences, the ones whose status is Under investigation.",
    "management.closed": "Of those occurrences, the ones whose status is Closed.",
    "management.aged_35_or_under_pct": "Percentage of occurrences with a known age whose person was aged 35 or "
    "under when the occurrence was created.",
    "management.over_45_pct": "The same for ages over 45.",
    "management.under_18_pct": "The same for ages under 18.",
    "management.female": "Occurrences whose person is recorded as female.",
    "management.female_pct": "Those as a percentage of all occurrences.",
    "management.asian_pct": "Percentage of all occurrences whose ethnicity is in the broad group Asian.",
    "management.white_pct": "Percentage of all occurrences whose ethnicity is in the broad group White.",
    "management.ethnicity_not_recorded_pct": "Percentage of all occurrences whose ethnicity is blank or not "
    "recorded.",
}
PREVIOUS_DEFINITIONS: dict[str, str] = {
    f"offenders.previous_{key.split('.', 1)[1]}": f"As {key}, for the CSE crimes recorded in the same-length period "
    "one year earlier; null when the crime data do not reach back to the start of that period."
    for key in DEFINITIONS if key.startswith("offenders.")
}
DEFINITIONS.update(PREVIOUS_DEFINITIONS)
OFFENDER_KEYS = tuple(k for k in DEFINITIONS if k.startswith("offenders."))
MANAGEMENT_KEYS = tuple(k for k in DEFINITIONS if k.startswith("management."))


# --- rules ------------------------------------------------------------------------------------

def age_band(ages: pd.Series) -> pd.Series:
    """Age band of each age (under 18, 18-24, 25-35, 36-45, 46 and over); a blank age is Not known."""
    def band(age: object) -> str:
        if pd.isna(age):
            return NOT_KNOWN
        return next(label for label, oldest in AGE_BANDS if oldest is None or age <= oldest)

    return ages.astype(object).map(band).astype(str)


def band_counts(bands: pd.Series) -> dict[str, int]:
    """Records in each age band and Not known, in band order."""
    frequency = bands.value_counts()
    return {label: int(frequency.get(label, 0)) for label in [*AGE_BAND_LABELS, NOT_KNOWN]}


def offender_links(
    crimes: pd.DataFrame | None, suspects: pd.DataFrame | None, period: Period
) -> pd.DataFrame | None:
    """Links on the CSE crimes recorded in the period, with each crime's victim age; None without the extracts."""
    if crimes is None or suspects is None:
        return None
    cse = cse_crimes_in(crimes, period)
    links = suspect_links(suspects, cse["crime_id"])
    return links.assign(victim_age=links["crime_id"].map(dict(zip(cse["crime_id"], cse["victim_age"]))))


def occurrences_in(management: pd.DataFrame | None, period: Period) -> pd.DataFrame | None:
    """Suspect management occurrences created in the period, both days included; None without the extract."""
    if management is None:
        return None
    start, end = period
    return management[management["created_date"].between(pd.Timestamp(start), pd.Timestamp(end))]


def comparison_population(reference: Reference) -> tuple[str, str, str]:
    """The census age band offenders and suspects are compared with, its column heading and its people.

    The district's adults where the reference data holds them, otherwise its children, labelled as such.
    """
    if len(reference.census_share(CENSUS_AGE_BAND)):
        return CENSUS_AGE_BAND, "% of adult population (2011 Census)", "adults"
    return CHILD_CENSUS_AGE_BAND, "% of child population (2011 Census)", "children"


def management_missing_note(data: Extracts) -> str | None:
    """Why the suspect management part cannot be shown, or None."""
    if data.suspect_management is None:
        return ("The police suspect management extract was not supplied for this report, so managed suspects "
                "cannot be shown.")
    return None


def management_scope_note(params: Params) -> str:
    """Suspect management holds no location: an area report says its figures are district-wide."""
    if not params.area:
        return ""
    return ("Suspect management records hold no location, so this part covers the whole district, not only the "
            f"{params.area} area.")


# --- figures ----------------------------------------------------------------------------------

def offender_figures(
    crimes: pd.DataFrame | None, suspects: pd.DataFrame | None, reference: Reference, period: Period, threshold: int
) -> list[Figure]:
    """Every `offenders.*` figure, this period's and a year earlier's; None with a reason where an extract is
    absent or the crime data do not reach back a year. An age share is hidden wherever the year-on-year age
    table hides a band it adds up, as the differences between the shares would give that band away."""
    if crimes is None:
        return missing(OFFENDER_KEYS, NOT_SUPPLIED)
    if suspects is None:
        return missing(OFFENDER_KEYS, NO_SUSPECTS)
    ages = offenders_age_year_on_year(crimes, suspects, period)
    figures = _link_figures("offenders.", offender_links(crimes, suspects, period), reference, ages,
                            CUMULATIVE_PCT, threshold)
    before = previous_period_in_data(crimes, period)
    if before is None:
        return figures + missing(tuple(PREVIOUS_DEFINITIONS), previous_missing_reason(period))
    return figures + _link_figures("offenders.previous_", offender_links(crimes, suspects, before), reference, ages,
                                   CUMULATIVE_PCT_EARLIER, threshold)


# The age shares of the figures: (key, the bands they add up).
AGE_SHARES = (("under_18", AGE_BAND_LABELS[:1]), ("under_25", AGE_BAND_LABELS[:2]), ("under_36", AGE_BAND_LABELS[:3]))


def _link_figures(prefix: str, links: pd.DataFrame, reference: Reference, ages: Table, column: str,
                  threshold: int) -> list[Figure]:
    """The offender figures of one period's links; `column` is that period's cumulative % in the age table."""
    bands = band_counts(age_band(links["age_at_offence"]))
    known = len(links) - bands[NOT_KNOWN]
    female = int(is_value(links["gender"], "Female").sum())
    groups = reference.broad_group(links["ethnicity"])
    return [
        count(f"{prefix}links", len(links)),
        count(f"{prefix}persons", links["person_id"].nunique()),
        *(guarded(percent(f"{prefix}{key}_pct", sum(bands[b] for b in added), known), ages, [(added[-1], column)],
                  threshold) for key, added in AGE_SHARES),
        count(f"{prefix}female", female),
        percent(f"{prefix}female_pct", female, len(links)),
        percent(f"{prefix}white_pct", int((groups == "White").sum()), len(links)),
        percent(f"{prefix}asian_pct", int((groups == "Asian").sum()), len(links)),
        percent(f"{prefix}ethnicity_not_recorded_pct", int((groups == NOT_RECORDED).sum()), len(links)),
    ]


def management_figures(management: pd.DataFrame | None, reference: Reference, period: Period) -> list[Figure]:
    """Every `management.*` figure for the suspect management period; None with a reason without the extract."""
    if management is None:
        return missing(MANAGEMENT_KEYS, NO_MANAGEMENT)
    occurrences = occurrences_in(management, period)
    total = len(occurrences)
    bands = band_counts(age_band(occurrences["age"]))
    known = total - bands[NOT_KNOWN]
    female = int(is_value(occurrences["gender"], "Female").sum())
    groups = reference.broad_group(occurrences["ethnicity"])
    return [
        count("management.occurrences", total),
        count("management.persons", occurrences["person_id"].nunique()),
        count("management.under_investigation", int(is_value(occurrences["status"], "Under investigation").sum())),
        count("management.closed", int(is_value(occurrences["status"], "Closed").sum())),
        percent("management.aged_35_or_under_pct", bands["Under 18"] + bands["18-24"] + bands["25-35"], known),
        percent("management.over_45_pct", bands["46 and over"], known),
        percent("management.under_18_pct", bands["Under 18"], known),
        count("management.female", female),
        percent("management.female_pct", female, total),
        percent("management.asian_pct", int((groups == "Asian").sum()), total),
        percent("management.white_pct", int((groups == "White").sum()), total),
        percent("management.ethnicity_not_recorded_pct", int((groups == NOT_RECORDED).sum()), total),
    ]


# --- tables -----------------------------------------------------------------------------------

def _age_band_table(name: str, title: str, ages: pd.Series, unit: str, note: str) -> Table:
    """Records by age band with the % of those with a known age (none for Not known), and a total row."""
    bands = band_counts(age_band(ages))
    known = sum(bands.values()) - bands[NOT_KNOWN]
    pct_column = f"% of {unit.lower()} with a known age"
    data = pd.DataFrame({
        "Age": [*bands, TOTAL],
        unit: [*bands.values(), sum(bands.values())],
        pct_column: [*(percentage(n, known) if band != NOT_KNOWN else None for band, n in bands.items()), None],
    })
    return Table(
        name=name, title=title, data=data,
        kinds={"Age": "label", unit: "count", pct_column: "pct"},
        derived_from={pct_column: ((unit, 0),)},
        total_row=TOTAL, note=note,
    )


def offenders_age_bands(links: pd.DataFrame, period: Period) -> Table:
    return _age_band_table(
        "offenders_age_bands", "Offenders linked to CSE crimes by age at the offence", links["age_at_offence"], LINKS,
        note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. An offender is counted once for each "
             "crime they are linked to. Age at the time of the offence; percentages leave out unknown ages.",
    )


def management_age_bands(occurrences: pd.DataFrame, period: Period) -> Table:
    return _age_band_table(
        "management_age_bands", "Suspect management occurrences by age of the suspect", occurrences["age"],
        OCCURRENCES,
        note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district. Age when the "
             "occurrence was created; percentages leave out unknown ages.",
    )


THIS_PERIOD_PCT, YEAR_EARLIER_PCT = "% this period", "% a year earlier"
CUMULATIVE_PCT, CUMULATIVE_PCT_EARLIER = "Cumulative % this period", "Cumulative % a year earlier"


def _previous_links(crimes: pd.DataFrame, suspects: pd.DataFrame, period: Period) -> pd.DataFrame | None:
    before = previous_period_in_data(crimes, period)
    return None if before is None else offender_links(crimes, suspects, before)


def _year_earlier_note(crimes: pd.DataFrame, period: Period) -> str:
    before = previous_period_in_data(crimes, period)
    earlier = (f"links on CSE crimes recorded {period_words(before)}" if before
               else f"blank, as {previous_missing_reason(period)}")
    return (f"{OFFENDERS_NOTE} This period: links on CSE crimes recorded {period_words(period)}. A year earlier: "
            f"{earlier}. A link is one person on one crime.")


def offenders_year_on_year(crimes: pd.DataFrame, suspects: pd.DataFrame, reference: Reference, period: Period) -> Table:
    """Offender links, persons, female offenders and unrecorded ethnicity in the period and the same period a
    year earlier (blank when the crime data do not reach back to it); ages are in offenders_age_year_on_year."""
    def column(links: pd.DataFrame | None) -> tuple[list[int | None], list[float | None]]:
        if links is None:
            return [None] * 4, [None] * 4
        groups = reference.broad_group(links["ethnicity"])
        counts = [len(links), int(links["person_id"].nunique()), int(is_value(links["gender"], "Female").sum()),
                  int((groups == NOT_RECORDED).sum())]
        return counts, [None, None, *(percentage(n, len(links)) for n in counts[2:])]

    now, now_pct = column(offender_links(crimes, suspects, period))
    before, before_pct = column(_previous_links(crimes, suspects, period))
    return Table(
        name="offenders_year_on_year",
        title="Offenders linked to CSE crimes compared with the same period a year earlier",
        data=pd.DataFrame({
            "Offenders": [LINKS, "Persons", "Female", "Ethnicity not recorded"],
            THIS_PERIOD: now, THIS_PERIOD_PCT: now_pct,
            YEAR_EARLIER: pd.array(before, dtype="Int64"), YEAR_EARLIER_PCT: before_pct,
        }),
        kinds={"Offenders": "label", THIS_PERIOD: "count", THIS_PERIOD_PCT: "pct", YEAR_EARLIER: "count",
               YEAR_EARLIER_PCT: "pct"},
        derived_from={pct: ((count_column, 0), (count_column, LINKS))
                      for pct, count_column in ((THIS_PERIOD_PCT, THIS_PERIOD), (YEAR_EARLIER_PCT, YEAR_EARLIER))},
        note=f"{_year_earlier_note(crimes, period)} Persons: different persons among the links. Percentages are "
             "of all links.",
    )


def offenders_age_year_on_year(crimes: pd.DataFrame, suspects: pd.DataFrame, period: Period) -> Table:
    """Links by the offender's age band in the period and a year earlier, each with the cumulative % of the
    links with a known age (under 18, under 25, under 36...). Bands rather than cumulative counts, with a total
    row, so that suppression protects every band: the difference of two published cumulative counts would be one."""
    rows = [*AGE_BAND_LABELS, NOT_KNOWN, TOTAL]

    def column(links: pd.DataFrame | None) -> tuple[list[int | None], list[float | None]]:
        if links is None:
            return [None] * len(rows), [None] * len(rows)
        bands = band_counts(age_band(links["age_at_offence"]))
        known = len(links) - bands[NOT_KNOWN]
        running = pd.Series([bands[b] for b in AGE_BAND_LABELS]).cumsum()
        return ([*bands.values(), len(links)], [*(percentage(int(n), known) for n in running), None, None])

    now, now_cumulative = column(offender_links(crimes, suspects, period))
    before, before_cumulative = column(_previous_links(crimes, suspects, period))
    return Table(
        name="offenders_age_year_on_year",
        title="Offenders linked to CSE crimes by age at the offence, compared with the same period a year earlier",
        data=pd.DataFrame({"Age": rows, THIS_PERIOD: now, CUMULATIVE_PCT: now_cumulative,
                           YEAR_EARLIER: pd.array(before, dtype="Int64"), CUMULATIVE_PCT_EARLIER: before_cumulative}),
        kinds={"Age": "label", THIS_PERIOD: "count", CUMULATIVE_PCT: "pct", YEAR_EARLIER: "count",
               CUMULATIVE_PCT_EARLIER: "pct"},
        # A cumulative share is hidden with any band it adds up (as offenders_age_bands hides a band's share).
        derived_from={pct: tuple((count_column, -k) for k in range(len(AGE_BAND_LABELS)))
                      for pct, count_column in ((CUMULATIVE_PCT, THIS_PERIOD), (CUMULATIVE_PCT_EARLIER, YEAR_EARLIER))},
        total_row=TOTAL,
        note=f"{_year_earlier_note(crimes, period)} Age at the time of the offence. Cumulative %: the links in the "
             "band or a younger one as a percentage of the links with a known age (the row 18-24 gives the share "
             "under 25).",
    )


def victim_age_label(age: object) -> str:
    return NOT_KNOWN if pd.isna(age) else str(int(age))


def victim_age_by_offender_age(links: pd.DataFrame, period: Period) -> Table:
    """Links by the victim's age (rows) and the offender's age band (columns): the 2016 appendix chart."""
    victim = links["victim_age"].astype(object).map(victim_age_label)
    offender = age_band(links["age_at_offence"])
    known_ages = links["victim_age"].dropna()
    rows = [str(a) for a in range(int(known_ages.min()), int(known_ages.max()) + 1)] if len(known_ages) else []
    if (victim == NOT_KNOWN).any():
        rows.append(NOT_KNOWN)
    columns = [*AGE_BAND_LABELS, NOT_KNOWN]
    grid = pd.crosstab(victim, offender).reindex(index=rows, columns=columns, fill_value=0)
    data = grid.reset_index(names="Victim age").rename_axis(columns=None)
    data[TOTAL] = data[columns].sum(axis=1)
    totals = {"Victim age": TOTAL, **{c: int(data[c].sum()) for c in (*columns, TOTAL)}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    for column in (*columns, TOTAL):
        data[column] = data[column].astype(int)
    return Table(
        name="offenders_victim_age_by_offender_age",
        title="Offenders linked to CSE crimes by the age of the victim and the age of the offender",
        data=data,
        kinds={"Victim age": "label", **{c: "count" for c in columns}, TOTAL: "count"},
        total_row=TOTAL, total_column=TOTAL,
        note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. Rows: the victim's age at the "
             "offence; columns: the offender's age band at the offence. Each cell counts links, so a crime with "
             "two offenders counts twice.",
    )


def _ethnicity_table(name: str, title: str, ethnicity: pd.Series, unit: str, reference: Reference,
                     note: str) -> Table:
    """Records by broad ethnic group, % of all of them, and the district population share beside it."""
    groups = reference.broad_group(ethnicity).value_counts()
    counts = {group: int(groups.get(group, 0)) for group in BROAD_GROUPS}
    total = sum(counts.values())
    age_band_name, population_column, _ = comparison_population(reference)
    population = reference.census_share(age_band_name)
    pct_column = f"% of {unit.lower()}"
    data = pd.DataFrame({
        "Ethnic group": [*counts, TOTAL],
        unit: [*counts.values(), total],
        pct_column: [*(percentage(n, total) for n in counts.values()), percentage(total, total)],
        population_column: [*(percentage(int(population[g]), int(population.sum())) if g in population.index
                              else None for g in counts), percentage(int(population.sum()), int(population.sum()))],
    })
    return Table(
        name=name, title=title, data=data,
        kinds={"Ethnic group": "label", unit: "count", pct_column: "pct", population_column: "pct"},
        derived_from={pct_column: ((unit, 0), (unit, TOTAL))},
        total_row=TOTAL,
        note=f"{note} Broad ethnic groups; blank and categories such as Information Not Yet Obtained are Not "
             f"recorded. Population: Bradford district, 2011 Census (table DC2101EW), ages {age_band_name}; the "
             "census counts Gypsy or Irish Traveller as White, while the police and the Hub count Gypsy/Roma as "
             "Other.",
    )


def offenders_ethnicity(links: pd.DataFrame, reference: Reference, period: Period) -> Table:
    return _ethnicity_table(
        "offenders_ethnicity", "Offenders linked to CSE crimes by ethnic group", links["ethnicity"], LINKS, reference,
        note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. An offender is counted once for each "
             "crime they are linked to.",
    )


def management_ethnicity(occurrences: pd.DataFrame, reference: Reference, period: Period) -> Table:
    return _ethnicity_table(
        "management_ethnicity", "Suspect management occurrences by ethnic group of the suspect",
        occurrences["ethnicity"], OCCURRENCES, reference,
        note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district.",
    )


def management_risk_levels(occurrences: pd.DataFrame, period: Period) -> Table:
    """Occurrences by the risk level of the suspect, with the % of all occurrences."""
    levels = occurrences["risk_level"].fillna(NOT_RECORDED).astype(str).value_counts()
    rows = [*MANAGEMENT_RISK_LEVELS, NOT_RECORDED]
    counts = [int(levels.get(level, 0)) for level in rows]
    total = sum(counts)
    data = pd.DataFrame({
        "Risk level": [*rows, TOTAL],
        OCCURRENCES: [*counts, total],
        "% of occurrences": [*(percentage(n, total) for n in counts), percentage(total, total)],
    })
    return Table(
        name="management_risk_levels", title="Suspect management occurrences by risk level of the suspect",
        data=data,
        kinds={"Risk level": "label", OCCURRENCES: "count", "% of occurrences": "pct"},
        derived_from={"% of occurrences": ((OCCURRENCES, 0), (OCCURRENCES, TOTAL))},
        total_row=TOTAL,
        note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district. Risk level of the "
             "suspect as assessed by the Hub. Not recorded: no risk level.",
    )


# --- words from published values ---------------------------------------------------------------

def age_finding(share: object, who: str, ages: str) -> str:
    """`59% of offenders linked to CSE crimes were under 25` from a published percentage."""
    if not is_known(share):
        return f"Age of {who}"
    return f"{pct_text(float(share))} of {who} were {ages}"


def age_alt_text(cells: pd.DataFrame, unit_column: str, finding: str) -> str:
    parts = "; ".join(f"{r['Age']}: {cell_words(r[unit_column])}"
                      for _, r in published_rows(cells, (TOTAL,)).iterrows())
    return f"Bar chart of {unit_column.lower()} by age band. {finding}. {parts}."


def pairing_finding(cells: pd.DataFrame) -> str:
    """The most frequent pairing of victim age and offender age band, when no cell is hidden.

    With hidden cells the largest published cell may not be the largest one, so the title only describes.
    """
    inner = published_rows(cells, (TOTAL, NOT_KNOWN))[["Victim age", *AGE_BAND_LABELS]]
    grid = inner.set_index("Victim age")
    if (grid == SUPPRESSED).any().any() or grid.empty:
        return "Age of offenders by the age of the victim"
    values = grid.astype(float)
    top = values.max().max()
    if top <= 0 or (values == top).sum().sum() > 1:
        return "Age of offenders by the age of the victim"
    victim_age, band = values.stack().idxmax()
    return f"The most frequent pairing was a victim aged {victim_age} with an offender aged {band.lower()}"


def pairing_alt_text(cells: pd.DataFrame, finding: str) -> str:
    parts = "; ".join(f"victim aged {r['Victim age']}: " + ", ".join(f"{b} {cell_words(r[b])}" for b in AGE_BAND_LABELS)
                      for _, r in published_rows(cells, (TOTAL, NOT_KNOWN)).iterrows())
    return (f"Grouped bar chart of offender links by the victim's age, one bar for each offender age band. "
            f"{finding}. {parts}.")


def ethnicity_finding(cells: pd.DataFrame, unit_column: str, who: str) -> str:
    """`45% of offenders were recorded as White and 30% as Asian` from the two largest published groups."""
    pct_column = f"% of {unit_column.lower()}"
    groups = published_rows(cells, (TOTAL,))
    recorded = [g for g in groups["Ethnic group"] if g != NOT_RECORDED]
    first = largest_row(groups, pct_column, recorded)
    if first is None:
        return f"Ethnic group of {who}"
    second = largest_row(groups, pct_column, [g for g in recorded if g != first])
    share = dict(zip(groups["Ethnic group"], groups[pct_column]))
    text = f"{pct_text(float(share[first]))} of {who} were recorded as {first}"
    return text + (f" and {pct_text(float(share[second]))} as {second}" if second else "")


def ethnicity_alt_text(cells: pd.DataFrame, unit_column: str, finding: str) -> str:
    pct_column = f"% of {unit_column.lower()}"
    population_column = cells.columns[-1]
    parts = "; ".join(
        f"{r['Ethnic group']}: {_share_text(r[pct_column])} of {unit_column.lower()}"
        + (f", {_share_text(r[population_column])} of the population" if r[population_column] is not None
           else ", not counted in the census")
        for _, r in published_rows(cells, (TOTAL,)).iterrows())
    return (f"Bar chart comparing the ethnic groups of {unit_column.lower()} with the district population "
            f"(2011 Census). {finding}. {parts}.")


def _share_text(value: object) -> str:
    if value is None:
        return "no share (none recorded)"
    return "a suppressed share" if value == SUPPRESSED else pct_text(float(value))


def population_share(cells: pd.DataFrame, group: str) -> object:
    """The population share of a broad group in a published ethnicity table (the last column)."""
    row = cells[cells["Ethnic group"] == group]
    return row.iloc[0, -1] if len(row) else None


def year_earlier_words(o: SimpleNamespace, reason: str, threshold: int) -> str:
    """`In the same period a year earlier there were 91 links to CSE crimes, concerning 90 different persons.`,
    from the published `offenders` figures, or why there is no comparison."""
    if o.previous_links is None:
        return f"Offenders cannot be compared with a year earlier: {reason}."
    if o.previous_links == 0:
        return "No person was linked to a CSE crime recorded in the same period a year earlier."
    return NarrativeFormatter(threshold).format(
        "In the same period a year earlier there were {n:count} links to CSE crimes, concerning {p:count} different "
        "persons.", n=o.previous_links, p=o.previous_persons)


def offender_age_words(o: SimpleNamespace, threshold: int) -> str:
    """`In terms of age, 84% of offenders were under the age of 36 and 65% were under the age of 25. Of the
    offenders, 21% were under the age of 18 and were therefore children themselves.`

    An age share may be hidden to protect an age band it adds up, not only for being small, so a hidden share
    is named as suppressed rather than read as fewer than the threshold.
    """
    say = NarrativeFormatter(threshold).format
    older = [(o.under_36_pct, "36"), (o.under_25_pct, "25")]
    known = [(share, age) for share, age in older if is_known(share)]
    shown = [say("{p:pct} {who}were under the age of {a}", p=share, a=age, who="" if n else "of offenders ")
             for n, (share, age) in enumerate(known)]
    hidden = [age for share, age in older if share == SUPPRESSED]
    words = []
    if shown:
        words.append(f"In terms of age, {' and '.join(shown)}"
                     + (f" (the share under {hidden[0]} is suppressed)." if hidden else "."))
    elif hidden:
        words.append(f"In terms of age, the {'shares' if len(hidden) > 1 else 'share'} of offenders under "
                     f"{' and under '.join(hidden)} {'are' if len(hidden) > 1 else 'is'} suppressed.")
    if is_known(o.under_18_pct):
        words.append(say("Of the offenders, {p:pct} were under the age of 18 and were therefore children themselves.",
                         p=o.under_18_pct))
    elif o.under_18_pct == SUPPRESSED:
        words.append("The share of offenders under the age of 18 is suppressed.")
    return " ".join(words) if words else "No offender's age at the time of the offence is known."


def year_earlier_age_words(o: SimpleNamespace, threshold: int) -> str:
    """`65% of offenders were under 25, compared with 59% in the same period a year earlier.`, a sentence saying
    which share is suppressed, or nothing when either share cannot be computed."""
    now, then = o.under_25_pct, o.previous_under_25_pct
    if now is None or then is None:
        return ""
    if is_known(now, then):
        return NarrativeFormatter(threshold).format(
            "{now:pct} of offenders were under 25, compared with {then:pct} in the same period a year earlier.",
            now=now, then=then)
    which = ("in either period" if now == then == SUPPRESSED else "in this period" if now == SUPPRESSED
             else "a year earlier")
    return f"The share of offenders under 25 {which} is suppressed, so the two periods cannot be compared."


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, in the voice of para 2.22 of the 2016 report."""
    say = NarrativeFormatter(params.suppression_threshold).format
    get = figures.get
    found = []
    if is_known(get("offenders.under_36_pct"), get("offenders.under_25_pct")):
        found.append(say("{a:pct} of identified offenders linked to CSE crimes were under the age of 36 while "
                         "{b:pct} were under the age of 25.",
                         a=get("offenders.under_36_pct"), b=get("offenders.under_25_pct")))
    if is_known(get("offenders.white_pct"), get("offenders.asian_pct"), get("offenders.ethnicity_not_recorded_pct")):
        found.append(say("{w:pct} of offenders linked to CSE crimes were recorded as White and {a:pct} as Asian; "
                         "the ethnicity of {n:pct} was not recorded.",
                         w=get("offenders.white_pct"), a=get("offenders.asian_pct"),
                         n=get("offenders.ethnicity_not_recorded_pct")))
    if is_known(get("management.occurrences"), get("management.aged_35_or_under_pct")):
        start, end = params.suspect_period
        found.append(say("Between {start:date} and {end:date} there were {n:count} CSE suspect management "
                         "occurrences; {p:pct} concerned suspects aged 35 or younger.",
                         start=start, end=end, n=get("management.occurrences"),
                         p=get("management.aged_35_or_under_pct")))
    return found
