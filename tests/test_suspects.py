"""Offenders and suspect management measures on hand-made frames whose answers are worked out in the comments."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.disclosure import publish_figures, suppress_table
from helpers.inputs.reference import load_reference
from helpers.params import Params
from helpers.sections.suspects import measures as suspects
from test_crimes import CRIMES, SUSPECTS, suspect_frame

C = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
S = (dt.date(2015, 7, 1), dt.date(2016, 6, 30))
REFERENCE = load_reference()
# Links on the CSE crimes K1-K4 of test_crimes (victim ages 14, 15, -, 12):
#   K1: P1 16 Male White - British (listed twice: one link), P2 24 Female Pakistani
#   K2: P3 17 Gypsy/Roma, P4 18 Information Not Yet Obtained, P5 25 Female blank ethnicity, P6 35 Mixed,
#       P7 36 Black, P8 46 White - Eastern European, P9 age unknown, gender blank, Indian
#   K4: P1 again, age unknown
# Ten links, nine persons, eight known ages.


def management_frame(rows: list[tuple]) -> pd.DataFrame:
    columns = ["occurrence_id", "person_id", "created_date", "status", "risk_level", "age", "gender", "ethnicity"]
    data = pd.DataFrame(rows, columns=columns)
    data["created_date"] = pd.to_datetime(data["created_date"])
    for column in ("occurrence_id", "person_id", "status", "risk_level", "gender", "ethnicity"):
        data[column] = data[column].astype("string")
    data["age"] = data["age"].astype("Int64")
    return data


MANAGEMENT = management_frame([
    ("M1", "Q1", "2015-07-01", "Under investigation", "High", 17, "Female", "Asian/British Asian - Pakistani"),
    ("M2", "Q2", "2016-06-30", "Closed", None, 35, "Male", "White - British"),
    ("M3", "Q1", "2015-12-01", "Under investigation", "Low", None, "Male", None),  # age unknown; Q1 again
    ("M4", "Q3", "2016-01-01", "Under investigation", "Medium", 46, "Male", "Asian/British Asian - Bangladeshi"),
    ("M5", "Q4", "2015-06-30", "Under investigation", "High", 20, "Male", "White - British"),  # before S
    ("M6", "Q5", "2016-07-01", "Closed", "High", 20, "Female", "White - British"),  # after S
])


@pytest.fixture(scope="module")
def offenders() -> dict[str, object]:
    return {f.key: f.value for f in suspects.offender_figures(CRIMES, SUSPECTS, REFERENCE, C, 0)}


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return suspects.offender_links(CRIMES, SUSPECTS, C)


def test_offenders_are_links_and_persons(offenders):
    assert offenders["offenders.links"] == 10
    assert offenders["offenders.persons"] == 9  # P1 on two crimes


def test_age_shares_leave_out_unknown_ages(offenders):
    # Known ages: 16, 24, 17, 18, 25, 35, 36, 46 (eight); unknown: P9 and P1 on K4.
    assert offenders["offenders.under_18_pct"] == 25.0  # 16, 17
    assert offenders["offenders.under_25_pct"] == 50.0  # and 24, 18
    assert offenders["offenders.under_36_pct"] == 75.0  # and 25, 35 (36 is not under 36)


def test_gender_and_ethnicity_shares_are_of_all_links(offenders):
    assert offenders["offenders.female"] == 2  # P2, P5; P9's blank gender stays in the denominator
    assert offenders["offenders.female_pct"] == 20.0
    assert offenders["offenders.white_pct"] == 30.0  # P1 twice, P8
    assert offenders["offenders.asian_pct"] == 20.0  # P2, P9
    assert offenders["offenders.ethnicity_not_recorded_pct"] == 20.0  # P4 not yet obtained, P5 blank


def test_age_bands_table(links):
    table = suspects.offenders_age_bands(links, C).data.set_index("Age")
    assert list(table.index) == ["Under 18", "18-24", "25-35", "36-45", "46 and over", "Not known", "Total"]
    assert list(table["Offender links"]) == [2, 2, 2, 1, 1, 2, 10]
    assert table.loc["36-45", "% of offender links with a known age"] == 12.5  # 1 of 8
    assert pd.isna(table.loc["Not known", "% of offender links with a known age"])


def test_victim_age_by_offender_age(links):
    table = suspects.victim_age_by_offender_age(links, C).data.set_index("Victim age")
    assert list(table.index) == ["12", "13", "14", "15", "Total"]  # every age from the youngest to the oldest
    assert table.loc["15", "25-35"] == 2  # K2: P5 25 and P6 35
    assert table.loc["15", "Not known"] == 1  # K2: P9
    assert table.loc["14", "Under 18"] == 1 and table.loc["14", "18-24"] == 1  # K1: P1 16, P2 24
    assert table.loc["12", "Not known"] == 1  # K4: P1, age unknown
    assert table.loc["13"].sum() == 0
    assert table.loc["Total", "Total"] == 10 and table.loc["15", "Total"] == 7


def test_ethnicity_table_with_the_adult_census_share(links):
    table = suspects.offenders_ethnicity(links, REFERENCE, C)
    data = table.data.set_index("Ethnic group")
    assert list(data.index) == ["White", "Asian", "Mixed", "Black", "Other", "Not recorded", "Total"]
    assert list(data["Offender links"]) == [3, 2, 1, 1, 1, 2, 10]  # Gypsy/Roma counts as Other
    # 2011 Census, Bradford, 18 and over: White 280,275 of 385,873 = 72.63%.
    assert data.loc["White", "% of adult population (2011 Census)"] == 72.6
    assert pd.isna(data.loc["Not recorded", "% of adult population (2011 Census)"])
    assert "Gypsy or Irish Traveller as White" in table.note


def test_every_offender_key_is_null_with_a_reason_when_an_extract_is_absent():
    without_crimes = suspects.offender_figures(None, None, REFERENCE, C, 10)
    without_links = suspects.offender_figures(CRIMES, None, REFERENCE, C, 10)
    assert {f.key for f in without_crimes} == set(suspects.OFFENDER_KEYS)
    assert all(f.value is None and "crime extract" in f.why_missing for f in without_crimes)
    assert all(f.value is None and "crime_suspects" in f.why_missing for f in without_links)
    assert suspects.offender_links(CRIMES, None, C) is None


@pytest.fixture(scope="module")
def management() -> dict[str, object]:
    return {f.key: f.value for f in suspects.management_figures(MANAGEMENT, REFERENCE, S)}


def test_management_counts_occurrences_created_in_its_own_period(management):
    assert management["management.occurrences"] == 4  # M1-M4, both ends of S included
    assert management["management.persons"] == 3  # Q1 twice
    assert management["management.under_investigation"] == 3
    assert management["management.closed"] == 1


def test_management_age_shares_of_known_ages(management):
    # Known ages 17, 35, 46 (M3 unknown).
    assert management["management.aged_35_or_under_pct"] == 66.7
    assert management["management.over_45_pct"] == 33.3
    assert management["management.under_18_pct"] == 33.3


def test_management_gender_and_ethnicity_of_all_occurrences(management):
    assert management["management.female"] == 1
    assert management["management.female_pct"] == 25.0
    assert management["management.asian_pct"] == 50.0  # Pakistani, Bangladeshi
    assert management["management.white_pct"] == 25.0
    assert management["management.ethnicity_not_recorded_pct"] == 25.0  # M3 blank


def test_management_tables():
    occurrences = suspects.occurrences_in(MANAGEMENT, S)
    levels = suspects.management_risk_levels(occurrences, S).data.set_index("Risk level")
    assert list(levels["Occurrences"]) == [1, 1, 1, 0, 1, 4]  # High, Medium, Low, Unsubstantiated, Not recorded
    ages = suspects.management_age_bands(occurrences, S).data.set_index("Age")
    assert list(ages["Occurrences"]) == [1, 0, 1, 0, 1, 1, 4]
    groups = suspects.management_ethnicity(occurrences, REFERENCE, S).data.set_index("Ethnic group")
    assert groups.loc["Asian", "% of occurrences"] == 50.0


def test_without_management_its_keys_are_null():
    found = suspects.management_figures(None, REFERENCE, S)
    assert {f.key for f in found} == set(suspects.MANAGEMENT_KEYS)
    assert all(f.value is None and "suspect_management" in f.why_missing for f in found)


def test_every_figure_has_a_definition():
    keys = {f.key for f in suspects.offender_figures(CRIMES, SUSPECTS, REFERENCE, C, 0)}
    keys |= {f.key for f in suspects.management_figures(MANAGEMENT, REFERENCE, S)}
    assert keys == set(suspects.DEFINITIONS)


def test_suppression_hides_small_counts_and_their_shares(links):
    published = publish_figures(suspects.offender_figures(CRIMES, SUSPECTS, REFERENCE, C, 10), 10)
    assert published["offenders.links"] == 10  # 10 is not below the threshold
    assert published["offenders.female"] == "c" and published["offenders.female_pct"] == "c"
    assert published["offenders.under_18_pct"] == "c"  # 2 of 8
    table = suppress_table(suspects.offenders_ethnicity(links, REFERENCE, C), 10).cells.set_index("Ethnic group")
    assert table.loc["White", "Offender links"] == "c"
    assert table.loc["White", "% of adult population (2011 Census)"] == 72.6  # a census share is not suppressed


FIGURES_2016 = {"offenders.under_36_pct": 78.0, "offenders.under_25_pct": 59.6, "offenders.white_pct": 45.2,
                "offenders.asian_pct": 31.0, "offenders.ethnicity_not_recorded_pct": 19.8,
                "management.occurrences": 135, "management.aged_35_or_under_pct": 79.5}


def test_headlines_in_the_voice_of_the_appendix():
    params = Params.from_mapping({"reporting_year": "2015-16", "suspect_period": ["2015-07-01", "2016-06-30"]})
    assert suspects.headlines(FIGURES_2016, params) == [
        "78% of identified offenders linked to CSE crimes were under the age of 36 while 60% were under the age "
        "of 25.",
        "45% of offenders linked to CSE crimes were recorded as White and 31% as Asian; the ethnicity of 20% was "
        "not recorded.",
        "Between 1 July 2015 and 30 June 2016 there were 135 CSE suspect management occurrences; 80% concerned "
        "suspects aged 35 or younger.",
    ]


def test_headlines_leave_out_suppressed_shares():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    found = suspects.headlines({**FIGURES_2016, "offenders.asian_pct": "c", "management.occurrences": None}, params)
    assert found == [suspects.headlines(FIGURES_2016, params)[0]]


def test_ethnicity_title_from_the_two_largest_published_groups():
    cells = pd.DataFrame({"Ethnic group": ["White", "Asian", "Mixed", "Not recorded", "Total"],
                          "Offender links": [37, 34, "c", 15, 91],
                          "% of offender links": [40.7, 37.4, "c", 16.5, 100.0],
                          "% of adult population (2011 Census)": [72.6, 22.5, 1.6, None, 100.0]})
    assert suspects.ethnicity_finding(cells, "Offender links", "offenders") == (
        "41% of offenders were recorded as White and 37% as Asian")
    assert suspects.population_share(cells, "Asian") == 22.5


def test_pairing_title_only_when_nothing_is_hidden(links):
    table = suppress_table(suspects.victim_age_by_offender_age(links, C), 0).cells
    # Every cell is 0 or 1 except victim 15 with offenders aged 25-35 (P5 and P6).
    assert suspects.pairing_finding(table) == (
        "The most frequent pairing was a victim aged 15 with an offender aged 25-35")
    hidden = suppress_table(suspects.victim_age_by_offender_age(links, C), 10).cells
    assert suspects.pairing_finding(hidden) == "Age of offenders by the age of the victim"


# --- the same period a year earlier -------------------------------------------------------------

# Links on the CSE crimes of the year before C (1 April 2014 - 31 March 2015), K7 and K8 of test_crimes:
#   K7: P20 20 Female White - British; P21 40 Male, blank ethnicity. K8: P20 again, 21.
# Three links, two persons, two female links, one with no ethnicity; ages 20, 21 (18-24) and 40 (36-45).
EARLIER_SUSPECTS = pd.concat([SUSPECTS, suspect_frame([
    ("K7", "P20", 20, "Female", "White - British"),
    ("K7", "P21", 40, "Male", None),
    ("K8", "P20", 21, "Female", "White - British"),
])], ignore_index=True)


def columns(table, *names: str) -> dict[str, tuple]:
    data = table.data.set_index(table.data.columns[0])
    return {label: tuple(None if pd.isna(v) else v for v in data.loc[label, list(names)]) for label in data.index}


def test_offenders_compared_with_a_year_earlier():
    table = suspects.offenders_year_on_year(CRIMES, EARLIER_SUSPECTS, REFERENCE, C)
    assert columns(table, "This period", "% this period", "A year earlier", "% a year earlier") == {
        "Offender links": (10, None, 3, None),
        "Persons": (9, None, 2, None),
        "Female": (2, 20.0, 2, 66.7),  # P2, P5 of ten; P20 twice of three
        "Ethnicity not recorded": (2, 20.0, 1, 33.3),  # P4, P5; P21
    }
    found = {f.key: f.value for f in suspects.offender_figures(CRIMES, EARLIER_SUSPECTS, REFERENCE, C, 0)}
    assert (found["offenders.previous_links"], found["offenders.previous_persons"]) == (3, 2)
    assert found["offenders.previous_under_25_pct"] == 66.7  # 20 and 21 of three known ages
    assert found["offenders.previous_under_18_pct"] == 0.0
    assert found["offenders.under_25_pct"] == 50.0  # this period unchanged


def test_age_bands_compared_with_a_year_earlier_with_cumulative_shares():
    table = suspects.offenders_age_year_on_year(CRIMES, EARLIER_SUSPECTS, C)
    assert columns(table, "This period", "Cumulative % this period", "A year earlier",
                   "Cumulative % a year earlier") == {
        # This period: 16, 17 | 24, 18 | 25, 35 | 36 | 46, and two unknown; eight known ages.
        "Under 18": (2, 25.0, 0, 0.0),
        "18-24": (2, 50.0, 2, 66.7),  # the share under 25
        "25-35": (2, 75.0, 0, 66.7),  # the share under 36
        "36-45": (1, 87.5, 1, 100.0),
        "46 and over": (1, 100.0, 0, 100.0),
        "Not known": (2, None, 0, None),
        "Total": (10, None, 3, None),
    }


def test_a_band_hidden_in_the_age_table_hides_every_share_that_adds_it_up():
    # Threshold 2 hides counts of 1. A year earlier: 36-45 (1) is hidden, then 18-24 (2), the next smallest,
    # as 1 = 3 - 2 could otherwise be worked out. The shares under 25 and under 36 (66.7) add up 18-24, so both
    # are hidden, in the table and as figures, though their counts (2 of 3) are not small: published together
    # with a share under 18 they would give the band away.
    table = suppress_table(suspects.offenders_age_year_on_year(CRIMES, EARLIER_SUSPECTS, C), 2).cells.set_index("Age")
    assert table["A year earlier"].tolist() == [0, "c", 0, "c", 0, 0, 3]
    assert table["Cumulative % a year earlier"].tolist()[:5] == [0.0, "c", "c", "c", "c"]
    # This period: 36-45 and 46 and over (1 each) are hidden; the shares up to under 36 are not.
    assert table["Cumulative % this period"].tolist()[:5] == [25.0, 50.0, 75.0, "c", "c"]
    published = publish_figures(suspects.offender_figures(CRIMES, EARLIER_SUSPECTS, REFERENCE, C, 2), 2)
    assert published["offenders.previous_under_18_pct"] == 0.0
    assert published["offenders.previous_under_25_pct"] == "c" and published["offenders.previous_under_36_pct"] == "c"
    assert published["offenders.under_36_pct"] == 75.0


def test_without_data_a_year_earlier_the_comparison_is_null_with_a_reason():
    recent = CRIMES[CRIMES["recorded_date"] >= "2015-04-01"]  # the extract starts on 1 May 2015 (K1)
    table = suspects.offenders_year_on_year(recent, EARLIER_SUSPECTS, REFERENCE, C)
    assert table.data["A year earlier"].isna().all() and table.data["% a year earlier"].isna().all()
    assert table.data["This period"].tolist() == [10, 9, 2, 2]
    assert suspects.offenders_age_year_on_year(recent, EARLIER_SUSPECTS, C).data["A year earlier"].isna().all()
    found = {f.key: f for f in suspects.offender_figures(recent, EARLIER_SUSPECTS, REFERENCE, C, 10)}
    reason = "the crime data do not reach back to 1 April 2014, the start of the same period a year earlier"
    for key in suspects.PREVIOUS_DEFINITIONS:
        assert found[key].value is None and found[key].why_missing == reason
    o = SimpleNamespace(**{k.split(".", 1)[1]: f.value for k, f in found.items()})
    assert suspects.year_earlier_words(o, reason, 10) == f"Offenders cannot be compared with a year earlier: {reason}."
    assert suspects.year_earlier_age_words(o, 10) == ""


def test_year_earlier_sentences_from_published_figures():
    o = SimpleNamespace(previous_links=91, previous_persons=90, under_25_pct=65.3, previous_under_25_pct=58.9)
    assert suspects.year_earlier_words(o, "", 10) == (
        "In the same period a year earlier there were 91 links to CSE crimes, concerning 90 different persons.")
    assert suspects.year_earlier_age_words(o, 10) == (
        "65% of offenders were under 25, compared with 59% in the same period a year earlier.")
    none = SimpleNamespace(previous_links=0, previous_persons=0, under_25_pct=65.3, previous_under_25_pct=None)
    assert suspects.year_earlier_words(none, "", 10) == (
        "No person was linked to a CSE crime recorded in the same period a year earlier.")
    assert suspects.year_earlier_age_words(none, 10) == ""


def test_age_sentence_names_a_share_hidden_to_protect_a_band():
    o = SimpleNamespace(under_36_pct=83.9, under_25_pct=65.3, under_18_pct=20.7)
    assert suspects.offender_age_words(o, 10) == (
        "In terms of age, 84% of offenders were under the age of 36 and 65% were under the age of 25. Of the "
        "offenders, 21% were under the age of 18 and were therefore children themselves.")
    # 2014/15 of the synthetic data: 45 of 61 known ages are under 36, but the share is hidden with the 25-35 band
    # (8), so it must not read "fewer than 10".
    hidden = SimpleNamespace(under_36_pct="c", under_25_pct=60.7, under_18_pct="c")
    assert suspects.offender_age_words(hidden, 10) == (
        "In terms of age, 61% of offenders were under the age of 25 (the share under 36 is suppressed). The share "
        "of offenders under the age of 18 is suppressed.")
    compared = SimpleNamespace(under_25_pct=60.7, previous_under_25_pct="c")
    assert suspects.year_earlier_age_words(compared, 10) == (
        "The share of offenders under 25 a year earlier is suppressed, so the two periods cannot be compared.")
