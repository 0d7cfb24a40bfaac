"""The catalogue of bad inputs an analyst meets: each stops the build with a specific message and leaves outputs/ alone.

The catalogue runs through the command line (`helpers.build.main`), as a user meets it: the message is one
line of `Build failed: ...` holding the file, row, column and rule, and never a traceback.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_extracts import CATALOGUE, one_child_two_births, read_extract, replace_by
from helpers import paths, synthetic
from helpers.build import cli
from helpers.build import run as build
from helpers.errors import InputError, ParameterError, ReportError
from helpers.inputs.loading import load_extracts
from helpers.params import resolve


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


def build_failure(argv: list[str], out_root: Path, capsys) -> str:
    """Run the command line; it must fail with one `Build failed:` message and no traceback. Returns the message."""
    code = cli.main([*argv, "--out", str(out_root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1, f"exit code {code}: {out}{err}"
    assert err.startswith("Build failed: ")
    return err


def message_line(message: str, parts: list[str]) -> str:
    """The one line of the message holding every part: file, rows, column, expectation and rule together."""
    lines = [line for line in message.splitlines() if all(part in line for part in parts)]
    assert len(lines) == 1, f"expected one line with {parts} in:\n{message}"
    return lines[0]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_bad_extract_stops_the_build_with_a_specific_message(
    mutate, expected, valid_folder, previous_report, tmp_path, capsys
):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    mutate(data)
    message = build_failure(["--year", "2015-16", "--data", str(data)], previous_report, capsys)
    message_line(message, expected)
    _assert_untouched(previous_report)


def test_a_date_of_birth_is_never_quoted_when_a_child_has_two(valid_folder, previous_report, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    births = read_extract(data, "episodes.csv").loc[[3, 4], "date_of_birth"].tolist()
    one_child_two_births(data)
    message = build_failure(["--year", "2015-16", "--data", str(data)], previous_report, capsys)
    assert not any(birth in message for birth in births) and "C9999999" not in message


def _deny_reading(name: str, monkeypatch) -> None:
    read_bytes = pathlib.Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)


def test_an_extract_that_cannot_be_read(valid_folder, previous_report, tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    _deny_reading("crimes.csv", monkeypatch)
    message = build_failure(["--year", "2015-16", "--data", str(data)], previous_report, capsys)
    message_line(message, ["crimes.csv: cannot be read: permission denied (ask for read access"])
    _assert_untouched(previous_report)


PARAMETER_CATALOGUE: list[tuple[str, list[str], list[str]]] = [
    (
        "an impossible snapshot date",
        ["-p", "snapshot_date", "2016-02-30"],
        ["snapshot_date '2016-02-30': 2016-02-30 is not a real calendar date"],
    ),
    (
        "an impossible date in a period",
        ["-p", "crime_period", "[2015-04-01, 2015-06-31]"],
        ["crime_period '[2015-04-01, 2015-06-31]': 2015-06-31 is not a real calendar date"],
    ),
    (
        "a date that is not ISO",
        ["-p", "snapshot_date", "29/03/2016"],
        ["snapshot_date '29/03/2016' is not a date written YYYY-MM-DD"],
    ),
    ("a data folder given as a number", ["-p", "data_dir", "5"], ["data_dir must be the path of a folder, got 5"]),
    (
        "a misspelt area",
        ["--area", "bradford sooth"],
        [
            "area 'bradford sooth' is not a constituency of the district; use one of: Bradford East, Bradford South, "
            "Bradford West, Keighley, Shipley; did you mean 'Bradford South'?"
        ],
    ),
    (
        "an unknown risk scale",
        ["-p", "risk_scale", "CSX"],
        ["risk_scale 'CSX' is not a risk scale; use one of: cse, ce"],
    ),
    (
        "a column_map for an unknown extract",
        ["-p", "column_map", "{episode: {Ref: episode_id}}"],
        ["column_map: 'episode' is not an extract; use one of: episodes, risk_assessments", "did you mean 'episodes'?"],
    ),
    ("an unknown parameter", ["-p", "colour", "red"], ["unknown parameter 'colour'"]),
    ("a malformed year", ["--year", "2015/16"], ["reporting_year '2015/16' is not a financial year written YYYY-YY"]),
]


@pytest.mark.parametrize(
    ("argv", "expected"), [c[1:] for c in PARAMETER_CATALOGUE], ids=[c[0] for c in PARAMETER_CATALOGUE]
)
def test_bad_parameter_stops_the_build_with_a_specific_message(argv, expected, valid_folder, previous_report, capsys):
    year = [] if "--year" in argv else ["--year", "2015-16"]
    data = [] if "data_dir" in argv else ["--data", str(valid_folder)]  # --data would win over -p data_dir
    message = build_failure([*year, *data, *argv], previous_report, capsys)
    message_line(message, expected)
    _assert_untouched(previous_report)


PARAMETER_FILES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    (
        "an impossible date",
        lambda path: path.write_text("followup_date: 2016-07-01\nsnapshot_date: 2016-02-30\n"),
        ["params.yaml, line 2: 2016-02-30 is not a real calendar date"],
    ),
    (
        "not UTF-8",
        lambda path: path.write_bytes("area: Bradford S\xfcd\n".encode("latin-1")),
        ["params.yaml is not UTF-8 text: save it as UTF-8"],
    ),
    ("a folder", Path.mkdir, ["params.yaml is a folder, not a file"]),
    ("not YAML", lambda path: path.write_text("area: [Keighley\n"), ["params.yaml is not valid YAML"]),
    ("a list", lambda path: path.write_text("- area\n- Keighley\n"), ["params.yaml must hold name: value pairs"]),
    ("a name that is a number", lambda path: path.write_text("1: Keighley\n"), ["unknown parameter(s) 1"]),
]


@pytest.mark.parametrize(("write", "expected"), [c[1:] for c in PARAMETER_FILES], ids=[c[0] for c in PARAMETER_FILES])
def test_bad_parameter_file_stops_the_build_with_a_specific_message(
    write, expected, valid_folder, previous_report, tmp_path, capsys
):
    write(tmp_path / "params.yaml")
    argv = ["--year", "2015-16", "--data", str(valid_folder), "--params", str(tmp_path / "params.yaml")]
    message_line(build_failure(argv, previous_report, capsys), expected)
    _assert_untouched(previous_report)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["-p", "snapshot_date", "2016-02-30"], "Build failed: snapshot_date '2016-02-30': 2016-02-30 is not a real"),
        (["--data", "{folder}"], "Build failed: The extracts in"),
    ],
)
def test_the_command_line_reports_without_a_traceback(argv, expected, valid_folder, previous_report, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    replace_by(Path.mkdir)(data)
    argv = [arg.replace("{folder}", str(data)) for arg in argv]
    done = subprocess.run(
        [sys.executable, "-m", "helpers.build", "--year", "2015-16", *argv, "--out", str(previous_report)],
        cwd=paths.project_root(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.startswith(expected)
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


@pytest.mark.parametrize(
    ("year", "overrides", "message"),
    [
        ("2015/16", {}, "YYYY-YY"),
        ("2015-16", {"snapshot_date": "2016-04-30"}, "outside the reporting year"),
    ],
)
def test_bad_parameters_stop_before_anything_is_read(year, overrides, message):
    with pytest.raises(ParameterError, match=message):
        resolve(year, overrides=overrides)


@pytest.mark.parametrize(
    ("prefix", "note"),
    [
        ("sep=,\n", "episodes.csv starts with Excel's 'sep=,' line; it was skipped"),
        ("", "episodes.csv is semicolon-delimited, not comma-separated; read as such"),
    ],
)
def test_files_excel_writes_in_other_shapes_are_read_with_a_note(prefix, note, valid_folder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    episodes = read_extract(data, "episodes.csv")
    delimiter = "," if prefix else ";"
    (data / "episodes.csv").write_text(prefix + episodes.to_csv(index=False, sep=delimiter))
    extracts = load_extracts(data, "cse")
    assert extracts.episodes["episode_id"].tolist() == episodes["episode_id"].tolist()
    assert any(n.startswith(note) for n in extracts.notes)


@pytest.mark.parametrize(
    ("encode", "note"),
    [
        (lambda text: text.encode("cp1252"), "Windows-1252"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "byte-order mark"),
    ],
)
def test_files_as_excel_writes_them_are_read_with_a_note(encode, note, valid_folder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(valid_folder, data)
    crimes = read_extract(data, "crimes.csv")
    crimes.loc[0, "offence_description"] = "Sexual grooming \u2013 online"  # an en dash: 0x96 in Windows-1252
    (data / "crimes.csv").write_bytes(encode(crimes.to_csv(index=False)))
    extracts = load_extracts(data, "cse")
    assert extracts.crimes.loc[0, "offence_description"] == "Sexual grooming \u2013 online"
    assert any(note in n and "crimes.csv" in n for n in extracts.notes)


def test_an_unknown_area_lists_the_valid_ones(valid_folder, previous_report):
    with pytest.raises(ReportError, match="Bradford East, Bradford South, Bradford West, Keighley, Shipley"):
        build.build(resolve("2015-16", overrides={"data_dir": str(valid_folder), "area": "Leeds"}), previous_report)
    _assert_untouched(previous_report)
