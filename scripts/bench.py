"""The benchmark of the build: `make bench` (or `python scripts/dev.py bench`). Not a test: it measures.

Prints, each figure the median of RUNS runs with its range:
  floor            the section notebooks reduced to their imports, built the same way (load, decide, run, stitch)
  full             the default report (2020-21, the district), fresh
  ratio            full / floor
  scale 10, 100    the same build on 10 and 100 times the synthetic data: wall time and the peak memory of the
                   largest process (the build or a kernel)
  all, 1 and 2     every report of one year (--all --year Y) with one worker and with two
  edit             a re-render after a narrative edit in one section, against that section's own time

Every build runs in a copy of the project in a temporary folder, so the benchmark never touches outputs/.
"""

from __future__ import annotations

import json
import os
import platform
import re
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
    """Each section notebook reduced to its parameters cell and the cell that imports and opens the section."""
    for path in notebooks.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        notebook["cells"] = code[:2]
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


class TreeMemory:
    """The peak resident memory of a process and all its descendants together (the build and its kernels),
    sampled while it runs; the kernels come and go, so only sampling sees them side by side."""

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
                    total += process.memory_info().rss
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


def section_seconds(log: str, section: str) -> float:
    return float(re.search(rf"{section}: done in ([0-9.]+) s", log)[1])


def main() -> int:
    print(
        f"Benchmark of the build, {RUNS} runs each, on {platform.platform()} with {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        base = Path(folder)
        data = ROOT / "data" / "synthetic" / "ce"
        full = project_copy(base / "full")
        floor = project_copy(base / "floor")
        imports_only(floor / "notebooks")
        floors = [build(floor, "--year", YEAR, "--data", str(data))[0] for _ in range(RUNS)]
        fulls = [build(full, "--year", YEAR, "--data", str(data))[0] for _ in range(RUNS)]
        print(f"floor      {median_with_range(floors)}")
        print(f"full       {median_with_range(fulls)}")
        print(f"ratio      {statistics.median(fulls) / statistics.median(floors):7.2f} (target at most 1.5)")
        for scale in (10, 100):
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
        all_times = {}
        for workers in (1, 2):
            times = [
                timed(
                    [
                        sys.executable,
                        "-m",
                        "helpers.build",
                        "--all",
                        "--year",
                        YEAR,
                        "--data",
                        str(data),
                        "--workers",
                        str(workers),
                    ],
                    full,
                )[0]
                for _ in range(RUNS)
            ]
            all_times[workers] = statistics.median(times)
            print(f"all, {workers} worker{'s' if workers > 1 else ' '} {median_with_range(times)}")
        print(f"speed-up   {all_times[1] / all_times[2]:7.2f} x with 2 workers (target at least 1.7)")
        edits, own = [], []
        for run in range(RUNS):
            _, log = build(full, "--year", YEAR, "--data", str(data))
            own.append(section_seconds(log, "01_strategic"))
            notebook = full / "notebooks" / "01_strategic.ipynb"
            content = json.loads(notebook.read_text(encoding="utf-8"))
            markdown = next(c for c in content["cells"] if c["cell_type"] == "markdown")
            markdown["source"] = [*markdown["source"], f"\nEdited in run {run}."]
            notebook.write_text(json.dumps(content, indent=1), encoding="utf-8")
            edits.append(timed([sys.executable, "-m", "helpers.build", "--year", YEAR, "--data", str(data)], full)[0])
        print(
            f"edit       {median_with_range(edits)}; the section on its own {median_with_range(own)}; "
            f"{statistics.median(edits) / statistics.median(own):.2f} x (target at most 1.3)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
