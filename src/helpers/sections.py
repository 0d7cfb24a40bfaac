"""The report's section modules in report order.

Each section module gives SECTION_TITLE (its heading in the notebook), FIGURE_PREFIXES (e.g.
`("strategic.",)`), DEFINITIONS (figure key -> plain-English definition) and
headlines(figures, params) -> list of sentences. A section whose module is not installed yet is
skipped, so sections can arrive one at a time.
"""
from __future__ import annotations

import importlib
from types import ModuleType

SECTION_NAMES = ("strategic", "tactical", "crimes", "suspects", "wards")


def _installed(names: tuple[str, ...]) -> tuple[ModuleType, ...]:
    found = []
    for name in names:
        try:
            found.append(importlib.import_module(f"helpers.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"helpers.{name}":
                raise
    return tuple(found)


SECTION_MODULES = _installed(SECTION_NAMES)


def all_definitions() -> dict[str, str]:
    return {key: text for module in SECTION_MODULES for key, text in module.DEFINITIONS.items()}
