"""Assemble the outputs of a build from the executed section notebooks.

Reads the tables and figures each notebook attached to its outputs (helpers.section), exports
each section to HTML for analysts, and stitches one report.html for reviewers: title and
scope, contents, key headlines, the sections without code, data sources and definitions, and
run details. Works on notebooks and strings only; the build decides where files go.
"""
from __future__ import annotations

import copy
import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat
from nbconvert import HTMLExporter

from helpers.inputs import quality
from helpers.build.definitions import COMMON_RULES, DISCLOSURE_RULE
from helpers.disclosure import is_small
from helpers.errors import BuildError, DisclosureError
from helpers.display.formatting import date_text
from helpers.build.headlines import Headline
from helpers.params import Params
from helpers.inputs.schema import SourceFile
from helpers.sections import all_definitions
from helpers.display.section import FIGURES_MIME, TABLE_MIME

TEMPLATE_DIR = Path(__file__).parent / "templates"
UNSUPPRESSED_BANNER = "Unsuppressed - not for publication"
_REPORT_MIMES = ("text/html", "text/markdown", "image/png")


@dataclass
class SectionResults:
    """What the executed notebooks published."""

    figures: dict[str, object] = field(default_factory=dict)
    why_missing: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)  # name -> {"title", "csv", "kinds"}
    count_keys: set[str] = field(default_factory=set)  # figures that are counts of people or crimes


def collect_results(notebooks: list[nbformat.NotebookNode]) -> SectionResults:
    """Gather the tables and figures attached to the notebooks' outputs; a name used twice must agree."""
    results = SectionResults()
    for notebook in notebooks:
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if TABLE_MIME in data:
                    table = data[TABLE_MIME]
                    earlier = results.tables.get(table["name"])
                    if earlier is not None and earlier["csv"] != table["csv"]:
                        raise BuildError(f"two different tables are published as {table['name']}")
                    results.tables[table["name"]] = table
                if FIGURES_MIME in data:
                    for key, value in data[FIGURES_MIME]["figures"].items():
                        if key in results.figures and results.figures[key] != value:
                            raise BuildError(f"figure {key} is published twice with different values")
                        results.figures[key] = value
                    results.why_missing.update(data[FIGURES_MIME].get("why_missing", {}))
                    results.count_keys.update(data[FIGURES_MIME].get("count_keys", []))
    return results


def check_published_counts(results: SectionResults, threshold: int) -> None:
    """A last look before anything is written: no count from 1 to threshold-1 in any table or figure."""
    for key in sorted(results.count_keys):
        if is_small(results.figures.get(key), threshold):
            raise DisclosureError(f"figure {key} would publish a count below {threshold}")
    for name, table in results.tables.items():
        counts = [c for c, kind in table["kinds"].items() if kind == "count"]
        for row in csv.DictReader(io.StringIO(table["csv"])):
            for column in counts:
                value = row.get(column, "")
                if value not in ("", "c") and is_small(float(value), threshold):
                    raise DisclosureError(f"table {name} would publish a count below {threshold} in column {column}")


def fix_cell_ids(notebook: nbformat.NotebookNode, prefix: str) -> None:
    """Stable cell ids (papermill gives new ones every run), so the HTML is the same on a rerun."""
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"{prefix}-{number:03d}"


def _exporter(hide_code: bool) -> HTMLExporter:
    template = "hub_report" if hide_code else "hub"
    exporter = HTMLExporter(template_name=template, extra_template_basedirs=[str(TEMPLATE_DIR)],
                            extra_template_paths=[str(TEMPLATE_DIR)])
    exporter.exclude_input = hide_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.anchor_link_text = ""
    return exporter


def _resources(title: str, banner: str | None) -> dict:
    css = (TEMPLATE_DIR / "hub" / "report.css").read_text(encoding="utf-8")
    return {"metadata": {"name": title}, "hub_css": css, "hub_banner": banner}


def section_html(notebook: nbformat.NotebookNode, title: str, banner: str | None) -> str:
    """An executed section with its code, for analysts."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for mime in (TABLE_MIME, FIGURES_MIME):
                output.get("data", {}).pop(mime, None)
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "display_data" or o["data"]]
    notebook.metadata["title"] = title
    body, _ = _exporter(hide_code=False).from_notebook_node(notebook, resources=_resources(title, banner))
    return body


def heading_id(text: str) -> str:
    """The id nbconvert gives a Markdown heading (spaces become hyphens, then URL-quoted)."""
    return quote(text.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def _report_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """A section's cells as a reader sees them: Markdown, and code outputs that show something."""
    cells = []
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags:
            continue
        if cell.cell_type == "markdown":
            cells.append(copy.deepcopy(cell))
        elif cell.cell_type == "code":
            shown = []
            for output in cell.get("outputs", []):
                data = {m: v for m, v in output.get("data", {}).items() if m in _REPORT_MIMES}
                if output.get("output_type") in ("display_data", "execute_result") and data:
                    shown.append(nbformat.v4.new_output("display_data", data=data))
            if shown:
                code = nbformat.v4.new_code_cell("")
                code.outputs = shown
                cells.append(code)
    return cells


def report_title(params: Params) -> str:
    hub = "CSE Hub" if params.risk_scale == "cse" else "Child Exploitation Hub"
    area = f" - {params.area} Area Committee" if params.area else ""
    return f"The {hub}: data and statistics, {params.year_label}{area}"


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _front_matter(params: Params, headlines: list[Headline]) -> list[nbformat.NotebookNode]:
    start, end = params.period
    scope = [
        f"**Area:** {params.area + ' area committee' if params.area else 'Bradford district'}  ",
        f"**Reporting year:** {date_text(start)} to {date_text(end)}  ",
        f"**Snapshot date:** {date_text(params.snapshot_date)}",
    ]
    items = "\n".join(f'<li>{html.escape(h.text)} <a href="#{heading_id(h.section_title)}">'
                      f"See {html.escape(h.section_title)}</a></li>" for h in headlines)
    cells = [nbformat.v4.new_markdown_cell(f"# {report_title(params)}\n\n" + "\n".join(scope)),
             nbformat.v4.new_markdown_cell('<div id="report-contents"></div>')]
    if headlines:
        cells.append(nbformat.v4.new_markdown_cell(
            f'## Key headlines\n\n<ul class="headlines">\n{items}\n</ul>'))
    return cells


def _sources_and_definitions(params: Params, sources: tuple[SourceFile, ...], results: SectionResults,
                             data_folder: str) -> nbformat.NotebookNode:
    start, end = params.period
    periods = [
        ["Reporting year (episodes)", f"{date_text(start)} to {date_text(end)}"],
        ["Snapshot date", date_text(params.snapshot_date)],
        ["Crimes recorded", f"{date_text(params.crime_period[0])} to {date_text(params.crime_period[1])}"],
        ["Suspect management occurrences created",
         f"{date_text(params.suspect_period[0])} to {date_text(params.suspect_period[1])}"],
        ["Non-recent offences: committed before", date_text(params.non_recent_before)],
    ]
    files = [[s.extract, Path(s.path).name, f"{s.rows:,}", s.sha256[:12]] for s in sources]
    known = {**all_definitions(), **quality.DEFINITIONS}
    definitions = [[f"`{key}`", known[key]] for key in sorted(results.figures) if key in known]
    missing = [f"- `{key}`: {reason}." for key, reason in sorted(results.why_missing.items())]
    parts = [
        "## Data sources and definitions",
        "The report is computed from record-level extracts of the children's social care system (Hub "
        "episodes and risk assessments) and, where present, the police crime and suspect management "
        "systems. Only aggregates leave the suite; no identifier or date of birth is published.",
        "### Periods",
        _markdown_table(["Measure", "Period"], periods),
        "### Input files",
        f"Read from `{data_folder}`. The digest is the start of each file's SHA-256.",
        _markdown_table(["Extract", "File", "Rows", "SHA-256"], files),
        "### Definitions",
        "\n".join(f"- {rule}" for rule in COMMON_RULES),
        _markdown_table(["Figure", "Definition"], definitions),
        "### Disclosure control",
        DISCLOSURE_RULE.format(t_minus=max(params.suppression_threshold - 1, 0))
        if params.suppressed else f"{UNSUPPRESSED_BANNER}: no count has been suppressed.",
    ]
    if missing:
        parts += ["### Figures that could not be computed", "\n".join(missing)]
    return nbformat.v4.new_markdown_cell("\n\n".join(parts))


def _run_details(params: Params, run: dict) -> nbformat.NotebookNode:
    rows = [["Built", run["finished_at"]], ["Suite commit", run["git_commit"] or "not a git checkout"],
            ["Risk scale", params.risk_scale], ["Suppression threshold", str(params.suppression_threshold)],
            ["Python", run["python"]]]
    rows += [[name, version] for name, version in sorted(run["packages"].items())]
    return nbformat.v4.new_markdown_cell("## Run details\n\n" + _markdown_table(["Item", "Value"], rows))


def _contents(body: str) -> str:
    """A contents list of the report's h2 and h3 headings, nested."""
    entries = re.findall(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', body, flags=re.S)
    lines, open_sub = ['<nav class="contents" aria-labelledby="contents-heading">',
                       '<h2 id="contents-heading">Contents</h2>', "<ol>"], False
    for level, anchor, inner in entries:
        text = html.escape(html.unescape(re.sub(r"<[^>]+>", "", inner)).strip())
        if level == "2":
            if open_sub:
                lines.append("</ol></li>")
                open_sub = False
            lines.append(f'<li><a href="#{anchor}">{text}</a>')
        else:
            if not open_sub:
                lines.append("<ol>")
                open_sub = True
            lines.append(f'<li><a href="#{anchor}">{text}</a></li>')
    lines.append("</ol></li>" if open_sub else "</li>")
    lines.append("</ol></nav>")
    return "\n".join(lines)


def check_links(body: str) -> None:
    """Every in-page link has a target and no two headings share an id."""
    ids = re.findall(r'\sid="([^"]+)"', body)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BuildError(f"report headings are not unique: {', '.join(duplicates)}")
    missing = sorted(set(re.findall(r'href="#([^"]+)"', body)) - set(ids))
    if missing:
        raise BuildError(f"report links point at nothing: {', '.join(missing)}")


def stitch_report(
    sections: list[nbformat.NotebookNode],
    params: Params,
    headlines: list[Headline],
    results: SectionResults,
    quality_part: str,
    sources: tuple[SourceFile, ...],
    data_folder: str,
    run: dict,
) -> str:
    """The reviewers' report.html: one self-contained page, no code, no network."""
    cells = _front_matter(params, headlines)
    for notebook in sections:
        cells += _report_cells(notebook)
    cells += [nbformat.v4.new_markdown_cell(quality_part),
              _sources_and_definitions(params, sources, results, data_folder), _run_details(params, run)]
    report = nbformat.v4.new_notebook(cells=cells)
    report.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    report.metadata["title"] = report_title(params)
    fix_cell_ids(report, "report")
    banner = None if params.suppressed else UNSUPPRESSED_BANNER
    body, _ = _exporter(hide_code=True).from_notebook_node(report, resources=_resources(report_title(params), banner))
    body = body.replace('<div id="report-contents"></div>', _contents(body), 1)
    check_links(body)
    return body
