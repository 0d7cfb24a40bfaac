"""tables.xlsx: every published table in one workbook, following the GSS spreadsheet guidance.

A cover sheet (title, period, source, what the symbols mean, contact), a contents sheet linking
every table, a notes sheet, then one table per sheet: a title row, the period, how to read the
sheet, the source, and the table marked as an Excel table with one header row and no merged
cells. Numbers stay numbers; a suppressed cell is the GSS shorthand `[c]` and a blank cell `[x]`.
Written with gptables, which lays out the sheets the guidance describes.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import gptables
import pandas as pd
from pandas.errors import PandasDeprecationWarning

from helpers.publish.folder import NOT_APPLICABLE, SUPPRESSED, DisplayTable, parse_cell, read_manifest, read_tables

WORKBOOK_FILE = "tables.xlsx"
SHEET_NAME_LIMIT = 31  # Excel's
FIXED_SHEETS = ("Cover", "Contents", "Notes")
SUPPRESSED_MARK = f"[{SUPPRESSED}]"
NOT_APPLICABLE_MARK = f"[{NOT_APPLICABLE}]"
SUPPRESSED_NOTE = "suppressed"
NOT_APPLICABLE_NOTE = "not_applicable"
EMPTY_TABLE_ROW = "No rows in this period"


@dataclass(frozen=True)
class TableText:
    """What the report says about one table: its caption and the note under it."""

    title: str
    note: str = ""


@dataclass(frozen=True)
class WorkbookMeta:
    """The words the workbook needs that the report folder does not hold.

    `period` is the reporting period in words ("1 April 2015 to 31 March 2016"); `source` names
    the systems the data come from; `contact` says how to reach the team. `tables` maps a table's
    name (its file in tables/ without .csv) to its caption and note, in the order the report shows
    them; a table without an entry comes after them, titled by its name made readable.
    """

    title: str
    period: str
    source: str
    contact: str
    tables: Mapping[str, TableText] = field(default_factory=dict)


def readable(name: str) -> str:
    """`tactical_risk_levels` -> `Tactical risk levels`."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def sheet_names(table_names: list[str]) -> dict[str, str]:
    """A unique sheet name for each table, at most 31 characters, cut at a word where it is longer."""
    taken = {name.lower() for name in FIXED_SHEETS}
    names = {}
    for table in table_names:
        base = re.sub(r"[^A-Za-z0-9_]", "_", table)
        if len(base) > SHEET_NAME_LIMIT:
            cut = base[: SHEET_NAME_LIMIT + 1]
            base = cut[: cut.rfind("_")] if "_" in cut.strip("_") else base[:SHEET_NAME_LIMIT]
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            suffix = f"_{number}"
            candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(candidate.lower())
        names[table] = candidate
    return names


def _sheet_cell(text: str) -> object:
    cell = parse_cell(text)
    if cell.symbol == SUPPRESSED:
        return SUPPRESSED_MARK
    if cell.symbol == NOT_APPLICABLE:
        return NOT_APPLICABLE_MARK
    return cell.number if cell.number is not None else cell.text


def sheet_frame(table: DisplayTable) -> pd.DataFrame:
    """The table as the sheet shows it: numbers as numbers, `[c]` and `[x]` as text.

    gptables refuses a table without rows: a table the report shows empty gets one row saying so."""
    label, *values = table.header
    rows = table.rows or ((EMPTY_TABLE_ROW,) + ("",) * len(values),)
    # Labels stay text, "10" (an age) included; a row with no label of its own (an area's total in a table of
    # ward codes) shows [x], as the guidance wants no blank cell.
    columns = {label: [row[0] or NOT_APPLICABLE_MARK for row in rows]}
    columns.update(
        {header: [_sheet_cell(row[position]) for row in rows] for position, header in enumerate(values, start=1)}
    )
    return pd.DataFrame(columns, dtype=object)


def _decimal_formats(table: DisplayTable) -> list[dict]:
    """Show each column with as many decimal places as the report does (a % as 12.0, not 12)."""
    formats = []
    for position, header in enumerate(table.header[1:], start=1):
        places = max(
            (
                len(row[position].split(".", 1)[1])
                for row in table.rows
                if parse_cell(row[position]).number is not None and "." in row[position]
            ),
            default=0,
        )
        if places:
            formats.append({"column": {"columns": [header], "format": {"num_format": "0." + "0" * places}}})
    return formats


def _notes(name: str, frame: pd.DataFrame, text: TableText | None) -> list[str]:
    """References to the notes sheet that this table's title carries."""
    values = set(frame.iloc[:, 1:].to_numpy().ravel().tolist())
    references = [name] if text and text.note else []
    references += [SUPPRESSED_NOTE] if SUPPRESSED_MARK in values else []
    references += [NOT_APPLICABLE_NOTE] if NOT_APPLICABLE_MARK in values else []
    return references


def _symbol_notes(threshold: int) -> dict[str, str]:
    suppressed = (
        f"{SUPPRESSED_MARK} confidential: a count from 1 to {threshold - 1} is suppressed, with any "
        "figure that would reveal it, to prevent children or other persons being identified."
        if threshold > 1
        else f"{SUPPRESSED_MARK} would mark a suppressed count; this workbook is unsuppressed and not for publication."
    )
    return {
        SUPPRESSED_NOTE: suppressed,
        NOT_APPLICABLE_NOTE: f"{NOT_APPLICABLE_MARK} not applicable or not available: the report leaves "
        "this cell blank (for example a percentage of a total, or a year before the "
        "data begin).",
    }


def _ordered(tables: dict[str, DisplayTable], meta: WorkbookMeta) -> list[str]:
    shown = [name for name in meta.tables if name in tables]
    return shown + [name for name in tables if name not in meta.tables]


def write_workbook(folder: Path, meta: WorkbookMeta) -> Path:
    """Write tables.xlsx into a finished report folder from its tables/*.csv."""
    manifest = read_manifest(folder)
    tables = read_tables(folder)
    order = _ordered(tables, meta)
    names = sheet_names(order)
    symbol_notes = _symbol_notes(int(manifest.get("suppression_threshold", 0)))
    notes = dict(symbol_notes)
    sheets = {}
    for name in order:
        table, text = tables[name], meta.tables.get(name)
        if text and text.note:
            notes[name] = text.note
        frame = sheet_frame(table)
        references = "".join(f"$${ref}$$" for ref in _notes(name, frame, text))  # gptables appends "[note n]"
        title = (text.title if text else readable(name)) + (f" {references}" if references else "")
        sheets[names[name]] = gptables.GPTable(
            table=frame,
            table_name=f"table_{names[name]}",
            title=title,
            subtitles=[f"Period: {meta.period}", f"Also published as tables/{name}.csv"],
            instructions="This worksheet contains one table. Some cells refer to notes, which can be found on "
            f"the Notes worksheet. {SUPPRESSED_MARK} and {NOT_APPLICABLE_MARK} are explained there.",
            source=f"Source: {meta.source}",
            index_columns={2: 0},
            additional_formatting=_decimal_formats(table),
        )
    cover = gptables.Cover(
        cover_label="Cover",
        title=meta.title,
        intro=[
            f"Period: {meta.period}",
            "This workbook holds every table published in the report, one table "
            "per worksheet; the Contents worksheet links to each.",
        ],
        about=[f"Source: {meta.source}", symbol_notes[SUPPRESSED_NOTE], symbol_notes[NOT_APPLICABLE_NOTE]],
        contact=[meta.contact],
    )
    notes_table = pd.DataFrame({"Note reference": list(notes), "Note text": list(notes.values())})
    target = folder / WORKBOOK_FILE
    with warnings.catch_warnings():
        # The symbol notes are listed whether or not a table uses the symbol: gptables warns on them.
        warnings.filterwarnings("ignore", message="The following notes are not referenced")
        # gptables 2.0.2 calls pandas in ways pandas 3.1 deprecates; the pinned pair works (README, libraries).
        warnings.filterwarnings("ignore", category=PandasDeprecationWarning, module=r"gptables\.")
        workbook = gptables.produce_workbook(
            filename=str(target),
            sheets=sheets,
            cover=cover,
            contentsheet_label="Contents",
            contentsheet_options={"title": "Table of contents", "additional_elements": ["subtitles"]},
            notes_table=notes_table,
            notesheet_label="Notes",
            notesheet_options={"title": "Notes"},
        )
    properties = {"title": meta.title}
    if "end_time" in manifest:  # rather than now: the same folder always gives the same workbook
        properties["created"] = dt.datetime.fromisoformat(manifest["end_time"])
    workbook.set_properties(properties)
    workbook.close()
    return target
