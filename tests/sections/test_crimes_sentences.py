"""Every sentence of the crimes and the offenders sections survives zero, one, a suppressed value and 100%.

The notebooks' own code runs here, with the section's published figures replaced by each case in turn (the
tables stay those of a real publication of the hand-made crimes year of conftest.py), and every
sentence it says, and every headline, is read: no "a suppressed figure of", no "fewer than" (a `c` may hide a
count of any size), no "nan", no sentence starting in lower case, no "1 crimes".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import matplotlib
import nbformat
import pytest

from conftest import CRIMES, MANAGEMENT, SUSPECTS, S, extracts, publish_year
from helpers import paths
from helpers.disclosure.publication import DISTRICT
from helpers.display.narrative import NarrativeFormatter, facts
from helpers.display.section import Section
from helpers.params import Params
from helpers.sections import BY_SLUG
from helpers.sections.crimes import measures as crimes
from helpers.sections.crimes import words as crime_words
from helpers.sections.suspects import measures as suspects
from helpers.sections.suspects import words as suspect_words

matplotlib.use("Agg")
PLAIN = {"crimes.earliest_committed_year"}
TOTALS = {
    "crimes.child_sexual_offences",
    "crimes.cse_crimes",
    "crimes.previous_cse_crimes",
    "offenders.links",
    "offenders.persons",
    "offenders.previous_links",
    "offenders.previous_persons",
    "management.occurrences",
    "management.persons",
}
CASES: dict[str, Callable[[str], object]] = {
    "nothing": lambda key: None if key.endswith("_pct") else 0,
    "none of many": lambda key: 0.0 if key.endswith("_pct") else 120 if key in TOTALS else 0,
    "one": lambda key: 100.0 if key.endswith("_pct") else 1,
    "suppressed": lambda key: "c",
    "all": lambda key: 100.0 if key.endswith("_pct") else 120,
}
BEFORE = (dt.date(2014, 4, 1), dt.date(2015, 3, 31))
BAD = [
    (re.compile(r"a suppressed figure"), "a suppressed value read as a figure"),
    (re.compile(r"fewer than"), "a c read as small"),
    (re.compile(r"\bnan\b|\bNone\b|not available|[{}]"), "a value that was not filled in"),
    (
        re.compile(
            r"\b1 (CSE |sexual |different |CSE suspect management )?(crimes|offences|links|persons|occurrences)\b"
        ),
        "one with a plural",
    ),
    (re.compile(r"\b1 (were|have)\b"), "one with a plural verb"),
]


@pytest.fixture(scope="module")
def real_year():
    """The district and Keighley reports of the hand-made year, as published at threshold 10."""
    published, _, _ = publish_year(
        extracts(CRIMES, SUSPECTS, MANAGEMENT), (crimes, suspects), suspect_period=[S[0].isoformat(), S[1].isoformat()]
    )
    return published


class Recorder(Section):
    """The notebook's section: it keeps what is said and drawn instead of showing it."""

    def say(self, template: str, **values: object) -> None:
        text = NarrativeFormatter(self.threshold).format(template, facts=facts(self.published), **values)
        self.said.append(" ".join(text.split()))

    def show_table(self, table, caption=None) -> None:
        self.tables_shown += 1

    def show_chart(self, figure, alt: str, caption: str, data) -> None:
        matplotlib.pyplot.close(figure)
        self.said.append(alt)


def run_notebook(
    slug: str, report, params: Params, figures: dict[str, object], previous: bool, monkeypatch
) -> list[str]:
    info = BY_SLUG[slug]
    section_facts = dict(report.facts[slug])
    if "previous_period" in section_facts:
        section_facts["previous_period"] = BEFORE if previous else None
    recorder = Recorder(info.number, slug, info.title, params, tables=report.tables, facts=section_facts)
    recorder.published.update(figures)
    recorder.said = []
    monkeypatch.setattr(Section, "open", classmethod(lambda cls, name, namespace: recorder))
    notebook = nbformat.read(paths.notebooks_dir() / info.notebook, as_version=4)
    namespace: dict[str, object] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)  # the notebook's code, as the kernel would run it
    return recorder.said


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def problems(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        found += [f"{why}: {text!r}" for pattern, why in BAD if pattern.search(text)]
        found += [f"starts in lower case: {s!r}" for s in sentences(text) if s[0].islower()]
    return found


def case_figures(report, prefixes: tuple[str, ...], case: str, previous: bool) -> dict[str, object]:
    value = CASES[case]
    figures = {}
    for key, published in report.figures.items():
        if not key.startswith(prefixes):
            continue
        figures[key] = published if key in PLAIN else value(key)
        if not previous and (".previous_" in key or key == "crimes.cse_crimes_change_pct"):
            figures[key] = None
    return figures


@pytest.mark.parametrize("area", [None, "Keighley"])
@pytest.mark.parametrize("previous", [True, False], ids=["compared", "not compared"])
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("slug", ["crimes", "suspects"])
def test_every_sentence_reads_right(real_year, slug, case, previous, area, monkeypatch):
    report = real_year[area or DISTRICT]
    params = Params.from_mapping(
        {"reporting_year": "2015-16", "area": area, "suspect_period": [S[0].isoformat(), S[1].isoformat()]}
    )
    figures = case_figures(report, BY_SLUG[slug].figure_prefixes, case, previous)
    said = run_notebook(slug, report, params, figures, previous, monkeypatch)
    words = crime_words if slug == "crimes" else suspect_words
    assert said and not problems(said + words.headlines(figures, params))


def test_the_checks_catch_what_the_old_words_said():
    assert problems(
        [
            "fewer than 10 had a male victim.",
            "In terms of age, a suppressed figure of offenders.",
            "There were 1 crimes.",
            "Of these 1 were finalised.",
            "Share: nan%.",
        ]
    ) == [
        "a c read as small: 'fewer than 10 had a male victim.'",
        "starts in lower case: 'fewer than 10 had a male victim.'",
        "a suppressed value read as a figure: 'In terms of age, a suppressed figure of offenders.'",
        "one with a plural: 'There were 1 crimes.'",
        "one with a plural verb: 'Of these 1 were finalised.'",
        "a value that was not filled in: 'Share: nan%.'",
    ]


def test_an_area_pack_names_its_area(real_year, monkeypatch):
    report = real_year["Keighley"]
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Keighley"})
    said = run_notebook("crimes", report, params, case_figures(report, ("crimes.",), "all", True), True, monkeypatch)
    assert said[0].startswith("In the Keighley area, the police recorded 120 sexual offences against children")
    assert "in the same period a year earlier (1 April 2014 to 31 March 2015) in the Keighley area" in said[0]
