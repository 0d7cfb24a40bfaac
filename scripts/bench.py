"""The benchmark of the build: `make bench` (or `python scripts/dev.py bench`). Not a test: it measures.

Prints, each figure the median of RUNS runs with its range, and each target beside its figure:
  floor, full      the section notebooks reduced to their imports, built the same way (load, decide the year's
                   disclosure, run, stitch, write), and the default report (2020-21, the district); both fresh,
                   then both again with the year's decisions taken before, as every later build finds them
  ratio            full / floor
  edit             the whole report again after a narrative edit in one section, against that section built
                   on its own (--sections)
  all, 1 and 2     every report of one year (--all --year Y) into an empty outputs folder, one worker and two
  machine          how much more work two processes do at once than one on this machine (a memory-bound
                   task, as much of the build's is), to read the batch's speed-up against
  scale 10, 100    the default build on 10 and 100 times the synthetic data, fresh: wall time, and the peak
                   memory of the build and its kernels together (sampled) and of the largest one process

Every build runs in a copy of the project in a temporary folder, so the benchmark never touches outputs/.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
YEAR = "2020-21"
COPIED = ("pyproject.toml", "params", "notebooks", "data/reference")
SCALE_TARGETS = {10: "2 x", 100: "6 x"}
SCALES = tuple(SCALE_TARGETS)
EDITED = "01_strategic"
DATA = ROOT / "data" / "synthetic" / "ce"


def project_copy(where: Path) -> Path:
    """A copy of the project to build in: its own outputs/ and notebooks/, the same installed helpers."""
    for name in COPIED:
        source, target = ROOT / name, where / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return where


def imports_only(notebooks: Path) -> None:
    """Each section notebook reduced to its parameters cell, the cell that imports and opens the section and
    the section's heading (the report's contents link to it)."""
    for path in notebooks.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        heading = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
        notebook["cells"] = [*code[:2], heading]
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


class TreeMemory:
    """The peak memory of a process and all its descendants together (the build, its kernels and the engine's
    workers), sampled while it runs: the kernels come and go, so only sampling sees them side by side. Each
    process counts its proportional share of the pages it shares (PSS), so forked workers are not counted
    twice for the parent's pages."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            total = 0
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    total += process.memory_full_info().pss
            except psutil.Error:
                continue
            self.peak_bytes = max(self.peak_bytes, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_bytes / 2**20


PEAKS_MB: list[float] = []


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    PEAKS_MB.append(memory.stop())
    if process.returncode:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{stderr[-2000:]}")
    return seconds, stdout


def largest_process_megabytes() -> float:
    """The largest resident set of any one process the benchmark has waited for so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def median_with_range(values: list[float], unit: str = "s") -> str:
    return f"{statistics.median(values):7.1f} {unit} (range {min(values):.1f} to {max(values):.1f})"


def build(project: Path, *options: str) -> tuple[float, str]:
    return timed([sys.executable, "-m", "helpers.build", "--fresh", *options], project)


def render(project: Path, *options: str) -> tuple[float, str]:
    """A build that reuses what it can, as an analyst's re-render does."""
    return timed([sys.executable, "-m", "helpers.build", "--year", YEAR, "--data", str(DATA), *options], project)


def edit_notebook(notebook: Path, words: str) -> None:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    markdown = next(c for c in content["cells"] if c["cell_type"] == "markdown")
    markdown["source"] = [*markdown["source"], f"\n{words}"]
    notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")


def _memory_bound_task() -> None:
    import numpy

    values = numpy.random.default_rng(0).random(20_000_000)
    for _ in range(8):
        numpy.sort(values[:5_000_000])
        values = values * 1.000001 + 1


def _seconds_with(processes: int) -> float:
    started = time.monotonic()
    running = [multiprocessing.Process(target=_memory_bound_task) for _ in range(processes)]
    for process in running:
        process.start()
    for process in running:
        process.join()
    return time.monotonic() - started


def parallel_throughput() -> float:
    """The work two processes at once get done, against one alone: 2.0 where the cores share nothing."""
    one = statistics.median(_seconds_with(1) for _ in range(RUNS))
    two = statistics.median(_seconds_with(2) for _ in range(RUNS))
    return 2 * one / two


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured, also into a file
    print(
        f"Benchmark of the build, {RUNS} runs each, on {platform.platform()} with {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        base = Path(folder)
        data = DATA
        full = project_copy(base / "full")
        floor = project_copy(base / "floor")
        imports_only(floor / "notebooks")
        floors = [build(floor, "--year", YEAR, "--data", str(data))[0] for _ in range(RUNS)]
        fulls = [build(full, "--year", YEAR, "--data", str(data))[0] for _ in range(RUNS)]
        print(f"floor      {median_with_range(floors)}")
        print(f"full       {median_with_range(fulls)}")
        print(f"ratio      {statistics.median(fulls) / statistics.median(floors):7.2f} (target at most 1.5)")
        # The same two builds with the year's decisions taken before (as every build but the first of a year
        # and its inputs finds them): the notebooks' own cost over their imports.
        floors, fulls_decided = [], []
        for _ in range(RUNS):
            for project, times in ((floor, floors), (full, fulls_decided)):
                shutil.rmtree(project / "outputs" / YEAR)
                times.append(render(project)[0])
        print(f"floor      {median_with_range(floors)}, the year decided before")
        print(f"full       {median_with_range(fulls_decided)}, the year decided before")
        print(f"ratio      {statistics.median(fulls_decided) / statistics.median(floors):7.2f} (target at most 1.5)")
        # An analyst's edit: one sentence of one section, then the whole report again (the other sections
        # reused), against that section built on its own (`--sections`, in an outputs folder of its own that
        # holds the year's decisions too). The full build's last render is the one edited.
        alone = full / "alone"
        shutil.copytree(full / "outputs" / ".cache", alone / ".cache")
        edits, own = [], []
        for run in range(RUNS):
            edit_notebook(full / "notebooks" / f"{EDITED}.ipynb", f"Edited in run {run}.")
            own.append(render(full, "--sections", EDITED.split("_", 1)[1], "--out", str(alone))[0])
            edits.append(render(full)[0])
        print(
            f"edit       {median_with_range(edits)}; {EDITED} on its own {median_with_range(own)}; "
            f"{statistics.median(edits) / statistics.median(own):.2f} x (target at most 1.3)"
        )
        all_times = {}
        for workers in (1, 2):
            # Each batch into an empty outputs folder: nothing decided or rendered before is reused.
            times = [
                render(full, "--all", "--workers", str(workers), "--out", str(base / f"all-{workers}-{run}"))[0]
                for run in range(RUNS)
            ]
            all_times[workers] = statistics.median(times)
            print(f"all, {workers} worker{'s' if workers > 1 else ' '} {median_with_range(times)}")
        print(f"speed-up   {all_times[1] / all_times[2]:7.2f} x with 2 workers (target at least 1.7)")
        print(
            f"machine    {parallel_throughput():7.2f} x the work of one process with two at once (a memory-bound "
            "task), for comparison"
        )
        for scale in SCALES:
            scaled = base / f"scale{scale}"
            timed([sys.executable, "-m", "helpers.synthetic", "--out", str(scaled), "--scale", str(scale)], ROOT)
            PEAKS_MB.clear()
            times = [build(full, "--year", YEAR, "--data", str(scaled / "ce"))[0] for _ in range(RUNS)]
            ratio = statistics.median(times) / statistics.median(fulls)
            print(
                f"scale {scale:<4} {median_with_range(times)}, {ratio:.1f} x the default (target at most "
                f"{SCALE_TARGETS[scale]}); peak memory of the build and its kernels together "
                f"{max(PEAKS_MB):,.0f} MB, of the largest one process so far {largest_process_megabytes():,.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
