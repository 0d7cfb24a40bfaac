"""How many cores the suite may use, and how it starts worker processes: the build's section kernels and PDF,
the engine's parts of a year, the batch's year decisions.

A build uses every core unless told otherwise (`--workers N`, passed on to the processes a build starts as
HUB_WORKERS): a batch with two workers builds two reports at once, each on one core, instead of two reports
that each want both.
"""

from __future__ import annotations

import multiprocessing
import os

from helpers.errors import ParameterError

WORKERS_ENV = "HUB_WORKERS"


def worker_context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds where the platform has it (not Windows, where spawn is the way).
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def cores() -> int:
    """The cores this process may use: HUB_WORKERS when set, else the machine's."""
    given = os.environ.get(WORKERS_ENV)
    if not given:
        return os.cpu_count() or 1
    if not given.isdigit() or int(given) < 1:
        raise ParameterError(f"{WORKERS_ENV} must be a whole number of cores, 1 or more; got {given!r}")
    return int(given)


def use_cores(count: int) -> None:
    """Limit this process and every process it starts to `count` cores."""
    if count < 1:
        raise ParameterError(f"--workers must be 1 or more, got {count}")
    os.environ[WORKERS_ENV] = str(count)
