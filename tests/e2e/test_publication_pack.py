"""The publication pack on the real 2015-16 district report, rendered once (conftest.rendered_report)."""

from __future__ import annotations

import csv
import json

import openpyxl
from pypdf import PdfReader

from helpers.publish.changes import compare, write_changes
from helpers.publish.folder import parse_cell
from helpers.publish.pdf import write_pdf
from helpers.publish.tidy import write_tidy
from helpers.publish.workbook import WorkbookMeta, write_workbook
from pack_folders import assert_tidy_agrees_with_the_display_csvs, read_values


def test_report_pdf_opens_and_carries_the_title(rendered_report):
    folder, title = rendered_report
    reader = PdfReader(write_pdf(folder, title))
    pages = len(reader.pages)
    print(f"report.pdf of the 2015-16 district report: {pages} A4 pages")
    assert title in reader.pages[0].extract_text()
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    assert 1 < pages <= 25  # the district budget (test_committee_reading checks every report of two years)


def sheet_value(text: str) -> object:
    """What the workbook should hold for one cell of a display CSV."""
    cell = parse_cell(text)
    if cell.symbol:
        return f"[{cell.symbol}]"
    return cell.number if cell.number is not None else cell.text


def test_tables_xlsx_holds_every_csv_with_the_same_values(rendered_report):
    folder, title = rendered_report
    meta = WorkbookMeta(
        title=title, period="1 April 2015 to 31 March 2016", source="synthetic extracts", contact="The Hub's data team"
    )
    workbook = openpyxl.load_workbook(write_workbook(folder, meta))
    assert workbook.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    csv_names = sorted(path.name for path in (folder / "tables").glob("*.csv"))
    shown = []
    for sheet_name in workbook.sheetnames[3:]:
        sheet = workbook[sheet_name]
        [table] = sheet.tables.values()
        file_line = next(cell.value for cell in sheet["A"] if str(cell.value).startswith("Also published as "))
        path = folder / file_line.removeprefix("Also published as ")
        shown.append(path.name)
        with path.open(encoding="utf-8", newline="") as handle:
            header, *body = list(csv.reader(handle))
        cells = [[cell.value for cell in row] for row in sheet[table.ref]]
        assert cells[0] == header
        for row, expected in zip(cells[1:], body, strict=True):
            assert [str(row[0]), *row[1:]] == [expected[0] or "[x]"] + [sheet_value(text) for text in expected[1:]]
    assert sorted(shown) == csv_names


def test_the_tidy_file_agrees_with_every_display_csv(rendered_report):
    folder, _ = rendered_report
    write_tidy(folder)
    assert_tidy_agrees_with_the_display_csvs(folder)
    fields = json.loads((folder / "tidy" / "metadata.json").read_text(encoding="utf-8"))["schema"]["fields"]
    [units] = [field["constraints"]["enum"] for field in fields if field["name"] == "unit"]
    rows = read_values(folder)
    assert {row["unit"] for row in rows} - {""} <= set(units)
    assert all(row["unit"] for row in rows if row["value"])


def test_changes_of_a_first_render_and_of_an_unchanged_one(rendered_report):
    folder, _ = rendered_report
    markdown_path, html_path = write_changes(None, folder)
    assert "first render of this folder" in markdown_path.read_text(encoding="utf-8")
    assert html_path.exists()
    unchanged = compare(folder, folder)
    assert (unchanged.cells, unchanged.figures, unchanged.inputs, unchanged.parameters) == ((), (), (), ())
