"""Key headlines at the top of the report, gathered from every section present, in report order.

Each section module writes its own (`headlines(figures, params)`) from the published figures, so
they respect suppression; a headline whose percentage is suppressed or whose figures are missing
is left out rather than printed with a gap. Each links to the section that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from helpers.display.narrative import sentence_case
from helpers.params import Params
from helpers.sections import SECTIONS


@dataclass(frozen=True)
class Headline:
    text: str
    section_title: str  # the heading of the section that shows it


def key_headlines(figures: Mapping[str, object], params: Params) -> list[Headline]:
    headlines: list[Headline] = []
    for section in SECTIONS:
        if any(key.startswith(section.figure_prefixes) for key in figures):
            found = section.headlines(figures, params)
            headlines += [Headline(sentence_case(text), section.title) for text in found]
    return headlines
