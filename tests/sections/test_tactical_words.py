"""Every sentence, title and alt text of the tactical snapshot survives zero, one, a suppressed value and 100%.

The section's notebook is run cell by cell on reports published by the engine from hand-made extracts (the
build's hand-over replaced by the report itself), and everything it says is checked: no "fewer than 10" for a
`c` that may be large, no "a suppressed figure of ...", no sentence starting in lower case, no "0 (0%)", no
"nan" or "None", no "1 children".
"""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import pandas as pd
import pytest

from conftest import EPISODE_COLUMNS, frame
from helpers import paths
from helpers.disclosure.model import PublishedTable
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.display import section as section_module
from helpers.display.section import Section
from helpers.display.words import largest_row
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData, area_wards, restrict_to_area
from helpers.params import Params
from helpers.sections.tactical import charts as tactical_charts
from helpers.sections.tactical import measures as tactical
from helpers.sections.tactical import words

NOTEBOOK = paths.notebooks_dir() / "02_tactical.ipynb"
WARD_EAST = "E05001344"  # Bolton and Undercliffe, Bradford East
WARD_SHIPLEY = "E05001341"  # Baildon, Shipley


def children(rows: list[tuple[str, str, str | None, str, str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Episodes and assessments from (start, level or None, end, gender, ward, ethnicity) rows, one child each."""
    episodes, assessments = [], []
    for number, (start, level, end, gender, ward, ethnicity) in enumerate(rows):
        episodes.append((f"E{number}", f"C{number}", start, end, "2002-01-01", gender, ethnicity, ward, "CSE"))
        if level is not None:
            assessments.append((f"E{number}", start, level))
    return (frame(episodes, EPISODE_COLUMNS), frame(assessments, ["episode_id", "assessment_date", "risk_level"]))


def extracts(rows: list[tuple], status: pd.DataFrame | None = None) -> Extracts:
    episodes, assessments = children(rows)
    return Extracts(
        episodes=episodes,
        risk_assessments=assessments,
        social_care_status=status,
        crimes=None,
        crime_suspects=None,
        suspect_management=None,
        sources=(),
    )


def params(threshold: int, area: str | None = None) -> Params:
    return Params.from_mapping(
        {
            "reporting_year": "2015-16",
            "followup_date": "2016-08-01",
            "ward_list_min": 2,
            "suppression_threshold": threshold,
            "area": area,
        }
    )


WHITE = "White - British"
EARLY = "2015-01-01"  # before the day a year earlier, so the data cover it
SCENARIOS = {
    # One girl at high risk, closed before the follow-up day; nobody open a year earlier.
    "one child": (
        [
            ("2016-01-01", "High", "2016-05-01", "Female", WARD_EAST, WHITE),
            (EARLY, "Low", "2015-02-01", "Female", WARD_EAST, WHITE),
        ],
        0,
    ),
    # Nobody open on the snapshot day; one child a year earlier.
    "no child": ([(EARLY, "Medium", "2015-06-01", "Male", WARD_SHIPLEY, WHITE)], 0),
    # Twelve boys, all at high risk, all still open: every share is 100% or 0%.
    "all boys at high risk": ([(EARLY, "High", None, "Male", WARD_EAST, WHITE)] * 12, 0),
    # Few children: every count is small and suppressed.
    "small counts": (
        [
            (EARLY, "High", None, "Female", WARD_EAST, WHITE),
            (EARLY, "Low", None, "Male", WARD_EAST, None),
            ("2016-03-01", None, None, "Female", "OUT_OF_AREA", "Gypsy/Roma"),
            ("2016-01-01", "Medium", "2016-06-01", "Female", WARD_SHIPLEY, WHITE),
        ],
        10,
    ),
    # 20 high, 30 medium, 25 low, 12 no risk, 3 not set: a large count is hidden to protect the 3.
    "a large suppressed count": (
        [
            (EARLY, level, None, "Female" if n % 4 else "Male", WARD_EAST if n % 3 else WARD_SHIPLEY, WHITE)
            for level, count in (("High", 20), ("Medium", 30), ("Low", 25), ("No CSE Risk", 12), (None, 3))
            for n in range(count)
        ],
        10,
    ),
}


def district_report(rows: list[tuple], threshold: int, area: str | None = None):
    """The report of the district (or of an area, published with the district as the year would)."""
    data, reference = extracts(rows), load_reference()
    year = params(threshold)
    reports = [Report(DISTRICT, [tactical.publication(ScopeData(year, data, data, reference, year.period))])]
    if area:
        pack = params(threshold, area)
        scoped = restrict_to_area(data, area_wards(reference, area))
        reports.append(Report(area, [tactical.publication(ScopeData(pack, scoped, data, reference, pack.period))]))
    published, decision, _ = publish(reports, threshold, (threshold + 1) // 2)
    assert not decision.failures()
    return published[area or DISTRICT], params(threshold, area)


def run_notebook(report, year: Params, monkeypatch) -> tuple[list[str], list[str]]:
    """The notebook's code cells run on a published report: (narrative said, as plain text, titles and alt texts)."""
    said: list[str] = []
    labels: list[str] = []

    def capture(payload: dict, raw: bool = False) -> None:
        if "text/markdown" in payload:  # its plain text: the Markdown links its numbers to their definitions
            said.append(payload["text/plain"])
        labels.extend(re.findall(r'alt="([^"]*)"', payload.get("text/html", "")))

    section = Section(2, "tactical", "Tactical snapshot", year, tables=report.tables, facts=report.facts["tactical"])
    section.published.update({k: v for k, v in report.figures.items() if k.startswith("tactical.")})
    monkeypatch.setattr(section_module, "display", capture)
    monkeypatch.setattr(Section, "open", classmethod(lambda cls, slug, namespace: section))
    for name in ("level_bars", "percent_bars", "transition_heatmap"):
        draw = getattr(tactical_charts, name)

        def titled(*args, draw=draw, **kwargs):
            labels.append(kwargs["title"])
            return draw(*args, **kwargs)

        monkeypatch.setattr(tactical_charts, name, titled)
    namespace: dict = {}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells[1:]:
        if cell.cell_type == "code":
            exec(compile(cell.source, NOTEBOOK.name, "exec"), namespace)
    return said, labels


BAD_WORDS = ("fewer than", "a suppressed figure", "not available", "nan", " 1 children", "(0%)", "{", "}")


def assert_readable(texts: list[str]) -> None:
    for text in texts:
        for bad in BAD_WORDS:
            assert bad not in text, f"{bad!r} in: {text}"
        assert not re.search(r"\b0 \w+ \(0", text), text
        assert not re.search(r"[\w,:;(] None\b", text), f"a value missing in: {text}"
        for paragraph in re.split(r"\n\s*\n", text):
            for start in re.finditer(r"(?:^|[.!?]\s+)(\S)", paragraph.strip()):
                assert not start.group(1).islower(), f"a sentence starts in lower case: {paragraph}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_sentence_survives(name, monkeypatch):
    rows, threshold = SCENARIOS[name]
    said, labels = run_notebook(*district_report(rows, threshold), monkeypatch)
    assert said and labels
    assert_readable(said)
    assert_readable(labels)


def test_the_one_child_reads_as_one(monkeypatch):
    said, labels = run_notebook(*district_report(SCENARIOS["one child"][0], 0), monkeypatch)
    text = "\n".join(said)
    assert "On 29 March 2016 there was 1 child open to the Hub, compared with none on 29 March 2015." in text
    assert (
        "Of these, all were at high risk, none at medium risk and none at low risk. None were assessed as not at "
        "risk." in text
    )
    assert "1 child was no longer open to the Hub by 1 August 2016" in text
    assert "High was the most common risk level on 29 March 2016: 100% of open cases" in labels


def test_no_child_open(monkeypatch):
    said, _ = run_notebook(*district_report(SCENARIOS["no child"][0], 0), monkeypatch)
    text = "\n".join(said)
    assert "On 29 March 2016 there were no children open to the Hub, compared with 1 on 29 March 2015." in text
    assert "No child was open to the Hub on 29 March 2016, so there are no risk levels to compare." in text
    assert "no child had a risk level set on both days to compare" in text


def test_all_boys(monkeypatch):
    said, labels = run_notebook(*district_report(SCENARIOS["all boys at high risk"][0], 0), monkeypatch)
    text = "\n".join(said)
    assert "All the open cases were boys. Of the boys, all were at high risk." in text
    assert "Boys were 100% of open cases on 29 March 2016, most often at high risk" in labels


def test_a_large_suppressed_count_is_not_read_as_small(monkeypatch):
    report, year = district_report(SCENARIOS["a large suppressed count"][0], 10)
    hidden = [v for v in report.tables["tactical_risk_levels"].cells["Children"] if v == "c"]
    assert len(hidden) >= 2  # the 3 not set, and a larger count with it
    said, _ = run_notebook(report, year, monkeypatch)
    assert "is suppressed" in "\n".join(said)


def test_an_area_pack_shows_its_wards_and_names_the_area(monkeypatch):
    rows = [(EARLY, "Medium", None, "Female", WARD_EAST, WHITE)] * 3 + [
        (EARLY, "Low", None, "Female", "E05001345", WHITE)
    ] * 2
    report, year = district_report([*rows, (EARLY, "Low", None, "Male", WARD_SHIPLEY, WHITE)], 0, "Bradford East")
    places = report.tables["tactical_constituency"].cells
    assert list(places.columns) == ["Ward", "Children", "% of open cases", "% of under-18 population"]
    assert "Out of area" not in set(places["Ward"]) and places["Children"].iloc[-1] == 5
    assert places.set_index("Ward").at["Bolton and Undercliffe", "Children"] == 3
    assert report.figures["tactical.out_of_area_pct"] is None
    said, labels = run_notebook(report, year, monkeypatch)
    text = "\n".join(said)
    assert "there were 5 children open to the Hub in the Bradford East area" in text
    assert "60% of open cases lived in Bolton and Undercliffe ward" in text
    assert any(
        label.startswith("Bolton and Undercliffe had the most open cases in the Bradford East area: 60%")
        for label in labels
    )
    assert_readable(said)


# --- The largest row ---------------------------------------------------------------------------------


def rows_of(values: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame({"Place": list(values), "Children": list(values.values())}, dtype=object)


def test_a_largest_row_is_named_only_when_every_hidden_one_is_smaller():
    cells = rows_of({"A": 40, "B": "c", "C": 12, "D": "c"})
    # Total 70: B and D add up to 18, so each is at most 17, below A's 40.
    assert largest_row(cells, "Children", total=70) == "A"
    # Total 100: B and D add up to 48, so one of them may be up to 47, above 40.
    assert largest_row(cells, "Children", total=100) is None
    # Total 93: B and D add up to 41, so one may be 40 and equal A; at 92 the bound is 39.
    assert largest_row(cells, "Children", total=93) is None
    assert largest_row(cells, "Children", total=92) == "A"
    # Without a published total nothing bounds the hidden cells.
    assert largest_row(cells, "Children") is None and largest_row(cells, "Children", total="c") is None
    # A hidden row that is not a candidate still takes its share of the total.
    assert largest_row(cells, "Children", ["A", "C"]) == "A"


def test_a_largest_row_needs_a_single_winner():
    assert largest_row(rows_of({"A": 12, "B": 12}), "Children", total=24) is None
    assert largest_row(rows_of({"A": 0, "B": 0}), "Children", total=0) is None


def test_a_largest_percentage_allows_for_rounding():
    shares = pd.DataFrame({"Group": ["A", "B", "C"], "%": [50.0, "c", 30.0]}, dtype=object)
    # B is at most 100 - 80 + 4 x 0.05 = 20.2, A at least 49.95.
    assert largest_row(shares, "%", total=100.0, rounding=0.05) == "A"
    close = pd.DataFrame({"Group": ["A", "B", "C"], "%": [40.0, "c", 20.0]}, dtype=object)
    assert largest_row(close, "%", total=100.0, rounding=0.05) is None


def test_the_most_serious_level_when_its_numbers_are_hidden():
    cells = pd.DataFrame(
        {
            "Risk level on snapshot day": ["High", "Medium", "Grand total"],
            "Children": ["c", 40, 52],
            "High": ["c", "c", 9],
            "Medium": [0, 30, 30],
            "Closed": ["c", "c", 13],
        },
        dtype=object,
    )
    moves = PublishedTable("tactical_transitions", "", cells, {}, "Grand total", "", 5, 10)
    assert words.top_level_movement(moves, ("High", "Medium", "No CSE Risk")) == (
        "Of the children at high risk on the snapshot day (their number is suppressed), the numbers still at high risk "
        "and closed by the follow-up day are suppressed. Children whose risk had risen to high: the number from medium "
        "is suppressed."
    )
    assert words.transition_finding(70.8, dt.date(2016, 8, 1), "Keighley") == (
        "The risk level of 71% of the children in the Keighley area was unchanged by 1 August 2016"
    )
