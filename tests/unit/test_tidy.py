"""tidy/published_values.csv and its metadata, on a hand-made report folder."""

from __future__ import annotations

import csv
import json

import pytest

from helpers.publish import tidy
from pack_folders import FIGURES, assert_tidy_agrees_with_the_display_csvs, read_values


def find(rows: list[dict[str, str]], table: str, row: str, column: str) -> dict[str, str]:
    [found] = [r for r in rows if (r["table"], r["row"], r["column"]) == (table, row, column)]
    return found


def test_a_count_is_its_number_with_the_unit_of_its_column(report_folder):
    tidy.write_tidy(report_folder)
    high = find(read_values(report_folder), "tactical_risk_levels", "High", "Children")
    assert (high["value"], high["unit"], high["symbol"], high["text"], high["row_number"]) == (
        "37",
        "children",
        "",
        "",
        "1",
    )


def test_suppressed_and_blank_cells_carry_their_symbol_and_no_value(report_folder):
    tidy.write_tidy(report_folder)
    rows = read_values(report_folder)
    medium = find(rows, "tactical_risk_levels", "Medium", "% of open cases")
    not_set = find(rows, "tactical_risk_levels", "Not set", "Children")
    assert (medium["value"], medium["symbol"], medium["unit"]) == ("", "c", "percent")
    assert (not_set["value"], not_set["symbol"], not_set["unit"]) == ("", "x", "children")


def test_units_follow_the_header_then_the_row_then_the_section(report_folder):
    tidy.write_tidy(report_folder)
    rows = read_values(report_folder)
    assert find(rows, "offenders_year_on_year", "Persons", "This period")["unit"] == "persons"
    assert find(rows, "offenders_year_on_year", "Female", "A year earlier")["unit"] == "offender links"
    assert find(rows, "wards_rates", "E05001346", "rate_per_10k")["unit"] == "rate per 10,000 children"
    assert find(rows, "wards_rates", "E05001346", "lower_95")["unit"] == "rate per 10,000 children"
    assert find(rows, "wards_rates", "E05001346", "average_at_risk")["unit"] == "children a month"
    assert find(rows, "wards_rates", "E05001346", "population_under_18")["unit"] == "children"


def test_words_are_text_without_a_unit(report_folder):
    tidy.write_tidy(report_folder)
    rows = read_values(report_folder)
    higher = find(rows, "wards_rates", "E05001346", "compared_with_district")
    assert (higher["value"], higher["text"], higher["unit"], higher["symbol"]) == ("", "higher", "", "")


def test_rows_with_the_same_label_are_told_apart_by_their_number(report_folder):
    tidy.write_tidy(report_folder)
    rows = read_values(report_folder)
    medium = [
        r for r in rows if (r["table"], r["row"], r["column"]) == ("wards_monthly_by_risk", "E05001346", "Medium")
    ]
    months = {
        r["row_number"]: r["text"] for r in rows if (r["table"], r["column"]) == ("wards_monthly_by_risk", "month")
    }
    assert [(months[r["row_number"]], r["value"]) for r in medium] == [("2015-04", "14"), ("2015-05", "12")]


def test_every_figure_is_a_row_of_table_figures(report_folder):
    tidy.write_tidy(report_folder)
    rows = read_values(report_folder)
    figures = {r["row"]: (r["value"], r["unit"], r["symbol"], r["text"]) for r in rows if r["table"] == "figures"}
    assert list(figures) == list(FIGURES)
    assert figures["tactical.risk_high_pct"] == ("13.3", "percent", "", "")
    assert figures["tactical.open_cases"] == ("278", "children", "", "")
    assert figures["crimes.no_crime"] == ("", "crimes", "c", "")
    assert figures["strategic.projected_new_referrals"] == ("", "episodes", "x", "")
    assert figures["strategic.trend"] == ("", "", "", "still rising")
    assert figures["wards.district_rate_per_10k"] == ("8.29", "rate per 10,000 children", "", "")


def test_the_tidy_file_agrees_with_the_display_csvs_cell_for_cell(report_folder):
    tidy.write_tidy(report_folder)
    assert_tidy_agrees_with_the_display_csvs(report_folder)


def test_the_agreement_check_notices_a_changed_cell(report_folder):
    tidy.write_tidy(report_folder)
    path = report_folder / "tidy" / "published_values.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("High,Children,37,", "High,Children,38,", 1), encoding="utf-8"
    )
    with pytest.raises(AssertionError):
        assert_tidy_agrees_with_the_display_csvs(report_folder)


def test_the_metadata_describes_every_column_and_the_values_keep_to_it(report_folder):
    values_path, metadata_path = tidy.write_tidy(report_folder)
    assert (values_path.name, metadata_path.name) == ("published_values.csv", "metadata.json")
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    fields = metadata["schema"]["fields"]
    with values_path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert [f["name"] for f in fields] == header == list(tidy.COLUMNS)
    assert all(f["type"] in ("string", "number", "integer") and f["description"] for f in fields)
    assert metadata["path"] == "published_values.csv"
    rows = read_values(report_folder)
    enums = {f["name"]: f["constraints"]["enum"] for f in fields if "enum" in f.get("constraints", {})}
    assert {r["unit"] for r in rows} - {""} <= set(enums["unit"])
    assert {r["symbol"] for r in rows} - {""} <= set(enums["symbol"])
    assert all(isinstance(float(r["value"]), float) for r in rows if r["value"])
    key = metadata["schema"]["primaryKey"]
    assert len({tuple(r[k] for k in key) for r in rows}) == len(rows)


@pytest.mark.parametrize(
    ("table", "header", "row", "unit"),
    [
        ("tactical_risk_levels", "% of open cases", "High", "percent"),
        ("wards_comparison", "95% interval, lower", "Keighley West", "rate per 10,000 children"),
        ("wards_comparison", "Children at risk, average a month", "Keighley West", "children a month"),
        ("wards_comparison", "Compared with district (95%)", "Keighley West", "children"),
        ("strategic_monthly_referrals", "Average of the last 12 months", "Apr 2015", "episodes a month"),
        ("crimes_year_on_year", "Change", "CSE crimes", "crimes"),
        ("management_risk_levels", "Occurrences", "High", "occurrences"),
        ("wards_monthly_at_risk", "2015-04", "E05001341", "children"),
        ("new_section_table", "Total", "All", "count"),
    ],
)
def test_column_unit(table, header, row, unit):
    assert tidy.column_unit(table, header, row) == unit
