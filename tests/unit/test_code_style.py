"""The code keeps the house's lint rules and layout, as configured in pyproject.toml (ruff). The notebooks are
linted but keep their own layout: the narrative templates and the parameters cell (which `hub-report params
--cell` prints) are laid out for the analyst who edits them."""

from __future__ import annotations

import subprocess
import sys

from helpers import paths

CODE = ["src", "tests", "scripts"]


def ruff(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=paths.project_root(), capture_output=True, text=True
    )


def test_the_code_and_the_notebooks_pass_the_lint_rules():
    done = ruff("check", "--no-cache", "--output-format", "concise", *CODE, "notebooks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_formatted():
    done = ruff("format", "--check", "--no-cache", *CODE)
    assert done.returncode == 0, done.stdout + done.stderr
