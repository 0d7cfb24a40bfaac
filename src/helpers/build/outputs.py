"""Everything a report folder holds, written into the staging folder from the year's publication and the
executed notebooks: tables/, figures.json, headlines.md, the sections with and without code, report.html,
technical.html, and the publication pack (tidy data, tables.xlsx, changes, report.pdf)."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

from helpers.build import report
from helpers.build.headlines import Headline, key_headlines
from helpers.build.notebooks import NOTEBOOK, public_notebook
from helpers.disclosure.publication import PublishedReport
from helpers.display.formatting import date_text
from helpers.display.narrative import figure_marks, linked_markdown
from helpers.errors import BuildError
from helpers.inputs.schema import Extracts
from helpers.params import Params
from helpers.publish.changes import write_changes
from helpers.publish.pdf import write_pdf
from helpers.publish.tidy import write_tidy
from helpers.publish.workbook import TableText, WorkbookMeta, write_workbook
from helpers.rules import quality
from helpers.sections import BY_SLUG
from helpers.workers import worker_context

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
    reused: Collection[str],
    earlier: Path | None,
) -> list[Headline]:
    """Everything of the layout but the manifest and the pack; returns the key headlines. The page of a
    section whose run was `reused` is taken from the `earlier` render when its notebook is the same."""
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
    banner = None if params.suppressed else report.UNSUPPRESSED_BANNER
    title = report.report_title(params)
    (folder / "sections").mkdir(exist_ok=True)
    for notebook, node in zip(notebooks, executed):
        public = public_notebook(node, notebook.name, params)
        text = nbformat.writes(public)
        (folder / "sections" / notebook.name).write_text(text, encoding="utf-8")
        page = folder / "sections" / f"{notebook.stem}.html"
        if notebook.name not in reused or not _copied_from(earlier, page, text):
            page.write_text(report.section_html(public, f"{notebook.stem} - {title}", banner), encoding="utf-8")
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
    (folder / "technical.html").write_text(
        report.technical_page(params, extracts.sources, figures, why_missing, audit, run), encoding="utf-8"
    )
    return headlines


def _copied_from(earlier: Path | None, page: Path, public: str) -> bool:
    """Copy a section's page from the earlier render when the notebook it was made from is the same (for a
    reused section: the page's template and styles are part of the code its fingerprint covers)."""
    if earlier is None:
        return False
    notebook, html = earlier / "sections" / page.with_suffix(".ipynb").name, earlier / "sections" / page.name
    try:
        if notebook.read_text(encoding="utf-8") != public:
            return False
        page.write_bytes(html.read_bytes())
    except OSError:
        return False
    return True


def write_pack(
    folder: Path, previous: Path | None, params: Params, published: PublishedReport, say: Callable[[str], None]
) -> None:
    """Tidy data, tables.xlsx, changes since the previous render and report.pdf; without the system
    libraries the PDF needs, the build says so and goes on (report.html is there). The PDF is laid out in a
    process of its own while the rest is written: it is the longest step of a re-render."""
    with ProcessPoolExecutor(max_workers=1, mp_context=worker_context()) as pool:
        pdf = pool.submit(write_pdf, folder, report.report_title(params))
        write_tidy(folder)
        start, end = params.period
        texts = {name: TableText(table.title, table.note) for name, table in published.tables.items()}
        write_workbook(
            folder,
            WorkbookMeta(
                report.report_title(params), f"{date_text(start)} to {date_text(end)}", SOURCE, CONTACT, texts
            ),
        )
        write_changes(previous, folder)
        try:
            pdf.result()
        except BuildError as error:
            say(f"report.pdf not written: {error}")
