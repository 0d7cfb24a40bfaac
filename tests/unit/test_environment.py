"""environment.yml (for conda users) and pyproject.toml (the pip path) pin the same versions."""

from __future__ import annotations

import re
import tomllib

import yaml

from helpers import paths


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((paths.project_root() / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    pins = {}
    for requirement in requirements:
        name, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^;\s]+)", requirement).groups()
        pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    environment = yaml.safe_load((paths.project_root() / "environment.yml").read_text())
    pins = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, str) and "=" in entry and not entry.startswith("python="):
            name, version = entry.split("=", 1)
            pins[name.lower()] = version
    return pins


def test_every_dependency_is_pinned_exactly_once_and_alike():
    assert pyproject_pins() == conda_pins()


def test_the_pins_are_what_is_installed():
    from importlib import metadata

    installed = {name: metadata.version(name) for name in pyproject_pins()}
    assert installed == pyproject_pins()
