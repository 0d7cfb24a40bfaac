"""Report parameters: the contract's defaults, then params/<year>.yaml, then a YAML file, then single values.

Every value except `reporting_year` has a default derived from the year (the input contract's
parameters). The build resolves the layers into one mapping of plain values (ISO date strings,
lists, numbers) that papermill can inject into a notebook; the notebook turns it back into a
typed `Params` with `Params.from_mapping`. Names a user gives (an area, a risk scale) are matched
ignoring case and spacing and held as the reference data spells them. Whatever a parameter file or
value holds, a mistake in it is a ParameterError that names it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import pprint
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers import paths
from helpers.errors import ParameterError
from helpers.inputs.reference import RISK_SCALES, canonical_risk_scale, load_reference
from helpers.rules.calendar import add_months, parse_reporting_year, year_period

_YEAR = re.compile(r"(\d{4})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")  # the dates YAML reads as dates


def year_label(reporting_year: str) -> str:
    """`2015-16` -> `2015/16`, the form the report's text uses."""
    return reporting_year.replace("-", "/")


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
            f"parameter file {path}, line {place[0]}: {place[1]} is not a real calendar date"
            if place
            else f"parameter file {path} holds a value that cannot be read: {error}"
        ) from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ParameterError(f"parameter file {path} must hold name: value pairs")
    return content


def _as_folder(name: str, value: Any) -> Path:
    if not isinstance(value, (str, Path)):
        raise ParameterError(f"{name} must be the path of a folder, got {value!r}")
    try:
        return paths.resolve(value)
    except RuntimeError as error:  # `~someone/...` for a user this machine does not know
        raise ParameterError(f"{name} {str(value)!r}: {error}") from None


def _as_months(name: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(f"{name} must be a list of calendar months [YYYY-MM, ...], got {value!r}")
    months = []
    for item in value:
        text = item.strftime("%Y-%m") if isinstance(item, dt.date) else str(item).strip()
        match = _MONTH.fullmatch(text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ParameterError(f"{name}: {item!r} is not a calendar month written YYYY-MM")
        months.append(text)
    return tuple(months)


def _as_column_map(name: str, value: Any) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ParameterError(f"{name} must map an extract name to {{source header: contract column}}")
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in value.items()}


def _as_year(name: str, value: Any) -> str:
    text = str(value).strip()
    parse_reporting_year(text)
    return text


def _iso(value: Any) -> Any:
    """A typed value as papermill, figures.json and YAML take it: dates as ISO text, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_iso(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


@dataclass(frozen=True)
class Declaration:
    """One parameter as params/defaults.yaml declares it."""

    name: str
    kind: str
    default: Any
    meaning: str
    minimum: int = 0

    def parse(self, value: Any) -> Any:
        """The typed value of a plain one, or a ParameterError naming the parameter."""
        if self.kind == "whole number":
            return _as_int(self.name, value, self.minimum)
        return _PARSERS[self.kind](self.name, value)

    def default_for(self, context: Mapping[str, Any]) -> Any:
        """The default for a reporting year: `{name}` alone stands for a value, inside text for its text."""

        def fill(value: Any) -> Any:
            if isinstance(value, list):
                return [fill(item) for item in value]
            if isinstance(value, str):
                whole = re.fullmatch(r"\{(\w+)\}", value)
                return context[whole[1]] if whole else value.format(**context)
            return value

        return fill(self.default)


_PARSERS = {
    "financial year": _as_year,
    "folder": _as_folder,
    "area": lambda name, value: load_reference().constituency_named(value),
    "date": _as_date,
    "period": _as_period,
    "risk scale": lambda name, value: canonical_risk_scale(value),
    "months": _as_months,
    "column map": _as_column_map,
}


def read_declarations(path: Path) -> dict[str, Declaration]:
    """The parameters a defaults file declares, in its order; a malformed entry is a ParameterError."""
    declared = {}
    for name, entry in read_yaml(path).items():
        if not isinstance(entry, dict) or not {"kind", "default", "meaning"} <= set(entry):
            raise ParameterError(f"{path.name}: parameter {name} needs a kind, a default and a meaning")
        if entry["kind"] not in (*_PARSERS, "whole number"):
            raise ParameterError(f"{path.name}: parameter {name} has an unknown kind {entry['kind']!r}")
        declared[str(name)] = Declaration(
            str(name), entry["kind"], entry["default"], str(entry["meaning"]), int(entry.get("minimum", 0))
        )
    return declared


@functools.cache
def declarations() -> dict[str, Declaration]:
    """The parameters of params/defaults.yaml, read once."""
    return read_declarations(paths.params_dir() / "defaults.yaml")


def parameter_names() -> tuple[str, ...]:
    return tuple(declarations())


@dataclass(frozen=True)
class Params:
    """The resolved, typed parameters of one report; each field is declared in params/defaults.yaml."""

    reporting_year: str
    data_dir: Path
    area: str | None
    snapshot_date: dt.date
    followup_date: dt.date | None  # None: snapshot + 4 months when the data reach it
    crime_period: tuple[dt.date, dt.date]
    suspect_period: tuple[dt.date, dt.date]
    non_recent_before: dt.date
    crimes_from: dt.date | None  # None: the first day of the month of the earliest recorded crime
    risk_scale: str
    ward_list_min: int
    suppression_threshold: int
    protection_range: int  # the narrowest range a reader may narrow a hidden count to
    months: tuple[str, ...]
    column_map: dict[str, dict[str, str]]

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The reporting year: 1 April to 31 March, both days included."""
        return year_period(self.reporting_year)

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
    def from_mapping(cls, values: Mapping[str, Any]) -> Params:
        """Typed parameters from plain values, filling every value not given from params/defaults.yaml."""
        unknown = sorted(str(name) for name in set(values) - set(parameter_names()))
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(unknown)}; the parameters are {', '.join(parameter_names())}"
            )
        given = {k: v for k, v in values.items() if v is not None and v != ""}
        if "reporting_year" not in given:
            raise ParameterError("reporting_year is required, e.g. 2015-16")
        typed: dict[str, Any] = {}
        for name, declaration in declarations().items():
            context = _year_context(typed.get("reporting_year", given["reporting_year"]), typed)
            value = given[name] if name in given else declaration.default_for(context)
            typed[name] = None if value is None else declaration.parse(value)
        params = cls(**typed)
        params._check_dates()
        return params

    def _check_dates(self) -> None:
        start, end = self.period
        if not start <= self.snapshot_date <= end:
            raise ParameterError(
                f"snapshot_date {self.snapshot_date} lies outside the reporting year {self.reporting_year} "
                f"({start} to {end})"
            )
        if self.followup_date is not None and self.followup_date <= self.snapshot_date:
            raise ParameterError(
                f"followup_date {self.followup_date} must come after snapshot_date {self.snapshot_date}"
            )

    def to_mapping(self) -> dict[str, Any]:
        """Plain values (ISO strings, lists) for papermill, figures and the manifest."""
        return {name: _iso(getattr(self, name)) for name in parameter_names()}


def _year_context(reporting_year: str, resolved: Mapping[str, Any]) -> dict[str, Any]:
    """What a default in params/defaults.yaml may name, for one reporting year."""
    first = parse_reporting_year(str(reporting_year))
    threshold = resolved.get("suppression_threshold")
    return {
        "first_year": first,
        "second_year": first + 1,
        "year_before": first - 1,
        "months_of_year": [add_months(dt.date(first, 4, 1), i).strftime("%Y-%m") for i in range(12)],
        "half_threshold": math.ceil(threshold / 2) if threshold is not None else None,
    }


def parse_override(name: str, text: str) -> tuple[str, Any]:
    """A `-p NAME VALUE` pair; the value is read as YAML, so lists and numbers work."""
    if name not in parameter_names():
        raise ParameterError(f"unknown parameter {name!r}; the parameters are {', '.join(parameter_names())}")
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


def parameters_cell_source(params: Params) -> str:
    """A notebook's parameters cell holding `params`, each value with its meaning from params/defaults.yaml."""
    values = params.to_mapping()
    values["data_dir"] = paths.shown(params.data_dir)
    lines = [
        f"# Parameters of the {params.year_label} report, as params/defaults.yaml declares them. The build",
        "# injects its own values in a cell below this one. To run another year by hand, print its cell",
        "# with `hub-report params YYYY-YY --cell` and paste it here.",
    ]
    for name, value in values.items():
        lines += ["", f"# {declarations()[name].meaning}", f"{name} = {pprint.pformat(value, width=100, compact=True)}"]
    return "\n".join(lines)
