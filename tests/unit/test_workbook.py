"""tables.xlsx on a hand-made report folder, read back with openpyxl."""

from __future__ import annotations

import openpyxl
import pytest

from helpers.publish.folder import DisplayTable
from helpers.publish.workbook import TableText, WorkbookMeta, readable, sheet_frame, sheet_names, write_workbook
from pack_folders import TABLES, write_folder

META = WorkbookMeta(
    title="The CSE Hub: data and statistics, 2015/16",
    period="1 April 2015 to 31 March 2016",
    source="Hub episodes and risk assessments from the children's social care system",
    contact="The Hub's data team: hub.data@example.org",
    tables={
        "wards_rates": TableText("Children at risk by ward: rates per 10,000 children under 18"),
        "tactical_risk_levels": TableText(
            "Risk level of open cases, 29 March 2016", "Children open to the Hub on the snapshot day."
        ),
    },
)


@pytest.fixture
def workbook(report_folder):
    return openpyxl.load_workbook(write_workbook(report_folder, META))


def sheet_rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if any(cell is not None for cell in row)]


def table_part(sheet, first_header: str) -> list[tuple]:
    """The header row and data rows of a table sheet (below its title and notes)."""
    rows = sheet_rows(sheet)
    start = next(n for n, row in enumerate(rows) if row[0] == first_header)
    return rows[start:]


def test_cover_contents_and_notes_come_first_then_the_tables_in_the_order_given(workbook):
    assert workbook.sheetnames == [
        "Cover",
        "Contents",
        "Notes",
        "wards_rates",
        "tactical_risk_levels",
        "offenders_year_on_year",
        "wards_monthly_by_risk",
    ]


def test_the_cover_gives_title_period_source_contact_and_the_symbols(workbook):
    text = "\n".join(str(row[0]) for row in sheet_rows(workbook["Cover"]))
    for expected in (META.title, META.period, META.source, META.contact, "[c] confidential", "1 to 9", "[x]"):
        assert expected in text


def test_the_contents_links_every_table_sheet(workbook):
    contents = workbook["Contents"]
    rows = table_part(contents, "Sheet name")[1:]
    assert [row[0] for row in rows] == workbook.sheetnames[3:]
    assert rows[1][1].startswith("Risk level of open cases, 29 March 2016")
    links = {cell.value: cell.hyperlink.location for row in contents.iter_rows() for cell in row if cell.hyperlink}
    assert links["tactical_risk_levels"] == "'tactical_risk_levels'!A1"


def test_numbers_stay_numbers_and_symbols_are_the_gss_shorthand(workbook):
    sheet = workbook["tactical_risk_levels"]
    assert table_part(sheet, "Risk level") == [
        ("Risk level", "Children", "% of open cases"),
        ("High", 37, 13.3),
        ("Medium", "[c]", "[c]"),
        ("Low", 120, 43.2),
        ("Not set", "[x]", "[x]"),
        ("Total", 278, 100),
    ]
    percent = next(cell for row in sheet.iter_rows() for cell in row if cell.value == 13.3)
    assert percent.number_format == "0.0"


def test_a_title_row_with_its_notes_and_the_notes_explain_them(workbook):
    title = workbook["tactical_risk_levels"]["A1"].value
    assert title.startswith("Risk level of open cases, 29 March 2016 [note ")
    notes = {row[0]: row[1] for row in table_part(workbook["Notes"], "Note number")[1:]}
    referenced = [int(n) for n in title.split("[note ")[1:] for n in [n.rstrip("]")]]
    texts = [notes[n] for n in referenced]
    assert "Children open to the Hub on the snapshot day." in texts
    assert any(t.startswith("[c] confidential: a count from 1 to 9 is suppressed") for t in texts)
    assert any(t.startswith("[x] not applicable") for t in texts)


def test_a_table_without_a_title_is_named_from_its_file(workbook):
    assert workbook["wards_monthly_by_risk"]["A1"].value.startswith("Wards monthly by risk")
    assert readable("offenders_year_on_year") == "Offenders year on year"


def test_one_excel_table_per_sheet_with_no_merged_cells(workbook):
    for name in workbook.sheetnames:
        sheet = workbook[name]
        assert not sheet.merged_cells.ranges, name
        if name != "Cover":
            assert len(sheet.tables) == 1, name


def test_every_csv_value_is_in_its_sheet(workbook):
    for name in TABLES:
        first_header = TABLES[name].split(",", 1)[0]
        rows = table_part(workbook[name], first_header)
        assert len(rows) == TABLES[name].count("\n")
    assert table_part(workbook["wards_monthly_by_risk"], "ward_code")[4] == (
        "E05001346",
        "Bradford Moor",
        "2015-05",
        "[c]",
        12,
        15,
    )


def test_a_table_the_report_shows_empty_gets_one_row_saying_so(tmp_path):
    folder = write_folder(tmp_path / "report", tables={**TABLES, "crimes_outcomes": "Outcome,Crimes,% of CSE crimes\n"})
    sheet = openpyxl.load_workbook(write_workbook(folder, META))["crimes_outcomes"]
    assert table_part(sheet, "Outcome") == [
        ("Outcome", "Crimes", "% of CSE crimes"),
        ("No rows in this period", "[x]", "[x]"),
    ]
    assert "[note " in sheet["A1"].value


def test_no_user_name_in_the_workbook_properties(workbook):
    assert not workbook.properties.creator and not workbook.properties.lastModifiedBy
    assert workbook.properties.title == META.title


def test_long_sheet_names_are_cut_at_a_word_and_stay_unique():
    names = sheet_names(
        [
            "offenders_victim_age_by_offender_age",
            "offenders_victim_age_by_offender_sex",
            "contents",
            "tactical_risk_levels",
        ]
    )
    assert names == {
        "offenders_victim_age_by_offender_age": "offenders_victim_age_by",
        "offenders_victim_age_by_offender_sex": "offenders_victim_age_by_2",
        "contents": "contents_2",
        "tactical_risk_levels": "tactical_risk_levels",
    }
    assert all(len(name) <= 31 for name in names.values())


def test_the_same_folder_gives_the_same_workbook(report_folder, tmp_path):
    other = write_folder(tmp_path / "again")
    assert write_workbook(report_folder, META).read_bytes() == write_workbook(other, META).read_bytes()


def test_a_row_with_no_label_of_its_own_shows_x_rather_than_a_blank():
    # The area's own row of a table of wards has no ward code: the guidance wants no blank cell.
    table = DisplayTable(
        "wards_rates",
        ("ward_code", "ward_name", "rate"),
        (("E05001341", "Baildon", "13.12"), ("", "All wards of the district", "c")),
    )
    assert sheet_frame(table).to_numpy().tolist() == [
        ["E05001341", "Baildon", 13.12],
        ["[x]", "All wards of the district", "[c]"],
    ]
