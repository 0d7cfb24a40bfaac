"""Parameter resolution: defaults from the year, then the year's file, a YAML file, single values."""

from __future__ import annotations

import dataclasses
import datetime as dt

import nbformat
import pytest

from helpers import params, paths
from helpers.build import report
from helpers.build import run as build
from helpers.build.notebooks import parameters_cell, section_notebooks
from helpers.errors import ParameterError
from helpers.inputs import scope as context
from helpers.inputs.reference import load_reference


def test_defaults_follow_the_reporting_year(tmp_path):
    resolved = params.resolve("2016-17", params_folder=tmp_path)
    assert resolved.period == (dt.date(2016, 4, 1), dt.date(2017, 3, 31))
    assert resolved.snapshot_date == dt.date(2017, 3, 29)
    assert resolved.followup_date is None  # decided from the data by the tactical section
    assert resolved.crime_period == resolved.suspect_period == resolved.period
    assert resolved.non_recent_before == dt.date(2015, 1, 1)  # as the 2016-17 appendix used
    assert resolved.risk_scale == "cse" and resolved.no_risk_level == "No CSE Risk"
    assert (resolved.ward_list_min, resolved.suppression_threshold) == (10, 10)
    assert resolved.months[0] == "2016-04" and resolved.months[-1] == "2017-03" and len(resolved.months) == 12
    assert resolved.data_dir.parts[-2:] == ("data", "synthetic")
    assert resolved.crimes_from is None  # the crimes section takes the month of the first recorded crime


def test_layers_later_ones_win(tmp_path):
    (tmp_path / "2015-16.yaml").write_text("risk_scale: ce\nward_list_min: 5\nsnapshot_date: 2016-03-01\n")
    extra = tmp_path / "extra.yaml"
    extra.write_text("ward_list_min: 7\nsuspect_period: [2015-07-01, 2016-06-30]\n")
    resolved = params.resolve("2015-16", extra, {"ward_list_min": 3}, params_folder=tmp_path)
    assert resolved.risk_scale == "ce"  # from the year's file
    assert resolved.snapshot_date == dt.date(2016, 3, 1)
    assert resolved.suspect_period == (dt.date(2015, 7, 1), dt.date(2016, 6, 30))  # from the extra file
    assert resolved.ward_list_min == 3  # the single value wins


def test_without_a_year_the_latest_file_is_used(tmp_path):
    for year in ("2014-15", "2016-17", "2015-16"):
        (tmp_path / f"{year}.yaml").write_text(f"reporting_year: {year}\n")
    assert params.resolve(params_folder=tmp_path).reporting_year == "2016-17"


def test_overrides_are_read_as_yaml():
    assert params.parse_override("crime_period", "[2015-04-01, 2016-05-31]") == (
        "crime_period",
        [dt.date(2015, 4, 1), dt.date(2016, 5, 31)],
    )
    assert params.parse_override("suppression_threshold", "0") == ("suppression_threshold", 0)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"reporting_year": "2015-2016"}, "YYYY-YY"),
        ({"reporting_year": "2015-17"}, "consecutive"),
        ({"reporting_year": "2015-16", "snapshot_date": "2016-04-02"}, "outside the reporting year"),
        ({"reporting_year": "2015-16", "snapshot_date": "29/03/2016"}, "YYYY-MM-DD"),
        ({"reporting_year": "2015-16", "risk_scale": "high"}, "cse, ce"),
        ({"reporting_year": "2015-16", "suppression_threshold": -1}, "0 or more"),
        ({"reporting_year": "2015-16", "crime_period": ["2016-03-31", "2015-04-01"]}, "ends"),
        ({"reporting_year": "2015-16", "months": ["2015-13"]}, "YYYY-MM"),
        ({"reporting_year": "2015-16", "crimes_from": "April 2014"}, "crimes_from 'April 2014' is not a date"),
        ({"reporting_year": "2015-16", "colour": "red"}, "unknown parameter"),
        ({}, "reporting_year is required"),
    ],
)
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ParameterError, match=message):
        params.Params.from_mapping(values)


def test_round_trip_through_plain_values(tmp_path):
    resolved = params.resolve(
        "2015-16",
        overrides={"followup_date": "2016-08-01", "area": "Keighley", "crimes_from": "2014-04-01"},
        params_folder=tmp_path,
    )
    assert resolved.crimes_from == dt.date(2014, 4, 1)
    assert resolved.to_mapping()["crimes_from"] == "2014-04-01"
    assert params.Params.from_mapping(resolved.to_mapping()) == resolved


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert params.add_months(dt.date(2016, 3, 29), 4) == dt.date(2016, 7, 29)
    assert params.add_months(dt.date(2016, 10, 31), 4) == dt.date(2017, 2, 28)


def test_an_area_is_held_as_the_reference_spells_it(tmp_path):
    resolved = params.resolve("2015-16", overrides={"area": " bradford  SOUTH "}, params_folder=tmp_path)
    assert resolved.area == "Bradford South"
    assert build.output_folder(tmp_path, resolved) == tmp_path / "2015-16" / "bradford-south"
    assert report.report_title(resolved).endswith("2015/16 - Bradford South Area Committee")
    assert params.Params.from_mapping(resolved.to_mapping()).area == "Bradford South"


@pytest.mark.parametrize(
    ("area", "hint"),
    [
        ("Bradford Sooth", "; did you mean 'Bradford South'?"),
        ("Leeds", ""),
    ],
)
def test_an_unknown_area_lists_the_valid_ones_and_the_closest(area, hint):
    with pytest.raises(ParameterError) as raised:
        params.Params.from_mapping({"reporting_year": "2015-16", "area": area})
    assert str(raised.value) == (
        f"area {area!r} is not a constituency of the district; use one of: Bradford East, "
        f"Bradford South, Bradford West, Keighley, Shipley{hint}"
    )


def test_a_risk_scale_in_any_case_is_held_in_lower_case():
    assert params.Params.from_mapping({"reporting_year": "2019-20", "risk_scale": " CE"}).risk_scale == "ce"
    with pytest.raises(ParameterError, match="risk_scale 'cs' is not a risk scale; use one of: cse, ce; did you mean"):
        params.Params.from_mapping({"reporting_year": "2019-20", "risk_scale": "cs"})


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("snapshot_date", "2016-02-30", "snapshot_date '2016-02-30': 2016-02-30 is not a real calendar date"),
        (
            "crime_period",
            "[2015-04-01, 2016-13-01]",
            "crime_period '[2015-04-01, 2016-13-01]': 2016-13-01 is not a real calendar date",
        ),
        ("snapshot_date", "2016-03-29 23:61:00", "snapshot_date '2016-03-29 23:61:00': minute must be in 0..59"),
    ],
)
def test_an_impossible_date_on_the_command_line_is_a_parameter_error(name, text, message):
    with pytest.raises(ParameterError) as raised:
        params.parse_override(name, text)
    assert str(raised.value) == message


def test_an_impossible_date_as_text_is_named():
    with pytest.raises(ParameterError, match=r"^non_recent_before 2015-02-29 is not a real calendar date$"):
        params.Params.from_mapping({"reporting_year": "2015-16", "non_recent_before": "2015-02-29"})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"snapshot_date: 2016-03-29\nfollowup_date: 2016-07-32\n",
            r"params\.yaml, line 2: 2016-07-32 is not a real "
            r"calendar date$",
        ),
        (b"area: Bradford S\xfcd\n", r"params\.yaml is not UTF-8 text: save it as UTF-8$"),
        (b"{1: 2}\n", r"^unknown parameter\(s\) 1; the parameters are"),
    ],
)
def test_a_parameter_file_that_cannot_be_read_is_named(tmp_path, content, message):
    (tmp_path / "params.yaml").write_bytes(content)
    with pytest.raises(ParameterError, match=message):
        params.resolve("2015-16", tmp_path / "params.yaml", params_folder=tmp_path)


def test_a_parameter_file_that_is_a_folder(tmp_path):
    (tmp_path / "params.yaml").mkdir()
    with pytest.raises(ParameterError, match=r"params\.yaml is a folder, not a file$"):
        params.resolve("2015-16", tmp_path / "params.yaml", params_folder=tmp_path)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (5, "data_dir must be the path of a folder, got 5"),
        (["data"], r"data_dir must be the path of a folder, got \['data'\]"),
        ("~no-such-user-here/extracts", "data_dir '~no-such-user-here/extracts': "),
    ],
)
def test_a_data_folder_that_is_not_a_path(value, message):
    with pytest.raises(ParameterError, match=message):
        params.Params.from_mapping({"reporting_year": "2015-16", "data_dir": value})


def test_an_area_in_any_case_resolves_to_its_wards():
    reference = load_reference()
    keighley = sorted(reference.wards.loc[reference.wards["constituency"] == "Keighley", "ward_code"])
    assert len(keighley) == 6
    assert context.area_wards(reference, " KEIGHLEY") == keighley


def test_every_parameter_is_declared_once_in_the_defaults_file():
    declared = params.declarations()
    assert params.parameter_names() == tuple(field.name for field in dataclasses.fields(params.Params))
    assert declared["snapshot_date"].default == "{second_year}-03-29"
    assert declared["ward_list_min"].minimum == 1
    contract = (paths.project_root() / "docs" / "input-contract.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in contract for name in declared)  # each one explained to readers


def test_a_default_names_the_reporting_year_and_the_threshold():
    resolved = params.Params.from_mapping({"reporting_year": "2017-18", "suppression_threshold": 7})
    assert resolved.non_recent_before == dt.date(2016, 1, 1)
    assert resolved.crime_period == (dt.date(2017, 4, 1), dt.date(2018, 3, 31))
    assert resolved.protection_range == 4  # 7 / 2 rounded up
    assert resolved.months[:2] == ("2017-04", "2017-05") and resolved.months[-1] == "2018-03"


def test_a_malformed_declaration_is_named(tmp_path):
    (tmp_path / "defaults.yaml").write_text("area:\n  kind: place\n  default: null\n  meaning: where\n")
    with pytest.raises(ParameterError, match=r"defaults\.yaml: parameter area has an unknown kind 'place'"):
        params.read_declarations(tmp_path / "defaults.yaml")
    (tmp_path / "defaults.yaml").write_text("area:\n  kind: area\n")
    with pytest.raises(ParameterError, match="parameter area needs a kind, a default and a meaning"):
        params.read_declarations(tmp_path / "defaults.yaml")


def test_the_notebooks_parameters_cells_hold_the_latest_years_values():
    latest = params.resolve()
    source = params.parameters_cell_source(latest)
    namespace: dict = {}
    exec(source, namespace)  # the cell an analyst runs by hand
    assert namespace["reporting_year"] == latest.reporting_year == params.available_years()[-1]
    assert namespace["data_dir"] == "data/synthetic/ce"  # no path of this machine
    assert context.params_from_notebook(namespace) == latest
    for path in section_notebooks(paths.notebooks_dir()):
        assert parameters_cell(nbformat.read(path, as_version=4)).source == source, (
            f"{path.name}: run `make cells` after changing params/"
        )
