"""Tests of the loader: a valid folder loads typed and canonical; every contract rule rejects a hand-made bad file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pathlib
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.chart import BarChart, Reference

from helpers import paths
from helpers.errors import InputError, ParameterError
from helpers.inputs.loading import MAX_PROBLEMS, age_limit_breaks, code_lists, load_extracts
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import CHILD_AT_REFERRAL, EXTRACTS, VALUE_RULES, DateWindow

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
        "child_id,status,start_date,end_date\nC001,cp,2015-01-01,2015-12-31\nC002,LAC,2015-06-01,\n"
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


def store_formula_result(path: Path, cell: str, text: str) -> None:
    """Give a formula cell the saved result Excel writes; openpyxl itself saves formulas without one."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    before = parts[sheet]
    start = before.index(f'<c r="{cell}">'.encode())
    end = before.index(b"</c>", start) + len(b"</c>")
    formula = before[start:end].split(b"<f>")[1].split(b"</f>")[0]
    parts[sheet] = (
        before[:start]
        + f'<c r="{cell}" t="str"><f>'.encode()
        + formula
        + f"</f><v>{text}</v></c>".encode()
        + before[end:]
    )
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
    write_xlsx(
        folder / "episodes.xlsx",
        [
            [
                "Episode_ID ",
                "child_id",
                "start_date",
                "end_date",
                "date_of_birth",
                "gender",
                "ethnicity",
                "ward_code",
                "exploitation_type",
            ],
            ["E001", 1001, dt.datetime(2015, 4, 2), None, dt.date(2001, 5, 17), "Female", None, None, None],
            ["E002", 1002, dt.datetime(2015, 5, 10), "2015-06-01", dt.datetime(2003, 1, 9), "male", None, None, "CSE"],
            ["E003", "0042", "2015-09-01", None, "2001-05-17", "Female", None, None, None],
        ],
    )
    store_as_float(folder / "episodes.xlsx", 1002)
    episodes = load(folder).episodes
    assert episodes["child_id"].tolist() == ["1001", "1002", "0042"]
    assert episodes["start_date"].tolist() == [pd.Timestamp(d) for d in ("2015-04-02", "2015-05-10", "2015-09-01")]
    assert episodes["date_of_birth"].iloc[1] == pd.Timestamp("2003-01-09")
    assert episodes["end_date"].iloc[1] == pd.Timestamp("2015-06-01")


def test_xlsx_row_numbers_are_the_sheets_own(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("risk_assessments",))
    write_xlsx(
        folder / "risk_assessments.xlsx",
        [
            [],
            ["episode_id", "assessment_date", "risk_level"],
            ["E001", dt.date(2015, 4, 2), "High"],
            [],
            ["E002", 42458, "Low"],
        ],
    )
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


def test_excel_separator_line_is_skipped_and_rows_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "risk_assessments.csv").write_text("sep=,\n" + edited("risk_assessments", "no cse risk", "none"))
    line = problem_line(load_error(folder), "risk_assessments.csv, row 4: column risk_level")
    assert "'none' on row 4" in line
    (folder / "risk_assessments.csv").write_text("sep=,\n" + VALID["risk_assessments"])
    extracts = load(folder)
    assert extracts.risk_assessments["risk_level"].tolist() == ["High", "Medium", "No CSE Risk", "Low"]
    assert extracts.notes == (
        "risk_assessments.csv starts with Excel's 'sep=,' line; it was skipped, and rows are "
        "numbered as Excel shows them, from the header",
    )


@pytest.mark.parametrize(("delimiter", "name"), [("\t", "tab"), (";", "semicolon")])
def test_tab_and_semicolon_delimited_files_are_read_with_a_note(tmp_path: Path, delimiter: str, name: str) -> None:
    folder = make_folder(tmp_path)
    (folder / "episodes.csv").write_text(VALID["episodes"].replace(",", delimiter))
    extracts = load(folder)
    assert extracts.episodes["episode_id"].tolist() == ["E001", "E002", "E003"]
    assert extracts.episodes["ward_code"].tolist()[:2] == ["E05001341", "OUT_OF_AREA"]
    assert extracts.notes == (f"episodes.csv is {name}-delimited, not comma-separated; read as such",)


def test_a_title_line_above_the_header_is_named(tmp_path: Path) -> None:
    titled = "Social care status, all children\n\n" + VALID["social_care_status"]
    folder = make_folder(tmp_path, social_care_status=titled)
    problem_line(
        load_error(folder),
        "social_care_status.csv: the header row must be the first row, but it is row 3 ('child_id', 'status', "
        "'start_date', 'end_date'); the rows above it are not part of the extract (row 1: 'Social care status', "
        "'all children'): delete them",
    )


def test_a_file_without_its_header_row_says_so_without_quoting_dates(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, episodes=VALID["episodes"].split("\n", 1)[1])
    line = problem_line(load_error(folder), "episodes.csv: header row not found")
    assert (
        "the first row must name the columns episode_id, child_id, start_date, end_date, date_of_birth, gender, "
        "ethnicity, ward_code, exploitation_type (in any order, with any others), but row 1 holds 'E001', "
        "'C001', (a date), (a date), (a date), 'female', 'white - british', 'E05001341' and 1 more cells, which "
        "looks like data: is the header row missing?"
    ) in line
    assert "2001-05-17" not in line


def test_a_header_in_another_language_is_not_found(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, risk_assessments="Episode|Date|Niveau\nE001|2015-04-02|High\n")
    problem_line(load_error(folder), "risk_assessments.csv: header row not found", "row 1 holds 'Episode|Date|Niveau'")


def test_nul_character_is_named_by_row_and_column(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "crimes.csv").write_text(edited("crimes", "22A,Sexual activity", "22A,Sexual\x00activity"))
    problem_line(load_error(folder), "crimes.csv, row 3: column offence_description (column E) holds a NUL character")


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, crimes=edited("crimes", ",22A,Sexual", ',22A,"Sexual'))
    problem_line(
        load_error(folder),
        "crimes.csv, row 3: column offence_description (column E) has a quote that opens a value and is never closed",
        "an unclosed quote?",
    )


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('Sexual activity "online"', 'Sexual activity "online"'),  # a quote inside a value
        ('"Online" grooming', "Online grooming"),  # text after a closing quote: strict csv stops here
    ],
)
def test_stray_quotes_are_read_as_excel_reads_them(tmp_path: Path, written: str, read: str) -> None:
    folder = make_folder(tmp_path, crimes=edited("crimes", "Sexual activity", written))
    assert load(folder).crimes["offence_description"].iloc[1] == read


def test_a_value_past_the_csv_field_limit_is_named(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, crimes=edited("crimes", "Sexual activity", "x" * 200_000))
    problem_line(
        load_error(folder),
        "crimes.csv, row 3: column offence_description (column E) holds a value longer than 131,072 characters",
    )


@pytest.mark.parametrize(
    ("name", "content", "expectation"),
    [
        (
            "episodes.csv",
            b"PK\x03\x04rest of a zip",
            "episodes.csv: is an Excel workbook (.xlsx) with a .csv name: "
            "rename it episodes.xlsx, or open it in Excel and save it as 'CSV UTF-8'",
        ),
        (
            "episodes.xlsx",
            b"episode_id,child_id\nE001,C001\n",
            "episodes.xlsx: is not an Excel workbook: it holds text, "
            "a CSV file with an .xlsx name? Rename it episodes.csv",
        ),
        (
            "episodes.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "episodes.xlsx: is an Excel 97-2003 workbook (.xls) or a password-protected workbook",
        ),
        ("episodes.csv", VALID["episodes"].encode("utf-16-le"), "episodes.csv: is UTF-16 text, not UTF-8"),
    ],
)
def test_a_file_that_is_not_what_its_name_says(tmp_path: Path, name: str, content: bytes, expectation: str) -> None:
    folder = make_folder(tmp_path, omit=("episodes",))
    (folder / name).write_bytes(content)
    problem_line(load_error(folder), expectation)


def test_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("episodes",))
    with zipfile.ZipFile(folder / "episodes.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<broken")
    problem_line(
        load_error(folder), "episodes.xlsx: cannot be read as an Excel workbook (", "open it in Excel and save it again"
    )


def test_a_workbook_of_charts_only(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("episodes",))
    book = openpyxl.Workbook()
    for number in range(5):
        book.active.append([number])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=1, max_row=5))
    book.create_chartsheet().add_chart(chart)
    book.remove(book.active)
    book.save(folder / "episodes.xlsx")
    problem_line(load_error(folder), "episodes.xlsx: holds no worksheet (only charts)")


def test_formulas_without_a_saved_value_are_named_and_with_one_are_read(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, omit=("risk_assessments",))
    write_xlsx(
        folder / "risk_assessments.xlsx",
        [
            ["episode_id", "assessment_date", "risk_level"],
            ['="E00"&"1"', dt.date(2015, 4, 2), "High"],
            ["E002", dt.date(2015, 5, 10), '=IF(TRUE,"Low","High")'],
            ["E003", dt.date(2015, 9, 1), '=IF(TRUE,"Low","High")'],
        ],
    )
    line = problem_line(
        load_error(folder),
        "risk_assessments.xlsx, rows 2, 3, 4: column episode_id (column A), "
        'risk_level (column C) holds formulas without a saved value (cell A2: ="E00"&"1")',
    )
    assert "open the workbook in Excel and save it" in line
    for cell, text in (("A2", "E001"), ("C3", "Low"), ("C4", "Low")):
        store_formula_result(folder / "risk_assessments.xlsx", cell, text)
    assert load(folder).risk_assessments["episode_id"].tolist() == ["E001", "E002", "E003"]


def test_missing_data_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"data folder .*nowhere does not exist"):
        load(tmp_path / "nowhere")


def test_missing_required_extract(tmp_path: Path) -> None:
    message = load_error(make_folder(tmp_path, omit=("risk_assessments",)))
    problem_line(
        message, "risk_assessments: required extract missing: no risk_assessments.csv or risk_assessments.xlsx in"
    )


def test_a_required_extract_named_in_capitals(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "episodes.csv").rename(folder / "Episodes.CSV")
    problem_line(
        load_error(folder),
        "episodes: required extract missing",
        "Episodes.CSV is there: file names are case-sensitive, rename it episodes.csv",
    )


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (Path.mkdir, "is a folder, not a file"),
        (
            lambda path: path.symlink_to(path.parent / "old" / "status.csv"),
            "is a broken link: it points to 'status.csv', which does not exist",
        ),
        (lambda path: path.symlink_to(path.name), "is a symbolic link that leads back to itself (a loop), not a file"),
        (lambda path: os.mkfifo(path), "is a named pipe, not a file"),
    ],
)
def test_an_extract_name_that_is_not_a_file_is_never_taken_for_absent(tmp_path: Path, make, what: str) -> None:
    folder = make_folder(tmp_path, omit=("social_care_status",))
    make(folder / "social_care_status.csv")
    problem_line(load_error(folder), f"social_care_status.csv: {what}")


def test_an_extract_that_cannot_be_read(tmp_path: Path, monkeypatch) -> None:
    folder = make_folder(tmp_path)
    read_bytes = pathlib.Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.name == "crimes.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    problem_line(
        load_error(folder),
        "crimes.csv: cannot be read: permission denied (ask for read access, or copy the "
        "file into a folder of your own)",
    )


def test_an_unreadable_data_folder(tmp_path: Path, monkeypatch) -> None:
    folder = make_folder(tmp_path)

    def denied(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "listdir", denied)
    with pytest.raises(InputError, match=r"data folder .*data cannot be read: Permission denied"):
        load(folder)


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
    with pytest.raises(ParameterError, match=r"column_map: 'episode' is not an extract.*did you mean 'episodes'"):
        load(folder, column_map={"episode": {"Referral": "start_date"}})


def test_names_a_user_gives_are_matched_ignoring_case(tmp_path: Path) -> None:
    renamed = edited("risk_assessments", "episode_id,assessment_date", "Episode Ref,assessment_date")
    folder = make_folder(tmp_path, risk_assessments=renamed)
    extracts = load_extracts(folder, " CSE ", column_map={"Risk_Assessments": {"episode ref": "episode_id"}})
    assert extracts.risk_assessments["episode_id"].tolist() == ["E001", "E001", "E002", "E003"]


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
    problem_line(
        message,
        "episodes.csv, row 3: column date_of_birth must not be after start_date",
        "birth 2016-01-09, start 2015-05-10",
    )


def test_assessment_of_unknown_episode(tmp_path: Path) -> None:
    text = with_rows("risk_assessments", "E999,2015-10-01,Low")
    message = load_error(make_folder(tmp_path, risk_assessments=text))
    problem_line(message, "risk_assessments.csv, row 6: column episode_id must be listed in episodes.csv", "'E999'")


def test_assessment_before_its_episode_started(tmp_path: Path) -> None:
    text = edited("risk_assessments", "E002,2015-05-10", "E002,2015-05-09")
    message = load_error(make_folder(tmp_path, risk_assessments=text))
    problem_line(
        message,
        "risk_assessments.csv, row 4: column assessment_date must not be before its episode's",
        "assessed 2015-05-09, episode E002 started 2015-05-10",
    )


def test_suspect_of_unknown_crime(tmp_path: Path) -> None:
    text = with_rows("crime_suspects", "0099,P05,,,")
    message = load_error(make_folder(tmp_path, crime_suspects=text))
    problem_line(message, "crime_suspects.csv, row 5: column crime_id must be listed in crimes.csv", "'0099'")


# --- plausibility rules (schema.VALUE_RULES) ------------------------------------------------------


def test_every_rule_names_a_column_of_its_extract_and_gives_a_reason() -> None:
    for rule in VALUE_RULES:
        assert rule.column in EXTRACTS[rule.extract].column_names, rule
        assert rule.severity in ("error", "note") and len(rule.reason) > 20, rule
        assert rule.expected.startswith("must "), rule
    windows = {(rule.extract, rule.column) for rule in VALUE_RULES if isinstance(rule, DateWindow)}
    dates = {(spec.name, column.name) for spec in EXTRACTS.values() for column in spec.columns if column.kind == "date"}
    assert windows == dates
    assert [rule.name for rule in VALUE_RULES if rule.severity == "note"] == ["child_at_referral"]


@pytest.mark.parametrize(
    ("extract", "old", "new", "column"),
    [
        ("crime_suspects", "0042,P01,34", "0042,P01,-5", "age_at_offence"),
        ("crime_suspects", "0042,P01,34", "0042,P01,111", "age_at_offence"),
        ("suspect_management", ",34,", ",-1,", "age"),
        ("suspect_management", ",34,", ",250,", "age"),
    ],
)
def test_an_age_no_person_has_is_an_error(tmp_path: Path, extract: str, old: str, new: str, column: str) -> None:
    value = new.strip(",").split(",")[-1]
    message = load_error(make_folder(tmp_path, **{extract: edited(extract, old, new)}))
    problem_line(
        message,
        f"{extract}.csv, row 2: column {column} must be a whole number from 0 to 110 "
        f"({value!r} on row 2) - rule person_age_range: no one is younger than 0",
    )


def test_a_child_suspect_and_the_oldest_ages_are_plausible(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        crime_suspects=edited("crime_suspects", "0044,P02,,", "0044,P02,0,"),
        suspect_management=edited("suspect_management", ",34,", ",110,"),
    )
    extracts = load(folder)
    assert extracts.crime_suspects["age_at_offence"].tolist() == [34, 34, 0]
    assert extracts.suspect_management["age"].iloc[0] == 110


@pytest.mark.parametrize(
    ("extract", "old", "new", "expectation", "rule"),
    [
        (
            "crimes",
            ",2014-12-01,",
            ",1899-12-31,",
            "column committed_date must not be before 1900-01-01",
            "life_date_window",
        ),
        (
            "crimes",
            "0043,2015-07-01",
            "0043,1989-12-31",
            "column recorded_date must not be before 1990-01-01",
            "record_date_window",
        ),
        (
            "suspect_management",
            "2015-09-01",
            "1989-12-31",
            "column created_date must not be before 1990-01-01",
            "record_date_window",
        ),
        (
            "risk_assessments",
            "E003,2015-09-01",
            "E003,2031-09-01",
            "column assessment_date must not be after 2020-01-01, the day of the build",
            "record_date_window",
        ),
    ],
)
def test_dates_outside_their_window(
    tmp_path: Path, extract: str, old: str, new: str, expectation: str, rule: str
) -> None:
    message = load_error(make_folder(tmp_path, **{extract: edited(extract, old, new)}), today=dt.date(2020, 1, 1))
    line = problem_line(message, f"{extract}.csv", expectation, f"- rule {rule}:")
    assert repr(new.strip(",").split(",")[-1]) in line


def test_the_window_reaches_its_first_day_and_the_day_of_the_build(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, crimes=edited("crimes", "0043,2015-07-01,,", "0043,1990-01-01,1900-01-01,"))
    assert load(folder, today=dt.date(2015, 12, 31)).crimes["recorded_date"].iloc[1] == pd.Timestamp("1990-01-01")
    line = problem_line(
        load_error(folder, today=dt.date(2015, 12, 30)), "social_care_status.csv, row 2: column end_date"
    )
    assert "must not be after 2015-12-30, the day of the build ('2015-12-31' on row 2)" in line


def test_a_date_outside_its_window_is_not_reported_again_by_the_rules_across_columns(tmp_path: Path) -> None:
    message = load_error(make_folder(tmp_path, episodes=edited("episodes", "2003-01-09", "1899-01-09")))
    assert "problem):" in message.splitlines()[0]
    problem_line(message, "episodes.csv, row 3: column date_of_birth must not be before 1900-01-01")


@pytest.mark.parametrize(("birth", "age"), [("1990-05-10", 25), ("1960-01-01", 55)])
def test_twenty_five_or_over_at_referral_is_an_error(tmp_path: Path, birth: str, age: int) -> None:
    message = load_error(make_folder(tmp_path, episodes=edited("episodes", "2003-01-09", birth)))
    problem_line(
        message,
        "episodes.csv, row 3: column date_of_birth must give an age under 25 on start_date "
        f"(row 3: aged {age} at start 2015-05-10) - rule child_or_young_adult_at_referral",
    )
    assert birth not in message


def test_a_young_adult_at_referral_is_kept_for_the_data_quality_note(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, episodes=edited("episodes", "2003-01-09", "1990-05-11"))
    episodes = load(folder).episodes
    assert age_limit_breaks(CHILD_AT_REFERRAL, episodes).tolist() == [False, True, False]  # 24 on 2015-05-10


def test_a_child_with_two_dates_of_birth(tmp_path: Path) -> None:
    second_birth = edited("episodes", "2015-09-01,,2001-05-17", "2015-09-01,,2001-05-18")
    message = load_error(make_folder(tmp_path, episodes=second_birth))
    line = problem_line(
        message,
        "episodes.csv, rows 2, 4: column date_of_birth must be the same on every row of one "
        "child_id (rows 2, 4: one child_id, 2 different values) - rule one_birth_date_per_child",
    )
    assert "2001-05-1" not in line and "C001" not in line


@pytest.mark.parametrize(("start", "plausible"), [("2000-08-10", True), ("2000-08-09", False)])
def test_a_status_period_may_start_40_weeks_before_birth(tmp_path: Path, start: str, plausible: bool) -> None:
    folder = make_folder(tmp_path, social_care_status=edited("social_care_status", "cp,2015-01-01", f"cp,{start}"))
    if plausible:  # C001 was born on 2001-05-17, 280 days after 2000-08-10
        assert load(folder).social_care_status["start_date"].iloc[0] == pd.Timestamp(start)
        return
    problem_line(
        load_error(folder),
        "social_care_status.csv, row 2: column start_date must not be more than 40 weeks "
        f"before the date_of_birth of its child_id in episodes (row 2: start {start}, more than 40 weeks "
        "before the birth) - rule status_not_before_birth",
    )


@pytest.mark.parametrize(("committed", "plausible"), [("2015-06-01", True), ("2015-06-02", False)])
def test_a_crime_is_not_recorded_before_it_was_committed(tmp_path: Path, committed: str, plausible: bool) -> None:
    folder = make_folder(tmp_path, crimes=edited("crimes", "2015-06-01,2014-12-01", f"2015-06-01,{committed}"))
    if plausible:
        assert load(folder).crimes["committed_date"].iloc[0] == pd.Timestamp(committed)
        return
    problem_line(
        load_error(folder),
        "crimes.csv, row 2: column committed_date must not be after recorded_date (row 2: "
        f"committed {committed}, recorded 2015-06-01) - rule committed_before_recorded",
    )


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


# --- the reference data -------------------------------------------------------------------------


def _reference_copy(root: Path) -> Path:
    folder = root / "reference"
    folder.mkdir()
    for table in paths.reference_dir().glob("*.csv"):
        (folder / table.name).write_bytes(table.read_bytes())
    return folder


def test_reference_data_edited_by_hand_is_checked(tmp_path: Path) -> None:
    folder = _reference_copy(tmp_path)
    wards = pd.read_csv(folder / "wards.csv", dtype=str)
    wards.loc[2, "population_under_18"] = "5,928"
    wards.to_csv(folder / "wards.csv", index=False)
    with pytest.raises(
        InputError,
        match=r"^reference data wards\.csv, row 4: column population_under_18 must be a "
        r"whole number$",
    ):
        load_reference(folder)


def test_reference_data_missing_a_file_or_a_column(tmp_path: Path) -> None:
    folder = _reference_copy(tmp_path)
    (folder / "ethnicity.csv").write_text("ethnicity,group\nArab,Other\n")
    with pytest.raises(InputError, match=r"^reference data ethnicity\.csv: column broad_group missing"):
        load_reference(folder)
    (folder / "ethnicity.csv").write_bytes((paths.reference_dir() / "ethnicity.csv").read_bytes())
    (folder / "crime_outcomes.csv").unlink()
    with pytest.raises(InputError, match=r"^reference data crime_outcomes\.csv is missing from"):
        load_reference(folder)
