"""Everything a report folder holds, written into the staging folder from the year's publication and the
executed notebooks: tables/, figures.json, headlines.md, the sections with and without code, report.html,
technical.html, and the publication pack (tidy data, tables.xlsx, changes, report.pdf)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import nbformat

from helpers.build import report
from helpers.build.headlines import Headline, key_headlines
from helpers.build.notebooks import NOTEBOOK, public_notebook, read_executed
from helpers.disclosure.publication import PublishedReport
from helpers.display.formatting import date_text
from helpers.display.narrative import figure_marks, linked_markdown
from helpers.errors import BuildError
from helpers.inputs.schema import Extracts
from helpers.params import Params
from helpers.publish.changes import write_changes
from helpers.publish.pdf import prepare, write_pdf
from helpers.publish.tidy import write_tidy
from helpers.publish.workbook import TableText, WorkbookMeta, write_workbook
from helpers.rules import quality
from helpers.sections import BY_SLUG
from helpers.workers import cores, worker_context

SOURCE = (
    "Children's social care system (Hub episodes and risk assessments); police crime recording and suspect "
    "management systems; ONS population estimates and the 2011 Census."
)
CONTACT = "The Hub's data team, through the clerk to the committee that received this report."
PAGES = {
    "Technical notes: every figure defined, the inputs, the disclosure audit and the run": "technical.html",
    "What changed since the last render of this report": "changes.html",
}


def write_outputs(
    folder: Path,
    notebooks: list[Path],
    executed: list[nbformat.NotebookNode],
    params: Params,
    extracts: Extracts,
    run: dict,
    published: PublishedReport,
    audit,
    pdf: BackgroundPdf,
) -> list[Headline]:
    """Everything of the layout but the manifest and the pack (the sections' notebooks and pages are there
    already); returns the key headlines. report.pdf is started as soon as report.html is written."""
    results = report.collect_results(executed)
    built = [BY_SLUG[NOTEBOOK.fullmatch(n.name)[2]] for n in notebooks]
    prefixes = (*tuple(p for section in built for p in section.figure_prefixes), "quality.")
    figures = {**results.figures, **{k: v for k, v in published.figures.items() if k.startswith(prefixes)}}
    why_missing = {**results.why_missing, **{k: v for k, v in published.why_missing.items() if k in figures}}
    tables = {name: table["csv"] for name, table in results.tables.items()}
    tables.update(
        {
            name: published.tables[name].to_csv()
            for section in built
            for name in published.section_tables.get(section.slug, [])
        }
    )
    if params.suppressed:
        report.check_published_counts(results, params.suppression_threshold)
    title = report.report_title(params)
    (folder / "tables").mkdir()
    for name, text in sorted(tables.items()):
        (folder / "tables" / f"{name}.csv").write_text(text, encoding="utf-8")
    figures = dict(sorted(figures.items()))
    (folder / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    headlines = key_headlines(figures, params)
    (folder / "headlines.md").write_text(
        f"Key headlines: {title}\n\n" + "".join(f"- {h.text}\n" for h in headlines), encoding="utf-8"
    )
    with figure_marks():  # the data-quality part's numbers link to their definitions, as the narrative's do
        quality_part = linked_markdown(quality.quality_markdown(figures, extracts.notes, params.suppression_threshold))
    (folder / "report.html").write_text(
        report.stitch_report(executed, params, headlines, quality_part, PAGES), encoding="utf-8"
    )
    pdf.start(folder, title)
    (folder / "technical.html").write_text(
        report.technical_page(params, extracts.sources, figures, why_missing, audit, run), encoding="utf-8"
    )
    return headlines


def publish_section(executed: Path, params: Params, earlier: Path | None = None) -> None:
    """An executed section as it is published: the notebook without this machine's paths, and its page with
    code beside it (sections/NN_name.html). A section reused from the `earlier` render (its notebook there)
    takes that render's page when its published notebook came out the same; parameters the section does not
    depend on can still change what the notebook records, and then its page is made again."""
    public = public_notebook(read_executed(executed, executed.stem), executed.name, params)
    text = nbformat.writes(public)
    executed.write_text(text, encoding="utf-8")
    page, earlier_page = executed.with_suffix(".html"), earlier and earlier.with_suffix(".html")
    if earlier_page and earlier_page.is_file() and earlier.read_text(encoding="utf-8") == text:
        page.write_bytes(earlier_page.read_bytes())
        return
    banner = None if params.suppressed else report.UNSUPPRESSED_BANNER
    title = f"{executed.stem} - {report.report_title(params)}"
    page.write_text(report.section_html(public, title, banner), encoding="utf-8")


class BackgroundPdf:
    """report.pdf, laid out in a process of its own while the rest of the report is written: it is the
    longest step after the sections. The process loads WeasyPrint as soon as it starts, while report.html is
    made. On one core there is nothing to overlap, and the PDF is laid out in turn."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=worker_context()) if cores() > 1 else None
        if self._pool is not None:
            self._pool.submit(prepare)
        self._job: Future | None = None
        self._source: tuple[Path, str] | None = None

    def start(self, folder: Path, title: str) -> None:
        self._source = (folder, title)
        if self._pool is not None:
            self._job = self._pool.submit(write_pdf, folder, title)

    def finish(self, say: Callable[[str], None]) -> None:
        """Wait for report.pdf; without the system libraries the PDF needs, say so and go on (report.html
        is there)."""
        try:
            if self._job is not None:
                self._job.result()
            elif self._source is not None:
                write_pdf(*self._source)
        except BuildError as error:
            say(f"report.pdf not written: {error}")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


@contextlib.contextmanager
def background_pdf() -> Iterator[BackgroundPdf]:
    pdf = BackgroundPdf()
    try:
        yield pdf
    finally:
        pdf.close()


def write_pack(folder: Path, previous: Path | None, params: Params, published: PublishedReport) -> None:
    """Tidy data, tables.xlsx and the changes since the previous render."""
    write_tidy(folder)
    start, end = params.period
    texts = {name: TableText(table.title, table.note) for name, table in published.tables.items()}
    write_workbook(
        folder,
        WorkbookMeta(report.report_title(params), f"{date_text(start)} to {date_text(end)}", SOURCE, CONTACT, texts),
    )
    write_changes(previous, folder)
