"""Read the extracts of a data folder and check them against the input contract (../shared/spec/inputs.md).

`load_extracts` is the gate every run passes through. It reads each extract as text (a CSV file
or the first sheet of an XLSX workbook), checks every rule of the contract in every file, and
either returns the typed frames of `schema.Extracts` or raises one `InputError` that lists every
problem found: the file, the row numbers as a spreadsheet shows them (header = row 1), the
column, what was expected and the offending values of the first rows.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    load_reference,
)
from helpers.inputs.schema import (
    EXTRACTS,
    Column,
    Extracts,
    ExtractSpec,
    Kind,
    SourceFile,
)

SUFFIXES = (".csv", ".xlsx")
MAX_PROBLEMS = 20  # problems listed in the error message; the rest are counted
ROWS_SHOWN = 5  # row numbers listed per problem
VALUES_SHOWN = 3  # offending values (or rows described) per problem

# Blank cells that the contract reads as a value.
BLANK_DEFAULTS: dict[tuple[str, str], str] = {
    ("episodes", "exploitation_type"): "CSE",
    ("crimes", "outcome"): "NEW",
}
VALUE_RANGES: dict[tuple[str, str], tuple[int, int]] = {  # int columns only
    ("crimes", "victim_age"): (0, 17),
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


# --- problems and their message ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule: the file, the spreadsheet rows, the column, what was expected and what was found."""

    file: str
    expected: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    found: str = ""

    def __str__(self) -> str:
        where = f"{self.file}, {_rows_label(self.rows)}" if self.rows else self.file
        what = f"column {self.column} {self.expected}" if self.column else self.expected
        return f"{where}: {what}" + (f" ({self.found})" if self.found else "")


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
    """Every code list a `Column.codes` names, with the risk levels of the chosen scale."""
    if risk_scale not in RISK_SCALES:
        raise ParameterError(f"risk_scale {risk_scale!r} is not one of {', '.join(RISK_SCALES)}")
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
        "risk_level": CodeList(
            RISK_SCALES[risk_scale], f"{_one_of(RISK_SCALES[risk_scale])} (the {risk_scale} risk scale)"
        ),
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


def _int_between(low: int, high: int) -> Parser:
    def parse_between(text: str) -> int:
        value = _parse_int(text)
        if not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return value

    return parse_between


_PARSERS: dict[Kind, Parser] = {
    "id": _parse_text,
    "text": _parse_text,
    "date": _parse_date,
    "bool": _parse_bool,
    "int": _parse_int,
}


def _parser(extract: str, column: Column, codes: Mapping[str, CodeList]) -> Parser:
    if column.codes:
        return codes[column.codes].parse
    bounds = VALUE_RANGES.get((extract, column.name))
    return _int_between(*bounds) if bounds else _PARSERS[column.kind]


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


# --- reading a file into rows of text ---------------------------------------------------------

Records = list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def _decode(name: str, data: bytes, notes: list[str]) -> str:
    """CSV text as Excel may have saved it: UTF-8, UTF-8 with a byte-order mark, or Windows-1252."""
    if data.startswith(_UTF16_BOMS) or b"\x00" in data:
        raise _UnusableFile(Problem(name, "is not a text file in UTF-8 (UTF-16? save it as 'CSV UTF-8')"))
    if data.startswith(_UTF8_BOM):
        notes.append(f"{name} starts with a UTF-8 byte-order mark (as Excel writes it); read as UTF-8")
        data = data[len(_UTF8_BOM):]
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


def _csv_records(name: str, data: bytes, notes: list[str]) -> Records:
    text = _decode(name, data, notes)
    try:
        # A record is a spreadsheet row even when a quoted value spans lines.
        return list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))
    except csv.Error as error:
        raise _UnusableFile(Problem(name, f"cannot be read as CSV: {error}")) from None


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


def _xlsx_records(name: str, data: bytes) -> Records:
    """The first sheet's rows, numbered as the sheet numbers them."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _UnusableFile(Problem(name, f"cannot be read as an Excel workbook: {error}")) from None
    first, *others = workbook.worksheets
    records = _sheet_records(first)
    if not _has_values(records):
        filled = next((sheet.title for sheet in others if _has_values(_sheet_records(sheet))), None)
        if filled:
            raise _UnusableFile(Problem(
                name,
                f"the data must be on the first sheet: sheet {first.title!r} is empty but sheet {filled!r} holds data",
            ))
    return records


def _read_records(path: Path, data: bytes, notes: list[str]) -> Records:
    if path.suffix == ".xlsx":
        return _xlsx_records(path.name, data)
    return _csv_records(path.name, data, notes)


@dataclass(frozen=True)
class RawTable:
    """A file as trimmed text: its header and its non-blank data rows with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def _raw_table(name: str, records: Records) -> RawTable:
    """Header = the first non-blank row; blank rows are skipped but keep their number."""
    filled = [(number, [cell.strip() for cell in cells]) for number, cells in records if any(c.strip() for c in cells)]
    if not filled:
        raise _UnusableFile(Problem(name, "has no data rows (the file is empty)"))
    (_, headers), *data = filled
    if not data:
        raise _UnusableFile(Problem(name, "has no data rows (only a header row)"))
    while not headers[-1]:
        headers.pop()
    width = len(headers)
    overflowing = [number for number, cells in data if any(cells[width:])]
    if overflowing:
        raise _UnusableFile(Problem(
            name,
            f"holds values to the right of the last header (column {get_column_letter(width)}): "
            "a value with a comma that is not in quotes, or a column without a header?",
            rows=tuple(overflowing),
        ))
    rows = [(cells + [""] * width)[:width] for _, cells in data]
    return RawTable(headers, rows, [number for number, _ in data])


# --- headers ----------------------------------------------------------------------------------


def _header_key(header: str) -> str:
    return header.strip().casefold()


def header_renames(column_map: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """The `column_map` parameter as {extract: {header key: contract column}}; a bad map is a ParameterError."""
    renames: dict[str, dict[str, str]] = {}
    for extract, mapping in column_map.items():
        spec = EXTRACTS.get(extract)
        if spec is None:
            raise ParameterError(f"column_map: {extract!r} is not an extract; the extracts are {', '.join(EXTRACTS)}")
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
        Problem(name, "must appear once in the header, found in columns "
                + ", ".join(get_column_letter(i + 1) for i in places), column=column)
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
        self, mask: pd.Series, column: str, expected: str, describe: Callable[[int], str]
    ) -> list[Problem]:
        """A problem for the rows where `mask` holds, the first described by `describe(position)`."""
        positions = np.flatnonzero(mask.to_numpy(dtype=bool, na_value=False))
        if not len(positions):
            return []
        rows = tuple(int(self.row_numbers[p]) for p in positions)
        found = "; ".join(f"row {self.row_numbers[p]}: {describe(p)}" for p in positions[:VALUES_SHOWN])
        return [Problem(self.name, expected, column, rows, found)]


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


def _check_file(
    spec: ExtractSpec, name: str, table: RawTable, renames: Mapping[str, str], codes: Mapping[str, CodeList]
) -> tuple[CheckedFile, list[Problem]]:
    positions = _column_positions(name, table.headers, spec, renames)
    columns: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for column in spec.columns:
        texts = [row[positions[column.name]] for row in table.rows]
        values, found = _check_values(
            name, column, texts, table.row_numbers,
            _parser(spec.name, column, codes), BLANK_DEFAULTS.get((spec.name, column.name), ""),
        )
        columns[column.name] = _SERIES[column.kind](values)
        problems += found
        if column.unique:
            problems += _duplicates(name, column.name, columns[column.name], table.row_numbers)
    return CheckedFile(name, pd.DataFrame(columns), np.array(table.row_numbers)), problems


# --- rules across rows and files --------------------------------------------------------------

CrossRule = Callable[[Mapping[str, CheckedFile]], list[Problem]]


def _iso(day: pd.Timestamp) -> str:
    return day.date().isoformat()


def _end_not_before_start(extract: str) -> CrossRule:
    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        checked = files.get(extract)
        if checked is None:
            return []
        end, start = checked.frame["end_date"], checked.frame["start_date"]
        return checked.rows_where(
            end < start, "end_date", "must not be before start_date",
            lambda i: f"end {_iso(end.iat[i])}, start {_iso(start.iat[i])}",
        )

    return check


def _birth_not_after_start(files: Mapping[str, CheckedFile]) -> list[Problem]:
    episodes = files.get("episodes")
    if episodes is None:
        return []
    birth, start = episodes.frame["date_of_birth"], episodes.frame["start_date"]
    return episodes.rows_where(
        birth > start, "date_of_birth", "must not be after start_date",
        lambda i: f"birth {_iso(birth.iat[i])}, start {_iso(start.iat[i])}",
    )


def _known_parent(extract: str, parent: str, key: str) -> CrossRule:
    """Rows of `extract` whose `key` is not in `parent`'s `key` column (skipped while either file is unusable)."""

    def check(files: Mapping[str, CheckedFile]) -> list[Problem]:
        child, known = files.get(extract), files.get(parent)
        if child is None or known is None:
            return []
        ids = child.frame[key]
        return child.rows_where(
            ids.notna() & ~ids.isin(known.frame[key].dropna()), key, f"must be listed in {known.name}",
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
        assessed < episode_start, "assessment_date", f"must not be before its episode's start_date in {episodes.name}",
        lambda i: f"assessed {_iso(assessed.iat[i])}, episode {ids.iat[i]} started {_iso(episode_start.iat[i])}",
    )


CROSS_RULES: tuple[CrossRule, ...] = (
    _end_not_before_start("episodes"),
    _birth_not_after_start,
    _known_parent("risk_assessments", "episodes", "episode_id"),
    _assessment_not_before_episode_start,
    _end_not_before_start("social_care_status"),
    _known_parent("crime_suspects", "crimes", "crime_id"),
)


# --- the data folder --------------------------------------------------------------------------


def _locate_files(data_dir: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The one file of each extract present; a required one missing or two files for one extract are problems."""
    found: dict[str, Path] = {}
    present: set[str] = set()
    problems: list[Problem] = []
    for spec in EXTRACTS.values():
        candidates = [data_dir / f"{spec.name}{suffix}" for suffix in SUFFIXES]
        candidates = [path for path in candidates if path.is_file()]
        if candidates:
            present.add(spec.name)
        if len(candidates) > 1:
            problems.append(Problem(
                " and ".join(path.name for path in candidates), "both are present: keep one file per extract"
            ))
        elif candidates:
            found[spec.name] = candidates[0]
        elif spec.required:
            files = ", ".join(sorted(path.name for path in data_dir.iterdir())) or "none"
            problems.append(Problem(
                spec.name,
                f"required extract missing: no {spec.name}.csv or {spec.name}.xlsx in {data_dir} "
                f"(files there: {files})",
            ))
    for extract, needed in NEEDS_EXTRACT.items():
        if extract in found and needed not in present:
            problems.append(Problem(
                found[extract].name, f"needs the {needed} extract ({needed}.csv or {needed}.xlsx), which is missing"
            ))
    return found, problems


def _read_file(
    spec: ExtractSpec, path: Path, renames: Mapping[str, str], codes: Mapping[str, CodeList], notes: list[str]
) -> tuple[CheckedFile, SourceFile, list[Problem]]:
    data = path.read_bytes()
    table = _raw_table(path.name, _read_records(path, data, notes))
    checked, problems = _check_file(spec, path.name, table, renames, codes)
    source = SourceFile(spec.name, str(path), hashlib.sha256(data).hexdigest(), len(table.rows))
    return checked, source, problems


def load_extracts(
    data_dir: Path,
    risk_scale: str,
    column_map: dict[str, dict[str, str]] | None = None,
    reference: Reference | None = None,
) -> Extracts:
    """Read and validate every extract in `data_dir`; typed frames, or one InputError listing every problem.

    `risk_scale` names the scale risk levels are checked against (`cse` or `ce`); `column_map`
    renames a source's own headers ({extract: {source header: contract column}}); `reference`
    defaults to the suite's reference data. A bad `risk_scale` or `column_map` is a ParameterError.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(f"data folder {data_dir} does not exist or is not a folder")
    codes = code_lists(reference or load_reference(), risk_scale)
    renames = header_renames(column_map or {})
    paths, problems = _locate_files(data_dir)
    files: dict[str, CheckedFile] = {}
    sources: list[SourceFile] = []
    notes: list[str] = []
    for extract, path in paths.items():
        try:
            checked, source, found = _read_file(EXTRACTS[extract], path, renames.get(extract, {}), codes, notes)
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
