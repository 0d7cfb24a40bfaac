"""What a reporting year publishes: every section of the district report and of each area pack, decided
together by the disclosure engine.

The district's pattern of `c` is the same whether the district is built alone, with one area or in a
batch, because every build decides on the whole year: the district and all its areas.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from helpers.disclosure.engine import Decision
from helpers.disclosure.publication import (
    DISTRICT,
    AuditSummary,
    PublishedReport,
    Report,
    publish,
)
from helpers.errors import InputError
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import Reference, load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import year_scopes
from helpers.params import Params
from helpers.rules.episodes import data_end
from helpers.sections import published_sections
from helpers.stats.trends import reporting_window


@dataclass
class YearPublication:
    reports: dict[str, PublishedReport]  # by scope: DISTRICT or an area's name
    audit: AuditSummary
    decision: Decision

    def report(self, params: Params) -> PublishedReport:
        return self.reports[params.area or DISTRICT]


def load_year(params: Params) -> tuple[Extracts, Reference]:
    """The whole district's validated extracts (how far they reach included) and the reference data."""
    reference = load_reference()
    extracts = load_extracts(params.data_dir, params.risk_scale, params.column_map, reference)
    return dataclasses.replace(extracts, extract_end=data_end(extracts.episodes, extracts.risk_assessments)), reference


def publish_year(params: Params, extracts: Extracts, reference: Reference) -> YearPublication:
    """Compute every report of the year and let the engine decide what each one hides."""
    window = reporting_window(params.period, extracts.extract_end)
    if window is None:
        raise InputError(f"the extracts do not hold one complete month of the reporting year {params.reporting_year}")
    reports = []
    for scope in year_scopes(params, extracts, reference, window):
        reports.append(Report(scope.area or DISTRICT, [module.publication(scope) for module in published_sections()]))
    published, decision, audit = publish(reports, params.suppression_threshold, params.protection_range)
    return YearPublication(published, audit, decision)
