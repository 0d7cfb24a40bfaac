"""Crimes measures on hand-made frames whose answers are worked out in the comments, the declarations the
disclosure engine reads, and the 2016 appendix's outcome table and suspect figures reproduced from a
record-level fixture read by the loader."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from frames import frame
from helpers.disclosure.declare import SectionPublication
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.errors import InputError
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import EXTRACTS, Extracts
from helpers.inputs.scope import ScopeData, year_scopes
from helpers.params import Params
from helpers.rules import crimes as crime_rules
from helpers.sections.crimes import measures as crimes
from helpers.sections.crimes import words

C = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
BEFORE = (dt.date(2014, 4, 1), dt.date(2015, 3, 31))
CUTOFF = dt.date(2014, 1, 1)
REFERENCE = load_reference()
CRIME_COLUMNS = ["crime_id", "recorded_date", "committed_date", "cse_flag", "victim_age", "victim_gender", "outcome",
                 "location_ward_code"]
SUSPECT_COLUMNS = ["crime_id", "person_id", "age_at_offence", "gender", "ethnicity"]
BAILDON, BOLTON, BOWLING = "E05001341", "E05001344", "E05001351"  # Shipley, Bradford East, Bradford South


def crime_frame(rows: list[tuple]) -> pd.DataFrame:
    """Crimes typed as the loader types them."""
    data = pd.DataFrame(rows, columns=CRIME_COLUMNS)
    for column in ("recorded_date", "committed_date"):
        data[column] = pd.to_datetime(data[column])
    for column in ("crime_id", "victim_gender", "outcome", "location_ward_code"):
        data[column] = data[column].astype("string")
    data["victim_age"] = data["victim_age"].astype("Int64")
    data["cse_flag"] = data["cse_flag"].astype(bool)
    return data


def suspect_frame(rows: list[tuple]) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=SUSPECT_COLUMNS)
    for column in ("crime_id", "person_id", "gender", "ethnicity"):
        data[column] = data[column].astype("string")
    data["age_at_offence"] = data["age_at_offence"].astype("Int64")
    return data


def extracts(crimes_frame: pd.DataFrame | None, suspects_frame: pd.DataFrame | None = None,
             management: pd.DataFrame | None = None) -> Extracts:
    """Extracts holding only crimes (and persons linked to them, and suspect management)."""
    episodes = frame([], ["episode_id", "child_id", "start_date", "end_date", "date_of_birth", "gender", "ward_code"])
    assessments = frame([], ["episode_id", "assessment_date", "risk_level"])
    return Extracts(episodes, assessments, None, crimes_frame, suspects_frame, management, ())


def report_params(**values: object) -> Params:
    return Params.from_mapping({"reporting_year": "2015-16", **values})


def declared(crimes_frame: pd.DataFrame | None, suspects_frame: pd.DataFrame | None = None,
             **values: object) -> SectionPublication:
    """The crimes section of the district report, as declared (before disclosure control)."""
    params, data = report_params(**values), extracts(crimes_frame, suspects_frame)
    return crimes.publication(ScopeData(params, data, data, REFERENCE, params.period))


def values(publication: SectionPublication) -> dict[str, object]:
    return {f.key: f.value for f in publication.figures}


def table(publication: SectionPublication, name: str) -> pd.DataFrame:
    return next(t for t in publication.tables if t.name == name).data


def publish_year(data: Extracts, sections: tuple, threshold: int = 10, areas: bool = True, **params: object):
    """Every report of the year (the district and, with `areas`, the five areas) through the engine."""
    resolved = report_params(suppression_threshold=threshold, **params)
    scopes = (year_scopes(resolved, data, REFERENCE, resolved.period) if areas
              else [ScopeData(resolved, data, data, REFERENCE, resolved.period)])
    reports = [Report(scope.area or DISTRICT, [module.publication(scope) for module in sections]) for scope in scopes]
    return publish(reports, threshold, resolved.protection_range)


CRIMES = crime_frame([
    # K1: committed in C, under investigation, in Baildon (Shipley).
    ("K1", "2015-05-01", "2015-04-20", True, 14, "Female", "NEW", BAILDON),
    # K2: no committed date (neither non-recent nor recent), charged, outside the district, male victim.
    ("K2", "2015-06-01", None, True, 15, "Male", "1A CHARGED", "OUTSIDE_DISTRICT"),
    # K3: committed before C but after the cut-off, no crime, location and victim age not known.
    ("K3", "2015-07-01", "2014-06-01", True, None, "Female", "NB NO CRIME", None),
    # K4: recorded on C's last day, committed in 1958 (before the cut-off), in Bolton and Undercliffe.
    ("K4", "2016-03-31", "1958-03-01", True, 12, None, "18 NO SUSPECT ID - INVESTIGATION COMPLETE", BOLTON),
    # K5: not CSE-tagged: a child sexual offence only.
    ("K5", "2015-08-01", "2015-07-01", False, 13, "Female", "NEW", BAILDON),
    # K6: recorded the day after C ends.
    ("K6", "2016-04-01", "2016-03-01", True, 16, "Female", "NEW", BAILDON),
    # K7, K8: CSE crimes of the previous period (1 April 2014 - 31 March 2015), its first and last days.
    ("K7", "2014-04-01", "2014-03-01", True, 16, "Female", "NEW", BAILDON),
    ("K8", "2015-03-31", "2015-03-01", True, 16, "Female", "NEW", BAILDON),
])
SUSPECTS = suspect_frame([
    ("K1", "P1", 16, "Male", "White - British"),
    ("K1", "P1", 16, "Male", "White - British"),  # listed twice on one crime: one link
    ("K1", "P2", 24, "Female", "Asian/British Asian - Pakistani"),
    # K2: seven persons.
    ("K2", "P3", 17, "Male", "Gypsy/Roma"),
    ("K2", "P4", 18, "Male", "Information Not Yet Obtained"),
    ("K2", "P5", 25, "Female", None),
    ("K2", "P6", 35, "Male", "Mixed - White/Asian"),
    ("K2", "P7", 36, "Male", "Black/Black British - African"),
    ("K2", "P8", 46, "Male", "White - Eastern European"),
    ("K2", "P9", None, None, "Asian/British Asian - Indian"),
    ("K4", "P1", None, "Male", "White - British"),  # P1 again, on another crime: a second link
    ("K5", "P10", 30, "Male", "White - British"),  # not a CSE crime
    ("K6", "P11", 30, "Male", "White - British"),  # recorded after C
])


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
    assert rows[:4] == [("18 NO SUSPECT ID - INVESTIGATION COMPLETE", 1, 25.0), ("1A CHARGED", 1, 25.0),
                        ("NB NO CRIME", 1, 25.0), ("NEW", 1, 25.0)]
    assert rows[4][:2] == ("Grand total", 4) and pd.isna(rows[4][2])
    assert "NEW: under investigation; NB NO CRIME: no crime / cancelled" in table.note


def test_outcome_order_of_the_2017_appendix():
    texts = ["NEW", "3: ADULT CONDITIONAL CAUTION", "1A: ALTERNATE OFFENCE CHARGED", "10: POLICE - FORMAL ACTION NOT "
             "IN PUBLIC INTEREST", "CANCELLED/TRANSFERRED", "1: CHARGED", "21: POLICE - NAMED SUSPECT, INVESTIGATION "
             "NOT IN THE PUBLIC INTEREST", "18: INVESTIGATION COMPLETE NO SUSPECT IDENTIFIED"]
    assert [t.split(" ")[0] for t in sorted(texts, key=crimes.outcome_sort_key)] == [
        "1:", "10:", "18:", "1A:", "21:", "3:", "CANCELLED/TRANSFERRED", "NEW"]


def test_suspects_per_crime_runs_from_none_to_the_most(section):
    data = table(section, "crimes_suspects_per_crime")
    assert list(data["Persons linked to the crime"]) == ["0", "1", "2", "3", "4", "5", "6", "7", "Total"]
    assert list(data["Crimes"]) == [1, 1, 1, 0, 0, 0, 0, 1, 4]  # K3; K4; K1; K2 with seven


def test_location_by_constituency_then_outside_and_not_known(section):
    data = table(section, "crimes_location").set_index("Constituency of the offence")
    assert list(data.index) == ["Bradford East", "Bradford South", "Bradford West", "Keighley", "Shipley",
                                "Outside district", "Not known", "Total"]
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
        "Child sexual offences", "CSE crimes", "Non-recent CSE crimes"]


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
    assert relation(section, "under investigation") == {"crimes.under_investigation": -1.0,
                                                        "crimes_outcomes|NEW|Crimes": 1.0}
    assert relation(section, "finalised") == {
        "crimes.finalised": -1.0, "crimes_outcomes|18 NO SUSPECT ID - INVESTIGATION COMPLETE|Crimes": 1.0,
        "crimes_outcomes|1A CHARGED|Crimes": 1.0}


def test_links_are_k_times_the_crimes_with_k_persons(section):
    per_crime = "crimes_suspects_per_crime|{}|Crimes"
    assert relation(section, "links") == {"suspect_links@2015-04-01~2016-03-31": -1.0,
                                          **{per_crime.format(k): float(k) for k in range(1, 8)}}
    assert relation(section, "crimes with a suspect") == {"cse_crimes_with_suspect@2015-04-01~2016-03-31": -1.0,
                                                          **{per_crime.format(k): 1.0 for k in range(1, 8)}}


def test_non_recent_counts_are_sums_of_decades_and_of_their_parts(section):
    # The 2010s are cut at the cut-off (1 January 2014) and at C's start (1 April 2015): K3 (June 2014) is in the
    # middle part, K1 (April 2015) in the last; the first part is empty.
    parts = {q.name: q.value for q in section.quantities if q.name.startswith("crimes.committed@")}
    assert parts == {"crimes.committed@2010-01-01~2013-12-31": 0, "crimes.committed@2014-01-01~2015-03-31": 1,
                     "crimes.committed@2015-04-01~2019-12-31": 1}
    decades = [f"crimes_committed_by_decade|{d}s|Crimes" for d in range(1950, 2010, 10)]
    assert relation(section, "non-recent") == {
        "non_recent_cse_crimes@2015-04-01~2016-03-31": -1.0, **dict.fromkeys(decades, 1.0),
        "crimes.committed@2010-01-01~2013-12-31": 1.0, "crimes.committed@2014-01-01~2015-03-31": 1.0}
    assert relation(section, "before the cut-off") == {
        "crimes.non_recent_before_cutoff": -1.0, **dict.fromkeys(decades, 1.0),
        "crimes.committed@2010-01-01~2013-12-31": 1.0}


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
    assert location.quantity(4, "Crimes") == district_location.quantity(4, "Crimes") == (
        "~cse_crimes@2015-04-01~2016-03-31 in Shipley")
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

FIGURES_2016 = {"crimes.cse_crimes": 109, "crimes.cse_pct": 20.5, "crimes.cse_crimes_change_pct": 34.0,
                "crimes.previous_cse_crimes": 80, "crimes.non_recent_pct": 30.5,
                "crimes.non_recent_before_cutoff_pct": 48.2}


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
    found = words.headlines({**FIGURES_2016, "crimes.cse_crimes_change_pct": None,
                             "crimes.non_recent_before_cutoff_pct": "c"}, params)
    assert "in the Keighley area, 109 crimes" in found[0] and "more crimes" not in found[0]
    assert found[1] == "31% of the CSE crimes were non-recent, committed before the period began on 1 April 2015."
    assert words.headlines({**FIGURES_2016, "crimes.cse_crimes_change_pct": None, "crimes.non_recent_pct": "c"},
                           params) == found[:1]


def test_the_change_says_what_it_is_compared_with():
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Bradford South"})
    assert words.change_sentence(36.3, 80, BEFORE, "", params) == (
        "That is 36% more than the 80 CSE crimes recorded in the same period a year earlier (1 April 2014 to "
        "31 March 2015) in the Bradford South area.")
    assert words.change_sentence(-50.0, 1, BEFORE, "", params).startswith("That is 50% fewer than the 1 CSE crime ")
    assert words.change_sentence("c", 80, BEFORE, "", params) == (
        "The change on the same period a year earlier (1 April 2014 to 31 March 2015) in the Bradford South area is "
        "suppressed.")
    assert words.change_sentence(20.0, "c", BEFORE, "", params).endswith("area, whose number is suppressed.")
    assert words.change_sentence(None, 0, BEFORE, "", params).startswith("No CSE crime was recorded in the same ")
    assert words.change_sentence(None, None, None, "the data start later", params) == (
        "The CSE crimes cannot be compared with a year earlier: the data start later.")


def test_location_title_names_the_largest_published_constituency_only():
    cells = pd.DataFrame({"Constituency of the offence": ["Bradford East", "Keighley", "Shipley", "Not known",
                                                          "Total"], "Crimes": [19, 10, 12, 40, 81]})
    # Not known is larger but is not a constituency.
    assert words.location_finding(cells, "2015/16") == (
        "Bradford East had more CSE crimes in 2015/16 than any other constituency")
    # The two hidden counts share 68 - 19 - 40 = 9, so neither can reach 19: the winner is certain.
    certain = cells.assign(Crimes=[19, "c", "c", 40, 68])
    assert words.location_finding(certain, "2015/16") == (
        "Bradford East had more CSE crimes in 2015/16 than any other constituency")
    # They share 41 here, so one could be 40: no winner, whatever the published numbers suggest.
    alone = cells.assign(Crimes=[19, "c", "c", 40, 100])
    assert words.location_finding(alone, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"
    tied = cells.assign(Crimes=[19, 19, 12, 40, 90])
    assert words.location_finding(tied, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"


# --- the loader and the 2016 appendix ---------------------------------------------------------

OUTCOMES_2016 = [  # the 2015/16 appendix's outcome table, as published
    ("10 POLICE NFA PUBLIC INTEREST", 2, 1.8),
    ("14 SUSPECT NOT ID - VICTIM DECLINES OR UNABLE", 5, 4.6),
    ("15A POLICE DECISION - SUSPECT ID - EVIDENTIAL DIFFICULTIES", 25, 22.9),
    ("16 SUSPECT ID - VICTIM REFUSES TO SUPPORT PROSECUTION", 12, 11.0),
    ("18 NO SUSPECT ID - INVESTIGATION COMPLETE", 14, 12.8),
    ("1A CHARGED", 7, 6.4),
    ("8B COMMUNITY RESOLUTION WITHOUT RESTORATIVE JUSTICE", 1, 0.9),
    ("NB NO CRIME", 2, 1.8),
    ("NEW", 41, 37.6),
]
PERSONS_PER_CRIME_2016 = {1: 59, 2: 8, 3: 7, 7: 1}  # 75 crimes with a suspect, 103 links; 34 with none


def _csv(header: list[str], rows: list[list[object]]) -> str:
    return ",".join(header) + "\n" + "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def write_2016_appendix_extracts(folder: Path, outcome_of_first_crime: str | None = None) -> Path:
    """A data folder whose crimes reproduce the 2015/16 appendix: 531 child sexual offences, 109 of them CSE
    with the published outcomes, and the published numbers of persons linked to them.

    The outcomes are written in the untidy case a real export may use (the loader matches them
    case-insensitively); a person is listed twice on one crime, which is still one link.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "episodes.csv").write_text(_csv(EXTRACTS["episodes"].column_names,
                                              [["E1", "C1", "2015-05-01", "", "2001-01-01", "Female", "", "", ""]]))
    (folder / "risk_assessments.csv").write_text(_csv(["episode_id", "assessment_date", "risk_level"],
                                                      [["E1", "2015-05-01", "Low"]]))
    outcomes = [text for text, number, _ in OUTCOMES_2016 for _ in range(number)]
    if outcome_of_first_crime is not None:
        outcomes[0] = outcome_of_first_crime
    crimes_rows, suspect_rows = [], []
    persons = [n for n, crimes_with_n in PERSONS_PER_CRIME_2016.items() for _ in range(crimes_with_n)]
    persons += [0] * (len(outcomes) - len(persons))
    person = 0
    for number, (outcome, linked) in enumerate(zip(outcomes, persons, strict=True), start=1):
        recorded = dt.date(2015, 4, 1) + dt.timedelta(days=number * 3)
        crimes_rows.append([f"CR{number:06d}", recorded, "", "", "", "yes", 14, "Female",
                            outcome.lower() if number % 2 else outcome, ""])
        for _ in range(linked):
            person += 1
            suspect_rows.append([f"CR{number:06d}", f"PX{person:05d}", 20, "Male", "White - British"])
    suspect_rows.append(suspect_rows[0])  # the first crime's person listed again
    for number in range(len(outcomes) + 1, 532):
        crimes_rows.append([f"CR{number:06d}", dt.date(2015, 4, 2), "", "", "", "no", 15, "Female", "", ""])
    (folder / "crimes.csv").write_text(_csv(EXTRACTS["crimes"].column_names, crimes_rows))
    (folder / "crime_suspects.csv").write_text(_csv(EXTRACTS["crime_suspects"].column_names, suspect_rows))
    return folder


@pytest.fixture(scope="module")
def appendix_2016(tmp_path_factory) -> Extracts:
    return load_extracts(write_2016_appendix_extracts(tmp_path_factory.mktemp("appendix") / "data"), "cse")


def test_the_2016_outcome_table_is_reproduced_from_records(appendix_2016):
    found = declared(appendix_2016.crimes, appendix_2016.crime_suspects)
    rows = list(table(found, "crimes_outcomes").itertuples(index=False, name=None))
    assert rows[:-1] == OUTCOMES_2016
    assert rows[-1][:2] == ("Grand total", 109)
    unsuppressed = publish_year(appendix_2016, (crimes,), threshold=0, areas=False)[0][DISTRICT]
    assert unsuppressed.tables["crimes_outcomes"].cells["Crimes"].tolist() == [2, 5, 25, 12, 14, 7, 1, 2, 41, 109]
    published = publish_year(appendix_2016, (crimes,), areas=False)[0][DISTRICT]
    with_threshold = published.tables["crimes_outcomes"].cells.set_index("Outcome")["Crimes"]
    assert with_threshold["1A CHARGED"] == "c" and with_threshold["NB NO CRIME"] == "c"
    # The 2 no crimes are the 109 CSE crimes less the 41 under investigation (NEW) and the 66 finalised: one of
    # the three goes too, and so does every figure that repeats it.
    assert with_threshold["NEW"] == "c" and published.figures["crimes.under_investigation"] == "c"
    assert published.figures["crimes.finalised"] == 66 and with_threshold["Grand total"] == 109


def test_the_2016_crime_and_suspect_figures_are_reproduced(appendix_2016):
    found = declared(appendix_2016.crimes, appendix_2016.crime_suspects)
    figures = values(found)
    assert figures["crimes.child_sexual_offences"] == 531
    assert figures["crimes.cse_crimes"] == 109
    assert figures["crimes.cse_pct"] == 20.5
    assert (figures["crimes.under_investigation"], figures["crimes.under_investigation_pct"]) == (41, 37.6)
    assert (figures["crimes.finalised"], figures["crimes.finalised_pct"]) == (66, 60.6)
    assert (figures["crimes.with_suspect"], figures["crimes.with_suspect_pct"]) == (75, 68.8)
    assert figures["crimes.suspect_links"] == 103  # 59 + 2 x 8 + 3 x 7 + 7 x 1
    assert figures["crimes.with_multiple_suspects"] == 16  # 8 crimes with two persons, 7 with three, 1 with seven
    per_crime = table(found, "crimes_suspects_per_crime")
    assert dict(zip(per_crime["Persons linked to the crime"], per_crime["Crimes"], strict=True)) == {
        "0": 34, "1": 59, "2": 8, "3": 7, "4": 0, "5": 0, "6": 0, "7": 1, "Total": 109}


def test_an_outcome_missing_from_the_reference_list_is_a_validation_error_naming_it(tmp_path):
    folder = write_2016_appendix_extracts(tmp_path / "data", outcome_of_first_crime="11 POLICE NFA MADE UP")
    with pytest.raises(InputError) as error:
        load_extracts(folder, "cse")
    message = str(error.value)
    assert "crimes.csv, row 2: column outcome must be an outcome listed in the reference crime_outcomes.csv" in message
    assert "'11 police nfa made up'" in message  # the first crime is written in lower case


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
    reason = ("the crime data start on 1 May 2015, after 1 April 2014, the start of the same period a year "
              "earlier")
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
    from_the_fourth = crime_frame([("K9", "2014-04-04", "2014-04-01", True, 15, "Female", "NEW", BAILDON),
                                   *CRIMES[CRIMES["recorded_date"] >= "2015-04-01"].itertuples(index=False)])
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
    moved = CRIMES.assign(location_ward_code=CRIMES["location_ward_code"].mask(
        CRIMES["crime_id"].isin(["K7", "K8"]), BOLTON))
    params = report_params()
    shipley = next(s for s in year_scopes(params, extracts(moved, SUSPECTS), REFERENCE, C) if s.area == "Shipley")
    figures = values(crimes.publication(shipley))
    assert figures["crimes.previous_cse_crimes"] == 0 and figures["crimes.cse_crimes"] == 1
