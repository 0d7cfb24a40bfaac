"""The section registry: every section of the report, in report order, described once.

A section is a registry entry here, a folder `helpers/sections/<slug>/` (measures, words, charts), a
notebook `notebooks/NN_<slug>.ipynb` and a test module. The build, the headlines, the batch index
and the notebooks read a section's number, title, figure prefixes, headline share and index figures
from here and nowhere else.

A section's `measures` module gives DEFINITIONS (figure key -> plain-English definition) and
headlines(figures, params) -> sentences; a section whose measures declare `publication(scope)` is
published by the disclosure engine for the whole year (helpers.year).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from helpers.params import Params


@dataclass(frozen=True)
class SectionInfo:
    number: int
    slug: str
    title: str
    figure_prefixes: tuple[str, ...]
    headline_share: int  # key headlines it gives at most: ten in all, as the 2016 appendix had
    index_figures: tuple[tuple[tuple[str, ...], str], ...] = ()  # (keys, the first a report has; heading)
    compares_with_previous_year: bool = False  # shows the previous year's own counts beside this year's

    @property
    def notebook(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"

    @property
    def measures(self) -> ModuleType:
        return importlib.import_module(f"helpers.sections.{self.slug}.measures")

    def headlines(self, figures: Mapping[str, object], params: Params) -> list[str]:
        """The section's key headlines, most important first, at most its share."""
        try:
            words = importlib.import_module(f"helpers.sections.{self.slug}.words")
        except ModuleNotFoundError:
            words = self.measures
        return words.headlines(figures, params)[: self.headline_share]


SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo(
        1,
        "strategic",
        "Strategic overview",
        ("strategic.",),
        4,
        ((("strategic.new_referrals",), "New referrals"), (("strategic.episodes_in_year",), "Episodes in year")),
    ),
    SectionInfo(
        2,
        "tactical",
        "Tactical snapshot",
        ("tactical.",),
        1,
        ((("tactical.open_cases",), "Children open on the snapshot day"),),
        compares_with_previous_year=True,
    ),
    SectionInfo(
        3,
        "crimes",
        "Crimes",
        ("crimes.",),
        2,
        ((("crimes.cse_crimes",), "CSE crimes"),),
        compares_with_previous_year=True,
    ),
    SectionInfo(
        4, "suspects", "Offenders and suspects", ("offenders.", "management."), 2, compares_with_previous_year=True
    ),
    SectionInfo(
        5,
        "wards",
        "Wards",
        ("wards.",),
        1,
        ((("wards.area_rate_per_10k", "wards.district_rate_per_10k"), "Children at risk per 10,000 under-18s"),),
    ),
)
BY_SLUG = {section.slug: section for section in SECTIONS}


def published_sections() -> list[ModuleType]:
    """Measures modules of the sections the disclosure engine publishes for the whole year."""
    return [section.measures for section in SECTIONS if hasattr(section.measures, "publication")]


def all_definitions() -> dict[str, str]:
    return {key: text for section in SECTIONS for key, text in section.measures.DEFINITIONS.items()}
