"""Build one report: `python -m helpers.build --year 2015-16 [--area AREA] [--data DIR] [--params FILE] [-p NAME VALUE]`.

Resolves the parameters, validates every input before any figure is computed, executes each
section notebook with papermill, and writes the outputs of ../shared/spec/figures.md. All of it
is written into a staging folder beside the final one and moved into place only when the build
has passed its leak check, so a failed or interrupted build leaves the previous report untouched.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import pickle
import platform
import re
import shutil
import signal
import subprocess
import tempfile
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Iterator, Sequence

import nbformat

from helpers import paths
from helpers.inputs import quality
from helpers.build import report
from helpers.stats import trends
from helpers.inputs.scope import area_wards, restrict_to_area
from helpers.disclosure import publish_figures
from helpers.disclosure.publication import DISTRICT, AuditSummary
from helpers.display.section import PUBLICATION_ENV
from helpers.year import publish_year
from helpers.rules.episodes import data_end
from helpers.errors import BuildError, DisclosureError, InputError, ReportError
from helpers.build.headlines import key_headlines
from helpers.inputs.loading import load_extracts
from helpers.params import Params, parse_override, resolve
from helpers.build.privacy import find_leaks, parameter_dates
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts

PACKAGES = ("pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "nbclient", "nbformat",
            "ipykernel", "jinja2", "openpyxl", "pyyaml", "scipy", "statsmodels")
_NOTEBOOK = re.compile(r"(\d\d)_([a-z0-9_]+)\.ipynb")


def slug(text: str) -> str:
    """`Bradford South` -> `bradford-south`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def output_folder(out_root: Path, params: Params) -> Path:
    """outputs/<year>[/<area-slug>]; an unsuppressed build says so in its folder name."""
    year = params.reporting_year if params.suppressed else f"{params.reporting_year}-unsuppressed"
    folder = out_root / year
    return folder / slug(params.area) if params.area else folder


def section_notebooks(folder: Path, only: Sequence[str] | None = None) -> list[Path]:
    """notebooks/NN_<section>.ipynb in order, optionally only the named sections."""
    found = sorted(p for p in folder.glob("*.ipynb") if _NOTEBOOK.fullmatch(p.name))
    if only:
        names = {_NOTEBOOK.fullmatch(p.name)[2]: p for p in found}
        unknown = sorted(set(only) - set(names))
        if unknown:
            raise BuildError(f"no section notebook for {', '.join(unknown)}; the sections are {', '.join(names)}")
        found = [p for p in found if _NOTEBOOK.fullmatch(p.name)[2] in only]
    if not found:
        raise BuildError(f"{folder} holds no section notebook named NN_<section>.ipynb")
    return found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit() -> str | None:
    try:
        found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.project_root(), capture_output=True,
                               text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _package_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in PACKAGES}


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(paths.project_root()))
    except ValueError:
        return str(path)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


TARGET_FILE = ".target"  # inside a staging folder: the report folder it is meant to replace
LAYOUT_FOLDERS = ("sections", "tables")


def _dead(folder: Path) -> bool:
    match = re.search(r"-pid(\d+)$", folder.name)
    return bool(match) and not _pid_alive(int(match[1]))


def recover_interrupted_builds(out_root: Path) -> None:
    """Undo what a killed build left: restore a report it had moved aside, give back the area
    folders it had carried into its staging folder, and remove the staging folder."""
    for retired in out_root.glob("**/.replaced-*-pid*"):
        if retired.is_dir() and _dead(retired):
            final = retired.with_name(re.sub(r"^\.replaced-(.*)-pid\d+$", r"\1", retired.name))
            if final.exists():
                shutil.rmtree(retired, ignore_errors=True)
            else:
                retired.rename(final)
    for staging in out_root.glob(".building-*"):
        if not (staging.is_dir() and _dead(staging)):
            continue
        target = staging / TARGET_FILE
        final = Path(target.read_text(encoding="utf-8")) if target.exists() else None
        if final is not None and final.is_dir():
            for child in staging.iterdir():
                if child.is_dir() and child.name not in LAYOUT_FOLDERS and not (final / child.name).exists():
                    child.rename(final / child.name)
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _year_lock(out_root: Path, year_folder: str) -> Iterator[None]:
    """Serialise the final moves of builds of one year (a district build carries its area folders over)."""
    out_root.mkdir(parents=True, exist_ok=True)
    with open(out_root / f".lock-{year_folder}", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def move_into_place(staging: Path, final: Path, is_district: bool) -> None:
    """Replace `final` by `staging` in two renames; a district folder keeps its area sub-folders.

    SIGTERM and SIGINT wait until the renames are done; any other failure puts everything back.
    A SIGKILL in between is undone by the next build (recover_interrupted_builds).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    carried: list[str] = []
    retired = final.with_name(f".replaced-{final.name}-pid{os.getpid()}")
    try:
        if final.exists():
            if is_district:
                carried = [c.name for c in final.iterdir() if c.is_dir() and c.name not in LAYOUT_FOLDERS]
                for name in carried:
                    (final / name).rename(staging / name)
            final.rename(retired)
        staging.rename(final)
    except BaseException:
        if not final.exists() and retired.exists():
            retired.rename(final)
        for name in carried:
            if (staging / name).exists():
                (staging / name).rename(final / name)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    (final / TARGET_FILE).unlink(missing_ok=True)
    shutil.rmtree(retired, ignore_errors=True)


def check_inputs_unchanged(extracts: Extracts) -> None:
    """The notebooks read the extracts again: they must have read what was validated and is recorded."""
    changed = [s.path for s in extracts.sources if not Path(s.path).exists() or _sha256(Path(s.path)) != s.sha256]
    if changed:
        raise BuildError("the extracts changed while the report was being built (" + ", ".join(changed)
                         + "); build again once they are complete")


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def execute_sections(notebooks: list[Path], params: Params, sections_dir: Path) -> list[nbformat.NotebookNode]:
    """Run each section notebook with papermill, showing progress; a failure names the section."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed = []
    for number, notebook in enumerate(notebooks, start=1):
        started = time.monotonic()
        print(f"[{number}/{len(notebooks)}] {notebook.stem}: running", flush=True)
        target = sections_dir / notebook.name
        try:
            papermill.execute_notebook(
                str(notebook), str(target), parameters=params.to_mapping(), kernel_name="python3",
                cwd=str(notebook.parent), progress_bar=False, log_output=False,
                # The kernel runs on this machine only; its warning about unencrypted local TCP is noise here.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except PapermillExecutionError as error:
            raise BuildError(f"section {notebook.stem} failed: {error.ename}: {error.evalue}") from None
        result = nbformat.read(target, as_version=4)
        report.fix_cell_ids(result, notebook.stem)
        executed.append(result)
        print(f"[{number}/{len(notebooks)}] {notebook.stem}: done in {time.monotonic() - started:.1f} s", flush=True)
    return executed


def write_outputs(folder: Path, notebooks: list[Path], executed: list[nbformat.NotebookNode], params: Params,
                  extracts: Extracts, quality_figures: dict[str, object], run: dict) -> dict[str, object]:
    """Everything of the output layout except the manifest's end time; returns the figures."""
    results = report.collect_results(executed)
    results.figures.update(quality_figures)
    if params.suppressed:
        report.check_published_counts(results, params.suppression_threshold)
    banner = None if params.suppressed else report.UNSUPPRESSED_BANNER
    for notebook, node in zip(notebooks, executed):
        nbformat.write(node, folder / "sections" / notebook.name)
        (folder / "sections" / f"{notebook.stem}.html").write_text(
            report.section_html(node, f"{notebook.stem} - {report.report_title(params)}", banner), encoding="utf-8")
    tables = folder / "tables"
    tables.mkdir()
    for name, table in sorted(results.tables.items()):
        (tables / f"{name}.csv").write_text(table["csv"], encoding="utf-8")
    figures = dict(sorted(results.figures.items()))
    (folder / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    headlines = key_headlines(figures, params)
    (folder / "headlines.md").write_text(
        f"Key headlines: {report.report_title(params)}\n\n" + "".join(f"- {h.text}\n" for h in headlines),
        encoding="utf-8")
    quality_part = quality.quality_markdown(quality_figures, extracts.notes, params.suppression_threshold)
    body = report.stitch_report(executed, params, headlines, results, quality_part, extracts.sources,
                                _display_path(params.data_dir), run)
    (folder / "report.html").write_text(body, encoding="utf-8")
    return figures


def build(params: Params, out_root: Path | None = None, only: Sequence[str] | None = None) -> Path:
    """Build one report and return its folder. Raises ReportError subclasses with a clear message."""
    out_root = out_root or paths.outputs_dir()
    started = _now()
    print(f"Report {params.reporting_year}" + (f", {params.area}" if params.area else "") +
          f": validating the extracts in {_display_path(params.data_dir)}", flush=True)
    reference = load_reference()
    extracts = load_extracts(params.data_dir, params.risk_scale, params.column_map, reference)
    for note in extracts.notes:
        print(f"  note: {note}", flush=True)
    scoped = restrict_to_area(extracts, area_wards(reference, params.area)) if params.area else extracts
    empty = quality.no_data_in_year(scoped, params)
    if empty:
        raise InputError(f"{params.area} area: {empty}" if params.area else empty)
    reach = data_end(extracts.episodes, extracts.risk_assessments)
    if trends.reporting_window(params.period, reach) is None:
        raise InputError(f"the extracts reach only {reach:%d %B %Y}: not one complete month of the reporting "
                         f"year {params.reporting_year} to report")
    checks = publish_figures(quality.quality_figures(scoped, reference, params),
                             params.suppression_threshold)
    notebooks = section_notebooks(paths.notebooks_dir(), only)
    print("Deciding what the year's reports publish (the district and every area together)", flush=True)
    year = publish_year(params, dataclasses.replace(extracts, extract_end=reach), reference)
    if year.audit.failures:
        raise DisclosureError("the disclosure audit failed, so nothing is published:\n  "
                              + "\n  ".join(year.audit.failures[:10]))

    final = output_folder(out_root, params)
    out_root.mkdir(parents=True, exist_ok=True)
    with _year_lock(out_root, final.relative_to(out_root).parts[0]):
        recover_interrupted_builds(out_root)
    staging = out_root / f".building-{final.relative_to(out_root).as_posix().replace('/', '-')}-pid{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "sections").mkdir(parents=True)
    (staging / TARGET_FILE).write_text(str(final), encoding="utf-8")
    previous_handler = signal.signal(signal.SIGTERM, _raise_on_sigterm)
    handover = tempfile.NamedTemporaryFile(prefix="hub-report-", suffix=".pickle", delete=False)
    try:
        with handover:
            pickle.dump(year.report(params), handover)
        os.environ.setdefault("PYTHONHASHSEED", "0")
        os.environ[PUBLICATION_ENV] = handover.name
        executed = execute_sections(notebooks, params, staging / "sections")
        check_inputs_unchanged(extracts)
        run = {"started_at": started, "finished_at": _now(), "git_commit": _git_commit(),
               "python": platform.python_version(), "packages": _package_versions()}
        write_outputs(staging, notebooks, executed, params, extracts, checks, run)
        write_manifest(staging, params, extracts, notebooks, run, year.audit)
        leaks = find_leaks(staging, extracts, stated_dates=parameter_dates(params.to_mapping().values()))
        if leaks:
            raise DisclosureError("the outputs would disclose personal data:\n  " + "\n  ".join(leaks))
        with _year_lock(out_root, final.relative_to(out_root).parts[0]):
            move_into_place(staging, final, is_district=params.area is None)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        os.environ.pop(PUBLICATION_ENV, None)
        Path(handover.name).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Report written to {_display_path(final / 'report.html')}", flush=True)
    return final


def write_manifest(folder: Path, params: Params, extracts: Extracts, notebooks: list[Path], run: dict,
                   audit: AuditSummary) -> None:
    reference_files = sorted(paths.reference_dir().glob("*.csv"))
    manifest = {
        "parameters": params.to_mapping(),
        "suppression_threshold": params.suppression_threshold,
        "inputs": [{"extract": s.extract, "file": Path(s.path).name, "sha256": s.sha256, "rows": s.rows}
                   for s in extracts.sources],
        "reference_data": [{"file": p.name, "sha256": _sha256(p)} for p in reference_files],
        "sections": [n.stem for n in notebooks],
        "git_commit": run["git_commit"],
        "python_version": run["python"],
        "package_versions": run["packages"],
        "start_time": run["started_at"],
        "end_time": _now(),
        "disclosure_audit": {
            "threshold": params.suppression_threshold,
            "protection_range": params.protection_range,
            "cells_audited": audit.cells_audited,
            "narrowest_range": audit.narrowest,
            "reports_audited_together": audit.reports,
            "cells_suppressed_pct": audit.suppressed_share[params.area or DISTRICT],
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.splitlines()[0])
    parser.add_argument("--year", help="reporting year YYYY-YY (default: the latest in params/)")
    parser.add_argument("--area", help="a constituency, for an area committee report")
    parser.add_argument("--data", help="folder of the extracts (default: data_dir of the parameters); "
                        "with --all it applies to every year, whatever its risk scale")
    parser.add_argument("--params", type=Path, help="a YAML file of parameters, over params/<year>.yaml")
    parser.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="one parameter, over everything else (repeatable)")
    parser.add_argument("--sections", help="comma-separated section names to build (default: all)")
    parser.add_argument("--out", type=Path, help="outputs folder (default: outputs/)")
    parser.add_argument("--all", action="store_true",
                        help="build every year in params/ for the district and every area, and outputs/index.html")
    parser.add_argument("--workers", type=int, help="with --all: reports built at once (default: the cores)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.all:
        from helpers.build.batch import build_all

        if args.area or args.params or args.p:
            print("Build failed: --all builds every year and area with their own parameters; "
                  "it takes only --year, --data, --out, --sections and --workers", file=sys.stderr)
            return 2
        outcomes = build_all([args.year] if args.year else None, args.data, args.out, args.workers, args.sections)
        return 0 if all(o.folder for o in outcomes) else 1
    try:
        overrides = dict(parse_override(name, value) for name, value in args.p)
        if args.area:
            overrides["area"] = args.area
        if args.data:
            overrides["data_dir"] = str(Path(args.data).resolve())
        params = resolve(args.year, args.params, overrides)
        only = [s.strip() for s in args.sections.split(",")] if args.sections else None
        build(params, args.out.resolve() if args.out else None, only)
    except ReportError as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Build interrupted: the previous report, if any, is unchanged.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
