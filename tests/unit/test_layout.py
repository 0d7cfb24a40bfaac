"""The layout shows the design: sections side by side, one registry, a repository that stands on its own."""

from __future__ import annotations

import ast
import json
import re
import subprocess

from helpers import paths
from helpers.sections import SECTIONS

SOURCE = paths.project_root() / "src" / "helpers"


def _imports(code: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _section_code(slug: str) -> dict[str, str]:
    code = {
        str(p.relative_to(paths.project_root())): p.read_text(encoding="utf-8")
        for p in (SOURCE / "sections" / slug).glob("*.py")
    }
    notebook = json.loads((paths.notebooks_dir() / next(s for s in SECTIONS if s.slug == slug).notebook).read_text())
    code[f"notebooks/{slug}"] = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    return code


def test_a_section_never_imports_another():
    for section in SECTIONS:
        others = {f"helpers.sections.{s.slug}" for s in SECTIONS if s.slug != section.slug}
        for where, code in _section_code(section.slug).items():
            crossing = sorted(m for m in _imports(code) if any(m == o or m.startswith(o + ".") for o in others))
            assert not crossing, f"{where} imports another section: {crossing}"


def test_a_lower_layer_never_imports_a_section():
    for layer in ("inputs", "rules", "stats", "disclosure"):
        for path in (SOURCE / layer).glob("*.py"):
            imported = _imports(path.read_text(encoding="utf-8"))
            assert not [m for m in imported if m.startswith("helpers.sections")], f"{path.name} imports a section"


def test_a_test_module_never_imports_another():
    """What tests share lives in conftest.py and the support modules beside it, never in a test module."""
    for path in (paths.project_root() / "tests").rglob("test_*.py"):
        if "node_modules" not in path.parts:
            imported = _imports(path.read_text(encoding="utf-8"))
            assert not [m for m in imported if m.split(".")[0].startswith("test_")], f"{path.name} imports a test"


def test_the_tests_are_grouped_by_what_they_check():
    tests = paths.project_root() / "tests"
    assert not list(tests.glob("test_*.py")), "a test module belongs in unit/, sections/, appendix/ or e2e/"
    groups = {p.name for p in tests.iterdir() if p.is_dir() and any(p.rglob("test_*.py"))}
    assert groups == {"unit", "sections", "appendix", "e2e"}


def test_every_registry_entry_has_its_folder_notebook_and_tests():
    tests = paths.project_root() / "tests"
    for section in SECTIONS:
        folder = SOURCE / "sections" / section.slug
        assert {"__init__.py", "measures.py"} <= {p.name for p in folder.glob("*.py")}, section.slug
        assert (paths.notebooks_dir() / section.notebook).is_file(), section.notebook
        assert (tests / "sections" / f"test_{section.slug}.py").is_file(), f"tests/sections/test_{section.slug}.py"
        assert hasattr(section.measures, "DEFINITIONS"), section.slug
    assert [s.number for s in SECTIONS] == list(range(1, len(SECTIONS) + 1))


def test_no_tracked_file_points_outside_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=paths.project_root(), capture_output=True, text=True, check=True
    ).stdout.split()
    # The team's reference folder beside the checkout, spelt so that this file does not name it itself.
    outside = re.compile(re.escape("..") + "/" + "shared" + "|" + "/work" + "/shared")
    found = []
    for name in tracked:
        path = paths.project_root() / name
        small_file = path.is_file() and path.stat().st_size < 2_000_000
        if small_file and outside.search(path.read_text(encoding="utf-8", errors="replace")):
            found.append(name)
    assert not found, f"these files point outside the repository: {found}"
