"""Disclosure across years on the synthetic data: what two years' reports share is hidden in both or shown in both,
and the year's engine decides on the district and every area together."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import synthetic
from helpers.disclosure.publication import DISTRICT
from helpers.params import resolve
from helpers.year import load_year, publish_year

pytestmark = pytest.mark.e2e
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
    assert earlier.audit.reports == ["district report", "Bradford East area pack", "Bradford South area pack",
                                     "Bradford West area pack", "Keighley area pack", "Shipley area pack"]
    assert not earlier.audit.failures and earlier.audit.narrowest >= 5
    assert set(earlier.reports) == {DISTRICT, "Bradford East", "Bradford South", "Bradford West", "Keighley",
                                    "Shipley"}
