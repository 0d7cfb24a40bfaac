"""Everything a section notebook needs before it computes: parameters, validated data, reference, scope."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from helpers import params as params_module
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import Reference, load_reference
from helpers.inputs.schema import Extracts
from helpers.params import Params, parameter_names
from helpers.rules.episodes import data_end


def params_from_notebook(namespace: Mapping[str, Any]) -> Params:
    """Parameters from a notebook's parameters cell (after papermill injected the build's values).

    Values left as None fall back to params/<year>.yaml and then to the contract's defaults, so a
    notebook run by hand gives the same result as the build for the same year.
    """
    given = {name: namespace[name] for name in parameter_names() if namespace.get(name) is not None}
    return params_module.resolve(str(given.pop("reporting_year")), overrides=given)


def area_wards(reference: Reference, area: str) -> list[str]:
    """Ward codes of one area committee (a constituency, in any case); an unknown area lists the valid ones."""
    constituency = reference.constituency_named(area)
    return sorted(reference.wards.loc[reference.wards["constituency"] == constituency, "ward_code"])


def restrict_to_area(extracts: Extracts, wards: list[str]) -> Extracts:
    """An area's children and crimes (the specification's area reports).

    Episodes whose ward lies in the area (out-of-area and blank ward codes left out) with their
    assessments, those children's social care periods, crimes committed in the area and the
    links on them. Suspect management holds no location and stays district-wide.
    """
    episodes = extracts.episodes[extracts.episodes["ward_code"].isin(wards)].reset_index(drop=True)
    assessments = extracts.risk_assessments[
        extracts.risk_assessments["episode_id"].isin(episodes["episode_id"])
    ].reset_index(drop=True)
    status = extracts.social_care_status
    if status is not None:
        status = status[status["child_id"].isin(episodes["child_id"])].reset_index(drop=True)
    crimes, suspects = extracts.crimes, extracts.crime_suspects
    if crimes is not None:
        crimes = crimes[crimes["location_ward_code"].isin(wards)].reset_index(drop=True)
        if suspects is not None:
            suspects = suspects[suspects["crime_id"].isin(crimes["crime_id"])].reset_index(drop=True)
    return dataclasses.replace(
        extracts,
        episodes=episodes,
        risk_assessments=assessments,
        social_care_status=status,
        crimes=crimes,
        crime_suspects=suspects,
    )


def load_data(params: Params) -> tuple[Extracts, Reference]:
    """Validated extracts for the report's scope, with the reference data."""
    reference = load_reference()
    extracts = load_extracts(params.data_dir, params.risk_scale, params.column_map, reference)
    extracts = dataclasses.replace(extracts, extract_end=data_end(extracts.episodes, extracts.risk_assessments))
    if params.area:
        extracts = restrict_to_area(extracts, area_wards(reference, params.area))
    return extracts, reference


@dataclasses.dataclass(frozen=True)
class ScopeData:
    """What a section's measures need for one report: the report's parameters, its children and crimes
    (an area's only, for an area pack), the whole district's (rates are compared with the district's),
    the reference data and the part of the year the data cover."""

    params: Params
    extracts: Extracts
    district: Extracts
    reference: Reference
    window: tuple

    @property
    def area(self) -> str | None:
        return self.params.area


def year_scopes(params: Params, district: Extracts, reference: Reference, window: tuple) -> list[ScopeData]:
    """The district and every area of the year, each with the parameters of its own report."""
    scopes = [ScopeData(dataclasses.replace(params, area=None), district, district, reference, window)]
    for area in reference.constituencies:
        area_params = dataclasses.replace(params, area=area)
        scopes.append(
            ScopeData(area_params, restrict_to_area(district, area_wards(reference, area)), district, reference, window)
        )
    return scopes
