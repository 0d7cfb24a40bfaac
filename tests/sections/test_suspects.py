"""Offenders and suspect management measures on hand-made frames whose answers are worked out in the comments,
and the declarations the disclosure engine reads."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from conftest import (
    CRIMES,
    MANAGEMENT,
    REFERENCE,
    SUSPECTS,
    S,
    extracts,
    management_frame,
    publish_year,
    report_params,
    suspect_frame,
)
from helpers.disclosure.declare import SectionPublication
from helpers.disclosure.publication import DISTRICT
from helpers.inputs.scope import ScopeData, year_scopes
from helpers.params import Params
from helpers.sections.crimes import measures as crimes
from helpers.sections.suspects import measures as suspects
from helpers.sections.suspects import words

C = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
BEFORE = (dt.date(2014, 4, 1), dt.date(2015, 3, 31))
# Links on the CSE crimes K1-K4 of the hand-made crimes year in conftest.py (victim ages 14, 15, -, 12):
#   K1: P1 16 Male White - British (listed twice: one link), P2 24 Female Pakistani
#   K2: P3 17 Gypsy/Roma, P4 18 Information Not Yet Obtained, P5 25 Female blank ethnicity, P6 35 Mixed,
#       P7 36 Black, P8 46 White - Eastern European, P9 age unknown, gender blank, Indian
#   K4: P1 again, age unknown
# Ten links, nine persons, eight known ages.


# Links on the CSE crimes of the year before C (1 April 2014 - 31 March 2015), K7 and K8 of conftest.py:
#   K7: P20 20 Female White - British; P21 40 Male, blank ethnicity. K8: P20 again, 21.
# Three links, two persons, two female links, one with no ethnicity; ages 20, 21 (18-24) and 40 (36-45).
EARLIER_SUSPECTS = pd.concat(
    [
        SUSPECTS,
        suspect_frame(
            [
                ("K7", "P20", 20, "Female", "White - British"),
                ("K7", "P21", 40, "Male", None),
                ("K8", "P20", 21, "Female", "White - British"),
            ]
        ),
    ],
    ignore_index=True,
)


def declared(
    crimes_frame=CRIMES, suspects_frame=SUSPECTS, management=MANAGEMENT, **values: object
) -> SectionPublication:
    params = report_params(suspect_period=[S[0].isoformat(), S[1].isoformat()], **values)
    data = extracts(crimes_frame, suspects_frame, management)
    return suspects.publication(ScopeData(params, data, data, REFERENCE, params.period))


def figures_of(section: SectionPublication) -> dict[str, object]:
    return {f.key: f.value for f in section.figures}


def table(section: SectionPublication, name: str) -> pd.DataFrame:
    return next(t for t in section.tables if t.name == name).data


def columns(data: pd.DataFrame, *names: str) -> dict[str, tuple]:
    data = data.set_index(data.columns[0])
    return {label: tuple(None if pd.isna(v) else v for v in data.loc[label, list(names)]) for label in data.index}


@pytest.fixture(scope="module")
def section() -> SectionPublication:
    return declared()


@pytest.fixture(scope="module")
def offenders(section) -> dict[str, object]:
    return figures_of(section)


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


def test_age_bands_table(section):
    data = table(section, "offenders_age_bands").set_index("Age")
    assert list(data.index) == ["Under 18", "18-24", "25-35", "36-45", "46 and over", "Not known", "Total"]
    assert list(data["Offender links"]) == [2, 2, 2, 1, 1, 2, 10]
    assert data.loc["36-45", "% of offender links with a known age"] == 12.5  # 1 of 8
    assert pd.isna(data.loc["Not known", "% of offender links with a known age"])


def test_victim_age_by_offender_age(section):
    data = table(section, "offenders_victim_age_by_offender_age").set_index("Victim age")
    assert list(data.index) == ["12", "13", "14", "15", "Total"]  # every age from the youngest to the oldest
    assert data.loc["15", "25-35"] == 2  # K2: P5 25 and P6 35
    assert data.loc["15", "Not known"] == 1  # K2: P9
    assert data.loc["14", "Under 18"] == 1 and data.loc["14", "18-24"] == 1  # K1: P1 16, P2 24
    assert data.loc["12", "Not known"] == 1  # K4: P1, age unknown
    assert data.loc["13"].sum() == 0
    assert data.loc["Total", "Total"] == 10 and data.loc["15", "Total"] == 7


def test_ethnicity_table_with_the_adult_census_share(section):
    found = next(t for t in section.tables if t.name == "offenders_ethnicity")
    data = found.data.set_index("Ethnic group")
    assert list(data.index) == ["White", "Asian", "Mixed", "Black", "Other", "Not recorded", "Total"]
    assert list(data["Offender links"]) == [3, 2, 1, 1, 1, 2, 10]  # Gypsy/Roma counts as Other
    # 2011 Census, Bradford, 18 and over: White 280,275 of 385,873 = 72.63%.
    assert data.loc["White", "% of adult population (2011 Census)"] == 72.6
    assert pd.isna(data.loc["Not recorded", "% of adult population (2011 Census)"])
    assert "Gypsy or Irish Traveller as White" in found.note


def test_every_offender_key_is_null_with_a_reason_when_an_extract_is_absent():
    without_crimes = declared(None, None)
    without_links = declared(CRIMES, None)
    offender_figures = [f for f in without_crimes.figures if f.key.startswith("offenders.")]
    assert {f.key for f in offender_figures} == set(suspects.OFFENDER_KEYS)
    assert all(f.value is None and "crime extract" in f.why_missing for f in offender_figures)
    assert all(
        f.value is None and "crime_suspects" in f.why_missing
        for f in without_links.figures
        if f.key.startswith("offenders.")
    )
    assert {t.name for t in without_links.tables} == {
        "management_risk_levels",
        "management_age_bands",
        "management_ethnicity",
    }
    assert without_links.facts["suspects_supplied"] is False and without_links.facts["management_supplied"]


def test_management_counts_occurrences_created_in_its_own_period(offenders):
    assert offenders["management.occurrences"] == 4  # M1-M4, both ends of S included
    assert offenders["management.persons"] == 3  # Q1 twice
    assert offenders["management.under_investigation"] == 3
    assert offenders["management.closed"] == 1


def test_management_age_shares_of_known_ages(offenders):
    # Known ages 17, 35, 46 (M3 unknown).
    assert offenders["management.aged_35_or_under_pct"] == 66.7
    assert offenders["management.over_45_pct"] == 33.3
    assert offenders["management.under_18_pct"] == 33.3


def test_management_gender_and_ethnicity_of_all_occurrences(offenders):
    assert offenders["management.female"] == 1
    assert offenders["management.female_pct"] == 25.0
    assert offenders["management.asian_pct"] == 50.0  # Pakistani, Bangladeshi
    assert offenders["management.white_pct"] == 25.0
    assert offenders["management.ethnicity_not_recorded_pct"] == 25.0  # M3 blank


def test_management_tables(section):
    levels = table(section, "management_risk_levels").set_index("Risk level")
    assert list(levels["Occurrences"]) == [1, 1, 1, 0, 1, 4]  # High, Medium, Low, Unsubstantiated, Not recorded
    assert list(table(section, "management_age_bands").set_index("Age")["Occurrences"]) == [1, 0, 1, 0, 1, 1, 4]
    assert table(section, "management_ethnicity").set_index("Ethnic group").loc["Asian", "% of occurrences"] == 50.0


def test_the_2016_management_figures_are_reproduced():
    # 135 occurrences from 1 July 2015 to 30 June 2016: 126 under investigation, 9 closed; 11 for women (8.1%).
    rows = [
        (
            f"M{n}",
            f"Q{n}",
            "2015-07-01",
            "Under investigation" if n < 126 else "Closed",
            "High",
            30,
            "Female" if n < 11 else "Male",
            "White - British",
        )
        for n in range(135)
    ]
    found = figures_of(declared(management=management_frame(rows)))
    assert (found["management.occurrences"], found["management.under_investigation"]) == (135, 126)
    assert (found["management.female"], found["management.female_pct"]) == (11, 8.1)


def test_without_management_its_keys_are_null():
    found = [f for f in declared(management=None).figures if f.key.startswith("management.")]
    assert {f.key for f in found} == set(suspects.MANAGEMENT_KEYS)
    assert all(f.value is None and "suspect_management" in f.why_missing for f in found)


def test_every_figure_has_a_definition(offenders):
    assert set(offenders) == set(suspects.DEFINITIONS)


# --- what the engine is told --------------------------------------------------------------------


def test_offender_links_are_the_crimes_sections_links(section):
    crimes_section = crimes.publication(
        ScopeData(report_params(), extracts(CRIMES, SUSPECTS), extracts(CRIMES, SUSPECTS), REFERENCE, C)
    )
    links = next(f for f in crimes_section.figures if f.key == "crimes.suspect_links")
    assert (
        next(f for f in section.figures if f.key == "offenders.links").quantity
        == links.quantity
        == ("suspect_links@2015-04-01~2016-03-31")
    )


def test_an_age_band_is_one_count_in_every_table(section):
    by_name = {t.name: t for t in section.tables}
    band = "offender_links@2015-04-01~2016-03-31|age 25-35"
    assert by_name["offenders_age_bands"].quantity(2, "Offender links") == band
    assert by_name["offenders_age_year_on_year"].quantity(2, "This period") == band
    victim = by_name["offenders_victim_age_by_offender_age"]
    assert victim.quantity(victim.row_position("Total"), "25-35") == band


def test_the_age_shares_are_bands_over_the_known_ages(section):
    under_36 = next(f for f in section.figures if f.key == "offenders.under_36_pct").spec
    name = "offender_links@2015-04-01~2016-03-31|{}".format
    assert under_36.numerator == {name("age Under 18"): 1.0, name("age 18-24"): 1.0, name("age 25-35"): 1.0}
    assert under_36.denominator == {name("known age"): 1.0}
    known = next(r for r in section.relations if r.name == "known ages: the bands" and name("known age") in r.terms)
    assert set(known.terms) == {name("known age"), *(name(f"age {b}") for b in suspects.AGE_BAND_LABELS)}


def test_suspect_management_is_the_same_count_in_every_report():
    params = report_params(suspect_period=[S[0].isoformat(), S[1].isoformat()])
    data = extracts(CRIMES, SUSPECTS, MANAGEMENT)
    for scope in year_scopes(params, data, REFERENCE, C):
        found = suspects.publication(scope)
        occurrences = next(f for f in found.figures if f.key == "management.occurrences")
        assert (occurrences.value, occurrences.quantity) == (4, "~management@2015-07-01~2016-06-30|occurrences")
    status = next(r for r in found.relations if r.name == "occurrences: their statuses")
    assert status.terms == {
        "~management@2015-07-01~2016-06-30|occurrences": -1.0,
        "~management@2015-07-01~2016-06-30|under investigation": 1.0,
        "~management@2015-07-01~2016-06-30|closed": 1.0,
    }


def test_small_counts_are_suppressed_with_their_shares():
    published = publish_year(
        extracts(CRIMES, SUSPECTS, MANAGEMENT),
        (suspects,),
        areas=False,
        suspect_period=[S[0].isoformat(), S[1].isoformat()],
    )[0][DISTRICT]
    assert published.figures["offenders.female"] == "c" and published.figures["offenders.female_pct"] == "c"
    assert published.figures["offenders.under_18_pct"] == "c"  # 2 of 8
    ethnicity = published.tables["offenders_ethnicity"].cells.set_index("Ethnic group")
    assert ethnicity.loc["White", "Offender links"] == "c"
    assert ethnicity.loc["White", "% of adult population (2011 Census)"] == 72.6  # a census share is not a count


# --- the same period a year earlier -------------------------------------------------------------


def test_offenders_compared_with_a_year_earlier():
    found = declared(CRIMES, EARLIER_SUSPECTS)
    assert columns(
        table(found, "offenders_year_on_year"), "This period", "% this period", "A year earlier", "% a year earlier"
    ) == {
        "Offender links": (10, None, 3, None),
        "Persons": (9, None, 2, None),
        "Female": (2, 20.0, 2, 66.7),  # P2, P5 of ten; P20 twice of three
        "Ethnicity not recorded": (2, 20.0, 1, 33.3),  # P4, P5; P21
    }
    figures = figures_of(found)
    assert (figures["offenders.previous_links"], figures["offenders.previous_persons"]) == (3, 2)
    assert figures["offenders.previous_under_25_pct"] == 66.7  # 20 and 21 of three known ages
    assert figures["offenders.previous_under_18_pct"] == 0.0
    assert figures["offenders.under_25_pct"] == 50.0  # this period unchanged


def test_a_year_earlier_the_other_ethnic_groups_are_what_the_shares_leave():
    # A year earlier: White (P20 twice), Asian none, Not recorded P21; the other groups none.
    found = declared(CRIMES, EARLIER_SUSPECTS)
    earlier = "offender_links@2014-04-01~2015-03-31|{}".format
    assert {q.name: q.value for q in found.quantities if q.name.startswith(earlier("ethnicity"))} == {
        earlier("ethnicity White"): 2,
        earlier("ethnicity Asian"): 0,
        earlier("ethnicity Mixed and Black and Other"): 0,
    }
    relation = next(r for r in found.relations if r.name == "links: their ethnic groups")
    assert relation.terms["suspect_links@2014-04-01~2015-03-31"] == -1.0 and len(relation.terms) == 5


def test_age_bands_compared_with_a_year_earlier_with_cumulative_shares():
    assert columns(
        table(declared(CRIMES, EARLIER_SUSPECTS), "offenders_age_year_on_year"),
        "This period",
        "Cumulative % this period",
        "A year earlier",
        "Cumulative % a year earlier",
    ) == {
        # This period: 16, 17 | 24, 18 | 25, 35 | 36 | 46, and two unknown; eight known ages.
        "Under 18": (2, 25.0, 0, 0.0),
        "18-24": (2, 50.0, 2, 66.7),  # the share under 25
        "25-35": (2, 75.0, 0, 66.7),  # the share under 36
        "36-45": (1, 87.5, 1, 100.0),
        "46 and over": (1, 100.0, 0, 100.0),
        "Not known": (2, None, 0, None),
        "Total": (10, None, 3, None),
    }


def test_a_share_that_would_give_away_a_hidden_band_is_hidden():
    # Threshold 2 hides counts of 1; the protection range is 1. A year earlier 36-45 (1) is hidden. The total (3)
    # less 18-24 (2) would give it away, so 18-24 goes too: the two share 3, each 1 or 2. The shares under 25 and
    # under 36 (66.7% of the 3 known ages) would give 18-24 = 2, so they go, in the table and as figures; under
    # 18 (0%) and the last cumulative 100% tell nothing and stay.
    published, decision, _ = publish_year(extracts(CRIMES, EARLIER_SUSPECTS), (suspects,), threshold=2, areas=False)
    cells = published[DISTRICT].tables["offenders_age_year_on_year"].cells.set_index("Age")
    assert cells["A year earlier"].tolist() == [0, "c", 0, "c", 0, 0, 3]
    assert cells["Cumulative % a year earlier"].tolist()[:5] == [0.0, "c", "c", 100.0, 100.0]
    figures = published[DISTRICT].figures
    assert figures["offenders.previous_under_25_pct"] == figures["offenders.previous_under_36_pct"] == "c"
    assert figures["offenders.previous_under_18_pct"] == 0.0
    # The one link with no ethnicity a year earlier (P21) is all the 3 leave once White (2, by its 66.7%) and Asian
    # (0%) are published: the share of White goes.
    assert figures["offenders.previous_white_pct"] == "c" and figures["offenders.previous_asian_pct"] == 0.0
    assert not decision.failures()


def test_without_data_a_year_earlier_the_comparison_is_null_with_a_reason():
    recent = CRIMES[CRIMES["recorded_date"] >= "2015-04-01"]  # the extract starts in May 2015 (K1)
    found = declared(recent, EARLIER_SUSPECTS)
    data = table(found, "offenders_year_on_year")
    assert data["A year earlier"].isna().all() and data["% a year earlier"].isna().all()
    assert data["This period"].tolist() == [10, 9, 2, 2]
    assert table(found, "offenders_age_year_on_year")["A year earlier"].isna().all()
    reason = "the crime data start on 1 May 2015, after 1 April 2014, the start of the same period a year earlier"
    for key in suspects.PREVIOUS_DEFINITIONS:
        figure = next(f for f in found.figures if f.key == key)
        assert figure.value is None and figure.why_missing == reason
    o = SimpleNamespace(**{f.key.split(".", 1)[1]: f.value for f in found.figures if f.key.startswith("offenders.")})
    params = report_params()
    assert words.year_earlier_words(o, None, reason, params) == (
        f"Offenders cannot be compared with a year earlier: {reason}."
    )
    assert words.year_earlier_age_words(o, None) == ""


# --- words ------------------------------------------------------------------------------------------

FIGURES_2016 = {
    "offenders.under_36_pct": 78.0,
    "offenders.under_25_pct": 59.6,
    "offenders.white_pct": 45.2,
    "offenders.asian_pct": 31.0,
    "offenders.ethnicity_not_recorded_pct": 19.8,
    "management.occurrences": 135,
    "management.aged_35_or_under_pct": 79.5,
}


def test_headlines_in_the_voice_of_the_appendix():
    params = Params.from_mapping({"reporting_year": "2015-16", "suspect_period": ["2015-07-01", "2016-06-30"]})
    assert words.headlines(FIGURES_2016, params) == [
        "78% of identified offenders linked to CSE crimes were under the age of 36 while 60% were under the age of 25.",
        "45% of offenders linked to CSE crimes were recorded as White and 31% as Asian; the ethnicity of 20% was "
        "not recorded.",
        "Between 1 July 2015 and 30 June 2016 there were 135 CSE suspect management occurrences; 80% concerned "
        "suspects aged 35 or younger.",
    ]


def test_an_area_pack_names_its_area_in_the_headlines():
    params = Params.from_mapping({"reporting_year": "2015-16", "area": "Keighley"})
    found = words.headlines(FIGURES_2016, params)
    assert found[0].startswith("78% of identified offenders linked to CSE crimes in the Keighley area were ")
    assert found[1].startswith("45% of offenders linked to CSE crimes in the Keighley area were recorded ")


def test_headlines_leave_out_suppressed_shares():
    params = Params.from_mapping({"reporting_year": "2015-16"})
    found = words.headlines({**FIGURES_2016, "offenders.asian_pct": "c", "management.occurrences": None}, params)
    assert found == [words.headlines(FIGURES_2016, params)[0]]


def test_ethnicity_title_from_the_two_largest_published_groups():
    cells = pd.DataFrame(
        {
            "Ethnic group": ["White", "Asian", "Mixed", "Not recorded", "Total"],
            "Offender links": [37, 34, "c", 15, 91],
            "% of offender links": [40.7, 37.4, "c", 16.5, 100.0],
            "% of adult population (2011 Census)": [72.6, 22.5, 1.6, None, 100.0],
        }
    )
    assert words.ethnicity_finding(cells, "Offender links", "offenders") == (
        "41% of offenders were recorded as White and 37% as Asian"
    )


def test_pairing_title_by_the_shared_rule_for_the_largest(section):
    cells = table(section, "offenders_victim_age_by_offender_age").astype(object)
    # Every cell is 0 or 1 except victim 15 with offenders aged 25-35 (P5 and P6).
    assert words.pairing_finding(cells) == "The most frequent pairing was a victim aged 15 with an offender aged 25-35"
    hidden = cells.copy()
    hidden.loc[hidden["Victim age"] != "Total", ["Under 18", "18-24", "36-45", "46 and over"]] = "c"
    hidden.loc[hidden["Victim age"] != "15", "25-35"] = "c"
    # A hidden cell may be as large as the 2 shown: no title names a pairing.
    assert words.pairing_finding(hidden) == "Age of offenders by the age of the victim"


def test_year_earlier_sentences_from_published_figures():
    params = Params.from_mapping({"reporting_year": "2016-17", "area": "Bradford South"})
    before = (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
    o = SimpleNamespace(previous_links=91, previous_persons=90, under_25_pct=65.3, previous_under_25_pct=58.9)
    assert words.year_earlier_words(o, before, "", params) == (
        "In the same period a year earlier (1 April 2015 to 31 March 2016) the police recorded 91 links to CSE "
        "crimes in the Bradford South area, concerning 90 different persons."
    )
    assert words.year_earlier_age_words(o, before) == (
        "65% of offenders were under 25, compared with 59% in the same period a year earlier (1 April 2015 to "
        "31 March 2016)."
    )
    none = SimpleNamespace(previous_links=0, previous_persons=0, under_25_pct=65.3, previous_under_25_pct=None)
    assert words.year_earlier_words(none, before, "", params) == (
        "No person was linked to a CSE crime recorded in the same period a year earlier (1 April 2015 to 31 March "
        "2016) in the Bradford South area."
    )
    assert words.year_earlier_age_words(none, before) == ""
    hidden = SimpleNamespace(previous_links="c", previous_persons="c")
    assert words.year_earlier_words(hidden, before, "", params) == (
        "In the same period a year earlier (1 April 2015 to 31 March 2016) the police recorded a suppressed number "
        "of links to CSE crimes in the Bradford South area, concerning a suppressed number of different persons."
    )


def test_age_sentence_names_a_share_hidden_to_protect_a_band():
    o = SimpleNamespace(under_36_pct=83.9, under_25_pct=65.3, under_18_pct=20.7)
    assert words.offender_age_words(o) == (
        "In terms of age, 84% of offenders were under the age of 36 and 65% were under the age of 25. Of the "
        "offenders, 21% were under the age of 18 and were therefore children themselves."
    )
    # A share hidden to protect a band it adds up is called suppressed, never "fewer than 10".
    hidden = SimpleNamespace(under_36_pct="c", under_25_pct=60.7, under_18_pct="c")
    assert words.offender_age_words(hidden) == (
        "In terms of age, 61% of offenders were under the age of 25 (the share under 36 is suppressed). The share "
        "of offenders under the age of 18 is suppressed."
    )
    compared = SimpleNamespace(under_25_pct=60.7, previous_under_25_pct="c")
    assert words.year_earlier_age_words(compared, BEFORE) == (
        "The share of offenders under 25 a year earlier is suppressed, so the two periods cannot be compared."
    )
