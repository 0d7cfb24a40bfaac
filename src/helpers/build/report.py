"""The pages of a report, from the executed section notebooks.

report.html is for the committee: title and scope, contents, key headlines, the sections without code,
the data-quality notes and a short part about the report (the terms it uses, its sources, how counts
are protected, accessibility), linking to technical.html. technical.html is for reviewers: every
figure key with its definition, the periods and input files, the disclosure audit, what could not be
computed and why, and the run details. Each section is also exported with its code for analysts.
Works on notebooks and strings only; the build decides where files go. Anything that comes from the
inputs or the command line is escaped before it reaches HTML.
"""

from __future__ import annotations

import calendar
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

from helpers.build.definitions import COMMON_RULES, DISCLOSURE_METHOD, DISCLOSURE_RULE, TERMS
from helpers.build.headlines import Headline
from helpers.build.notebooks import fix_cell_ids
from helpers.disclosure import is_small
from helpers.disclosure.publication import DISTRICT, AuditSummary
from helpers.display.formatting import date_text
from helpers.display.section import FIGURES_MIME, TABLE_MIME
from helpers.errors import BuildError, DisclosureError
from helpers.inputs.schema import SourceFile
from helpers.params import Params
from helpers.publish.accessibility import ACCESSIBILITY_STATEMENT
from helpers.rules import quality
from helpers.sections import all_definitions

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


def _exporter(hide_code: bool) -> HTMLExporter:
    template = "hub_report" if hide_code else "hub"
    exporter = HTMLExporter(
        template_name=template, extra_template_basedirs=[str(TEMPLATE_DIR)], extra_template_paths=[str(TEMPLATE_DIR)]
    )
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
    return body.replace('href="technical.html#', 'href="../technical.html#')  # the page sits in sections/


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


def _escaped_table(header: list[str], rows: list[list[str]], caption: str, numeric: set[int] = frozenset()) -> str:
    """An HTML table whose every cell is escaped text (file names and values come from the inputs)."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in header)

    def cell(position: int, text: str) -> str:
        if position == 0:
            return f'<th scope="row">{html.escape(text)}</th>'
        return f'<td class="num">{html.escape(text)}</td>' if position in numeric else f"<td>{html.escape(text)}</td>"

    body = "".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return (
        f'<table class="report-table"><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _scope_lines(params: Params) -> str:
    start, end = params.period
    where = f"{params.area} area committee" if params.area else "Bradford district"
    return (
        f"**Area:** {html.escape(where)}  \n**Reporting year:** {date_text(start)} to {date_text(end)}  \n"
        f"**Snapshot date:** {date_text(params.snapshot_date)}"
    )


def _front_matter(params: Params, headlines: list[Headline]) -> list[nbformat.NotebookNode]:
    # A headline's numbers link to their definitions on the technical page (Headline.html).
    items = "\n".join(
        f'<li>{h.html or html.escape(h.text)} <a href="#{heading_id(h.section_title)}">'
        f"See {html.escape(h.section_title)}</a></li>"
        for h in headlines
    )
    cells = [
        nbformat.v4.new_markdown_cell(f"# {html.escape(report_title(params))}\n\n{_scope_lines(params)}"),
        nbformat.v4.new_markdown_cell('<div id="report-contents"></div>'),
    ]
    if headlines:
        cells.append(nbformat.v4.new_markdown_cell(f'## Key headlines\n\n<ul class="headlines">\n{items}\n</ul>'))
    return cells


def _periods(params: Params) -> list[list[str]]:
    start, end = params.period
    return [
        ["Reporting year (episodes)", f"{date_text(start)} to {date_text(end)}"],
        ["Snapshot date", date_text(params.snapshot_date)],
        ["Crimes recorded", f"{date_text(params.crime_period[0])} to {date_text(params.crime_period[1])}"],
        [
            "Suspect management occurrences created",
            f"{date_text(params.suspect_period[0])} to {date_text(params.suspect_period[1])}",
        ],
        ["Non-recent offences: committed before", date_text(params.crime_period[0])],
        ["Non-recent offences before the cut-off: committed before", date_text(params.non_recent_before)],
        ["Ward months", f"{month_text(params.months[0])} to {month_text(params.months[-1])}"],
    ]


def month_text(month: str) -> str:
    """`2020-01` -> January 2020."""
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"


def _about(params: Params, links: dict[str, str]) -> nbformat.NotebookNode:
    terms = "\n".join(f"- **{term}**: {meaning}" for term, meaning in TERMS)
    protection = (
        DISCLOSURE_RULE.format(t_minus=max(params.suppression_threshold - 1, 0), protection=params.protection_range)
        if params.suppressed
        else f"{UNSUPPRESSED_BANNER}: no count has been suppressed."
    )
    pages = " ".join(f'<a href="{href}">{html.escape(text)}</a>.' for text, href in links.items())
    parts = [
        "## About this report",
        "### Terms used",
        terms,
        "### Sources",
        "The report is computed from record-level extracts of the children's social care system (Hub episodes and "
        "risk assessments) and, where present, the police crime and suspect management systems. Only aggregates "
        "leave the suite; no name, identifier or date of birth is published. The periods each part covers are: "
        + "; ".join(f"{what.lower()}: {when}" for what, when in _periods(params))
        + ".",
        "### How children are protected",
        protection,
        "### Accessibility",
        ACCESSIBILITY_STATEMENT,
        "### More detail",
        pages,
    ]
    return nbformat.v4.new_markdown_cell("\n\n".join(parts))


def stitch_report(
    sections: list[nbformat.NotebookNode],
    params: Params,
    headlines: list[Headline],
    quality_part: str,
    links: dict[str, str],
) -> str:
    """The committee's report.html: one self-contained page, no code, no network."""
    cells = _front_matter(params, headlines)
    for notebook in sections:
        cells += _report_cells(notebook)
    cells += [nbformat.v4.new_markdown_cell(quality_part), _about(params, links)]
    return _page(cells, report_title(params), params, contents=True)


def technical_page(
    params: Params,
    sources: tuple[SourceFile, ...],
    figures: dict[str, object],
    why_missing: dict[str, str],
    audit: AuditSummary,
    run: dict,
) -> str:
    """technical.html: every figure key defined, the inputs, the audit and the run, for reviewers."""
    known = {**all_definitions(), **quality.DEFINITIONS}
    undefined = sorted(key for key in figures if key not in known)
    if undefined:
        raise BuildError("figures published without a definition: " + ", ".join(undefined))
    definitions = [[key, known[key]] for key in sorted(figures)]
    files = [[s.extract, Path(s.path).name, f"{s.rows:,}", s.sha256[:12]] for s in sources]
    scope = params.area or DISTRICT
    loss = [[name, f"{share:.1f}"] for name, share in sorted(audit.suppressed_share[scope].items())]
    missing = [[key, reason] for key, reason in sorted(why_missing.items())]
    narrowest = "no count is hidden" if audit.narrowest is None else f"{audit.narrowest:g}"
    audit_rows = [
        ["Counts hidden or implied, audited", f"{audit.cells_audited:,}"],
        ["Narrowest range a reader can narrow one to", narrowest],
        ["Protection range required", str(params.protection_range)],
        ["Reports audited together", "; ".join(audit.reports)],
    ]
    rows = [
        ["Built", run["finished_at"]],
        ["Suite version", run["suite_version"]],
        ["Suite commit", run["git_commit"] or "not a git checkout"],
        ["Risk scale", params.risk_scale],
        ["Suppression threshold", str(params.suppression_threshold)],
        ["Python", run["python"]],
    ]
    rows += [[name, version] for name, version in sorted(run["packages"].items())]
    parts = [
        f"# Technical notes: {html.escape(report_title(params))}",
        f'{_scope_lines(params)}\n\n<a href="report.html">Back to the report</a>.',
        "## Periods",
        _escaped_table(["Measure", "Period"], _periods(params), "Periods of the report"),
        "## Input files",
        "Each extract is named by its file name, its number of rows and the start of its SHA-256 digest.",
        _escaped_table(["Extract", "File", "Rows", "SHA-256"], files, "Input files", numeric={2}),
        "## Rules common to every section",
        "\n".join(f"- {rule}" for rule in COMMON_RULES),
        "## Figures and their definitions",
        "Every figure of figures.json, by its key. The narrative's numbers link here.",
        _definitions_list(definitions),
        "## Disclosure control",
        DISCLOSURE_METHOD.format(t_minus=max(params.suppression_threshold - 1, 0), protection=params.protection_range)
        if params.suppressed
        else f"{UNSUPPRESSED_BANNER}: no count has been suppressed.",
        _escaped_table(["Audit", "Result"], audit_rows, "The disclosure audit of this build"),
        _escaped_table(
            ["Table", "% of cells suppressed"], loss, "Information lost to suppression, by table", numeric={1}
        ),
    ]
    if missing:
        parts += [
            "## Figures that could not be computed",
            _escaped_table(["Figure", "Why"], missing, "Figures that could not be computed"),
        ]
    parts += ["## Run details", _escaped_table(["Item", "Value"], rows, "Run details")]
    cells = [nbformat.v4.new_markdown_cell("\n\n".join(parts))]
    return _page(cells, f"Technical notes: {report_title(params)}", params, contents=False)


def _definitions_list(definitions: list[list[str]]) -> str:
    items = "".join(
        f'<dt id="{html.escape(key)}"><code>{html.escape(key)}</code></dt><dd>{html.escape(text)}</dd>'
        for key, text in definitions
    )
    return f'<dl class="definitions">{items}</dl>'


def _page(cells: list[nbformat.NotebookNode], title: str, params: Params, contents: bool) -> str:
    page = nbformat.v4.new_notebook(cells=cells)
    page.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    page.metadata["title"] = title
    fix_cell_ids(page, "page")
    banner = None if params.suppressed else UNSUPPRESSED_BANNER
    body, _ = _exporter(hide_code=True).from_notebook_node(page, resources=_resources(title, banner))
    if contents:
        body = body.replace('<div id="report-contents"></div>', _contents(body), 1)
    check_links(body)
    return body


def _contents(body: str) -> str:
    """A contents list of the report's h2 and h3 headings, nested."""
    entries = re.findall(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', body, flags=re.S)
    lines, open_sub = (
        [
            '<nav class="contents" aria-labelledby="contents-heading">',
            '<h2 id="contents-heading">Contents</h2>',
            "<ol>",
        ],
        False,
    )
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
