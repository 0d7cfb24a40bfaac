"""The input contract as a Frictionless data package (data/contract/): never drifts from the loader's
definitions, accepts the synthetic extracts and rejects the loader's bad inputs that a Table Schema can
express.

The bad inputs are the loader's own catalogue cases (tests/bad_extracts.py), applied to a copy of
data/synthetic. The catalogue cases left out are the ones a Table Schema cannot express: an empty or
header-only file, data on a second sheet, dates in the wrong order (end before start, birth after
start, an assessment before its episode) and a risk level of the other scale.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package, Resource, Schema

from bad_extracts import CATALOGUE, set_cell
from helpers import contract, paths
from helpers.inputs.schema import EXTRACTS

CONTRACT_DIR = paths.project_root() / "data" / "contract"
SYNTHETIC_FOLDERS = ("data/synthetic", "data/synthetic/ce")
CATALOGUE_MUTATIONS = {name: mutate for name, mutate, _ in CATALOGUE}

Error = tuple[int | None, str | None, str]  # spreadsheet row (None: the header), field, frictionless error type


def synthetic_folder(folder: str) -> Path:
    """A folder written by `make data`; its absence fails the test rather than skipping it."""
    path = paths.project_root() / folder
    assert (path / "generated.json").is_file(), f"{path} holds no synthetic extracts: run `make data` first"
    return path


def schema_of(extract: str) -> Schema:
    # Read as a dict: frictionless refuses a schema given by an absolute path as unsafe.
    return Schema.from_descriptor(json.loads((CONTRACT_DIR / f"{extract}.schema.json").read_text()))


def errors_of_file(folder: Path, extract: str) -> set[Error]:
    """What `frictionless validate --schema data/contract/<extract>.schema.json <extract>.csv` reports."""
    report = Resource(f"{extract}.csv", basepath=str(folder), schema=schema_of(extract)).validate()
    return {tuple(error) for error in report.flatten(["rowNumber", "fieldName", "type"])}


def errors_of_package(folder: Path) -> dict[str, set[Error]]:
    """What `frictionless validate datapackage.json` reports in a folder of extracts, per extract."""
    shutil.copy(CONTRACT_DIR / "datapackage.json", folder)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.stats["tasks"] == len(EXTRACTS)
    return {
        task.name: {tuple(error) for error in task.flatten(["rowNumber", "fieldName", "type"])} for task in report.tasks
    }


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    """A copy of the synthetic extracts, for one bad input at a time."""
    folder = tmp_path / "data"
    shutil.copytree(synthetic_folder("data/synthetic"), folder)
    return folder


def test_the_committed_contract_is_what_the_generator_writes():
    committed = {path.name: path.read_text(encoding="utf-8") for path in CONTRACT_DIR.iterdir()}
    assert committed == contract.contract_files(), "run `python -m helpers.contract --out data/contract`"


def test_every_descriptor_is_valid_frictionless_metadata():
    for extract in EXTRACTS:
        report = Schema.validate_descriptor(json.loads((CONTRACT_DIR / f"{extract}.schema.json").read_text()))
        assert report.valid, report.flatten(["type", "note"])
    report = Package.validate_descriptor(json.loads((CONTRACT_DIR / "datapackage.json").read_text()))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("folder", SYNTHETIC_FOLDERS)
@pytest.mark.parametrize("extract", EXTRACTS)
def test_each_synthetic_extract_passes_its_schema(folder, extract):
    assert errors_of_file(synthetic_folder(folder), extract) == set()


@pytest.mark.parametrize("folder", SYNTHETIC_FOLDERS)
def test_a_synthetic_folder_passes_the_data_package(folder, tmp_path):
    copy = tmp_path / "extracts"
    shutil.copytree(synthetic_folder(folder), copy, ignore=shutil.ignore_patterns("ce"))
    assert errors_of_package(copy) == {extract: set() for extract in EXTRACTS}


def catalogue_case(name: str, extract: str, errors: set[Error]):
    return pytest.param(CATALOGUE_MUTATIONS[name], extract, errors, id=name)


def own_case(name: str, mutate, extract: str, errors: set[Error]):
    return pytest.param(mutate, extract, errors, id=name)


# Rows are spreadsheet rows, as the loader names them: a catalogue mutation of data row 3 is row 5.
BAD_VALUES = [
    catalogue_case("duplicated episode_id", "episodes", {(7, "episode_id", "unique-error"), (7, None, "primary-key")}),
    catalogue_case("duplicated crime_id", "crimes", {(7, "crime_id", "unique-error"), (7, None, "primary-key")}),
    own_case(
        "blank child_id", set_cell("episodes.csv", "child_id", 3, ""), "episodes", {(5, "child_id", "constraint-error")}
    ),
    own_case(
        "blank recorded_date",
        set_cell("crimes.csv", "recorded_date", 3, ""),
        "crimes",
        {(5, "recorded_date", "constraint-error")},
    ),
    catalogue_case("unparseable date", "episodes", {(5, "start_date", "type-error")}),
    catalogue_case("US-style date", "episodes", {(5, "start_date", "type-error")}),
    catalogue_case("Excel serial date", "episodes", {(5, "start_date", "type-error")}),
    catalogue_case("unknown gender", "episodes", {(5, "gender", "constraint-error")}),
    catalogue_case("unknown ethnicity", "episodes", {(5, "ethnicity", "constraint-error")}),
    catalogue_case("unknown ward code", "episodes", {(5, "ward_code", "constraint-error")}),
    catalogue_case("unknown outcome", "crimes", {(5, "outcome", "constraint-error")}),
    own_case(
        "cse_flag maybe", set_cell("crimes.csv", "cse_flag", 3, "maybe"), "crimes", {(5, "cse_flag", "type-error")}
    ),
    catalogue_case("victim aged 18", "crimes", {(5, "victim_age", "constraint-error")}),
    own_case(
        "victim aged 25",
        set_cell("crimes.csv", "victim_age", 3, "25"),
        "crimes",
        {(5, "victim_age", "constraint-error")},
    ),
    catalogue_case("non-numeric age", "crimes", {(5, "victim_age", "type-error")}),
]


@pytest.mark.parametrize(("mutate", "extract", "expected"), BAD_VALUES)
def test_a_schema_rejects_a_bad_value_exactly_where_the_loader_does(mutate, extract, expected, bad_folder):
    mutate(bad_folder)
    assert errors_of_file(bad_folder, extract) == expected


# Header errors only: once a column is missing, frictionless reads the cells after it by position,
# so those fail too, row by row.
BAD_HEADERS = [
    catalogue_case(
        "missing column",
        "episodes",
        {
            (None, "date_of_birth", "incorrect-label"),
            (None, "gender", "incorrect-label"),
            (None, "ethnicity", "incorrect-label"),
            (None, "ward_code", "incorrect-label"),
            (None, "exploitation_type", "missing-label"),
        },
    ),
    catalogue_case("duplicated column", "episodes", {(None, "ethnicity", "duplicate-label")}),
    catalogue_case("misspelt column", "episodes", {(None, "gender", "incorrect-label")}),
]


@pytest.mark.parametrize(("mutate", "extract", "expected"), BAD_HEADERS)
def test_a_schema_rejects_a_bad_header(mutate, extract, expected, bad_folder):
    mutate(bad_folder)
    assert {error for error in errors_of_file(bad_folder, extract) if error[0] is None} == expected


BAD_LINKS = [
    catalogue_case("assessment for an unknown episode", "risk_assessments", {(5, None, "foreign-key")}),
    catalogue_case("suspect for an unknown crime", "crime_suspects", {(5, None, "foreign-key")}),
]


@pytest.mark.parametrize(("mutate", "extract", "expected"), BAD_LINKS)
def test_the_data_package_rejects_a_row_that_points_at_nothing(mutate, extract, expected, bad_folder):
    mutate(bad_folder)
    errors = errors_of_package(bad_folder)
    assert errors == {name: expected if name == extract else set() for name in EXTRACTS}
