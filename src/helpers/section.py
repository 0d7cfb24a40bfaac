"""What a section notebook calls to show its results: tables, charts, figures and narrative.

Every table and figure passes through `helpers.disclosure` here, so a notebook cannot show
an unsuppressed number. Besides the HTML a reader sees, each table and the section's figures
are attached to the cell output under the suite's own MIME types; the build reads them from
the executed notebook and writes tables/*.csv and figures.json. Notebooks write no files.
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Iterable

import matplotlib.pyplot as plt
from IPython.display import display

from helpers.disclosure import Figure, PublishedTable, Table, publish_figures, suppress_table
from helpers.formatting import cell_text
from helpers.narrative import NarrativeFormatter, facts
from helpers.params import Params

TABLE_MIME = "application/vnd.cse-hub.table+json"
FIGURES_MIME = "application/vnd.cse-hub.figures+json"
SUPPRESSION_NOTE = ("c: a count from 1 to {t_minus} is suppressed, with any figure that would reveal it, "
                    "to prevent children or other persons being identified.")


def suppression_note(threshold: int) -> str:
    return SUPPRESSION_NOTE.format(t_minus=threshold - 1)


def table_html(table: PublishedTable, caption: str) -> str:
    """An accessible HTML table: caption above, header cells, numbers right-aligned, total bold."""
    label = table.cells.columns[0]
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.cells.columns)
    body = []
    for _, row in table.cells.iterrows():
        is_total = table.total_row is not None and row[label] == table.total_row
        cells = [f'<th scope="row">{html.escape(str(row[label]))}</th>']
        for column in table.cells.columns[1:]:
            kind = table.kinds.get(column, "value")
            text = html.escape(cell_text(row[column], kind))
            align = ' class="num"' if kind in ("count", "pct", "rate", "value") else ""
            cells.append(f"<td{align}>{text}</td>")
        row_class = ' class="total"' if is_total else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    notes = [f'<p class="table-note">{html.escape(table.note)}</p>'] if table.note else []
    if table.suppressed_cells:
        notes.append(f'<p class="table-note">{html.escape(suppression_note(table.threshold))}</p>')
    return (f'<table class="report-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{''.join(notes)}")


def _table_payload(table: PublishedTable) -> dict[str, str]:
    return {"name": table.name, "title": table.title, "csv": table.to_csv(), "kinds": dict(table.kinds)}


def png_data_uri(figure: plt.Figure) -> str:
    """The chart as an embedded PNG; no timestamp or version in it, so reruns give the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass
class Section:
    """One section of the report as a notebook builds it."""

    number: int
    slug: str
    title: str
    params: Params
    tables_shown: int = 0
    charts_shown: int = 0
    published: dict[str, object] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def threshold(self) -> int:
        return self.params.suppression_threshold

    def publish_figures(self, figures: Iterable[Figure]) -> SimpleNamespace:
        """Suppress the section's figures, attach them for figures.json, return them for narrative."""
        figures = list(figures)
        published = publish_figures(figures, self.threshold)
        reasons = {f.key: f.why_missing for f in figures if published[f.key] is None and f.why_missing}
        self.published.update(published)
        self.reasons.update(reasons)
        count_keys = [f.key for f in figures if f.counts == (f.value,)]
        display({FIGURES_MIME: {"figures": published, "why_missing": reasons, "count_keys": count_keys},
                 "text/plain": f"{len(published)} figures published"}, raw=True)
        return facts(self.published)

    def reason(self, key: str) -> str:
        """Why a published figure is null, as its measure said."""
        return self.reasons.get(key, "it could not be computed from the data")

    def publish_table(self, table: Table) -> PublishedTable:
        """Disclosure control for one table; show it with show_table or show_chart."""
        return suppress_table(table, self.threshold)

    def show_table(self, table: PublishedTable, caption: str | None = None) -> None:
        self.tables_shown += 1
        caption = f"Table {self.number}.{self.tables_shown}: {caption or table.title}"
        display({"text/html": table_html(table, caption), TABLE_MIME: _table_payload(table),
                 "text/plain": caption}, raw=True)

    def show_chart(self, figure: plt.Figure, alt: str, caption: str, data: PublishedTable) -> None:
        """The chart with its alt text and caption, and the table behind it, collapsed."""
        self.charts_shown += 1
        if data.suppressed_cells:
            caption += " Values marked c are suppressed counts and are not drawn."
        label = f"Figure {self.number}.{self.charts_shown}"
        data_html = table_html(data, f"Data for {label}: {data.title}")
        body = (f'<figure class="chart"><img src="{png_data_uri(figure)}" alt="{html.escape(alt)}">'
                f"<figcaption><strong>{label}.</strong> {html.escape(caption)}</figcaption></figure>"
                f"<details><summary>Data behind {label}</summary>{data_html}</details>")
        display({"text/html": body, TABLE_MIME: _table_payload(data), "text/plain": f"{label}: {caption}"},
                raw=True)

    def say(self, template: str, **values: Any) -> None:
        """Narrative in Markdown with its numbers formatted from published figures."""
        text = NarrativeFormatter(self.threshold).format(template, facts=facts(self.published), **values)
        display({"text/markdown": text.strip(), "text/plain": text.strip()}, raw=True)
