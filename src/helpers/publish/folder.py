"""A finished report folder as the publication pack reads it: tables, figures, headlines, manifest.

Cells are read back from the display CSVs exactly as published: a number, `c` for a suppressed
count, a blank where nothing applies, or a word (a ward name, "higher"). Nothing is recomputed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import BuildError

SUPPRESSED = "c"
NOT_APPLICABLE = "x"
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_WHOLE_NUMBER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Cell:
    """One published value: a number, or a symbol (`c` suppressed, `x` blank), or a word."""

    number: int | float | None
    symbol: str
    text: str

    def display(self) -> str:
        """As a reader sees it: the number, `c`, a word, or a blank."""
        if self.number is not None:
            return number_text(self.number)
        return self.text or (SUPPRESSED if self.symbol == SUPPRESSED else "")


def number_text(number: int | float) -> str:
    """Shortest exact text of a number (repr of a float), as pandas writes the display CSVs."""
    return str(number) if isinstance(number, int) else repr(float(number))


def parse_cell(text: str) -> Cell:
    if text == SUPPRESSED:
        return Cell(None, SUPPRESSED, "")
    if not text.strip():
        return Cell(None, NOT_APPLICABLE, "")
    if _NUMBER.fullmatch(text):
        return Cell(int(text) if _WHOLE_NUMBER.fullmatch(text) else float(text), "", "")
    return Cell(None, "", text)


def figure_cell(value: object) -> Cell:
    """A figures.json value: a number, `c`, null or an empty list of names (`x`), or a word."""
    if value is None or value == "":
        return Cell(None, NOT_APPLICABLE, "")
    if value == SUPPRESSED:
        return Cell(None, SUPPRESSED, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cell(value, "", "")
    return Cell(None, "", value if isinstance(value, str) else json.dumps(value))


@dataclass(frozen=True)
class DisplayTable:
    """tables/<name>.csv: one header row, then rows whose first column is the row label."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def label_column_count(self) -> int:
        """The first column, and any column after it that holds only words in every row
        (a ward's name, the month of a ward-by-month table): together they name a row."""
        count = 1
        for position in range(1, len(self.header)):
            cells = [parse_cell(row[position]) for row in self.rows]
            if not cells or not all(cell.text for cell in cells):
                break
            count += 1
        return count

    def row_keys(self, labels: int) -> list[str]:
        """A unique name for each row: its first `labels` columns joined, numbered when a name repeats."""
        keys, seen = [], {}
        for row in self.rows:
            key = " / ".join(row[:labels])
            seen[key] = seen.get(key, 0) + 1
            keys.append(key if seen[key] == 1 else f"{key} ({seen[key]})")
        return keys


def _read_text(folder: Path, name: str) -> str:
    path = folder / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(f"{folder} is not a finished report folder: it has no {name}") from None


def read_table(path: Path) -> DisplayTable:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if not rows:
        raise BuildError(f"table {path.name} is empty: it has not even a header row")
    header, body = rows[0], rows[1:]
    ragged = [number for number, row in enumerate(body, start=2) if len(row) != len(header)]
    if ragged:
        raise BuildError(f"table {path.name} line {ragged[0]} has a different number of cells from its header")
    return DisplayTable(path.stem, tuple(header), tuple(tuple(row) for row in body))


def read_tables(folder: Path) -> dict[str, DisplayTable]:
    """Every tables/<name>.csv of the folder, by name in alphabetical order."""
    tables = folder / "tables"
    if not tables.is_dir():
        raise BuildError(f"{folder} is not a finished report folder: it has no tables folder")
    return {path.stem: read_table(path) for path in sorted(tables.glob("*.csv"))}


def _read_json(folder: Path, name: str) -> dict:
    try:
        return json.loads(_read_text(folder, name))
    except json.JSONDecodeError as error:
        raise BuildError(f"{name} in {folder} is not valid JSON (line {error.lineno}): {error.msg}") from None


def read_figures(folder: Path) -> dict[str, object]:
    return _read_json(folder, "figures.json")


def read_manifest(folder: Path) -> dict:
    return _read_json(folder, "manifest.json")


def read_headlines(folder: Path) -> list[str]:
    """The key headlines of headlines.md, one per list item, without the list marker."""
    return [line[2:].strip() for line in _read_text(folder, "headlines.md").splitlines() if line.startswith("- ")]
