"""Numbers in sentences: narrative and headlines take every number from published figures."""
from __future__ import annotations

import re
import string
from types import SimpleNamespace
from typing import Any, Mapping

from helpers.display.formatting import (
    SUPPRESSED,
    Share,
    count_text,
    date_text,
    pct_text,
    round_half_away,
)


class NarrativeFormatter(string.Formatter):
    """Formats figures in sentences: `{x:count}` 1,153; `{x:pct}` 18%; `{x:num1}` 54.2; `{x:whole}` 54; `{x:date}` 29 March 2016;
    `{x:bracketed_pct}` " (18%)", or nothing when the share is suppressed or missing.

    A suppressed value reads "some": true of every `c` (a `c` is never 0) and the same whether it hides a
    small count or a larger one hidden to protect another, so the words tell a reader nothing the table
    does not. A value that could not be computed reads "not available". Templates that would read badly
    with either test the value first.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "bracketed_pct":
            # " (18%)" after a count; nothing when the share is suppressed or missing, as the count says it all.
            return f" ({pct_text(value if isinstance(value, Share) else float(value))})" if is_known(value) else ""
        if value is None:
            return "not available"
        if isinstance(value, str) and value == SUPPRESSED:
            return "some"
        if format_spec == "count":
            return count_text(int(value))
        if format_spec == "pct":
            return pct_text(value if isinstance(value, Share) else float(value))
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


def sentence_case(text: str) -> str:
    """Every sentence and paragraph starts with a capital letter, whatever a value put first ("some ...")."""
    # A line break inside a paragraph is not a new sentence: only paragraphs and list items start one.
    return re.sub(r"(^|[.!?]\s+|\n\s*\n\s*|\n\s*[-*]\s+)([a-z])", lambda m: m[1] + m[2].upper(), text)
