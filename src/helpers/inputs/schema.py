"""The input contract as data: extracts, their columns, the rules their values must meet, and the typed frames.

The loader validates files against these definitions and returns `Extracts`; the synthetic
generator writes files with exactly these columns. Frames keep the rows in file order
(a RangeIndex), which matters where the contract breaks ties by "the one listed last/first".
`VALUE_RULES` states, with its reason, every rule a value must meet beyond its type (ages a
person can have, dates inside a window, dates in order, one date of birth per child), and
whether breaking it stops the build or is a note in the report's data-quality part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Kind = Literal["id", "date", "code", "text", "bool", "int"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool  # a value is needed in every row
    unique: bool = False
    codes: str | None = None  # name of the code list a `code` column is checked against


@dataclass(frozen=True)
class ExtractSpec:
    name: str
    required: bool  # the file must exist in the data folder
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


EXTRACTS: dict[str, ExtractSpec] = {
    spec.name: spec
    for spec in (
        ExtractSpec(
            "episodes",
            True,
            (
                Column("episode_id", "id", True, unique=True),
                Column("child_id", "id", True),
                Column("start_date", "date", True),
                Column("end_date", "date", False),
                Column("date_of_birth", "date", True),
                Column("gender", "code", True, codes="gender"),
                Column("ethnicity", "code", False, codes="ethnicity"),
                Column("ward_code", "code", False, codes="ward_code"),
                Column("exploitation_type", "code", False, codes="exploitation_type"),
            ),
        ),
        ExtractSpec(
            "risk_assessments",
            True,
            (
                Column("episode_id", "id", True),
                Column("assessment_date", "date", True),
                Column("risk_level", "code", True, codes="risk_level"),
            ),
        ),
        ExtractSpec(
            "social_care_status",
            False,
            (
                Column("child_id", "id", True),
                Column("status", "code", True, codes="social_care_status"),
                Column("start_date", "date", True),
                Column("end_date", "date", False),
            ),
        ),
        ExtractSpec(
            "crimes",
            False,
            (
                Column("crime_id", "id", True, unique=True),
                Column("recorded_date", "date", True),
                Column("committed_date", "date", False),
                Column("offence_code", "text", False),
                Column("offence_description", "text", False),
                Column("cse_flag", "bool", True),
                Column("victim_age", "int", False),
                Column("victim_gender", "code", False, codes="gender"),
                Column("outcome", "code", False, codes="outcome"),
                Column("location_ward_code", "code", False, codes="location_ward_code"),
            ),
        ),
        ExtractSpec(
            "crime_suspects",
            False,
            (
                Column("crime_id", "id", True),
                Column("person_id", "id", True),
                Column("age_at_offence", "int", False),
                Column("gender", "code", False, codes="gender"),
                Column("ethnicity", "code", False, codes="ethnicity"),
            ),
        ),
        ExtractSpec(
            "suspect_management",
            False,
            (
                Column("occurrence_id", "id", True, unique=True),
                Column("person_id", "id", True),
                Column("created_date", "date", True),
                Column("status", "code", True, codes="management_status"),
                Column("risk_level", "code", False, codes="management_risk_level"),
                Column("age", "int", False),
                Column("gender", "code", False, codes="gender"),
                Column("ethnicity", "code", False, codes="ethnicity"),
            ),
        ),
    )
}

# --- rules on values, beyond their type ---------------------------------------------------------

Severity = Literal["error", "note"]  # an error stops the build; a note is counted in the data-quality part

# A person's life (a birth, an offence disclosed decades later) can reach back to 1900; a record made
# by the hub, the council or the police cannot be older than the electronic systems the extracts
# come from (the statuses CIN, CP and LAC are those of the Children Act 1989, in force from 1991).
EARLIEST_LIFE_DATE = dt.date(1900, 1, 1)
EARLIEST_RECORD_DATE = dt.date(1990, 1, 1)


@dataclass(frozen=True, kw_only=True)
class ValueRule:
    """A rule on the values of one column: its name, what it expects and why."""

    name: str
    extract: str
    column: str
    severity: Severity
    reason: str


@dataclass(frozen=True, kw_only=True)
class ValueRange(ValueRule):
    """A whole number from `low` to `high`."""

    low: int
    high: int

    @property
    def expected(self) -> str:
        return f"must be a whole number from {self.low} to {self.high}"


@dataclass(frozen=True, kw_only=True)
class DateWindow(ValueRule):
    """A date from `earliest` to the day of the build: an extract cannot hold a day that has not come."""

    earliest: dt.date

    @property
    def expected(self) -> str:
        return f"must be from {self.earliest.isoformat()} to the day of the build"


@dataclass(frozen=True, kw_only=True)
class DateOrder(ValueRule):
    """`column` must not be `relation` (before or after) `other`, a date column of the same row."""

    relation: Literal["before", "after"]
    other: str

    @property
    def expected(self) -> str:
        return f"must not be {self.relation} {self.other}"


@dataclass(frozen=True, kw_only=True)
class AgeLimit(ValueRule):
    """The age in whole years that the birth date `column` gives on the date column `on` is under `under`."""

    on: str
    under: int

    @property
    def expected(self) -> str:
        return f"must give an age under {self.under} on {self.on}"


@dataclass(frozen=True, kw_only=True)
class OnePerPerson(ValueRule):
    """Every row of one `person` holds the same value (blank rows aside)."""

    person: str

    @property
    def expected(self) -> str:
        return f"must be the same on every row of one {self.person}"


@dataclass(frozen=True, kw_only=True)
class NotLongBeforeBirth(ValueRule):
    """A date of a person's record is at most `days` days before their date of birth in `births`."""

    person: str
    births: str  # the extract holding the person's date_of_birth
    days: int

    @property
    def expected(self) -> str:
        weeks = self.days // 7
        return f"must not be more than {weeks} weeks before the date_of_birth of its {self.person} in {self.births}"


_PERSON_AGE = "no one is younger than 0 or, in these records, older than 110: a typing error (250 for 25?)"
_LIFE_DATE = (
    f"a birth or an offence in these records is in {EARLIEST_LIFE_DATE.year} or later (earlier dates are "
    "spreadsheet defaults, such as 1899-12-30) and not after the day of the build"
)
_RECORD_DATE = (
    f"the systems the extracts come from hold no record made before {EARLIEST_RECORD_DATE.year} (CIN, CP and "
    "LAC date from the Children Act 1989), and no record is dated after the day of the build"
)
_LIFE_DATE_COLUMNS = {("episodes", "date_of_birth"), ("crimes", "committed_date")}


def _date_window(extract: str, column: str) -> DateWindow:
    if (extract, column) in _LIFE_DATE_COLUMNS:
        return DateWindow(
            name="life_date_window",
            extract=extract,
            column=column,
            severity="error",
            earliest=EARLIEST_LIFE_DATE,
            reason=_LIFE_DATE,
        )
    return DateWindow(
        name="record_date_window",
        extract=extract,
        column=column,
        severity="error",
        earliest=EARLIEST_RECORD_DATE,
        reason=_RECORD_DATE,
    )


# The one note: a young adult may be referred, and the report shows such episodes rather than hiding them.
CHILD_AT_REFERRAL = AgeLimit(
    name="child_at_referral",
    extract="episodes",
    column="date_of_birth",
    severity="note",
    on="start_date",
    under=18,
    reason="a young adult of 18 to 24 may be referred (transitional safeguarding); such episodes are counted like "
    "any other, shown in the '18 or over' row or band of the age tables, and their number is in the data-quality part",
)

VALUE_RULES: tuple[ValueRule, ...] = (
    ValueRange(
        name="victim_age_range",
        extract="crimes",
        column="victim_age",
        severity="error",
        low=0,
        high=17,
        reason="the crimes extract holds offences against victims under 18 (the contract)",
    ),
    ValueRange(
        name="person_age_range",
        extract="crime_suspects",
        column="age_at_offence",
        severity="error",
        low=0,
        high=110,
        reason=_PERSON_AGE + "; a person linked to a crime against a child can be a child, "
        "even one under the age of criminal responsibility (outcome 11: suspect under age)",
    ),
    ValueRange(
        name="person_age_range",
        extract="suspect_management",
        column="age",
        severity="error",
        low=0,
        high=110,
        reason=_PERSON_AGE,
    ),
    *(
        _date_window(spec.name, column.name)
        for spec in EXTRACTS.values()
        for column in spec.columns
        if column.kind == "date"
    ),
    DateOrder(
        name="period_in_order",
        extract="episodes",
        column="end_date",
        severity="error",
        relation="before",
        other="start_date",
        reason="an episode closes after it opens (the contract)",
    ),
    DateOrder(
        name="period_in_order",
        extract="social_care_status",
        column="end_date",
        severity="error",
        relation="before",
        other="start_date",
        reason="a status period ends after it starts",
    ),
    DateOrder(
        name="born_before_referral",
        extract="episodes",
        column="date_of_birth",
        severity="error",
        relation="after",
        other="start_date",
        reason="a child is referred after being born",
    ),
    DateOrder(
        name="committed_before_recorded",
        extract="crimes",
        column="committed_date",
        severity="error",
        relation="after",
        other="recorded_date",
        reason="the police record an offence once it is reported, so after it was committed",
    ),
    AgeLimit(
        name="child_or_young_adult_at_referral",
        extract="episodes",
        column="date_of_birth",
        severity="error",
        on="start_date",
        under=25,
        reason="the hub works with children and, at most, young adults up to 25 (transitional "
        "safeguarding): 25 or more at referral means a wrong date of birth or start date",
    ),
    CHILD_AT_REFERRAL,
    OnePerPerson(
        name="one_birth_date_per_child",
        extract="episodes",
        column="date_of_birth",
        severity="error",
        person="child_id",
        reason="a child has one date of birth; with two, the child's age would depend on the episode read",
    ),
    NotLongBeforeBirth(
        name="status_not_before_birth",
        extract="social_care_status",
        column="start_date",
        severity="error",
        person="child_id",
        births="episodes",
        days=280,
        reason="a status period starts after birth, or at most a pregnancy (40 weeks) before it "
        "for an unborn child's plan",
    ),
)

IDENTIFIER_COLUMNS = ("episode_id", "child_id", "person_id", "occurrence_id", "crime_id")
BIRTH_DATE_COLUMNS = ("date_of_birth",)


@dataclass(frozen=True)
class SourceFile:
    """Provenance of one extract as read: for the manifest and the data sources part."""

    extract: str
    path: str
    sha256: str
    rows: int


@dataclass(frozen=True)
class Extracts:
    """Validated, typed frames of one data folder.

    Types: `id` and `code` and `text` columns are pandas strings (missing = NA); `date` columns are
    datetime64 with NaT for blank; `bool` is bool; `int` is nullable Int64. Codes hold the
    canonical spelling of the reference data. A blank `exploitation_type` is `CSE` and a blank
    `outcome` is `NEW`. An optional extract that is absent is None.
    """

    episodes: pd.DataFrame
    risk_assessments: pd.DataFrame
    social_care_status: pd.DataFrame | None
    crimes: pd.DataFrame | None
    crime_suspects: pd.DataFrame | None
    suspect_management: pd.DataFrame | None
    sources: tuple[SourceFile, ...]
    notes: tuple[str, ...] = ()  # things accepted with a remark (e.g. a Windows-1252 file)
    # How far the whole extract reaches (latest episode or assessment date), kept when the frames
    # are restricted to an area, so an area report covers the same months as the district's.
    extract_end: pd.Timestamp | None = None
