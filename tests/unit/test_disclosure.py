"""Disclosure control on hand-made tables whose suppressed cells are worked out in the comments."""

from __future__ import annotations

import pandas as pd

from helpers.disclosure import (
    Table,
    count,
    derived,
    percent,
    plain,
    publish_figures,
    suppress_table,
)


def ward_table() -> Table:
    data = pd.DataFrame(
        {
            "Ward": ["A", "B", "C", "Grand total"],
            "High": [5, 20, 30, 55],
            "Low": [40, 12, 0, 52],
            "Total": [45, 32, 30, 107],
        }
    )
    data["%"] = [42.1, 29.9, 28.0, 100.0]
    return Table(
        "wards",
        "Wards",
        data,
        {"Ward": "label", "High": "count", "Low": "count", "Total": "count", "%": "pct"},
        {"%": (("Total", 0),)},
        total_row="Grand total",
        total_column="Total",
    )


def test_primary_and_secondary_suppression():
    cells = suppress_table(ward_table(), 10).cells.set_index("Ward")
    # A/High (5) is primary. Row A then holds one hidden cell: its next smallest part, A/Low (40), goes.
    # Column High holds one: B/High (20). Column Low holds one: B/Low (12). Row B then holds two.
    assert cells.loc["A", "High"] == "c" and cells.loc["A", "Low"] == "c"
    assert cells.loc["B", "High"] == "c" and cells.loc["B", "Low"] == "c"
    assert cells.loc["C", "High"] == 30 and cells.loc["C", "Low"] == 0  # zeros are shown
    assert cells.loc["Grand total", "Total"] == 107
    assert cells.loc["A", "%"] == 42.1  # derived from A's total, which is published


def test_a_lone_part_hides_its_total():
    data = pd.DataFrame({"Age": ["10", "11", "Total"], "Girls": [5, 20, 25], "Boys": [0, 30, 30], "Total": [5, 50, 55]})
    table = Table(
        "t",
        "t",
        data,
        {"Age": "label", "Girls": "count", "Boys": "count", "Total": "count"},
        total_row="Total",
        total_column="Total",
    )
    cells = suppress_table(table, 10).cells.set_index("Age")
    # Row 10 is [5, 0 | 5]: the only other non-zero cell is the total, so it goes; column Total then
    # holds one hidden cell and its next smallest, 50, goes; column Girls holds 5 hidden: 20 goes.
    assert cells.loc["10", "Total"] == "c" and cells.loc["11", "Total"] == "c"
    assert cells.loc["11", "Girls"] == "c"
    assert cells.loc["10", "Boys"] == 0


def test_derived_cells_follow_the_counts_they_come_from():
    data = pd.DataFrame({"Year": ["2014/15", "2015/16"], "Referrals": [8, 40], "Change": [None, 32]})
    table = Table(
        "y",
        "y",
        data,
        {"Year": "label", "Referrals": "count", "Change": "value"},
        {"Change": (("Referrals", 0), ("Referrals", -1))},
    )
    cells = suppress_table(table, 10).cells
    assert list(cells["Referrals"]) == ["c", 40]
    assert cells["Change"][1] == "c"  # 40 - 32 would reveal the 8
    assert cells["Change"][0] is None


def test_threshold_zero_publishes_everything():
    published = suppress_table(ward_table(), 0)
    assert published.suppressed_cells == 0
    assert published.cells.loc[0, "High"] == 5


def test_figures():
    published = publish_figures(
        [
            count("a", 5),
            count("b", 0),
            percent("c", 5, 100),
            percent("d", 50, 100),
            percent("e", 50, 7),
            derived("f", 2.5, 30),
            plain("g", 3),
            percent("h", 0, 0),
        ],
        10,
    )
    assert published == {"a": "c", "b": 0, "c": "c", "d": 50.0, "e": "c", "f": 2.5, "g": 3, "h": None}


def test_csv_is_tidy_with_c_for_suppressed_cells():
    text = suppress_table(ward_table(), 10).to_csv()
    assert text.splitlines()[0] == "Ward,High,Low,Total,%"
    assert text.splitlines()[1] == "A,c,c,45,42.1"
