"""Notebooks are committed without outputs (once run on real extracts they would hold personal data)."""

from __future__ import annotations

import nbformat
import pytest

from helpers import paths

NOTEBOOKS = sorted(paths.notebooks_dir().glob("*.ipynb"))


def test_there_are_section_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_strategic.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_runnable_by_papermill(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} holds outputs"
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert "parameters" in notebook.cells[0].metadata.get("tags", [])
