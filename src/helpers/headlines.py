"""Key headlines at the top of the report, gathered from every section present, in report order.

Each section module writes its own (`headlines(figures, params)`) from the published figures, so
they respect suppression; a headline whose percentage is suppressed or whose figures are missing
is left out rather than printed with a gap. Each links to the section that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from helpers.params import Params
from helpers.sections import SECTION_MODULES

# At most ten bullets, as para 2.22 had: each section gives its most important first.
LIMITS = {"strategic": 4, "tactical": 1, "crimes": 2, "suspects": 2, "wards": 1}


@dataclass(frozen=True)
class Headline:
    text: str
    section_title: str  # the heading of the section that shows it


def key_headlines(figures: Mapping[str, object], params: Params) -> list[Headline]:
    headlines: list[Headline] = []
    for module in SECTION_MODULES:
        if any(key.startswith(module.FIGURE_PREFIXES) for key in figures):
            found = module.headlines(figures, params)[: LIMITS[module.__name__.rsplit(".", 1)[-1]]]
            headlines += [Headline(text, module.SECTION_TITLE) for text in found]
    return headlines
