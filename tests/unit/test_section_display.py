"""What a section shows: a table is shown once, and a chart's data sit either collapsed under it, or in a
numbered table that the chart's caption names, never both."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.disclosure.model import PublishedTable
from helpers.display import section as section_module
from helpers.display.section import TABLE_MIME, Section

AGES = PublishedTable(
    "ages",
    "Children by age",
    pd.DataFrame({"Age": ["13", "14"], "Children": [12, 15]}),
    {"Children": "count"},
    None,
    "",
    0,
    10,
)


@pytest.fixture
def shown(monkeypatch):
    outputs: list[dict] = []
    monkeypatch.setattr(section_module, "display", lambda data, raw=False: outputs.append(data))
    return outputs


def section() -> Section:
    return Section(3, "crimes", "Crimes", SimpleNamespace(suppression_threshold=10))


def chart(target: Section, **options) -> None:
    target.show_chart(plt.figure(), alt="Two bars", caption="Children by age.", data=AGES, **options)


def test_a_chart_alone_keeps_its_data_collapsed_under_it(shown):
    chart(section())
    (output,) = shown
    assert "<details><summary>Data behind Figure 3.1</summary>" in output["text/html"]
    assert output[TABLE_MIME]["name"] == "ages"


def test_a_chart_with_its_table_shows_the_table_once_and_numbered(shown):
    chart(section(), table=True)
    figure, table = shown
    assert "<details>" not in figure["text/html"] and TABLE_MIME not in figure
    assert "Children by age. The data are in Table 3.1." in figure["text/plain"]
    assert table["text/plain"] == "Table 3.1: Children by age"


def test_a_chart_of_a_table_already_shown_names_it_instead_of_repeating_it(shown):
    target = section()
    target.show_table(AGES)
    chart(target)
    _table, figure = shown
    assert "<details>" not in figure["text/html"]
    assert figure["text/plain"] == "Figure 3.1: Children by age. The data are in Table 3.1."


def test_a_table_is_not_shown_twice(shown):
    target = section()
    target.show_table(AGES)
    with pytest.raises(ValueError, match=r"ages is already shown as Table 3\.1"):
        target.show_table(AGES)


HIDDEN = PublishedTable(
    "offender_ages",
    "Offenders linked to CSE crimes by age band",
    pd.DataFrame({"Age": ["18-24", "Not known", "Total"], "Offender links": ["c", 0, 12]}),
    {"Offender links": "count"},
    "Total",
    "",
    1,
    10,
)


def test_a_chart_with_nothing_to_draw_is_a_sentence_and_its_table(shown):
    # The only number above zero is the total, which the chart does not draw.
    target = section()
    target.show_chart(plt.figure(), alt="bars", caption="Offenders by age.", data=HIDDEN)
    sentence, table = shown
    assert sentence["text/markdown"] == (
        "There is no chart of offenders linked to CSE crimes by age band: every value it would draw is suppressed "
        "or zero. The table below gives what can be published."
    )
    assert table["text/plain"] == "Table 3.1: Offenders linked to CSE crimes by age band"
    assert target.charts_shown == 0  # the next chart is Figure 3.1


def test_a_chart_with_nothing_to_draw_names_its_table_when_already_shown(shown):
    target = section()
    target.show_table(HIDDEN)
    target.show_chart(plt.figure(), alt="bars", caption="Offenders by age.", data=HIDDEN)
    assert shown[-1]["text/plain"].endswith("Table 3.1 gives what can be published.")
    assert len(shown) == 2
