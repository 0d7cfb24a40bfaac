"""Re-rendering only what changed: a section is reused when nothing it depends on changed, and the outputs of a
reused build are those of a fresh one."""
from __future__ import annotations

import json
import shutil

import pytest

from helpers import paths, synthetic
from helpers.build import run as build
from helpers.params import resolve

SECTIONS = ["strategic", "crimes"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The extracts, and a copy of the notebooks that a test may edit."""
    data = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=5), data, "cse")
    notebooks = tmp_path_factory.mktemp("notebooks")
    for name in ("01_strategic.ipynb", "03_crimes.ipynb"):
        shutil.copy2(paths.notebooks_dir() / name, notebooks / name)
    return data, notebooks


def _build(project, out, monkeypatch, fresh=False, **overrides):
    data, notebooks = project
    monkeypatch.setattr(paths, "notebooks_dir", lambda: notebooks)
    folder = build.build(resolve("2015-16", overrides={"data_dir": str(data), **overrides}), out, SECTIONS,
                         fresh=fresh)
    manifest = json.loads((folder / "manifest.json").read_text())
    return folder, {s["notebook"]: s["reused"] for s in manifest["sections"]}


def _published(folder) -> dict[str, bytes]:
    names = ["figures.json", "headlines.md", "report.html", *(f"tables/{p.name}" for p in (folder / "tables").iterdir())]
    return {name: (folder / name).read_bytes() for name in names}


def test_what_is_reused_and_what_runs_again(project, tmp_path, monkeypatch):
    first, reused = _build(project, tmp_path, monkeypatch)
    assert reused == {"01_strategic": False, "03_crimes": False}
    fresh_outputs = _published(first)

    second, reused = _build(project, tmp_path, monkeypatch)
    assert reused == {"01_strategic": True, "03_crimes": True}
    assert _published(second) == fresh_outputs

    notebook = project[1] / "01_strategic.ipynb"
    content = json.loads(notebook.read_text())
    markdown = next(c for c in content["cells"] if c["cell_type"] == "markdown")
    markdown["source"] = [*markdown["source"], "\nA sentence an analyst added."]
    notebook.write_text(json.dumps(content, indent=1))
    edited, reused = _build(project, tmp_path, monkeypatch)
    assert reused == {"01_strategic": False, "03_crimes": True}
    assert "A sentence an analyst added." in (edited / "report.html").read_text()

    _, reused = _build(project, tmp_path, monkeypatch, ward_list_min=9)
    assert reused == {"01_strategic": True, "03_crimes": True}  # a parameter of the ward table only

    _, reused = _build(project, tmp_path, monkeypatch, non_recent_before="2013-01-01")
    assert reused == {"01_strategic": True, "03_crimes": False}  # one that changes what the crimes section shows

    _, reused = _build(project, tmp_path, monkeypatch, fresh=True, non_recent_before="2013-01-01")
    assert reused == {"01_strategic": False, "03_crimes": False}
