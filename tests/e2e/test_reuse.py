"""Re-rendering only what changed: a section is reused when nothing it depends on changed, and the outputs of a
reused build are those of a fresh one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import paths, synthetic
from helpers.build import notebooks
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
    folder = build.build(resolve("2015-16", overrides={"data_dir": str(data), **overrides}), out, SECTIONS, fresh=fresh)
    manifest = json.loads((folder / "manifest.json").read_text())
    return folder, {s["notebook"]: s["reused"] for s in manifest["sections"]}


def _published(folder) -> dict[str, bytes]:
    names = [
        "figures.json",
        "headlines.md",
        "report.html",
        *(f"tables/{p.name}" for p in (folder / "tables").iterdir()),
        *(f"sections/{p.name}" for p in (folder / "sections").iterdir()),
    ]
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

    changed, reused = _build(project, tmp_path, monkeypatch, ward_list_min=9)
    assert reused == {"01_strategic": True, "03_crimes": True}  # a parameter of the ward table only
    # A reused section's published notebook still records the parameters of this render.
    recorded = json.loads((changed / "sections" / "01_strategic.ipynb").read_text())["metadata"]["papermill"]
    assert recorded["parameters"]["ward_list_min"] == 9

    _, reused = _build(project, tmp_path, monkeypatch, non_recent_before="2013-01-01")
    assert reused == {"01_strategic": True, "03_crimes": False}  # one that changes what the crimes section shows

    _, reused = _build(project, tmp_path, monkeypatch, fresh=True, non_recent_before="2013-01-01")
    assert reused == {"01_strategic": False, "03_crimes": False}

    with monkeypatch.context() as patched:  # a file of helpers changed
        patched.setattr(notebooks, "code_digest", lambda: "the helpers as edited")
        _, reused = _build(project, tmp_path, monkeypatch, non_recent_before="2013-01-01")
    assert reused == {"01_strategic": False, "03_crimes": False}


def test_changed_extracts_run_again_the_sections_they_reach(project, tmp_path, monkeypatch):
    _, reused = _build(project, tmp_path, monkeypatch)
    assert reused == {"01_strategic": False, "03_crimes": False}
    _, reused = _build(project, tmp_path, monkeypatch)
    assert reused == {"01_strategic": True, "03_crimes": True}
    data = tmp_path / "other extracts"
    synthetic.write(synthetic.generate(seed=6), data, "cse")
    _, reused = _build((data, project[1]), tmp_path, monkeypatch)
    assert reused == {"01_strategic": False, "03_crimes": False}


OPEN_RECORDER = """
import builtins, os, sys
_open, _watched, _log = builtins.open, os.environ["WATCHED_FOLDER"], os.environ["OPENED_LOG"]

def _recording_open(file, *args, **kwargs):
    if isinstance(file, (str, os.PathLike)) and os.path.abspath(os.fspath(file)).startswith(_watched):
        with _open(_log, "a") as log:
            log.write(" ".join(sys.argv[:3]) + " read " + os.fspath(file) + "\\n")
    return _open(file, *args, **kwargs)

builtins.open = _recording_open
"""


def test_the_kernels_read_the_validated_year_and_never_the_extracts(project, tmp_path, monkeypatch):
    """Every process the build starts (its workers and their kernels) runs a hook that records each file it
    opens in the data folder; the build itself reads the extracts in this process, once."""
    hook, log = tmp_path / "hook", tmp_path / "opened.log"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(OPEN_RECORDER)
    data = project[0]
    monkeypatch.setenv("WATCHED_FOLDER", str(data.resolve()))
    monkeypatch.setenv("OPENED_LOG", str(log))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])))
    folder, reused = _build(project, tmp_path / "outputs", monkeypatch, fresh=True)
    assert reused == {"01_strategic": False, "03_crimes": False}
    assert (folder / "figures.json").is_file()
    assert not log.exists(), f"processes of the build read the extracts:\n{log.read_text()}"
    # The hook is live in a process started the same way: reading an extract there is recorded.
    subprocess.run([sys.executable, "-c", f"open({str(data / 'episodes.csv')!r}).close()"], check=True)
    assert "read " + str(data / "episodes.csv") in log.read_text()
