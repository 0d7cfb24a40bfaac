"""What a reporting year publishes: every section of the district report and of each area pack, decided
together by the disclosure engine, and kept consistent with what earlier years publish.

Three steps, so that a count hidden in one report is hidden wherever it is published again:

1. The counts that every later report shows again (each year's new referrals, episodes, quarters and
   months: a section's `referral_series`) are decided year by year from the first year in the data,
   each year with the earlier ones fixed. The same data always give the same decisions, so this
   year's report and next year's agree on every count they share.
2. The previous year's own counts that this year's report compares with (its snapshot, its crimes and
   offenders: sections that compare with the previous year) are decided as the previous year's report
   decided them: its district and areas are computed again and passed through the engine. Counts of
   different years are linked only by ratios (a change on the year before), which the engine shows
   only where they are safe, so those decisions never depend on what came before them.
3. This year's district and every area are decided together, with the counts of steps 1 and 2 fixed.

The district's pattern of `c` is therefore the same whether the district is built alone, with one area
or in a batch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from helpers.disclosure.engine import Decision
from helpers.disclosure.publication import DISTRICT, AuditSummary, PublishedReport, Report, decide, publish
from helpers.errors import InputError
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import Reference, load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData, year_scopes
from helpers.params import Params, resolve
from helpers.rules.calendar import previous_year
from helpers.rules.episodes import data_end
from helpers.rules.quality import quality_publication
from helpers.sections import SECTIONS, published_sections
from helpers.stats.trends import reporting_window
from helpers.workers import beside

# What the previous year's report shares with this one is decided by the same parameters of publication.
_PUBLICATION_PARAMETERS = ("data_dir", "risk_scale", "column_map", "suppression_threshold", "protection_range")


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


def _scopes(params: Params, extracts: Extracts, reference: Reference) -> list[ScopeData]:
    window = reporting_window(params.period, extracts.extract_end)
    if window is None:
        raise InputError(f"the extracts do not hold one complete month of the reporting year {params.reporting_year}")
    return year_scopes(params, extracts, reference, window)


def _name(scope: ScopeData) -> str:
    return scope.area or DISTRICT


def series_decisions(scopes: list[ScopeData], threshold: int, protection_range: int) -> dict[str, bool]:
    """Step 1: every year's shared counts, decided in order of years, each with the earlier ones kept."""
    series = [
        (scope, module.referral_series(scope))
        for scope in scopes
        for module in published_sections()
        if hasattr(module, "referral_series")
    ]
    years = sorted({year for _, by_year in series for year in by_year})
    decided: dict[str, bool] = {}
    for last in years:
        reports = [
            Report(_name(scope), [publication for year, publication in by_year.items() if year <= last])
            for scope, by_year in series
        ]
        decided.update(decide(reports, threshold, protection_range, decided))
    return decided


def previous_year_decisions(params: Params, extracts: Extracts, reference: Reference) -> dict[str, bool]:
    """Step 2: the previous year's report, as it decided the counts this year's compares with."""
    comparing = [s.measures for s in SECTIONS if s.compares_with_previous_year and hasattr(s.measures, "publication")]
    earlier = previous_year(params.reporting_year)
    first = extracts.episodes["start_date"].min()
    if not comparing or first is None or first.date() > params.period[0].replace(year=params.period[0].year - 1):
        return {}
    earlier_params = resolve(earlier, overrides={name: params.to_mapping()[name] for name in _PUBLICATION_PARAMETERS})
    scopes = _scopes(earlier_params, extracts, reference)
    reports = [Report(_name(scope), [module.publication(scope) for module in comparing]) for scope in scopes]
    decided = decide(reports, params.suppression_threshold, params.protection_range)
    # Only a count named by its period is the same count in the two years' reports; a table cell named by its
    # table, row and column is that report's own.
    return {name: hidden for name, hidden in decided.items() if "@" in name}


def publish_year(params: Params, extracts: Extracts, reference: Reference) -> YearPublication:
    """Compute every report of the year and let the engine decide what each one hides."""
    scopes = _scopes(params, extracts, reference)
    threshold, protection = params.suppression_threshold, params.protection_range
    # Step 2 depends on nothing step 1 decides, so the previous year is decided beside it.
    with beside(previous_year_decisions, params, extracts, reference) as previous_year_decided:
        decided = {**series_decisions(scopes, threshold, protection), **previous_year_decided()}
    reports = [
        Report(
            _name(scope),
            [
                *(module.publication(scope) for module in published_sections()),
                quality_publication(scope.extracts, reference, scope.params),
            ],
        )
        for scope in scopes
    ]
    published, decision, audit = publish(reports, threshold, protection, decided)
    return YearPublication(published, audit, decision)
