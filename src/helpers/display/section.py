"""What a section notebook calls to show its results: tables, charts, figures and narrative.

`Section.open` gives a notebook its section of the published report: the tables and figures as the
disclosure engine decided them for the whole year (helpers.year). Run by the build, a notebook reads
them from the file the build hands over (HUB_REPORT_PUBLICATION) and never touches the extracts; run by
hand, it computes the year itself, with the same result. Besides the HTML a reader sees, each table and
the section's figures are attached to the cell output under the suite's own MIME types, so the executed
notebook carries its data. Notebooks write no files.
"""

from __future__ import annotations

import base64
import html
import io
import os
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers.disclosure import (
    PublishedTable,
)
from helpers.display.formatting import cell_text
from helpers.display.narrative import (
    NarrativeFormatter,
    facts,
    figure_marks,
    linked_markdown,
    plain_text,
    sentence_case,
)
from helpers.params import Params
from helpers.sections import BY_SLUG

TABLE_MIME = "application/vnd.cse-hub.table+json"
FIGURES_MIME = "application/vnd.cse-hub.figures+json"
PUBLICATION_ENV = "HUB_REPORT_PUBLICATION"  # the build's hand-over: the report as published, pickled
SUPPRESSION_NOTE = (
    "c: a count from 1 to {t_minus} is suppressed, with any figure that would reveal it, "
    "to prevent children or other persons being identified."
)


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
    return (
        f'<table class="report-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{''.join(notes)}"
    )


def _table_payload(table: PublishedTable) -> dict[str, str]:
    return {"name": table.name, "title": table.title, "csv": table.to_csv(), "kinds": dict(table.kinds)}


def png_data_uri(figure: plt.Figure) -> str:
    """The chart as an embedded PNG; no timestamp or version in it, so reruns give the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def draws_something(table: PublishedTable) -> bool:
    """Whether a chart of the table has a bar to draw: a published value above zero outside its label column and
    its total row."""
    cells = table.cells if table.total_row is None else table.cells[table.cells.iloc[:, 0] != table.total_row]
    values = pd.to_numeric(cells.iloc[:, 1:].stack(), errors="coerce")
    return bool((values > 0).any())


@dataclass
class Section:
    """One section of the report as a notebook builds it."""

    number: int
    slug: str
    title: str
    params: Params
    tables_shown: int = 0
    charts_shown: int = 0
    shown_tables: dict[str, str] = field(default_factory=dict)  # table name: its label, "Table 2.1"
    published: dict[str, object] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    tables: dict[str, PublishedTable] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)

    @classmethod
    def open(cls, slug: str, namespace: Mapping[str, Any]) -> Section:
        """The section of the published report, for the parameters of the notebook's parameters cell."""
        from helpers.inputs.scope import params_from_notebook

        params = params_from_notebook(namespace)
        info = BY_SLUG[slug]
        report = published_report(params)
        section = cls(info.number, slug, info.title, params, tables=report.tables, facts=report.facts[slug])
        figures = {k: v for k, v in report.figures.items() if k.startswith(info.figure_prefixes)}
        reasons = {k: v for k, v in report.why_missing.items() if k in figures}
        section.published.update(figures)
        section.reasons.update(reasons)
        display(
            {
                FIGURES_MIME: {
                    "figures": figures,
                    "why_missing": reasons,
                    "count_keys": [k for k in report.count_keys if k in figures],
                },
                "text/plain": f"{len(figures)} figures published",
            },
            raw=True,
        )
        return section

    @property
    def figures(self) -> SimpleNamespace:
        """The section's published figures by prefix, as `section.figures.strategic.new_referrals`."""
        return facts(self.published)

    def table(self, name: str) -> PublishedTable:
        return self.tables[name]

    @property
    def threshold(self) -> int:
        return self.params.suppression_threshold

    def reason(self, key: str) -> str:
        """Why a published figure is null, as its measure said."""
        return self.reasons.get(key, "it could not be computed from the data")

    def show_table(self, table: PublishedTable, caption: str | None = None) -> None:
        """The table, numbered. A table is shown once: a chart drawn from it afterwards points to it."""
        if table.name in self.shown_tables:
            raise ValueError(f"{table.name} is already shown as {self.shown_tables[table.name]}")
        self.tables_shown += 1
        label = f"Table {self.number}.{self.tables_shown}"
        self.shown_tables[table.name] = label
        caption = f"{label}: {caption or table.title}"
        display(
            {"text/html": table_html(table, caption), TABLE_MIME: _table_payload(table), "text/plain": caption},
            raw=True,
        )

    def show_chart(
        self,
        figure: plt.Figure,
        alt: str,
        caption: str,
        data: PublishedTable | Sequence[PublishedTable],
        table: bool = False,
    ) -> None:
        """The chart with its alt text and caption, and the table(s) it is drawn from: with `table`, shown under
        it as a numbered table; already shown as a table, named in the caption; otherwise collapsed under it."""
        tables = [data] if isinstance(data, PublishedTable) else list(data)
        if not any(draws_something(t) for t in tables):
            plt.close(figure)
            self._nothing_to_draw(tables)
            return
        self.charts_shown += 1
        if any(t.suppressed_cells for t in tables):
            caption += " Values marked c are suppressed counts and are not drawn."
        label = f"Figure {self.number}.{self.charts_shown}"
        data_table = self.shown_tables.get(data.name) if isinstance(data, PublishedTable) else None
        if table:
            data_table = f"Table {self.number}.{self.tables_shown + 1}"
        if data_table:
            caption += f" The data are in {data_table}."
        body = (
            f'<figure class="chart"><img src="{png_data_uri(figure)}" alt="{html.escape(alt)}">'
            f"<figcaption><strong>{label}.</strong> {html.escape(caption)}</figcaption></figure>"
        )
        output = {"text/plain": f"{label}: {caption}"}
        if not data_table:
            data_html = "".join(table_html(t, f"Data for {label}: {t.title}") for t in tables)
            body += f"<details><summary>Data behind {label}</summary>{data_html}</details>"
            if len(tables) == 1:
                output[TABLE_MIME] = _table_payload(tables[0])
        display({"text/html": body, **output}, raw=True)
        if table:
            self.show_table(data)

    def _nothing_to_draw(self, tables: list[PublishedTable]) -> None:
        """A chart whose every value is suppressed or zero is a sentence, and its table what can be published."""
        title = tables[0].title
        shown = [self.shown_tables[t.name] for t in tables if t.name in self.shown_tables]
        where = f"{' and '.join(shown)} gives" if shown else "The table below gives"
        sentence = (
            f"There is no chart of {title[0].lower()}{title[1:]}: every value it would draw is suppressed or zero. "
            f"{where} what can be published."
        )
        display({"text/markdown": sentence, "text/plain": sentence}, raw=True)
        for unshown in (t for t in tables if t.name not in self.shown_tables):
            self.show_table(unshown)

    def say(self, template: str, **values: Any) -> None:
        """Narrative in Markdown with its numbers formatted from published figures. Each published value the
        template writes (`{s.new_referrals:count}` with `s = section.figures.strategic`, or
        `{facts.strategic.new_referrals:count}`), and each number that words a section wrote from published
        values show (`{open_cases}` with `open_cases=words.number_of(t.open_cases)`), links to the definition
        of its figure on the technical page; dates, labels and parameters do not (helpers.display.narrative).
        The template may itself be such words. The plain text carries no link."""
        with figure_marks():
            marked = NarrativeFormatter(self.threshold).format(
                format(template), facts=facts(self.published), **values
            )  # format(): Words written with marks
        marked = sentence_case(marked.strip())
        display({"text/markdown": linked_markdown(marked), "text/plain": plain_text(marked)}, raw=True)


def published_report(params: Params):
    """This report as published: handed over by the build, or computed for the whole year when run by hand."""
    handed_over = os.environ.get(PUBLICATION_ENV)
    if handed_over:
        with Path(handed_over).open("rb") as handle:
            return pickle.load(handle)
    from helpers.year import load_year, publish_year

    extracts, reference = load_year(params)
    return publish_year(params, extracts, reference).report(params)
