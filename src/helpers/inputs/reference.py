"""Reference data shipped with the suite (data/reference/) and the code lists of the input contract."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import InputError, ParameterError

RISK_SCALES: dict[str, tuple[str, ...]] = {
    "cse": ("High", "Medium", "Low", "No CSE Risk"),
    "ce": ("Significant", "Moderate", "Emerging", "No Risk"),
}
NOT_SET = "Not set"
GENDERS = ("Female", "Male", "Other", "Unknown")
EXPLOITATION_TYPES = ("CSE", "CCE", "Missing", "Other")
SOCIAL_CARE_STATUSES = ("CIN", "CP", "LAC")
MANAGEMENT_STATUSES = ("Under investigation", "Closed")
MANAGEMENT_RISK_LEVELS = ("High", "Medium", "Low", "Unsubstantiated")
OUT_OF_AREA = "OUT_OF_AREA"
OUTSIDE_DISTRICT = "OUTSIDE_DISTRICT"
BROAD_GROUPS = ("White", "Asian", "Mixed", "Black", "Other", "Not recorded")
NOT_RECORDED = "Not recorded"
OUTCOME_STATUSES = ("Under investigation", "Finalised", "No crime / cancelled")


def _name_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def canonical_name(text: object, names: Iterable[str], what: str, kind: str) -> str:
    """`names`' own spelling of `text`, matched ignoring case and spacing, so the report shows the reference's
    spelling; an unknown name is a ParameterError listing the valid ones, with the closest (difflib) first."""
    spelled = {_name_key(name): name for name in names}
    key = _name_key(str(text))
    if key in spelled:
        return spelled[key]
    close = difflib.get_close_matches(key, list(spelled), n=1)
    hint = f"; did you mean {spelled[close[0]]!r}?" if close else ""
    raise ParameterError(f"{what} {str(text).strip()!r} is not {kind}; use one of: {', '.join(spelled.values())}{hint}")


def canonical_risk_scale(text: object) -> str:
    return canonical_name(text, RISK_SCALES, "risk_scale", "a risk scale")


def snake_case(label: str) -> str:
    """`No CSE Risk` -> `no_cse_risk`: the form a label takes inside a figure key."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


@dataclass(frozen=True)
class Reference:
    """The reference tables, as read from data/reference/ (see its README for sources)."""

    wards: pd.DataFrame  # ward_code, ward_name, constituency, population_under_18
    ethnicity: pd.DataFrame  # ethnicity, broad_group
    census_population: pd.DataFrame  # age_band, broad_group, population, pct_of_age_band
    crime_outcomes: pd.DataFrame  # outcome, status, outcome_type, wording

    @property
    def constituencies(self) -> list[str]:
        return sorted(self.wards["constituency"].unique())

    def constituency_named(self, text: object) -> str:
        """The reference's spelling of an area given by a user (`bradford south` -> `Bradford South`)."""
        return canonical_name(text, self.constituencies, "area", "a constituency of the district")

    def broad_group(self, ethnicity: pd.Series) -> pd.Series:
        """Broad ethnic group of each detailed category; blank and unknown categories are Not recorded."""
        mapping = dict(zip(self.ethnicity["ethnicity"], self.ethnicity["broad_group"]))
        return ethnicity.map(mapping).fillna(NOT_RECORDED).astype(str)

    def census_share(self, age_band: str) -> pd.Series:
        """Population of each broad group in one census age band ('0-17', '18 and over', ...)."""
        rows = self.census_population[self.census_population["age_band"] == age_band]
        return rows.set_index("broad_group")["population"]


def _read(folder: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """One reference table as text; a file missing, unreadable or short of a column is an InputError."""
    try:
        table = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"reference data {name} is missing from {folder}: restore it from the repository") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"reference data {name} in {folder} cannot be read: {error}") from None
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise InputError(
            f"reference data {name}: column {', '.join(missing)} missing; its header must name {', '.join(columns)}"
        )
    return table


def _numbers(table: pd.DataFrame, name: str, column: str, kind: type) -> pd.Series:
    """A column of numbers; a cell that is not one is an InputError naming its spreadsheet row."""
    numbers = pd.to_numeric(table[column], errors="coerce")
    if kind is int:
        numbers = numbers.where(numbers.mod(1).eq(0))
    bad = [number + 2 for number in numbers.index[numbers.isna()]]
    if bad:
        noun = "a whole number" if kind is int else "a number"
        rows = f"row {bad[0]}" if len(bad) == 1 else f"rows {', '.join(map(str, bad[:5]))}"
        raise InputError(f"reference data {name}, {rows}: column {column} must be {noun}")
    return numbers.astype(kind)


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> Reference:
    """Read every reference table; cached, as every section asks for them."""
    folder = folder or paths.reference_dir()
    wards = _read(folder, "wards.csv", ("ward_code", "ward_name", "constituency", "population_under_18"))
    wards["population_under_18"] = _numbers(wards, "wards.csv", "population_under_18", int)
    census = _read(folder, "census_population.csv", ("age_band", "broad_group", "population", "pct_of_age_band"))
    census["population"] = _numbers(census, "census_population.csv", "population", int)
    census["pct_of_age_band"] = _numbers(census, "census_population.csv", "pct_of_age_band", float)
    return Reference(
        wards=wards,
        ethnicity=_read(folder, "ethnicity.csv", ("ethnicity", "broad_group")),
        census_population=census,
        crime_outcomes=_read(folder, "crime_outcomes.csv", ("outcome", "status")),
    )
