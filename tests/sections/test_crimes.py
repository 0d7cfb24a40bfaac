"""Crimes measures on hand-made frames whose answers are worked out in the comments, the declarations the
disclosure engine reads, and the 2016 appendix's outcome table and suspect figures reproduced from a
record-level fixture read by the loader."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import (
    BAILDON,
    BOLTON,
    CRIMES,
    REFERENCE,
    SUSPECTS,
    crime_frame,
    extracts,
    publish_year,
    report_params,
)
from helpers.disclosure.declare import SectionPublication
from helpers.disclosure.publication import DISTRICT
from helpers.errors import InputError
from helpers.inputs.scope import ScopeData, year_scopes
from helpers.params import Params
from helpers.rules import crimes as crime_rules
from helpers.sections.crimes import measures as crimes
from helpers.sections.crimes import words

C = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
BEFORE = (dt.date(2014, 4, 1), dt.date(2015, 3, 31))
CUTOFF = dt.date(2014, 1, 1)


def declared(
    crimes_frame: pd.DataFrame | None, suspects_frame: pd.DataFrame | None = None, **values: object
) -> SectionPublication:
    """The crimes section of the district report, as declared (before disclosure control)."""
    params, data = report_params(**values), extracts(crimes_frame, suspects_frame)
    return crimes.publication(ScopeData(params, data, data, REFERENCE, params.period))


def values(publication: SectionPublication) -> dict[str, object]:
    return {f.key: f.value for f in publication.figures}


def table(publication: SectionPublication, name: str) -> pd.DataFrame:
    return next(t for t in publication.tables if t.name == name).data


@pytest.fixture(scope="module")
def section() -> SectionPublication:
    return declared(CRIMES, SUSPECTS)


@pytest.fixture(scope="module")
def figures(section) -> dict[str, object]:
    return values(section)


def test_crimes_are_selected_by_recorded_date(figures):
    assert figures["crimes.child_sexual_offences"] == 5  # K1-K5; K6 is after C, K7 and K8 before
    assert figures["crimes.cse_crimes"] == 4  # K1-K4
    assert figures["crimes.cse_pct"] == 80.0


def test_outcome_status_comes_from_the_reference_list(figures):
    assert figures["crimes.under_investigation"] == 1  # K1 NEW
    assert figures["crimes.under_investigation_pct"] == 25.0
    assert figures["crimes.finalised"] == 2  # K2 charged, K4 no suspect identified
    assert figures["crimes.finalised_pct"] == 50.0
    assert figures["crimes.no_crime"] == 1  # K3


def test_suspects_are_distinct_links_and_a_crime_can_have_seven(figures):
    assert figures["crimes.with_suspect"] == 3  # K1, K2, K4
    assert figures["crimes.with_suspect_pct"] == 75.0
    assert figures["crimes.suspect_links"] == 10  # K1: P1 once and P2; K2: seven; K4: P1
    assert figures["crimes.with_multiple_suspects"] == 2  # K1 and K2


def test_victim_gender_is_a_share_of_all_cse_crimes(figures):
    assert figures["crimes.victims_male_pct"] == 25.0  # K2 of four; K4's blank gender stays in the denominator


def test_non_recent_leaves_out_crimes_with_no_committed_date(figures):
    assert figures["crimes.non_recent"] == 2  # K3 and K4 were committed before C; K2 has no committed date
    assert figures["crimes.non_recent_pct"] == 50.0
    assert figures["crimes.non_recent_before_cutoff"] == 1  # K4, of the non-recent
    assert figures["crimes.non_recent_before_cutoff_pct"] == 50.0  # of the two non-recent
    assert figures["crimes.committed_date_not_known"] == 1
    assert figures["crimes.earliest_committed_year"] == 1958


def test_location_not_known_and_change_on_the_previous_period(figures):
    assert figures["crimes.location_not_known"] == 1  # K3
    assert figures["crimes.location_not_known_pct"] == 25.0
    assert figures["crimes.previous_cse_crimes"] == 2  # K7 and K8
    assert figures["crimes.cse_crimes_change_pct"] == 100.0  # (4 - 2) / 2


def test_outcome_table_in_the_appendix_layout():
    cse = crime_rules.cse_crimes_in(CRIMES, C)
    table = crimes.outcomes_table(cse, crimes.outcome_rows(cse), REFERENCE, C)
    assert list(table.data.columns) == ["Outcome", "Crimes", "% of CSE crimes"]
    rows = list(table.data.itertuples(index=False, name=None))
    # The appendices' order: `18 ...` before `1A ...`, digits before letters.
    assert rows[:4] == [
        ("18 NO SUSPECT ID - INVESTIGATION COMPLETE", 1, 25.0),
        ("1A CHARGED", 1, 25.0),
        ("NB NO CRIME", 1, 25.0),
        ("NEW", 1, 25.0),
    ]
    assert rows[4][:2] == ("Grand total", 4) and pd.isna(rows[4][2])
    assert "NEW: under investigation; NB NO CRIME: no crime / cancelled" in table.note


def test_outcome_order_of_the_2017_appendix():
    texts = [
        "NEW",
        "3: ADULT CONDITIONAL CAUTION",
        "1A: ALTERNATE OFFENCE CHARGED",
        "10: POLICE - FORMAL ACTION NOT IN PUBLIC INTEREST",
        "CANCELLED/TRANSFERRED",
        "1: CHARGED",
        "21: POLICE - NAMED SUSPECT, INVESTIGATION NOT IN THE PUBLIC INTEREST",
        "18: INVESTIGATION COMPLETE NO SUSPECT IDENTIFIED",
    ]
    assert [t.split(" ")[0] for t in sorted(texts, key=crimes.outcome_sort_key)] == [
        "1:",
        "10:",
        "18:",
        "1A:",
        "21:",
        "3:",
        "CANCELLED/TRANSFERRED",
        "NEW",
    ]


def test_suspects_per_crime_runs_from_none_to_the_most(section):
    data = table(section, "crimes_suspects_per_crime")
    assert list(data["Persons linked to the crime"]) == ["0", "1", "2", "3", "4", "5", "6", "7", "Total"]
    assert list(data["Crimes"]) == [1, 1, 1, 0, 0, 0, 0, 1, 4]  # K3; K4; K1; K2 with seven


def test_location_by_constituency_then_outside_and_not_known(section):
    data = table(section, "crimes_location").set_index("Constituency of the offence")
    assert list(data.index) == [
        "Bradford East",
        "Bradford South",
        "Bradford West",
        "Keighley",
        "Shipley",
        "Outside district",
        "Not known",
        "Total",
    ]
    assert list(data["Crimes"]) == [1, 0, 0, 0, 1, 1, 1, 4]  # K4; K1; K2; K3


def test_committed_by_decade_back_to_the_earliest(section):
    data = table(section, "crimes_committed_by_decade").set_index("Decade committed")
    assert list(data.index) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "Not known", "Total"]
    assert data.loc["1950s", "Crimes"] == 1  # K4
    assert data.loc["2010s", "Crimes"] == 2  # K1 and K3
    assert data.loc["Not known", "Crimes"] == 1  # K2
    assert data.loc["1990s", "Crimes"] == 0


def test_without_the_crime_extract_every_key_is_null_with_a_reason():
    found = declared(None)
    assert {f.key for f in found.figures} == set(crimes.DEFINITIONS) and not found.tables
    assert all(f.value is None and "crime extract" in f.why_missing for f in found.figures)
    assert found.facts["crimes_supplied"] is False


def test_without_the_suspects_extract_only_the_suspect_keys_are_null():
    found = declared(CRIMES, None)
    by_key = {f.key: f for f in found.figures}
    for key in crimes.SUSPECT_KEYS:
        assert by_key[key].value is None and "crime_suspects" in by_key[key].why_missing
    assert by_key["crimes.cse_crimes"].value == 4
    assert "crimes_suspects_per_crime" not in {t.name for t in found.tables}
    assert list(table(found, "crimes_year_on_year")["Crimes"]) == [
        "Child sexual offences",
        "CSE crimes",
        "Non-recent CSE crimes",
    ]


def test_no_cse_crime_gives_zero_counts_and_null_shares():
    found = {f.key: f for f in declared(CRIMES.iloc[:0], SUSPECTS.iloc[:0]).figures}
    assert found["crimes.cse_crimes"].value == 0
    assert found["crimes.finalised_pct"].value is None and found["crimes.finalised_pct"].why_missing
    assert found["crimes.earliest_committed_year"].value is None
    assert found["crimes.cse_crimes_change_pct"].value is None
    assert "holds no crime" in found["crimes.cse_crimes_change_pct"].why_missing


def test_every_crimes_figure_has_a_definition(figures):
    assert set(figures) == set(crimes.DEFINITIONS)


# --- what the engine is told --------------------------------------------------------------------


def relation(section: SectionPublication, starting: str) -> dict[str, float]:
    return next(r.terms for r in section.relations if r.name.startswith(starting))


def test_the_statuses_are_sums_of_named_outcome_rows(section):
    assert relation(section, "under investigation") == {
        "crimes.under_investigation": -1.0,
        "crimes_outcomes|NEW|Crimes": 1.0,
    }
    assert relation(section, "finalised") == {
        "crimes.finalised": -1.0,
        "crimes_outcomes|18 NO SUSPECT ID - INVESTIGATION COMPLETE|Crimes": 1.0,
        "crimes_outcomes|1A CHARGED|Crimes": 1.0,
    }


def test_links_are_k_times_the_crimes_with_k_persons(section):
    per_crime = "crimes_suspects_per_crime|{}|Crimes"
    assert relation(section, "links") == {
        "suspect_links@2015-04-01~2016-03-31": -1.0,
        **{per_crime.format(k): float(k) for k in range(1, 8)},
    }
    assert relation(section, "crimes with a suspect") == {
        "cse_crimes_with_suspect@2015-04-01~2016-03-31": -1.0,
        **{per_crime.format(k): 1.0 for k in range(1, 8)},
    }


def test_non_recent_counts_are_sums_of_decades_and_of_their_parts(section):
    # The 2010s are cut at the cut-off (1 January 2014) and at C's start (1 April 2015): K3 (June 2014) is in the
    # middle part, K1 (April 2015) in the last; the first part is empty.
    parts = {q.name: q.value for q in section.quantities if q.name.startswith("crimes.committed@")}
    assert parts == {
        "crimes.committed@2010-01-01~2013-12-31": 0,
        "crimes.committed@2014-01-01~2015-03-31": 1,
        "crimes.committed@2015-04-01~2019-12-31": 1,
    }
    decades = [f"crimes_committed_by_decade|{d}s|Crimes" for d in range(1950, 2010, 10)]
    assert relation(section, "non-recent") == {
        "non_recent_cse_crimes@2015-04-01~2016-03-31": -1.0,
        **dict.fromkeys(decades, 1.0),
        "crimes.committed@2010-01-01~2013-12-31": 1.0,
        "crimes.committed@2014-01-01~2015-03-31": 1.0,
    }
    assert relation(section, "before the cut-off") == {
        "crimes.non_recent_before_cutoff": -1.0,
        **dict.fromkeys(decades, 1.0),
        "crimes.committed@2010-01-01~2013-12-31": 1.0,
    }


def test_the_year_earlier_column_is_named_by_its_period(section):
    year_on_year = next(t for t in section.tables if t.name == "crimes_year_on_year")
    assert year_on_year.quantity(1, "This period") == "cse_crimes@2015-04-01~2016-03-31"
    assert year_on_year.quantity(1, "A year earlier") == "cse_crimes@2014-04-01~2015-03-31"
    previous = next(f for f in section.figures if f.key == "crimes.previous_cse_crimes")
    assert previous.quantity == "cse_crimes@2014-04-01~2015-03-31"


def test_an_area_names_its_own_crimes_as_the_districts_row_for_it():
    params = report_params(area="Shipley")
    district = extracts(CRIMES, SUSPECTS)
    shipley = next(s for s in year_scopes(params, district, REFERENCE, C) if s.area == "Shipley")
    location = next(t for t in crimes.publication(shipley).tables if t.name == "crimes_location")
    district_location = next(t for t in declared(CRIMES, SUSPECTS).tables if t.name == "crimes_location")
    assert (
        location.quantity(4, "Crimes")
        == district_location.quantity(4, "Crimes")
        == ("~cse_crimes@2015-04-01~2016-03-31 in Shipley")
    )
    assert location.quantity(0, "Crimes") == "crimes_location|Bradford East|Crimes"  # a 0 in this area


def test_every_report_has_the_districts_rows():
    # Shipley has K1 alone (NEW, one to two persons, the 2010s): its tables still have the district's rows.
    params = report_params(area="Shipley")
    shipley = next(s for s in year_scopes(params, extracts(CRIMES, SUSPECTS), REFERENCE, C) if s.area == "Shipley")
    found = crimes.publication(shipley)
    assert list(table(found, "crimes_outcomes")["Crimes"]) == [0, 0, 0, 1, 1]
    assert len(table(found, "crimes_suspects_per_crime")) == 9  # 0 to 7 persons, and the total
    assert list(table(found, "crimes_committed_by_decade")["Decade committed"])[:2] == ["1950s", "1960s"]


def test_small_counts_are_suppressed_with_their_shares():
    published = publish_year(extracts(CRIMES, SUSPECTS), (crimes,), areas=False)[0][DISTRICT].figures
    assert published["crimes.cse_crimes"] == "c" and published["crimes.cse_pct"] == "c"
    assert published["crimes.earliest_committed_year"] == 1958  # a year is not a count
    unsuppressed = publish_year(extracts(CRIMES, SUSPECTS), (crimes,), threshold=0, areas=False)[0][DISTRICT]
    assert unsuppressed.figures["crimes.cse_crimes"] == 4


# --- words ------------------------------------------------------------------------------------------

FIGURES_2016 = {
    "crimes.cse_crimes": 109,
    "crimes.cse_pct": 20.5,
    "crimes.cse_crimes_change_pct": 34.0,
    "crimes.previous_cse_crimes": 80,
    "crimes.non_recent_pct": 30.5,
    "crimes.non_recent_before_cutoff_pct": 48.2,
}


def test_headlines_in_the_voice_of_the_appendix():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    assert words.headlines(FIGURES_2016, params) == [
        "Between 1 April 2015 and 31 March 2016, in the Bradford district, 109 crimes were recorded by the police "
        "as \u201cchild sexual exploitation crimes\u201d, 34% more crimes than the 80 recorded in the same period a "
        "year earlier; this constitutes 21% of all sexual offences against children recorded during that period.",
        "31% of the CSE crimes were non-recent, committed before the period began on 1 April 2015; 48% of those "
        "were committed before 1 January 2014.",
    ]


def test_headlines_respect_suppression_and_missing_figures():
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Keighley"})
    found = words.headlines(
        {**FIGURES_2016, "crimes.cse_crimes_change_pct": None, "crimes.non_recent_before_cutoff_pct": "c"}, params
    )
    assert "in the Keighley area, 109 crimes" in found[0] and "more crimes" not in found[0]
    assert found[1] == "31% of the CSE crimes were non-recent, committed before the period began on 1 April 2015."
    assert (
        words.headlines({**FIGURES_2016, "crimes.cse_crimes_change_pct": None, "crimes.non_recent_pct": "c"}, params)
        == found[:1]
    )


def test_the_change_says_what_it_is_compared_with():
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Bradford South"})
    assert words.change_sentence(36.3, 80, BEFORE, "", params) == (
        "That is 36% more than the 80 CSE crimes recorded in the same period a year earlier (1 April 2014 to "
        "31 March 2015) in the Bradford South area."
    )
    assert words.change_sentence(-50.0, 1, BEFORE, "", params).startswith("That is 50% fewer than the 1 CSE crime ")
    assert words.change_sentence("c", 80, BEFORE, "", params) == (
        "The change on the same period a year earlier (1 April 2014 to 31 March 2015) in the Bradford South area is "
        "suppressed."
    )
    assert words.change_sentence(20.0, "c", BEFORE, "", params).endswith("area, whose number is suppressed.")
    assert words.change_sentence(None, 0, BEFORE, "", params).startswith("No CSE crime was recorded in the same ")
    assert words.change_sentence(None, None, None, "the data start later", params) == (
        "The CSE crimes cannot be compared with a year earlier: the data start later."
    )


def test_location_title_names_the_largest_published_constituency_only():
    cells = pd.DataFrame(
        {
            "Constituency of the offence": ["Bradford East", "Keighley", "Shipley", "Not known", "Total"],
            "Crimes": [19, 10, 12, 40, 81],
        }
    )
    # Not known is larger but is not a constituency.
    assert words.location_finding(cells, "2015/16") == (
        "Bradford East had more CSE crimes in 2015/16 than any other constituency"
    )
    # The two hidden counts share 68 - 19 - 40 = 9, so neither can reach 19: the winner is certain.
    certain = cells.assign(Crimes=[19, "c", "c", 40, 68])
    assert words.location_finding(certain, "2015/16") == (
        "Bradford East had more CSE crimes in 2015/16 than any other constituency"
    )
    # They share 41 here, so one could be 40: no winner, whatever the published numbers suggest.
    alone = cells.assign(Crimes=[19, "c", "c", 40, 100])
    assert words.location_finding(alone, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"
    tied = cells.assign(Crimes=[19, 19, 12, 40, 90])
    assert words.location_finding(tied, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"


def test_a_frame_built_without_the_loader_gets_the_same_rule():
    odd = CRIMES.assign(outcome=CRIMES["outcome"].mask(CRIMES["crime_id"] == "K1", "99 MADE UP"))
    with pytest.raises(InputError, match="'99 MADE UP' must be an outcome listed"):
        declared(odd, SUSPECTS)


# --- the same period a year earlier -------------------------------------------------------------


def year_on_year(data: pd.DataFrame) -> dict[str, tuple]:
    data = data.set_index("Crimes")
    return {label: tuple(None if pd.isna(v) else v for v in data.loc[label]) for label in data.index}


def test_year_on_year_table(section):
    # This period: K1-K5 recorded, K1-K4 CSE, K1, K2 and K4 with a person linked, K3 and K4 committed before C.
    # A year earlier (1 April 2014 - 31 March 2015): K7 and K8, both CSE, no one linked; K7 committed before
    # 1 April 2014, so non-recent for its own period.
    data = table(section, "crimes_year_on_year")
    assert list(data.columns) == ["Crimes", "This period", "A year earlier", "Change", "% change"]
    assert year_on_year(data) == {
        "Child sexual offences": (5, 2, 3, 150.0),
        "CSE crimes": (4, 2, 2, 100.0),
        "CSE crimes with a suspect": (3, 0, 3, None),  # no % change on none
        "Non-recent CSE crimes": (2, 1, 1, 100.0),
    }
    assert "1 April 2014 to 31 March 2015" in next(t for t in section.tables if t.name == "crimes_year_on_year").note


def test_a_change_is_hidden_with_a_small_count_it_comes_from():
    # Threshold 3 hides counts of 1 and 2: the year earlier's 2, 2 and 1 and this period's 2 (non-recent). Their
    # changes go with them; the change on CSE crimes with a suspect (3 against 0) is published.
    published = publish_year(extracts(CRIMES, SUSPECTS), (crimes,), threshold=3, areas=False)[0][DISTRICT]
    cells = published.tables["crimes_year_on_year"].cells.set_index("Crimes")
    assert cells["A year earlier"].tolist() == ["c", "c", 0, "c"]
    assert cells.loc["Non-recent CSE crimes", "This period"] == "c"
    assert cells["Change"].tolist()[:2] == ["c", "c"] and cells["% change"].tolist()[:2] == ["c", "c"]
    assert cells.loc["CSE crimes with a suspect", "% change"] is None


def test_without_data_a_year_earlier_the_comparison_is_null_with_a_reason():
    recent = CRIMES[CRIMES["recorded_date"] >= "2015-04-01"]  # the extract starts in May 2015 (K1)
    found = declared(recent, SUSPECTS)
    assert year_on_year(table(found, "crimes_year_on_year"))["CSE crimes"] == (4, None, None, None)
    reason = "the crime data start on 1 May 2015, after 1 April 2014, the start of the same period a year earlier"
    for key in ("crimes.previous_cse_crimes", "crimes.cse_crimes_change_pct"):
        figure = next(f for f in found.figures if f.key == key)
        assert figure.value is None and figure.why_missing == reason
    assert found.facts["previous_period"] is None and found.facts["previous_missing_reason"] == reason
    # An extract that reaches back with no crime in the period a year earlier: a real 0.
    older = crime_frame([("K0", "2014-03-31", "2014-03-01", False, 15, "Female", "NEW", None)])
    reaching = pd.concat([older, recent], ignore_index=True)
    assert year_on_year(table(declared(reaching, SUSPECTS), "crimes_year_on_year"))["CSE crimes"] == (4, 0, 4, None)


def test_coverage_starts_on_the_first_day_of_the_month_of_the_first_crime():
    # No crime on 1-3 April 2014: the extract still starts on 1 April and covers the period a year earlier.
    from_the_fourth = crime_frame(
        [
            ("K9", "2014-04-04", "2014-04-01", True, 15, "Female", "NEW", BAILDON),
            *CRIMES[CRIMES["recorded_date"] >= "2015-04-01"].itertuples(index=False),
        ]
    )
    assert crime_rules.extract_start(from_the_fourth, None) == dt.date(2014, 4, 1)
    assert crime_rules.previous_period_in_data(C, dt.date(2014, 4, 1)) == BEFORE
    figures = values(declared(from_the_fourth, SUSPECTS))
    assert figures["crimes.previous_cse_crimes"] == 1 and figures["crimes.cse_crimes_change_pct"] == 300.0


def test_crimes_from_says_where_the_extract_starts():
    recent = CRIMES[CRIMES["recorded_date"] >= "2015-04-01"]
    # Stated to start on 1 April 2014, the extract covers the year earlier, in which it holds no CSE crime: 0.
    assert values(declared(recent, SUSPECTS, crimes_from="2014-04-01"))["crimes.previous_cse_crimes"] == 0
    # Stated to start later than its first crime, it does not: the year earlier is not compared.
    later = declared(CRIMES, SUSPECTS, crimes_from="2014-04-02")
    assert values(later)["crimes.previous_cse_crimes"] is None
    assert later.facts["previous_missing_reason"].startswith("the crime data start on 2 April 2014")


def test_an_area_is_covered_where_the_district_extract_is():
    # Moved to Bradford East, K7 and K8 leave Shipley's first crime in May 2015 (K1); the district's extract still
    # starts in April 2014 (K7), so Shipley is compared with the 0 CSE crimes it had a year earlier.
    moved = CRIMES.assign(
        location_ward_code=CRIMES["location_ward_code"].mask(CRIMES["crime_id"].isin(["K7", "K8"]), BOLTON)
    )
    params = report_params()
    shipley = next(s for s in year_scopes(params, extracts(moved, SUSPECTS), REFERENCE, C) if s.area == "Shipley")
    figures = values(crimes.publication(shipley))
    assert figures["crimes.previous_cse_crimes"] == 0 and figures["crimes.cse_crimes"] == 1
