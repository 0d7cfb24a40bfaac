"""Reference data shipped with the suite (data/reference/) and the code lists of the input contract."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths

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

    def broad_group(self, ethnicity: pd.Series) -> pd.Series:
        """Broad ethnic group of each detailed category; blank and unknown categories are Not recorded."""
        mapping = dict(zip(self.ethnicity["ethnicity"], self.ethnicity["broad_group"]))
        return ethnicity.map(mapping).fillna(NOT_RECORDED).astype(str)

    def census_share(self, age_band: str) -> pd.Series:
        """Population of each broad group in one census age band ('0-17', '18 and over', ...)."""
        rows = self.census_population[self.census_population["age_band"] == age_band]
        return rows.set_index("broad_group")["population"]


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> Reference:
    """Read every reference table; cached, as every section asks for them."""
    folder = folder or paths.reference_dir()
    wards = _read(folder, "wards.csv")
    wards["population_under_18"] = wards["population_under_18"].astype(int)
    census = _read(folder, "census_population.csv")
    census["population"] = census["population"].astype(int)
    census["pct_of_age_band"] = census["pct_of_age_band"].astype(float)
    return Reference(
        wards=wards,
        ethnicity=_read(folder, "ethnicity.csv"),
        census_population=census,
        crime_outcomes=_read(folder, "crime_outcomes.csv"),
    )
