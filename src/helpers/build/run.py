"""Build one report: validate the extracts once, decide what the whole year publishes, run the section
notebooks on the published report, and write the output layout.

All of it is written into a staging folder beside the final one and moved into place only when the build
has passed its disclosure audit and its leak check, so a failed or interrupted build leaves the previous
report untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import re
import signal
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from filelock import FileLock

from helpers import paths
from helpers.build.manifest import now, package_versions, run_details, sha256, write_manifest
from helpers.build.notebooks import code_digest, read_executed, run_sections, section_notebooks
from helpers.build.outputs import background_pdf, publish_section, write_outputs, write_pack
from helpers.build.privacy import find_leaks, parameter_dates
from helpers.build.staging import move_into_place, staging_folder
from helpers.disclosure.publication import PublishedReport
from helpers.display.section import PUBLICATION_ENV
from helpers.errors import BuildError, DisclosureError, InputError
from helpers.inputs.reference import Reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import area_wards, restrict_to_area
from helpers.params import Params, resolve
from helpers.rules import quality
from helpers.stats.trends import reporting_window
from helpers.year import YearPublication, load_year, publish_year

log = logging.getLogger("helpers.build")
LOG_FILE = "build.log"


class _Transcript(logging.Handler):
    """What the build reported, kept to be written into the report folder as build.log."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{now()} {record.getMessage()}")


@contextlib.contextmanager
def _transcript() -> Iterator[_Transcript]:
    handler = _Transcript()
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def slug(text: str) -> str:
    """`Bradford South` -> `bradford-south`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def output_folder(out_root: Path, params: Params) -> Path:
    """outputs/<year>[/<area-slug>]; an unsuppressed build says so in its folder name."""
    year = params.reporting_year if params.suppressed else f"{params.reporting_year}-unsuppressed"
    folder = out_root / year
    return folder / slug(params.area) if params.area else folder


def check_inputs_unchanged(extracts: Extracts) -> None:
    """The report must show what was validated and is recorded: the extracts may not change meanwhile."""
    changed = []
    for source in extracts.sources:
        path = Path(source.path)
        try:
            if sha256(path) != source.sha256:
                changed.append(path.name)
        except OSError:
            changed.append(path.name)
    if changed:
        raise BuildError(
            "the extracts changed while the report was being built ("
            + ", ".join(changed)
            + "); build again once they are complete"
        )


@contextlib.contextmanager
def handed_over(published: PublishedReport) -> Iterator[None]:
    """The published report in a file the section kernels read (HUB_REPORT_PUBLICATION), removed afterwards."""
    content = pickle.dumps(published)
    handle, name = tempfile.mkstemp(prefix="hub-report-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.environ[PUBLICATION_ENV] = name
        yield
    finally:
        os.environ.pop(PUBLICATION_ENV, None)
        Path(name).unlink(missing_ok=True)


def year_publication(
    params: Params, extracts: Extracts, reference: Reference, out_root: Path, fresh: bool
) -> YearPublication:
    """The year's publication, decided once for every report of the year that the same inputs, parameters and
    code give (outputs/.cache): the district and each area pack of a batch share it."""
    key = hashlib.sha256(
        json.dumps(
            {
                "inputs": [source.sha256 for source in extracts.sources],
                "reference": [sha256(path) for path in sorted(paths.reference_dir().glob("*.csv"))],
                "parameters": {**params.to_mapping(), "area": None, "data_dir": None},
                "code": code_digest(),
                "packages": package_versions(),
            },
            sort_keys=True,
        ).encode()
    ).hexdigest()
    cache = out_root / ".cache" / f"year-{params.reporting_year}-{key[:20]}.pickle"
    cache.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache.with_suffix(".lock"))):
        if cache.is_file() and not fresh:
            log.info("Reusing what the year publishes, decided by an earlier build of the same inputs")
            with cache.open("rb") as handle:
                return pickle.load(handle)
        log.info("Deciding what the year publishes: the district and every area together")
        year = publish_year(params, extracts, reference)
        for stale in cache.parent.glob(f"year-{params.reporting_year}-*.pickle"):
            stale.unlink(missing_ok=True)
        partial = cache.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(year))
        partial.replace(cache)
    return year


def decide_year(year: str, data: str | None, out_root: Path) -> float:
    """Take `year`'s disclosure decision and keep it in out_root/.cache for every report of the year, as a
    batch does before building them (its reports then only read it); the seconds it took."""
    started = time.monotonic()
    params = resolve(year, overrides={"data_dir": str(Path(data).resolve())} if data else None)
    extracts, reference = load_year(params)
    year_publication(params, extracts, reference, out_root.resolve(), fresh=False)
    return time.monotonic() - started


def _raise_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM ends the build like Ctrl+C does, so the staging folder is cleaned up (where SIGTERM exists)."""
    if not hasattr(signal, "SIGTERM"):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def build(params: Params, out_root: Path | None = None, only: Sequence[str] | None = None, fresh: bool = False) -> Path:
    """Build one report and return its folder. Raises ReportError subclasses with a clear message."""
    with _transcript() as transcript, _interruptible():
        return _build(params, out_root, only, fresh, transcript)


def _build(
    params: Params, out_root: Path | None, only: Sequence[str] | None, fresh: bool, transcript: _Transcript
) -> Path:
    out_root = (out_root or paths.outputs_dir()).resolve()
    run = run_details()
    notebooks = section_notebooks(paths.notebooks_dir(), only)
    log.info(
        "Report %s%s: validating the extracts in %s",
        params.reporting_year,
        f", {params.area}" if params.area else "",
        paths.shown(params.data_dir),
    )
    extracts, reference = load_year(params)
    for note in extracts.notes:
        log.info("  note: %s", note)
    scoped = restrict_to_area(extracts, area_wards(reference, params.area)) if params.area else extracts
    empty = quality.no_data_in_year(scoped, params)
    if empty:
        raise InputError(f"{params.area} area: {empty}" if params.area else empty)
    if reporting_window(params.period, extracts.extract_end) is None:
        raise InputError(
            f"the extracts reach only {extracts.extract_end:%d %B %Y}: not one complete month of the "
            f"reporting year {params.reporting_year} to report"
        )
    year = year_publication(params, extracts, reference, out_root, fresh)
    if year.audit.failures:
        raise DisclosureError(
            "the disclosure audit failed, so nothing is published:\n  " + "\n  ".join(year.audit.failures[:10])
        )
    published = year.report(params)
    final = output_folder(out_root, params)
    previous = final if (final / "manifest.json").is_file() else None
    with staging_folder(out_root, final) as staging, handed_over(published), contextlib.ExitStack() as stack:
        (staging / "sections").mkdir()
        runs = run_sections(notebooks, params, staging / "sections", published, final, fresh, log.info, publish_section)
        check_inputs_unchanged(extracts)
        # Started once the sections' workers are done (no process is forked while its thread runs); it loads
        # WeasyPrint while report.html is made.
        pdf = stack.enter_context(background_pdf())
        executed = [read_executed(staging / "sections" / n.name, n.stem) for n in notebooks]
        run["finished_at"] = now()
        write_outputs(staging, notebooks, executed, params, extracts, run, published, year.audit, pdf)
        write_manifest(
            staging,
            params,
            extracts,
            [{"notebook": r.notebook.stem, "fingerprint": r.fingerprint, "reused": r.reused} for r in runs],
            run,
            year.audit,
        )
        write_pack(staging, previous, params, published)
        # While report.pdf is laid out (from report.html, which the check reads).
        log.info("Checking every output for identifiers and dates of birth of the inputs")
        leaks = find_leaks(staging, extracts, stated_dates=parameter_dates(params.to_mapping().values()))
        if leaks:
            raise DisclosureError("the outputs would disclose personal data:\n  " + "\n  ".join(leaks))
        pdf.finish(log.info)
        (staging / LOG_FILE).write_text("\n".join(transcript.lines) + "\n", encoding="utf-8")
        move_into_place(out_root, staging, final, is_district=params.area is None)
    log.info(
        "Report written to %s", "/".join([paths.shown(out_root), *final.relative_to(out_root).parts, "report.html"])
    )
    return final
