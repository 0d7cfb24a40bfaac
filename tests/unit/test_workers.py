"""How many cores a build may use, and report.pdf laid out beside the rest of the build or in turn."""

from __future__ import annotations

import functools
import multiprocessing
import os
import time

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
    monkeypatch.setenv(workers.WORKERS_ENV, "2")  # so that the test's change is undone after it
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


def _square_of_the_sum(values: list[int]) -> int:
    return sum(values) ** 2


def _refuse(reason: str) -> None:
    raise ParameterError(reason)


def _pid() -> int:
    return os.getpid()


@pytest.mark.parametrize("cores", ["1", "2"])
def test_a_call_beside_gives_its_result_or_raises_its_error(cores, monkeypatch):
    monkeypatch.setenv(workers.WORKERS_ENV, cores)
    with workers.beside(_square_of_the_sum, [1, 2, 3]) as result, workers.beside(_pid) as where:
        assert result() == 36
        assert (where() == os.getpid()) == (cores == "1")  # on two cores, in a process of its own
    with workers.beside(_refuse, "no such year") as refused, pytest.raises(ParameterError, match="no such year"):
        refused()


def _large_result() -> dict[str, bool]:
    return {f"count {number}": number % 2 == 0 for number in range(100_000)}  # far more than a pipe holds


def _fail_beside(function) -> None:
    with workers.beside(function):
        if function is _large_result:
            time.sleep(2)  # its result is ready, and the copy is blocked sending it
        raise ParameterError("the caller failed")


@pytest.mark.parametrize("function", [_large_result, functools.partial(time.sleep, 60)], ids=["finished", "working"])
def test_a_call_beside_is_stopped_when_the_caller_fails(function, monkeypatch):
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    started = time.monotonic()
    with pytest.raises(ParameterError, match="the caller failed"):
        _fail_beside(function)
    assert time.monotonic() - started < 30  # the copy was stopped, not waited for
    assert multiprocessing.active_children() == []
