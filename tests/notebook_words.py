"""What a section's notebook says, rendered from the notebook's own templates.

The notebook's code cells run as the kernel would run them, on a report as the engine publishes it (the build's
hand-over replaced by the report itself), with any of its figures, tables or facts replaced by the case a test
makes. The wording tests read what comes out, so they test the sentences an analyst edits in the notebook, not
helpers behind them. Charts are drawn but not encoded: their titles are kept, with their alt text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import nbformat

from helpers import paths
from helpers.disclosure.model import PublishedTable
from helpers.display import section as section_module
from helpers.display.section import Section
from helpers.params import Params
from helpers.sections import BY_SLUG


@dataclass
class Said:
    """Everything a notebook showed a reader, in order."""

    paragraphs: list[str] = field(default_factory=list)  # each narrative as plain text (headlines.md, text/plain)
    markdown: list[str] = field(default_factory=list)  # each narrative as report.html has it, numbers linked
    titles: list[str] = field(default_factory=list)  # the chart titles, unwrapped
    alts: list[str] = field(default_factory=list)  # the charts' alt texts

    @property
    def text(self) -> str:
        """The narrative in one string, each run of white space (a template's line breaks) one space."""
        return "\n".join(" ".join(paragraph.split()) for paragraph in self.paragraphs)


def notebook_said(
    slug: str,
    report,
    params: Params,
    monkeypatch,
    figures: Mapping[str, object] | None = None,
    tables: Mapping[str, PublishedTable] | None = None,
    facts: Mapping[str, object] | None = None,
) -> Said:
    """The section's notebook run on `report` (a published report of the engine), its section's figures, tables
    and facts replaced where given."""
    info = BY_SLUG[slug]
    section = Section(
        info.number,
        slug,
        info.title,
        params,
        tables={**report.tables, **(tables or {})},
        facts={**report.facts[slug], **(facts or {})},
    )
    section.published.update({k: v for k, v in report.figures.items() if k.startswith(info.figure_prefixes)})
    section.published.update(figures or {})
    said = Said()

    def display(payload: dict, raw: bool = False) -> None:
        if "text/markdown" in payload:
            said.paragraphs.append(payload["text/plain"])
            said.markdown.append(payload["text/markdown"])
        said.alts.extend(html.unescape(alt) for alt in re.findall(r'alt="([^"]*)"', payload.get("text/html", "")))

    def drawn(figure: plt.Figure) -> str:
        title = figure.get_suptitle() or figure.axes[0].get_title()
        said.titles.append(" ".join(title.split()))
        plt.close(figure)
        return "data:,"

    monkeypatch.setattr(section_module, "display", display)
    monkeypatch.setattr(section_module, "png_data_uri", drawn)
    monkeypatch.setattr(Section, "open", classmethod(lambda cls, name, namespace: section))
    path = paths.notebooks_dir() / info.notebook
    namespace: dict[str, object] = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            exec(compile(cell.source, path.name, "exec"), namespace)  # the notebook's code, as the kernel runs it
    return said
