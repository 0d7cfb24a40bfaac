"""One version, written in pyproject.toml, and the same everywhere it is stated.

Also the tool pins that .pre-commit-config.yaml repeats from pyproject.toml (it cannot read them).
"""

from __future__ import annotations

import re
import tomllib

import yaml

from helpers import paths
from helpers.version import __version__

RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.MULTILINE)


def pyproject() -> dict:
    return tomllib.loads((paths.project_root() / "pyproject.toml").read_text())


def changelog_releases() -> list[str]:
    return RELEASE_HEADING.findall((paths.project_root() / "CHANGELOG.md").read_text())


def test_the_installed_version_is_pyprojects():
    assert __version__ == pyproject()["project"]["version"], "reinstall: make test rebuilds .venv"


def test_the_latest_release_in_the_changelog_is_the_package_version():
    assert changelog_releases()[0] == __version__


def test_the_changelog_lists_releases_newest_first_under_unreleased():
    text = (paths.project_root() / "CHANGELOG.md").read_text()
    assert text.index("## [Unreleased]") < text.index(f"## [{__version__}]")
    versions = [tuple(int(part) for part in release.split(".")) for release in changelog_releases()]
    assert versions == sorted(versions, reverse=True)
    assert len(set(versions)) == len(versions)


def test_the_pre_commit_hooks_run_the_pinned_tools():
    project = pyproject()["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    pins = dict(requirement.lower().split("==") for requirement in requirements)
    config = yaml.safe_load((paths.project_root() / ".pre-commit-config.yaml").read_text())
    hook_requirements = [
        requirement
        for repo in config["repos"]
        for hook in repo["hooks"]
        for requirement in hook.get("additional_dependencies", [])
    ]
    unpinned = [r for r in hook_requirements if not re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", r)]
    assert unpinned == []
    hook_pins = dict(requirement.lower().split("==") for requirement in hook_requirements)
    both = hook_pins.keys() & pins.keys()
    assert "ruff" in both
    assert {name: hook_pins[name] for name in both} == {name: pins[name] for name in both}
