"""Offenders and suspects measures (docs/measures.md, Offenders and suspects), declared for the
disclosure engine.

Offenders are the links (distinct crime_id, person_id pairs) on the CSE crimes recorded in the crime
period, this period's and the same period a year earlier's; suspect management occurrences are counted
over their own period by created_date. Every count of links is named by its period, so a year earlier's
column here and in next year's report, and the links of the crimes section, are one count each. An age
band of the links is the same count in the age table, the year-on-year age table and the total row of
the victim-age table; the age shares are cumulative bands over the links with a known age. Suspect
management holds no location: its counts are the same in every report of the year (`~` names).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from helpers.disclosure.declare import (
    Figure,
    Quantity,
    RatioSpec,
    Relation,
    SectionPublication,
    Table,
    count,
    missing,
    plain,
    ratio,
    share,
    sum_relation,
)
from helpers.display.formatting import percentage
from helpers.display.words import period_words
from helpers.inputs.reference import (
    BROAD_GROUPS,
    MANAGEMENT_RISK_LEVELS,
    NOT_RECORDED,
    Reference,
)
from helpers.inputs.scope import ScopeData
from helpers.rules.calendar import Period, period_quantity
from helpers.rules.crimes import (
    NO_SUSPECTS,
    NOT_SUPPLIED,
    cse_crimes_in,
    extract_start,
    is_value,
    links_quantity,
    previous_missing_reason,
    previous_period_in_data,
    suspect_links,
)
from helpers.rules.labels import NOT_KNOWN, THIS_PERIOD, TOTAL, YEAR_EARLIER

OFFENDERS_NOTE = (
    "Source: police crime recording system, persons linked as suspect or offender to CSE crimes "
    "(crimes and crime_suspects extracts)."
)
MANAGEMENT_NOTE = "Source: police suspect management occurrences (suspect_management extract)."
NO_MANAGEMENT = "the police suspect management extract (suspect_management) was not supplied"
# (label, oldest age in the band); the last band has no upper limit.
AGE_BANDS = (("Under 18", 17), ("18-24", 24), ("25-35", 35), ("36-45", 45), ("46 and over", None))
AGE_BAND_LABELS = [label for label, _ in AGE_BANDS]
LINKS, OCCURRENCES = "Offender links", "Occurrences"
CENSUS_AGE_BAND, CHILD_CENSUS_AGE_BAND = "18 and over", "0-17"
THIS_PERIOD_PCT, YEAR_EARLIER_PCT = "% this period", "% a year earlier"
CUMULATIVE_PCT, CUMULATIVE_PCT_EARLIER = "Cumulative % this period", "Cumulative % a year earlier"
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
    "management.ethnicity_not_recorded_pct": "Percentage of all occurrences whose ethnicity is blank or not recorded.",
}
PREVIOUS_DEFINITIONS: dict[str, str] = {
    f"offenders.previous_{key.split('.', 1)[1]}": f"As {key}, for the CSE crimes recorded in the same-length period "
    "one year earlier; null when the crime extract does not cover that period."
    for key in DEFINITIONS
    if key.startswith("offenders.")
}
DEFINITIONS.update(PREVIOUS_DEFINITIONS)
CENSUS_GROUPS = (("white", "White"), ("asian", "Asian"))  # the census shares the narrative sets offenders against
DEFINITIONS.update(
    {
        f"offenders.census_{key}_pct": f"Percentage of the district's population in the broad group {group} in "
        "the 2011 Census (table DC2101EW), in the age band offenders are compared with: adults, or children where "
        "the reference data holds no adults. A constant of the reference data, not a count of the report."
        for key, group in CENSUS_GROUPS
    }
)
OFFENDER_KEYS = tuple(k for k in DEFINITIONS if k.startswith("offenders."))
MANAGEMENT_KEYS = tuple(k for k in DEFINITIONS if k.startswith("management."))
# The cumulative age shares: (figure, the bands they add up, the name of their count).
AGE_SHARES = (
    ("under_18", AGE_BAND_LABELS[:1], "under 18"),
    ("under_25", AGE_BAND_LABELS[:2], "under 25"),
    ("under_36", AGE_BAND_LABELS[:3], "under 36"),
)
MANAGEMENT_AGE_SHARES = (
    ("aged_35_or_under", AGE_BAND_LABELS[:3], "35 or under"),
    ("over_45", AGE_BAND_LABELS[4:], "over 45"),
    ("under_18", AGE_BAND_LABELS[:1], "under 18"),
)


# --- rules ------------------------------------------------------------------------------------------


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


def offender_links(crimes: pd.DataFrame, suspects: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Links on the CSE crimes recorded in the period, with each crime's victim age."""
    cse = cse_crimes_in(crimes, period)
    links = suspect_links(suspects, cse["crime_id"])
    return links.assign(victim_age=links["crime_id"].map(dict(zip(cse["crime_id"], cse["victim_age"], strict=True))))


def occurrences_in(management: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Suspect management occurrences created in the period, both days included."""
    start, end = period
    return management[management["created_date"].between(pd.Timestamp(start), pd.Timestamp(end))]


def comparison_population(reference: Reference) -> tuple[str, str, str]:
    """The census age band offenders and suspects are compared with, its column heading and its people.

    The district's adults where the reference data holds them, otherwise its children, labelled as such.
    """
    if len(reference.census_share(CENSUS_AGE_BAND)):
        return CENSUS_AGE_BAND, "% of adult population (2011 Census)", "adults"
    return CHILD_CENSUS_AGE_BAND, "% of child population (2011 Census)", "children"


# --- names of the counts ----------------------------------------------------------------------------

Namer = Callable[[str], str]


def offender_names(period: Period) -> Namer:
    """`persons` -> `offender_links@2015-04-01~2016-03-31|persons`; the links themselves are the crimes section's."""

    def name(what: str) -> str:
        return links_quantity(period) if what == "links" else f"{period_quantity('offender_links', period)}|{what}"

    return name


def management_names(period: Period) -> Namer:
    """Suspect management holds no location: the same count in every report of the year."""

    def name(what: str) -> str:
        return f"~{period_quantity('management', period)}|{what}"

    return name


def band_name(band: str) -> str:
    return f"age {band}"


def group_name(group: str) -> str:
    return f"ethnicity {group}"


# --- declarations shared by links and occurrences ---------------------------------------------------


def age_quantities(bands: dict[str, int], name: Namer, shares: tuple) -> tuple[list[Quantity], list[Relation]]:
    """The records with a known age (the sum of the bands but Not known) and the count each age share adds up:
    counts no table shows, which the shares are worked out from."""
    known = sum(bands[b] for b in AGE_BAND_LABELS)
    quantities = [Quantity(name("known age"), known)]
    relations = [
        sum_relation("known ages: the bands", name("known age"), [name(band_name(b)) for b in AGE_BAND_LABELS])
    ]
    for _, added, label in shares:
        if len(added) > 1:
            quantities.append(Quantity(name(f"aged {label}"), sum(bands[b] for b in added)))
            relations.append(
                sum_relation(f"aged {label}: its bands", name(f"aged {label}"), [name(band_name(b)) for b in added])
            )
    return quantities, relations


def age_share(added: list[str], label: str, name: Namer) -> RatioSpec:
    """A share of the known ages: the bands it adds up over the known ages, judged by its own count."""
    numerator = name(band_name(added[0])) if len(added) == 1 else name(f"aged {label}")
    return RatioSpec(
        {name(band_name(b)): 1.0 for b in added}, {name("known age"): 1.0}, counts=(numerator, name("known age"))
    )


def age_share_figures(prefix: str, bands: dict[str, int], name: Namer, shares: tuple) -> list[Figure]:
    known = sum(bands[b] for b in AGE_BAND_LABELS)
    return [
        ratio(
            f"{prefix}{key}_pct",
            percentage(sum(bands[b] for b in added), known),
            age_share(list(added), label, name),
            why_missing=None if known else "no age was recorded to take a percentage of",
        )
        for key, added, label in shares
    ]


def _age_band_table(
    name: str, title: str, bands: dict[str, int], unit: str, names: Namer, total: str, note: str
) -> Table:
    """Records by age band with the % of those with a known age (none for Not known), and a total row."""
    known = sum(bands[b] for b in AGE_BAND_LABELS)
    pct_column = f"% of {unit.lower()} with a known age"
    data = pd.DataFrame(
        {
            "Age": [*bands, TOTAL],
            unit: [*bands.values(), sum(bands.values())],
            pct_column: [*(percentage(n, known) if band != NOT_KNOWN else None for band, n in bands.items()), None],
        }
    )
    rows = list(bands)
    return Table(
        name=name,
        title=title,
        data=data,
        kinds={"Age": "label", unit: "count", pct_column: "pct"},
        total_row=TOTAL,
        note=note,
        quantities={**{(row, unit): names(band_name(band)) for row, band in enumerate(rows)}, (len(rows), unit): total},
        derived={
            (row, pct_column): share(names(band_name(band)), names("known age"))
            for row, band in enumerate(rows)
            if band != NOT_KNOWN
        },
    )


def population_shares(reference: Reference) -> dict[str, float | None]:
    """Each broad group's percentage of the census population offenders and suspects are compared with."""
    population = reference.census_share(comparison_population(reference)[0])
    return {group: percentage(int(people), int(population.sum())) for group, people in population.items()}


def group_counts(ethnicity: pd.Series, reference: Reference) -> dict[str, int]:
    groups = reference.broad_group(ethnicity).value_counts()
    return {group: int(groups.get(group, 0)) for group in BROAD_GROUPS}


def _ethnicity_table(
    name: str, title: str, counts: dict[str, int], unit: str, names: Namer, total: str, reference: Reference, note: str
) -> Table:
    """Records by broad ethnic group, % of all of them, and the district population share beside it (census
    constants, not counts of the report)."""
    whole = sum(counts.values())
    age_band_name, population_column, _ = comparison_population(reference)
    population, shares = int(reference.census_share(age_band_name).sum()), population_shares(reference)
    pct_column = f"% of {unit.lower()}"
    data = pd.DataFrame(
        {
            "Ethnic group": [*counts, TOTAL],
            unit: [*counts.values(), whole],
            pct_column: [*(percentage(n, whole) for n in counts.values()), percentage(whole, whole)],
            population_column: [*(shares.get(g) for g in counts), percentage(population, population)],
        }
    )
    last = len(counts)
    return Table(
        name=name,
        title=title,
        data=data,
        kinds={"Ethnic group": "label", unit: "count", pct_column: "pct", population_column: "pct"},
        total_row=TOTAL,
        quantities={**{(row, unit): names(group_name(group)) for row, group in enumerate(counts)}, (last, unit): total},
        derived={(row, pct_column): share((row, unit), (last, unit)) for row in range(last + 1)},
        note=f"{note} Broad ethnic groups; blank and categories such as Information Not Yet Obtained are Not "
        f"recorded. Population: Bradford district, 2011 Census (table DC2101EW), ages {age_band_name}; the "
        "census counts Gypsy or Irish Traveller as White, while the police and the Hub count Gypsy/Roma as "
        "Other.",
    )


# --- offenders ----------------------------------------------------------------------------------------


def offender_counts(links: pd.DataFrame, reference: Reference) -> dict[str, object]:
    """Everything counted of one period's links."""
    return {
        "links": len(links),
        "persons": int(links["person_id"].nunique()),
        "female": int(is_value(links["gender"], "Female").sum()),
        "bands": band_counts(age_band(links["age_at_offence"])),
        "groups": group_counts(links["ethnicity"], reference),
    }


def offender_figures(prefix: str, counted: dict[str, object], name: Namer) -> list[Figure]:
    """The offender figures of one period's links (`offenders.` or `offenders.previous_`)."""
    links, groups = counted["links"], counted["groups"]
    no_links = None if links else "no person was linked to a CSE crime recorded in the period"
    return [
        count(f"{prefix}links", links, quantity=name("links")),
        count(f"{prefix}persons", counted["persons"], quantity=name("persons")),
        *age_share_figures(prefix, counted["bands"], name, AGE_SHARES),
        count(f"{prefix}female", counted["female"], quantity=name("female")),
        ratio(
            f"{prefix}female_pct",
            percentage(counted["female"], links),
            share(name("female"), name("links")),
            why_missing=no_links,
        ),
        *(
            ratio(
                f"{prefix}{key}_pct",
                percentage(groups[group], links),
                share(name(group_name(group)), name("links")),
                why_missing=no_links,
            )
            for key, group in (("white", "White"), ("asian", "Asian"), ("ethnicity_not_recorded", NOT_RECORDED))
        ),
    ]


def offender_declarations(
    counted: dict[str, object], name: Namer, in_tables: bool
) -> tuple[list[Quantity], list[Relation]]:
    """The counts the shares are worked out from. A year earlier no table shows the ethnic groups: the shares of
    White and Asian, and the Not recorded of the year-on-year table, leave the other groups' sum."""
    quantities, relations = age_quantities(counted["bands"], name, AGE_SHARES)
    if not in_tables:
        groups = counted["groups"]
        quantities += [Quantity(name(group_name(g)), groups[g]) for g in ("White", "Asian")]
        others = [g for g in BROAD_GROUPS if g not in ("White", "Asian", NOT_RECORDED)]
        quantities.append(Quantity(name(group_name(" and ".join(others))), sum(groups[g] for g in others)))
        relations.append(
            sum_relation(
                "links: their ethnic groups",
                name("links"),
                [name(group_name(g)) for g in ("White", "Asian", NOT_RECORDED)]
                + [name(group_name(" and ".join(others)))],
            )
        )
    return quantities, relations


def offenders_year_on_year(
    now: dict[str, object], then: dict[str, object] | None, names: Namer, earlier_names: Namer | None, note: str
) -> Table:
    """Offender links, persons, female offenders and unrecorded ethnicity in the period and the same period a
    year earlier (blank when the extract does not cover it); ages are in offenders_age_year_on_year."""
    rows = [
        (LINKS, "links"),
        ("Persons", "persons"),
        ("Female", "female"),
        ("Ethnicity not recorded", group_name(NOT_RECORDED)),
    ]

    def column(counted: dict[str, object] | None) -> list[int | None]:
        if counted is None:
            return [None] * len(rows)
        return [counted["links"], counted["persons"], counted["female"], counted["groups"][NOT_RECORDED]]

    def shares(values: list[int | None]) -> list[float | None]:
        return [None, None, *(None if v is None else percentage(v, values[0]) for v in values[2:])]

    now_counts, then_counts = column(now), column(then)
    quantities, derived = {}, {}
    for row, (_, what) in enumerate(rows):
        quantities[(row, THIS_PERIOD)] = names(what)
        if earlier_names:
            quantities[(row, YEAR_EARLIER)] = earlier_names(what)
    for row in (2, 3):
        derived[(row, THIS_PERIOD_PCT)] = share((row, THIS_PERIOD), (0, THIS_PERIOD))
        if earlier_names:
            derived[(row, YEAR_EARLIER_PCT)] = share((row, YEAR_EARLIER), (0, YEAR_EARLIER))
    return Table(
        name="offenders_year_on_year",
        title="Offenders linked to CSE crimes compared with the same period a year earlier",
        data=pd.DataFrame(
            {
                "Offenders": [label for label, _ in rows],
                THIS_PERIOD: now_counts,
                THIS_PERIOD_PCT: shares(now_counts),
                YEAR_EARLIER: pd.array(then_counts, dtype="Int64"),
                YEAR_EARLIER_PCT: shares(then_counts),
            }
        ),
        kinds={
            "Offenders": "label",
            THIS_PERIOD: "count",
            THIS_PERIOD_PCT: "pct",
            YEAR_EARLIER: "count",
            YEAR_EARLIER_PCT: "pct",
        },
        quantities=quantities,
        derived=derived,
        note=f"{note} Persons: different persons among the links. Percentages are of all links.",
    )


def offenders_age_year_on_year(
    now: dict[str, object], then: dict[str, object] | None, names: Namer, earlier_names: Namer | None, note: str
) -> Table:
    """Links by the offender's age band in the period and a year earlier, each with the cumulative % of the
    links with a known age (under 18, under 25, under 36...). Bands rather than cumulative counts, with a total
    row, so that suppression protects every band: the difference of two published cumulative counts would be one."""
    rows = [*AGE_BAND_LABELS, NOT_KNOWN, TOTAL]

    def column(counted: dict[str, object] | None) -> tuple[list[int | None], list[float | None]]:
        if counted is None:
            return [None] * len(rows), [None] * len(rows)
        bands = counted["bands"]
        known = sum(bands[b] for b in AGE_BAND_LABELS)
        running = pd.Series([bands[b] for b in AGE_BAND_LABELS]).cumsum()
        return [*bands.values(), counted["links"]], [*(percentage(int(n), known) for n in running), None, None]

    def declare(count_column: str, pct_column: str, name: Namer, quantities: dict, derived: dict) -> None:
        for row, band in enumerate([*AGE_BAND_LABELS, NOT_KNOWN]):
            quantities[(row, count_column)] = name(band_name(band))
        quantities[(len(rows) - 1, count_column)] = name("links")
        for row in range(len(AGE_BAND_LABELS)):
            added = AGE_BAND_LABELS[: row + 1]
            label = next((lab for _, bands, lab in AGE_SHARES if list(bands) == added), None)
            if label is not None:
                derived[(row, pct_column)] = age_share(added, label, name)
            else:  # under 46 and all known ages: judged by the known ages, which they nearly are
                derived[(row, pct_column)] = RatioSpec(
                    {name(band_name(b)): 1.0 for b in added}, {name("known age"): 1.0}, counts=(name("known age"),)
                )

    now_counts, now_cumulative = column(now)
    then_counts, then_cumulative = column(then)
    quantities: dict = {}
    derived: dict = {}
    declare(THIS_PERIOD, CUMULATIVE_PCT, names, quantities, derived)
    if earlier_names:
        declare(YEAR_EARLIER, CUMULATIVE_PCT_EARLIER, earlier_names, quantities, derived)
    return Table(
        name="offenders_age_year_on_year",
        title="Offenders linked to CSE crimes by age at the offence, compared with the same period a year earlier",
        data=pd.DataFrame(
            {
                "Age": rows,
                THIS_PERIOD: now_counts,
                CUMULATIVE_PCT: now_cumulative,
                YEAR_EARLIER: pd.array(then_counts, dtype="Int64"),
                CUMULATIVE_PCT_EARLIER: then_cumulative,
            }
        ),
        kinds={
            "Age": "label",
            THIS_PERIOD: "count",
            CUMULATIVE_PCT: "pct",
            YEAR_EARLIER: "count",
            CUMULATIVE_PCT_EARLIER: "pct",
        },
        total_row=TOTAL,
        quantities=quantities,
        derived=derived,
        note=f"{note} Age at the time of the offence. Cumulative %: the links in the band or a younger one as a "
        "percentage of the links with a known age (the row 18-24 gives the share under 25).",
    )


def victim_age_label(age: object) -> str:
    return NOT_KNOWN if pd.isna(age) else str(int(age))


def victim_age_rows(district_links: pd.DataFrame) -> list[str]:
    """Every victim age from the youngest to the oldest among the district's links, then Not known if any: the
    rows of every report's table."""
    known = district_links["victim_age"].dropna()
    rows = [str(a) for a in range(int(known.min()), int(known.max()) + 1)] if len(known) else []
    if district_links["victim_age"].isna().any():
        rows.append(NOT_KNOWN)
    return rows


def victim_age_by_offender_age(links: pd.DataFrame, rows: list[str], names: Namer, period: Period) -> Table:
    """Links by the victim's age (rows) and the offender's age band (columns): the 2016 appendix chart. Its total
    row holds the age bands of the offender, the same counts as the age table."""
    victim = links["victim_age"].astype(object).map(victim_age_label)
    offender = age_band(links["age_at_offence"])
    columns = [*AGE_BAND_LABELS, NOT_KNOWN]
    grid = pd.crosstab(victim, offender).reindex(index=rows, columns=columns, fill_value=0)
    data = grid.reset_index(names="Victim age").rename_axis(columns=None)
    data[TOTAL] = data[columns].sum(axis=1)
    totals = {"Victim age": TOTAL, **{c: int(data[c].sum()) for c in (*columns, TOTAL)}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    for column in (*columns, TOTAL):
        data[column] = data[column].astype(int)
    last = len(rows)
    return Table(
        name="offenders_victim_age_by_offender_age",
        title="Offenders linked to CSE crimes by the age of the victim and the age of the offender",
        data=data,
        kinds={"Victim age": "label", **dict.fromkeys(columns, "count"), TOTAL: "count"},
        total_row=TOTAL,
        total_column=TOTAL,
        quantities={**{(last, band): names(band_name(band)) for band in columns}, (last, TOTAL): names("links")},
        note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. Rows: the victim's age at the "
        "offence; columns: the offender's age band at the offence. Each cell counts links, so a crime with "
        "two offenders counts twice.",
    )


def _year_earlier_note(period: Period, before: Period | None, reason: str) -> str:
    earlier = f"links on CSE crimes recorded {period_words(before)}" if before else f"blank, as {reason}"
    return (
        f"{OFFENDERS_NOTE} This period: links on CSE crimes recorded {period_words(period)}. A year earlier: "
        f"{earlier}. A link is one person on one crime."
    )


def offenders_publication(scope: ScopeData) -> SectionPublication:
    """Every `offenders.*` figure and table, this period's and a year earlier's."""
    crimes, suspects = scope.extracts.crimes, scope.extracts.crime_suspects
    params, reference = scope.params, scope.reference
    period = params.crime_period
    facts: dict[str, object] = {
        "crimes_supplied": crimes is not None,
        "suspects_supplied": suspects is not None,
        "area": params.area,
        "period": period,
    }
    if crimes is None or suspects is None:
        return SectionPublication(
            "suspects", figures=missing(OFFENDER_KEYS, NOT_SUPPLIED if crimes is None else NO_SUSPECTS), facts=facts
        )
    start = extract_start(scope.district.crimes, params.crimes_from)
    before = previous_period_in_data(period, start)
    reason = previous_missing_reason(period, start)
    facts.update(previous_period=before, previous_missing_reason=reason)
    links = offender_links(crimes, suspects, period)
    now, names = offender_counts(links, reference), offender_names(period)
    then = offender_counts(offender_links(crimes, suspects, before), reference) if before else None
    earlier_names = offender_names(before) if before else None
    note = _year_earlier_note(period, before, reason)
    district_links = offender_links(scope.district.crimes, scope.district.crime_suspects, period)
    tables = [
        offenders_year_on_year(now, then, names, earlier_names, note),
        _age_band_table(
            "offenders_age_bands",
            "Offenders linked to CSE crimes by age at the offence",
            now["bands"],
            LINKS,
            names,
            names("links"),
            note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. An offender is counted once for each "
            "crime they are linked to. Age at the time of the offence; percentages leave out unknown ages.",
        ),
        offenders_age_year_on_year(now, then, names, earlier_names, note),
        victim_age_by_offender_age(links, victim_age_rows(district_links), names, period),
        _ethnicity_table(
            "offenders_ethnicity",
            "Offenders linked to CSE crimes by ethnic group",
            now["groups"],
            LINKS,
            names,
            names("links"),
            reference,
            note=f"{OFFENDERS_NOTE} CSE crimes recorded {period_words(period)}. An offender is counted once for each "
            "crime they are linked to.",
        ),
    ]
    figures = offender_figures("offenders.", now, names)
    figures += [
        plain(f"offenders.census_{key}_pct", population_shares(reference).get(group)) for key, group in CENSUS_GROUPS
    ]
    quantities, relations = offender_declarations(now, names, in_tables=True)
    if then is None:
        figures += missing(tuple(PREVIOUS_DEFINITIONS), reason)
    else:
        figures += offender_figures("offenders.previous_", then, earlier_names)
        earlier_quantities, earlier_relations = offender_declarations(then, earlier_names, in_tables=False)
        quantities += earlier_quantities
        relations += earlier_relations
    return SectionPublication(
        "suspects", figures=figures, tables=tables, quantities=quantities, relations=relations, facts=facts
    )


# --- suspect management -------------------------------------------------------------------------------


def management_risk_levels(occurrences: pd.DataFrame, names: Namer, period: Period) -> Table:
    """Occurrences by the risk level of the suspect, with the % of all occurrences."""
    levels = occurrences["risk_level"].fillna(NOT_RECORDED).astype(str).value_counts()
    rows = [*MANAGEMENT_RISK_LEVELS, NOT_RECORDED]
    counts = [int(levels.get(level, 0)) for level in rows]
    total = sum(counts)
    last = len(rows)
    return Table(
        name="management_risk_levels",
        title="Suspect management occurrences by risk level of the suspect",
        data=pd.DataFrame(
            {
                "Risk level": [*rows, TOTAL],
                OCCURRENCES: [*counts, total],
                "% of occurrences": [*(percentage(n, total) for n in counts), percentage(total, total)],
            }
        ),
        kinds={"Risk level": "label", OCCURRENCES: "count", "% of occurrences": "pct"},
        total_row=TOTAL,
        quantities={
            **{(row, OCCURRENCES): names(f"risk {level}") for row, level in enumerate(rows)},
            (last, OCCURRENCES): names("occurrences"),
        },
        derived={(row, "% of occurrences"): share((row, OCCURRENCES), (last, OCCURRENCES)) for row in range(last + 1)},
        note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district. Risk level of the "
        "suspect as assessed by the Hub. Not recorded: no risk level.",
    )


def management_publication(scope: ScopeData) -> SectionPublication:
    """Every `management.*` figure and table: district-wide in every report, as occurrences hold no location."""
    management = scope.district.suspect_management
    period = scope.params.suspect_period
    facts = {"management_supplied": management is not None, "suspect_period": period}
    if management is None:
        return SectionPublication("suspects", figures=missing(MANAGEMENT_KEYS, NO_MANAGEMENT), facts=facts)
    occurrences = occurrences_in(management, period)
    names = management_names(period)
    total = len(occurrences)
    bands = band_counts(age_band(occurrences["age"]))
    groups = group_counts(occurrences["ethnicity"], scope.reference)
    female = int(is_value(occurrences["gender"], "Female").sum())
    under_investigation = int(is_value(occurrences["status"], "Under investigation").sum())
    closed = int(is_value(occurrences["status"], "Closed").sum())
    no_occurrences = None if total else "no suspect management occurrence was created in the period"
    tables = [
        management_risk_levels(occurrences, names, period),
        _age_band_table(
            "management_age_bands",
            "Suspect management occurrences by age of the suspect",
            bands,
            OCCURRENCES,
            names,
            names("occurrences"),
            note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district. Age "
            "when the occurrence was created; percentages leave out unknown ages.",
        ),
        _ethnicity_table(
            "management_ethnicity",
            "Suspect management occurrences by ethnic group of the suspect",
            groups,
            OCCURRENCES,
            names,
            names("occurrences"),
            scope.reference,
            note=f"{MANAGEMENT_NOTE} Occurrences created {period_words(period)}, whole district.",
        ),
    ]
    figures = [
        count("management.occurrences", total, quantity=names("occurrences")),
        count("management.persons", occurrences["person_id"].nunique(), quantity=names("persons")),
        count("management.under_investigation", under_investigation, quantity=names("under investigation")),
        count("management.closed", closed, quantity=names("closed")),
        *age_share_figures("management.", bands, names, MANAGEMENT_AGE_SHARES),
        count("management.female", female, quantity=names("female")),
        ratio(
            "management.female_pct",
            percentage(female, total),
            share(names("female"), names("occurrences")),
            why_missing=no_occurrences,
        ),
        *(
            ratio(
                f"management.{key}_pct",
                percentage(groups[group], total),
                share(names(group_name(group)), names("occurrences")),
                why_missing=no_occurrences,
            )
            for key, group in (("asian", "Asian"), ("white", "White"), ("ethnicity_not_recorded", NOT_RECORDED))
        ),
    ]
    quantities, relations = age_quantities(bands, names, MANAGEMENT_AGE_SHARES)
    # The contract's two statuses: every occurrence is under investigation or closed.
    relations.append(
        sum_relation(
            "occurrences: their statuses", names("occurrences"), [names("under investigation"), names("closed")]
        )
    )
    return SectionPublication(
        "suspects", figures=figures, tables=tables, quantities=quantities, relations=relations, facts=facts
    )


def publication(scope: ScopeData) -> SectionPublication:
    """The offenders and suspects section of one report, declared for the disclosure engine."""
    parts = (offenders_publication(scope), management_publication(scope))
    _, population_column, population = comparison_population(scope.reference)
    return SectionPublication(
        "suspects",
        figures=[f for part in parts for f in part.figures],
        tables=[t for part in parts for t in part.tables],
        quantities=[q for part in parts for q in part.quantities],
        relations=[r for part in parts for r in part.relations],
        facts={
            **{k: v for part in parts for k, v in part.facts.items()},
            "population_column": population_column,
            "population": population,
        },
    )
