"""Fixtures: a hand-made report folder (pack_folders), and one real render for the e2e tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from pack_folders import write_folder

from helpers import synthetic
from helpers.build import report
from helpers.build import run as build
from helpers.params import resolve


@pytest.fixture
def report_folder(tmp_path) -> Path:
    return write_folder(tmp_path / "report")


@pytest.fixture(scope="session")
def rendered_report(tmp_path_factory) -> tuple[Path, str]:
    """The real 2015-16 district report, rendered once from seeded synthetic data: (folder, title)."""
    data = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=7), data, "cse")
    params = resolve("2015-16", overrides={"data_dir": str(data)})
    return build.build(params, tmp_path_factory.mktemp("outputs")), report.report_title(params)
