"""What the tests share: one frame builder that types hand-made rows as the loader types an extract, the
hand-made year of crimes, offenders and suspect management that the crimes and suspects tests work out by
hand, the report folders of the publication pack's tests, and the rule that everything under e2e/ is an
end-to-end test (`make test-fast` leaves those out)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from helpers import synthetic
from helpers.build import report
from helpers.build import run as build
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import EXTRACTS, Extracts
from helpers.inputs.scope import ScopeData, year_scopes
from helpers.params import Params, resolve
from pack_folders import write_folder

E2E = Path(__file__).parent / "e2e"
REFERENCE = load_reference()
_PANDAS_TYPES = {"id": "string", "code": "string", "text": "string", "int": "Int64", "bool": bool}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


EPISODE_COLUMNS = [column.name for column in EXTRACTS["episodes"].columns]  # the contract's order


def frame(rows: list[tuple], columns: list[str], extract: str | None = None) -> pd.DataFrame:
    """Rows as a frame, dates parsed; with `extract`, every column typed as the loader types that extract's."""
    data = pd.DataFrame(rows, columns=columns)
    kinds = {c.name: c.kind for c in EXTRACTS[extract].columns} if extract else {}
    for column in columns:
        kind = kinds.get(column, "date" if column.endswith("date") or column == "date_of_birth" else None)
        if kind == "date":
            data[column] = pd.to_datetime(data[column])
        elif kind is not None:
            data[column] = data[column].astype(_PANDAS_TYPES[kind])
    return data


def crime_frame(rows: list[tuple]) -> pd.DataFrame:
    return frame(
        rows,
        [
            "crime_id",
            "recorded_date",
            "committed_date",
            "cse_flag",
            "victim_age",
            "victim_gender",
            "outcome",
            "location_ward_code",
        ],
        "crimes",
    )


def suspect_frame(rows: list[tuple]) -> pd.DataFrame:
    return frame(rows, ["crime_id", "person_id", "age_at_offence", "gender", "ethnicity"], "crime_suspects")


def management_frame(rows: list[tuple]) -> pd.DataFrame:
    return frame(
        rows,
        ["occurrence_id", "person_id", "created_date", "status", "risk_level", "age", "gender", "ethnicity"],
        "suspect_management",
    )


def extracts(
    crimes_frame: pd.DataFrame | None,
    suspects_frame: pd.DataFrame | None = None,
    management: pd.DataFrame | None = None,
) -> Extracts:
    """Extracts holding only crimes (and persons linked to them, and suspect management)."""
    episodes = frame([], ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender", "ward_code"])
    assessments = frame([], ["episode_id", "assessment_date", "risk_level"])
    return Extracts(episodes, assessments, None, crimes_frame, suspects_frame, management, ())


def report_params(**values: object) -> Params:
    return Params.from_mapping({"reporting_year": "2015-16", **values})


def publish_year(data: Extracts, sections: tuple, threshold: int = 10, areas: bool = True, **params: object):
    """Every report of the year (the district and, with `areas`, the five areas) through the engine."""
    resolved = report_params(suppression_threshold=threshold, **params)
    scopes = (
        year_scopes(resolved, data, REFERENCE, resolved.period)
        if areas
        else [ScopeData(resolved, data, data, REFERENCE, resolved.period)]
    )
    reports = [Report(scope.area or DISTRICT, [module.publication(scope) for module in sections]) for scope in scopes]
    return publish(reports, threshold, resolved.protection_range)


# The hand-made crimes year: C is the crime period 2015/16, the non-recent cut-off 1 January 2014.
BAILDON, BOLTON, BOWLING = "E05001341", "E05001344", "E05001351"  # Shipley, Bradford East, Bradford South
CRIMES = crime_frame(
    [
        # K1: committed in C, under investigation, in Baildon (Shipley).
        ("K1", "2015-05-01", "2015-04-20", True, 14, "Female", "NEW", BAILDON),
        # K2: no committed date (neither non-recent nor recent), charged, outside the district, male victim.
        ("K2", "2015-06-01", None, True, 15, "Male", "1A CHARGED", "OUTSIDE_DISTRICT"),
        # K3: committed before C but after the cut-off, no crime, location and victim age not known.
        ("K3", "2015-07-01", "2014-06-01", True, None, "Female", "NB NO CRIME", None),
        # K4: recorded on C's last day, committed in 1958 (before the cut-off), in Bolton and Undercliffe.
        ("K4", "2016-03-31", "1958-03-01", True, 12, None, "18 NO SUSPECT ID - INVESTIGATION COMPLETE", BOLTON),
        # K5: not CSE-tagged: a child sexual offence only.
        ("K5", "2015-08-01", "2015-07-01", False, 13, "Female", "NEW", BAILDON),
        # K6: recorded the day after C ends.
        ("K6", "2016-04-01", "2016-03-01", True, 16, "Female", "NEW", BAILDON),
        # K7, K8: CSE crimes of the previous period (1 April 2014 - 31 March 2015), its first and last days.
        ("K7", "2014-04-01", "2014-03-01", True, 16, "Female", "NEW", BAILDON),
        ("K8", "2015-03-31", "2015-03-01", True, 16, "Female", "NEW", BAILDON),
    ]
)
SUSPECTS = suspect_frame(
    [
        ("K1", "P1", 16, "Male", "White - British"),
        ("K1", "P1", 16, "Male", "White - British"),  # listed twice on one crime: one link
        ("K1", "P2", 24, "Female", "Asian/British Asian - Pakistani"),
        # K2: seven persons.
        ("K2", "P3", 17, "Male", "Gypsy/Roma"),
        ("K2", "P4", 18, "Male", "Information Not Yet Obtained"),
        ("K2", "P5", 25, "Female", None),
        ("K2", "P6", 35, "Male", "Mixed - White/Asian"),
        ("K2", "P7", 36, "Male", "Black/Black British - African"),
        ("K2", "P8", 46, "Male", "White - Eastern European"),
        ("K2", "P9", None, None, "Asian/British Asian - Indian"),
        ("K4", "P1", None, "Male", "White - British"),  # P1 again, on another crime: a second link
        ("K5", "P10", 30, "Male", "White - British"),  # not a CSE crime
        ("K6", "P11", 30, "Male", "White - British"),  # recorded after C
    ]
)
# Suspect management occurrences; S is the suspect period, July 2015 to June 2016.
S = (dt.date(2015, 7, 1), dt.date(2016, 6, 30))
MANAGEMENT = management_frame(
    [
        ("M1", "Q1", "2015-07-01", "Under investigation", "High", 17, "Female", "Asian/British Asian - Pakistani"),
        ("M2", "Q2", "2016-06-30", "Closed", None, 35, "Male", "White - British"),
        ("M3", "Q1", "2015-12-01", "Under investigation", "Low", None, "Male", None),  # age unknown; Q1 again
        ("M4", "Q3", "2016-01-01", "Under investigation", "Medium", 46, "Male", "Asian/British Asian - Bangladeshi"),
        ("M5", "Q4", "2015-06-30", "Under investigation", "High", 20, "Male", "White - British"),  # before S
        ("M6", "Q5", "2016-07-01", "Closed", "High", 20, "Female", "White - British"),  # after S
    ]
)


@pytest.fixture
def report_folder(tmp_path) -> Path:
    """A hand-made report folder (pack_folders) for the publication pack's tests."""
    return write_folder(tmp_path / "report")


@pytest.fixture(scope="session")
def rendered_report(tmp_path_factory) -> tuple[Path, str]:
    """The real 2015-16 district report, rendered once from seeded synthetic data: (folder, title)."""
    data = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=7), data, "cse")
    params = resolve("2015-16", overrides={"data_dir": str(data)})
    return build.build(params, tmp_path_factory.mktemp("outputs")), report.report_title(params)
