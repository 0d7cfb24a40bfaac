"""The catalogue of bad extracts: each case a change to a copy of valid synthetic extracts and the parts of
the message the loader must give for it. The loader's tests (unit/test_bad_inputs.py) and the input contract's
schemas (unit/test_contract_schema.py) both run it."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd

Mutation = Callable[[Path], None]


def read_extract(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def set_cell(name: str, column: str, row: int, value: str) -> Mutation:
    """Change one cell; `row` counts data rows from 0, so the spreadsheet row is row + 2."""

    def mutate(folder: Path) -> None:
        frame = read_extract(folder, name)
        frame.loc[row, column] = value
        frame.to_csv(folder / name, index=False)

    return mutate


def copy_cell(name: str, column: str, source_row: int, row: int) -> Mutation:
    def mutate(folder: Path) -> None:
        frame = read_extract(folder, name)
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
        read_extract(folder, name).drop(columns=column).to_csv(folder / name, index=False)

    return mutate


def edit_text(name: str, change: Callable[[str], str]) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / name).write_text(change((folder / name).read_text()))

    return mutate


def edit_line(name: str, row: int, change: Callable[[str], str]) -> Mutation:
    """Change the physical line of spreadsheet row `row` (header = row 1)."""

    def mutate(folder: Path) -> None:
        lines = (folder / name).read_text().split("\n")
        lines[row - 1] = change(lines[row - 1])
        (folder / name).write_text("\n".join(lines))

    return mutate


def aged_at_referral(row: int, years: int) -> Mutation:
    """A child of their own on data row `row`, born `years` years to the day before that episode started."""

    def mutate(folder: Path) -> None:
        frame = read_extract(folder, "episodes.csv")
        start = pd.Timestamp(frame.loc[row, "start_date"])
        birth = start.replace(year=start.year - years).date().isoformat()
        frame.loc[row, ["child_id", "date_of_birth"]] = ["C9999999", birth]
        frame.to_csv(folder / "episodes.csv", index=False)

    return mutate


def one_child_two_births(folder: Path) -> None:
    """Data rows 3 and 4, two children with their own dates of birth, made one child."""
    frame = read_extract(folder, "episodes.csv")
    assert frame.loc[3, "date_of_birth"] != frame.loc[4, "date_of_birth"]
    frame.loc[[3, 4], "child_id"] = "C9999999"
    frame.to_csv(folder / "episodes.csv", index=False)


def workbook_named_csv(folder: Path) -> None:
    read_extract(folder, "episodes.csv").head(20).to_excel(folder / "episodes.xlsx", index=False)
    (folder / "episodes.xlsx").rename(folder / "episodes.csv")


def formulas_without_saved_values(folder: Path) -> None:
    """A workbook as a program writes it: formulas whose result Excel has never stored."""
    frame = read_extract(folder, "episodes.csv").head(20)
    book = openpyxl.Workbook()
    book.active.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        book.active.append(list(row))
    book.active["D3"] = "=C3+30"
    book.active["D5"] = "=C5+30"
    book.save(folder / "episodes.xlsx")
    (folder / "episodes.csv").unlink()


def damaged_workbook(folder: Path) -> None:
    with zipfile.ZipFile(folder / "episodes.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", "not a workbook")
    (folder / "episodes.csv").unlink()


def replace_by(make: Callable[[Path], None], name: str = "social_care_status.csv") -> Mutation:
    """The extract `name` replaced by something that is not a file."""

    def mutate(folder: Path) -> None:
        (folder / name).unlink()
        make(folder / name)

    return mutate


def data_on_second_sheet(folder: Path) -> None:
    frame = read_extract(folder, "episodes.csv")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Episodes")
    sheet.append(list(frame.columns))
    for row in frame.head(50).itertuples(index=False):
        sheet.append(list(row))
    book.save(folder / "episodes.xlsx")
    (folder / "episodes.csv").unlink()


CATALOGUE: list[tuple[str, Mutation, list[str]]] = [
    (
        "missing required file",
        lambda f: (f / "risk_assessments.csv").unlink(),
        ["risk_assessments", "required extract missing"],
    ),
    ("empty file", lambda f: (f / "episodes.csv").write_text(""), ["episodes.csv", "no data rows", "empty"]),
    (
        "header only",
        lambda f: (f / "episodes.csv").write_text((f / "episodes.csv").read_text().split("\n")[0] + "\n"),
        ["episodes.csv", "no data rows", "only a header"],
    ),
    ("missing column", drop_column("episodes.csv", "date_of_birth"), ["episodes.csv", "date_of_birth missing"]),
    (
        "duplicated column",
        rewrite_header("episodes.csv", "ethnicity", "gender"),
        ["episodes.csv", "column gender must appear once"],
    ),
    (
        "misspelt column",
        rewrite_header("episodes.csv", "gender", "gendr"),
        ["episodes.csv", "column gender missing", "'gendr' for gender"],
    ),
    (
        "duplicated episode_id",
        copy_cell("episodes.csv", "episode_id", 4, 5),
        ["episodes.csv, rows 6, 7", "episode_id must be unique"],
    ),
    (
        "duplicated crime_id",
        copy_cell("crimes.csv", "crime_id", 4, 5),
        ["crimes.csv, rows 6, 7", "crime_id must be unique"],
    ),
    (
        "unparseable date",
        set_cell("episodes.csv", "start_date", 3, "2015-13-45"),
        ["episodes.csv, row 5", "start_date", "YYYY-MM-DD", "'2015-13-45'"],
    ),
    (
        "US-style date",
        set_cell("episodes.csv", "start_date", 3, "03/29/2016"),
        ["episodes.csv, row 5", "start_date", "UK or US date", "'03/29/2016'"],
    ),
    (
        "Excel serial date",
        set_cell("episodes.csv", "start_date", 3, "42458"),
        ["episodes.csv, row 5", "start_date", "Excel serial date"],
    ),
    (
        "end before start",
        set_cell("episodes.csv", "end_date", 3, "2000-01-01"),
        ["episodes.csv, row 5", "end_date must not be before start_date", "rule period_in_order"],
    ),
    (
        "assessment before its episode",
        set_cell("risk_assessments.csv", "assessment_date", 3, "2000-01-01"),
        ["risk_assessments.csv, row 5", "assessment_date must not be before its episode's start_date"],
    ),
    (
        "assessment for an unknown episode",
        set_cell("risk_assessments.csv", "episode_id", 3, "E9999999"),
        ["risk_assessments.csv, row 5", "episode_id must be listed in episodes.csv"],
    ),
    (
        "unknown risk level",
        set_cell("risk_assessments.csv", "risk_level", 3, "Significant"),
        ["risk_assessments.csv, row 5", "risk_level must be one of High, Medium, Low, No CSE Risk", "cse risk scale"],
    ),
    (
        "unknown ward code",
        set_cell("episodes.csv", "ward_code", 3, "E05999999"),
        ["episodes.csv, row 5", "ward_code", "wards.csv", "'E05999999'"],
    ),
    (
        "unknown ethnicity",
        set_cell("episodes.csv", "ethnicity", 3, "Martian"),
        ["episodes.csv, row 5", "ethnicity", "ethnicity.csv", "'Martian'"],
    ),
    (
        "unknown gender",
        set_cell("episodes.csv", "gender", 3, "F"),
        ["episodes.csv, row 5", "gender must be one of Female, Male, Other, Unknown", "'F'"],
    ),
    (
        "unknown outcome",
        set_cell("crimes.csv", "outcome", 3, "99 SOMETHING ELSE"),
        ["crimes.csv, row 5", "outcome", "crime_outcomes.csv", "'99 SOMETHING ELSE'"],
    ),
    ("victim aged 18", set_cell("crimes.csv", "victim_age", 3, "18"), ["crimes.csv, row 5", "victim_age", "0 to 17"]),
    (
        "non-numeric age",
        set_cell("crimes.csv", "victim_age", 3, "fifteen"),
        ["crimes.csv, row 5", "victim_age must be a whole number", "'fifteen'"],
    ),
    (
        "birth after start",
        set_cell("episodes.csv", "date_of_birth", 3, "2020-01-01"),
        ["episodes.csv, row 5", "date_of_birth must not be after start_date", "rule born_before_referral"],
    ),
    (
        "suspect for an unknown crime",
        set_cell("crime_suspects.csv", "crime_id", 3, "CR9999999"),
        ["crime_suspects.csv, row 5", "crime_id must be listed in crimes.csv"],
    ),
    ("data on a second sheet", data_on_second_sheet, ["episodes.xlsx", "first sheet"]),
    # Plausibility: values of the right type that cannot be true.
    (
        "offender aged -5",
        set_cell("crime_suspects.csv", "age_at_offence", 3, "-5"),
        [
            "crime_suspects.csv, row 5: column age_at_offence must be a whole number from 0 to 110 ('-5' on row 5)",
            "rule person_age_range",
        ],
    ),
    (
        "offender aged 250",
        set_cell("crime_suspects.csv", "age_at_offence", 3, "250"),
        [
            "crime_suspects.csv, row 5: column age_at_offence must be a whole number from 0 to 110 ('250' on row 5)",
            "rule person_age_range",
        ],
    ),
    (
        "managed suspect aged -1",
        set_cell("suspect_management.csv", "age", 3, "-1"),
        [
            "suspect_management.csv, row 5: column age must be a whole number from 0 to 110 ('-1' on row 5)",
            "rule person_age_range",
        ],
    ),
    (
        "born before 1900",
        set_cell("episodes.csv", "date_of_birth", 3, "1899-12-30"),
        [
            "episodes.csv, row 5: column date_of_birth must not be before 1900-01-01 ('1899-12-30' on row 5)",
            "rule life_date_window",
        ],
    ),
    (
        "born in 1900",
        aged_at_referral(3, 113),
        [
            "episodes.csv, row 5: column date_of_birth must give an age under 25 on start_date "
            "(row 5: aged 113 at start",
            "rule child_or_young_adult_at_referral",
        ],
    ),
    (
        "a child aged 25 at referral",
        aged_at_referral(3, 25),
        [
            "episodes.csv, row 5: column date_of_birth must give an age under 25 on start_date "
            "(row 5: aged 25 at start",
            "rule child_or_young_adult_at_referral",
        ],
    ),
    (
        "one child, two dates of birth",
        one_child_two_births,
        [
            "episodes.csv, rows 5, 6: column date_of_birth must be the same on every row of one child_id "
            "(rows 5, 6: one child_id, 2 different values)",
            "rule one_birth_date_per_child",
        ],
    ),
    (
        "social care period from 1900",
        set_cell("social_care_status.csv", "start_date", 3, "1900-01-01"),
        [
            "social_care_status.csv, row 5: column start_date must not be before 1990-01-01 ('1900-01-01' on row 5)",
            "rule record_date_window",
        ],
    ),
    (
        "social care period years before birth",
        set_cell("social_care_status.csv", "start_date", 3, "1995-01-01"),
        [
            "social_care_status.csv, row 5: column start_date must not be more than 40 weeks before the date_of_birth "
            "of its child_id in episodes (row 5: start 1995-01-01",
            "rule status_not_before_birth",
        ],
    ),
    (
        "social care period ends before it starts",
        set_cell("social_care_status.csv", "end_date", 3, "2012-01-01"),
        [
            "social_care_status.csv, row 5: column end_date must not be before start_date (row 5: end 2012-01-01, "
            "start 2012-07-29)",
            "rule period_in_order",
        ],
    ),
    (
        "crime committed after it was recorded",
        set_cell("crimes.csv", "committed_date", 3, "2013-01-05"),
        [
            "crimes.csv, row 5: column committed_date must not be after recorded_date (row 5: committed 2013-01-05, "
            "recorded 2013-01-04)",
            "rule committed_before_recorded",
        ],
    ),
    (
        "a referral dated in the future",
        set_cell("episodes.csv", "start_date", 3, "2099-01-01"),
        [
            "episodes.csv, row 5: column start_date must not be after",
            "the day of the build ('2099-01-01' on row 5)",
            "rule record_date_window",
        ],
    ),
    (
        "an episode closed in the future",
        set_cell("episodes.csv", "end_date", 3, "2099-01-01"),
        ["episodes.csv, row 5: column end_date must not be after", "the day of the build ('2099-01-01' on row 5)"],
    ),
    # Files that are not what their name says, or that csv cannot finish.
    (
        "a title line above the header",
        edit_text("episodes.csv", lambda text: "Hub episodes, 2015-16\n" + text),
        [
            "episodes.csv: the header row must be the first row, but it is row 2 ('episode_id', 'child_id'",
            "(row 1: 'Hub episodes', '2015-16'): delete them",
        ],
    ),
    (
        "no header row",
        edit_text("episodes.csv", lambda text: text.split("\n", 1)[1]),
        [
            "episodes.csv: header row not found: the first row must name the columns episode_id, child_id, start_date",
            "row 1 holds 'E0000001', 'C000001', (a date)",
            "is the header row missing?",
        ],
    ),
    (
        "a NUL byte",
        set_cell("episodes.csv", "gender", 3, "Fe\x00male"),
        ["episodes.csv, row 5: column gender (column F) holds a NUL character (byte 0)"],
    ),
    (
        "a cell of a million characters",
        set_cell("crimes.csv", "offence_description", 3, "x" * 1_000_000),
        ["crimes.csv, row 5: column offence_description (column E) holds a value longer than 131,072 characters"],
    ),
    (
        "an unclosed quote",
        edit_line("crimes.csv", 5, lambda line: '"' + line),
        [
            "crimes.csv, row 5: column crime_id (column A) has a quote that opens a value and is never closed",
            "an unclosed quote?",
        ],
    ),
    (
        "a workbook named .csv",
        workbook_named_csv,
        ["episodes.csv: is an Excel workbook (.xlsx) with a .csv name: rename it episodes.xlsx"],
    ),
    (
        "a CSV file named .xlsx",
        lambda f: (f / "episodes.csv").rename(f / "episodes.xlsx"),
        ["episodes.xlsx: is not an Excel workbook: it holds text, a CSV file with an .xlsx name?"],
    ),
    (
        "UTF-16 text",
        lambda f: (f / "episodes.csv").write_bytes((f / "episodes.csv").read_text().encode("utf-16")),
        ["episodes.csv: is UTF-16 text, not UTF-8: save it from Excel as 'CSV UTF-8'"],
    ),
    (
        "formulas without a saved value",
        formulas_without_saved_values,
        [
            "episodes.xlsx, rows 3, 5: column end_date (column D) holds formulas without a saved value "
            "(cell D3: =C3+30)",
            "open the workbook in Excel and save it",
        ],
    ),
    ("a damaged workbook", damaged_workbook, ["episodes.xlsx: cannot be read as an Excel workbook"]),
    # An optional extract's name taken by something that is not a file is never "not supplied".
    ("a folder named as an extract", replace_by(Path.mkdir), ["social_care_status.csv: is a folder, not a file"]),
    (
        "a broken link",
        replace_by(lambda path: path.symlink_to(path.parent / "gone" / "status.csv")),
        ["social_care_status.csv: is a broken link: it points to 'status.csv', which does not exist"],
    ),
    (
        "a link loop",
        replace_by(lambda path: path.symlink_to(path.name)),
        ["social_care_status.csv: is a symbolic link that leads back to itself (a loop), not a file"],
    ),
    ("a named pipe", replace_by(lambda path: os.mkfifo(path)), ["social_care_status.csv: is a named pipe, not a file"]),
    (
        "a required extract in capitals",
        lambda f: (f / "episodes.csv").rename(f / "Episodes.CSV"),
        [
            "episodes: required extract missing",
            "Episodes.CSV is there: file names are case-sensitive, rename it episodes.csv",
        ],
    ),
]
