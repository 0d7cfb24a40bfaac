"""Tactical snapshot measures (docs/measures.md, Tactical snapshot).

The unit is the child open to the Hub on the snapshot day D, counted once with the episode that
started last. Pure functions of the extracts: they return the snapshot, its tables before
disclosure control and its figures, and never draw or print. The words for titles, alt text and
narrative are worked out from the *published* (suppressed) tables and figures only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Mapping

import pandas as pd

from helpers.disclosure import (
    Figure,
    PublishedTable,
    Table,
    count,
    derived,
    guarded,
    percent,
)
from helpers.display.formatting import SUPPRESSED, change_pct, date_text, percentage
from helpers.display.narrative import NarrativeFormatter, is_known
from helpers.inputs.reference import (
    BROAD_GROUPS,
    NOT_RECORDED,
    NOT_SET,
    OUT_OF_AREA,
    RISK_SCALES,
    Reference,
    snake_case,
)
from helpers.inputs.schema import Extracts
from helpers.params import Params, add_months
from helpers.rules.episodes import latest_episode_per_child, level_on, open_on
from helpers.rules.labels import GENDER_COLUMNS

SOURCE_NOTE = "Source: Hub episodes and risk assessments from the children's social care system (LCS extract)."
CLOSED = "Closed"
FOLLOWUP_MONTHS = 4
OUT_OF_AREA_LABEL = "Out of area"
ALL_OTHER_WARDS = "All other wards"
GRAND_TOTAL = "Grand total"
TOTAL = "Total"
DIRECTIONS = ("Unchanged", "Decreased", "Increased")
# Social care status on D, in the order of precedence of figures.md: the first that applies.
STATUS_LABELS = {"LAC": "Looked after", "CP": "Child protection", "CIN": "Child in need"}
PREVIOUSLY = "Previously CIN/CP/LAC"
NEVER = "Never"
STATUS_ROWS = (*STATUS_LABELS.values(), PREVIOUSLY, NEVER)
# A broad group is over- (under-) represented when its share of open cases is more than 1.2 times
# (less than 0.8 times) its share of the under-18 population; in between it is in line.
REPRESENTATION_BAND = Fraction(1, 5)
OVER, UNDER, IN_LINE = "Over-represented", "Under-represented", "In line"
CENSUS_NOTE = ("Population: 2011 Census table DC2101EW, children aged 0-17 in Bradford district. The census "
               "counts Gypsy or Irish Traveller children as White, while the Hub counts Gypsy/Roma as Other.")


def _risk_definitions() -> dict[str, str]:
    definitions = {}
    for levels in RISK_SCALES.values():
        for level in (*levels, NOT_SET):
            key = f"tactical.risk_{snake_case(level)}"
            definitions[key] = f"Children open on the snapshot day whose risk level that day was {level}."
            definitions[f"{key}_pct"] = f"Children at {level} on the snapshot day as a percentage of open cases."
            earlier = f"tactical.previous_risk_{snake_case(level)}"
            definitions[earlier] = (f"Children open on the same day one year earlier whose risk level that day was "
                                    f"{level}.")
            definitions[f"{earlier}_pct"] = (f"Children at {level} on the same day one year earlier as a percentage of "
                                             "the children open that day.")
    return definitions


DEFINITIONS: dict[str, str] = {
    "tactical.open_cases": "Children open to the Hub on the snapshot day (an episode closed that day is not "
    "open); a child with several open episodes counts once, with the episode that started last.",
    "tactical.previous_open_cases": "Children open to the Hub on the same day one year earlier.",
    "tactical.open_cases_change_pct": "Change in open cases on the same day one year earlier.",
    **_risk_definitions(),
    "tactical.male_pct": "Percentage of open cases that are boys.",
    "tactical.followup_unchanged_pct": "Of the children open on the snapshot day with a risk level set on both "
    "days, the percentage whose episode had the same level on the follow-up day. An episode closed by the "
    "follow-up day counts as Closed, which ranks with the no-risk level (no risk then closed is unchanged).",
    "tactical.followup_decreased_pct": "The same children: percentage whose level was lower on the follow-up "
    "day, or whose episode had closed from a level of risk.",
    "tactical.followup_increased_pct": "The same children: percentage whose level was higher on the "
    "follow-up day.",
    "tactical.followup_closed": "Children open on the snapshot day whose episode had closed by the follow-up "
    "day (closed on or before it).",
    "tactical.followup_not_set": "Children left out of the three change percentages because their risk level "
    "was not set on the snapshot day or on the follow-up day.",
    "tactical.never_cin_cp_lac": "Open cases with no child in need, child protection or looked after period "
    "starting on or before the snapshot day.",
    "tactical.never_cin_cp_lac_pct": "Those children as a percentage of open cases.",
    "tactical.current_cin_cp_lac_pct": "Percentage of open cases with a child in need, child protection or "
    "looked after period covering the snapshot day.",
    "tactical.out_of_area_pct": "Percentage of open cases placed outside the district (ward recorded as out "
    "of area).",
    "tactical.location_not_recorded_pct": "Percentage of open cases whose home ward is blank (not recorded, "
    "for example a confidential record).",
}


# --- The snapshot -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FollowUp:
    """The day the snapshot's risk levels are compared with, and whether the data reaches it."""

    day: dt.date
    reached: bool


@dataclass(frozen=True)
class Snapshot:
    """The children open on one day, one row each, with what the tables need to know about them.

    `cases` holds the child's latest open episode (episode_id, gender, end_date...) and `level`
    (on the day), `broad_group`, `location` (ward name, Out of area or Not recorded) and
    `constituency` (the constituency, Out of area or Not recorded); `followup_level` (a level,
    Not set or Closed) when the data reaches the follow-up day; `status` when the social care
    status extract was supplied. `previous_cases` holds the children open on the same day a year
    earlier, by the same rules (episode and `level`), or None when the data starts after that day.
    """

    day: dt.date
    levels: tuple[str, ...]
    cases: pd.DataFrame
    followup: FollowUp
    previous_day: dt.date
    previous_cases: pd.DataFrame | None
    has_status: bool

    @property
    def no_risk_level(self) -> str:
        return self.levels[-1]

    def level_columns(self, column: str = "level") -> list[str]:
        """Every level of the scale, and Not set when any child is Not set."""
        return [*self.levels, *([NOT_SET] if (self.cases[column] == NOT_SET).any() else [])]


def open_children(episodes: pd.DataFrame, assessments: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """One row per child open on the day: the episode that started last, with its risk level that day."""
    latest = latest_episode_per_child(episodes[open_on(episodes, day)]).reset_index(drop=True)
    return latest.assign(level=level_on(assessments, latest["episode_id"], day).to_numpy())


def last_day_in_data(episodes: pd.DataFrame, assessments: pd.DataFrame) -> pd.Timestamp | None:
    """The latest start_date, end_date or assessment_date: how far the extracts reach."""
    days = [episodes["start_date"].max(), episodes["end_date"].max(), assessments["assessment_date"].max()]
    known = [day for day in days if not pd.isna(day)]
    return max(known) if known else None


def followup_day(params: Params, episodes: pd.DataFrame, assessments: pd.DataFrame) -> FollowUp:
    """The followup_date parameter as given; else the snapshot day plus four calendar months, which is
    reached only when the data reaches it."""
    if params.followup_date is not None:
        return FollowUp(params.followup_date, True)
    day = add_months(params.snapshot_date, FOLLOWUP_MONTHS)
    last = last_day_in_data(episodes, assessments)
    return FollowUp(day, last is not None and last >= pd.Timestamp(day))


def level_on_followup(cases: pd.DataFrame, assessments: pd.DataFrame, day: dt.date) -> pd.Series:
    """Level of the same episode on the follow-up day; Closed when it closed on or before that day."""
    closed = cases["end_date"].notna() & (cases["end_date"] <= pd.Timestamp(day))
    return level_on(assessments, cases["episode_id"], day).where(~closed, CLOSED)


def change_direction(before: pd.Series, after: pd.Series, levels: tuple[str, ...]) -> pd.Series:
    """Unchanged, Decreased or Increased from one level to another; None where either is Not set.

    Levels rank from the most serious (first) down; Closed ranks with the no-risk level (last).
    """
    rank = {level: number for number, level in enumerate(levels)} | {CLOSED: len(levels) - 1}
    directions = [
        None if first is None or second is None
        else DIRECTIONS[0] if second == first else DIRECTIONS[1] if second > first else DIRECTIONS[2]
        for first, second in ((rank.get(a), rank.get(b)) for a, b in zip(before, after))
    ]
    return pd.Series(directions, index=before.index, dtype=object)


def social_care_status(cases: pd.DataFrame, periods: pd.DataFrame, day: dt.date) -> pd.Series:
    """Each child's status on the day: the first that applies of a looked after, child protection or
    child in need period covering the day, any period started on or before it, or Never."""
    status = pd.Series(NEVER, index=cases.index, dtype=object)
    started = periods[periods["start_date"] <= pd.Timestamp(day)]
    covering = periods[open_on(periods, day)]
    # Assigned from the lowest precedence up, so the first status that applies is the one left.
    status[cases["child_id"].isin(started["child_id"])] = PREVIOUSLY
    for code in reversed(STATUS_LABELS):
        holders = covering.loc[covering["status"] == code, "child_id"]
        status[cases["child_id"].isin(holders)] = STATUS_LABELS[code]
    return status


def locations(ward_codes: pd.Series, reference: Reference) -> tuple[pd.Series, pd.Series]:
    """Ward name and constituency of each home ward; Out of area and Not recorded as both."""
    wards = reference.wards.set_index("ward_code")
    codes = ward_codes.astype(object).where(ward_codes.notna(), None)

    def named(mapping: Mapping[str, str]) -> pd.Series:
        return codes.map(lambda code: NOT_RECORDED if code is None
                         else OUT_OF_AREA_LABEL if code == OUT_OF_AREA else mapping[code])
    return named(wards["ward_name"].to_dict()), named(wards["constituency"].to_dict())


def take_snapshot(data: Extracts, reference: Reference, params: Params) -> Snapshot:
    """The children open on the snapshot day, with their follow-up level and social care status."""
    episodes, assessments = data.episodes, data.risk_assessments
    day = params.snapshot_date
    cases = open_children(episodes, assessments, day)
    ward, constituency = locations(cases["ward_code"], reference)
    cases = cases.assign(broad_group=reference.broad_group(cases["ethnicity"]).to_numpy(),
                         location=ward.to_numpy(), constituency=constituency.to_numpy())
    followup = followup_day(params, episodes, assessments)
    if followup.reached:
        cases["followup_level"] = level_on_followup(cases, assessments, followup.day).to_numpy()
    has_status = data.social_care_status is not None
    if has_status:
        cases["status"] = social_care_status(cases, data.social_care_status, day).to_numpy()
    previous_day = add_months(day, -12)
    first_start = episodes["start_date"].min()
    # A count of 0 before the first referral in the data would read as a real fall.
    data_covers_previous = not pd.isna(first_start) and first_start <= pd.Timestamp(previous_day)
    previous = open_children(episodes, assessments, previous_day) if data_covers_previous else None
    return Snapshot(day=day, levels=params.risk_levels, cases=cases, followup=followup,
                    previous_day=previous_day, previous_cases=previous, has_status=has_status)


# --- Tables -----------------------------------------------------------------------------------

def _snapshot_note(snapshot: Snapshot, days: str | None = None) -> str:
    return (f"{SOURCE_NOTE} Children open to the Hub on {days or date_text(snapshot.day)}, each counted once with "
            "the episode that started last; its risk level is that of the latest assessment on or before the day.")


def _with_total(data: pd.DataFrame, label: str, counts: list[str]) -> pd.DataFrame:
    """Rows followed by a total row of the count columns, counts as whole numbers."""
    totals = {data.columns[0]: label, **{c: int(data[c].sum()) for c in counts}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    for column in counts:
        data[column] = data[column].astype(int)
    return data


def _share(numerators: pd.Series, denominator: int) -> list[float | None]:
    return [percentage(int(n), denominator) for n in numerators]


def _children_by_level(cases: pd.DataFrame, rows: list[str]) -> list[int]:
    return cases["level"].value_counts().reindex(rows, fill_value=0).tolist()


def risk_levels(snapshot: Snapshot) -> Table:
    """Children open on the snapshot day by risk level, Not set included."""
    rows = [*snapshot.levels, NOT_SET]
    data = _with_total(pd.DataFrame({"Risk level": rows, "Children": _children_by_level(snapshot.cases, rows)}),
                       TOTAL, ["Children"])
    data["% of open cases"] = _share(data["Children"], len(snapshot.cases))
    return Table(
        name="tactical_risk_levels",
        title=f"Risk level of open cases, {date_text(snapshot.day)}",
        data=data,
        kinds={"Risk level": "label", "Children": "count", "% of open cases": "pct"},
        derived_from={"% of open cases": (("Children", 0), ("Children", TOTAL))},
        total_row=TOTAL,
        note=_snapshot_note(snapshot),
    )


YEAR_EARLIER, YEAR_EARLIER_PCT = "Children a year earlier", "% of open cases a year earlier"


def risk_levels_year_on_year(snapshot: Snapshot) -> Table | None:
    """Children open on the snapshot day and on the same day a year earlier by risk level, each day's children
    counted by the same rules; None when the data starts after the day a year earlier."""
    previous = snapshot.previous_cases
    if previous is None:
        return None
    rows = [*snapshot.levels, NOT_SET]
    data = _with_total(pd.DataFrame({"Risk level": rows, "Children": _children_by_level(snapshot.cases, rows),
                                     YEAR_EARLIER: _children_by_level(previous, rows)}),
                       TOTAL, ["Children", YEAR_EARLIER])
    data.insert(2, "% of open cases", _share(data["Children"], len(snapshot.cases)))
    data[YEAR_EARLIER_PCT] = _share(data[YEAR_EARLIER], len(previous))
    return Table(
        name="tactical_risk_levels_year_on_year",
        title=f"Risk level of open cases, {date_text(snapshot.day)} and a year earlier",
        data=data,
        kinds={"Risk level": "label", "Children": "count", "% of open cases": "pct", YEAR_EARLIER: "count",
               YEAR_EARLIER_PCT: "pct"},
        derived_from={"% of open cases": (("Children", 0), ("Children", TOTAL)),
                      YEAR_EARLIER_PCT: ((YEAR_EARLIER, 0), (YEAR_EARLIER, TOTAL))},
        total_row=TOTAL,
        note=_snapshot_note(snapshot, f"{date_text(snapshot.day)} and on {date_text(snapshot.previous_day)} (a year "
                                      "earlier)"),
    )


def gender_group(genders: pd.Series) -> pd.Series:
    """Female, Male, or Other or unknown, the gender columns of the tables."""
    return genders.astype(object).where(genders.isin(["Female", "Male"]), GENDER_COLUMNS[2])


def risk_by_gender(snapshot: Snapshot) -> Table:
    """Children open on the snapshot day by risk level and gender, with each gender's spread over the levels."""
    rows = [*snapshot.levels, NOT_SET]
    grid = pd.crosstab(snapshot.cases["level"], gender_group(snapshot.cases["gender"]))
    grid = grid.reindex(index=rows, columns=list(GENDER_COLUMNS), fill_value=0)
    data = grid.reset_index(names="Risk level").rename_axis(columns=None)
    data[TOTAL] = data[list(GENDER_COLUMNS)].sum(axis=1)
    data = _with_total(data, TOTAL, [*GENDER_COLUMNS, TOTAL])
    for gender, column in (("Female", "% of girls"), ("Male", "% of boys")):
        data[column] = _share(data[gender], int(data[gender].iloc[-1]))
    return Table(
        name="tactical_risk_by_gender",
        title=f"Risk level of open cases by gender, {date_text(snapshot.day)}",
        data=data,
        kinds={"Risk level": "label", **{c: "count" for c in (*GENDER_COLUMNS, TOTAL)},
               "% of girls": "pct", "% of boys": "pct"},
        derived_from={"% of girls": (("Female", 0), ("Female", TOTAL)),
                      "% of boys": (("Male", 0), ("Male", TOTAL))},
        total_row=TOTAL,
        total_column=TOTAL,
        note=f"{_snapshot_note(snapshot)} % of girls and % of boys: each gender's children spread over the levels.",
    )


def transitions(snapshot: Snapshot) -> Table | None:
    """The 2016 appendix table: level on the snapshot day (with its count) by level on the follow-up day.

    Rows: every level of the scale (and Not set when any child was Not set on D), then Grand total.
    Columns: Children, every level of the scale on F (and Not set when any child was Not set on F),
    then Closed. None when the data does not reach the follow-up day.
    """
    if not snapshot.followup.reached:
        return None
    cases = snapshot.cases
    rows = snapshot.level_columns("level")
    columns = [*snapshot.level_columns("followup_level"), CLOSED]
    grid = pd.crosstab(cases["level"], cases["followup_level"]).reindex(index=rows, columns=columns, fill_value=0)
    data = grid.reset_index(names="Risk level on snapshot day").rename_axis(columns=None)
    data.insert(1, "Children", data[columns].sum(axis=1))
    data = _with_total(data, GRAND_TOTAL, ["Children", *columns])
    return Table(
        name="tactical_transitions",
        title=f"Risk level of the children open on {date_text(snapshot.day)}: on that day (rows) and on "
              f"{date_text(snapshot.followup.day)} (columns)",
        data=data,
        kinds={"Risk level on snapshot day": "label", "Children": "count", **{c: "count" for c in columns}},
        total_row=GRAND_TOTAL,
        total_column="Children",
        note=f"{SOURCE_NOTE} Rows: the child's risk level on {date_text(snapshot.day)}. Columns: the level of the "
             f"same episode on {date_text(snapshot.followup.day)}, or Closed when the episode had closed by then. "
             "Every level of the scale has a column, so a level nobody moved to shows 0.",
    )


def followup_change(snapshot: Snapshot) -> Table | None:
    """Children whose level was unchanged, decreased or increased by the follow-up day; Not set left out."""
    if not snapshot.followup.reached:
        return None
    direction = change_direction(snapshot.cases["level"], snapshot.cases["followup_level"], snapshot.levels)
    counts = direction.value_counts().reindex(list(DIRECTIONS), fill_value=0)
    data = _with_total(pd.DataFrame({"Change in risk level": list(DIRECTIONS), "Children": counts.to_numpy()}),
                       TOTAL, ["Children"])
    data["% of children compared"] = _share(data["Children"], int(data["Children"].iloc[-1]))
    return Table(
        name="tactical_followup_change",
        title=f"Change in risk level from {date_text(snapshot.day)} to {date_text(snapshot.followup.day)}",
        data=data,
        kinds={"Change in risk level": "label", "Children": "count", "% of children compared": "pct"},
        derived_from={"% of children compared": (("Children", 0), ("Children", TOTAL))},
        total_row=TOTAL,
        note=f"{SOURCE_NOTE} Children open on {date_text(snapshot.day)} with a risk level set on both days. An "
             f"episode closed by {date_text(snapshot.followup.day)} counts as Closed, which ranks with "
             f"{snapshot.no_risk_level}: {snapshot.no_risk_level} then Closed is unchanged, any level of risk "
             "then Closed is a decrease.",
    )


def representation(open_count: int, open_total: int, population: int, population_total: int) -> str | None:
    """Over-represented, Under-represented or In line: the share of open cases against the population share."""
    if open_total == 0 or population_total == 0 or population == 0:
        return None
    ratio = Fraction(open_count, open_total) / Fraction(population, population_total)
    if ratio > 1 + REPRESENTATION_BAND:
        return OVER
    if ratio < 1 - REPRESENTATION_BAND:
        return UNDER
    return IN_LINE


def ethnicity(snapshot: Snapshot, reference: Reference, area: str | None) -> Table:
    """Open cases by broad ethnic group against the district's under-18 population (2011 Census)."""
    population = reference.census_share("0-17")
    population_total = int(population.sum())
    groups = list(BROAD_GROUPS)
    counts = snapshot.cases["broad_group"].value_counts().reindex(groups, fill_value=0)
    data = _with_total(pd.DataFrame({"Ethnic group": groups, "Children": counts.to_numpy()}), TOTAL, ["Children"])
    open_total = len(snapshot.cases)
    data["% of open cases"] = _share(data["Children"], open_total)
    data["% of under-18 population"] = [
        percentage(int(population[g]), population_total) if g in population.index
        else (100.0 if g == TOTAL else None) for g in data["Ethnic group"]]
    data["Compared with population"] = [
        representation(int(n), open_total, int(population[g]), population_total) if g in population.index else None
        for g, n in zip(data["Ethnic group"], data["Children"])]
    area_note = (f" The census by ethnic group is published for the whole district only, so the {area} area's "
                 "open cases are compared with the district's children." if area else "")
    return Table(
        name="tactical_ethnicity",
        title=f"Ethnicity of open cases and of the district's children, {date_text(snapshot.day)}",
        data=data,
        kinds={"Ethnic group": "label", "Children": "count", "% of open cases": "pct",
               "% of under-18 population": "pct", "Compared with population": "label"},
        derived_from={"% of open cases": (("Children", 0), ("Children", TOTAL)),
                      "Compared with population": (("Children", 0), ("Children", TOTAL))},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} Broad groups from the reference mapping; a blank ethnicity counts as not "
             f"recorded. {CENSUS_NOTE} Over-represented: the share of open cases is more than 1.2 times the "
             "population share; under-represented: less than 0.8 times; otherwise in line." + area_note,
    )


def ethnicity_other(snapshot: Snapshot, reference: Reference) -> Table:
    """The detailed categories that make up the broad group Other."""
    categories = reference.ethnicity.loc[reference.ethnicity["broad_group"] == "Other", "ethnicity"].tolist()
    counts = snapshot.cases["ethnicity"].value_counts().reindex(categories, fill_value=0)
    data = _with_total(pd.DataFrame({"Ethnicity recorded": categories, "Children": counts.to_numpy()}),
                       TOTAL, ["Children"])
    return Table(
        name="tactical_ethnicity_other",
        title=f"Open cases in the broad group Other by the ethnicity recorded, {date_text(snapshot.day)}",
        data=data,
        kinds={"Ethnicity recorded": "label", "Children": "count"},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} {CENSUS_NOTE}",
    )


def _by_level(snapshot: Snapshot, rows: list[str], groups: pd.Series, label: str) -> pd.DataFrame:
    """Children by a grouping (rows, in order) and risk level, with a Total column."""
    levels = snapshot.level_columns()
    grid = pd.crosstab(groups, snapshot.cases["level"]).reindex(index=rows, columns=levels, fill_value=0)
    data = grid.reset_index(names=label).rename_axis(columns=None)
    data[TOTAL] = data[levels].sum(axis=1)
    return data


def _level_table_kinds(label: str, levels: list[str]) -> dict[str, str]:
    return {label: "label", **{c: "count" for c in (*levels, TOTAL)}, "% of open cases": "pct"}


def _level_table(snapshot: Snapshot, data: pd.DataFrame, label: str, levels: list[str], name: str, title: str,
                 note: str) -> Table:
    """Open cases by a row category and risk level, with totals both ways and the % of open cases."""
    data["% of open cases"] = _share(data[TOTAL], len(snapshot.cases))
    return Table(
        name=name, title=title, data=data, kinds=_level_table_kinds(label, levels),
        derived_from={"% of open cases": ((TOTAL, 0), (TOTAL, GRAND_TOTAL))},
        total_row=GRAND_TOTAL, total_column=TOTAL, note=note,
    )


def social_care_status_table(snapshot: Snapshot) -> Table | None:
    """Open cases by social care status on the snapshot day and risk level; None without the extract."""
    if not snapshot.has_status:
        return None
    label, levels = "Social care status", snapshot.level_columns()
    data = _with_total(_by_level(snapshot, list(STATUS_ROWS), snapshot.cases["status"], label),
                       GRAND_TOTAL, [*levels, TOTAL])
    return _level_table(
        snapshot, data, label, levels, name="tactical_social_care_status",
        title=f"Social care status of open cases by risk level, {date_text(snapshot.day)}",
        note=f"{_snapshot_note(snapshot)} Status from the social care status extract: looked after, child protection "
             f"or child in need when such a period covered {date_text(snapshot.day)}, in that order of precedence; "
             "previously when a period had started before then; otherwise never.",
    )


def constituency(snapshot: Snapshot, reference: Reference, area: str | None) -> Table:
    """Open cases by constituency of the home ward, Out of area and Not recorded, against the child population."""
    wards = reference.wards
    if area:
        wards = wards[wards["constituency"].str.casefold() == area.strip().casefold()]
    population = wards.groupby("constituency")["population_under_18"].sum()
    rows = [*population.index, OUT_OF_AREA_LABEL, NOT_RECORDED]
    counts = snapshot.cases["constituency"].value_counts().reindex(rows, fill_value=0)
    data = _with_total(pd.DataFrame({"Constituency": rows, "Children": counts.to_numpy()}), TOTAL, ["Children"])
    data["% of open cases"] = _share(data["Children"], len(snapshot.cases))
    population_total = int(population.sum())
    data["% of under-18 population"] = [
        percentage(int(population[c]), population_total) if c in population.index
        else (100.0 if c == TOTAL else None) for c in data["Constituency"]]
    whose = f"the {area} area's" if area else "the district's"
    return Table(
        name="tactical_constituency",
        title=f"Open cases by constituency of the home ward, {date_text(snapshot.day)}",
        data=data,
        kinds={"Constituency": "label", "Children": "count", "% of open cases": "pct",
               "% of under-18 population": "pct"},
        derived_from={"% of open cases": (("Children", 0), ("Children", TOTAL))},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} Out of area: children placed outside the district. Not recorded: a blank "
             f"home ward, for example a confidential record. Population: ONS mid-2020 estimates of {whose} "
             "residents aged 0-17, by ward.",
    )


def wards(snapshot: Snapshot, ward_list_min: int) -> Table:
    """The appendix ward table: wards with at least ward_list_min children, largest first (ties by name),
    then All other wards and Grand total.

    Out of area and a blank ward (Not recorded) are listed like wards when they reach the minimum, as
    the appendices listed Out of Area; below it they are counted in All other wards.
    """
    label, levels = "Ward", snapshot.level_columns()
    places = sorted(snapshot.cases["location"].unique())
    data = _by_level(snapshot, places, snapshot.cases["location"], label)
    data = data.assign(_order=-data[TOTAL]).sort_values(["_order", label], kind="mergesort").drop(columns="_order")
    listed = data[data[TOTAL] >= ward_list_min]
    others = {label: ALL_OTHER_WARDS, **{c: int(data.loc[data[TOTAL] < ward_list_min, c].sum())
                                         for c in (*levels, TOTAL)}}
    data = _with_total(pd.concat([listed, pd.DataFrame([others])], ignore_index=True), GRAND_TOTAL,
                       [*levels, TOTAL])
    return _level_table(
        snapshot, data, label, levels, name="tactical_wards",
        title=f"Open cases by home ward and risk level, {date_text(snapshot.day)}",
        note=f"{_snapshot_note(snapshot)} Wards with at least {ward_list_min} children are listed by name, largest "
             "first; Out of area (placed outside the district) and Not recorded (blank ward) are listed the same "
             "way when they reach that number. The rest are counted in All other wards.",
    )


@dataclass(frozen=True)
class TacticalTables:
    """Every table of the section; those that cannot be computed are None."""

    risk_levels: Table
    risk_levels_year_on_year: Table | None
    risk_by_gender: Table
    transitions: Table | None
    followup_change: Table | None
    ethnicity: Table
    ethnicity_other: Table
    social_care_status: Table | None
    constituency: Table
    wards: Table


def tactical_tables(snapshot: Snapshot, reference: Reference, params: Params) -> TacticalTables:
    """Every table of the section for one snapshot."""
    return TacticalTables(
        risk_levels=risk_levels(snapshot),
        risk_levels_year_on_year=risk_levels_year_on_year(snapshot),
        risk_by_gender=risk_by_gender(snapshot),
        transitions=transitions(snapshot),
        followup_change=followup_change(snapshot),
        ethnicity=ethnicity(snapshot, reference, params.area),
        ethnicity_other=ethnicity_other(snapshot, reference),
        social_care_status=social_care_status_table(snapshot),
        constituency=constituency(snapshot, reference, params.area),
        wards=wards(snapshot, params.ward_list_min),
    )


# --- Figures ----------------------------------------------------------------------------------

def _row(table: Table | PublishedTable, label: str) -> int:
    frame = table.data if isinstance(table, Table) else table.cells
    return int(frame.index[frame.iloc[:, 0] == label][0])


def _value(table: Table, label: str, column: str) -> int:
    return int(table.data.at[_row(table, label), column])


def _missing(key: str, reason: str) -> Figure:
    return Figure(key, None, (), reason)


def followup_missing_reason(snapshot: Snapshot) -> str:
    """Why the follow-up figures are null, for figures.json and the definitions part."""
    return f"the data does not yet reach the follow-up date, {date_text(snapshot.followup.day)}"


STATUS_MISSING = "the social care status extract (CIN, CP and LAC periods) was not supplied"


def tactical_figures(snapshot: Snapshot, tables: TacticalTables, threshold: int) -> list[Figure]:
    """Every `tactical.*` figure, each hidden wherever the table it repeats hides its cell at `threshold`."""
    open_cases = len(snapshot.cases)
    levels, earlier = tables.risk_levels, tables.risk_levels_year_on_year
    figures = [guarded(count("tactical.open_cases", open_cases), levels, [(TOTAL, "Children")], threshold)]
    level_rows = (*snapshot.levels, NOT_SET)
    figures += _level_figures("tactical.risk_", levels, "Children", level_rows, threshold)
    if earlier is None:
        reason = f"the data starts after {date_text(snapshot.previous_day)}"
        figures += [_missing(key, reason) for key in ("tactical.previous_open_cases", "tactical.open_cases_change_pct",
                                                       *_level_keys("tactical.previous_risk_", level_rows))]
    else:
        previous = len(snapshot.previous_cases)
        figures += [guarded(count("tactical.previous_open_cases", previous), earlier, [(TOTAL, YEAR_EARLIER)],
                            threshold),
                    derived("tactical.open_cases_change_pct", change_pct(open_cases, previous), open_cases, previous,
                            why_missing="no child was open on the same day a year earlier")]
        figures += _level_figures("tactical.previous_risk_", earlier, YEAR_EARLIER, level_rows, threshold)
    boys = _value(tables.risk_by_gender, TOTAL, "Male")
    figures.append(guarded(percent("tactical.male_pct", boys, open_cases), tables.risk_by_gender,
                           [(TOTAL, "Male")], threshold))
    figures += _followup_figures(snapshot, tables, threshold)
    figures += _status_figures(snapshot, tables, threshold)
    places = tables.constituency
    for key, label in (("tactical.out_of_area_pct", OUT_OF_AREA_LABEL),
                       ("tactical.location_not_recorded_pct", NOT_RECORDED)):
        figures.append(guarded(percent(key, _value(places, label, "Children"), open_cases), places,
                               [(label, "Children")], threshold))
    return figures


def _level_keys(prefix: str, level_rows: Iterable[str]) -> list[str]:
    return [f"{prefix}{snake_case(level)}{suffix}" for level in level_rows for suffix in ("", "_pct")]


def _level_figures(prefix: str, table: Table, column: str, level_rows: Iterable[str], threshold: int) -> list[Figure]:
    """`<prefix><level>` and its `_pct` of the column's total for each level, hidden wherever the table hides
    the level's cell."""
    total = _value(table, TOTAL, column)
    figures = []
    for level in level_rows:
        key, cells, number = f"{prefix}{snake_case(level)}", [(level, column)], _value(table, level, column)
        figures += [guarded(count(key, number), table, cells, threshold),
                    guarded(percent(f"{key}_pct", number, total), table, cells, threshold)]
    return figures


FOLLOWUP_KEYS = ("tactical.followup_unchanged_pct", "tactical.followup_decreased_pct",
                 "tactical.followup_increased_pct", "tactical.followup_closed", "tactical.followup_not_set")
STATUS_KEYS = ("tactical.never_cin_cp_lac", "tactical.never_cin_cp_lac_pct", "tactical.current_cin_cp_lac_pct")


def _followup_figures(snapshot: Snapshot, tables: TacticalTables, threshold: int) -> list[Figure]:
    change, moves = tables.followup_change, tables.transitions
    if change is None or moves is None:
        return [_missing(key, followup_missing_reason(snapshot)) for key in FOLLOWUP_KEYS]
    compared = _value(change, TOTAL, "Children")
    figures = [guarded(percent(key, _value(change, direction, "Children"), compared), change,
                       [(direction, "Children")], threshold)
               for key, direction in zip(FOLLOWUP_KEYS, DIRECTIONS)]
    closed, not_set = FOLLOWUP_KEYS[3:]
    figures.append(guarded(count(closed, _value(moves, GRAND_TOTAL, CLOSED)), moves, [(GRAND_TOTAL, CLOSED)],
                           threshold))
    figures.append(guarded(count(not_set, len(snapshot.cases) - compared), change, [(TOTAL, "Children")],
                           threshold))
    return figures


def _status_figures(snapshot: Snapshot, tables: TacticalTables, threshold: int) -> list[Figure]:
    status = tables.social_care_status
    if status is None:
        return [_missing(key, STATUS_MISSING) for key in STATUS_KEYS]
    never, current_cells = [(NEVER, TOTAL)], [(label, TOTAL) for label in STATUS_LABELS.values()]
    never_count = _value(status, NEVER, TOTAL)
    current = sum(_value(status, label, column) for label, column in current_cells)
    return [guarded(count(STATUS_KEYS[0], never_count), status, never, threshold),
            guarded(percent(STATUS_KEYS[1], never_count, len(snapshot.cases)), status, never, threshold),
            guarded(percent(STATUS_KEYS[2], current, len(snapshot.cases)), status, current_cells, threshold)]


# --- Findings: words from published tables and figures -----------------------------------------
# Titles, alt text and sentences read the *published* (suppressed) values only, so no sentence can
# reveal a suppressed number; numbers in sentences are formatted as the narrative formats them.

def _number(value: object) -> float | None:
    return None if value is None or value == SUPPRESSED else float(value)


def cell(table: PublishedTable, label: str, column: str) -> object:
    """One published cell, found by the label in the first column: a number, `c`, or None."""
    return table.cells.at[_row(table, label), column]


def level_words(level: str, no_risk_level: str) -> str:
    """`at high risk`, `not at risk`, `with no risk level set`."""
    if level == no_risk_level:
        return "not at risk"
    if level == NOT_SET:
        return "with no risk level set"
    return f"at {level.lower()} risk"


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _largest(table: PublishedTable, column: str, rows: Iterable[str]) -> str | None:
    """The row with the most, among the published values (a suppressed count is below any shown)."""
    known = {row: _number(cell(table, row, column)) for row in rows}
    known = {row: value for row, value in known.items() if value is not None}
    return max(known, key=known.get) if known and max(known.values()) > 0 else None


def _count_words(value: object) -> str:
    return "suppressed" if value == SUPPRESSED else "none" if value is None else f"{int(value):,}"


def _pct_words(value: object) -> str:
    return "suppressed" if value == SUPPRESSED else "not applicable" if value is None else f"{float(value):.1f}%"


def year_earlier_words(figures: Mapping[str, object], snapshot: Snapshot, threshold: int) -> str:
    """`, compared with 250 on 29 March 2015`, or nothing when the data does not go back a year."""
    previous = figures.get("tactical.previous_open_cases")
    if previous is None:
        return ""
    return NarrativeFormatter(threshold).format(", compared with {p:count} on {d:date}", p=previous,
                                                d=snapshot.previous_day)


def _values_words(values: list[tuple[object, str, str]], spec: str, threshold: int) -> str:
    """`41% were at medium risk and 39% at low risk (the share at high risk is suppressed)`.

    Each item is (published value, its words in the list, its name if suppressed). A suppressed
    value is left out of the list and named after it, rather than read as `fewer than 10`, which
    would be untrue of a cell suppressed to protect another. The first value's words take `were`.
    """
    say = NarrativeFormatter(threshold).format
    noun = "share" if spec == "pct" else "number"
    shown = [(value, words) for value, words, _ in values if value != SUPPRESSED]
    hidden = [name for value, _, name in values if value == SUPPRESSED]
    parts = [say("{v:" + spec + "} {verb}{words}", v=value, verb="were " if number == 0 else "", words=words)
             for number, (value, words) in enumerate(shown)]
    if not hidden:
        return _listing(parts)
    tail = (f"the {noun} {hidden[0]} is suppressed" if len(hidden) == 1
            else f"the {noun}s {_listing(hidden)} are suppressed")
    return f"{_listing(parts)} ({tail})" if parts else tail


def _level_items(values: list[tuple[object, str]]) -> list[tuple[object, str, str]]:
    """Values with level words (`at high risk`) as both their words and their name."""
    return [(value, words, words) for value, words in values]


def _optional_share(share: object, words: str, lead: str, threshold: int) -> str:
    """`. A further 6% were assessed as not at risk`, or a sentence saying that the share is suppressed."""
    if share == SUPPRESSED:
        return f". The share of children who {words} is suppressed"
    return NarrativeFormatter(threshold).format("{lead} {p:pct} {w}", lead=lead, p=share, w=words)


def risk_mix_words(figures: Mapping[str, object], levels: tuple[str, ...], threshold: int) -> str:
    """`15% were at high risk, 44% at medium risk and 36% at low risk. A further 6% were assessed as not at risk`."""
    if figures.get("tactical.open_cases") == 0:
        return "none had a risk level, as no child was open"

    def share(level: str) -> object:
        return figures.get(f"tactical.risk_{snake_case(level)}_pct")
    words = _values_words(_level_items([(share(level), level_words(level, levels[-1])) for level in levels[:-1]]),
                          "pct", threshold)
    words += _optional_share(share(levels[-1]), "were assessed as not at risk", ". A further", threshold)
    if figures.get("tactical.risk_not_set") not in (0, None):
        words += _optional_share(share(NOT_SET), "had no risk level set on that day", ", and", threshold)
    return words


def risk_mix_year_earlier_words(figures: Mapping[str, object], snapshot: Snapshot, threshold: int) -> str:
    """`Compared with the same day a year earlier (29 March 2015), the share of open cases at high risk was 15%
    against 13%, at medium risk 44% against 40% and at low risk 36% against 38%.`, naming any pair that is
    suppressed, or why there is no comparison."""
    say = NarrativeFormatter(threshold).format
    earlier = say("the same day a year earlier ({d:date})", d=snapshot.previous_day)
    if snapshot.previous_cases is None:
        return (f"The data starts after {date_text(snapshot.previous_day)}, so the risk levels cannot be compared "
                "with a year earlier.")
    if figures.get("tactical.previous_open_cases") == 0 or figures.get("tactical.open_cases") == 0:
        day = snapshot.previous_day if figures.get("tactical.previous_open_cases") == 0 else snapshot.day
        return say("No child was open to the Hub on {d:date}, so there are no risk levels to compare.", d=day)
    levels = snapshot.levels
    pairs = [(figures.get(f"tactical.risk_{snake_case(level)}_pct"),
              figures.get(f"tactical.previous_risk_{snake_case(level)}_pct"), level_words(level, levels[-1]))
             for level in levels[:-1]]
    known = [(now, then, words) for now, then, words in pairs if is_known(now, then)]
    hidden = [words for now, then, words in pairs if not is_known(now, then)]
    if not known:
        return f"Compared with {earlier}, the shares of open cases by risk level are suppressed."
    shown = [say("{w}{verb} {now:pct} against {then:pct}", w=words, verb=" was" if number == 0 else "", now=now,
                 then=then) for number, (now, then, words) in enumerate(known)]
    tail = "" if not hidden else (f" (the comparison {hidden[0]} is suppressed)" if len(hidden) == 1
                                  else f" (the comparisons {_listing(hidden)} are suppressed)")
    return f"Compared with {earlier}, the share of open cases {_listing(shown)}{tail}."


def risk_level_finding(risk: PublishedTable, levels: tuple[str, ...], day: dt.date) -> str:
    """Chart title: the most common level on the snapshot day."""
    top = _largest(risk, "Children", (*levels, NOT_SET))
    if top is None:
        return f"Risk level of the children open on {date_text(day)}"
    return (f"{top} was the most common risk level on {date_text(day)}: "
            f"{NarrativeFormatter(0).format_field(cell(risk, top, '% of open cases'), 'pct')} of open cases")


def risk_level_alt_text(risk: PublishedTable, day: dt.date) -> str:
    """Alt text of the risk level chart: the children at each level."""
    rows = risk.cells[risk.cells["Risk level"] != TOTAL]
    parts = "; ".join(f"{r['Risk level']}: {_count_words(r['Children'])}" for _, r in rows.iterrows())
    return (f"Bar chart of the children open to the Hub on {date_text(day)} by risk level, most serious first. "
            f"{parts}; {_count_words(cell(risk, TOTAL, 'Children'))} children in all.")


def boys_mix_words(by_gender: PublishedTable, levels: tuple[str, ...], threshold: int) -> str:
    """How the boys spread over the levels: `46% were at medium risk (the shares at the other levels are
    suppressed)`."""
    shown = [level for level in (*levels, NOT_SET) if cell(by_gender, level, "Male") != 0]
    if not shown:
        return "none was open"
    return _values_words(_level_items([(cell(by_gender, level, "% of boys"), level_words(level, levels[-1]))
                                    for level in shown]), "pct", threshold)


def gender_finding(male_pct: object, by_gender: PublishedTable, levels: tuple[str, ...], day: dt.date) -> str:
    """Chart title: the boys' share of open cases and their most common level."""
    if not is_known(male_pct):
        return f"Risk level of girls and boys open on {date_text(day)}"
    boys = NarrativeFormatter(0).format("Boys were {p:pct} of open cases on {d:date}", p=male_pct, d=day)
    top = _largest(by_gender, "Male", (*levels, NOT_SET))
    return boys if top is None else f"{boys}, most often {level_words(top, levels[-1])}"


def gender_alt_text(by_gender: PublishedTable) -> str:
    """Alt text of the gender chart: each level's share of the girls and of the boys."""
    rows = by_gender.cells[by_gender.cells["Risk level"] != TOTAL]
    parts = "; ".join(f"{r['Risk level']}: girls {_pct_words(r['% of girls'])}, boys {_pct_words(r['% of boys'])}"
                      for _, r in rows.iterrows())
    return ("Bar chart of the percentage of the girls and of the boys open to the Hub at each risk level, side by "
            f"side. {parts}.")


def transition_finding(unchanged_pct: object, followup: dt.date) -> str:
    """Chart title: the share of children whose level was unchanged."""
    if not is_known(unchanged_pct):
        return f"Risk level on the snapshot day and on {date_text(followup)}"
    return NarrativeFormatter(0).format("The risk level of {p:pct} of the children was unchanged by {d:date}",
                                        p=unchanged_pct, d=followup)


def transition_alt_text(moves: PublishedTable, followup: dt.date) -> str:
    """Alt text of the heat map: each row's children by their level on the follow-up day."""
    columns = list(moves.cells.columns[2:])
    rows = moves.cells[moves.cells.iloc[:, 0] != GRAND_TOTAL]
    parts = "; ".join(
        f"{r.iloc[0]} ({_count_words(r['Children'])}): "
        + ", ".join(f"{_count_words(r[c])} {c.lower() if c == CLOSED else 'at ' + c}" for c in columns)
        for _, r in rows.iterrows())
    return ("Heat map of the children open on the snapshot day by their risk level that day (rows) and on "
            f"{date_text(followup)} (columns), each cell labelled with its number of children. {parts}.")


def followup_words(figures: Mapping[str, object], threshold: int) -> str:
    """`for 71% of the children the risk level remained unchanged, 21% had had it decreased, or their case
    closed, and 8% had seen it increase`, naming any share that is suppressed."""
    say = NarrativeFormatter(threshold).format
    unchanged, decreased, increased = (figures.get(key) for key in FOLLOWUP_KEYS[:3])
    items = [(unchanged, "the risk level remained unchanged", "unchanged"),
             (decreased, "had had their risk level decreased or their case closed", "decreased"),
             (increased, "had seen their risk level increase", "increased")]
    shown = [(value, words) for value, words, _ in items if value != SUPPRESSED]
    hidden = [name for value, _, name in items if value == SUPPRESSED]
    parts = [say("for {v:pct} of the children {w}", v=value, w=words) if words.startswith("the risk")
             else say("{v:pct} {w}", v=value, w=words) for value, words in shown]
    tail = "" if not hidden else (f" (the share {hidden[0]} is suppressed)" if len(hidden) == 1
                                  else f" (the shares {_listing(hidden)} are suppressed)")
    return (_listing(parts) if parts else "the shares by direction of change are suppressed") + tail


def open_case_ethnicity_words(ethnic: PublishedTable, threshold: int) -> str:
    """`68% were White, 10% Asian and 9% of mixed heritage`, naming any share that is suppressed."""
    groups = [("White", "White", "of White children"), ("Asian", "Asian", "of Asian children"),
              ("Mixed", "of mixed heritage", "of mixed heritage")]
    return _values_words([(cell(ethnic, group, "% of open cases"), words, name) for group, words, name in groups],
                         "pct", threshold)


def top_level_movement_words(moves: PublishedTable, levels: tuple[str, ...], threshold: int) -> str:
    """What became of the children at the most serious level, and how many rose to it, from the table."""
    say = NarrativeFormatter(threshold).format
    top, at_top = levels[0], level_words(levels[0], levels[-1])
    became = [(cell(moves, top, top), f"were still {at_top}", "still at that level"),
              (cell(moves, top, CLOSED), "had been closed", "closed")]
    known = [say("{n:count} {w}", n=n, w=w) for n, w, _ in became if n != SUPPRESSED]
    hidden = [name for n, _, name in became if n == SUPPRESSED]
    words = say("Of the {n:count} children {lvl} on the snapshot day", n=cell(moves, top, "Children"),
                lvl=at_top).replace("Of the some children", "Of the children")
    if known:
        words += f", {_listing(known)} by the follow-up day"
        words += f" (the number {hidden[0]} is suppressed)" if hidden else ""
    else:
        words += ", the numbers still at that level or closed by the follow-up day are suppressed"
    risen = [(cell(moves, level, top), level.lower()) for level in moves.cells.iloc[:-1, 0]
             if level != top and cell(moves, level, top) != 0]
    shown = [say("{n:count} from {lvl}", n=n, lvl=lvl) for n, lvl in risen if n != SUPPRESSED]
    if shown:
        words += f". Children whose risk had risen to {top.lower()}: {_listing(shown)}"
        if len(shown) < len(risen):
            words += " (the other numbers are suppressed)"
    elif risen:
        words += f". The numbers whose risk had risen to {top.lower()} are suppressed"
    return words + "."


def ethnicity_values(ethnic: PublishedTable) -> dict[str, object]:
    """Published percentages by broad group, as `white` (of open cases) and `white_population`, for narrative."""
    values: dict[str, object] = {}
    for group in BROAD_GROUPS:
        values[snake_case(group)] = cell(ethnic, group, "% of open cases")
        values[f"{snake_case(group)}_population"] = cell(ethnic, group, "% of under-18 population")
    return values


def _groups_compared(ethnic: PublishedTable, verdict: str) -> list[str]:
    return [group for group in BROAD_GROUPS if cell(ethnic, group, "Compared with population") == verdict]


def representation_words(ethnic: PublishedTable) -> str:
    """`White and Other children were over-represented among open cases, and Asian and Black children
    under-represented, compared with the district's under-18 population`."""
    over, under = _groups_compared(ethnic, OVER), _groups_compared(ethnic, UNDER)
    if not over and not under:
        return "No broad ethnic group was over- or under-represented among open cases, compared with the " \
               "district's under-18 population"
    parts = ([f"{_listing(over)} children were over-represented among open cases"] if over else []) + \
            ([f"{_listing(under)} children {'' if over else 'were '}under-represented"] if under else [])
    return ", and ".join(parts) + ", compared with the district's under-18 population"


def ethnicity_finding(ethnic: PublishedTable) -> str:
    """Chart title: the groups over- and under-represented among open cases."""
    over, under = _groups_compared(ethnic, OVER), _groups_compared(ethnic, UNDER)
    if over and under:
        return f"{_listing(over)} children were over-represented among open cases, {_listing(under)} under-represented"
    if over or under:
        return f"{_listing(over or under)} children were {'over' if over else 'under'}-represented among open cases"
    return "Open cases were in line with the ethnicity of the district's children"


def ethnicity_alt_text(ethnic: PublishedTable) -> str:
    """Alt text of the ethnicity chart: each group's share of open cases and of children."""
    parts = "; ".join(f"{group}: {_pct_words(cell(ethnic, group, '% of open cases'))} of open cases, "
                      f"{_pct_words(cell(ethnic, group, '% of under-18 population'))} of children"
                      for group in BROAD_GROUPS if group != NOT_RECORDED)
    return ("Bar chart comparing, for each broad ethnic group, the percentage of open cases with the percentage of "
            f"the district's under-18 population in the 2011 Census. {parts}; ethnicity not recorded: "
            f"{_pct_words(cell(ethnic, NOT_RECORDED, '% of open cases'))} of open cases.")


def census_scope_words(area: str | None) -> str:
    """For an area report: the census by ethnic group is published for the district only."""
    if not area:
        return ""
    return (f" The census by ethnic group is published for the whole district only, so the {area} area's open "
            "cases are compared with the district's children.")


def not_recorded_words(ethnic: PublishedTable, threshold: int) -> str:
    """The sentence on open cases with no ethnicity recorded, without a gap where the share is suppressed."""
    share = cell(ethnic, NOT_RECORDED, "% of open cases")
    if share in (0, None):
        return "Every open case had an ethnicity recorded."
    if share == SUPPRESSED:
        return ("Some open cases had no ethnicity recorded (their share is suppressed), which has no counterpart "
                "in the census.")
    return NarrativeFormatter(threshold).format(
        "The ethnicity of {p:pct} of open cases was not recorded, which has no counterpart in the census.", p=share)


def other_categories_words(ethnic: PublishedTable, other: PublishedTable, threshold: int) -> str:
    """`The 8% of open cases in the broad group Other were 17 children recorded as Gypsy/Roma and ...`."""
    say = NarrativeFormatter(threshold).format
    rows = [(r.iloc[0], r["Children"]) for _, r in other.cells.iterrows() if r.iloc[0] != TOTAL and r["Children"] != 0]
    if not rows:
        return "No open case was in the broad group Other."
    share = cell(ethnic, "Other", "% of open cases")
    head = "The open cases" if share == SUPPRESSED else say("The {p:pct} of open cases", p=share)
    parts = [say("{n:count} {who} recorded as {what}", n=n, what=what, who="child" if n == 1 else "children")
             for what, n in rows if n != SUPPRESSED]
    hidden = [what for what, n in rows if n == SUPPRESSED]
    if hidden:
        parts.append(f"children recorded as {_listing(hidden).replace(' and ', ' or ')}, whose numbers are suppressed"
                     if len(hidden) > 1 else f"children recorded as {hidden[0]}, whose number is suppressed")
    return f"{head} in the broad group Other were {_listing(parts)}."


STATUS_WORDS = {
    "Looked after": "were looked after",
    "Child protection": "were subject to a child protection plan",
    "Child in need": "were children in need",
    PREVIOUSLY: "had been a child in need, subject to a plan or looked after in the past",
    NEVER: "had never been any of these",
}


def status_of_level_words(status: PublishedTable, level: str, no_risk_level: str, threshold: int) -> str:
    """`Of the 37 children at high risk, 21 were looked after, ...`, from the published table."""
    say = NarrativeFormatter(threshold).format
    values = [(cell(status, row, level), STATUS_WORDS[row]) for row in STATUS_ROWS if cell(status, row, level) != 0]
    parts = [say("{n:count} {what}", n=n, what=what) for n, what in values if n != SUPPRESSED]
    head = say("Of the {n:count} children {lvl}", n=cell(status, GRAND_TOTAL, level),
               lvl=level_words(level, no_risk_level)).replace("Of the some children", "Of the children")
    if not parts:
        return f"{head}, the numbers by social care status are suppressed." if values else f"{head}: none."
    tail = " (the numbers with the other statuses are suppressed)" if len(parts) < len(values) else ""
    return f"{head}, {_listing(parts)}{tail}."


def never_by_level_words(status: PublishedTable, levels: tuple[str, ...], threshold: int) -> str:
    """`1 was at high risk, 38 at medium risk, ...`: the children who were never CIN, CP or LAC."""
    columns = [level for level in (*levels, NOT_SET) if level in status.cells.columns]
    return _values_words(_level_items([(cell(status, NEVER, level), level_words(level, levels[-1]))
                                    for level in columns]), "count", threshold)


def largest_constituency(places: PublishedTable, area: str | None) -> dict[str, object]:
    """The constituency with the most open cases, its two published percentages, and whose children they are."""
    rows = [c for c in places.cells["Constituency"] if c not in (OUT_OF_AREA_LABEL, NOT_RECORDED, TOTAL)]
    top = _largest(places, "Children", rows)
    return {"name": top or "no constituency",
            "share": cell(places, top, "% of open cases") if top else None,
            "population": cell(places, top, "% of under-18 population") if top else None,
            "whose": f"the {area} area's" if area else "the district's"}


def constituency_finding(places: PublishedTable, area: str | None) -> str:
    """Chart title: the constituency with the most open cases against its share of children."""
    largest = largest_constituency(places, area)
    if not is_known(largest["share"], largest["population"]):
        return "Open cases by constituency of the home ward"
    return NarrativeFormatter(0).format("{name} had the most open cases: {share:pct} of them, against {population:pct} "
                                        "of {whose} children", **largest)


def constituency_alt_text(places: PublishedTable) -> str:
    """Alt text of the constituency chart: each constituency's two shares."""
    rows = places.cells[places.cells["Constituency"] != TOTAL]
    parts = "; ".join(f"{r['Constituency']}: {_pct_words(r['% of open cases'])} of open cases"
                      + ("" if r["% of under-18 population"] is None
                         else f", {_pct_words(r['% of under-18 population'])} of children")
                      for _, r in rows.iterrows())
    return ("Bar chart comparing, for each constituency, the percentage of open cases whose home ward lies there "
            f"with its percentage of the under-18 population. {parts}.")


def followup_target(params: Params) -> dt.date:
    """The follow-up day the section compares with: given, or four months after the snapshot."""
    return params.followup_date or add_months(params.snapshot_date, FOLLOWUP_MONTHS)


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, most important first, in the voice of para 2.22 of the 2016 report."""
    say = NarrativeFormatter(params.suppression_threshold).format
    day, levels = params.snapshot_date, params.risk_levels
    found = []
    at_risk = [figures.get(f"tactical.risk_{snake_case(level)}_pct") for level in levels[:-1]]
    if is_known(*at_risk):
        shares = [say("{p:pct} at {lvl} risk", p=p, lvl=level.lower()) for p, level in zip(at_risk, levels)]
        shares[0] = shares[0].replace(" at ", " of cases were assessed as being at ", 1)
        found.append(say("A break down of cases open on one day ({d:date}) shows that {mix}.", d=day,
                         mix=_listing(shares)))
    changes = [figures.get(key) for key in FOLLOWUP_KEYS[:3]]
    if is_known(*changes):
        found.append(say("By {f:date} the risk level of {u:pct} of those children was unchanged; {d:pct} had seen "
                         "their risk level decreased or their case closed and {i:pct} increased.",
                         f=followup_target(params), u=changes[0], d=changes[1], i=changes[2]))
    if is_known(figures.get("tactical.open_cases"), figures.get("tactical.previous_open_cases")):
        found.append(say("On {d:date} there were {n:count} children open to the Hub, compared with {p:count} on the "
                         "same day a year earlier.", d=day, n=figures["tactical.open_cases"],
                         p=figures["tactical.previous_open_cases"]))
    return found
