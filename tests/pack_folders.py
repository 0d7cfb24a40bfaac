"""Hand-made report folders for the publication pack tests, and the tidy file read back."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from helpers.build.report import TEMPLATE_DIR

TITLE = "The CSE Hub: data and statistics, 2015/16"
TABLES = {
    "tactical_risk_levels": (
        "Risk level,Children,% of open cases\nHigh,37,13.3\nMedium,c,c\nLow,120,43.2\nNot set,,\nTotal,278,100.0\n"
    ),
    "wards_rates": (
        "ward_code,ward_name,average_at_risk,population_under_18,rate_per_10k,lower_95,upper_95,compared_with_district\n"
        "E05001341,Baildon,0.67,2922,2.28,0.01,17.05,similar\n"
        "E05001346,Bradford Moor,12.58,7422,16.95,8.91,29.24,higher\n"
    ),
    "wards_monthly_by_risk": (
        "ward_code,ward_name,month,High,Medium,Children at risk\n"
        "E05001341,Baildon,2015-04,0,c,c\n"
        "E05001341,Baildon,2015-05,0,0,0\n"
        "E05001346,Bradford Moor,2015-04,11,14,25\n"
        "E05001346,Bradford Moor,2015-05,c,12,15\n"
    ),
    "offenders_year_on_year": (
        "Offenders,This period,% this period,A year earlier,% a year earlier\n"
        "Offender links,91,,64,\n"
        "Persons,90,,64,\n"
        "Female,c,c,c,c\n"
    ),
}
FIGURES = {
    "crimes.no_crime": "c",
    "strategic.projected_new_referrals": None,
    "strategic.trend": "still rising",
    "tactical.open_cases": 278,
    "tactical.risk_high": 37,
    "tactical.risk_high_pct": 13.3,
    "wards.district_rate_per_10k": 8.29,
}
HEADLINES = [
    "On 29 March 2016, 278 children were open to the Hub.",
    "New referrals to the Hub were still rising over the last 24 months.",
]
MANIFEST = {
    "parameters": {
        "reporting_year": "2015-16",
        "data_dir": "/secure/extracts/2016",
        "area": None,
        "snapshot_date": "2016-03-29",
        "suppression_threshold": 10,
    },
    "suppression_threshold": 10,
    "inputs": [
        {"extract": "episodes", "file": "episodes.csv", "sha256": "a" * 64, "rows": 6792},
        {"extract": "crimes", "file": "crimes.csv", "sha256": "b" * 64, "rows": 7561},
    ],
    "reference_data": [{"file": "wards.csv", "sha256": "d" * 64}],
    "sections": ["02_tactical", "05_wards"],
    "end_time": "2026-04-01T09:30:00+00:00",
}
DETAILS_MARKER = "Hidden-data-behind-the-figure"


def report_html(title: str, filler_paragraphs: int = 2) -> str:
    """A small page laid out like report.html: the house stylesheet, a table, a chart, collapsed data."""
    css = (TEMPLATE_DIR / "hub" / "report.css").read_text(encoding="utf-8")
    filler = "".join(
        f"<p>Paragraph {n} of the narrative, long enough to take a line or two of the page when "
        "it is printed on A4 paper in the report's own type.</p>"
        for n in range(filler_paragraphs)
    )
    rows = "".join(f'<tr><th scope="row">Row {n:02d}</th><td class="num">{n * 7}</td></tr>' for n in range(1, 25))
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>{css}</style></head>
<body class="jp-Notebook"><main><div class="jp-RenderedHTMLCommon">
<h1 id="top">{title}</h1>
<p>See <a href="#table-1">Table 1</a>, <a href="https://example.org/appendix">the appendix page</a> and
<a href="technical.html">the technical notes</a>.</p>
{filler}
<table class="report-table" id="table-1"><caption>Table 1: Children by row</caption>
<thead><tr><th scope="col">Row</th><th scope="col">Children</th></tr></thead><tbody>{rows}</tbody></table>
<figure class="chart"><img src="data:image/png;base64,{pixel}" alt="One grey dot">
<figcaption><strong>Figure 1.1.</strong> A chart.</figcaption></figure>
<details><summary>Data behind Figure 1.1</summary><p>{DETAILS_MARKER}</p></details>
</div></main></body></html>
"""


def write_folder(
    folder: Path,
    tables: dict[str, str] | None = None,
    figures: dict | None = None,
    headlines: list[str] | None = None,
    manifest: dict | None = None,
    html: str | None = None,
) -> Path:
    """A finished report folder as the build leaves it, from the defaults above or what a test passes."""
    (folder / "tables").mkdir(parents=True)
    for name, text in (TABLES if tables is None else tables).items():
        (folder / "tables" / f"{name}.csv").write_text(text, encoding="utf-8")
    (folder / "figures.json").write_text(
        json.dumps(FIGURES if figures is None else figures, indent=2), encoding="utf-8"
    )
    (folder / "headlines.md").write_text(
        f"Key headlines: {TITLE}\n\n" + "".join(f"- {h}\n" for h in (HEADLINES if headlines is None else headlines)),
        encoding="utf-8",
    )
    (folder / "manifest.json").write_text(
        json.dumps(MANIFEST if manifest is None else manifest, indent=2), encoding="utf-8"
    )
    (folder / "report.html").write_text(report_html(TITLE) if html is None else html, encoding="utf-8")
    return folder


def read_values(folder: Path) -> list[dict[str, str]]:
    with (folder / "tidy" / "published_values.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rebuilt_tables(rows: list[dict[str, str]]) -> dict[str, list[list[str]]]:
    """The display tables put back together from the tidy rows: label, then each cell as published."""
    tables: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for row in rows:
        if row["table"] == "figures":
            continue
        cells = tables[row["table"]].setdefault(int(row["row_number"]), [row["row"]])
        cells.append(row["value"] or row["text"] or ("c" if row["symbol"] == "c" else ""))
    return {name: [cells for _, cells in sorted(numbered.items())] for name, numbered in tables.items()}


def assert_tidy_agrees_with_the_display_csvs(folder: Path) -> None:
    rows = read_values(folder)
    rebuilt = rebuilt_tables(rows)
    for path in sorted((folder / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            header, *body = list(csv.reader(handle))
        assert rebuilt.pop(path.stem) == body, path.stem
        assert [r["column"] for r in rows if r["table"] == path.stem and r["row_number"] == "1"] == header[1:]
    assert rebuilt == {}
