"""Read the extracts of a data folder and check them against the input contract (`helpers.schema`).

`load_extracts` is the gate every run passes through. It reads each extract as text (a CSV file
or the first sheet of an XLSX workbook), checks every rule of the contract in every file, and
either returns the typed frames of `schema.Extracts` or raises one `InputError` that lists every
problem found: the file, the row numbers as a spreadsheet shows them (header = row 1), the
column, what was expected, the offending values of the first rows and, for a rule of
`schema.VALUE_RULES`, the rule and its reason. Nothing a file holds, however broken, ends in
anything but that message.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import errno
import hashlib
import io
import itertools
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from helpers.errors import InputError, ParameterError
from helpers.inputs.reference import (
    EXPLOITATION_TYPES,
    GENDERS,
    MANAGEMENT_RISK_LEVELS,
    MANAGEMENT_STATUSES,
    OUT_OF_AREA,
    OUTSIDE_DISTRICT,
    RISK_SCALES,
    SOCIAL_CARE_STATUSES,
    Reference,
    canonical_name,
    canonical_risk_scale,
    load_reference,
)
from helpers.inputs.schema import (
    EXTRACTS,
    VALUE_RULES,
    AgeLimit,
    Column,
    DateOrder,
    DateWindow,
    Extracts,
    ExtractSpec,
    Kind,
    NotLongBeforeBirth,
    OnePerPerson,
    SourceFile,
    ValueRange,
    ValueRule,
)
from helpers.rules.episodes import age_on

SUFFIXES = (".csv", ".xlsx")
FIELD_LIMIT = 131_072  # the longest value of one cell a CSV extract may hold (csv's own default)
MAX_PROBLEMS = 20  # problems listed in the error message; the rest are counted
ROWS_SHOWN = 5  # row numbers listed per problem
VALUES_SHOWN = 3  # offending values (or rows described) per problem
HEADER_SEARCH_ROWS = 10  # non-blank rows searched for a header that is not on the first row
CELLS_SHOWN = 8  # cells of a row quoted when its header is not found
CELL_CHARACTERS = 30  # characters of each quoted cell

# Blank cells that the contract reads as a value.
BLANK_DEFAULTS: dict[tuple[str, str], str] = {
    ("episodes", "exploitation_type"): "CSE",
    ("crimes", "outcome"): "NEW",
}
# An extract whose rows point into another extract cannot be read without it.
NEEDS_EXTRACT: dict[str, str] = {
    "crime_suspects": "crimes",
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The shapes a date takes when a person or Excel did not write it as ISO, and what to do about it.
_DATE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"), "looks like a UK or US date: write dates as YYYY-MM-DD"),
    (re.compile(r"\d{5}(\.\d+)?"), "looks like an Excel serial date: format the cells as dates or write YYYY-MM-DD"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ].+"), "has a time: write the date alone as YYYY-MM-DD"),
)
_WHOLE_NUMBER = re.compile(r"[+-]?\d{1,15}(\.0*)?")
_BOOLEANS = {
    **dict.fromkeys(("true", "yes", "1", "y"), True),
    **dict.fromkeys(("false", "no", "0", "n"), False),
}
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_SIGNATURE = b"PK\x03\x04"  # every .xlsx workbook is a zip file
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls, and any password-protected workbook
_EXCEL_SEPARATOR_LINE = re.compile(r'"?sep=(.)"?', re.IGNORECASE)
_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}


# --- problems and their message ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule: the file, the spreadsheet rows, the column, what was expected, what was found and,
    for a rule of `schema.VALUE_RULES`, the rule."""

    file: str
    expected: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    found: str = ""
    rule: ValueRule | None = None

    def __str__(self) -> str:
        where = f"{self.file}, {_rows_label(self.rows)}" if self.rows else self.file
        what = f"column {self.column} {self.expected}" if self.column else self.expected
        why = f" - rule {self.rule.name}: {self.rule.reason}" if self.rule else ""
        return f"{where}: {what}" + (f" ({self.found})" if self.found else "") + why


class _UnusableFile(Exception):
    """A file whose rows cannot be checked (unreadable, empty, a contract column missing)."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(*problems)
        self.problems = list(problems)


def _numbers(numbers: Sequence[int], limit: int) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def _rows_label(rows: Sequence[int]) -> str:
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {_numbers(rows, ROWS_SHOWN)}"


def _values_found(pairs: Sequence[tuple[int, str]]) -> str:
    """`'29/03/2016' on rows 3, 7; 'x' on row 9`: each distinct offending value with its first rows."""
    rows_of: dict[str, list[int]] = {}
    for row, value in pairs:
        rows_of.setdefault(value, []).append(row)
    shown = [f"{value!r} on {_rows_label(rows)}" for value, rows in list(rows_of.items())[:VALUES_SHOWN]]
    hidden = len(rows_of) - VALUES_SHOWN
    return "; ".join(shown) + (f"; and {hidden} more values" if hidden > 0 else "")


def problems_message(data_dir: Path, problems: Sequence[Problem]) -> str:
    """The text of the one `InputError` a failed load raises: a line per problem, capped."""
    count = len(problems)
    lines = [f"The extracts in {data_dir} break the input contract ({count} problem{'s' * (count != 1)}):"]
    lines += [f"- {problem}" for problem in problems[:MAX_PROBLEMS]]
    if count > MAX_PROBLEMS:
        lines.append(f"... and {count - MAX_PROBLEMS} more problems")
    return "\n".join(lines)


# --- code lists ---------------------------------------------------------------------------------


@dataclass
class CodeList:
    """The canonical spellings of one code list, matched case-insensitively after trimming."""

    codes: tuple[str, ...]
    expected: str
    _canonical: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._canonical = {code.strip().casefold(): code for code in self.codes}

    def parse(self, text: str) -> str:
        try:
            return self._canonical[text.casefold()]
        except KeyError:
            raise ValueError(self.expected) from None


def _one_of(codes: Iterable[str]) -> str:
    return "must be one of " + ", ".join(codes)


def code_lists(reference: Reference, risk_scale: str) -> dict[str, CodeList]:
    """Every code list a `Column.codes` names, with the risk levels of the chosen scale (any case)."""
    scale = canonical_risk_scale(risk_scale)
    wards = tuple(reference.wards["ward_code"])
    return {
        "gender": CodeList(GENDERS, _one_of(GENDERS)),
        "ethnicity": CodeList(
            tuple(reference.ethnicity["ethnicity"]), "must be a category listed in the reference ethnicity.csv"
        ),
        "ward_code": CodeList(
            (*wards, OUT_OF_AREA), f"must be a ward code listed in the reference wards.csv or {OUT_OF_AREA}"
        ),
        "location_ward_code": CodeList(
            (*wards, OUTSIDE_DISTRICT), f"must be a ward code listed in the reference wards.csv or {OUTSIDE_DISTRICT}"
        ),
        "exploitation_type": CodeList(EXPLOITATION_TYPES, _one_of(EXPLOITATION_TYPES)),
        "risk_level": CodeList(RISK_SCALES[scale], f"{_one_of(RISK_SCALES[scale])} (the {scale} risk scale)"),
        "social_care_status": CodeList(SOCIAL_CARE_STATUSES, _one_of(SOCIAL_CARE_STATUSES)),
        "management_status": CodeList(MANAGEMENT_STATUSES, _one_of(MANAGEMENT_STATUSES)),
        "management_risk_level": CodeList(MANAGEMENT_RISK_LEVELS, _one_of(MANAGEMENT_RISK_LEVELS)),
        "outcome": CodeList(
            tuple(reference.crime_outcomes["outcome"]), "must be an outcome listed in the reference crime_outcomes.csv"
        ),
    }


# --- value parsers: text in, typed value out, ValueError(what was expected) otherwise -------------

Parser = Callable[[str], object]


def _parse_text(text: str) -> str:
    return text


def _parse_date(text: str) -> str:
    if _ISO_DATE.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError("must be a real calendar date written YYYY-MM-DD") from None
        return text
    hint = next((hint for shape, hint in _DATE_HINTS if shape.fullmatch(text)), None)
    raise ValueError(f"must be a date; this {hint}" if hint else "must be a date written YYYY-MM-DD")


def _parse_bool(text: str) -> bool:
    try:
        return _BOOLEANS[text.casefold()]
    except KeyError:
        raise ValueError("must be true/false, yes/no, 1/0 or Y/N") from None


def _parse_int(text: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError("must be a whole number")
    return int(text.split(".")[0])


_PARSERS: dict[Kind, Parser] = {
    "id": _parse_text,
    "text": _parse_text,
    "date": _parse_date,
    "bool": _parse_bool,
    "int": _parse_int,
}


def _parser(column: Column, codes: Mapping[str, CodeList]) -> Parser:
    return codes[column.codes].parse if column.codes else _PARSERS[column.kind]


# --- typed series from parsed values (None = blank or invalid) -----------------------------------


def _strings(values: list[object]) -> pd.Series:
    return pd.Series(pd.array(values, dtype="string"))


def _dates(values: list[object]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d")


def _booleans(values: list[object]) -> pd.Series:
    flags = pd.Series(pd.array(values, dtype="boolean"))
    # Only a file that is about to be rejected has gaps here; a valid one gets plain bool.
    return flags if flags.isna().any() else flags.astype(bool)


def _integers(values: list[object]) -> pd.Series:
    return pd.Series(pd.array(values, dtype="Int64"))


_SERIES: dict[Kind, Callable[[list[object]], pd.Series]] = {
    "id": _strings,
    "code": _strings,
    "text": _strings,
    "date": _dates,
    "bool": _booleans,
    "int": _integers,
}


# --- the bytes of a file ------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise _UnusableFile(
            Problem(
                path.name,
                "cannot be read: permission denied (ask for read access, or copy the file into a folder of your own)",
            )
        ) from None
    except OSError as error:
        raise _UnusableFile(Problem(path.name, f"cannot be read: {error.strerror or error}")) from None


def _check_signature(path: Path, data: bytes) -> None:
    """A file whose first bytes say it is not what its name says: a workbook named .csv, a .xls, text named .xlsx."""
    if data.startswith(_OLE_SIGNATURE):
        raise _UnusableFile(
            Problem(
                path.name,
                "is an Excel 97-2003 workbook (.xls) or a password-protected workbook: save it in Excel "
                f"without a password as 'Excel Workbook' ({path.stem}.xlsx) or as 'CSV UTF-8' ({path.stem}.csv)",
            )
        )
    if path.suffix == ".csv" and data.startswith(_ZIP_SIGNATURE):
        raise _UnusableFile(
            Problem(
                path.name,
                f"is an Excel workbook (.xlsx) with a .csv name: rename it {path.stem}.xlsx, or open it "
                "in Excel and save it as 'CSV UTF-8'",
            )
        )
    if path.suffix == ".xlsx" and not data.startswith(_ZIP_SIGNATURE):
        looks_like_text = b"\x00" not in data[:4096] and b"," in data[:4096]
        raise _UnusableFile(
            Problem(
                path.name,
                "is not an Excel workbook"
                + (
                    f": it holds text, a CSV file with an .xlsx name? Rename it {path.stem}.csv"
                    if looks_like_text
                    else ": open it in Excel and save it as 'Excel Workbook'"
                ),
            )
        )


# --- reading a CSV file into rows of text ---------------------------------------------------------

Records = list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: text whose every other byte is zero."""
    sample = data[:1000]
    return len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4


def _decode(name: str, data: bytes, notes: list[str]) -> str:
    """CSV text as Excel may have saved it: UTF-8, UTF-8 with a byte-order mark, or Windows-1252."""
    if data.startswith(_UTF16_BOMS) or _looks_like_utf16(data):
        raise _UnusableFile(Problem(name, "is UTF-16 text, not UTF-8: save it from Excel as 'CSV UTF-8'"))
    if data.startswith(_UTF8_BOM):
        notes.append(f"{name} starts with a UTF-8 byte-order mark (as Excel writes it); read as UTF-8")
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _UnusableFile(Problem(name, "is neither UTF-8 nor Windows-1252 text: save it as 'CSV UTF-8'")) from None
    notes.append(f"{name} is not UTF-8; read as Windows-1252")
    return text


def _header_key(header: str) -> str:
    return header.strip().casefold()


HeaderMatcher = Callable[[Sequence[str]], int]


def _header_matcher(spec: ExtractSpec, renames: Mapping[str, str]) -> HeaderMatcher:
    """How many contract columns a row of cells names as headers (after the column_map renames)."""

    def named(cells: Sequence[str]) -> int:
        return len({renames.get(_header_key(cell), _header_key(cell)) for cell in cells} & set(spec.column_names))

    return named


def _first_lines(text: str, count: int) -> list[str]:
    """The first `count` non-blank physical lines."""
    lines = (line for line in io.StringIO(text, newline="") if line.strip())
    return list(itertools.islice(lines, count))


def _split_lines(lines: Iterable[str], delimiter: str) -> list[list[str]]:
    """Lines split into cells, up to the first line csv cannot split (reading the whole file names it)."""
    rows: list[list[str]] = []
    try:
        with _field_limit():
            rows.extend(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        pass
    return rows


def _physical_line(text: str, number: int) -> str:
    return next(itertools.islice(io.StringIO(text, newline=""), number - 1, None), "")


def _delimiter(name: str, text: str, names_columns: HeaderMatcher, notes: list[str]) -> str:
    """Comma, or a tab or semicolon when only that makes the header name contract columns (read with a note)."""
    lines = _first_lines(text, HEADER_SEARCH_ROWS)

    def best_match(delimiter: str) -> int:
        return max((names_columns(cells) for cells in _split_lines(lines, delimiter)), default=0)

    if best_match(",") > 0:
        return ","
    matches = {delimiter: best_match(delimiter) for delimiter in ("\t", ";")}
    delimiter = max(matches, key=matches.get)
    if matches[delimiter] == 0:
        return ","
    notes.append(f"{name} is {_DELIMITERS[delimiter]}-delimited, not comma-separated; read as such")
    return delimiter


class _BrokenRecord(Exception):
    """csv stopped inside a record: its spreadsheet row, the physical line it starts on and csv's reason."""

    def __init__(self, row: int, line: int, reason: str) -> None:
        super().__init__(reason)
        self.row, self.line, self.reason = row, line, reason

    @property
    def runaway(self) -> bool:
        """A value that never ends: a quote left open to the end of the file, or past csv's field limit."""
        return self.reason == "unexpected end of data" or "field limit" in self.reason


@contextlib.contextmanager
def _field_limit() -> Iterator[None]:
    """csv's limit on one value is process-wide and other libraries raise it: the loader sets its own."""
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _parse_csv(text: str, delimiter: str, strict: bool) -> Records:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    records: Records = []
    line_before = 0
    try:
        with _field_limit():
            for cells in reader:
                # A record is a spreadsheet row even when a quoted value spans lines.
                records.append((len(records) + 1, cells))
                line_before = reader.line_num
    except csv.Error as error:
        raise _BrokenRecord(len(records) + 1, line_before + 1, str(error)) from None
    return records


def _unclosed_quote_field(line: str, delimiter: str) -> int | None:
    """The field (from 0) in which `line` ends inside a quoted value, or None when every quote is closed."""
    field_index, quoted, at_start, just_closed = 0, False, True, False
    for character in line.rstrip("\r\n"):
        if quoted:
            if character == '"':
                quoted, just_closed = False, True
            continue
        if character == '"' and (at_start or just_closed):
            quoted = True  # a value's opening quote, or the second of a doubled quote inside one
        elif character == delimiter:
            field_index += 1
            at_start = True
            just_closed = False
            continue
        at_start = just_closed = False
    return field_index if quoted else None


def _column_named(index: int, header: Sequence[str]) -> str:
    """`offence_description (column E)`, or `E` when the header row has no name there."""
    letter = get_column_letter(index + 1)
    return f"{header[index].strip()} (column {letter})" if index < len(header) and header[index].strip() else letter


def _runaway_value(name: str, text: str, broken: _BrokenRecord, delimiter: str, header: list[str]) -> Problem:
    """Where a value that csv could not finish starts: the row, the column, and why (an unclosed quote?)."""
    line = _physical_line(text, broken.line)
    index = _unclosed_quote_field(line, delimiter)
    if index is None:
        lengths = [len(piece) for piece in line.split(delimiter)]
        index = next((i for i, length in enumerate(lengths) if length > FIELD_LIMIT), None)
        what = f"holds a value longer than {FIELD_LIMIT:,} characters: is the file damaged?"
    else:
        what = (
            "has a quote that opens a value and is never closed, so the rest of the file reads as that one "
            "value: an unclosed quote? Close it, or remove the stray quote"
        )
    column = _column_named(index, header) if index is not None else None
    return Problem(name, what, column=column, rows=(broken.row,))


def _csv_records(name: str, data: bytes, names_columns: HeaderMatcher, notes: list[str]) -> Records:
    """The rows of a CSV file, numbered as Excel shows them."""
    text = _decode(name, data, notes)
    first_line, _, rest = text.partition("\n")
    separator = _EXCEL_SEPARATOR_LINE.fullmatch(first_line.strip())
    if separator:
        # Excel writes this line to name the delimiter and hides it when it opens the file, so the rows
        # are numbered from the line after it, as a spreadsheet shows them.
        notes.append(
            f"{name} starts with Excel's '{first_line.strip()}' line; it was skipped, and rows are "
            "numbered as Excel shows them, from the header"
        )
        text, delimiter = rest, separator[1]
    else:
        delimiter = _delimiter(name, text, names_columns, notes)
    try:
        return _parse_csv(text, delimiter, strict=True)
    except _BrokenRecord as strict_break:
        broken = strict_break
    if not broken.runaway:
        # Strict reading also stops at text after a closing quote ("Online" grooming), which the lenient
        # one reads as written; only strict reading sees a quote left open to the end of the file.
        try:
            return _parse_csv(text, delimiter, strict=False)
        except _BrokenRecord as lenient_break:
            broken = lenient_break
    header = next(iter(_split_lines(_first_lines(text, 1), delimiter)), [])
    raise _UnusableFile(_runaway_value(name, text, broken, delimiter, header))


def _nul_problem(name: str, records: Records) -> Problem | None:
    """The first NUL character, by row and column: a text file never holds one."""
    header = next((cells for _, cells in records if any(c.strip() for c in cells)), [])
    for number, cells in records:
        for index, cell in enumerate(cells):
            if "\x00" in cell:
                return Problem(
                    name,
                    "holds a NUL character (byte 0), which a text file never holds: the file is damaged or "
                    "was not saved as text; export it again",
                    column=_column_named(index, header),
                    rows=(number,),
                )
    return None


# --- reading a workbook into rows of text -------------------------------------------------------


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: Excel dates as ISO dates, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_records(sheet: Worksheet) -> Records:
    rows = sheet.iter_rows(values_only=True)
    return [(number, [_cell_text(value) for value in row]) for number, row in enumerate(rows, start=1)]


def _has_values(records: Records) -> bool:
    return any(cell.strip() for _, cells in records for cell in cells)


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(b"<f" in archive.read(part) for part in archive.namelist() if part.startswith("xl/worksheets/"))


def _formulas_without_values(name: str, data: bytes, records: Records) -> Problem | None:
    """Formula cells whose result was never saved (a workbook written by a program, not by Excel): read as
    blank, they would hide values, so they are named instead."""
    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False).worksheets[0]
    saved = dict(records)

    def saved_text(row: int, column: int) -> str:
        cells = saved.get(row, [])
        return cells[column - 1] if column <= len(cells) else ""

    unsaved = [
        cell
        for row in formulas.iter_rows()
        for cell in row
        if cell.data_type == "f" and not saved_text(cell.row, cell.column)
    ]
    if not unsaved:
        return None
    header = next((cells for _, cells in records if any(c.strip() for c in cells)), [])
    columns = ", ".join(_column_named(column - 1, header) for column in sorted({cell.column for cell in unsaved}))
    return Problem(
        name,
        f"holds formulas without a saved value (cell {unsaved[0].coordinate}: "
        f"{str(unsaved[0].value)[:CELL_CHARACTERS]}), read as blank otherwise: open the workbook in Excel and save "
        "it, so that each formula's result is stored",
        column=columns,
        rows=tuple(sorted({cell.row for cell in unsaved})),
    )


def _xlsx_records(name: str, data: bytes) -> Records:
    """The first sheet's rows, numbered as the sheet numbers them."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheets = workbook.worksheets
        if not sheets:
            raise _UnusableFile(Problem(name, "holds no worksheet (only charts): put the data on the first sheet"))
        first, *others = sheets
        records = _sheet_records(first)
        formula_problem = _formulas_without_values(name, data, records) if _has_formulas(data) else None
        filled = (
            None
            if _has_values(records)
            else next((sheet.title for sheet in others if _has_values(_sheet_records(sheet))), None)
        )
    except _UnusableFile:
        raise
    except Exception as error:
        raise _UnusableFile(
            Problem(
                name,
                f"cannot be read as an Excel workbook ({type(error).__name__}: {error}): open it in Excel and "
                "save it again",
            )
        ) from None
    if formula_problem:
        raise _UnusableFile(formula_problem)
    if filled:
        raise _UnusableFile(
            Problem(
                name,
                f"the data must be on the first sheet: sheet {first.title!r} is empty but sheet {filled!r} holds data",
            )
        )
    return records


def _read_records(path: Path, data: bytes, names_columns: HeaderMatcher, notes: list[str]) -> Records:
    _check_signature(path, data)
    if path.suffix == ".xlsx":
        records = _xlsx_records(path.name, data)
    else:
        records = _csv_records(path.name, data, names_columns, notes)
        nul = _nul_problem(path.name, records)
        if nul:
            raise _UnusableFile(nul)
    return records


# --- the header and the rows --------------------------------------------------------------------


@dataclass(frozen=True)
class RawTable:
    """A file as trimmed text: its header and its non-blank data rows with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def _cells_shown(cells: Sequence[str]) -> str:
    """A row's cells, quoted and shortened; a date is not shown (it may be a date of birth)."""
    filled = [cell for cell in cells if cell]
    shown = [
        "(a date)"
        if _ISO_DATE.match(cell)
        else repr(cell if len(cell) <= CELL_CHARACTERS else cell[:CELL_CHARACTERS] + "...")
        for cell in filled[:CELLS_SHOWN]
    ]
    more = len(filled) - CELLS_SHOWN
    return ", ".join(shown) + (f" and {more} more cells" if more > 0 else "")


def _header_not_found(
    name: str, spec: ExtractSpec, filled: list[tuple[int, list[str]]], names_columns: HeaderMatcher
) -> Problem:
    """The first row names no contract column: say so, say where the header is if a later row holds it."""
    first_row, first_cells = filled[0]
    later = next(((n, cells) for n, cells in filled[1:HEADER_SEARCH_ROWS] if names_columns(cells)), None)
    if later:
        row, cells = later
        return Problem(
            name,
            f"the header row must be the first row, but it is row {row} ({_cells_shown(cells)}); the rows "
            f"above it are not part of the extract (row {first_row}: {_cells_shown(first_cells)}): delete them",
        )
    return Problem(
        name,
        f"header row not found: the first row must name the columns {', '.join(spec.column_names)} "
        f"(in any order, with any others), but row {first_row} holds {_cells_shown(first_cells)}"
        + (
            ", which looks like data: is the header row missing?"
            if any(_ISO_DATE.match(c) for c in first_cells)
            else ": rename the headers, or map them with the column_map parameter"
        ),
    )


def _raw_table(name: str, records: Records, spec: ExtractSpec, names_columns: HeaderMatcher) -> RawTable:
    """Header = the first non-blank row, which must name a contract column; blank rows are skipped but keep
    their number."""
    filled = [(number, [cell.strip() for cell in cells]) for number, cells in records if any(c.strip() for c in cells)]
    if not filled:
        raise _UnusableFile(Problem(name, "has no data rows (the file is empty)"))
    if not names_columns(filled[0][1]):
        raise _UnusableFile(_header_not_found(name, spec, filled, names_columns))
    (_, headers), *data = filled
    if not data:
        raise _UnusableFile(Problem(name, "has no data rows (only a header row)"))
    while not headers[-1]:
        headers.pop()
    width = len(headers)
    overflowing = [number for number, cells in data if any(cells[width:])]
    if overflowing:
        raise _UnusableFile(
            Problem(
                name,
                f"holds values to the right of the last header (column {get_column_letter(width)}): "
                "a value with a comma that is not in quotes, or a column without a header?",
                rows=tuple(overflowing),
            )
        )
    rows = [(cells + [""] * width)[:width] for _, cells in data]
    return RawTable(headers, rows, [number for number, _ in data])


# --- headers ----------------------------------------------------------------------------------


def header_renames(column_map: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """The `column_map` parameter as {extract: {header key: contract column}}; a bad map is a ParameterError.

    Extract names are matched ignoring case, as a user may write them."""
    renames: dict[str, dict[str, str]] = {}
    for given, mapping in column_map.items():
        extract = canonical_name(given, EXTRACTS, "column_map:", "an extract")
        spec = EXTRACTS[extract]
        renames[extract] = {_header_key(str(source)): _header_key(str(target)) for source, target in mapping.items()}
        unknown = sorted(set(renames[extract].values()) - set(spec.column_names))
        if unknown:
            raise ParameterError(
                f"column_map: {', '.join(unknown)} is not a column of {extract}; "
                f"its columns are {', '.join(spec.column_names)}"
            )
    return renames


def _missing_columns(name: str, spec: ExtractSpec, missing: list[str], headers: list[str], keys: list[str]) -> Problem:
    """Names the missing columns and, for each, the unmatched header closest to it (difflib)."""
    spare = {key: header for header, key in zip(headers, keys) if key and key not in spec.column_names}
    closest = []
    for column in missing:
        match = difflib.get_close_matches(column, list(spare), n=1)
        if match:
            closest.append(f"{spare[match[0]]!r} for {column}")
    suggestion = (
        f"closest headers present: {', '.join(closest)}" if closest else f"headers present: {', '.join(headers)}"
    )
    return Problem(
        name,
        f"{'columns' if len(missing) > 1 else 'column'} {', '.join(missing)} missing; {suggestion} "
        "(rename the header, or map it with the column_map parameter)",
    )


def _column_positions(name: str, headers: list[str], spec: ExtractSpec, renames: Mapping[str, str]) -> dict[str, int]:
    """Where each contract column is in the file, after renaming; a missing or doubled one makes the file unusable."""
    keys = [renames.get(_header_key(header), _header_key(header)) for header in headers]
    found = {column: [i for i, key in enumerate(keys) if key == column] for column in spec.column_names}
    problems = [
        Problem(
            name,
            "must appear once in the header, found in columns " + ", ".join(get_column_letter(i + 1) for i in places),
            column=column,
        )
        for column, places in found.items()
        if len(places) > 1
    ]
    missing = [column for column, places in found.items() if not places]
    if missing:
        problems.append(_missing_columns(name, spec, missing, headers, keys))
    if problems:
        raise _UnusableFile(*problems)
    return {column: places[0] for column, places in found.items()}


# --- checking one file ------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    """One extract after its own rules: the typed frame and the spreadsheet row of each frame row."""

    name: str
    frame: pd.DataFrame
    row_numbers: np.ndarray

    def rows_where(
        self,
        mask: pd.Series,
        column: str,
        expected: str,
        describe: Callable[[int], str],
        rule: ValueRule | None = None,
    ) -> list[Problem]:
        """A problem for the rows where `mask` holds, the first described by `describe(position)`."""
        positions = np.flatnonzero(mask.to_numpy(dtype=bool, na_value=False))
        if not len(positions):
            return []
        rows = tuple(int(self.row_numbers[p]) for p in positions)
        found = "; ".join(f"row {self.row_numbers[p]}: {describe(p)}" for p in positions[:VALUES_SHOWN])
        return [Problem(self.name, expected, column, rows, found, rule)]

    def values_where(self, mask: pd.Series, column: str, expected: str, rule: ValueRule) -> list[Problem]:
        """A problem quoting the offending values of `column` where `mask` holds."""
        positions = np.flatnonzero(mask.to_numpy(dtype=bool, na_value=False))
        if not len(positions):
            return []
        values = self.frame[column]
        pairs = [(int(self.row_numbers[p]), _value_text(values.iat[p])) for p in positions]
        return [Problem(self.name, expected, column, tuple(row for row, _ in pairs), _values_found(pairs), rule)]


def _check_values(
    name: str, column: Column, texts: list[str], row_numbers: list[int], parse: Parser, default: str
) -> tuple[list[object], list[Problem]]:
    """Parse one column's cells; blank in a required column and unparseable values are problems."""
    values: list[object] = []
    blank_rows: list[int] = []
    failures: dict[str, list[tuple[int, str]]] = {}
    for row, text in zip(row_numbers, texts):
        text = text or default
        value = None
        if not text:
            if column.required:
                blank_rows.append(row)
        else:
            try:
                value = parse(text)
            except ValueError as error:
                failures.setdefault(str(error), []).append((row, text))
        values.append(value)
    problems = [Problem(name, "must not be blank", column.name, tuple(blank_rows))] if blank_rows else []
    problems += [
        Problem(name, expected, column.name, tuple(row for row, _ in pairs), _values_found(pairs))
        for expected, pairs in failures.items()
    ]
    return values, problems


def _duplicates(name: str, column: str, values: pd.Series, row_numbers: list[int]) -> list[Problem]:
    repeated = (values.duplicated(keep=False) & values.notna()).to_numpy()
    pairs = [(row, str(value)) for row, value, twice in zip(row_numbers, values, repeated) if twice]
    if not pairs:
        return []
    return [Problem(name, "must be unique", column, tuple(row for row, _ in pairs), _values_found(pairs))]


def _iso(day: pd.Timestamp) -> str:
    return day.date().isoformat()


def _value_text(value: object) -> str:
    """A typed value as the extract wrote it: a date as YYYY-MM-DD."""
    return _iso(value) if isinstance(value, pd.Timestamp) else str(value)


def _value_rules(checked: CheckedFile, extract: str, today: dt.date) -> list[Problem]:
    """The rules on single values (ranges, date windows); a value that breaks one is blanked afterwards, so
    that the rules across columns do not report it a second time."""
    problems: list[Problem] = []
    frame = checked.frame
    for rule in VALUE_RULES:
        if rule.extract != extract or not isinstance(rule, (ValueRange, DateWindow)):
            continue
        values = frame[rule.column]
        if isinstance(rule, ValueRange):
            broken = ((values < rule.low) | (values > rule.high)).fillna(False)
            problems += checked.values_where(broken, rule.column, rule.expected, rule)
        else:
            early, late = values < pd.Timestamp(rule.earliest), values > pd.Timestamp(today)
            problems += checked.values_where(
                early, rule.column, f"must not be before {rule.earliest.isoformat()}", rule
            )
            problems += checked.values_where(
                late, rule.column, f"must not be after {today.isoformat()}, the day of the build", rule
            )
            broken = early | late
        frame[rule.column] = values.mask(broken)
    return problems


def _check_file(
    spec: ExtractSpec,
    name: str,
    table: RawTable,
    renames: Mapping[str, str],
    codes: Mapping[str, CodeList],
    today: dt.date,
) -> tuple[CheckedFile, list[Problem]]:
    positions = _column_positions(name, table.headers, spec, renames)
    columns: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for column in spec.columns:
        texts = [row[positions[column.name]] for row in table.rows]
        values, found = _check_values(
            name,
            column,
            texts,
            table.row_numbers,
            _parser(column, codes),
            BLANK_DEFAULTS.get((spec.name, column.name), ""),
        )
        columns[column.name] = _SERIES[column.kind](values)
        problems += found
        if column.unique:
            problems += _duplicates(name, column.name, columns[column.name], table.row_numbers)
    checked = CheckedFile(name, pd.DataFrame(columns), np.array(table.row_numbers))
    return checked, problems + _value_rules(checked, spec.name, today)


# --- rules across rows and files --------------------------------------------------------------

CrossRule = Callable[[Mapping[str, CheckedFile]], list[Problem]]


def _label(column: str) -> str:
    """`end_date` -> `end`, `date_of_birth` -> `birth`: a date column's name in a short description."""
    return column.removeprefix("date_of_").removesuffix("_date")


def _date_order(rule: DateOrder) -> CrossRule:
    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        checked = files.get(rule.extract)
        if checked is None:
            return []
        own, other = checked.frame[rule.column], checked.frame[rule.other]
        broken = own < other if rule.relation == "before" else own > other
        return checked.rows_where(
            broken,
            rule.column,
            rule.expected,
            lambda i: f"{_label(rule.column)} {_iso(own.iat[i])}, {_label(rule.other)} {_iso(other.iat[i])}",
            rule,
        )

    return check


def age_limit_breaks(rule: AgeLimit, frame: pd.DataFrame) -> pd.Series:
    """Rows whose age on `rule.on`, from the birth date in `rule.column`, is `rule.under` or more."""
    return age_on(frame[rule.column], frame[rule.on]) >= rule.under


def _age_limit(rule: AgeLimit) -> CrossRule:
    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        checked = files.get(rule.extract)
        if checked is None:
            return []
        ages = age_on(checked.frame[rule.column], checked.frame[rule.on])
        on = checked.frame[rule.on]
        return checked.rows_where(
            age_limit_breaks(rule, checked.frame),
            rule.column,
            rule.expected,
            lambda i: f"aged {ages.iat[i]} at {_label(rule.on)} {_iso(on.iat[i])}",
            rule,
        )

    return check


def _one_per_person(rule: OnePerPerson) -> CrossRule:
    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        checked = files.get(rule.extract)
        if checked is None:
            return []
        frame = checked.frame
        distinct = frame.groupby(rule.person)[rule.column].transform("nunique")
        conflicting = frame[(distinct > 1) & frame[rule.column].notna()]
        if conflicting.empty:
            return []
        # Each person's rows together, and no value quoted: they are dates of birth and identifiers.
        people = [
            ([int(checked.row_numbers[p]) for p in rows.index], rows[rule.column].nunique())
            for _, rows in conflicting.groupby(rule.person, sort=False)
        ]
        found = "; ".join(
            f"rows {_numbers(rows, ROWS_SHOWN)}: one {rule.person}, {values} different values"
            for rows, values in people[:VALUES_SHOWN]
        )
        all_rows = tuple(sorted(row for rows, _ in people for row in rows))
        return [Problem(checked.name, rule.expected, rule.column, all_rows, found, rule)]

    return check


def _not_long_before_birth(rule: NotLongBeforeBirth) -> CrossRule:
    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        checked, people = files.get(rule.extract), files.get(rule.births)
        if checked is None or people is None:
            return []
        births = people.frame.groupby(rule.person)["date_of_birth"].agg(["min", "nunique"])
        # A person with two dates of birth is reported by one_birth_date_per_child; which one holds is unknown.
        births = births.loc[births["nunique"] == 1, "min"]
        start = checked.frame[rule.column]
        birth = pd.Series(births.reindex(checked.frame[rule.person]).to_numpy(), index=start.index)
        broken = start < birth - pd.Timedelta(days=rule.days)
        return checked.rows_where(
            broken,
            rule.column,
            rule.expected,
            lambda i: f"{_label(rule.column)} {_iso(start.iat[i])}, more than {rule.days // 7} weeks before the birth",
            rule,
        )

    return check


def _known_parent(extract: str, parent: str, key: str) -> CrossRule:
    """Rows of `extract` whose `key` is not in `parent`'s `key` column (skipped while either file is unusable)."""

    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        child, known = files.get(extract), files.get(parent)
        if child is None or known is None:
            return []
        ids = child.frame[key]
        return child.rows_where(
            ids.notna() & ~ids.isin(known.frame[key].dropna()),
            key,
            f"must be listed in {known.name}",
            lambda i: repr(ids.iat[i]),
        )

    return check


def _assessment_not_before_episode_start(files: Mapping[str, CheckedFile]) -> list[Problem]:
    assessments, episodes = files.get("risk_assessments"), files.get("episodes")
    if assessments is None or episodes is None:
        return []
    starts = episodes.frame.drop_duplicates("episode_id").set_index("episode_id")["start_date"]
    ids, assessed = assessments.frame["episode_id"], assessments.frame["assessment_date"]
    episode_start = ids.map(starts)
    return assessments.rows_where(
        assessed < episode_start,
        "assessment_date",
        f"must not be before its episode's start_date in {episodes.name}",
        lambda i: f"assessed {_iso(assessed.iat[i])}, episode {ids.iat[i]} started {_iso(episode_start.iat[i])}",
    )


_CROSS_RULE_OF: dict[type, Callable] = {
    DateOrder: _date_order,
    AgeLimit: _age_limit,
    OnePerPerson: _one_per_person,
    NotLongBeforeBirth: _not_long_before_birth,
}
CROSS_RULES: tuple[CrossRule, ...] = (
    *(
        _CROSS_RULE_OF[type(rule)](rule)
        for rule in VALUE_RULES
        if rule.severity == "error" and type(rule) in _CROSS_RULE_OF
    ),
    _known_parent("risk_assessments", "episodes", "episode_id"),
    _assessment_not_before_episode_start,
    _known_parent("crime_suspects", "crimes", "crime_id"),
)


# --- the data folder --------------------------------------------------------------------------


def _not_a_file(path: Path) -> str | None:
    """What a path that should be an extract is instead (a folder, a broken link...), or None for a file."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return f"is a broken link: it points to {path.readlink().name!r}, which does not exist"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link that leads back to itself (a loop), not a file"
        return f"cannot be opened ({error.strerror or error})"
    if stat.S_ISDIR(status.st_mode):
        return "is a folder, not a file: the extract must be a file of that name"
    if not stat.S_ISREG(status.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(status.st_mode) else "a device or socket"
        return f"is {kind}, not a file"
    return None


def _locate_files(data_dir: Path, names: Sequence[str]) -> tuple[dict[str, Path], list[Problem]]:
    """The one file of each extract present; a required one missing, a name that is not a file, or two files
    for one extract are problems."""
    found: dict[str, Path] = {}
    present: set[str] = set()
    problems: list[Problem] = []
    for spec in EXTRACTS.values():
        candidates = [data_dir / f"{spec.name}{suffix}" for suffix in SUFFIXES if f"{spec.name}{suffix}" in names]
        if candidates:
            present.add(spec.name)
        not_files = {path: _not_a_file(path) for path in candidates}
        problems += [Problem(path.name, what) for path, what in not_files.items() if what]
        files = [path for path, what in not_files.items() if not what]
        if len(files) > 1:
            problems.append(
                Problem(" and ".join(path.name for path in files), "both are present: keep one file per extract")
            )
        elif files:
            found[spec.name] = files[0]
        elif not candidates and spec.required:
            problems.append(_missing_extract(data_dir, spec, names))
    for extract, needed in NEEDS_EXTRACT.items():
        if extract in found and needed not in present:
            problems.append(
                Problem(
                    found[extract].name, f"needs the {needed} extract ({needed}.csv or {needed}.xlsx), which is missing"
                )
            )
    return found, problems


def _missing_extract(data_dir: Path, spec: ExtractSpec, names: Sequence[str]) -> Problem:
    wanted = {f"{spec.name}{suffix}" for suffix in SUFFIXES}
    misnamed = [name for name in names if name.casefold() in wanted]
    hint = (
        f"; {misnamed[0]} is there: file names are case-sensitive, rename it {misnamed[0].lower()}"
        if misnamed
        else f" (files there: {', '.join(sorted(names)) or 'none'})"
    )
    return Problem(
        spec.name,
        f"required extract missing: no {spec.name}.csv or {spec.name}.xlsx in {data_dir}{hint}",
    )


def _folder_names(data_dir: Path) -> list[str]:
    if not data_dir.is_dir():
        raise InputError(f"data folder {data_dir} does not exist or is not a folder")
    try:
        return [child.name for child in data_dir.iterdir()]
    except OSError as error:
        raise InputError(f"data folder {data_dir} cannot be read: {error.strerror or error}") from None


def _read_file(
    spec: ExtractSpec,
    path: Path,
    renames: Mapping[str, str],
    codes: Mapping[str, CodeList],
    notes: list[str],
    today: dt.date,
) -> tuple[CheckedFile, SourceFile, list[Problem]]:
    data = _read_bytes(path)
    names_columns = _header_matcher(spec, renames)
    table = _raw_table(path.name, _read_records(path, data, names_columns, notes), spec, names_columns)
    checked, problems = _check_file(spec, path.name, table, renames, codes, today)
    source = SourceFile(spec.name, str(path), hashlib.sha256(data).hexdigest(), len(table.rows))
    return checked, source, problems


def load_extracts(
    data_dir: Path,
    risk_scale: str,
    column_map: dict[str, dict[str, str]] | None = None,
    reference: Reference | None = None,
    today: dt.date | None = None,
) -> Extracts:
    """Read and validate every extract in `data_dir`; typed frames, or one InputError listing every problem.

    `risk_scale` names the scale risk levels are checked against (`cse` or `ce`, any case); `column_map`
    renames a source's own headers ({extract: {source header: contract column}}); `reference`
    defaults to the suite's reference data; `today` (the day of the build by default) is the latest
    date an extract may hold. A bad `risk_scale` or `column_map` is a ParameterError.
    """
    data_dir = Path(data_dir)
    names = _folder_names(data_dir)
    today = today or dt.date.today()
    codes = code_lists(reference or load_reference(), risk_scale)
    renames = header_renames(column_map or {})
    paths, problems = _locate_files(data_dir, names)
    files: dict[str, CheckedFile] = {}
    sources: list[SourceFile] = []
    notes: list[str] = []
    for extract, path in paths.items():
        try:
            checked, source, found = _read_file(EXTRACTS[extract], path, renames.get(extract, {}), codes, notes, today)
        except _UnusableFile as unusable:
            problems += unusable.problems
            continue
        files[extract] = checked
        sources.append(source)
        problems += found
    for rule in CROSS_RULES:
        problems += rule(files)
    # Folder-level problems first, then each file's, in contract order.
    file_order = {path.name: position for position, path in enumerate(paths.values())}
    problems.sort(key=lambda problem: file_order.get(problem.file, -1))
    if problems:
        raise InputError(problems_message(data_dir, problems))
    frames = {extract: (files[extract].frame if extract in files else None) for extract in EXTRACTS}
    return Extracts(**frames, sources=tuple(sources), notes=tuple(notes))
