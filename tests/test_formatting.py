"""Rounding and the number formats of the house style."""
from __future__ import annotations

import datetime as dt

from helpers.display import formatting
from helpers.display.narrative import NarrativeFormatter


def test_percentages_round_half_away_from_zero():
    assert formatting.percentage(66, 109) == 60.6  # the appendix printed 60% (truncated)
    assert formatting.percentage(217, 713) == 30.4
    assert formatting.percentage(1, 8) == 12.5
    assert formatting.percentage(1, 16) == 6.3  # 6.25: half goes up, not to even
    assert formatting.percentage(1, 0) is None


def test_change_on_previous_year_matches_the_2017_appendix():
    assert formatting.change_pct(713, 431) == 65.4
    assert formatting.change_pct(1153, 713) == 61.7
    assert formatting.change_pct(5, 0) is None
    assert formatting.change_pct(3, 8) == -62.5


def test_sentence_formats():
    assert formatting.pct_text(18.5) == "19%"
    assert formatting.pct_text(17.4) == "17%"
    assert formatting.count_text(1153) == "1,153"
    assert formatting.date_text(dt.date(2016, 3, 29)) == "29 March 2016"


def test_financial_year_and_quarter():
    assert formatting.financial_year(dt.date(2016, 3, 31)) == "2015-16"
    assert formatting.financial_year(dt.date(2016, 4, 1)) == "2016-17"
    assert [formatting.financial_quarter(dt.date(2016, m, 1)) for m in (4, 7, 10, 1)] == [1, 2, 3, 4]


def test_narrative_says_fewer_than_the_threshold_for_a_suppressed_count():
    say = NarrativeFormatter(10).format
    assert say("{n:count} children", n="c") == "fewer than 10 children"
    assert say("{p:pct} of cases", p="c") == "a suppressed figure of cases"
    assert say("{n:count} children, {p:pct}", n=1153, p=18.46) == "1,153 children, 18%"
    assert say("{n:count}", n=None) == "not available"
    assert NarrativeFormatter(5).format("{n:count}", n="c") == "fewer than 5"


def test_a_bracketed_share_disappears_when_suppressed():
    say = NarrativeFormatter(10).format
    assert say("{n:count} episodes{p:bracketed_pct} had", n=217, p=30.4) == "217 episodes (30%) had"
    assert say("{n:count} episodes{p:bracketed_pct} had", n="c", p="c") == "fewer than 10 episodes had"
