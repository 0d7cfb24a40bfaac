"""Parameter resolution: defaults from the year, then the year's file, a YAML file, single values."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers import params
from helpers.errors import ParameterError


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
        "crime_period", [dt.date(2015, 4, 1), dt.date(2016, 5, 31)])
    assert params.parse_override("suppression_threshold", "0") == ("suppression_threshold", 0)


@pytest.mark.parametrize("values, message", [
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
])
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ParameterError, match=message):
        params.Params.from_mapping(values)


def test_round_trip_through_plain_values(tmp_path):
    resolved = params.resolve("2015-16", overrides={"followup_date": "2016-08-01", "area": "Keighley",
                                                    "crimes_from": "2014-04-01"}, params_folder=tmp_path)
    assert resolved.crimes_from == dt.date(2014, 4, 1)
    assert resolved.to_mapping()["crimes_from"] == "2014-04-01"
    assert params.Params.from_mapping(resolved.to_mapping()) == resolved


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert params.add_months(dt.date(2016, 3, 29), 4) == dt.date(2016, 7, 29)
    assert params.add_months(dt.date(2016, 10, 31), 4) == dt.date(2017, 2, 28)
