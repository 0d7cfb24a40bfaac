"""changes.md and changes.html between two hand-made renders of one folder."""

from __future__ import annotations

import copy
import re

import pytest

from helpers.publish import changes as changes_module
from helpers.publish.changes import CellChange, Change, Reshaped, compare, main, write_changes
from pack_folders import FIGURES, HEADLINES, MANIFEST, TABLES, write_folder


@pytest.fixture
def old(tmp_path):
    return write_folder(tmp_path / "old")


@pytest.fixture
def new(tmp_path):
    tables = dict(TABLES)
    tables["tactical_risk_levels"] = (
        "Risk level,Children,% of open cases\n"
        "High,38,13.7\n"  # value changed, both columns
        "Medium,52,18.7\n"  # revealed
        "Low,c,c\n"  # newly suppressed
        "Not set,,\n"
        "Total,278,100.0\n"
    )
    tables["wards_monthly_by_risk"] = TABLES["wards_monthly_by_risk"].replace(
        "E05001346,Bradford Moor,2015-05,c,12,15", "E05001346,Bradford Moor,2015-05,c,13,15"
    )
    tables["wards_rates"] = TABLES["wards_rates"] + "E05001357,Keighley West,9.08,4213,21.56,9.9,40.81,higher\n"
    del tables["offenders_year_on_year"]
    tables["crimes_outcomes"] = "Outcome,Crimes,% of CSE crimes\nCharged,12,11.0\n"
    figures = {**FIGURES, "tactical.risk_high": 38, "crimes.no_crime": 11, "tactical.previous_open_cases": 72}
    del figures["strategic.trend"]
    manifest = copy.deepcopy(MANIFEST)
    manifest["parameters"]["data_dir"] = "/secure/extracts/2017"
    manifest["parameters"]["snapshot_date"] = "2016-03-30"
    manifest["inputs"][0].update(sha256="e" * 64, rows=6800)
    manifest["end_time"] = "2026-05-01T10:00:00+00:00"
    headlines = [HEADLINES[0], "Referrals <b>levelled off</b> & fell."]
    return write_folder(tmp_path / "new", tables, figures, headlines, manifest)


def test_the_first_render_has_nothing_to_compare(new):
    found = compare(None, new)
    assert found.first_render
    md_path, html_path = write_changes(None, new)
    assert "Nothing to compare: this is the first render of this folder." in md_path.read_text(encoding="utf-8")
    assert "Nothing to compare: this is the first render of this folder." in html_path.read_text(encoding="utf-8")


def test_every_changed_cell_is_listed_and_nothing_else(old, new):
    found = compare(old, new)
    assert found.cells == (
        CellChange("tactical_risk_levels", "High", "Children", "37", "38"),
        CellChange("tactical_risk_levels", "High", "% of open cases", "13.3", "13.7"),
        CellChange("wards_monthly_by_risk", "E05001346 / Bradford Moor / 2015-05", "Medium", "12", "13"),
    )
    assert found.newly_suppressed == (
        CellChange("tactical_risk_levels", "Low", "Children", "120", "c"),
        CellChange("tactical_risk_levels", "Low", "% of open cases", "43.2", "c"),
    )
    assert found.revealed == (
        CellChange("tactical_risk_levels", "Medium", "Children", "c", "52"),
        CellChange("tactical_risk_levels", "Medium", "% of open cases", "c", "18.7"),
    )


def test_tables_rows_figures_headlines_inputs_and_parameters(old, new):
    found = compare(old, new)
    assert found.tables_added == ("crimes_outcomes",)
    assert found.tables_removed == ("offenders_year_on_year",)
    assert found.reshaped == (Reshaped("wards_rates", rows_added=("E05001357 / Keighley West",)),)
    assert found.figures == (
        Change("crimes.no_crime", "c", "11"),
        Change("strategic.trend", "still rising", "(none)"),
        Change("tactical.previous_open_cases", "(none)", "72"),
        Change("tactical.risk_high", "37", "38"),
    )
    assert found.headlines_added == ("Referrals <b>levelled off</b> & fell.",)
    assert found.headlines_gone == (HEADLINES[1],)
    assert found.inputs == (
        Change("episodes (episodes.csv)", "6,792 rows, SHA-256 aaaaaaaaaaaa", "6,800 rows, SHA-256 eeeeeeeeeeee"),
    )
    assert found.parameters == (
        Change("data_dir", ".../2016", ".../2017"),
        Change("snapshot_date", "2016-03-29", "2016-03-30"),
    )


def test_the_same_folder_twice_has_no_change(old):
    found = compare(old, old)
    assert found == changes_module.Changes(this_render=MANIFEST["end_time"], previous_render=MANIFEST["end_time"])
    assert "Nothing published has changed." in changes_module.markdown(found)


def test_the_markdown_lists_the_changes_in_tables(old, new):
    md_path, _ = write_changes(old, new)
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("# Changes since the previous render\n")
    assert "| tactical_risk_levels | High | Children | 37 | 38 |" in text
    assert "| tactical_risk_levels | Low | Children | 120 | c |" in text
    assert "| tactical.risk_high | 37 | 38 |" in text
    assert "- added: crimes_outcomes" in text
    assert "- wards_rates: rows added: E05001357 / Keighley West" in text
    assert "- gone: " + HEADLINES[1] in text
    assert (
        "Changed: 1 input, 2 parameters, 4 figures, 3 table cells, 2 cells newly suppressed, 2 cells revealed, "
        "2 tables added or removed, 1 table with rows or columns added or removed, 2 headlines added or gone." in text
    )


def test_no_path_goes_into_the_outputs(old, new):
    for path in write_changes(old, new):
        text = path.read_text(encoding="utf-8")
        assert "/secure" not in text and str(new) not in text and str(old) not in text


def test_the_html_page_is_self_contained_and_escaped(old, new):
    _, html_path = write_changes(old, new)
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<title>Changes since the previous render</title>" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Referrals &lt;b&gt;levelled off&lt;/b&gt; &amp; fell." in page
    assert '<th scope="col">Column</th>' in page


def test_the_command_prints_the_markdown(old, new, capsys):
    assert main([str(old), str(new)]) == 0
    assert capsys.readouterr().out == changes_module.markdown(compare(old, new))


def test_the_command_names_a_folder_that_is_not_a_report(tmp_path, new, capsys):
    assert main([str(tmp_path / "nowhere"), str(new)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Compare failed: ") and "manifest.json" in error and "Traceback" not in error
