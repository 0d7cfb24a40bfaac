"""Key headlines at the top of the report, in the voice of para 2.22 of the 2016 report.

Generated from the published figures (so they respect suppression), each linked to the section
that shows it. A headline whose percentage is suppressed or whose figures are missing is left out
rather than printed with a gap.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from helpers.narrative import NarrativeFormatter, facts, is_known
from helpers.params import Params
from helpers.strategic import change_words, previous_year, year_label


@dataclass(frozen=True)
class Headline:
    text: str
    section_title: str  # the heading of the section that shows it


def strategic_headlines(figures: Mapping[str, object], params: Params) -> list[Headline]:
    s = facts(figures).strategic
    say = NarrativeFormatter(params.suppression_threshold).format
    year, previous = params.year_label, year_label(previous_year(params.reporting_year))
    section = "Strategic overview"
    found = []
    if is_known(s.new_referrals_change_pct):
        found.append(say("There were {n:count} new referrals to the Hub in {year}, {change} in {previous}.",
                         n=s.new_referrals, year=year, previous=previous,
                         change=change_words(s.new_referrals_change_pct)))
    if is_known(s.monthly_average_referrals, s.previous_monthly_average_referrals):
        found.append(say("In the course of {year} there was an average of {a:whole} referrals per month, "
                         "compared to {b:whole} per month the previous year.",
                         year=year, a=s.monthly_average_referrals, b=s.previous_monthly_average_referrals))
    if is_known(s.male_children_pct):
        found.append(say("{p:pct} of the children referred to the Hub were boys.", p=s.male_children_pct))
    if is_known(s.peak_age_female, s.peak_age_male):
        found.append(say("The peak age for boys referred to the Hub was {m} years; for girls it was {f} years.",
                         m=s.peak_age_male, f=s.peak_age_female))
    if is_known(s.episodes_in_year, s.children):
        found.append(say("The Hub dealt with {e:count} episodes for {c:count} children over the year; "
                         "{r:count} children were referred more than once.",
                         e=s.episodes_in_year, c=s.children, r=s.children_referred_more_than_once))
    return [Headline(text, section) for text in found]


def key_headlines(figures: Mapping[str, object], params: Params) -> list[Headline]:
    """Headlines of every section present in the figures, in report order."""
    headlines: list[Headline] = []
    if any(key.startswith("strategic.") for key in figures):
        headlines += strategic_headlines(figures, params)
    return headlines
