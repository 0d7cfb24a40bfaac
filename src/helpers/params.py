"""Report parameters: the contract's defaults, then params/<year>.yaml, then a YAML file, then single values.

Every value except `reporting_year` has a default derived from the year (the input contract's
parameters). The build resolves the layers into one mapping of plain values (ISO date strings,
lists, numbers) that papermill can inject into a notebook; the notebook turns it back into a
typed `Params` with `Params.from_mapping`. Names a user gives (an area, a risk scale) are matched
ignoring case and spacing and held as the reference data spells them. Whatever a parameter file or
value holds, a mistake in it is a ParameterError that names it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from helpers import paths
from helpers.errors import ParameterError
from helpers.inputs.reference import RISK_SCALES, canonical_risk_scale, load_reference

PARAMETER_NAMES = (
    "reporting_year",
    "data_dir",
    "area",
    "snapshot_date",
    "followup_date",
    "crime_period",
    "suspect_period",
    "non_recent_before",
    "crimes_from",
    "risk_scale",
    "ward_list_min",
    "suppression_threshold",
    "protection_range",
    "months",
    "column_map",
)
DEFAULT_DATA_DIR = "data/synthetic"
_YEAR = re.compile(r"(\d{4})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")  # the dates YAML reads as dates


def parse_reporting_year(text: str) -> int:
    """The first calendar year of a financial year written `YYYY-YY` (`2015-16` -> 2015)."""
    match = _YEAR.fullmatch(str(text).strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ParameterError(
            f"reporting_year {text!r} is not a financial year written YYYY-YY with consecutive years, "
            "e.g. 2015-16"
        )
    return int(match[1])


def year_label(reporting_year: str) -> str:
    """`2015-16` -> `2015/16`, the form the report's text uses."""
    return reporting_year.replace("-", "/")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _impossible_date(text: str) -> tuple[int, str] | None:
    """The line (from 1) and text of the first date in `text` that no calendar has, such as 2016-02-30."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _YAML_DATE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match[0]
    return None


def _as_date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        if _ISO_DATE.fullmatch(text):
            raise ParameterError(f"{name} {text} is not a real calendar date") from None
        raise ParameterError(f"{name} {value!r} is not a date written YYYY-MM-DD") from None


def _as_period(name: str, value: Any) -> tuple[dt.date, dt.date]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ParameterError(f"{name} must be a list of two dates [start, end], got {value!r}")
    start, end = _as_date(name, value[0]), _as_date(name, value[1])
    if end < start:
        raise ParameterError(f"{name} ends ({end}) before it starts ({start})")
    return start, end


def _as_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ParameterError(f"{name} must be a whole number, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise ParameterError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum:
        raise ParameterError(f"{name} must be {minimum} or more, got {number}")
    return number


def _as_folder(value: Any) -> Path:
    if not isinstance(value, (str, Path)):
        raise ParameterError(f"data_dir must be the path of a folder, got {value!r}")
    try:
        return paths.resolve(value)
    except RuntimeError as error:  # `~someone/...` for a user this machine does not know
        raise ParameterError(f"data_dir {str(value)!r}: {error}") from None


def _as_months(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(f"months must be a list of calendar months [YYYY-MM, ...], got {value!r}")
    months = []
    for item in value:
        text = item.strftime("%Y-%m") if isinstance(item, dt.date) else str(item).strip()
        match = _MONTH.fullmatch(text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ParameterError(f"months: {item!r} is not a calendar month written YYYY-MM")
        months.append(text)
    return tuple(months)


@dataclass(frozen=True)
class Params:
    """The resolved, typed parameters of one report."""

    reporting_year: str
    data_dir: Path
    area: str | None
    snapshot_date: dt.date
    followup_date: dt.date | None  # None: snapshot + 4 months when the data reaches it
    crime_period: tuple[dt.date, dt.date]
    suspect_period: tuple[dt.date, dt.date]
    non_recent_before: dt.date
    risk_scale: str
    ward_list_min: int
    suppression_threshold: int
    protection_range: int  # the narrowest range a reader may narrow a hidden count to
    months: tuple[str, ...]
    column_map: dict[str, dict[str, str]] = field(default_factory=dict)
    crimes_from: dt.date | None = None  # None: the first day of the month of the earliest recorded crime

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The reporting year: 1 April to 31 March, both days included."""
        first = parse_reporting_year(self.reporting_year)
        return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)

    @property
    def year_label(self) -> str:
        return year_label(self.reporting_year)

    @property
    def risk_levels(self) -> tuple[str, ...]:
        return RISK_SCALES[self.risk_scale]

    @property
    def no_risk_level(self) -> str:
        return RISK_SCALES[self.risk_scale][-1]

    @property
    def suppressed(self) -> bool:
        """Whether any count is suppressed: a threshold of 1 hides nothing, like 0."""
        return self.suppression_threshold > 1

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Params":
        """Typed parameters from plain values, filling every default from the reporting year."""
        unknown = sorted(str(name) for name in set(values) - set(PARAMETER_NAMES))
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(unknown)}; the parameters are {', '.join(PARAMETER_NAMES)}"
            )
        given = {k: v for k, v in values.items() if v is not None and v != ""}
        if "reporting_year" not in given:
            raise ParameterError("reporting_year is required, e.g. 2015-16")
        year_text = str(given["reporting_year"]).strip()
        first = parse_reporting_year(year_text)
        start, end = dt.date(first, 4, 1), dt.date(first + 1, 3, 31)

        snapshot = _as_date("snapshot_date", given.get("snapshot_date", dt.date(first + 1, 3, 29)))
        if not start <= snapshot <= end:
            raise ParameterError(
                f"snapshot_date {snapshot} lies outside the reporting year {year_text} ({start} to {end})"
            )
        followup = given.get("followup_date")
        followup = _as_date("followup_date", followup) if followup is not None else None
        if followup is not None and followup <= snapshot:
            raise ParameterError(f"followup_date {followup} must come after snapshot_date {snapshot}")

        scale = canonical_risk_scale(given.get("risk_scale", "cse"))

        column_map = given.get("column_map", {}) or {}
        if not isinstance(column_map, dict) or not all(isinstance(v, dict) for v in column_map.values()):
            raise ParameterError("column_map must map an extract name to {source header: contract column}")

        threshold = _as_int("suppression_threshold", given.get("suppression_threshold", 10), 0)
        area = given.get("area")
        months = [add_months(dt.date(first, 4, 1), i).strftime("%Y-%m") for i in range(12)]
        return cls(
            reporting_year=year_text,
            data_dir=_as_folder(given.get("data_dir", DEFAULT_DATA_DIR)),
            area=load_reference().constituency_named(area) if area else None,
            snapshot_date=snapshot,
            followup_date=followup,
            crime_period=_as_period("crime_period", given.get("crime_period", [start, end])),
            suspect_period=_as_period("suspect_period", given.get("suspect_period", [start, end])),
            non_recent_before=_as_date("non_recent_before", given.get("non_recent_before", dt.date(first - 1, 1, 1))),
            risk_scale=scale,
            ward_list_min=_as_int("ward_list_min", given.get("ward_list_min", 10), 1),
            suppression_threshold=threshold,
            protection_range=_as_int("protection_range", given.get("protection_range", math.ceil(threshold / 2)), 0),
            months=_as_months(given.get("months", months)),
            column_map={str(k): {str(a): str(b) for a, b in v.items()} for k, v in column_map.items()},
            crimes_from=_as_date("crimes_from", given["crimes_from"]) if "crimes_from" in given else None,
        )

    def to_mapping(self) -> dict[str, Any]:
        """Plain values (ISO strings, lists) for papermill, figures and the manifest."""
        return {
            "reporting_year": self.reporting_year,
            "data_dir": str(self.data_dir),
            "area": self.area,
            "snapshot_date": self.snapshot_date.isoformat(),
            "followup_date": self.followup_date.isoformat() if self.followup_date else None,
            "crime_period": [d.isoformat() for d in self.crime_period],
            "suspect_period": [d.isoformat() for d in self.suspect_period],
            "non_recent_before": self.non_recent_before.isoformat(),
            "crimes_from": self.crimes_from.isoformat() if self.crimes_from else None,
            "risk_scale": self.risk_scale,
            "ward_list_min": self.ward_list_min,
            "suppression_threshold": self.suppression_threshold,
            "protection_range": self.protection_range,
            "months": list(self.months),
            "column_map": self.column_map,
        }


def available_years(folder: Path | None = None) -> list[str]:
    """Reporting years with a parameter file in params/, oldest first."""
    folder = folder or paths.params_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if _YEAR.fullmatch(p.stem))


def read_yaml(path: Path) -> dict[str, Any]:
    """One parameter file; an empty file is no parameters."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParameterError(f"parameter file {path} does not exist") from None
    except IsADirectoryError:
        raise ParameterError(f"parameter file {path} is a folder, not a file") from None
    except OSError as error:
        raise ParameterError(f"parameter file {path} cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ParameterError(f"parameter file {path} is not UTF-8 text: save it as UTF-8") from None
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ParameterError(f"parameter file {path} is not valid YAML: {error}") from None
    except ValueError as error:  # PyYAML's reading of a date or time that does not exist
        place = _impossible_date(text)
        raise ParameterError(
            f"parameter file {path}, line {place[0]}: {place[1]} is not a real calendar date" if place else
            f"parameter file {path} holds a value that cannot be read: {error}"
        ) from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ParameterError(f"parameter file {path} must hold name: value pairs")
    return content


def parse_override(name: str, text: str) -> tuple[str, Any]:
    """A `-p NAME VALUE` pair; the value is read as YAML, so lists and numbers work."""
    if name not in PARAMETER_NAMES:
        raise ParameterError(f"unknown parameter {name!r}; the parameters are {', '.join(PARAMETER_NAMES)}")
    try:
        return name, yaml.safe_load(text)
    except yaml.YAMLError:
        return name, text
    except ValueError as error:  # PyYAML's reading of a date or time that does not exist
        place = _impossible_date(text)
        raise ParameterError(
            f"{name} {text!r}: {place[1]} is not a real calendar date" if place else f"{name} {text!r}: {error}"
        ) from None


def resolve(
    year: str | None = None,
    params_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    params_folder: Path | None = None,
) -> Params:
    """Resolve the layers, later winning: defaults, params/<year>.yaml, params_file, overrides.

    Without a year (given or in the overrides), the latest year in params/ is used.
    """
    return resolve_with_sources(year, params_file, overrides, params_folder=params_folder)[0]


def resolve_with_sources(
    year: str | None = None,
    params_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    sources: Mapping[str, str] | None = None,
    params_folder: Path | None = None,
) -> tuple[Params, dict[str, str]]:
    """resolve(), and where each value that is not a default came from (for `hub-report params`)."""
    overrides = dict(overrides or {})
    extra = read_yaml(params_file) if params_file else {}
    year = year or overrides.get("reporting_year") or extra.get("reporting_year")
    if not year:
        years = available_years(params_folder)
        if not years:
            raise ParameterError("no reporting year given and params/ holds no YYYY-YY.yaml file")
        year = years[-1]
    year = str(year)
    parse_reporting_year(year)
    values: dict[str, Any] = {"reporting_year": year}
    year_file = (params_folder or paths.params_dir()) / f"{year}.yaml"
    found: dict[str, str] = {}
    if year_file.exists():
        layer = read_yaml(year_file)
        values.update(layer)
        found.update(dict.fromkeys(layer, f"params/{year_file.name}"))
    values.update(extra)
    found.update(dict.fromkeys(extra, f"--params {params_file.name}" if params_file else ""))
    values.update(overrides)
    found.update({name: (sources or {}).get(name, "given") for name in overrides})
    values["reporting_year"] = year
    return Params.from_mapping(values), found
