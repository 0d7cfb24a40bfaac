"""Tests of the loader: a valid folder loads typed and canonical; every contract rule rejects a hand-made bad file."""
from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers.errors import InputError, ParameterError
from helpers.loading import MAX_PROBLEMS, code_lists, load_extracts
from helpers.reference import load_reference
from helpers.schema import EXTRACTS

# One valid extract per contract file; codes deliberately written in odd case and spacing.
VALID: dict[str, str] = {
    "episodes": (
        "episode_id,child_id,start_date,end_date,date_of_birth,gender,ethnicity,ward_code,exploitation_type,notes\n"
        "E001,C001,2015-04-02,2015-06-30,2001-05-17, female,white - british,E05001341,,free text\n"
        "E002,C002,2015-05-10,,2003-01-09,Male,Asian/British Asian - Pakistani,out_of_area,cce,\n"
        "E003,C001,2015-09-01,,2001-05-17,FEMALE,,,,\n"
    ),
    "risk_assessments": (
        "episode_id,assessment_date,risk_level\n"
        "E001,2015-04-02,high\n"
        "E001,2015-05-01,Medium\n"
        "E002,2015-05-10,no cse risk\n"
        "E003,2015-09-01,Low\n"
    ),
    "social_care_status": (
        "child_id,status,start_date,end_date\n"
        "C001,cp,2015-01-01,2015-12-31\n"
        "C002,LAC,2015-06-01,\n"
    ),
    "crimes": (
        "crime_id,recorded_date,committed_date,offence_code,offence_description,cse_flag,victim_age,"
        "victim_gender,outcome,location_ward_code\n"
        '0042,2015-06-01,2014-12-01,19C,"Rape of a female child under 16, penetration",Y,15.0,Female,'
        "15A POLICE DECISION - SUSPECT ID - EVIDENTIAL DIFFICULTIES,e05001342\n"
        "0043,2015-07-01,,22A,Sexual activity,no,,,,OUTSIDE_DISTRICT\n"
        "0044,2015-08-01,2015-07-30,,,TRUE,14,male,1: charged,\n"
    ),
    "crime_suspects": (
        "crime_id,person_id,age_at_offence,gender,ethnicity\n"
        "0042,P01,34,Male,White - British\n"
        "0042,P01,34,Male,White - British\n"
        "0044,P02,,,\n"
    ),
    "suspect_management": (
        "occurrence_id,person_id,created_date,status,risk_level,age,gender,ethnicity\n"
        "SM1,P01,2015-07-15,under investigation,High,34,Male,\n"
        "SM2,P03,2015-09-01,Closed,,,,\n"
    ),
}


def make_folder(root: Path, omit: tuple[str, ...] = (), **files: str) -> Path:
    """A data folder with every valid extract as CSV, except those omitted or replaced by `files`."""
    folder = root / "data"
    folder.mkdir(exist_ok=True)
    for extract, text in VALID.items():
        if extract not in omit:
            (folder / f"{extract}.csv").write_text(files.get(extract, text), encoding="utf-8")
    return folder


def edited(extract: str, old: str, new: str) -> str:
    """The valid text of an extract with its first `old` replaced by `new`."""
    assert old in VALID[extract]
    return VALID[extract].replace(old, new, 1)


def with_rows(extract: str, *rows: str) -> str:
    return VALID[extract] + "".join(f"{row}\n" for row in rows)


def load(folder: Path, **options: object) -> object:
    return load_extracts(folder, "cse", **options)


def load_error(folder: Path, **options: object) -> str:
    with pytest.raises(InputError) as info:
        load(folder, **options)
    return str(info.value)


def problem_line(message: str, *parts: str) -> str:
    """The one line of the message holding every part (file, rows, column, expectation, value)."""
    lines = [line for line in message.splitlines() if all(part in line for part in parts)]
    assert len(lines) == 1, f"expected one line with {parts} in:\n{message}"
    return lines[0]


def write_xlsx(path: Path, *sheets: list[list[object]]) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = workbook.create_sheet(f"Sheet{number}")
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def store_as_float(path: Path, whole: int) -> None:
    """Rewrite a cell value as Excel may store it (`1002.0`); openpyxl itself always writes `1002`."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert f"<v>{whole}</v>".encode() in parts[sheet]
    parts[sheet] = parts[sheet].replace(f"<v>{whole}</v>".encode(), f"<v>{whole}.0</v>".encode())
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)


# --- happy paths ------------------------------------------------------------------------------


def test_valid_folder_loads_with_contract_types_and_canonical_codes(tmp_path: Path) -> None:
    extracts = load(make_folder(tmp_path))

    episodes = extracts.episodes
    assert list(episodes.columns) == EXTRACTS["episodes"].column_names
    assert isinstance(episodes.index, pd.RangeIndex) and list(episodes.index) == [0, 1, 2]
    assert episodes["episode_id"].dtype == "string"
    assert pd.api.types.is_datetime64_dtype(episodes["start_date"])
    assert episodes["gender"].tolist() == ["Female", "Male", "Female"]
    assert episodes["ethnicity"].iloc[0] == "White - British"
    assert episodes["ethnicity"].iloc[2] is pd.NA
    assert episodes["ward_code"].tolist()[:2] == ["E05001341", "OUT_OF_AREA"]
    assert episodes["exploitation_type"].tolist() == ["CSE", "CCE", "CSE"]
    assert episodes["end_date"].iloc[0] == pd.Timestamp("2015-06-30")
    assert pd.isna(episodes["end_date"].iloc[1])

    assert extracts.risk_assessments["risk_level"].tolist() == ["High", "Medium", "No CSE Risk", "Low"]
    assert extracts.social_care_status["status"].tolist() == ["CP", "LAC"]

    crimes = extracts.crimes
    assert crimes["crime_id"].tolist() == ["0042", "0043", "0044"]
    assert crimes["cse_flag"].dtype == bool and crimes["cse_flag"].tolist() == [True, False, True]
    assert crimes["victim_age"].dtype == "Int64" and crimes["victim_age"].iloc[0] == 15
    assert pd.isna(crimes["victim_age"].iloc[1])
    assert crimes["outcome"].tolist()[1:] == ["NEW", "1: CHARGED"]
    assert crimes["location_ward_code"].tolist()[:2] == ["E05001342", "OUTSIDE_DISTRICT"]
    assert crimes["offence_description"].iloc[0] == "Rape of a female child under 16, penetration"

    assert extracts.crime_suspects["age_at_offence"].tolist() == [34, 34, pd.NA]
    assert extracts.suspect_management["status"].tolist() == ["Under investigation", "Closed"]
    assert extracts.notes == ()


def test_sources_record_each_file_with_its_hash_and_row_count(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    sources = load(folder).sources
    assert [source.extract for source in sources] == list(EXTRACTS)
    episodes = sources[0]
    assert episodes.path == str(folder / "episodes.csv")
    assert episodes.sha256 == hashlib.sha256((folder / "episodes.csv").read_bytes()).hexdigest()
    assert [source.rows for source in sources] == [3, 4, 2, 3, 3, 2]


def test_optional_extracts_absent_are_none(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("social_care_status", "crimes", "crime_suspects", "suspect_management"))
    extracts = load(folder)
    assert extracts.social_care_status is None and extracts.crimes is None
    assert extracts.crime_suspects is None and extracts.suspect_management is None
    assert len(extracts.episodes) == 3


def test_every_code_list_of_the_contract_is_known() -> None:
    named = {column.codes for spec in EXTRACTS.values() for column in spec.columns if column.codes}
    assert named == set(code_lists(load_reference(), "cse"))


def test_ce_risk_scale_checks_its_own_levels(tmp_path: Path) -> None:
    ce_levels = "episode_id,assessment_date,risk_level\nE001,2015-04-02,significant\nE002,2015-05-10,No Risk\n"
    folder = make_folder(tmp_path, risk_assessments=ce_levels)
    assert load_extracts(folder, "ce").risk_assessments["risk_level"].tolist() == ["Significant", "No Risk"]
    line = problem_line(load_error(folder), "risk_assessments.csv, rows 2, 3: column risk_level")
    assert "must be one of High, Medium, Low, No CSE Risk (the cse risk scale)" in line


def test_utf8_byte_order_mark_is_read_with_a_note(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "episodes.csv").write_bytes(b"\xef\xbb\xbf" + VALID["episodes"].encode())
    extracts = load(folder)
    assert extracts.episodes["episode_id"].iloc[0] == "E001"
    assert extracts.notes == ("episodes.csv starts with a UTF-8 byte-order mark (as Excel writes it); read as UTF-8",)


def test_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    text = edited("crimes", "Sexual activity", "Sexual activity \u2013 caf\u00e9")
    (folder / "crimes.csv").write_bytes(text.encode("cp1252"))
    extracts = load(folder)
    assert extracts.crimes["offence_description"].iloc[1] == "Sexual activity \u2013 caf\u00e9"
    assert extracts.notes == ("crimes.csv is not UTF-8; read as Windows-1252",)


def test_xlsx_with_excel_dates_and_numbers_loads(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("episodes",))
    write_xlsx(folder / "episodes.xlsx", [
        ["Episode_ID ", "child_id", "start_date", "end_date", "date_of_birth", "gender", "ethnicity", "ward_code",
         "exploitation_type"],
        ["E001", 1001, dt.datetime(2015, 4, 2), None, dt.date(2001, 5, 17), "Female", None, None, None],
        ["E002", 1002, dt.datetime(2015, 5, 10), "2015-06-01", dt.datetime(2003, 1, 9), "male", None, None, "CSE"],
        ["E003", "0042", "2015-09-01", None, "2001-05-17", "Female", None, None, None],
    ])
    store_as_float(folder / "episodes.xlsx", 1002)
    episodes = load(folder).episodes
    assert episodes["child_id"].tolist() == ["1001", "1002", "0042"]
    assert episodes["start_date"].tolist() == [pd.Timestamp(d) for d in ("2015-04-02", "2015-05-10", "2015-09-01")]
    assert episodes["date_of_birth"].iloc[1] == pd.Timestamp("2003-01-09")
    assert episodes["end_date"].iloc[1] == pd.Timestamp("2015-06-01")


def test_xlsx_row_numbers_are_the_sheets_own(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("risk_assessments",))
    write_xlsx(folder / "risk_assessments.xlsx", [
        [],
        ["episode_id", "assessment_date", "risk_level"],
        ["E001", dt.date(2015, 4, 2), "High"],
        [],
        ["E002", 42458, "Low"],
    ])
    line = problem_line(load_error(folder), "risk_assessments.xlsx, row 5: column assessment_date")
    assert "looks like an Excel serial date" in line and "'42458'" in line


def test_column_map_renames_source_headers(tmp_path: Path) -> None:
    renamed = edited(
        "risk_assessments", "episode_id,assessment_date,risk_level", "Episode Ref, Review Date ,RISK_LEVEL"
    )
    folder = make_folder(tmp_path, risk_assessments=renamed)
    column_map = {"risk_assessments": {"episode ref": "episode_id", "Review Date": "assessment_date"}}
    assessments = load(folder, column_map=column_map).risk_assessments
    assert list(assessments.columns) == ["episode_id", "assessment_date", "risk_level"]
    assert assessments["episode_id"].tolist() == ["E001", "E001", "E002", "E003"]


def test_blank_rows_are_skipped_but_keep_their_number(tmp_path: Path) -> None:
    text = with_rows("risk_assessments", ",,", "E003,2015-09-01,Severe")
    line = problem_line(load_error(make_folder(tmp_path, risk_assessments=text)), "risk_assessments.csv, row 7:")
    assert "column risk_level must be one of" in line and "'Severe' on row 7" in line


# --- the folder and its files -----------------------------------------------------------------


def test_missing_data_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"data folder .*nowhere does not exist"):
        load(tmp_path / "nowhere")


def test_missing_required_extract(tmp_path: Path) -> None:
    message = load_error(make_folder(tmp_path, omit=("risk_assessments",)))
    problem_line(
        message, "risk_assessments: required extract missing: no risk_assessments.csv or risk_assessments.xlsx in"
    )


def test_csv_and_xlsx_for_one_extract(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    write_xlsx(folder / "crimes.xlsx", [["crime_id"], ["1"]])
    problem_line(load_error(folder), "crimes.csv and crimes.xlsx: both are present: keep one file per extract")


def test_crime_suspects_without_crimes(tmp_path: Path) -> None:
    message = load_error(make_folder(tmp_path, omit=("crimes",)))
    problem_line(message, "crime_suspects.csv: needs the crimes extract (crimes.csv or crimes.xlsx), which is missing")


@pytest.mark.parametrize("extract", ["episodes", "suspect_management"])
def test_header_only_file_has_no_data_rows(tmp_path: Path, extract: str) -> None:
    header_only = VALID[extract].splitlines()[0] + "\n"
    message = load_error(make_folder(tmp_path, **{extract: header_only}))
    problem_line(message, f"{extract}.csv: has no data rows (only a header row)")


def test_empty_file_has_no_data_rows(tmp_path: Path) -> None:
    problem_line(load_error(make_folder(tmp_path, episodes="")), "episodes.csv: has no data rows (the file is empty)")


def test_xlsx_data_on_a_later_sheet(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("crimes", "crime_suspects"))
    write_xlsx(folder / "crimes.xlsx", [], [["crime_id"], ["1"]])
    message = load_error(folder)
    problem_line(
        message, "crimes.xlsx: the data must be on the first sheet: sheet 'Sheet1' is empty but sheet 'Sheet2' holds"
    )


def test_utf16_file_is_rejected(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "episodes.csv").write_bytes(VALID["episodes"].encode("utf-16"))
    problem_line(load_error(folder), "episodes.csv: is UTF-16 text, not UTF-8: save it from Excel as 'CSV UTF-8'")


def test_values_beyond_the_last_header(tmp_path: Path) -> None:
    text = with_rows("risk_assessments", "E003,2015-09-02,Low,unquoted, comma")
    line = problem_line(load_error(make_folder(tmp_path, risk_assessments=text)), "risk_assessments.csv, row 6:")
    assert "holds values to the right of the last header (column C)" in line


def test_missing_column_suggests_the_closest_header(tmp_path: Path) -> None:
    text = edited("episodes", "start_date,end_date,date_of_birth", "Start Date,end_date,DOB")
    message = load_error(make_folder(tmp_path, episodes=text))
    line = problem_line(message, "episodes.csv: columns start_date, date_of_birth")
    assert "missing; closest headers present: 'Start Date' for start_date" in line
    assert "column_map" in line


def test_duplicated_header(tmp_path: Path) -> None:
    text = edited("crimes", "offence_code,offence_description", "offence_code,Offence_Code")
    line = problem_line(load_error(make_folder(tmp_path, crimes=text)), "crimes.csv: column offence_code")
    assert "must appear once in the header, found in columns D, E" in line


def test_bad_parameters_are_parameter_errors(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    with pytest.raises(ParameterError, match="risk_scale 'csx'"):
        load_extracts(folder, "csx")
    with pytest.raises(ParameterError, match="column_map: start is not a column of episodes"):
        load(folder, column_map={"episodes": {"Referral": "start"}})
    with pytest.raises(ParameterError, match="column_map: 'episode' is not an extract"):
        load(folder, column_map={"episode": {"Referral": "start_date"}})


# --- one rule per column kind ------------------------------------------------------------------


def test_required_value_blank(tmp_path: Path) -> None:
    text = edited("episodes", "E002,C002,", "E002,,")
    message = load_error(make_folder(tmp_path, episodes=text))
    problem_line(message, "episodes.csv, row 3: column child_id must not be blank")


def test_unique_column_names_the_duplicated_rows(tmp_path: Path) -> None:
    text = with_rows("suspect_management", "SM1,P09,2015-10-01,Closed,,,,")
    line = problem_line(load_error(make_folder(tmp_path, suspect_management=text)), "suspect_management.csv, rows 2, 4")
    assert "column occurrence_id must be unique ('SM1' on rows 2, 4)" in line


@pytest.mark.parametrize(
    ("value", "expectation"),
    [
        ("03/29/2016", "this looks like a UK or US date: write dates as YYYY-MM-DD"),
        ("29/03/2016", "this looks like a UK or US date: write dates as YYYY-MM-DD"),
        ("42458", "this looks like an Excel serial date"),
        ("2016-02-30", "must be a real calendar date written YYYY-MM-DD"),
        ("2016-03-29 10:00", "this has a time: write the date alone as YYYY-MM-DD"),
        ("March 2016", "must be a date written YYYY-MM-DD"),
    ],
)
def test_dates_must_be_iso(tmp_path: Path, value: str, expectation: str) -> None:
    text = edited("social_care_status", "2015-06-01", value)
    message = load_error(make_folder(tmp_path, social_care_status=text))
    problem_line(message, "social_care_status.csv, row 3: column start_date", expectation, f"{value!r} on row 3")


@pytest.mark.parametrize(
    ("extract", "old", "new", "row", "column", "expectation"),
    [
        ("episodes", " female", "F", 2, "gender", "must be one of Female, Male, Other, Unknown"),
        ("episodes", "white - british", "British", 2, "ethnicity", "a category listed in the reference ethnicity.csv"),
        ("episodes", "E05001341", "E05009999", 2, "ward_code", "listed in the reference wards.csv or OUT_OF_AREA"),
        ("episodes", "cce", "CSA", 3, "exploitation_type", "must be one of CSE, CCE, Missing, Other"),
        ("social_care_status", "cp", "CPP", 2, "status", "must be one of CIN, CP, LAC"),
        ("suspect_management", "under investigation", "Open", 2, "status", "one of Under investigation, Closed"),
        ("suspect_management", "High", "Severe", 2, "risk_level", "must be one of High, Medium, Low, Unsubstantiated"),
        ("crimes", "e05001342", "OUT_OF_AREA", 2, "location_ward_code", "wards.csv or OUTSIDE_DISTRICT"),
        ("crime_suspects", "Male", "M", 2, "gender", "must be one of Female, Male, Other, Unknown"),
    ],
)
def test_codes_must_be_in_their_list(
    tmp_path: Path, extract: str, old: str, new: str, row: int, column: str, expectation: str
) -> None:
    message = load_error(make_folder(tmp_path, **{extract: edited(extract, old, new)}))
    problem_line(message, f"{extract}.csv, row {row}: column {column}", expectation, f"{new!r} on row {row}")


def test_unknown_outcome_names_the_text(tmp_path: Path) -> None:
    text = edited("crimes", "1: charged", "1: CHARGED - ADULT")
    line = problem_line(load_error(make_folder(tmp_path, crimes=text)), "crimes.csv, row 4: column outcome")
    assert "must be an outcome listed in the reference crime_outcomes.csv ('1: CHARGED - ADULT' on row 4)" in line


def test_cse_flag_must_be_a_yes_or_no(tmp_path: Path) -> None:
    text = edited("crimes", ",no,", ",maybe,")
    message = load_error(make_folder(tmp_path, crimes=text))
    problem_line(
        message, "crimes.csv, row 3: column cse_flag must be true/false, yes/no, 1/0 or Y/N ('maybe' on row 3)"
    )


@pytest.mark.parametrize(
    ("old", "new", "expectation"),
    [
        (",15.0,", ",fifteen,", "must be a whole number"),
        (",15.0,", ",15.5,", "must be a whole number"),
        (",15.0,", ",18,", "must be a whole number from 0 to 17"),
        (",15.0,", ",-1,", "must be a whole number from 0 to 17"),
    ],
)
def test_victim_age(tmp_path: Path, old: str, new: str, expectation: str) -> None:
    message = load_error(make_folder(tmp_path, crimes=edited("crimes", old, new)))
    problem_line(message, f"crimes.csv, row 2: column victim_age {expectation} ({new.strip(',')!r} on row 2)")


def test_other_integers_must_be_whole(tmp_path: Path) -> None:
    text = edited("suspect_management", ",34,", ",thirty,")
    message = load_error(make_folder(tmp_path, suspect_management=text))
    problem_line(message, "suspect_management.csv, row 2: column age must be a whole number")


# --- rules across rows and files --------------------------------------------------------------


def test_episode_end_before_start(tmp_path: Path) -> None:
    text = edited("episodes", "2015-04-02,2015-06-30", "2015-04-02,2015-03-01")
    message = load_error(make_folder(tmp_path, episodes=text))
    problem_line(
        message,
        "episodes.csv, row 2: column end_date must not be before start_date (row 2: end 2015-03-01, start 2015-04-02)",
    )


def test_social_care_end_before_start(tmp_path: Path) -> None:
    text = edited("social_care_status", "2015-06-01,", "2015-06-01,2015-05-31")
    message = load_error(make_folder(tmp_path, social_care_status=text))
    problem_line(message, "social_care_status.csv, row 3: column end_date must not be before start_date")


def test_birth_after_start(tmp_path: Path) -> None:
    text = edited("episodes", "2003-01-09", "2016-01-09")
    message = load_error(make_folder(tmp_path, episodes=text))
    problem_line(message, "episodes.csv, row 3: column date_of_birth must not be after start_date",
                 "birth 2016-01-09, start 2015-05-10")


def test_assessment_of_unknown_episode(tmp_path: Path) -> None:
    text = with_rows("risk_assessments", "E999,2015-10-01,Low")
    message = load_error(make_folder(tmp_path, risk_assessments=text))
    problem_line(message, "risk_assessments.csv, row 6: column episode_id must be listed in episodes.csv",
                 "'E999'")


def test_assessment_before_its_episode_started(tmp_path: Path) -> None:
    text = edited("risk_assessments", "E002,2015-05-10", "E002,2015-05-09")
    message = load_error(make_folder(tmp_path, risk_assessments=text))
    problem_line(message, "risk_assessments.csv, row 4: column assessment_date must not be before its episode's",
                 "assessed 2015-05-09, episode E002 started 2015-05-10")


def test_suspect_of_unknown_crime(tmp_path: Path) -> None:
    text = with_rows("crime_suspects", "0099,P05,,,")
    message = load_error(make_folder(tmp_path, crime_suspects=text))
    problem_line(message, "crime_suspects.csv, row 5: column crime_id must be listed in crimes.csv", "'0099'")


# --- the one message --------------------------------------------------------------------------


def test_every_problem_of_every_file_is_in_one_message(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        episodes=edited("episodes", "2001-05-17, female", "2016-05-17,F"),
        crimes=edited("crimes", ",no,", ",maybe,"),
        suspect_management="",
    )
    lines = load_error(folder).splitlines()
    assert lines == [
        f"The extracts in {folder} break the input contract (5 problems):",
        "- episodes.csv, row 2: column gender must be one of Female, Male, Other, Unknown ('F' on row 2)",
        "- episodes.csv, row 2: column date_of_birth must not be after start_date "
        "(row 2: birth 2016-05-17, start 2015-04-02) - rule born_before_referral: a child is referred after being born",
        # C001's episode on row 4 still holds the other date of birth.
        "- episodes.csv, rows 2, 4: column date_of_birth must be the same on every row of one child_id "
        "(rows 2, 4: one child_id, 2 different values) - rule one_birth_date_per_child: a child has one date of "
        "birth; with two, the child's age would depend on the episode read",
        "- crimes.csv, row 3: column cse_flag must be true/false, yes/no, 1/0 or Y/N ('maybe' on row 3)",
        "- suspect_management.csv: has no data rows (the file is empty)",
    ]


def test_long_row_lists_are_capped(tmp_path: Path) -> None:
    rows = [f"E1{n:02},,2015-04-02,,2001-05-17,Female,,,{'Bogus' if n < 25 else ''}" for n in range(30)]
    message = load_error(make_folder(tmp_path, episodes=with_rows("episodes", *rows)))
    problem_line(message, "episodes.csv, rows 5, 6, 7, 8, 9 and 25 more: column child_id must not be blank")
    line = problem_line(message, "episodes.csv, rows 5, 6, 7, 8, 9 and 20 more: column exploitation_type")
    assert "('Bogus' on rows 5, 6, 7, 8, 9 and 20 more)" in line


def test_message_caps_the_number_of_problems(tmp_path: Path) -> None:
    bad_dates = ["01/01/2016", "40000", "2016-02-30", "2016-01-01 09:00", "soon"]
    # Every row breaks the same rules, each date in its own way: 21 problems in episodes.csv,
    # and the assessments then point at episodes that do not exist (one more).
    header = VALID["episodes"].splitlines()[0]
    rows = [f"E1,,{date},{date},{date},X,Y,Z,W," for date in bad_dates]
    message = load_error(make_folder(tmp_path, episodes="\n".join([header, *rows]) + "\n"))
    lines = message.splitlines()
    assert lines[0].endswith("break the input contract (22 problems):")
    assert len([line for line in lines if line.startswith("- ")]) == MAX_PROBLEMS
    assert lines[-1] == "... and 2 more problems"
