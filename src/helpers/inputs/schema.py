"""The input contract (../shared/spec/inputs.md) as data: extracts, their columns and the typed frames.

The loader validates files against these definitions and returns `Extracts`; the synthetic
generator writes files with exactly these columns. Frames keep the rows in file order
(a RangeIndex), which matters where the contract breaks ties by "the one listed last/first".
"""
from __future__ import annotations

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
        ExtractSpec("episodes", True, (
            Column("episode_id", "id", True, unique=True),
            Column("child_id", "id", True),
            Column("start_date", "date", True),
            Column("end_date", "date", False),
            Column("date_of_birth", "date", True),
            Column("gender", "code", True, codes="gender"),
            Column("ethnicity", "code", False, codes="ethnicity"),
            Column("ward_code", "code", False, codes="ward_code"),
            Column("exploitation_type", "code", False, codes="exploitation_type"),
        )),
        ExtractSpec("risk_assessments", True, (
            Column("episode_id", "id", True),
            Column("assessment_date", "date", True),
            Column("risk_level", "code", True, codes="risk_level"),
        )),
        ExtractSpec("social_care_status", False, (
            Column("child_id", "id", True),
            Column("status", "code", True, codes="social_care_status"),
            Column("start_date", "date", True),
            Column("end_date", "date", False),
        )),
        ExtractSpec("crimes", False, (
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
        )),
        ExtractSpec("crime_suspects", False, (
            Column("crime_id", "id", True),
            Column("person_id", "id", True),
            Column("age_at_offence", "int", False),
            Column("gender", "code", False, codes="gender"),
            Column("ethnicity", "code", False, codes="ethnicity"),
        )),
        ExtractSpec("suspect_management", False, (
            Column("occurrence_id", "id", True, unique=True),
            Column("person_id", "id", True),
            Column("created_date", "date", True),
            Column("status", "code", True, codes="management_status"),
            Column("risk_level", "code", False, codes="management_risk_level"),
            Column("age", "int", False),
            Column("gender", "code", False, codes="gender"),
            Column("ethnicity", "code", False, codes="ethnicity"),
        )),
    )
}

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
