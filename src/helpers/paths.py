"""Where the project's folders are, found the same way from a notebook, a test or the build."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """The checkout that holds params/, data/ and notebooks/.

    Searched upwards from the working directory first (a notebook runs in notebooks/, the build
    and the tests at the root), then taken from this file's place in an editable install.
    """
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "pyproject.toml").is_file() and (folder / "params").is_dir():
            return folder
    return _PACKAGE_ROOT


def reference_dir() -> Path:
    return project_root() / "data" / "reference"


def params_dir() -> Path:
    return project_root() / "params"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def outputs_dir() -> Path:
    return project_root() / "outputs"


def resolve(path: str | Path) -> Path:
    """An absolute path; a relative one is taken from the project root, not the working directory."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else project_root() / path


def shown(path: Path) -> str:
    """A folder as outputs may name it: from the project root when inside it, else by its own name."""
    try:
        return path.resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return path.name
