"""The `hub-report` verbs with good and bad input: the message, the exit code, and nothing written."""

from __future__ import annotations

import pytest

from helpers import cli, paths
from helpers.build import cli as build_cli


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_help_of_every_verb_has_examples(capsys):
    for verb in cli.EXAMPLES:
        with pytest.raises(SystemExit) as done:
            cli.main([verb, "--help"])
        assert done.value.code == 0
        assert "Examples:\n  hub-report " + verb in capsys.readouterr().out


def test_areas_and_sections_are_listed(capsys):
    assert run(["areas"], capsys)[1].split("\n")[:5] == [
        "Bradford East",
        "Bradford South",
        "Bradford West",
        "Keighley",
        "Shipley",
    ]
    assert run(["sections"], capsys)[1].splitlines()[0] == "strategic  1. Strategic overview"


def test_params_says_where_each_value_comes_from(capsys):
    code, out, _ = run(["params", "2015-16", "-p", "snapshot_date", "2016-03-30"], capsys)
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert code == 0
    assert lines["snapshot_date"].split()[1:] == ["2016-03-30", "-p", "on", "the", "command", "line"]
    assert lines["followup_date"].endswith("params/2015-16.yaml") and lines["area"].endswith("the default")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "--area", "bradfrd south"], "did you mean 'Bradford South'?"),
        (
            ["build", "--sections", "stratgic"],
            "section 'stratgic' is not a section; use one of: strategic, tactical, "
            "crimes, suspects, wards; did you mean 'strategic'?",
        ),
        (["build", "--year", "2031-32"], "there is no params/2031-32.yaml: copy params/2020-21.yaml"),
        (["build", "-p", "snapshot_dat", "2016-03-30"], "unknown parameter 'snapshot_dat'"),
        (["all", "--workers", "-1"], "--workers must be 1 or more, got -1"),
        (["build", "--workers", "0"], "--workers must be 1 or more, got 0"),
        (["all", "--year", "2031-32"], "there is no params/2031-32.yaml"),
        (["check", "--data", "/no/such/folder"], "does not exist"),
    ],
)
def test_a_mistake_gets_a_message_not_a_traceback_and_writes_nothing(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "outputs_dir", lambda: tmp_path / "outputs")
    code, _, err = run(argv, capsys)
    assert code == 1 and message in err and "Traceback" not in err
    assert err.startswith(("Build failed: ", "Check failed: "))
    assert not (tmp_path / "outputs").exists()


def test_check_validates_and_writes_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "outputs_dir", lambda: tmp_path / "outputs")
    code, out, _ = run(["check", "--year", "2015-16"], capsys)
    assert code == 0
    assert out.startswith("The extracts in synthetic meet the input contract:\n  episodes.csv: ")
    assert "## Data quality" in out
    assert not (tmp_path / "outputs").exists()


def test_python_m_helpers_build_takes_the_same_options(capsys):
    assert build_cli.main(["--year", "2031-32"]) == 1
    assert "there is no params/2031-32.yaml" in capsys.readouterr().err
    assert build_cli.main(["--all", "--area", "Keighley"]) == 2


def test_lab_starts_jupyterlab_on_the_notebooks(monkeypatch):
    started = []

    class Done:
        returncode = 0

    monkeypatch.setattr(cli.subprocess, "run", lambda command, cwd: started.append((command, cwd)) or Done())
    assert cli.main(["lab", "--port", "8899", "--no-browser"]) == 0
    command, cwd = started[0]
    assert command[1:3] == ["-m", "jupyterlab"] and f"--notebook-dir={paths.notebooks_dir()}" in command
    assert "--port=8899" in command and "--no-browser" in command and cwd == paths.project_root()
