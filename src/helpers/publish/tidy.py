"""Every published value in long format: tidy/published_values.csv and tidy/metadata.json.

One row per value: each cell of each display CSV after its first (label) column, then each figure
of figures.json (table `figures`, row = the figure's key, column `value`). A value is read back from
the published files, never recomputed, so the tidy file holds the same numbers as the report.
Columns (metadata() describes each): table, row, column, value (a number or blank), unit, symbol
(`c` suppressed, `x` blank or null), then `text` for a word published in place of a number (a ward's
name, a month, "higher") and `row_number`, which tells apart rows with the same label (a ward in
each month of a ward-by-month table).

The unit of a value is inferred from its table, column header and (for tables whose rows are
measures, such as "Offenders": Offender links, Persons) its row label; UNITS lists the vocabulary.
Rules, first match wins:
- a rate or its interval ("Rate per 10,000", `lower_95`) is `rate per 10,000 children`;
- a header with a `%` standing alone or `_pct` is `percent` ("% of open cases", not "(95%)");
- a monthly average or fitted trend is the section's count unit `a month` (`children a month`);
- a header naming what it counts (Children, Crimes, Occurrences, Offender links, Persons, New
  referrals or Episodes, a population of children) gives that unit;
- otherwise a row label naming what it counts gives that unit;
- otherwise the unit its section counts: strategic episodes, tactical and wards children, crimes
  crimes, offenders offender links, management occurrences, quality records (`count` otherwise).
Figures follow the same words by key (_FIGURE_UNITS: `_pct` percent, `_per_10k` rate, `peak_age`
years of age ...). A column that holds words (a ward's name, "higher") has no unit.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from helpers.publish.folder import Cell, DisplayTable, figure_cell, number_text, parse_cell, read_figures, read_tables

TIDY_FOLDER = "tidy"
VALUES_FILE = "published_values.csv"
METADATA_FILE = "metadata.json"
FIGURES_TABLE = "figures"
FIGURE_COLUMN = "value"
COLUMNS = ("table", "row", "column", "value", "unit", "symbol", "text", "row_number")

RATE = "rate per 10,000 children"
PERCENT = "percent"
COUNTS = ("children", "episodes", "crimes", "offender links", "persons", "occurrences", "records", "count")
UNITS = (
    *COUNTS,
    *(f"{count} a month" for count in COUNTS),
    PERCENT,
    RATE,
    "years of age",
    "calendar year",
    "months",
    "wards",
)

_SECTION_UNITS = {
    "strategic": "episodes",
    "tactical": "children",
    "wards": "children",
    "crimes": "crimes",
    "offenders": "offender links",
    "management": "occurrences",
    "quality": "records",
}
_RATE_HEADER = re.compile(r"\brate\b|interval|per_10k|^(lower|upper)_", re.I)
_PERCENT_HEADER = re.compile(r"(^|\s)%(\s|$)|_pct\b|\bpercent", re.I)  # "% of", not "(95%)"
_MONTHLY_HEADER = re.compile(r"average|\btrend\b", re.I)
_COUNTED = (  # words that say what a header or row label counts
    (re.compile(r"^children|population", re.I), "children"),
    (re.compile(r"offender links|\blinks\b", re.I), "offender links"),
    (re.compile(r"\bcrimes\b", re.I), "crimes"),
    (re.compile(r"occurrences", re.I), "occurrences"),
    (re.compile(r"^persons\b", re.I), "persons"),
    (re.compile(r"referrals|episodes", re.I), "episodes"),
)
_FIGURE_UNITS = (  # on the figure's key, in order
    (re.compile(r"_than_district$|_ward$|\.trend$"), ""),  # names or words, even when there are none
    (re.compile(r"_pct$"), PERCENT),
    (re.compile(r"_per_10k$"), RATE),
    (re.compile(r"peak_age"), "years of age"),
    (re.compile(r"months_in_year$"), "months"),
    (re.compile(r"^wards\.\w+_wards$"), "wards"),
    (re.compile(r"^\w+\.earliest_\w+_year$"), "calendar year"),
    (re.compile(r"monthly_average_referrals$"), "episodes a month"),
    (re.compile(r"average_at_risk$"), "children a month"),
    (re.compile(r"population|\.children|^tactical\."), "children"),
    (re.compile(r"links$"), "offender links"),
    (re.compile(r"persons$"), "persons"),
    (re.compile(r"crimes|^crimes\."), "crimes"),
    (re.compile(r"episodes|referrals|^strategic\."), "episodes"),
)


def section_unit(table: str) -> str:
    return _SECTION_UNITS.get(table.split("_", 1)[0], "count")


def _counted(text: str) -> str | None:
    return next((unit for pattern, unit in _COUNTED if pattern.search(text)), None)


def column_unit(table: str, header: str, row_label: str) -> str:
    """The unit of one cell of a display table (see the module's rules)."""
    if _RATE_HEADER.search(header):
        return RATE
    if _PERCENT_HEADER.search(header):
        return PERCENT
    if _MONTHLY_HEADER.search(header):
        return f"{section_unit(table)} a month"
    return _counted(header) or _counted(row_label) or section_unit(table)


def figure_unit(key: str) -> str:
    """The unit of one figure of figures.json, from its key."""
    for pattern, unit in _FIGURE_UNITS:
        if pattern.search(key):
            return unit
    return _SECTION_UNITS.get(key.split(".", 1)[0], "count")


def _row(table: str, row: str, column: str, cell: Cell, unit: str, row_number: int) -> dict[str, object]:
    return {
        "table": table,
        "row": row,
        "column": column,
        "value": "" if cell.number is None else number_text(cell.number),
        "unit": unit,
        "symbol": cell.symbol,
        "text": cell.text,
        "row_number": row_number,
    }


def table_rows(table: DisplayTable) -> list[dict[str, object]]:
    cells = [[parse_cell(text) for text in row[1:]] for row in table.rows]
    # A column of words (a ward's name, "higher") has no unit, its blank or suppressed cells neither.
    word_columns = {position for row in cells for position, cell in enumerate(row) if cell.text}
    rows = []
    for number, (published, row) in enumerate(zip(table.rows, cells), start=1):
        label = published[0]
        for position, (header, cell) in enumerate(zip(table.header[1:], row)):
            unit = "" if position in word_columns else column_unit(table.name, header, label)
            rows.append(_row(table.name, label, header, cell, unit, number))
    return rows


def figure_rows(figures: dict[str, object]) -> list[dict[str, object]]:
    rows = []
    for number, (key, value) in enumerate(figures.items(), start=1):
        cell = figure_cell(value)
        rows.append(_row(FIGURES_TABLE, key, FIGURE_COLUMN, cell, "" if cell.text else figure_unit(key), number))
    return rows


def published_values(folder: Path) -> list[dict[str, object]]:
    """Every published value of the folder, tables first (alphabetically), then the figures."""
    rows = [row for table in read_tables(folder).values() for row in table_rows(table)]
    return rows + figure_rows(read_figures(folder))


def metadata() -> dict:
    """A Frictionless tabular data resource describing published_values.csv."""
    fields = [
        {
            "name": "table",
            "type": "string",
            "constraints": {"required": True},
            "description": "The table the value is published in: the name of its file in tables/ (without .csv), "
            f"or `{FIGURES_TABLE}` for a figure of figures.json.",
        },
        {
            "name": "row",
            "type": "string",
            "description": "The row label: the first column of the table's CSV; for a figure, its key.",
        },
        {
            "name": "column",
            "type": "string",
            "constraints": {"required": True},
            "description": f"The column header of the table's CSV; `{FIGURE_COLUMN}` for a figure.",
        },
        {
            "name": "value",
            "type": "number",
            "description": "The published number; blank when the cell is suppressed, not applicable or a word.",
        },
        {
            "name": "unit",
            "type": "string",
            "constraints": {"enum": list(UNITS)},
            "description": "What the value counts or measures, inferred from the table, column header and row "
            "label (see helpers/publish/tidy.py); blank for a word. `percent` values are 0 to 100; "
            "`rate per 10,000 children` is per 10,000 children under 18; `children a month` is an "
            "average of month-end counts.",
        },
        {
            "name": "symbol",
            "type": "string",
            "constraints": {"enum": ["c", "x"]},
            "description": "`c`: suppressed to protect confidentiality (a small count, or a figure that would "
            "reveal one); `x`: not applicable or not available (a blank cell or a null figure); "
            "blank when a value or word is published.",
        },
        {
            "name": "text",
            "type": "string",
            "description": "A word or name published in place of a number (a ward's name, a month, a comparison "
            "such as `higher`); blank otherwise.",
        },
        {
            "name": "row_number",
            "type": "integer",
            "constraints": {"minimum": 1},
            "description": "The row's position in the table's CSV (1 is the first row after the header), which "
            "tells apart rows with the same label, such as one ward in each month; for a figure, its "
            "position in figures.json.",
        },
    ]
    return {
        "profile": "tabular-data-resource",
        "name": "published_values",
        "title": "Every value published in the report, one row per value",
        "path": VALUES_FILE,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""], "primaryKey": ["table", "row_number", "column"]},
    }


def write_tidy(folder: Path) -> list[Path]:
    """Write tidy/published_values.csv and tidy/metadata.json into a finished report folder."""
    out = folder / TIDY_FOLDER
    out.mkdir(exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(published_values(folder))
    values = out / VALUES_FILE
    values.write_text(buffer.getvalue(), encoding="utf-8")
    schema = out / METADATA_FILE
    schema.write_text(json.dumps(metadata(), indent=2) + "\n", encoding="utf-8")
    return [values, schema]
