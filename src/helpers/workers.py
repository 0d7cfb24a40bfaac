"""How the suite starts worker processes: the build's section kernels and PDF, the engine's parts of a year."""

from __future__ import annotations

import multiprocessing


def worker_context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds where the platform has it (not Windows, where spawn is the way).
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
