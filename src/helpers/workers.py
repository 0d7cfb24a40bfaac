"""How many cores the suite may use, and how it starts worker processes: the build's section kernels and PDF,
the engine's parts of a year, the previous year's decision beside this year's, the batch's year decisions.

A build uses every core unless told otherwise (`--workers N`, passed on to the processes a build starts as
HUB_WORKERS): a batch with two workers builds two reports at once, each on one core, instead of two reports
that each want both.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from helpers.errors import BuildError, ParameterError

T = TypeVar("T")

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


def _name(function: Callable[..., Any]) -> str:
    return getattr(function, "__name__", repr(function))


def _send_result(sending: Connection, function: Callable[..., Any], args: tuple) -> None:
    use_cores(1)  # the copy is the second line of work: the process that started it keeps its cores
    try:
        outcome = (False, function(*args))
    except BaseException as error:  # raised again in the process that waits for the result
        outcome = (True, error)
    try:
        sending.send(outcome)
    except Exception as error:  # an exception that cannot be pickled: its words still reach the caller
        sending.send((True, BuildError(f"{_name(function)} failed: {outcome[1]!r} ({error})")))
    sending.close()


@contextlib.contextmanager
def beside(function: Callable[..., T], *args: Any) -> Iterator[Callable[[], T]]:
    """Start `function(*args)` in a forked copy of this process, on one core, while this one goes on; yields
    a function that waits for its result (or raises its exception). The copy shares this process's memory,
    so large arguments (the extracts) are not copied. The call runs in turn, when its result is asked for, on
    one core, where processes cannot fork, and in a process with other threads (a Jupyter kernel), which is
    not safe to fork. A copy still running when the block ends (on an error) is stopped."""
    if cores() < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        yield functools.partial(function, *args)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(sending, function, args))
    process.start()
    sending.close()

    def result() -> T:
        try:
            failed, value = receiving.recv()
        except EOFError:
            raise BuildError(f"a worker process ended without the result of {_name(function)}") from None
        if failed:
            raise value
        return value

    try:
        yield result
    finally:
        # A copy still working, or blocked sending a result nobody will read, is stopped: never waited for.
        if process.is_alive():
            process.terminate()
        process.join()
        receiving.close()
