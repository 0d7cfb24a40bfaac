"""The package version, read from the installed package's metadata.

pyproject.toml's `version` is the one place the version is written; CHANGELOG.md's latest release
must match it (tests/unit/test_version.py).
"""

from importlib.metadata import version

DISTRIBUTION = "cse-hub-report"

__version__ = version(DISTRIBUTION)
