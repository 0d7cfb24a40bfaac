"""Crimes measures on hand-made frames whose answers are worked out in the comments, and the 2016
appendix's outcome table and suspect figures reproduced from a record-level fixture read by the loader."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.disclosure import publish_figures, suppress_table
from helpers.display import words
from helpers.errors import InputError
from helpers.inputs.loading import load_extracts
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import EXTRACTS
from helpers.params import Params
from helpers.rules import crimes as crime_rules
from helpers.sections.crimes import measures as crimes

C = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
CUTOFF = dt.date(2014, 1, 1)
REFERENCE = load_reference()
CRIME_COLUMNS = ["crime_id", "recorded_date", "committed_date", "cse_flag", "victim_age", "victim_gender", "outcome",
                 "location_ward_code"]
SUSPECT_COLUMNS = ["crime_id", "person_id", "age_at_offence", "gender", "ethnicity"]


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


CRIMES = crime_frame([
    # K1: committed in C, under investigation, in Baildon (Shipley).
    ("K1", "2015-05-01", "2015-04-20", True, 14, "Female", "NEW", "E05001341"),
    # K2: no committed date (neither non-recent nor recent), charged, outside the district, male victim.
    ("K2", "2015-06-01", None, True, 15, "Male", "1A CHARGED", "OUTSIDE_DISTRICT"),
    # K3: committed before C but after the cut-off, no crime, location and victim age not known.
    ("K3", "2015-07-01", "2014-06-01", True, None, "Female", "NB NO CRIME", None),
    # K4: recorded on C's last day, committed in 1958 (before the cut-off), in Bolton and Undercliffe.
    ("K4", "2016-03-31", "1958-03-01", True, 12, None, "18 NO SUSPECT ID - INVESTIGATION COMPLETE", "E05001344"),
    # K5: not CSE-tagged: a child sexual offence only.
    ("K5", "2015-08-01", "2015-07-01", False, 13, "Female", "NEW", "E05001341"),
    # K6: recorded the day after C ends.
    ("K6", "2016-04-01", "2016-03-01", True, 16, "Female", "NEW", "E05001341"),
    # K7, K8: CSE crimes of the previous period (1 April 2014 - 31 March 2015), its first and last days.
    ("K7", "2014-04-01", "2014-03-01", True, 16, "Female", "NEW", "E05001341"),
    ("K8", "2015-03-31", "2015-03-01", True, 16, "Female", "NEW", "E05001341"),
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
def figures() -> dict[str, object]:
    return {f.key: f.value for f in crimes.crimes_figures(CRIMES, SUSPECTS, REFERENCE, C, CUTOFF)}


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
    assert figures["crimes.non_recent"] == 2  # K3 and K4; K2 has no committed date
    assert figures["crimes.non_recent_pct"] == 50.0
    assert figures["crimes.non_recent_before_cutoff"] == 1  # K4
    assert figures["crimes.non_recent_before_cutoff_pct"] == 50.0  # of the two non-recent
    assert figures["crimes.committed_date_not_known"] == 1
    assert figures["crimes.earliest_committed_year"] == 1958


def test_location_not_known_and_change_on_the_previous_period(figures):
    assert figures["crimes.location_not_known"] == 1  # K3
    assert figures["crimes.location_not_known_pct"] == 25.0
    assert figures["crimes.previous_cse_crimes"] == 2  # K7 and K8
    assert figures["crimes.cse_crimes_change_pct"] == 100.0  # (4 - 2) / 2


def test_outcome_table_in_the_appendix_layout():
    table = crimes.outcomes_table(crime_rules.cse_crimes_in(CRIMES, C), REFERENCE, C)
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


def test_suspects_per_crime_runs_from_none_to_the_most():
    table = crimes.suspects_per_crime_table(crime_rules.cse_crimes_in(CRIMES, C), SUSPECTS, C).data
    assert list(table["Persons linked to the crime"]) == ["0", "1", "2", "3", "4", "5", "6", "7", "Total"]
    assert list(table["Crimes"]) == [1, 1, 1, 0, 0, 0, 0, 1, 4]  # K3; K4; K1; K2 with seven


def test_location_by_constituency_then_outside_and_not_known():
    table = crimes.location_table(crime_rules.cse_crimes_in(CRIMES, C), REFERENCE, C).data.set_index(
        "Constituency of the offence")
    assert list(table.index) == ["Bradford East", "Bradford South", "Bradford West", "Keighley", "Shipley",
                                 "Outside district", "Not known", "Total"]
    assert list(table["Crimes"]) == [1, 0, 0, 0, 1, 1, 1, 4]  # K4; K1; K2; K3


def test_committed_by_decade_back_to_the_earliest():
    table = crimes.committed_by_decade_table(crime_rules.cse_crimes_in(CRIMES, C), C).data.set_index("Decade committed")
    assert list(table.index) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "Not known", "Total"]
    assert table.loc["1950s", "Crimes"] == 1  # K4
    assert table.loc["2010s", "Crimes"] == 2  # K1 and K3
    assert table.loc["Not known", "Crimes"] == 1  # K2
    assert table.loc["1990s", "Crimes"] == 0


def test_without_the_crime_extract_every_key_is_null_with_a_reason():
    found = crimes.crimes_figures(None, None, REFERENCE, C, CUTOFF)
    assert {f.key for f in found} == set(crimes.DEFINITIONS)
    assert all(f.value is None and "crime extract" in f.why_missing for f in found)


def test_without_the_suspects_extract_only_the_suspect_keys_are_null():
    found = {f.key: f for f in crimes.crimes_figures(CRIMES, None, REFERENCE, C, CUTOFF)}
    for key in crimes.SUSPECT_KEYS:
        assert found[key].value is None and "crime_suspects" in found[key].why_missing
    assert found["crimes.cse_crimes"].value == 4


def test_no_cse_crime_gives_zero_counts_and_null_shares():
    found = {f.key: f for f in crimes.crimes_figures(CRIMES.iloc[:0], SUSPECTS.iloc[:0], REFERENCE, C, CUTOFF)}
    assert found["crimes.cse_crimes"].value == 0
    assert found["crimes.finalised_pct"].value is None and found["crimes.finalised_pct"].why_missing
    assert found["crimes.earliest_committed_year"].value is None
    assert found["crimes.cse_crimes_change_pct"].value is None
    assert "year earlier" in found["crimes.cse_crimes_change_pct"].why_missing


def test_every_crimes_figure_has_a_definition():
    assert {f.key for f in crimes.crimes_figures(CRIMES, SUSPECTS, REFERENCE, C, CUTOFF)} == set(crimes.DEFINITIONS)


def test_small_counts_are_suppressed_with_their_shares():
    published = publish_figures(crimes.crimes_figures(CRIMES, SUSPECTS, REFERENCE, C, CUTOFF), 10)
    assert published["crimes.cse_crimes"] == "c" and published["crimes.cse_pct"] == "c"
    assert published["crimes.earliest_committed_year"] == 1958  # a year is not a count


# --- words ------------------------------------------------------------------------------------

def test_share_phrases_read_a_suppressed_share_as_fewer_than_the_threshold():
    facts = SimpleNamespace(non_recent=17, non_recent_pct=15.6, victims_male_pct="c", finalised="c",
                                   finalised_pct="c", with_suspect=0, with_suspect_pct=None)
    phrases = words.share_phrases(facts, 10)
    assert phrases.non_recent == "17 (16%)" and phrases.non_recent_pct == "16%"
    assert phrases.victims_male_pct == "fewer than 10" and phrases.finalised == "fewer than 10"
    assert phrases.with_suspect == "0"


FIGURES_2016 = {"crimes.cse_crimes": 109, "crimes.cse_pct": 20.5, "crimes.cse_crimes_change_pct": 34.0,
                "crimes.previous_cse_crimes": 80, "crimes.non_recent_pct": 30.5,
                "crimes.non_recent_before_cutoff_pct": 48.2}


def test_headlines_in_the_voice_of_the_appendix():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    assert crimes.headlines(FIGURES_2016, params) == [
        "Between 1 April 2015 and 31 March 2016, in the Bradford district, 109 crimes were recorded by the police "
        "as \u201cchild sexual exploitation crimes\u201d, 34% more crimes than the 80 recorded in the same period a "
        "year earlier; this constitutes 21% of all sexual offences against children recorded during that period.",
        "31% of the CSE crimes were committed before 1 April 2015, and 48% of those before 1 January 2014: "
        "disclosures of non-recent offences.",
    ]


def test_headlines_respect_suppression_and_missing_figures():
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Keighley"})
    found = crimes.headlines({**FIGURES_2016, "crimes.cse_crimes_change_pct": None,
                              "crimes.non_recent_before_cutoff_pct": "c"}, params)
    assert len(found) == 1  # the non-recent headline is left out, not gapped
    assert "in the Keighley area, 109 crimes" in found[0] and "more crimes" not in found[0]


def test_location_title_names_the_largest_published_constituency_only():
    cells = pd.DataFrame({"Constituency of the offence": ["Bradford East", "Keighley", "Shipley", "Not known",
                                                          "Total"], "Crimes": [19, "c", 12, 40, 80]})
    # Not known is larger but is not a constituency; Keighley's hidden count is smaller than Shipley's 12.
    assert crimes.location_finding(cells, "2015/16") == (
        "Bradford East had more CSE crimes in 2015/16 than any other constituency")
    alone = cells.assign(Crimes=[19, "c", "c", 40, 68])  # a hidden count could equal 19: no winner
    assert crimes.location_finding(alone, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"
    tied = cells.assign(Crimes=[19, 19, 12, 40, 90])
    assert crimes.location_finding(tied, "2015/16") == "Where the CSE crimes recorded in 2015/16 were committed"


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
    for number, (outcome, linked) in enumerate(zip(outcomes, persons), start=1):
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
def appendix_2016(tmp_path_factory):
    extracts = load_extracts(write_2016_appendix_extracts(tmp_path_factory.mktemp("appendix") / "data"), "cse")
    return extracts


def test_the_2016_outcome_table_is_reproduced_from_records(appendix_2016):
    cse = crime_rules.cse_crimes_in(appendix_2016.crimes, C)
    table = crimes.outcomes_table(cse, REFERENCE, C)
    rows = list(table.data.itertuples(index=False, name=None))
    assert rows[:-1] == OUTCOMES_2016
    assert rows[-1][:2] == ("Grand total", 109)
    published = suppress_table(table, 0).cells
    assert published.to_dict("list")["Crimes"] == [2, 5, 25, 12, 14, 7, 1, 2, 41, 109]
    with_threshold = suppress_table(table, 10).cells.set_index("Outcome")["Crimes"]
    assert with_threshold["NEW"] == 41 and with_threshold["1A CHARGED"] == "c"


def test_the_2016_crime_and_suspect_figures_are_reproduced(appendix_2016):
    found = {f.key: f.value for f in crimes.crimes_figures(appendix_2016.crimes, appendix_2016.crime_suspects,
                                                            REFERENCE, C, CUTOFF)}
    assert found["crimes.child_sexual_offences"] == 531
    assert found["crimes.cse_crimes"] == 109
    assert found["crimes.cse_pct"] == 20.5
    assert (found["crimes.under_investigation"], found["crimes.under_investigation_pct"]) == (41, 37.6)
    assert (found["crimes.finalised"], found["crimes.finalised_pct"]) == (66, 60.6)
    assert (found["crimes.with_suspect"], found["crimes.with_suspect_pct"]) == (75, 68.8)
    assert found["crimes.suspect_links"] == 103
    assert found["crimes.with_multiple_suspects"] == 16
    per_crime = crimes.suspects_per_crime_table(crime_rules.cse_crimes_in(appendix_2016.crimes, C),
                                                appendix_2016.crime_suspects, C).data
    assert dict(zip(per_crime["Persons linked to the crime"], per_crime["Crimes"])) == {
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
        crimes.crimes_figures(odd, SUSPECTS, REFERENCE, C, CUTOFF)


# --- the same period a year earlier -------------------------------------------------------------

def year_on_year(table) -> dict[str, tuple]:
    data = table.data.set_index("Crimes")
    return {label: tuple(None if pd.isna(v) else v for v in data.loc[label]) for label in data.index}


def test_year_on_year_table():
    # This period: K1-K5 recorded, K1-K4 CSE, K1, K2 and K4 with a person linked, K3 and K4 committed before C.
    # A year earlier (1 April 2014 - 31 March 2015): K7 and K8, both CSE, no one linked; K7 committed before
    # 1 April 2014, so non-recent for its own period.
    table = crimes.year_on_year_table(CRIMES, SUSPECTS, C)
    assert list(table.data.columns) == ["Crimes", "This period", "A year earlier", "Change", "% change"]
    assert year_on_year(table) == {
        "Child sexual offences": (5, 2, 3, 150.0),
        "CSE crimes": (4, 2, 2, 100.0),
        "CSE crimes with a suspect": (3, 0, 3, None),  # no % change on none
        "Non-recent CSE crimes": (2, 1, 1, 100.0),
    }
    assert "1 April 2014 to 31 March 2015" in table.note


def test_year_on_year_without_the_suspects_extract_has_no_suspect_row():
    assert list(crimes.year_on_year_table(CRIMES, None, C).data["Crimes"]) == [
        "Child sexual offences", "CSE crimes", "Non-recent CSE crimes"]


def test_a_change_is_hidden_with_a_small_count_it_comes_from():
    # Threshold 3 hides counts of 1 and 2: the year earlier's 2, 2 and 1 and this period's 2 (non-recent). Their
    # changes go with them; the change on CSE crimes with a suspect (3 against 0) is published.
    cells = suppress_table(crimes.year_on_year_table(CRIMES, SUSPECTS, C), 3).cells.set_index("Crimes")
    assert cells["This period"].tolist() == [5, 4, 3, "c"]
    assert cells["A year earlier"].tolist() == ["c", "c", 0, "c"]
    assert cells["Change"].tolist() == ["c", "c", 3, "c"]
    assert cells["% change"].tolist() == ["c", "c", None, "c"]


def test_without_data_a_year_earlier_the_comparison_is_null_with_a_reason():
    recent = CRIMES[CRIMES["recorded_date"] >= "2015-04-01"]  # the extract starts on 1 May 2015 (K1)
    assert crime_rules.previous_period_in_data(recent, C) is None
    table = year_on_year(crimes.year_on_year_table(recent, SUSPECTS, C))
    assert table["CSE crimes"] == (4, None, None, None)
    found = {f.key: f for f in crimes.crimes_figures(recent, SUSPECTS, REFERENCE, C, CUTOFF)}
    reason = "the crime data do not reach back to 1 April 2014, the start of the same period a year earlier"
    for key in ("crimes.previous_cse_crimes", "crimes.cse_crimes_change_pct"):
        assert found[key].value is None and found[key].why_missing == reason
    assert crimes.year_earlier_words(None, reason) == (
        f"The crimes recorded in the period cannot be compared with a year earlier: {reason}.")
    # An extract that reaches back with no crime in the period a year earlier: a real 0.
    older = crime_frame([("K0", "2014-03-31", "2014-03-01", False, 15, "Female", "NEW", None)])
    reaching = pd.concat([older, recent], ignore_index=True)
    assert year_on_year(crimes.year_on_year_table(reaching, SUSPECTS, C))["CSE crimes"] == (4, 0, 4, None)
