"""The section notebooks of a build: which ones, run in parallel kernels, reused when nothing they depend on
changed, and cleaned of the machine's paths before they are published.

A section's fingerprint covers all it depends on: the notebook's own text, its part of the published report
(its figures, tables and facts: so the inputs, the parameters and the disclosure decisions as far as they
reach it), the code of `helpers` and the package versions. When the previous render of the same report holds
an executed notebook with the same fingerprint, it is reused instead of run again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers import paths
from helpers.build.manifest import package_versions, public_parameters
from helpers.disclosure.publication import PublishedReport
from helpers.errors import BuildError
from helpers.params import Params, parameters_cell_source
from helpers.sections import BY_SLUG, SECTIONS
from helpers.workers import cores, worker_context

NOTEBOOK = re.compile(r"(\d\d)_([a-z0-9_]+)\.ipynb")
# Writes an executed notebook's published form and page beside it (given the notebook it was reused from).
Publish = Callable[[Path, Params, Path | None], None]


@dataclass(frozen=True)
class SectionRun:
    notebook: Path
    fingerprint: str
    reused: bool
    seconds: float


def section_notebooks(folder: Path, only: Sequence[str] | None = None) -> list[Path]:
    """notebooks/NN_<section>.ipynb in report order, optionally only the named sections (any case)."""
    found = [folder / section.notebook for section in SECTIONS if (folder / section.notebook).is_file()]
    if only:
        wanted = {name.strip().lower() for name in only}
        unknown = sorted(wanted - {section.slug for section in SECTIONS})
        if unknown:
            raise BuildError(
                f"no section called {', '.join(unknown)}; the sections are "
                + ", ".join(section.slug for section in SECTIONS)
            )
        found = [p for p in found if NOTEBOOK.fullmatch(p.name)[2] in wanted]
    if not found:
        raise BuildError(f"{paths.shown(folder)} holds no section notebook named NN_<section>.ipynb")
    return found


def parameters_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The cell tagged `parameters`, where papermill injects the build's values after."""
    for cell in notebook.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    raise BuildError("a section notebook has no cell tagged parameters")


def write_parameters_cells(params: Params, folder: Path | None = None) -> list[Path]:
    """Set every section notebook's parameters cell to `params`; the notebooks that changed."""
    changed = []
    for path in section_notebooks(folder or paths.notebooks_dir()):
        notebook = nbformat.read(path, as_version=4)
        cell = parameters_cell(notebook)
        if cell.source != (source := parameters_cell_source(params)):
            cell.source = source
            nbformat.write(notebook, path)
            changed.append(path)
    return changed


def code_digest() -> str:
    """The code of the helpers package, as one digest."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json", ".css"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(notebook: Path, published: PublishedReport, code: str) -> str:
    """Everything a section's executed notebook depends on: its text, what it shows, the code and the packages."""
    section = BY_SLUG[NOTEBOOK.fullmatch(notebook.name)[2]]
    shown = json.dumps(published.section_part(section.slug, section.figure_prefixes), sort_keys=True, default=str)
    digest = hashlib.sha256()
    for part in (notebook.read_bytes(), shown.encode(), code.encode(), json.dumps(package_versions()).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def previous_fingerprints(final: Path) -> dict[str, str]:
    """What the previous render of this report recorded for each section, when it recorded it."""
    try:
        sections = json.loads((final / "manifest.json").read_text(encoding="utf-8"))["sections"]
        return {entry["notebook"]: entry["fingerprint"] for entry in sections}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _execute(
    notebook: Path, target: Path, params: Params, publish: Callable[[Path, Params, Path | None], None]
) -> float:
    """One notebook in its own kernel (in a worker process), then `publish`ed beside; the seconds it took, from
    the kernel's start."""
    import papermill

    started = time.monotonic()
    papermill.execute_notebook(
        str(notebook),
        str(target),
        parameters=params.to_mapping(),
        kernel_name="python3",
        cwd=str(notebook.parent),
        progress_bar=False,
        log_output=False,
        # The kernel runs on this machine only; its warning about unencrypted local TCP is noise here.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    publish(target, params, None)
    return time.monotonic() - started


def run_sections(
    notebooks: list[Path],
    params: Params,
    sections_dir: Path,
    published: PublishedReport,
    final: Path,
    fresh: bool,
    say: Callable[[str], None],
    publish: Publish,
) -> list[SectionRun]:
    """Execute (or reuse) every section, as many at once as the build may use cores; a failure names the section.
    Each executed notebook is then `publish`ed in its worker (its public notebook and page written beside it),
    so the pages are made in parallel too; a reused one is published with the notebook it comes from."""
    from papermill.exceptions import PapermillExecutionError

    code = code_digest()
    earlier = {} if fresh else previous_fingerprints(final)
    runs: dict[Path, SectionRun] = {}
    to_run: list[tuple[Path, str]] = []
    for notebook in notebooks:
        mark = fingerprint(notebook, published, code)
        previous = final / "sections" / notebook.name
        if earlier.get(notebook.stem) == mark and previous.is_file():
            (sections_dir / notebook.name).write_bytes(previous.read_bytes())
            publish(sections_dir / notebook.name, params, previous)
            runs[notebook] = SectionRun(notebook, mark, True, 0.0)
            say(f"{notebook.stem}: unchanged since the last render, reused")
        else:
            to_run.append((notebook, mark))
    workers = max(1, min(len(to_run), cores()))
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        pending = {}
        for notebook, mark in to_run:
            say(f"{notebook.stem}: running")
            pending[pool.submit(_execute, notebook, sections_dir / notebook.name, params, publish)] = (notebook, mark)
        for done in as_completed(pending):
            notebook, mark = pending[done]
            try:
                seconds = done.result()
            except PapermillExecutionError as error:
                raise BuildError(f"section {notebook.stem} failed: {error.ename}: {error.evalue}") from None
            except (OSError, ValueError) as error:  # writing its published notebook or page
                raise BuildError(f"section {notebook.stem} could not be written: {error}") from None
            runs[notebook] = SectionRun(notebook, mark, False, seconds)
            say(f"{notebook.stem}: done in {seconds:.1f} s")
    return [runs[notebook] for notebook in notebooks]


def read_executed(path: Path, prefix: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    fix_cell_ids(notebook, prefix)
    return notebook


def fix_cell_ids(notebook: nbformat.NotebookNode, prefix: str) -> None:
    """Stable cell ids (papermill gives new ones every run), so the HTML is the same on a rerun."""
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"{prefix}-{number:03d}"


def public_notebook(notebook: nbformat.NotebookNode, name: str, params: Params) -> nbformat.NotebookNode:
    """The executed notebook as analysts receive it: no path of this machine in its metadata or parameters."""
    notebook = copy.deepcopy(notebook)
    data_dir, shown = str(params.data_dir), paths.shown(params.data_dir)
    record = notebook.metadata.get("papermill")
    if record is not None:
        record["input_path"] = f"notebooks/{name}"
        record["output_path"] = f"sections/{name}"
        record["parameters"] = public_parameters(params)
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = cell["source"].replace(json.dumps(data_dir), json.dumps(shown)).replace(data_dir, shown)
    return notebook
