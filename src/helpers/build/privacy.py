"""The leak check run at the end of every build: no identifier or date of birth from the inputs in any output.

An identifier is matched as a whole token, read two ways: narrowly (letters, digits, `_` and
`-`), which finds `E0001234` inside `2016/E0001234`, and widely (also `/` and `.` inside a token),
which finds police references such as `13/45678/16`. Limits: identifiers holding spaces are
not searched for, nor are identifiers made only of digits and shorter than six characters, which
cannot be told apart from the counts a report is made of; the hub's systems use longer ones.
The charts' images, embedded as base64, are not read as text: their letters are pixels, and their encoding
would only be a source of chance matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.inputs.schema import BIRTH_DATE_COLUMNS, IDENTIFIER_COLUMNS, Extracts

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_WIDE_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_\-/.]*[A-Za-z0-9])?")
# A chart as the pages and notebooks embed it: a PNG (its base64 starts with the PNG signature) as the value
# of an image's src, or as a notebook output's image/png. Nowhere else is such text taken for an image.
_EMBEDDED_IMAGE = re.compile(
    r'src=\\?"data:image/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]*\\?"'  # in a page, or a notebook's HTML output
    r'|"image/png": "iVBORw0KGgo[A-Za-z0-9+/=\\n]*"'
)
_TEXT_SUFFIXES = {".html", ".ipynb", ".csv", ".json", ".md", ".txt"}
SHORTEST_NUMERIC_IDENTIFIER = 6


def _frames(extracts: Extracts) -> Iterable[pd.DataFrame]:
    for frame in (
        extracts.episodes,
        extracts.risk_assessments,
        extracts.social_care_status,
        extracts.crimes,
        extracts.crime_suspects,
        extracts.suspect_management,
    ):
        if frame is not None:
            yield frame


def _searchable(identifier: str) -> bool:
    return not (identifier.isdigit() and len(identifier) < SHORTEST_NUMERIC_IDENTIFIER)


def sensitive_tokens(extracts: Extracts, stated_dates: set[pd.Timestamp] = frozenset()) -> dict[str, str]:
    """Every identifier and date of birth of the inputs, as the tokens they would appear as -> what they are."""
    tokens: dict[str, str] = {}
    for frame in _frames(extracts):
        for column in IDENTIFIER_COLUMNS:
            if column in frame:
                for value in frame[column].dropna().astype(str).unique():
                    if _searchable(value):
                        tokens[value] = column
        for column in BIRTH_DATE_COLUMNS:
            if column in frame:
                for day in _births(frame[column], stated_dates):
                    for text in (day.strftime("%Y-%m-%d"), day.strftime("%d-%m-%Y")):
                        tokens[text] = column
    return tokens


def _births(column: pd.Series, stated_dates: set[pd.Timestamp]) -> list[pd.Timestamp]:
    return [day for day in map(pd.Timestamp, column.dropna().unique()) if day not in stated_dates]


def _birth_date_patterns(extracts: Extracts, stated_dates: set[pd.Timestamp]) -> set[str]:
    """Dates of birth as a reader would see them written: 03/05/2001 and 3 May 2001."""
    found: set[str] = set()
    for frame in _frames(extracts):
        for column in BIRTH_DATE_COLUMNS:
            if column in frame:
                for day in _births(frame[column], stated_dates):
                    found.add(day.strftime("%d/%m/%Y"))
                    found.add(f"{day.day} {day:%B %Y}")
    return found


def parameter_dates(values: Iterable[object]) -> set[pd.Timestamp]:
    """The dates a report states because its parameters give them (periods, snapshot, cut-off), and the
    same days a year earlier that sections compare with: such a date reveals nothing about a child
    who happens to have been born on it."""
    found: set[pd.Timestamp] = set()
    for value in values:
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            try:
                day = pd.Timestamp(item)
            except (TypeError, ValueError):
                continue
            if len(str(item)) == 10:  # YYYY-MM-DD, not a month or a number
                found |= {day, day - pd.DateOffset(years=1)}
    return found


def find_leaks(
    folder: Path, extracts: Extracts, limit: int = 10, stated_dates: set[pd.Timestamp] = frozenset()
) -> list[str]:
    """Files under `folder` that hold an identifier or date of birth of the inputs (first `limit`).

    `stated_dates` are dates the report states for its own reasons (parameter_dates); a date of birth
    equal to one of them is not taken for a leak."""
    tokens = sensitive_tokens(extracts, stated_dates)
    written_dates = _birth_date_patterns(extracts, stated_dates)
    date_pattern = re.compile(r"\d{2}/\d{2}/\d{4}|\d{1,2} [A-Z][a-z]+ \d{4}")
    leaks: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in _TEXT_SUFFIXES):
        text = _EMBEDDED_IMAGE.sub("", path.read_text(encoding="utf-8", errors="replace"))
        hits = {t for t in (*_TOKEN.findall(text), *_WIDE_TOKEN.findall(text)) if t in tokens}
        hits |= {d for d in date_pattern.findall(text) if d in written_dates}
        for hit in sorted(hits):
            what = tokens.get(hit, "date_of_birth")
            leaks.append(f"{path.relative_to(folder)} holds a {what} from the inputs")
            if len(leaks) >= limit:
                return leaks
    return leaks
