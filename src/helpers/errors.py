"""The suite's exceptions: one family, so the build can tell a reader's mistake from a bug."""

from __future__ import annotations


class ReportError(Exception):
    """Base class of every error the suite raises on purpose."""


class ParameterError(ReportError):
    """A parameter is missing, malformed or out of range."""


class InputError(ReportError):
    """An input extract breaks the input contract (file, rows, column and what was expected)."""


class DisclosureError(ReportError):
    """An output would publish personal data or a count below the suppression threshold."""


class BuildError(ReportError):
    """A section notebook failed or the report could not be assembled."""
