"""The report's section modules in report order.

Each gives SECTION_TITLE (its heading in the notebook), FIGURE_PREFIX (e.g. `strategic.`),
DEFINITIONS (figure key -> plain-English definition) and headlines(figures, params).
"""
from __future__ import annotations

from helpers import strategic

SECTION_MODULES = (strategic,)


def all_definitions() -> dict[str, str]:
    return {key: text for module in SECTION_MODULES for key, text in module.DEFINITIONS.items()}
