"""WCAG 2.1 AA: pages opened in Debian's Chromium and checked with axe-core (tests/e2e/browser/axe_check.js).

Needs node and /usr/bin/chromium; without them these tests fail and say what to install, as CI
installs both (.ci/run). The node modules are installed into tests/e2e/browser on first use.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.publish.accessibility import ACCESSIBILITY_STATEMENT
from helpers.publish.changes import write_changes
from pack_folders import write_folder

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
INSTALL_CHROMIUM = "apt-get install -y --no-install-recommends chromium"
INSTALL_NODE = "apt-get install -y nodejs npm (Node.js 18 or later)"


def missing_tools(chromium: Path, node: str | None) -> str | None:
    """What to install before the browser checks can run, or None."""
    missing = []
    if node is None:
        missing.append(f"node is not on the PATH: {INSTALL_NODE}")
    if not chromium.is_file():
        missing.append(f"{chromium} is missing: {INSTALL_CHROMIUM}")
    return "; ".join(missing) or None


@pytest.fixture(scope="session")
def axe():
    """Run axe_check.js on one HTML file and return its findings."""
    problem = missing_tools(CHROMIUM, shutil.which("node"))
    if problem:
        pytest.fail(f"the accessibility checks need a browser: {problem}")
    if not (BROWSER_DIR / "node_modules" / "puppeteer-core").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(f"npm is not on the PATH: {INSTALL_NODE}")
        installed = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_DIR, capture_output=True, text=True, timeout=600
        )
        if installed.returncode:
            pytest.fail(f"npm ci in tests/e2e/browser failed:\n{installed.stdout}\n{installed.stderr}")

    def run(page: Path) -> dict:
        checked = subprocess.run(
            ["node", "axe_check.js", str(page)],
            cwd=BROWSER_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CHROMIUM": str(CHROMIUM)},
        )
        if checked.returncode:
            pytest.fail(f"axe_check.js could not check {page.name}: {checked.stderr}")
        return json.loads(checked.stdout)

    return run


def violations(found: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in found["violations"]
    ]


def test_missing_chromium_or_node_says_what_to_install(tmp_path):
    problem = missing_tools(tmp_path / "chromium", None)
    assert INSTALL_CHROMIUM in problem and "node is not on the PATH" in problem
    assert missing_tools(Path(shutil.which("sh")), "/usr/bin/node") is None


def test_the_check_finds_an_image_without_alt_text_and_a_page_without_a_language(axe, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Bad</title></head><body><main><h1>Bad</h1>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
        encoding="utf-8",
    )
    found = axe(page)
    assert {v["id"] for v in found["violations"]} == {"image-alt", "html-has-lang"}
    assert found["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_the_check_reports_a_page_that_reaches_the_network(axe, tmp_path):
    page = tmp_path / "fetches.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Fetches</title>'
        '<link rel="stylesheet" href="https://example.org/style.css"></head>'
        "<body><main><h1>Fetches</h1></main></body></html>",
        encoding="utf-8",
    )
    assert axe(page)["external_requests"] == ["https://example.org/style.css"]


def test_the_changes_page_meets_wcag_21_aa(axe, tmp_path):
    old, new = write_folder(tmp_path / "old"), write_folder(tmp_path / "new", figures={"tactical.open_cases": 279})
    _, page = write_changes(old, new)
    found = axe(page)
    assert violations(found) == [] and found["external_requests"] == [] and found["passes"] > 0


def test_the_accessibility_statement_says_target_checks_limits_and_other_formats():
    for words in ("WCAG) 2.1 at level AA", "axe-core", "alt text", "another format"):
        assert words in ACCESSIBILITY_STATEMENT


def test_the_rendered_report_meets_wcag_21_aa(axe, rendered_report):
    folder, _ = rendered_report
    found = axe(folder / "report.html")
    assert violations(found) == [] and found["external_requests"] == [] and found["passes"] > 0
