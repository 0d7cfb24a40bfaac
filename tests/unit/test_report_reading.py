"""The rules the committee-reading test applies to every rendered report, each shown catching its fault."""

from __future__ import annotations

from report_reading import charts_without_a_bar, faults, visible_text

PAGE = """<html><head><style>p { color: red }</style></head><body><nav><p>contents in lower case</p></nav>
<h2>Crimes</h2><p>There were 109 CSE crimes. Of these, 12% were charged.</p>
<ul><li>c: a count from 1 to 9 is suppressed.</li></ul>
<table><caption>Table 3.1: Crimes</caption><tr><td>nan</td></tr></table>
<figure class="chart"><img alt="bars"><figcaption><strong>Figure 3.1.</strong> Crimes by decade.</figcaption></figure>
<details><summary>Data behind Figure 3.1</summary><table><caption>Data for Figure 3.1</caption>
<tr><td>1990s</td><td>c</td><td>0</td></tr></table></details>
<figure class="chart"><img alt="bars"><figcaption><strong>Figure 3.2.</strong> Outcomes. The data are in
Table 3.1.</figcaption></figure>
<table><caption>Table 3.2: Outcomes</caption><tr><td>Charged</td><td>1,204</td></tr></table>
<figure class="chart"><img alt="bars"><figcaption><strong>Figure 3.3.</strong> Outcomes. The data are in
Table 3.2.</figcaption></figure>
</body></html>"""


def test_the_visible_words_leave_out_styles_contents_tables_and_charts():
    assert visible_text(PAGE) == [
        "Crimes",
        "There were 109 CSE crimes. Of these, 12% were charged.",
        "c: a count from 1 to 9 is suppressed.",
    ]


def test_a_clean_page_has_no_fault():
    assert faults(visible_text(PAGE)) == []


def test_each_fault_a_reader_stops_at_is_found():
    assert faults(["Of the fewer than 10 children at significant risk, 0 of 0 were boys."]) == [
        "a share of nothing: Of the fewer than 10 children at significant risk, 0 of 0 were boys."
    ]
    assert faults(["A suppressed figure of open cases were boys."]) == [
        "suppression wording: A suppressed figure of open cases were boys."
    ]
    assert faults(["The share was nan%."]) == ["code word: The share was nan%."]
    assert faults(["Risk level: None."]) == ["code word: Risk level: None."]
    assert faults(["None were assessed as not at risk."]) == []
    assert faults(["There were 12 episodes. fewer than 10 were closed."]) == [
        "sentence in lower case: fewer than 10 were closed."
    ]
    assert faults(["(fewer than 10 episodes)"]) == ["sentence in lower case: (fewer than 10 episodes)"]


def test_a_chart_whose_data_hold_nothing_above_zero_is_found():
    # Figure 3.1's data hold a c and a 0; Figure 3.2's table holds "nan"; Figure 3.3's holds 1,204.
    assert charts_without_a_bar(PAGE) == [
        "Figure 3.1. Crimes by decade.",
        "Figure 3.2. Outcomes. The data are in Table 3.1.",
    ]
