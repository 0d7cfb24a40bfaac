"""Rounding and the number formats of the house style."""

from __future__ import annotations

import datetime as dt

from helpers.display import formatting
from helpers.display.formatting import Share
from helpers.display.narrative import NarrativeFormatter, sentence_case


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


def test_narrative_says_some_for_any_suppressed_value():
    # "fewer than 10" would be untrue of a larger count hidden to protect another, and telling the two
    # apart would tell a reader more than the table does.
    say = NarrativeFormatter(10).format
    assert say("{n:count} children", n="c") == "some children"
    assert say("{p:pct} of the cases", p="c") == "some of the cases"
    assert say("{n:count} children, {p:pct}", n=1153, p=18.46) == "1,153 children, 18%"
    assert say("{n:count}", n=None) == "not available"


def test_a_percentage_in_words_is_rounded_once_from_the_exact_ratio():
    say = NarrativeFormatter(10).format
    assert say("{p:pct}", p=Share(81.5, 81)) == "81%"  # 110 of 135 is 81.48%: 81.5 in a table, 81% in words
    assert say("{p:pct}", p=81.5) == "82%"  # a value with no exact ratio behind it rounds as it stands


def test_every_sentence_starts_with_a_capital():
    assert sentence_case("some episodes were open. some were new.\n\n- some items") == (
        "Some episodes were open. Some were new.\n\n- Some items"
    )


def test_a_bracketed_share_disappears_when_suppressed():
    say = NarrativeFormatter(10).format
    assert say("{n:count} episodes{p:bracketed_pct} had", n=217, p=30.4) == "217 episodes (30%) had"
    assert say("{n:count} episodes{p:bracketed_pct} had", n="c", p="c") == "some episodes had"
