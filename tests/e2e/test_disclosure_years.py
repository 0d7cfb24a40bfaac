"""Disclosure across years on the synthetic data: what two years' reports share is hidden in both or shown in both,
and the year's engine decides on the district and every area together."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest

from helpers import synthetic
from helpers.build import batch
from helpers.build import run as build
from helpers.disclosure import publication
from helpers.disclosure.publication import DISTRICT
from helpers.errors import DisclosureError
from helpers.params import resolve
from helpers.workers import WORKERS_ENV
from helpers.year import load_year, publish_year

SHARED_TABLES = ("strategic_referrals_by_year", "strategic_referrals_by_quarter")


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=11), folder, "cse")
    first, second = (resolve(year, overrides={"data_dir": str(folder)}) for year in ("2015-16", "2016-17"))
    extracts, reference = load_year(first)
    return publish_year(first, extracts, reference), publish_year(second, extracts, reference)


def _rows(report, name: str) -> pd.DataFrame:
    cells = report.tables[name].cells
    return cells.set_index(cells.columns[0])


def test_counts_two_years_share_are_hidden_in_both_or_shown_in_both(two_years):
    earlier, later = two_years
    compared = 0
    for scope in earlier.reports:
        for name in SHARED_TABLES:
            before, after = _rows(earlier.reports[scope], name), _rows(later.reports[scope], name)
            for row in before.index.intersection(after.index):
                for column in before.columns:
                    assert before.at[row, column] == after.at[row, column], (scope, name, row, column)
                    compared += 1
        months = _rows(earlier.reports[scope], "strategic_monthly_referrals")["New referrals"]
        later_months = _rows(later.reports[scope], "strategic_monthly_referrals")["New referrals"]
        for month in months.index.intersection(later_months.index):
            assert months[month] == later_months[month], (scope, month)
            compared += 1
    assert compared > 300


def test_every_report_of_the_year_is_audited_together(two_years):
    earlier, _ = two_years
    assert earlier.audit.reports == [
        "district report",
        "Bradford East area pack",
        "Bradford South area pack",
        "Bradford West area pack",
        "Keighley area pack",
        "Shipley area pack",
    ]
    assert not earlier.audit.failures and earlier.audit.narrowest >= 5
    assert set(earlier.reports) == {DISTRICT, "Bradford East", "Bradford South", "Bradford West", "Keighley", "Shipley"}


@pytest.fixture(scope="module")
def year_of_reports(tmp_path_factory):
    """The district and every area of 2015-16 (the strategic overview only, to keep it quick)."""
    data = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=13), data, "cse")
    out = tmp_path_factory.mktemp("outputs")
    outcomes = batch.build_all(["2015-16"], str(data), out, workers=2, sections="strategic")
    return outcomes, data


def test_every_report_of_a_year_records_the_same_passed_audit(year_of_reports):
    outcomes, _ = year_of_reports
    assert len(outcomes) == 6 and all(o.folder for o in outcomes), [o.message for o in outcomes]
    audits = [json.loads((o.folder / "manifest.json").read_text())["disclosure_audit"] for o in outcomes]
    for found in audits:
        assert found["passed"] and found["narrowest_range"] >= found["protection_range"] == 5
        assert found["cells_audited"] > 100 and len(found["reports_audited_together"]) == 6
        assert "strategic_age_by_gender" in found["cells_suppressed_pct"]
    assert len({(a["cells_audited"], a["narrowest_range"]) for a in audits}) == 1  # one audit of the whole year


def test_a_publication_the_engine_protects_blind_to_a_relation_fails_its_audit(year_of_reports, tmp_path, monkeypatch):
    """The engine decides without the district-against-areas relations; the audit, assembled afresh from the
    declarations, holds them, finds what a reader could subtract, and the build publishes nothing."""
    _, data = year_of_reports
    original = publication.protect

    def blind(system, threshold, protection_range, decided=None):
        kept = [n for n, name in enumerate(system.equation_names) if "district against its areas" not in name]
        without = copy.copy(system)
        without.equations = [system.equations[n] for n in kept]
        without.equation_names = [system.equation_names[n] for n in kept]
        return original(without, threshold, protection_range, decided)

    monkeypatch.setattr(publication, "protect", blind)
    with pytest.raises(DisclosureError) as failure:
        build.build(resolve("2015-16", overrides={"data_dir": str(data)}), tmp_path, only=["strategic"], fresh=True)
    message = str(failure.value)
    assert message.startswith("the disclosure audit failed, so nothing is published")
    assert "a reader can narrow it to between" in message and ("area pack" in message or "implied" in message)
    assert not (tmp_path / "2015-16").exists()


def test_the_year_is_decided_the_same_on_one_core_and_on_two(tmp_path, monkeypatch):
    """On two cores the previous year is decided beside this year's series, and the engine decides the parts of
    the system side by side; on one, all of it runs in turn. The decision and what it publishes are the same."""
    synthetic.write(synthetic.generate(seed=12, scale=0.5), tmp_path, "cse")
    params = resolve("2016-17", overrides={"data_dir": str(tmp_path)})
    extracts, reference = load_year(params)
    decided = {}
    for cores in ("1", "2"):
        monkeypatch.setenv(WORKERS_ENV, cores)
        decided[cores] = publish_year(params, extracts, reference)
    one, two = decided["1"], decided["2"]
    assert one.decision.state.hidden  # a year with counts to hide
    assert one.decision.state == two.decision.state and one.decision.audit == two.decision.audit
    assert one.reports.keys() == two.reports.keys()
    for scope, report in one.reports.items():
        assert report.figures == two.reports[scope].figures, scope
        for name, table in report.tables.items():
            pd.testing.assert_frame_equal(table.cells, two.reports[scope].tables[name].cells)
