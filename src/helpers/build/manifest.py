"""Provenance of a report: manifest.json, and how the outputs name the inputs and the machine.

Outputs name inputs by file name and digest only: no absolute path, user name or process id reaches
any output file. A data folder inside the project is named by its path from the project; one outside
it by its own name alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from helpers import paths
from helpers.disclosure.publication import DISTRICT, AuditSummary
from helpers.inputs.schema import Extracts
from helpers.params import Params
from helpers.version import __version__

PACKAGES = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "ipykernel",
    "jinja2",
    "openpyxl",
    "pyyaml",
    "scipy",
    "statsmodels",
    "highspy",
    "weasyprint",
    "gptables",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def git_commit() -> str | None:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=paths.project_root(),
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def package_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in PACKAGES}


def run_details() -> dict:
    return {
        "started_at": now(),
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "suite_version": __version__,
    }


def public_parameters(params: Params) -> dict:
    """The resolved parameters as outputs show them: the data folder named by paths.shown."""
    return {**params.to_mapping(), "data_dir": paths.shown(params.data_dir)}


def write_manifest(
    folder: Path, params: Params, extracts: Extracts, sections: list[dict], run: dict, audit: AuditSummary
) -> None:
    reference_files = sorted(paths.reference_dir().glob("*.csv"))
    manifest = {
        "suite_version": run["suite_version"],
        "parameters": public_parameters(params),
        "suppression_threshold": params.suppression_threshold,
        "inputs": [
            {"extract": s.extract, "file": Path(s.path).name, "sha256": s.sha256, "rows": s.rows}
            for s in extracts.sources
        ],
        "reference_data": [{"file": p.name, "sha256": sha256(p)} for p in reference_files],
        "sections": sections,
        "git_commit": run["git_commit"],
        "python_version": run["python"],
        "package_versions": run["packages"],
        "start_time": run["started_at"],
        "end_time": now(),
        "disclosure_audit": {
            "passed": not audit.failures,
            "threshold": params.suppression_threshold,
            "protection_range": params.protection_range,
            "cells_audited": audit.cells_audited,
            "narrowest_range": audit.narrowest,
            "reports_audited_together": audit.reports,
            "cells_suppressed_pct": audit.suppressed_share[params.area or DISTRICT],
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
