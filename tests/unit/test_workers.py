"""How many cores a build may use, and report.pdf laid out beside the rest of the build or in turn."""

from __future__ import annotations

import os

import pytest
from pypdf import PdfReader

from helpers import workers
from helpers.build.outputs import background_pdf
from helpers.errors import ParameterError
from pack_folders import TITLE


def test_a_build_uses_every_core_unless_told(monkeypatch):
    monkeypatch.delenv(workers.WORKERS_ENV, raising=False)
    assert workers.cores() == (os.cpu_count() or 1)
    monkeypatch.setenv(workers.WORKERS_ENV, "3")
    assert workers.cores() == 3


def test_use_cores_reaches_the_processes_a_build_starts(monkeypatch):
    monkeypatch.delenv(workers.WORKERS_ENV, raising=False)
    workers.use_cores(1)
    assert os.environ[workers.WORKERS_ENV] == "1" and workers.cores() == 1


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5"])
def test_a_wrong_number_of_cores_is_named(given, monkeypatch):
    monkeypatch.setenv(workers.WORKERS_ENV, given)
    with pytest.raises(ParameterError, match=f"HUB_WORKERS must be a whole number of cores, 1 or more; got '{given}'"):
        workers.cores()
    with pytest.raises(ParameterError, match="--workers must be 1 or more, got 0"):
        workers.use_cores(0)


@pytest.mark.parametrize("cores", ["1", "2"])
def test_the_pdf_is_written_in_turn_on_one_core_and_beside_the_build_on_two(cores, report_folder, monkeypatch):
    monkeypatch.setenv(workers.WORKERS_ENV, cores)
    said = []
    with background_pdf() as pdf:
        assert (pdf._pool is None) == (cores == "1")
        pdf.start(report_folder, TITLE)
        pdf.finish(said.append)
    assert said == []
    assert TITLE in PdfReader(report_folder / "report.pdf").pages[0].extract_text()
