"""The catalogue of bad inputs an analyst meets: each stops the build with a specific message and leaves outputs/ alone."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
import pytest

from helpers import synthetic
from helpers.build import run as build
from helpers.errors import InputError, ParameterError, ReportError
from helpers.inputs.loading import load_extracts
from helpers.params import resolve

Mutation = Callable[[Path], None]


@pytest.fixture(scope="module")
def valid_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("valid") / "data"
    synthetic.write(synthetic.generate(seed=5), folder, "cse")
    return folder


@pytest.fixture
def previous_report(tmp_path) -> Path:
    """An outputs folder holding an earlier report, which no failed build may touch."""
    out_root = tmp_path / "outputs"
    (out_root / "2015-16" / "tables").mkdir(parents=True)
    (out_root / "2015-16" / "report.html").write_text("the previous report")
    (out_root / "2015-16" / "tables" / "strategic_referrals_by_year.csv").write_text("previous,table\n")
    return out_root


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def set_cell(name: str, column: str, row: int, value: str) -> Mutation:
    """Change one cell; `row` counts data rows from 0, so the spreadsheet row is row + 2."""
    def mutate(folder: Path) -> None:
        frame = _read(folder, name)
        frame.loc[row, column] = value
        frame.to_csv(folder / name, index=False)
    return mutate


def copy_cell(name: str, column: str, source_row: int, row: int) -> Mutation:
    def mutate(folder: Path) -> None:
        frame = _read(folder, name)
        frame.loc[row, column] = frame.loc[source_row, column]
        frame.to_csv(folder / name, index=False)
    return mutate


def rewrite_header(name: str, old: str, new: str) -> Mutation:
    def mutate(folder: Path) -> None:
        lines = (folder / name).read_text().split("\n", 1)
        (folder / name).write_text(lines[0].replace(old, new, 1) + "\n" + lines[1])
    return mutate


def drop_column(name: str, column: str) -> Mutation:
    def mutate(folder: Path) -> None:
        _read(folder, name).drop(columns=column).to_csv(folder / name, index=False)
    return mutate


def data_on_second_sheet(folder: Path) -> None:
    frame = _read(folder, "episodes.csv")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Episodes")
    sheet.append(list(frame.columns))
    for row in frame.head(50).itertuples(index=False):
        sheet.append(list(row))
    book.save(folder / "episodes.xlsx")
    (folder / "episodes.csv").unlink()


CATALOGUE: list[tuple[str, Mutation, list[str]]] = [
    ("missing required file", lambda f: (f / "risk_assessments.csv").unlink(),
     ["risk_assessments", "required extract missing"]),
    ("empty file", lambda f: (f / "episodes.csv").write_text(""), ["episodes.csv", "no data rows", "empty"]),
    ("header only", lambda f: (f / "episodes.csv").write_text((f / "episodes.csv").read_text().split("\n")[0] + "\n"),
     ["episodes.csv", "no data rows", "only a header"]),
    ("missing column", drop_column("episodes.csv", "date_of_birth"), ["episodes.csv", "date_of_birth missing"]),
    ("duplicated column", rewrite_header("episodes.csv", "ethnicity", "gender"),
     ["episodes.csv", "column gender must appear once"]),
    ("misspelt column", rewrite_header("episodes.csv", "gender", "gendr"),
     ["episodes.csv", "column gender missing", "'gendr' for gender"]),
    ("duplicated episode_id", copy_cell("episodes.csv", "episode_id", 4, 5),
     ["episodes.csv, rows 6, 7", "episode_id must be unique"]),
    ("duplicated crime_id", copy_cell("crimes.csv", "crime_id", 4, 5), ["crimes.csv, rows 6, 7", "crime_id must be unique"]),
    ("unparseable date", set_cell("episodes.csv", "start_date", 3, "2015-13-45"),
     ["episodes.csv, row 5", "start_date", "YYYY-MM-DD", "'2015-13-45'"]),
    ("US-style date", set_cell("episodes.csv", "start_date", 3, "03/29/2016"),
     ["episodes.csv, row 5", "start_date", "UK or US date", "'03/29/2016'"]),
    ("Excel serial date", set_cell("episodes.csv", "start_date", 3, "42458"),
     ["episodes.csv, row 5", "start_date", "Excel serial date"]),
    ("end before start", set_cell("episodes.csv", "end_date", 3, "2000-01-01"),
     ["episodes.csv, row 5", "end_date must not be before start_date"]),
    ("assessment before its episode", set_cell("risk_assessments.csv", "assessment_date", 3, "2000-01-01"),
     ["risk_assessments.csv, row 5", "assessment_date must not be before its episode's start_date"]),
    ("assessment for an unknown episode", set_cell("risk_assessments.csv", "episode_id", 3, "E9999999"),
     ["risk_assessments.csv, row 5", "episode_id must be listed in episodes.csv"]),
    ("unknown risk level", set_cell("risk_assessments.csv", "risk_level", 3, "Significant"),
     ["risk_assessments.csv, row 5", "risk_level must be one of High, Medium, Low, No CSE Risk", "cse risk scale"]),
    ("unknown ward code", set_cell("episodes.csv", "ward_code", 3, "E05999999"),
     ["episodes.csv, row 5", "ward_code", "wards.csv", "'E05999999'"]),
    ("unknown ethnicity", set_cell("episodes.csv", "ethnicity", 3, "Martian"),
     ["episodes.csv, row 5", "ethnicity", "ethnicity.csv", "'Martian'"]),
    ("unknown gender", set_cell("episodes.csv", "gender", 3, "F"),
     ["episodes.csv, row 5", "gender must be one of Female, Male, Other, Unknown", "'F'"]),
    ("unknown outcome", set_cell("crimes.csv", "outcome", 3, "99 SOMETHING ELSE"),
     ["crimes.csv, row 5", "outcome", "crime_outcomes.csv", "'99 SOMETHING ELSE'"]),
    ("victim aged 18", set_cell("crimes.csv", "victim_age", 3, "18"), ["crimes.csv, row 5", "victim_age", "0 to 17"]),
    ("non-numeric age", set_cell("crimes.csv", "victim_age", 3, "fifteen"),
     ["crimes.csv, row 5", "victim_age must be a whole number", "'fifteen'"]),
    ("birth after start", set_cell("episodes.csv", "date_of_birth", 3, "2030-01-01"),
     ["episodes.csv, row 5", "date_of_birth must not be after start_date"]),
    ("suspect for an unknown crime", set_cell("crime_suspects.csv", "crime_id", 3, "CR9999999"),
     ["crime_suspects.csv, row 5", "crime_id must be listed in crimes.csv"]),
    ("data on a second sheet", data_on_second_sheet, ["episodes.xlsx", "first sheet"]),
]


@pytest.mark.parametrize("mutate, expected", [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_bad_extract_stops_the_build_with_a_specific_message(mutate, expected, valid_folder, previous_report, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    mutate(data)
    with pytest.raises(InputError) as raised:
        build.build(resolve("2015-16", overrides={"data_dir": str(data)}), previous_report)
    for fragment in expected:
        assert fragment in str(raised.value)
    _assert_untouched(previous_report)


def _assert_untouched(out_root: Path) -> None:
    assert sorted(p.name for p in out_root.iterdir() if not p.name.startswith(".lock")) == ["2015-16"]
    assert (out_root / "2015-16" / "report.html").read_text() == "the previous report"
    assert (out_root / "2015-16" / "tables" / "strategic_referrals_by_year.csv").read_text() == "previous,table\n"


def test_a_data_folder_that_does_not_exist(previous_report, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        build.build(resolve("2015-16", overrides={"data_dir": str(tmp_path / "nowhere")}), previous_report)
    _assert_untouched(previous_report)


def test_a_reporting_year_with_no_data(valid_folder, previous_report):
    with pytest.raises(InputError, match="no record dated in the reporting year 2030-31"):
        build.build(resolve("2030-31", overrides={"data_dir": str(valid_folder)}), previous_report)
    _assert_untouched(previous_report)


@pytest.mark.parametrize("year, overrides, message", [
    ("2015/16", {}, "YYYY-YY"),
    ("2015-16", {"snapshot_date": "2016-04-30"}, "outside the reporting year"),
])
def test_bad_parameters_stop_before_anything_is_read(year, overrides, message):
    with pytest.raises(ParameterError, match=message):
        resolve(year, overrides=overrides)


@pytest.mark.parametrize("encode, note", [
    (lambda text: text.encode("cp1252"), "Windows-1252"),
    (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "byte-order mark"),
])
def test_files_as_excel_writes_them_are_read_with_a_note(encode, note, valid_folder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    crimes = _read(data, "crimes.csv")
    crimes.loc[0, "offence_description"] = "Sexual grooming – online"  # an en dash: 0x96 in Windows-1252
    (data / "crimes.csv").write_bytes(encode(crimes.to_csv(index=False)))
    extracts = load_extracts(data, "cse")
    assert extracts.crimes.loc[0, "offence_description"] == "Sexual grooming – online"
    assert any(note in n and "crimes.csv" in n for n in extracts.notes)


def test_an_unknown_area_lists_the_valid_ones(valid_folder, previous_report):
    with pytest.raises(ReportError, match="Bradford East, Bradford South, Bradford West, Keighley, Shipley"):
        build.build(resolve("2015-16", overrides={"data_dir": str(valid_folder), "area": "Leeds"}), previous_report)
    _assert_untouched(previous_report)
