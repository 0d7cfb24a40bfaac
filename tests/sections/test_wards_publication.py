"""The wards section of a hand-made year, published by the disclosure engine for the district and every area:
the tables' values worked out by hand, the layout of the monthly tables, and the attacks the old section
allowed (the Baildon attack: a ward's average and its zero months pinned its hidden months).

The year: calendar 2020 on the ce scale. Every child is at risk for one month: an episode opens on the first
of the month, is assessed that day and closes on the first of the next, so it is open on one month end only.

- Bradford South: Great Horton 12 girls a month (Emerging, White, aged 14); Tong 10 girls and 5 boys a month
  (Moderate, White, aged 14) in `isolated_year`, 15 girls a month in the others.
- Shipley: Bingley 12 girls a month and Baildon 0, 0, 0, 0, 1, 1, 2, 2, 2, 0, 0, 0 girls (8 child-months, an
  average of 0.67 a month), all Emerging, White and aged 14; in `isolated_year`, Baildon's girls are at the
  Significant level, Asian and aged 16 instead, so that Shipley's months by those categories are Baildon's own.
- No child in Bradford East, Bradford West or Keighley.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from attacker import Cell, Knowledge, narrowest, ranges
from conftest import EPISODE_COLUMNS
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.inputs.reference import load_reference
from helpers.inputs.schema import Extracts
from helpers.inputs.scope import ScopeData
from helpers.params import Params
from helpers.sections.wards import measures as wards

REFERENCE = load_reference()
MONTHS = tuple(f"2020-{m:02d}" for m in range(1, 13))
THRESHOLD, PROTECTION = 10, 5
GREAT_HORTON, TONG, BINGLEY, BAILDON = "E05001351", "E05001365", "E05001342", "E05001341"
BAILDON_MONTHS = (0, 0, 0, 0, 1, 1, 2, 2, 2, 0, 0, 0)
WHITE_GIRLS = ("Female", "White - British", "2006-01-01")
GROUPS = [  # ward, children a month, level, gender, ethnicity, date of birth
    (GREAT_HORTON, [12] * 12, "Emerging", *WHITE_GIRLS),
    (TONG, [15] * 12, "Moderate", *WHITE_GIRLS),
    (BINGLEY, [12] * 12, "Emerging", *WHITE_GIRLS),
    (BAILDON, list(BAILDON_MONTHS), "Emerging", *WHITE_GIRLS),
]
ISOLATED = [  # Baildon's girls alone at their level, in their ethnic group and age band; Tong's 5 boys alone
    (GREAT_HORTON, [12] * 12, "Emerging", *WHITE_GIRLS),
    (TONG, [10] * 12, "Moderate", *WHITE_GIRLS),
    (TONG, [5] * 12, "Moderate", "Male", "White - British", "2006-01-01"),
    (BINGLEY, [12] * 12, "Emerging", *WHITE_GIRLS),
    (BAILDON, list(BAILDON_MONTHS), "Significant", "Female", "Asian/British Asian - Pakistani", "2004-01-01"),
]


def hand_made_year(groups: list[tuple] = GROUPS) -> Extracts:
    episodes, assessments = [], []
    for ward, per_month, level, gender, ethnicity, born in groups:
        for month, children in zip(MONTHS, per_month, strict=True):
            start = pd.Timestamp(f"{month}-01")
            for _ in range(children):
                number = len(episodes)
                episodes.append(
                    (
                        f"E{number}",
                        f"C{number}",
                        start,
                        start + pd.offsets.MonthBegin(1),
                        pd.Timestamp(born),
                        gender,
                        ethnicity,
                        ward,
                        "CSE",
                    )
                )
                assessments.append((f"E{number}", start, level))
    episodes = pd.DataFrame(
        episodes,
        columns=EPISODE_COLUMNS,
    )
    assessments = pd.DataFrame(assessments, columns=["episode_id", "assessment_date", "risk_level"])
    strings = ["episode_id", "child_id", "gender", "ethnicity", "ward_code", "exploitation_type"]
    return Extracts(
        episodes.astype(dict.fromkeys(strings, "string")),
        assessments.astype({"episode_id": "string", "risk_level": "string"}),
        None,
        None,
        None,
        None,
        (),
    )


def scopes(threshold: int = THRESHOLD, groups: list[tuple] = GROUPS) -> list[ScopeData]:
    extracts = hand_made_year(groups)
    window = (dt.date(2020, 4, 1), dt.date(2021, 3, 31))
    found = []
    for area in [None, *REFERENCE.constituencies]:
        params = Params.from_mapping(
            {
                "reporting_year": "2020-21",
                "risk_scale": "ce",
                "months": list(MONTHS),
                "area": area,
                "suppression_threshold": threshold,
            }
        )
        found.append(ScopeData(params, extracts, extracts, REFERENCE, window))
    return found


def publish_year(groups: list[tuple]):
    reports = [Report(scope.area or DISTRICT, [wards.publication(scope)]) for scope in scopes(groups=groups)]
    return publish(reports, THRESHOLD, PROTECTION)


@pytest.fixture(scope="module")
def year():
    return publish_year(GROUPS)


@pytest.fixture(scope="module")
def isolated_year():
    return publish_year(ISOLATED)


def cells(year, scope: str, table: str) -> pd.DataFrame:
    return year[0][scope].tables[table].cells


def rows_of(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame[frame["ward_name"] == name].reset_index(drop=True)


SOUTH = "All wards of the Bradford South area"
SHIPLEY = "All wards of the Shipley area"


# --- what the tables hold ------------------------------------------------------------------------------------


def test_the_layout_publishes_no_small_count(year):
    """Baildon's small months stay inside Shipley's, so the year hides nothing and has nothing to audit."""
    published, _decision, summary = year
    assert summary.cells_audited == 0
    assert not summary.failures
    assert all((table.cells != "c").all().all() for report in published.values() for table in report.tables.values())


def test_the_rates_of_the_wards(year):
    rates = cells(year, "Bradford South", "wards_rates").set_index("ward_name")
    assert list(rates.columns) == wards.RATE_COLUMNS[:1] + wards.RATE_COLUMNS[2:]
    # Great Horton: 144 child-months / 12 = 12.00 a month on 6,021 children: 19.93 per 10,000. Its Byar's
    # limits at 95%: 12 x (1 - 1/108 - 1.96/(3 sqrt 12))^3 = 6.194 and 13 x (1 - 1/117 + 1.96/(3 sqrt 13))^3 =
    # 20.963 children, so 10.29 and 34.82 per 10,000.
    assert rates.loc["Great Horton", ["average_at_risk", "population_under_18", "rate_per_10k"]].tolist() == [
        12.0,
        6021,
        19.93,
    ]
    assert rates.loc["Great Horton", ["lower_95", "upper_95"]].tolist() == [10.29, 34.82]
    assert rates.loc["Tong", ["average_at_risk", "rate_per_10k"]].tolist() == [15.0, 21.82]  # 15 on 6,873
    assert rates.loc["Wibsey", ["average_at_risk", "rate_per_10k", "lower_95"]].tolist() == [0.0, 0.0, 0.0]
    # The district: 39 a month and Baildon's 8 child-months: 476 / 12 = 39.67 a month, 2.78 per 10,000 of
    # 142,619. Both wards' ranges lie wholly above it; Wibsey's (0 to 9.29) holds it.
    assert rates.loc["Great Horton", "compared_with_district"] == "higher"
    assert rates.loc["Wibsey", "compared_with_district"] == "similar"
    figures = year[0]["Bradford South"].figures
    assert figures["wards.district_average_at_risk"] == 39.67
    assert figures["wards.district_rate_per_10k"] == 2.78
    assert figures["wards.area_average_at_risk"] == 27.0  # 12 + 15
    assert figures["wards.highest_rate_ward"] == "Tong"
    assert figures["wards.highest_rate_per_10k"] == 21.82
    assert figures["wards.higher_than_district"] == "Great Horton; Tong"


def test_baildon_keeps_its_average_rate_and_range(year):
    # Averages are not counts: Baildon's 0.67 a month (2.28 per 10,000 of 2,922) is published with its range.
    baildon = rows_of(cells(year, "Shipley", "wards_rates"), "Baildon").iloc[0]
    assert (baildon["average_at_risk"], baildon["rate_per_10k"]) == (0.67, 2.28)
    assert isinstance(baildon["upper_95"], float)


def test_the_reader_table_ends_with_the_area_and_the_district(year):
    table = year[0]["Bradford South"].tables["wards_comparison"]
    names = table.cells["Ward"].tolist()
    assert names[:2] == ["Tong", "Great Horton"]  # highest rate first
    assert names[-2:] == [SOUTH, "All wards of the district"]
    assert table.total_row == SOUTH
    south = table.cells.set_index("Ward").loc[SOUTH]
    # 27 a month on Bradford South's 29,005 children: 9.31 per 10,000, wholly above the district's 2.78.
    assert south["Children at risk, average a month"] == 27.0
    assert south["Rate per 10,000 children"] == 9.31
    assert south["Compared with the district"] == "higher"


def test_the_monthly_series_of_the_area_the_district_and_the_wards_that_can_be_shown(year):
    series = cells(year, "Bradford South", wards.MONTHLY_AT_RISK)
    # Great Horton (12) and Tong (15) can be shown month by month, and the area less both of them is 0.
    assert series["ward_name"].drop_duplicates().tolist() == [
        SOUTH,
        "All wards of the district",
        "Great Horton",
        "Tong",
    ]
    assert rows_of(series, SOUTH)[wards.AT_RISK].tolist() == [27] * 12
    district = rows_of(series, "All wards of the district")[wards.AT_RISK].tolist()
    assert district == [39 + b for b in BAILDON_MONTHS]
    assert rows_of(series, SOUTH)[wards.MONTH_RATE].tolist() == [9.31] * 12  # 27 per 29,005
    # Shipley: Bingley alone could be shown, but then Shipley less Bingley would be Baildon's 1s and 2s.
    shipley = cells(year, "Shipley", wards.MONTHLY_AT_RISK)
    assert shipley["ward_name"].drop_duplicates().tolist() == [SHIPLEY, "All wards of the district"]


def test_a_breakdown_shows_a_ward_only_when_every_count_of_it_and_of_the_others_can_be_published(year):
    by_risk = cells(year, "Bradford South", "wards_monthly_by_risk")
    # Great Horton: 12 Emerging; Tong: 15 Moderate; the rest 0: both shown, and every count published.
    assert by_risk["ward_name"].drop_duplicates().tolist() == [SOUTH, "Great Horton", "Tong"]
    assert rows_of(by_risk, SOUTH).loc[0, ["Significant", "Moderate", "Emerging", wards.AT_RISK]].tolist() == [
        0,
        15,
        12,
        27,
    ]
    # Shipley by gender: Bingley's girls could be published, but Shipley less Bingley would be Baildon's 1s and
    # 2s, so the table holds Shipley's own months only.
    by_gender = cells(year, "Shipley", "wards_monthly_by_gender")
    assert by_gender["ward_name"].drop_duplicates().tolist() == [SHIPLEY]
    assert by_gender["Female"].tolist() == [12 + b for b in BAILDON_MONTHS]


def test_the_ward_rows_are_the_same_in_the_district_report_and_the_area_pack(year):
    district = cells(year, DISTRICT, "wards_monthly_by_risk")
    south = cells(year, "Bradford South", "wards_monthly_by_risk")
    for name in ("Great Horton", "Tong"):
        pd.testing.assert_frame_equal(rows_of(district, name), rows_of(south, name))


def test_the_averages_by_category(year):
    averages = cells(year, "Bradford South", "wards_average_by_risk").set_index("ward_name")
    assert averages.loc["Tong", ["Significant", "Moderate", "Emerging", wards.AT_RISK]].tolist() == [
        0.0,
        15.0,
        0.0,
        15.0,
    ]
    assert averages.loc[SOUTH, ["Moderate", "Emerging", wards.AT_RISK]].tolist() == [15.0, 12.0, 27.0]
    ethnicity = cells(year, "Shipley", "wards_average_by_ethnicity").set_index("ward_name")
    assert ethnicity.loc["Bingley", ["White", "Asian", wards.AT_RISK]].tolist() == [12.0, 0.0, 12.0]
    assert ethnicity.loc["Baildon", ["White", wards.AT_RISK]].tolist() == [0.67, 0.67]
    assert ethnicity.loc[SHIPLEY, ["White", wards.AT_RISK]].tolist() == [12.67, 12.67]  # 152 / 12


def test_the_unsuppressed_report_shows_every_ward():
    reports = [Report(scope.area or DISTRICT, [wards.publication(scope)]) for scope in scopes(threshold=0)]
    published, _, _ = publish(reports, 0, 0)
    by_gender = published["Shipley"].tables["wards_monthly_by_gender"].cells
    assert by_gender["ward_name"].drop_duplicates().tolist() == [SHIPLEY, "Baildon", "Bingley"]
    assert rows_of(by_gender, "Baildon")["Female"].tolist() == list(BAILDON_MONTHS)


# --- the attacks ----------------------------------------------------------------------------------------------


def test_the_old_layout_gave_baildons_months_away():
    """Baildon's average (0.67 x 12 = 8 child-months) beside its row of months with the zeros shown: the five
    hidden months add up to 8 and each is at least 1, so each is at most 4 (the 2015-16 district report)."""
    row = ["c" if n else 0 for n in BAILDON_MONTHS]
    old = pd.DataFrame({"Ward": ["Baildon"], **{m: [v] for m, v in zip(MONTHS, row, strict=True)}, "All months": [8]})
    found = ranges(Knowledge({"old": old}, {}, {"old": "All months"}, [], []))
    assert found[Cell("old", "Baildon", "2020-05")] == (1, 4)


def test_baildons_months_are_published_nowhere(year):
    for scope, report in year[0].items():
        for name, table in report.tables.items():
            if name.startswith("wards_monthly"):
                assert BAILDON not in set(table.cells["ward_code"]), (scope, name)


def test_baildons_months_cannot_be_narrowed_from_what_is_published(year):
    """An attacker with every published number: Shipley's months (its own and the district's), Baildon's and
    every Shipley ward's child-months (average x 12). Baildon's months are unknowns from 0 up, with Shipley's
    other wards' months beside them; each Baildon month can still be anything from 0 to 8."""
    shipley = rows_of(cells(year, "Shipley", wards.MONTHLY_AT_RISK), SHIPLEY)[wards.AT_RISK]
    assert "c" not in set(shipley)  # 12, 12, 12, 12, 13, 13, 14, ...: all published
    averages = cells(year, "Shipley", "wards_average_by_risk").set_index("ward_name")[wards.AT_RISK]
    baildon = round(averages["Baildon"] * 12)
    others = round(averages[SHIPLEY] * 12) - baildon
    # Unknowns: Baildon's 12 months, then the other wards' 12; Baildon + others = Shipley's month.
    equality = [np.r_[np.eye(12)[m], np.eye(12)[m]] for m in range(12)]
    equality += [np.r_[np.ones(12), np.zeros(12)], np.r_[np.zeros(12), np.ones(12)]]
    totals = [float(v) for v in shipley] + [baildon, others]
    for month in range(12):
        objective = np.zeros(24)
        objective[month] = 1.0
        low = linprog(objective, A_eq=equality, b_eq=totals, bounds=(0, None), method="highs").fun
        high = -linprog(-objective, A_eq=equality, b_eq=totals, bounds=(0, None), method="highs").fun
        assert (round(low), round(high)) == (0, 8)


def test_a_category_that_only_baildon_holds_stays_protected(isolated_year):
    """Shipley's Significant months are Baildon's 1s and 2s and zeros are shown, so Shipley's Significant average
    (0.67 a month) beside them would pin them, as a ward's average pinned its months in the old layout. The
    engine hides the months and what would give them back; the audit passes."""
    published, decision, summary = isolated_year
    assert not decision.failures()
    assert summary.narrowest >= PROTECTION
    shipley = rows_of(published["Shipley"].tables["wards_monthly_by_risk"].cells, SHIPLEY)
    assert shipley["Significant"].tolist() == [0, 0, 0, 0, "c", "c", "c", "c", "c", 0, 0, 0]
    average = rows_of(published["Shipley"].tables["wards_average_by_risk"].cells, SHIPLEY).iloc[0]
    assert average["Significant"] == "c"
    # Tong's 5 boys a month are Bradford South's only boys: hidden with the girls beside them.
    south = rows_of(published["Bradford South"].tables["wards_monthly_by_gender"].cells, SOUTH)
    assert set(south["Male"]) == {"c"}
    assert set(south["Female"]) == {"c"}


def attacker_knowledge(published: dict, breakdown: str, columns: list[str]) -> Knowledge:
    """What a reader of every report knows about the months by one breakdown, written for tests/attacker.py:
    each scope's months with their child-months (the scope's averages x 12, where published) as the total
    row; each report's wards' child-months by category (their averages x 12) with the scope's as the total
    row; a ward's child-months the same in the district report and its area pack; and the district as the sum
    of its areas, month by month."""
    scopes_ = {
        DISTRICT: "All wards of the district",
        **{area: f"All wards of the {area} area" for area in REFERENCE.constituencies},
    }
    tables, total_rows, total_columns, same = {}, {}, {}, []

    def child_months(value: object) -> object:
        return "c" if value == "c" else round(value * 12)

    for scope, name in scopes_.items():
        report = published[scope].tables
        months = rows_of(report[f"wards_monthly_by_{breakdown}"].cells, name)
        averages = report[f"wards_average_by_{breakdown}"].cells
        whole = rows_of(averages, name).iloc[0]
        tables[scope] = pd.DataFrame(
            [
                *({"Month": row["month"], **{c: row[c] for c in columns}} for _, row in months.iterrows()),
                {"Month": "All months", **{c: child_months(whole[c]) for c in columns}},
            ]
        )
        tables[f"{scope} wards"] = pd.DataFrame(
            {"Ward": averages["ward_name"], **{c: [child_months(v) for v in averages[c]] for c in columns}}
        )
        for table in (scope, f"{scope} wards"):
            total_columns[table] = wards.AT_RISK
        total_rows[scope], total_rows[f"{scope} wards"] = "All months", name
        same += [(Cell(scope, "All months", c), Cell(f"{scope} wards", name, c)) for c in columns]
        if scope != DISTRICT:
            same += [
                (Cell(f"{scope} wards", ward, c), Cell(f"{DISTRICT} wards", ward, c))
                for ward in averages["ward_name"]
                if ward != name
                for c in columns
            ]
    for month in MONTHS:
        table, rows = f"areas {month}", [*REFERENCE.constituencies, DISTRICT]
        labels = [*REFERENCE.constituencies, "District"]
        tables[table] = pd.DataFrame(
            {"Scope": labels, **{c: [tables[r].set_index("Month").at[month, c] for r in rows] for c in columns}}
        )
        total_rows[table], total_columns[table] = "District", wards.AT_RISK
        same += [
            (Cell(table, label, c), Cell(r, month, c)) for r, label in zip(rows, labels, strict=True) for c in columns
        ]
    return Knowledge(tables, total_rows, total_columns, same, [])


@pytest.mark.parametrize("published_year", ["year", "isolated_year"])
@pytest.mark.parametrize(
    ("breakdown", "columns"),
    [
        ("risk", ["Significant", "Moderate", "Emerging", wards.AT_RISK]),
        ("gender", [*wards.GENDER_COLUMNS, wards.AT_RISK]),
    ],
)
def test_the_months_by_category_resist_an_attacker_with_every_relation(published_year, breakdown, columns, request):
    """The independent attacker of tests/attacker.py, holding every month, average and relation of one breakdown
    (attacker_knowledge), can narrow no hidden count to less than the protection range."""
    published = request.getfixturevalue(published_year)[0]
    assert narrowest(attacker_knowledge(published, breakdown, columns)) >= PROTECTION
