"""Build every report: each year in params/, for the district and for every area committee.

A batch works in two steps on its workers (cores; by default all the machine's). First each year's
disclosure decision, which all the year's reports share, is taken once: the years side by side, each on its
share of the workers. Then the reports are built, one per worker at a time, longest first, each on its share
of the workers (one core when there are more reports than workers): a report on one core keeps it busy, where
two reports that each ran two kernels would only contend for the same cores. With one worker everything runs
in turn on one core. Each report is built by its own `python -m helpers.build` process, so one report's
failure (or crash) cannot stop or corrupt another: it is reported and the batch goes on. At the end
outputs/index.html links every report with its key figures.
"""

from __future__ import annotations

import html
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.build.run import decide_year, output_folder
from helpers.display.formatting import count_text
from helpers.inputs.reference import load_reference
from helpers.params import available_years, resolve
from helpers.sections import SECTIONS
from helpers.workers import WORKERS_ENV, cores, use_cores, worker_context

INDEX_FIGURES = tuple(figure for section in SECTIONS for figure in section.index_figures)


@dataclass(frozen=True)
class Job:
    year: str
    area: str | None = None

    @property
    def label(self) -> str:
        return f"{self.year} {self.area or 'district'}"


@dataclass(frozen=True)
class Outcome:
    job: Job
    folder: Path | None  # None when the build failed
    message: str  # the failure, or the time it took
    seconds: float


def all_jobs(years: Sequence[str] | None = None) -> list[Job]:
    """Every year in params/ (or the ones given), district first, then each area."""
    areas = load_reference().constituencies
    return [Job(year, area) for year in (years or available_years()) for area in (None, *areas)]


def _command(job: Job, data: str | None, out_root: Path, sections: str | None) -> list[str]:
    command = [sys.executable, "-m", "helpers.build", "--year", job.year, "--out", str(out_root)]
    for option, value in (("--area", job.area), ("--data", data), ("--sections", sections)):
        if value:
            command += [option, value]
    return command


def _quiet_decider(share: int) -> None:
    use_cores(share)
    logging.getLogger("helpers").setLevel(logging.WARNING)  # the batch says what each decision did


def decide_years(years: list[str], data: str | None, out_root: Path, workers: int) -> None:
    """Each year's disclosure decision, kept for its reports to read. A year that cannot be decided is left to
    its reports, which then fail with the reason."""
    if not years:
        return
    at_once = min(workers, len(years))
    print(f"Deciding what each year publishes ({', '.join(years)}), {at_once} at a time", flush=True)
    with ProcessPoolExecutor(
        max_workers=at_once, mp_context=worker_context(), initializer=_quiet_decider, initargs=(workers // at_once,)
    ) as pool:
        running = {pool.submit(decide_year, year, data, out_root): year for year in years}
        for finished in as_completed(running):
            try:
                print(f"  {running[finished]}: decided in {finished.result():.0f} s", flush=True)
            except Exception:  # whatever it was, the year's reports meet it again and say what it is
                print(f"  {running[finished]}: not decided; its reports say why", flush=True)


def _run(job: Job, data: str | None, out_root: Path, sections: str | None, share: int) -> Outcome:
    started = time.monotonic()
    done = subprocess.run(
        _command(job, data, out_root, sections),
        cwd=paths.project_root(),
        capture_output=True,
        text=True,
        env={**os.environ, WORKERS_ENV: str(share)},
    )
    seconds = time.monotonic() - started
    if done.returncode == 0:
        overrides = {"area": job.area, **({"data_dir": data} if data else {})}
        folder = output_folder(out_root, resolve(job.year, overrides=overrides))
        return Outcome(job, folder, f"done in {seconds:.0f} s", seconds)
    lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    failure = next((line for line in reversed(lines) if line.startswith("Build failed")), lines[-1] if lines else "")
    return Outcome(job, None, failure or f"exited with code {done.returncode}", seconds)


def run_jobs(
    jobs: list[Job], data: str | None, out_root: Path, workers: int, sections: str | None = None
) -> list[Outcome]:
    """Build the reports, `workers` at a time, each on its share of the workers, printing overall progress."""
    outcomes: list[Outcome] = []
    at_once = max(1, min(workers, len(jobs)))
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        longest_first = sorted(jobs, key=lambda job: job.area is not None)  # a district report is the longest
        running = {pool.submit(_run, job, data, out_root, sections, workers // at_once): job for job in longest_first}
        for finished in as_completed(running):
            outcome = finished.result()
            outcomes.append(outcome)
            state = "ok" if outcome.folder else "FAILED"
            print(f"[{len(outcomes)}/{len(jobs)}] {outcome.job.label}: {state}, {outcome.message}", flush=True)
    order = {job: number for number, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[o.job])


def _figure_cell(figures: dict, keys: tuple[str, ...]) -> str:
    value = next((figures[key] for key in keys if key in figures), None)
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = count_text(int(value)) if float(value).is_integer() else f"{value:,.2f}"
    else:
        text = str(value)
    return f'<td class="num">{html.escape(text)}</td>'


def index_html(outcomes: list[Outcome], out_root: Path) -> str:
    """outputs/index.html: every report of the batch, linked, with its key figures; failures named."""
    head = "".join(f'<th scope="col">{html.escape(title)}</th>' for _, title in INDEX_FIGURES)
    rows = []
    for outcome in outcomes:
        name = f"{outcome.job.year.replace('-', '/')}, {outcome.job.area or 'Bradford district'}"
        if outcome.folder is None:
            # The failure itself stays on the console: a validation message quotes values from the extracts.
            rows.append(
                f'<tr class="failed"><th scope="row">{html.escape(name)}</th>'
                f'<td colspan="{len(INDEX_FIGURES)}">Not built: the build failed; its message is in the '
                "batch's console output.</td></tr>"
            )
            continue
        figures = json.loads((outcome.folder / "figures.json").read_text(encoding="utf-8"))
        link = (outcome.folder / "report.html").relative_to(out_root).as_posix()
        cells = "".join(_figure_cell(figures, keys) for keys, _ in INDEX_FIGURES)
        rows.append(
            f'<tr><th scope="row"><a href="{html.escape(link)}">Report for {html.escape(name)}</a></th>{cells}</tr>'
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reports of the Hub</title>
<style>
body {{ font-family: "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #1a1a1a; max-width: 70rem;
       margin: 2rem auto; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #c8c8c8; padding: 0.3rem 0.6rem; text-align: left; }}
thead th {{ background: #eef3f8; }} td.num {{ text-align: right; }} tr.failed td {{ color: #b00020; }}
a {{ color: #005a8c; }}
</style></head>
<body><main>
<h1>Reports of the Hub</h1>
<p>Every report of the last batch build, with a few of its figures as published (suppressed values show as c).</p>
<table><thead><tr><th scope="col">Report</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</main></body></html>
"""


def build_all(
    years: Sequence[str] | None = None,
    data: str | None = None,
    out_root: Path | None = None,
    workers: int | None = None,
    sections: str | None = None,
    jobs: list[Job] | None = None,
) -> list[Outcome]:
    """Build every report (or the `jobs` given) and write outputs/index.html; returns each outcome."""
    out_root = (out_root or paths.outputs_dir()).resolve()
    for year in years or ():
        resolve(year)  # a malformed year fails here, before anything runs
    jobs = jobs or all_jobs(years)
    workers = workers or cores()
    decide_years(list(dict.fromkeys(job.year for job in jobs)), data, out_root, workers)
    print(f"Building {len(jobs)} reports, {min(workers, len(jobs))} at a time", flush=True)
    outcomes = run_jobs(jobs, data, out_root, workers, sections)
    out_root.mkdir(parents=True, exist_ok=True)
    index = out_root / "index.html"
    temporary = index.with_suffix(".html.tmp")
    temporary.write_text(index_html(outcomes, out_root), encoding="utf-8")
    temporary.replace(index)
    failed = [o for o in outcomes if o.folder is None]
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} reports built; index at {index}", flush=True)
    for outcome in failed:
        print(f"  {outcome.job.label}: {outcome.message}", flush=True)
    return outcomes
