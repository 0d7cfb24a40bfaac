"""Key headlines at the top of the report, gathered from every section present, in report order.

Each section module writes its own (`headlines(figures, params)`) from the published figures, so
they respect suppression; a headline whose percentage is suppressed or whose figures are missing
is left out rather than printed with a gap. Each links to the section that shows it.

A section writes each headline once, within `figure_marks()`, so that its numbers carry their figure
keys (helpers.display.narrative); from that one text come the plain headline of headlines.md, which is
pasted into committee papers, and the HTML of report.html, where each number links to its definition
on the technical page. The two therefore read the same, word for word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from helpers.display.narrative import figure_marks, linked_html, plain_text, sentence_case
from helpers.params import Params
from helpers.sections import SECTIONS


@dataclass(frozen=True)
class Headline:
    text: str  # plain text, as headlines.md has it
    section_title: str  # the heading of the section that shows it
    html: str = ""  # the text as escaped HTML with its numbers linked to their definitions, for report.html


def key_headlines(figures: Mapping[str, object], params: Params) -> list[Headline]:
    headlines: list[Headline] = []
    for section in SECTIONS:
        if any(key.startswith(section.figure_prefixes) for key in figures):
            with figure_marks():
                found = section.headlines(figures, params)
            headlines += [
                Headline(plain_text(marked), section.title, linked_html(marked)) for marked in map(sentence_case, found)
            ]
    return headlines
