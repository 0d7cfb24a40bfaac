"""The README's commands, on any machine with Python 3.11 (Windows PowerShell as well as Linux; `make` calls these).

    python scripts/dev.py report [--year 2016-17] [--area "Bradford South"]   render a report
    python scripts/dev.py test [--fast]                                        run the tests
    python scripts/dev.py data                                                 the synthetic extracts
    python scripts/dev.py lab                                                  JupyterLab on notebooks/
    python scripts/dev.py bench                                                the benchmark
    python scripts/dev.py cells                                                notebooks' parameters cells

Each creates the virtual environment .venv when it is missing (from requirements.lock, the exact versions CI
uses, on Linux; from pyproject.toml's pins elsewhere, since the lock is made on Linux) and the synthetic
extracts when they are missing. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
SYNTHETIC = ROOT / "data" / "synthetic" / "ce" / "generated.json"


def python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*arguments: str | Path) -> None:
    done = subprocess.run([str(a) for a in arguments], cwd=ROOT)
    if done.returncode:
        sys.exit(done.returncode)


def environment() -> None:
    """.venv with the suite and its tools, rebuilt when the pins or the lock change."""
    sources = [ROOT / "pyproject.toml", ROOT / "requirements.lock"]
    if STAMP.exists() and all(STAMP.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return
    if not python().exists():
        venv.create(VENV, with_pip=True)
    pip = [python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if platform.system() == "Linux":
        run(*pip, "--no-deps", "-r", ROOT / "requirements.lock", "-e", ROOT)
        run(python(), "-m", "pip", "check")
    else:
        run(*pip, "-e", f"{ROOT}[test,dev]")
    STAMP.touch()


def data() -> None:
    environment()
    if not SYNTHETIC.exists():
        run(python(), "-m", "helpers.synthetic", "--out", ROOT / "data" / "synthetic")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/dev.py",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:9]),
    )
    verbs = parser.add_subparsers(dest="verb", required=True)
    report = verbs.add_parser("report", help="render a report on the synthetic extracts")
    report.add_argument("--year")
    report.add_argument("--area")
    test = verbs.add_parser("test", help="run the tests")
    test.add_argument("--fast", action="store_true", help="no end-to-end builds: the edit-run loop")
    verbs.add_parser("data", help="generate the synthetic extracts")
    verbs.add_parser("lab", help="JupyterLab on notebooks/ with the project's kernel")
    verbs.add_parser("bench", help="the benchmark of the build (minutes)")
    verbs.add_parser("cells", help="set the notebooks' parameters cells to the latest year's parameters")
    args = parser.parse_args(argv)
    data()
    if args.verb == "report":
        run(
            python(),
            "-m",
            "helpers.build",
            *(["--year", args.year] if args.year else []),
            *(["--area", args.area] if args.area else []),
        )
    elif args.verb == "test":
        run(
            python(),
            "-m",
            "pytest",
            *(["-m", "not e2e", "tests"] if args.fast else ["--nbval-lax", "tests", "notebooks"]),
        )
    elif args.verb == "lab":
        run(python(), "-m", "helpers.cli", "lab")
    elif args.verb == "bench":
        run(python(), ROOT / "scripts" / "bench.py")
    elif args.verb == "cells":
        run(
            python(),
            "-c",
            "from helpers.build.notebooks import write_parameters_cells; from helpers.params import "
            "resolve; print('\\n'.join(p.name for p in write_parameters_cells(resolve())) or 'unchanged')",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
