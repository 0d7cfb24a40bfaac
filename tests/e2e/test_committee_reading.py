"""Every report of two years read as a committee member would: the district and each area of 2015-16 (the cse
scale) and 2020-21 (the ce scale, the ward months a calendar year), built from seeded synthetic data. No code word,
no suppression spelt out, no sentence in lower case, no share of nothing, no chart with nothing drawn, and each
report within its page budget."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from helpers import synthetic
from helpers.build import batch
from report_reading import charts_without_a_bar, faults, visible_text

YEARS = {"2015-16": "cse", "2020-21": "ce"}
DISTRICT_PAGES = 25
AREA_PAGES = 15  # every section for the area's own wards; district-wide detail is left to the district report


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    outcomes = []
    for year, scale in YEARS.items():
        data = tmp_path_factory.mktemp("data") / scale
        synthetic.write(synthetic.generate(seed=7), data, scale)
        outcomes += batch.build_all([year], str(data), out, workers=2)
    assert len(outcomes) == 12 and all(o.folder for o in outcomes), [o.message for o in outcomes]
    return outcomes


def test_every_report_reads_without_a_fault(reports):
    found = {}
    for outcome in reports:
        page = (outcome.folder / "report.html").read_text(encoding="utf-8")
        headlines = [
            line[2:]
            for line in (outcome.folder / "headlines.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("- ")
        ]
        problems = faults(visible_text(page) + headlines) + [
            f"nothing drawn: {caption}" for caption in charts_without_a_bar(page)
        ]
        if problems:
            found[outcome.job.label] = problems
    assert not found, found


def test_every_report_prints_within_its_page_budget(reports):
    pages = {o.job.label: len(PdfReader(o.folder / "report.pdf").pages) for o in reports}
    print(f"A4 pages of report.pdf: {pages}")
    for outcome in reports:
        budget = AREA_PAGES if outcome.job.area else DISTRICT_PAGES
        assert pages[outcome.job.label] <= budget, (outcome.job.label, pages[outcome.job.label], budget)
