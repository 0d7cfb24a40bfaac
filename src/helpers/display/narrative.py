"""Numbers in sentences: narrative and headlines take every number from published figures."""
from __future__ import annotations

import string
from types import SimpleNamespace
from typing import Any, Mapping

from helpers.display.formatting import (
    SUPPRESSED,
    count_text,
    date_text,
    pct_text,
    round_half_away,
)


class NarrativeFormatter(string.Formatter):
    """Formats figures in sentences: `{x:count}` 1,153; `{x:pct}` 18%; `{x:num1}` 54.2; `{x:whole}` 54; `{x:date}` 29 March 2016;
    `{x:bracketed_pct}` " (18%)", or nothing when the share is suppressed or missing.

    A suppressed count reads "fewer than 10" (the threshold in force); any other suppressed value
    reads "a suppressed figure"; a value that could not be computed reads "not available".
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "bracketed_pct":
            # " (18%)" after a count; nothing when the share is suppressed or missing, as the count says it all.
            return f" ({pct_text(float(value))})" if is_known(value) else ""
        if value is None:
            return "not available"
        if isinstance(value, str) and value == SUPPRESSED:
            return f"fewer than {self.threshold}" if format_spec == "count" else "a suppressed figure"
        if format_spec == "count":
            return count_text(int(value))
        if format_spec == "pct":
            return pct_text(float(value))
        if format_spec == "whole":
            return count_text(int(round_half_away(float(value), 0)))
        if format_spec == "num1":
            return f"{float(value):,.1f}"
        if format_spec == "date":
            return date_text(value)
        return super().format_field(value, format_spec)


def facts(published: Mapping[str, object]) -> SimpleNamespace:
    """Published figures grouped by section, as `facts.strategic.new_referrals`."""
    groups: dict[str, dict[str, object]] = {}
    for key, value in published.items():
        group, name = key.split(".", 1)
        groups.setdefault(group, {})[name] = value
    return SimpleNamespace(**{group: SimpleNamespace(**values) for group, values in groups.items()})


def is_known(*values: object) -> bool:
    """All values published as numbers: neither suppressed nor missing."""
    return all(v is not None and not (isinstance(v, str) and v == SUPPRESSED) for v in values)
