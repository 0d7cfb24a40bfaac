"""Tactical snapshot measures (docs/measures.md, Tactical snapshot).

The unit is the child open to the Hub on the snapshot day D, counted once with the episode that
started last. Pure functions of the extracts: they return the snapshot, its tables and figures
before disclosure control, and never draw, print or suppress. `publication` declares them for the
disclosure engine:

- every count of children open on a day is the quantity of that day (`children_open@2016-03-29`,
  `children_open@2016-03-29|High`, `...|gender:Male`), so open cases, the risk levels, the rows of the
  transitions table and the totals of every breakdown are one quantity each, and next year's
  "a year earlier" column names the same counts as this year's risk level table;
- an area pack counts the district's open cases whose home ward (that of the episode counted) lies in
  the area, so the area packs, the children placed out of area and those with no ward recorded add up
  to the district; an area's counts of the day are shared quantities (`~children_open@...|area:<area>`)
  and the district declares itself their sum with the out-of-area and not-recorded children, while a
  ward's counts are the same in the district report and its area pack (`~children_open@...|ward:<code>`);
- percentages are ratios of their published counts; a constituency's or ward's share of the under-18
  population is a constant; the "compared with population" verdict is opaque.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from helpers.disclosure.declare import (
    SHARED,
    Figure,
    OpaqueSpec,
    Quantity,
    RatioSpec,
    Relation,
    SectionPublication,
    Table,
    change,
    count,
    missing,
    plain,
    ratio,
    share,
    sum_relation,
)
from helpers.display.formatting import change_pct, date_text, percentage
from helpers.inputs.reference import (
    BROAD_GROUPS,
    NOT_RECORDED,
    NOT_SET,
    OUT_OF_AREA,
    RISK_SCALES,
    Reference,
    load_reference,
    snake_case,
)
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData
from helpers.params import Params, add_months
from helpers.rules.episodes import data_end, latest_episode_per_child, level_on, open_on
from helpers.rules.labels import GENDER_COLUMNS, GRAND_TOTAL, TOTAL

SOURCE_NOTE = "Source: Hub episodes and risk assessments from the children's social care system (LCS extract)."
CLOSED = "Closed"
FOLLOWUP_MONTHS = 4
OUT_OF_AREA_LABEL = "Out of area"
ALL_OTHER_WARDS = "All other wards"
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
CENSUS_NOTE = (
    "Population: 2011 Census table DC2101EW, children aged 0-17 in Bradford district. The census "
    "counts Gypsy or Irish Traveller children as White, while the Hub counts Gypsy/Roma as Other."
)
YEAR_EARLIER, YEAR_EARLIER_PCT = "Children a year earlier", "% of open cases a year earlier"
OPEN_SHARE, POPULATION_SHARE = "% of open cases", "% of under-18 population"
AREA_PACK_PLACES = "an area pack counts only the children whose home ward lies in the area"
STATUS_MISSING = "the social care status extract (CIN, CP and LAC periods) was not supplied"


CURRENT, EARLIER = "tactical.risk_", "tactical.previous_risk_"  # the prefixes of the figures of the risk levels


def level_key(level: str, suffix: str = "", prefix: str = CURRENT) -> str:
    """`tactical.risk_high`; with suffix `_pct` its share, with prefix EARLIER the same a year earlier."""
    return f"{prefix}{snake_case(level)}{suffix}"


def _risk_definitions() -> dict[str, str]:
    definitions = {}
    for levels in RISK_SCALES.values():
        for level in (*levels, NOT_SET):
            key = level_key(level)
            definitions[key] = f"Children open on the snapshot day whose risk level that day was {level}."
            definitions[f"{key}_pct"] = f"Children at {level} on the snapshot day as a percentage of open cases."
            earlier = level_key(level, prefix=EARLIER)
            definitions[earlier] = (
                f"Children open on the same day one year earlier whose risk level that day was {level}."
            )
            definitions[f"{earlier}_pct"] = (
                f"Children at {level} on the same day one year earlier as a percentage of the children open that day."
            )
    return definitions


# --- Keys of the figures that repeat the table cells the section's sentences show -------------------


def male_level_key(level: str) -> str:
    return f"tactical.male_risk_{snake_case(level)}_pct"


def transition_key(before: str, after: str) -> str:
    return f"tactical.followup_from_{snake_case(before)}_to_{snake_case(after)}"


def status_key(status: str, level: str) -> str:
    return f"tactical.status_{snake_case(status)}_{snake_case(level)}"


def ethnicity_key(group: str) -> str:
    return f"tactical.ethnicity_{snake_case(group)}_pct"


def census_key(group: str) -> str:
    return f"tactical.census_{snake_case(group)}_pct"


def other_group_key(category: str) -> str:
    return f"tactical.other_group_{snake_case(category)}"


def place_key(place: str, area: str | None, population: bool = False) -> str:
    """A constituency's (in an area pack, a ward's) share of open cases, or of the children living there."""
    return f"tactical.{'ward' if area else 'constituency'}_{snake_case(place)}{'_population' if population else ''}_pct"


def _cell_definitions(reference: Reference) -> dict[str, str]:
    """The figures that repeat a table cell a sentence shows: every level of both scales, every broad group, and
    the categories, constituencies and wards of the reference data."""
    definitions = {}
    for levels in RISK_SCALES.values():
        top, rows = levels[0], (*levels, NOT_SET)
        for level in rows:
            definitions[male_level_key(level)] = (
                f"Boys open on the snapshot day whose risk level that day was "
                f"{level}, as a percentage of the boys open "
                "(tactical_risk_by_gender)."
            )
            definitions[status_key(NEVER, level)] = (
                f"Open cases at {level} on the snapshot day that had never been a child in need, subject to a child "
                "protection plan or looked after (tactical_social_care_status)."
            )
        for status in STATUS_ROWS[:-1]:
            definitions[status_key(status, top)] = (
                f"Open cases at {top} on the snapshot day whose social care status that day was {status} "
                "(tactical_social_care_status: the first that applies of looked after, child protection and child in "
                "need covering the day, then previously any of them)."
            )
        definitions[transition_key(top, top)] = (
            f"Children at {top} on the snapshot day whose episode was still at "
            f"{top} on the follow-up day (tactical_transitions)."
        )
        definitions[transition_key(top, CLOSED)] = (
            f"Children at {top} on the snapshot day whose episode had closed "
            "by the follow-up day (tactical_transitions)."
        )
        for level in rows[1:]:
            definitions[transition_key(level, top)] = (
                f"Children at {level} on the snapshot day whose episode was at "
                f"{top} on the follow-up day (tactical_transitions)."
            )
    for group in BROAD_GROUPS:
        definitions[ethnicity_key(group)] = (
            f"Open cases whose ethnicity is in the broad group {group}, as a "
            "percentage of open cases (tactical_ethnicity)."
        )
        if group != NOT_RECORDED:
            definitions[census_key(group)] = (
                f"Children aged 0-17 of the district in the broad group {group} in the "
                "2011 Census (table DC2101EW), as a percentage of all of them: a "
                "constant of the reference data."
            )
    for category in reference.ethnicity.loc[reference.ethnicity["broad_group"] == "Other", "ethnicity"]:
        definitions[other_group_key(category)] = (
            f"Open cases in the broad group Other whose ethnicity is recorded as {category} (tactical_ethnicity_other)."
        )
    places = [(c, None, "constituency") for c in reference.wards["constituency"].unique()]
    places += [
        (w, a, "ward") for w, a in zip(reference.wards["ward_name"], reference.wards["constituency"], strict=True)
    ]
    for place, area, kind in places:
        definitions[place_key(place, area)] = (
            f"Open cases whose home ward lies in the {place} {kind}, as a "
            "percentage of open cases (tactical_constituency)."
        )
        definitions[place_key(place, area, population=True)] = (
            f"Residents aged 0-17 of the {place} {kind} (ONS mid-2020 estimates), as a percentage of those of "
            f"{'its area' if area else 'the district'}: a constant of the reference data."
        )
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
    "tactical.followup_increased_pct": "The same children: percentage whose level was higher on the follow-up day.",
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
    "of area); an area report has none, as it counts only the children whose home ward lies in the area.",
    "tactical.location_not_recorded_pct": "Percentage of open cases whose home ward is blank (not recorded, "
    "for example a confidential record); not given in an area report, which counts only the children whose "
    "home ward lies in the area.",
    **_cell_definitions(load_reference()),
}


# --- Quantities -------------------------------------------------------------------------------


def open_quantity(day: dt.date, *detail: str, area: str | None = None) -> str:
    """Children open on a day, or a part of them: `children_open@2016-03-29`, `children_open@2016-03-29|High`,
    `children_open@2016-03-29|gender:Male`; an area's, shared by every report of the year, as
    `~children_open@2016-03-29|area:Keighley|High`. The same name wherever that count is published."""
    head = f"{SHARED}children_open@{day.isoformat()}|area:{area}" if area else f"children_open@{day.isoformat()}"
    return "|".join((head, *detail))


def ward_quantity(day: dt.date, code: str, level: str | None = None) -> str:
    """A ward's children open on a day (at a level): the same count in the district report and its area pack."""
    return "|".join((f"{SHARED}children_open@{day.isoformat()}", f"ward:{code}", *([level] if level else [])))


# --- The snapshot -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """The day the snapshot's risk levels are compared with, and whether the data reaches it."""

    day: dt.date
    reached: bool


@dataclass(frozen=True)
class Snapshot:
    """The children open on one day, one row each, with what the tables need to know about them.

    `cases` holds the child's latest open episode (episode_id, gender, ward_code, end_date...) and `level`
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
    area: str | None = None
    ward_codes: Mapping[str, str] = field(default_factory=dict)  # ward name -> ward code

    @property
    def no_risk_level(self) -> str:
        return self.levels[-1]

    def level_columns(self, column: str = "level") -> list[str]:
        """Every level of the scale, and Not set when any child is Not set."""
        return [*self.levels, *([NOT_SET] if (self.cases[column] == NOT_SET).any() else [])]

    def quantity(self, *detail: str, day: dt.date | None = None) -> str:
        """The quantity of this report's children open on the snapshot day (or `day`), or a part of them."""
        return open_quantity(day or self.day, *detail, area=self.area)


def open_children(episodes: pd.DataFrame, assessments: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """One row per child open on the day: the episode that started last, with its risk level that day."""
    latest = latest_episode_per_child(episodes[open_on(episodes, day)]).reset_index(drop=True)
    return latest.assign(level=level_on(assessments, latest["episode_id"], day).to_numpy())


def followup_day(params: Params, district: Extracts) -> FollowUp:
    """The followup_date parameter as given; else the snapshot day plus four calendar months, which is
    reached only when the district's data reaches it (so that every report of the year agrees)."""
    if params.followup_date is not None:
        return FollowUp(params.followup_date, True)
    day = add_months(params.snapshot_date, FOLLOWUP_MONTHS)
    last = district.extract_end or data_end(district.episodes, district.risk_assessments)
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
        None
        if first is None or second is None
        else DIRECTIONS[0]
        if second == first
        else DIRECTIONS[1]
        if second > first
        else DIRECTIONS[2]
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
        return codes.map(
            lambda code: NOT_RECORDED if code is None else OUT_OF_AREA_LABEL if code == OUT_OF_AREA else mapping[code]
        )

    return named(wards["ward_name"].to_dict()), named(wards["constituency"].to_dict())


def placed(cases: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Children with their broad ethnic group, home ward (`location`) and constituency."""
    ward, constituency = locations(cases["ward_code"], reference)
    return cases.assign(
        broad_group=reference.broad_group(cases["ethnicity"]).to_numpy(),
        location=ward.to_numpy(),
        constituency=constituency.to_numpy(),
    )


def in_area(cases: pd.DataFrame, area: str) -> pd.DataFrame:
    """The children whose home ward (that of the episode counted) lies in the area."""
    return cases[cases["constituency"].str.casefold() == area.strip().casefold()].reset_index(drop=True)


def take_snapshot(scope: ScopeData) -> Snapshot:
    """The children of the report's scope open on the snapshot day, with their follow-up level and social
    care status.

    Everything is worked out on the whole district's data, and an area pack takes the district's open cases
    whose home ward lies in the area: a child counts once, in the area of the episode counted, so the
    district report and every area pack agree on each child, and on how far the data reach.
    """
    district, reference, params = scope.district, scope.reference, scope.params
    episodes, assessments = district.episodes, district.risk_assessments
    day = params.snapshot_date
    cases = placed(open_children(episodes, assessments, day), reference)
    followup = followup_day(params, district)
    if followup.reached:
        cases["followup_level"] = level_on_followup(cases, assessments, followup.day).to_numpy()
    has_status = district.social_care_status is not None
    if has_status:
        cases["status"] = social_care_status(cases, district.social_care_status, day).to_numpy()
    previous_day = add_months(day, -12)
    first_start = episodes["start_date"].min()
    # A count of 0 before the first referral in the data would read as a real fall.
    data_covers_previous = not pd.isna(first_start) and first_start <= pd.Timestamp(previous_day)
    previous = placed(open_children(episodes, assessments, previous_day), reference) if data_covers_previous else None
    if scope.area:
        cases = in_area(cases, scope.area)
        previous = None if previous is None else in_area(previous, scope.area)
    return Snapshot(
        day=day,
        levels=params.risk_levels,
        cases=cases,
        followup=followup,
        previous_day=previous_day,
        previous_cases=previous,
        has_status=has_status,
        area=scope.area,
        ward_codes=dict(zip(reference.wards["ward_name"], reference.wards["ward_code"])),
    )


# --- Tables -----------------------------------------------------------------------------------


def _in_area(snapshot: Snapshot) -> str:
    """` in the Bradford South area` for a table title of an area pack."""
    return f" in the {snapshot.area} area" if snapshot.area else ""


def _snapshot_note(snapshot: Snapshot, days: str | None = None) -> str:
    whose = f" whose home ward lies in the {snapshot.area} area" if snapshot.area else ""
    return (
        f"{SOURCE_NOTE} Children{whose} open to the Hub on {days or date_text(snapshot.day)}, each counted "
        "once with the episode that started last; its risk level is that of the latest assessment on or "
        "before the day."
    )


def _with_total(data: pd.DataFrame, label: str, counts: list[str]) -> pd.DataFrame:
    """Rows followed by a total row of the count columns, counts as whole numbers."""
    totals = {data.columns[0]: label, **{c: int(data[c].sum()) for c in counts}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    for column in counts:
        data[column] = data[column].astype(int)
    return data


def _share(numerators: pd.Series, denominator: int) -> list[float | None]:
    return [percentage(int(n), denominator) for n in numerators]


def _shares_of_total(data: pd.DataFrame, counts: str, shares: str) -> dict[tuple[int, str], RatioSpec]:
    """Each row's share of the last (total) row, as the engine reads it."""
    total = len(data) - 1
    return {
        (row, shares): share((row, counts), (total, counts)) for row in data.index if pd.notna(data.at[row, shares])
    }


def _children_by_level(cases: pd.DataFrame, rows: list[str]) -> list[int]:
    return cases["level"].value_counts().reindex(rows, fill_value=0).tolist()


def _level_quantities(
    snapshot: Snapshot, data: pd.DataFrame, column: str, day: dt.date | None = None
) -> dict[tuple[int, str], str]:
    """A column of children by level (rows) with its total: the day's quantities."""
    total = len(data) - 1
    quantities = {(row, column): snapshot.quantity(data.iat[row, 0], day=day) for row in range(total)}
    return {**quantities, (total, column): snapshot.quantity(day=day)}


def risk_levels(snapshot: Snapshot) -> Table:
    """Children open on the snapshot day by risk level, Not set included."""
    rows = [*snapshot.levels, NOT_SET]
    data = _with_total(
        pd.DataFrame({"Risk level": rows, "Children": _children_by_level(snapshot.cases, rows)}), TOTAL, ["Children"]
    )
    data[OPEN_SHARE] = _share(data["Children"], len(snapshot.cases))
    return Table(
        name="tactical_risk_levels",
        title=f"Risk level of open cases{_in_area(snapshot)}, {date_text(snapshot.day)}",
        data=data,
        kinds={"Risk level": "label", "Children": "count", OPEN_SHARE: "pct"},
        total_row=TOTAL,
        note=_snapshot_note(snapshot),
        derived=_shares_of_total(data, "Children", OPEN_SHARE),
        quantities=_level_quantities(snapshot, data, "Children"),
    )


def risk_levels_year_on_year(snapshot: Snapshot) -> Table | None:
    """Children open on the snapshot day and on the same day a year earlier by risk level, each day's children
    counted by the same rules; None when the data starts after the day a year earlier."""
    previous = snapshot.previous_cases
    if previous is None:
        return None
    rows = [*snapshot.levels, NOT_SET]
    data = _with_total(
        pd.DataFrame(
            {
                "Risk level": rows,
                "Children": _children_by_level(snapshot.cases, rows),
                YEAR_EARLIER: _children_by_level(previous, rows),
            }
        ),
        TOTAL,
        ["Children", YEAR_EARLIER],
    )
    data.insert(2, OPEN_SHARE, _share(data["Children"], len(snapshot.cases)))
    data[YEAR_EARLIER_PCT] = _share(data[YEAR_EARLIER], len(previous))
    return Table(
        name="tactical_risk_levels_year_on_year",
        title=f"Risk level of open cases{_in_area(snapshot)}, {date_text(snapshot.day)} and a year earlier",
        data=data,
        kinds={
            "Risk level": "label",
            "Children": "count",
            OPEN_SHARE: "pct",
            YEAR_EARLIER: "count",
            YEAR_EARLIER_PCT: "pct",
        },
        total_row=TOTAL,
        note=_snapshot_note(
            snapshot, f"{date_text(snapshot.day)} and on {date_text(snapshot.previous_day)} (a year earlier)"
        ),
        derived={
            **_shares_of_total(data, "Children", OPEN_SHARE),
            **_shares_of_total(data, YEAR_EARLIER, YEAR_EARLIER_PCT),
        },
        quantities={
            **_level_quantities(snapshot, data, "Children"),
            **_level_quantities(snapshot, data, YEAR_EARLIER, snapshot.previous_day),
        },
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
    total = len(data) - 1
    derived = {}
    for gender, column in (("Female", "% of girls"), ("Male", "% of boys")):
        data[column] = _share(data[gender], int(data[gender].iloc[-1]))
        derived.update(_shares_of_total(data, gender, column))
    quantities = {
        **_level_quantities(snapshot, data, TOTAL),
        **{(total, gender): snapshot.quantity(f"gender:{gender}") for gender in GENDER_COLUMNS},
    }
    return Table(
        name="tactical_risk_by_gender",
        title=f"Risk level of open cases{_in_area(snapshot)} by gender, {date_text(snapshot.day)}",
        data=data,
        kinds={
            "Risk level": "label",
            **dict.fromkeys((*GENDER_COLUMNS, TOTAL), "count"),
            "% of girls": "pct",
            "% of boys": "pct",
        },
        total_row=TOTAL,
        total_column=TOTAL,
        note=f"{_snapshot_note(snapshot)} % of girls and % of boys: each gender's children spread over the levels.",
        derived=derived,
        quantities=quantities,
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
        title=f"Risk level of the children open{_in_area(snapshot)} on {date_text(snapshot.day)}: on that day "
        f"(rows) and on {date_text(snapshot.followup.day)} (columns)",
        data=data,
        kinds={"Risk level on snapshot day": "label", "Children": "count", **dict.fromkeys(columns, "count")},
        total_row=GRAND_TOTAL,
        total_column="Children",
        note=f"{SOURCE_NOTE} Rows: the child's risk level on {date_text(snapshot.day)}. Columns: the level of the "
        f"same episode on {date_text(snapshot.followup.day)}, or Closed when the episode had closed by then. "
        "Every level of the scale has a column, so a level nobody moved to shows 0.",
        quantities=_level_quantities(snapshot, data, "Children"),
    )


def followup_change(snapshot: Snapshot) -> Table | None:
    """Children whose level was unchanged, decreased or increased by the follow-up day; Not set left out."""
    if not snapshot.followup.reached:
        return None
    direction = change_direction(snapshot.cases["level"], snapshot.cases["followup_level"], snapshot.levels)
    counts = direction.value_counts().reindex(list(DIRECTIONS), fill_value=0)
    data = _with_total(
        pd.DataFrame({"Change in risk level": list(DIRECTIONS), "Children": counts.to_numpy()}), TOTAL, ["Children"]
    )
    data["% of children compared"] = _share(data["Children"], int(data["Children"].iloc[-1]))
    return Table(
        name="tactical_followup_change",
        title=f"Change in risk level{_in_area(snapshot)} from {date_text(snapshot.day)} to "
        f"{date_text(snapshot.followup.day)}",
        data=data,
        kinds={"Change in risk level": "label", "Children": "count", "% of children compared": "pct"},
        total_row=TOTAL,
        note=f"{SOURCE_NOTE} Children open on {date_text(snapshot.day)} with a risk level set on both days. An "
        f"episode closed by {date_text(snapshot.followup.day)} counts as Closed, which ranks with "
        f"{snapshot.no_risk_level}: {snapshot.no_risk_level} then Closed is unchanged, any level of risk "
        "then Closed is a decrease.",
        derived=_shares_of_total(data, "Children", "% of children compared"),
    )


def representation(open_count: int, open_total: int, population: int, population_total: int) -> str | None:
    """Over-represented, Under-represented or In line: the share of open cases against the population share."""
    if open_total == 0 or population_total == 0 or population == 0:
        return None
    ratio_to_population = Fraction(open_count, open_total) / Fraction(population, population_total)
    if ratio_to_population > 1 + REPRESENTATION_BAND:
        return OVER
    if ratio_to_population < 1 - REPRESENTATION_BAND:
        return UNDER
    return IN_LINE


def ethnicity(snapshot: Snapshot, reference: Reference) -> Table:
    """Open cases by broad ethnic group against the district's under-18 population (2011 Census)."""
    population = reference.census_share("0-17")
    population_total = int(population.sum())
    groups = list(BROAD_GROUPS)
    counts = snapshot.cases["broad_group"].value_counts().reindex(groups, fill_value=0)
    data = _with_total(pd.DataFrame({"Ethnic group": groups, "Children": counts.to_numpy()}), TOTAL, ["Children"])
    open_total = len(snapshot.cases)
    total = len(data) - 1
    data[OPEN_SHARE] = _share(data["Children"], open_total)
    data[POPULATION_SHARE] = [
        percentage(int(population[g]), population_total) if g in population.index else (100.0 if g == TOTAL else None)
        for g in data["Ethnic group"]
    ]
    data["Compared with population"] = [
        representation(int(n), open_total, int(population[g]), population_total) if g in population.index else None
        for g, n in zip(data["Ethnic group"], data["Children"])
    ]
    derived: dict[tuple[int, str], RatioSpec | OpaqueSpec] = dict(_shares_of_total(data, "Children", OPEN_SHARE))
    for row in data.index[data["Compared with population"].notna()]:
        derived[(row, "Compared with population")] = OpaqueSpec(((row, "Children"), (total, "Children")))
    quantities = {(row, "Children"): snapshot.quantity(f"ethnicity:{group}") for row, group in enumerate(groups)}
    area_note = (
        f" The census by ethnic group is published for the whole district only, so the {snapshot.area} "
        "area's open cases are compared with the district's children."
        if snapshot.area
        else ""
    )
    return Table(
        name="tactical_ethnicity",
        title=f"Ethnicity of open cases{_in_area(snapshot)} and of the district's children, {date_text(snapshot.day)}",
        data=data,
        kinds={
            "Ethnic group": "label",
            "Children": "count",
            OPEN_SHARE: "pct",
            POPULATION_SHARE: "pct",
            "Compared with population": "label",
        },
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} Broad groups from the reference mapping; a blank ethnicity counts as not "
        f"recorded. {CENSUS_NOTE} Over-represented: the share of open cases is more than 1.2 times the "
        "population share; under-represented: less than 0.8 times; otherwise in line." + area_note,
        derived=derived,
        quantities={**quantities, (total, "Children"): snapshot.quantity()},
    )


def ethnicity_other(snapshot: Snapshot, reference: Reference) -> Table:
    """The detailed categories that make up the broad group Other."""
    categories = reference.ethnicity.loc[reference.ethnicity["broad_group"] == "Other", "ethnicity"].tolist()
    counts = snapshot.cases["ethnicity"].value_counts().reindex(categories, fill_value=0)
    data = _with_total(
        pd.DataFrame({"Ethnicity recorded": categories, "Children": counts.to_numpy()}), TOTAL, ["Children"]
    )
    return Table(
        name="tactical_ethnicity_other",
        title=f"Open cases{_in_area(snapshot)} in the broad group Other by the ethnicity recorded, "
        f"{date_text(snapshot.day)}",
        data=data,
        kinds={"Ethnicity recorded": "label", "Children": "count"},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} {CENSUS_NOTE}",
        quantities={(len(data) - 1, "Children"): snapshot.quantity("ethnicity:Other")},
    )


def _by_level(snapshot: Snapshot, rows: list[str], groups: pd.Series, label: str) -> pd.DataFrame:
    """Children by a grouping (rows, in order) and risk level, with a Total column."""
    levels = snapshot.level_columns()
    grid = pd.crosstab(groups, snapshot.cases["level"]).reindex(index=rows, columns=levels, fill_value=0)
    data = grid.reset_index(names=label).rename_axis(columns=None)
    data[TOTAL] = data[levels].sum(axis=1)
    return data


def _level_table(
    snapshot: Snapshot,
    data: pd.DataFrame,
    label: str,
    name: str,
    title: str,
    note: str,
    quantities: Mapping[tuple[int, str], str],
) -> Table:
    """Open cases by a row category and risk level, with totals both ways and the % of open cases; the Grand
    total row holds the day's children at each level."""
    levels = snapshot.level_columns()
    data[OPEN_SHARE] = _share(data[TOTAL], len(snapshot.cases))
    grand = len(data) - 1
    totals = {(grand, level): snapshot.quantity(level) for level in levels}
    return Table(
        name=name,
        title=title,
        data=data,
        kinds={label: "label", **dict.fromkeys((*levels, TOTAL), "count"), OPEN_SHARE: "pct"},
        total_row=GRAND_TOTAL,
        total_column=TOTAL,
        note=note,
        derived=_shares_of_total(data, TOTAL, OPEN_SHARE),
        quantities={**quantities, **totals, (grand, TOTAL): snapshot.quantity()},
    )


def social_care_status_table(snapshot: Snapshot) -> Table | None:
    """Open cases by social care status on the snapshot day and risk level; None without the extract."""
    if not snapshot.has_status:
        return None
    label, levels = "Social care status", snapshot.level_columns()
    data = _with_total(
        _by_level(snapshot, list(STATUS_ROWS), snapshot.cases["status"], label), GRAND_TOTAL, [*levels, TOTAL]
    )
    return _level_table(
        snapshot,
        data,
        label,
        name="tactical_social_care_status",
        title=f"Social care status of open cases{_in_area(snapshot)} by risk level, {date_text(snapshot.day)}",
        note=f"{_snapshot_note(snapshot)} Status from the social care status extract: looked after, child protection "
        f"or child in need when such a period covered {date_text(snapshot.day)}, in that order of precedence; "
        "previously when a period had started before then; otherwise never.",
        quantities={},
    )


def place_quantity(snapshot: Snapshot, place: str, level: str | None = None) -> str:
    """The quantity of a row of a ward table: a ward (by name) shared with its area pack, Out of area or
    Not recorded."""
    code = snapshot.ward_codes.get(place)
    if code is not None:
        return ward_quantity(snapshot.day, code, level)
    return snapshot.quantity(f"place:{place}", *([level] if level else []))


def constituency(snapshot: Snapshot, reference: Reference) -> Table:
    """District: open cases by constituency of the home ward, Out of area and Not recorded, against the child
    population. A constituency's children are its area pack's open cases."""
    population = reference.wards.groupby("constituency")["population_under_18"].sum()
    rows = [*population.index, OUT_OF_AREA_LABEL, NOT_RECORDED]
    counts = snapshot.cases["constituency"].value_counts().reindex(rows, fill_value=0)
    data = _with_total(pd.DataFrame({"Constituency": rows, "Children": counts.to_numpy()}), TOTAL, ["Children"])
    data[OPEN_SHARE] = _share(data["Children"], len(snapshot.cases))
    population_total = int(population.sum())
    data[POPULATION_SHARE] = [
        percentage(int(population[c]), population_total) if c in population.index else (100.0 if c == TOTAL else None)
        for c in data["Constituency"]
    ]
    quantities = {
        (row, "Children"): open_quantity(snapshot.day, area=name) for row, name in enumerate(population.index)
    }
    quantities |= {
        (len(population) + n, "Children"): place_quantity(snapshot, place)
        for n, place in enumerate((OUT_OF_AREA_LABEL, NOT_RECORDED))
    }
    return Table(
        name="tactical_constituency",
        title=f"Open cases by constituency of the home ward, {date_text(snapshot.day)}",
        data=data,
        kinds={"Constituency": "label", "Children": "count", OPEN_SHARE: "pct", POPULATION_SHARE: "pct"},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} Out of area: children placed outside the district. Not recorded: a blank "
        "home ward, for example a confidential record. Population: ONS mid-2020 estimates of the district's "
        "residents aged 0-17, by ward.",
        derived=_shares_of_total(data, "Children", OPEN_SHARE),
        quantities={**quantities, (len(data) - 1, "Children"): snapshot.quantity()},
    )


def area_wards_table(snapshot: Snapshot, reference: Reference) -> Table:
    """Area pack: open cases by home ward of the area against each ward's share of the area's children.

    It takes the place (and the name) of the constituency table, which has nothing to compare in an area.
    """
    wards = reference.wards[reference.wards["constituency"] == snapshot.area].sort_values("ward_name")
    counts = snapshot.cases["location"].value_counts().reindex(wards["ward_name"], fill_value=0)
    data = _with_total(
        pd.DataFrame({"Ward": wards["ward_name"].tolist(), "Children": counts.to_numpy()}), TOTAL, ["Children"]
    )
    data[OPEN_SHARE] = _share(data["Children"], len(snapshot.cases))
    population_total = int(wards["population_under_18"].sum())
    data[POPULATION_SHARE] = [percentage(int(p), population_total) for p in wards["population_under_18"]] + [100.0]
    quantities = {(row, "Children"): place_quantity(snapshot, name) for row, name in enumerate(wards["ward_name"])}
    return Table(
        name="tactical_constituency",
        title=f"Open cases by home ward in the {snapshot.area} area, {date_text(snapshot.day)}",
        data=data,
        kinds={"Ward": "label", "Children": "count", OPEN_SHARE: "pct", POPULATION_SHARE: "pct"},
        total_row=TOTAL,
        note=f"{_snapshot_note(snapshot)} Population: ONS mid-2020 estimates of the {snapshot.area} area's residents "
        "aged 0-17, by ward.",
        derived=_shares_of_total(data, "Children", OPEN_SHARE),
        quantities={**quantities, (len(data) - 1, "Children"): snapshot.quantity()},
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
    others = {
        label: ALL_OTHER_WARDS,
        **{c: int(data.loc[data[TOTAL] < ward_list_min, c].sum()) for c in (*levels, TOTAL)},
    }
    data = _with_total(pd.concat([listed, pd.DataFrame([others])], ignore_index=True), GRAND_TOTAL, [*levels, TOTAL])
    quantities = {
        (row, column): place_quantity(snapshot, place, None if column == TOTAL else column)
        for row, place in enumerate(listed[label])
        for column in (*levels, TOTAL)
    }
    return _level_table(
        snapshot,
        data,
        label,
        name="tactical_wards",
        title=f"Open cases by home ward{_in_area(snapshot)} and risk level, {date_text(snapshot.day)}",
        note=f"{_snapshot_note(snapshot)} Wards with at least {ward_list_min} children are listed by name, largest "
        "first"
        + (
            "; Out of area (placed outside the district) and Not recorded (blank ward) are listed the same way "
            "when they reach that number"
            if not snapshot.area
            else ""
        )
        + ". The rest are counted in All other wards.",
        quantities=quantities,
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

    def all(self) -> list[Table]:
        return [
            t
            for t in (
                self.risk_levels,
                self.risk_levels_year_on_year,
                self.risk_by_gender,
                self.transitions,
                self.followup_change,
                self.ethnicity,
                self.ethnicity_other,
                self.social_care_status,
                self.constituency,
                self.wards,
            )
            if t is not None
        ]


def tactical_tables(snapshot: Snapshot, reference: Reference, params: Params) -> TacticalTables:
    """Every table of the section for one snapshot; in an area pack the constituency table shows its wards."""
    return TacticalTables(
        risk_levels=risk_levels(snapshot),
        risk_levels_year_on_year=risk_levels_year_on_year(snapshot),
        risk_by_gender=risk_by_gender(snapshot),
        transitions=transitions(snapshot),
        followup_change=followup_change(snapshot),
        ethnicity=ethnicity(snapshot, reference),
        ethnicity_other=ethnicity_other(snapshot, reference),
        social_care_status=social_care_status_table(snapshot),
        constituency=area_wards_table(snapshot, reference) if snapshot.area else constituency(snapshot, reference),
        wards=wards(snapshot, params.ward_list_min),
    )


# --- Figures ----------------------------------------------------------------------------------


def _value(table: Table, label: str, column: str) -> int:
    return int(table.data.at[table.row_position(label), column])


def followup_missing_reason(snapshot: Snapshot) -> str:
    """Why the follow-up figures are null, for figures.json and the definitions part."""
    return f"the data does not yet reach the follow-up date, {date_text(snapshot.followup.day)}"


FOLLOWUP_KEYS = (
    "tactical.followup_unchanged_pct",
    "tactical.followup_decreased_pct",
    "tactical.followup_increased_pct",
    "tactical.followup_closed",
    "tactical.followup_not_set",
)
STATUS_KEYS = ("tactical.never_cin_cp_lac", "tactical.never_cin_cp_lac_pct", "tactical.current_cin_cp_lac_pct")
NO_OPEN_CASES = "no child was open on the snapshot day"


def tactical_figures(snapshot: Snapshot, tables: TacticalTables) -> list[Figure]:
    """Every `tactical.*` figure, each the quantity (or the share of quantities) of the table cells it repeats."""
    day, open_cases, this, earlier_day = snapshot.day, len(snapshot.cases), snapshot.quantity(), snapshot.previous_day
    level_rows = (*snapshot.levels, NOT_SET)
    figures = [count("tactical.open_cases", open_cases, quantity=this)]
    figures += _level_figures(CURRENT, snapshot, tables.risk_levels, "Children", day, level_rows)
    earlier = tables.risk_levels_year_on_year
    if earlier is None:
        figures += missing(
            ["tactical.previous_open_cases", "tactical.open_cases_change_pct", *_level_keys(EARLIER, level_rows)],
            f"the data starts after {date_text(snapshot.previous_day)}",
        )
    else:
        previous = len(snapshot.previous_cases)
        figures += [
            count("tactical.previous_open_cases", previous, quantity=snapshot.quantity(day=earlier_day)),
            ratio(
                "tactical.open_cases_change_pct",
                change_pct(open_cases, previous),
                change(this, snapshot.quantity(day=earlier_day)),
                why_missing="no child was open on the same day a year earlier",
            ),
        ]
        figures += _level_figures(EARLIER, snapshot, earlier, YEAR_EARLIER, earlier_day, level_rows)
    boys = _value(tables.risk_by_gender, TOTAL, "Male")
    figures.append(
        ratio(
            "tactical.male_pct",
            percentage(boys, open_cases),
            share(snapshot.quantity("gender:Male"), this),
            why_missing=NO_OPEN_CASES,
        )
    )
    figures += _followup_figures(snapshot, tables)
    figures += _status_figures(snapshot, tables)
    figures += _cell_figures(snapshot, tables)
    for key, place in (
        ("tactical.out_of_area_pct", OUT_OF_AREA_LABEL),
        ("tactical.location_not_recorded_pct", NOT_RECORDED),
    ):
        if snapshot.area:
            figures += missing([key], AREA_PACK_PLACES)
        else:
            figures.append(
                ratio(
                    key,
                    percentage(_value(tables.constituency, place, "Children"), open_cases),
                    share(place_quantity(snapshot, place), this),
                    why_missing=NO_OPEN_CASES,
                )
            )
    return figures


def _level_keys(prefix: str, level_rows: Iterable[str]) -> list[str]:
    return [level_key(level, suffix, prefix) for level in level_rows for suffix in ("", "_pct")]


def _level_figures(
    prefix: str, snapshot: Snapshot, table: Table, column: str, day: dt.date, level_rows: Iterable[str]
) -> list[Figure]:
    """`<prefix><level>` and its `_pct` of the column's total for each level: the day's quantities."""
    total = _value(table, TOTAL, column)
    figures = []
    for level in level_rows:
        key, number = level_key(level, prefix=prefix), _value(table, level, column)
        quantity = snapshot.quantity(level, day=day)
        figures += [
            count(key, number, quantity=quantity),
            ratio(
                f"{key}_pct",
                percentage(number, total),
                share(quantity, snapshot.quantity(day=day)),
                why_missing=f"no child was open on {date_text(day)}",
            ),
        ]
    return figures


def _followup_figures(snapshot: Snapshot, tables: TacticalTables) -> list[Figure]:
    change_table, moves = tables.followup_change, tables.transitions
    if change_table is None or moves is None:
        return missing(FOLLOWUP_KEYS, followup_missing_reason(snapshot))
    compared = _value(change_table, TOTAL, "Children")
    total = change_table.quantity(change_table.row_position(TOTAL), "Children")
    figures = [
        ratio(
            key,
            percentage(_value(change_table, direction, "Children"), compared),
            share(change_table.quantity(change_table.row_position(direction), "Children"), total),
            why_missing="no child had a risk level set on both days",
        )
        for key, direction in zip(FOLLOWUP_KEYS, DIRECTIONS)
    ]
    closed, not_set = FOLLOWUP_KEYS[3:]
    figures.append(
        count(
            closed, _value(moves, GRAND_TOTAL, CLOSED), quantity=moves.quantity(moves.row_position(GRAND_TOTAL), CLOSED)
        )
    )
    figures.append(count(not_set, len(snapshot.cases) - compared))
    return figures


def _status_figures(snapshot: Snapshot, tables: TacticalTables) -> list[Figure]:
    status = tables.social_care_status
    if status is None:
        return missing(STATUS_KEYS, STATUS_MISSING)
    open_cases = len(snapshot.cases)
    never = status.quantity(status.row_position(NEVER), TOTAL)
    current = {status.quantity(status.row_position(label), TOTAL): 1.0 for label in STATUS_LABELS.values()}
    current_count = sum(_value(status, label, TOTAL) for label in STATUS_LABELS.values())
    never_count = _value(status, NEVER, TOTAL)
    return [
        count(STATUS_KEYS[0], never_count, quantity=never),
        ratio(
            STATUS_KEYS[1],
            percentage(never_count, open_cases),
            share(never, snapshot.quantity()),
            why_missing=NO_OPEN_CASES,
        ),
        ratio(
            STATUS_KEYS[2],
            percentage(current_count, open_cases),
            RatioSpec(current, {snapshot.quantity(): 1.0}),
            why_missing=NO_OPEN_CASES,
        ),
    ]


def _cell_count(key: str, table: Table, label: str, column: str) -> Figure:
    """A count cell of a table as a figure: the same quantity, hidden or shown with the cell."""
    row = table.row_position(label)
    return count(key, _value(table, label, column), quantity=table.quantity(row, column))


def _cell_share(key: str, table: Table, label: str, counts: str, shares: str, why_missing: str) -> Figure:
    """A share cell of a table (of its last row) as a figure: the same ratio of the same quantities."""
    row, whole = table.row_position(label), len(table.data) - 1
    value = table.data.at[row, shares]
    return ratio(
        key,
        None if pd.isna(value) else float(value),
        share(table.quantity(row, counts), table.quantity(whole, counts)),
        why_missing=why_missing,
    )


def _cell_figures(snapshot: Snapshot, tables: TacticalTables) -> list[Figure]:
    """The table cells the section's sentences show, each a figure of its own: how the boys spread over the levels,
    the broad ethnic groups and the census beside them, the categories of the group Other, each constituency's (an
    area pack: ward's) share of open cases and of the children living there, and, when their tables are there, what
    became of the children at the most serious level and the social care status of the children at each level."""
    levels, top = (*snapshot.levels, NOT_SET), snapshot.levels[0]
    gender, ethnic, other = tables.risk_by_gender, tables.ethnicity, tables.ethnicity_other
    figures = [
        _cell_share(male_level_key(level), gender, level, "Male", "% of boys", "no boy was open on the day")
        for level in levels
    ]
    for group in BROAD_GROUPS:
        figures.append(_cell_share(ethnicity_key(group), ethnic, group, "Children", OPEN_SHARE, NO_OPEN_CASES))
        if group != NOT_RECORDED:
            figures.append(
                plain(census_key(group), float(ethnic.data.at[ethnic.row_position(group), POPULATION_SHARE]))
            )
    figures += [
        _cell_count(other_group_key(category), other, category, "Children")
        for category in other.data[other.label_column].iloc[:-1]
    ]
    places = tables.constituency
    for place in places.data[places.label_column].iloc[:-1]:
        if place not in (OUT_OF_AREA_LABEL, NOT_RECORDED):  # their shares are tactical.out_of_area_pct and the next
            figures += [
                _cell_share(place_key(place, snapshot.area), places, place, "Children", OPEN_SHARE, NO_OPEN_CASES),
                plain(
                    place_key(place, snapshot.area, population=True),
                    float(places.data.at[places.row_position(place), POPULATION_SHARE]),
                ),
            ]
    moves = tables.transitions
    if moves is not None:
        figures += [_cell_count(transition_key(top, after), moves, top, after) for after in (top, CLOSED)]
        figures += [
            _cell_count(transition_key(before, top), moves, before, top)
            for before in moves.data[moves.label_column].iloc[:-1]
            if before != top
        ]
    status = tables.social_care_status
    if status is not None:
        figures += [_cell_count(status_key(NEVER, level), status, NEVER, level) for level in snapshot.level_columns()]
        figures += [_cell_count(status_key(row, top), status, row, top) for row in STATUS_ROWS[:-1]]
    return figures


# --- Relations --------------------------------------------------------------------------------


def followup_relations(snapshot: Snapshot, tables: TacticalTables) -> list[Relation]:
    """Each direction of change is the sum of its cells of the transitions table, and the children compared
    and those left out (Not set on a day) are the open cases."""
    moves, change_table = tables.transitions, tables.followup_change
    if moves is None or change_table is None:
        return []
    cells: dict[str, list[str]] = {direction: [] for direction in DIRECTIONS}
    label = moves.label_column
    for row in moves.data.index[moves.data[label] != GRAND_TOTAL]:
        columns = moves.data.columns[2:]
        found = change_direction(
            pd.Series([moves.data.at[row, label]] * len(columns)), pd.Series(list(columns)), snapshot.levels
        )
        for column, direction in zip(columns, found):
            if direction is not None:
                cells[direction].append(moves.quantity(row, column))
    relations = [
        sum_relation(
            f"children whose risk level {direction.lower()}",
            change_table.quantity(change_table.row_position(direction), "Children"),
            parts,
        )
        for direction, parts in cells.items()
    ]
    compared = change_table.quantity(change_table.row_position(TOTAL), "Children")
    relations.append(
        sum_relation("open cases compared or left out", snapshot.quantity(), [compared, "tactical.followup_not_set"])
    )
    return relations


def categories(cases: pd.DataFrame, levels: Iterable[str], whole: bool) -> dict[tuple[str, ...], pd.Series]:
    """The parts of a day's children that several reports publish: all of them and each level; on the snapshot
    day (`whole`) also each gender column and broad ethnic group. Keys are the details of their quantities."""
    found = {(): pd.Series(True, index=cases.index), **{(level,): cases["level"] == level for level in levels}}
    if whole:
        found |= {(f"gender:{g}",): gender_group(cases["gender"]) == g for g in GENDER_COLUMNS}
        found |= {(f"ethnicity:{g}",): cases["broad_group"] == g for g in BROAD_GROUPS}
    return found


def district_parts(snapshot: Snapshot, reference: Reference) -> tuple[list[Quantity], list[Relation]]:
    """District: each count of the day that an area pack publishes too is the sum of the areas' counts, the
    children placed out of area and those with no ward recorded (the parts a reader could subtract)."""
    quantities: list[Quantity] = []
    relations: list[Relation] = []
    days = [(snapshot.day, snapshot.cases, True)]
    if snapshot.previous_cases is not None:
        days.append((snapshot.previous_day, snapshot.previous_cases, False))
    for day, cases, whole in days:
        for detail, members in categories(cases, (*snapshot.levels, NOT_SET), whole).items():
            parts = []
            for area in reference.constituencies:
                parts.append(open_quantity(day, *detail, area=area))
                quantities.append(Quantity(parts[-1], int((members & (cases["constituency"] == area)).sum())))
            for place in (OUT_OF_AREA_LABEL, NOT_RECORDED):
                parts.append(open_quantity(day, f"place:{place}", *detail))
                quantities.append(Quantity(parts[-1], int((members & (cases["location"] == place)).sum())))
            relations.append(
                sum_relation(
                    f"children open on {day} {' '.join(detail)}: the areas and the rest",
                    open_quantity(day, *detail),
                    parts,
                )
            )
    return quantities, relations


# --- Publication ------------------------------------------------------------------------------


def publication(scope: ScopeData) -> SectionPublication:
    """The tactical snapshot of one report (the district or an area pack), declared for the disclosure engine."""
    params, reference = scope.params, scope.reference
    snapshot = take_snapshot(scope)
    tables = tactical_tables(snapshot, reference, params)
    quantities, relations = ([], []) if scope.area else district_parts(snapshot, reference)
    relations += followup_relations(snapshot, tables)
    return SectionPublication(
        "tactical",
        figures=tactical_figures(snapshot, tables),
        tables=tables.all(),
        quantities=quantities,
        relations=relations,
        facts={
            "snapshot_day": snapshot.day,
            "previous_day": snapshot.previous_day,
            "followup_day": snapshot.followup.day,
            "followup_reached": snapshot.followup.reached,
            "levels": snapshot.levels,
            "area": scope.area,
            "ward_list_min": params.ward_list_min,
            "has_status": snapshot.has_status,
            "previous_covered": snapshot.previous_cases is not None,
        },
    )
