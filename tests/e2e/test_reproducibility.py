"""Same inputs, same report; builds running side by side do not meet; a killed build loses nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from helpers import paths, synthetic
from helpers.build import run as build
from helpers.build.staging import TARGET_FILE, recover_interrupted_builds
from helpers.params import resolve

RUN_TIME = re.compile(r'<th scope="row">Built</th>\s*<td>[^<]*</td>')


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=9), folder, "cse")
    return folder


def _files(folder: Path, pattern: str) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.glob(pattern)) if p.is_file()}


def _build_command(year: str, data_dir: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "helpers.build",
        "--year",
        year,
        "--data",
        str(data_dir),
        "--out",
        str(out),
        "--sections",
        "strategic",
    ]


@pytest.fixture(scope="module")
def first_build(data_dir, tmp_path_factory) -> Path:
    return build.build(resolve("2015-16", overrides={"data_dir": str(data_dir)}), tmp_path_factory.mktemp("first"))


def test_two_builds_of_the_same_inputs_are_identical(first_build, data_dir, tmp_path):
    second = build.build(resolve("2015-16", overrides={"data_dir": str(data_dir)}), tmp_path)
    assert _files(second, "tables/*.csv") == _files(first_build, "tables/*.csv")
    assert (second / "figures.json").read_bytes() == (first_build / "figures.json").read_bytes()
    assert (second / "headlines.md").read_bytes() == (first_build / "headlines.md").read_bytes()
    assert (second / "report.html").read_bytes() == (first_build / "report.html").read_bytes()  # charts embedded
    first_page, second_page = ((f / "technical.html").read_text() for f in (first_build, second))
    assert RUN_TIME.search(first_page), "the run-time line the comparison leaves out has moved"
    assert RUN_TIME.sub("", second_page) == RUN_TIME.sub("", first_page)


def test_builds_of_two_years_at_once_do_not_interfere(first_build, data_dir, tmp_path):
    runs = [
        subprocess.Popen(
            _build_command(year, data_dir, tmp_path),
            cwd=paths.project_root(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for year in ("2015-16", "2016-17")
    ]
    for run in runs:
        output, _ = run.communicate(timeout=600)
        assert run.returncode == 0, output
    assert _files(tmp_path / "2015-16", "tables/strategic_*.csv") == _files(first_build, "tables/strategic_*.csv")
    assert (tmp_path / "2016-17" / "report.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["2015-16", "2016-17"]


def test_a_killed_build_leaves_the_previous_report_intact(data_dir, tmp_path):
    subprocess.run(
        _build_command("2015-16", data_dir, tmp_path), cwd=paths.project_root(), check=True, capture_output=True
    )
    before = _files(tmp_path / "2015-16", "**/*")
    # --fresh: with nothing changed the build would reuse the section and finish before it could be killed.
    run = subprocess.Popen(
        [*_build_command("2015-16", data_dir, tmp_path), "--fresh"],
        cwd=paths.project_root(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    for line in run.stdout:
        if "running" in line:
            break
    time.sleep(1.0)  # the kernel is executing the section
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert _files(tmp_path / "2015-16", "**/*") == before
    visible = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert visible == ["2015-16"], "a partial folder could be mistaken for a finished report"
    assert all(
        "building" in p.name or p.name == ".cache" for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir()
    )

    subprocess.run(
        _build_command("2016-17", data_dir, tmp_path), cwd=paths.project_root(), check=True, capture_output=True
    )
    assert not list(tmp_path.glob(".building-*")), "the next build clears what the killed one left"


def test_the_next_build_undoes_a_swap_killed_half_way(data_dir, tmp_path):
    district = build.build(resolve("2015-16", overrides={"data_dir": str(data_dir)}), tmp_path, only=["strategic"])
    (district / "keighley").mkdir()
    (district / "keighley" / "report.html").write_text("the Keighley report")
    before = (district / "report.html").read_bytes()
    # A district build killed between its two renames: the area folder carried into its staging
    # folder, the old report moved aside, the new one not yet in place. Its lock file is left behind,
    # but no process holds it any more.
    staging = tmp_path / ".building-2015-16-0badc0ffee00"
    (staging / "sections").mkdir(parents=True)
    (staging / TARGET_FILE).write_text("2015-16")
    (tmp_path / ".build-0badc0ffee00.lock").write_text("")
    (district / "keighley").rename(staging / "keighley")
    district.rename(tmp_path / ".replaced-2015-16-0badc0ffee00")

    recover_interrupted_builds(tmp_path)
    assert (district / "report.html").read_bytes() == before
    assert (district / "keighley" / "report.html").read_text() == "the Keighley report"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith((".lock", ".cache"))) == ["2015-16"]


def test_a_live_builds_folder_is_left_alone_until_its_lock_is_free(tmp_path):
    """The portable liveness test: a build holds its lock file while it runs; the lock is free once it ends."""
    staging = tmp_path / ".building-2016-17-00c0ffee0000"
    (staging / "sections").mkdir(parents=True)
    lock = FileLock(str(tmp_path / ".build-00c0ffee0000.lock"))
    with lock:
        recover_interrupted_builds(tmp_path)
        assert staging.is_dir(), "a running build's staging folder was taken for a dead one"
    recover_interrupted_builds(tmp_path)
    assert not staging.exists() and not (tmp_path / ".build-00c0ffee0000.lock").exists()
