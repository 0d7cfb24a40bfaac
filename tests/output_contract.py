"""The output contract of a report folder (docs/measures.md, "Output layout"), as other tools rely on it.

Checks the interface, not the values: the files of the layout, every figure key and table each rendered section
must publish, the value types of figures.json, the provenance and audit in manifest.json, that report.html needs
no network and shows no code, and that a publishable build publishes no count from 1 to 9 among the figures the
sections declare as counts. `problems(folder)` lists what is wrong; an empty list is a pass.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

LAYOUT = (
    "report.html",
    "technical.html",
    "figures.json",
    "manifest.json",
    "headlines.md",
    "report.pdf",
    "tables.xlsx",
    "tidy/published_values.csv",
    "tidy/metadata.json",
    "changes.md",
    "changes.html",
    "build.log",
)
KEYS = {
    "strategic": [
        "episodes_in_year",
        "open_at_start",
        "new_referrals",
        "monthly_average_referrals",
        "no_risk_at_referral",
        "no_risk_at_referral_pct",
        "children",
        "children_referred_more_than_once",
        "male_children_pct",
        "peak_age_female",
        "peak_age_male",
        "new_referrals_change_pct",
    ],
    "tactical": [
        "open_cases",
        "male_pct",
        "followup_unchanged_pct",
        "followup_decreased_pct",
        "followup_increased_pct",
        "followup_closed",
        "never_cin_cp_lac",
        "current_cin_cp_lac_pct",
        "out_of_area_pct",
        "location_not_recorded_pct",
    ],
    "crimes": [
        "child_sexual_offences",
        "cse_crimes",
        "cse_pct",
        "under_investigation",
        "under_investigation_pct",
        "finalised",
        "finalised_pct",
        "with_suspect",
        "with_suspect_pct",
        "suspect_links",
        "with_multiple_suspects",
        "victims_male_pct",
        "non_recent",
        "non_recent_pct",
        "non_recent_before_cutoff",
        "non_recent_before_cutoff_pct",
        "earliest_committed_year",
        "cse_crimes_change_pct",
    ],
    "suspects": [
        "offenders.links",
        "offenders.persons",
        "offenders.under_18_pct",
        "offenders.under_25_pct",
        "offenders.under_36_pct",
        "offenders.female",
        "offenders.female_pct",
        "offenders.ethnicity_not_recorded_pct",
        "management.occurrences",
        "management.under_investigation",
        "management.aged_35_or_under_pct",
        "management.over_45_pct",
        "management.under_18_pct",
        "management.female",
        "management.female_pct",
        "management.asian_pct",
        "management.white_pct",
        "management.ethnicity_not_recorded_pct",
    ],
    "wards": ["district_rate_per_10k"],
}
TABLES = {
    "strategic": ["strategic_referrals_by_year", "strategic_referrals_by_quarter", "strategic_age_by_gender"],
    "tactical": [
        "tactical_risk_levels",
        "tactical_risk_by_gender",
        "tactical_ethnicity",
        "tactical_constituency",
        "tactical_wards",
    ],
    "crimes": ["crimes_outcomes", "crimes_suspects_per_crime", "crimes_location", "crimes_committed_by_decade"],
    "suspects": [
        "offenders_age_bands",
        "offenders_victim_age_by_offender_age",
        "offenders_ethnicity",
        "management_risk_levels",
        "management_age_bands",
        "management_ethnicity",
    ],
    "wards": [
        "wards_rates",
        "wards_monthly_by_risk",
        "wards_monthly_by_age_band",
        "wards_monthly_by_gender",
        "wards_monthly_by_ethnicity",
    ],
}
WARDS_RATES = [
    "ward_code",
    "ward_name",
    "average_at_risk",
    "population_under_18",
    "rate_per_10k",
    "lower_95",
    "upper_95",
    "lower_99_8",
    "upper_99_8",
    "compared_with_district",
]
SCALES = {
    "cse": ["high", "medium", "low", "no_cse_risk", "not_set"],
    "ce": ["significant", "moderate", "emerging", "no_risk", "not_set"],
}
NETWORK = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)
CODE = ("jp-InputArea-editor", "jp-CodeMirrorEditor", 'class="input_area"', "highlight-ipython3")


def _key(section: str, name: str) -> str:
    return name if "." in name else f"{section}.{name}"


def problems(folder: Path, count_keys: list[str]) -> list[str]:
    found: list[str] = [f"{name} is missing" for name in LAYOUT if not (folder / name).is_file()]
    page = (folder / "report.html").read_text(encoding="utf-8") if (folder / "report.html").is_file() else ""
    if NETWORK.search(page):
        found.append("report.html fetches something from the network")
    found += [f"report.html shows code ({mark})" for mark in CODE if mark in page]
    notebooks = sorted(p.name for p in (folder / "sections").glob("*.ipynb"))
    for name in notebooks:
        if (
            not re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name)
            or not (folder / "sections" / name).with_suffix(".html").is_file()
        ):
            found.append(f"sections/{name} is not NN_<section>.ipynb with its .html beside it")
    figures = json.loads((folder / "figures.json").read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rendered = [section for section in KEYS if any(section in name for name in notebooks)]
    for section in rendered:
        keys = [_key(section, name) for name in KEYS[section]]
        if section == "tactical":
            scale = manifest["parameters"]["risk_scale"]
            keys += [f"tactical.risk_{level}{end}" for level in SCALES[scale] for end in ("", "_pct")]
        found += [f"figures.json lacks {key}" for key in keys if key not in figures]
        for table in TABLES[section]:
            path = folder / "tables" / f"{table}.csv"
            if not path.is_file():
                found.append(f"tables/{table}.csv is missing")
                continue
            rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
            if len(rows) < 2 or len({len(r) for r in rows}) > 1:
                found.append(f"tables/{table}.csv has no data row, or rows of different lengths")
            elif table == "wards_rates" and rows[0] != WARDS_RATES:
                found.append(f"tables/wards_rates.csv header is {rows[0]}")
    for key, value in figures.items():
        if not (value is None or (isinstance(value, (int, float, str)) and not isinstance(value, bool))):
            found.append(f"figures.json {key}: {type(value).__name__} is not a number, null or a text")
        elif key.endswith("_pct") and isinstance(value, float) and round(value, 1) != value:
            found.append(f"figures.json {key}: {value} has more than one decimal place")
    threshold = manifest["suppression_threshold"]
    for key in count_keys:
        value = figures.get(key)
        if isinstance(value, int) and 1 <= value < threshold:
            found.append(f"figures.json {key}: the count {value} is below the threshold {threshold}")
    for field in (
        "parameters",
        "inputs",
        "git_commit",
        "package_versions",
        "start_time",
        "end_time",
        "suite_version",
        "disclosure_audit",
    ):
        if field not in manifest:
            found.append(f"manifest.json lacks {field}")
    if not all(re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]) for entry in manifest.get("inputs", [])):
        found.append("manifest.json names an input without its sha256")
    return found
