"""The engine's promise on random linked publications, checked by an independent attacker (hypothesis).

A table and its breakdown, a district and its areas, and two years whose later table repeats the
earlier one's totals: whatever the counts, after the engine has decided, no `c` (and no small count
that the district less its areas would give) can be narrowed to a range below the protection range,
no published count is below the threshold, and every published count keeps its value.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attacker import Cell, Knowledge, narrowest
from helpers.disclosure.declare import SectionPublication, Table
from helpers.disclosure.publication import DISTRICT, Report, publish
from helpers.display.formatting import SUPPRESSED

THRESHOLD, PROTECTION = 10, 5
# Zeros, small counts and larger ones, so every kind of row and column turns up.
CELL = st.one_of(st.just(0), st.integers(1, THRESHOLD - 1), st.integers(THRESHOLD, 60))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def grid(name: str, values: list[list[int]], columns: list[str]) -> Table:
    """Rows r0.. with a Total column and a Total row."""
    data = pd.DataFrame(values, columns=columns)
    data.insert(0, "label", [f"r{i}" for i in range(len(values))])
    data["Total"] = data[columns].sum(axis=1)
    totals = {"label": "Total", **{c: int(data[c].sum()) for c in [*columns, "Total"]}}
    data = pd.concat([data, pd.DataFrame([totals])], ignore_index=True)
    return Table(
        name,
        name,
        data,
        {"label": "label", **dict.fromkeys([*columns, "Total"], "count")},
        total_row="Total",
        total_column="Total",
    )


@st.composite
def values(draw, rows: int, columns: int) -> list[list[int]]:
    return [[draw(CELL) for _ in range(columns)] for _ in range(rows)]


def shown(published, scope: str, name: str) -> pd.DataFrame:
    return published[scope].tables[name].cells


def grid_knowledge(tables: dict[str, pd.DataFrame], same=(), at_least=()) -> Knowledge:
    return Knowledge(tables, dict.fromkeys(tables, "Total"), dict.fromkeys(tables, "Total"), list(same), list(at_least))


def assert_published_values_kept(published, declared: dict[tuple[str, str], Table]) -> None:
    for (scope, name), table in declared.items():
        cells = shown(published, scope, name)
        for column in table.count_columns:
            for published_value, true_value in zip(cells[column], table.data[column]):
                assert published_value in (SUPPRESSED, true_value)
                assert published_value == SUPPRESSED or published_value == 0 or published_value >= THRESHOLD


@SETTINGS
@given(st.integers(2, 4), st.integers(2, 3), st.integers(2, 3), st.data())
def test_a_table_and_its_breakdown(rows, columns, breakdown_columns, data):
    """Table A by one dimension and table B by another share their row totals."""
    first = grid("a", data.draw(values(rows, columns)), [f"a{j}" for j in range(columns)])
    second_values = data.draw(values(rows, breakdown_columns - 1))
    # The last breakdown column makes each row add to A's row total (kept non-negative by drawing again).
    totals = first.data["Total"].tolist()[:-1]
    second_values = [[*row, total - sum(row)] for row, total in zip(second_values, totals)]
    if any(v < 0 for row in second_values for v in row):
        second_values = [[0] * (breakdown_columns - 1) + [total] for total in totals]
    second = grid("b", second_values, [f"b{j}" for j in range(breakdown_columns)])
    same_rows = {(i, "Total"): f"a|{first.data.at[i, 'label']}|Total" for i in second.data.index}
    second = Table("b", "b", second.data, second.kinds, total_row="Total", total_column="Total", quantities=same_rows)
    published, decision, _ = publish(
        [Report(DISTRICT, [SectionPublication("s", tables=[first, second])])], THRESHOLD, PROTECTION
    )
    assert not decision.failures()
    assert_published_values_kept(published, {(DISTRICT, "a"): first, (DISTRICT, "b"): second})
    labels = list(first.data["label"])
    knowledge = grid_knowledge(
        {"a": shown(published, DISTRICT, "a"), "b": shown(published, DISTRICT, "b")},
        same=[(Cell("a", label, "Total"), Cell("b", label, "Total")) for label in labels],
    )
    assert narrowest(knowledge) >= PROTECTION


@SETTINGS
@given(st.integers(2, 3), st.integers(2, 3), st.integers(2, 4), st.data())
def test_a_district_and_its_areas(rows, columns, areas, data):
    """The district's table is the sum of its areas' tables plus a rest (out of area, not recorded)."""
    names = [f"c{j}" for j in range(columns)]
    area_values = [data.draw(values(rows, columns)) for _ in range(areas)]
    rest = data.draw(values(rows, columns))
    district_values = [[rest[i][j] + sum(a[i][j] for a in area_values) for j in range(columns)] for i in range(rows)]
    tables = {DISTRICT: grid("t", district_values, names)}
    tables.update({f"area{k}": grid("t", v, names) for k, v in enumerate(area_values)})
    reports = [Report(scope, [SectionPublication("s", tables=[table])]) for scope, table in tables.items()]
    published, decision, _ = publish(reports, THRESHOLD, PROTECTION)
    assert not decision.failures()
    assert_published_values_kept(published, {(scope, "t"): table for scope, table in tables.items()})
    labels = list(tables[DISTRICT].data["label"])
    cells = [(label, column) for label in labels for column in [*names, "Total"]]
    knowledge = grid_knowledge(
        {scope: shown(published, scope, "t") for scope in tables},
        at_least=[
            (Cell(DISTRICT, label, column), [Cell(s, label, column) for s in tables if s != DISTRICT])
            for label, column in cells
        ],
    )
    district = tables[DISTRICT].data.set_index("label")
    small_rests = set()
    for number, (label, column) in enumerate(cells):
        rest_value = district.at[label, column] - sum(
            t.data.set_index("label").at[label, column] for s, t in tables.items() if s != DISTRICT
        )
        if 1 <= rest_value < THRESHOLD:
            small_rests.add(number)
    assert narrowest(knowledge, small_rests) >= PROTECTION


@SETTINGS
@given(st.integers(2, 4), st.integers(2, 3), st.data())
def test_two_years(rows, columns, data):
    """This year's table carries a column of last year's row totals, which last year's table publishes."""
    names = [f"c{j}" for j in range(columns)]
    last = grid("last_year", data.draw(values(rows, columns)), names)
    now = grid("this_year", data.draw(values(rows, columns)), names)
    earlier = last.data["Total"]
    frame = now.data.assign(**{"A year earlier": earlier})
    kinds = {**now.kinds, "A year earlier": "count"}
    this_year = Table(
        "this_year",
        "this_year",
        frame,
        kinds,
        total_row="Total",
        total_column="Total",
        total_parts=tuple(names),
        quantities={(i, "A year earlier"): f"last_year|{last.data.at[i, 'label']}|Total" for i in frame.index},
    )
    published, decision, _ = publish(
        [Report(DISTRICT, [SectionPublication("s", tables=[last, this_year])])], THRESHOLD, PROTECTION
    )
    assert not decision.failures()
    labels = list(last.data["label"])
    knowledge = Knowledge(
        {
            "last_year": shown(published, DISTRICT, "last_year"),
            "this_year": shown(published, DISTRICT, "this_year")[["label", *names, "Total"]],
            "earlier": shown(published, DISTRICT, "this_year")[["label", "A year earlier"]],
        },
        {"last_year": "Total", "this_year": "Total", "earlier": "Total"},
        {"last_year": "Total", "this_year": "Total"},
        [(Cell("last_year", label, "Total"), Cell("earlier", label, "A year earlier")) for label in labels],
        [],
    )
    assert narrowest(knowledge) >= PROTECTION
