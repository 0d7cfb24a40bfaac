"""Every number traceable: in report.html each number of the narrative, of the data-quality part and of the key
headlines links to the definition of its figure key on technical.html, while headlines.md, chart titles, alt text
and tables stay plain. The end-to-end tests on built reports are in tests/e2e/test_traceable.py."""

from __future__ import annotations

import datetime as dt
import html
import importlib
import pickle
import re
from types import SimpleNamespace

import pytest

from helpers.build.headlines import key_headlines
from helpers.display import section as section_module
from helpers.display.formatting import Share
from helpers.display.narrative import (
    NarrativeFormatter,
    Words,
    facts,
    figure_key,
    figure_marks,
    figure_text,
    figure_value,
    figure_words,
    keyed,
    linked_html,
    linked_markdown,
    plain_text,
    sentence_case,
)
from helpers.display.section import Section
from helpers.params import resolve
from helpers.rules import quality
from traceable_links import LINK, link, reads_as, unlinked_numbers


def linked(template: str, **values: object) -> str:
    """A template as report.html's narrative has it: formatted within figure_marks, links rendered."""
    with figure_marks():
        return linked_html(NarrativeFormatter(10).format(template, **values))


FIGURES = {
    "strategic.new_referrals": 650,
    "strategic.no_risk_at_referral": "c",
    "strategic.no_risk_at_referral_pct": "c",
    "strategic.children": 578,
    "strategic.male_children_pct": Share(20.3, 20),
    "strategic.trend": None,
}


# --- The formatter ----------------------------------------------------------------------------------


def test_a_value_from_a_figures_namespace_links_to_its_key():
    s = facts(FIGURES).strategic
    assert linked("{s.new_referrals:count} new referrals", s=s) == (
        link("strategic.new_referrals", "650") + " new referrals"
    )
    assert linked("{s.male_children_pct:pct} boys", s=s) == link("strategic.male_children_pct", "20%") + " boys"
    # Section.say also hands every figure over as `facts`.
    assert linked("{facts.strategic.children:count}", facts=facts(FIGURES)) == link("strategic.children", "578")


def test_a_plain_value_is_not_linked():
    s = facts(FIGURES).strategic
    assert linked("{n:count} children", n=650) == "650 children"
    # A value worked out from a figure is a plain number again.
    assert linked("{n:count} children", n=s.new_referrals + 0) == "650 children"
    assert linked("{n:count} children", n=int(s.new_referrals)) == "650 children"
    assert linked("{day:date}, {label}", day=dt.date(2016, 3, 29), label="Keighley") == "29 March 2016, Keighley"


def test_a_figure_keeps_its_key_wherever_it_is_passed():
    s = facts(FIGURES).strategic
    assert linked("{n:count} children", n=s.new_referrals) == link("strategic.new_referrals", "650") + " children"
    assert figure_key(s.male_children_pct) == "strategic.male_children_pct"
    assert s.male_children_pct.whole == 20
    assert figure_key(abs(s.male_children_pct)) is None
    assert figure_key(s.no_risk_at_referral) == "strategic.no_risk_at_referral"
    # A table cell that a figure repeats is given the figure's key by the words that show it.
    assert figure_key(figure_value(Share(31.3, 31), "tactical.risk_high_pct")) == "tactical.risk_high_pct"
    assert figure_value(None, "tactical.risk_high_pct") is None


def test_the_namespace_gives_the_values_themselves():
    s = facts(FIGURES).strategic
    assert [s.new_referrals, s.trend, s.no_risk_at_referral] == [650, None, "c"]
    assert s.key_of("new_referrals") == "strategic.new_referrals"
    assert vars(s) == {k.split(".", 1)[1]: v for k, v in FIGURES.items()}  # the key prefix is no figure
    again = pickle.loads(pickle.dumps(s))
    assert again.key_of("children") == "strategic.children"
    assert figure_key(again.male_children_pct) == "strategic.male_children_pct"
    assert again.male_children_pct.whole == 20
    assert vars(again) == vars(s)


def test_a_suppressed_value_reads_some_and_links_to_its_key():
    # figures.json holds the `c`: the link tells a reviewer which figure "some" stands for, and nothing more.
    s = facts(FIGURES).strategic
    with figure_marks():
        marked = sentence_case(NarrativeFormatter(10).format("{s.no_risk_at_referral:count} episodes.", s=s))
    assert linked_html(marked) == link("strategic.no_risk_at_referral", "Some") + " episodes."
    assert plain_text(marked) == "Some episodes."
    assert linked("{s.trend}", s=s) == link("strategic.trend", "not available")


def test_a_bracketed_share_links_its_number_not_its_brackets():
    s = facts(
        {**FIGURES, "strategic.no_risk_at_referral": 225, "strategic.no_risk_at_referral_pct": Share(31.3, 31)}
    ).strategic
    assert linked("{s.no_risk_at_referral:count} episodes{s.no_risk_at_referral_pct:bracketed_pct}", s=s) == (
        f"{link('strategic.no_risk_at_referral', '225')} episodes ({link('strategic.no_risk_at_referral_pct', '31%')})"
    )
    hidden = facts(FIGURES).strategic
    assert linked("episodes{s.no_risk_at_referral_pct:bracketed_pct}", s=hidden) == "episodes"


def test_outside_figure_marks_nothing_is_marked():
    # Chart titles, alt text and table cells use the same formatter and words without marks.
    s = facts(FIGURES).strategic
    text = NarrativeFormatter(10).format("{s.new_referrals:count} and {s.no_risk_at_referral:count}", s=s)
    assert text == "650 and some"
    assert keyed("strategic.new_referrals", "650") == "650"
    assert figure_text(s.new_referrals, "650") == "650"


@figure_words
def _children(value: object) -> str:
    return f"there were {figure_text(value, f'{int(value):,}')} children"


def test_words_a_section_wrote_are_plain_and_marked_when_a_narrative_formats_them():
    s = facts(FIGURES).strategic
    words = _children(s.new_referrals)  # as a notebook calls it, before Section.say marks anything
    assert isinstance(words, Words)
    assert words == "there were 650 children"
    assert f"{words}" == words
    assert "Total: " + words == "Total: there were 650 children"  # as str, a chart title or alt text reads it
    assert linked("{w}.", w=words) == f"there were {link('strategic.new_referrals', '650')} children."
    with figure_marks():  # called within the marks (key headlines), the marked text itself
        marked = _children(s.new_referrals)
    assert linked_html(marked) == f"there were {link('strategic.new_referrals', '650')} children"
    assert linked("{w}", w=_children(650)) == "there were 650 children"  # a plain number: no key


def test_the_rendered_links_escape_what_they_hold():
    with figure_marks():
        marked = keyed("wards.highest_rate_ward", "Bolton & Undercliffe") + " <had> the highest rate"
    assert linked_html(marked) == (
        link("wards.highest_rate_ward", "Bolton &amp; Undercliffe") + " &lt;had&gt; the highest rate"
    )
    assert linked_markdown("**" + marked) == "**" + link("wards.highest_rate_ward", "Bolton &amp; Undercliffe") + (
        " <had> the highest rate"
    )  # the rest of the Markdown as written


def test_say_links_its_markdown_and_keeps_its_plain_text_plain(monkeypatch):
    shown = []
    monkeypatch.setattr(section_module, "display", lambda data, raw=False: shown.append(data))
    section = Section(
        1, "strategic", "Strategic overview", SimpleNamespace(suppression_threshold=10), published=dict(FIGURES)
    )
    section.say(
        "\n{s.no_risk_at_referral:count} episodes. There were {s.new_referrals:count} new referrals in {year}.\n",
        s=section.figures.strategic,
        year="2015/16",
    )
    assert shown == [
        {
            "text/markdown": (
                f"{link('strategic.no_risk_at_referral', 'Some')} episodes. There were "
                f"{link('strategic.new_referrals', '650')} new referrals in 2015/16."
            ),
            "text/plain": "Some episodes. There were 650 new referrals in 2015/16.",
        }
    ]
    # The template may itself be words a section wrote.
    section.say(_children(section.figures.strategic.children))
    assert shown[-1] == {
        "text/markdown": f"There were {link('strategic.children', '578')} children",
        "text/plain": "There were 578 children",
    }


def test_the_data_quality_part_links_its_numbers_and_stays_plain_outside_the_marks():
    published = {
        "quality.blank_ethnicity_pct": Share(6.1, 6),
        "quality.blank_ward_pct": None,
        "quality.episodes_without_assessment": "c",
        "quality.episodes_without_assessment_pct": "c",
        "quality.episodes_18_or_over_at_referral": 12,
    }
    plain = quality.quality_markdown(published, (), 10)  # as `hub-report` prints it
    with figure_marks():
        marked = quality.quality_markdown(published, (), 10)
    assert plain_text(marked) == plain
    assert not re.search("[<\ue000-\uf8ff]", plain)
    part = linked_markdown(marked)
    assert LINK.findall(part) == [
        ("quality.blank_ethnicity_pct", "6%"),
        ("quality.episodes_without_assessment", "Some"),
        ("quality.episodes_18_or_over_at_referral", "12"),
    ]
    for line in part.splitlines():
        assert unlinked_numbers(line) == [], f"a number with no link in: {line}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,153", 1153),
        ("18%", Share(18.4, 18)),
        ("22.30", 22.3),
        ("less than 1%", 0.3),
        ("more than 99%", 99.6),
        ("1960s", 1963),
        ("Some", "c"),
        ("not available", None),
        ("Great Horton", "Great Horton"),
    ],
)
def test_a_link_reads_as_its_figure(text, value):
    assert reads_as(text, value)


@pytest.mark.parametrize(("text", "value"), [("650", 651.0), ("less than 1%", 0.0), ("1970s", 1963), ("6", None)])
def test_a_link_that_does_not_read_as_its_figure(text, value):
    assert not reads_as(text, value)


# --- The key headlines ------------------------------------------------------------------------------

HEADLINE_FIGURES = {
    "strategic.trend": "still rising",
    "strategic.trend_annual_change_pct": Share(53.2, 53),
    "strategic.trend_lower_pct": Share(45.8, 46),
    "strategic.trend_upper_pct": Share(61.0, 61),
    "strategic.months_in_year": 12,
    "strategic.projected_new_referrals": None,
    "strategic.projected_new_referrals_lower": None,
    "strategic.projected_new_referrals_upper": None,
    "strategic.new_referrals": 650,
    "strategic.new_referrals_change_pct": Share(50.8, 51),
    "strategic.male_children_pct": Share(20.3, 20),
    "strategic.peak_age_female": 15,
    "strategic.peak_age_male": 14,
    "strategic.monthly_average_referrals": 54.2,
    "strategic.previous_monthly_average_referrals": 35.9,
    "strategic.episodes_in_year": 719,
    "strategic.children": 578,
    "strategic.children_referred_more_than_once": 95,
    "tactical.risk_high_pct": 13.7,
    "tactical.risk_medium_pct": 0.3,
    "tactical.risk_low_pct": 99.6,
    "tactical.followup_unchanged_pct": 50.0,
    "tactical.followup_decreased_pct": 30.0,
    "tactical.followup_increased_pct": 20.0,
    "tactical.open_cases": 278,
    "tactical.previous_open_cases": 72,
    "crimes.cse_crimes": 109,
    "crimes.cse_pct": 21.2,
    "crimes.cse_crimes_change_pct": 36.3,
    "crimes.previous_cse_crimes": 80,
    "crimes.non_recent_pct": 16.5,
    "crimes.non_recent_before_cutoff_pct": 5.6,
    "offenders.under_36_pct": 70.1,
    "offenders.under_25_pct": 40.2,
    "offenders.white_pct": 30.0,
    "offenders.asian_pct": 60.0,
    "offenders.ethnicity_not_recorded_pct": 10.0,
    "management.occurrences": 120,
    "management.aged_35_or_under_pct": 55.0,
    "wards.district_average_at_risk": 117.5,
    "wards.district_rate_per_10k": 8.24,
    "wards.highest_rate_ward": "Great Horton",
    "wards.highest_rate_per_10k": 18.86,
    "wards.higher_than_district": "Great Horton; Tong",
}


@pytest.fixture(scope="module")
def params():
    return resolve("2015-16", overrides={"data_dir": "synthetic"})


@pytest.mark.parametrize("slug", ["strategic", "tactical", "crimes", "suspects", "wards"])
def test_a_section_writes_the_same_headlines_with_and_without_marks(slug, params):
    words = importlib.import_module(f"helpers.sections.{slug}.words")
    plain = words.headlines(HEADLINE_FIGURES, params)
    with figure_marks():
        marked = words.headlines(HEADLINE_FIGURES, params)
    assert plain
    assert [plain_text(m) for m in marked] == plain
    for headline in map(linked_html, marked):
        assert {key for key, _ in LINK.findall(headline)} <= set(HEADLINE_FIGURES)
        assert unlinked_numbers(headline) == [], f"a number with no link in: {headline}"


def test_headlines_md_is_plain_and_report_html_links_the_same_words(params):
    headlines = key_headlines(HEADLINE_FIGURES, params)
    assert len(headlines) >= 8
    for headline in headlines:
        assert not re.search("[<\ue000-\uf8ff]", headline.text)
        assert html.unescape(LINK.sub(r"\2", headline.html)) == headline.text
    by_text = {h.text: h.html for h in headlines}
    assert by_text["20% of the children referred to the Hub were boys."] == (
        link("strategic.male_children_pct", "20%") + " of the children referred to the Hub were boys."
    )
    risk = next(h.html for h in headlines if h.text.startswith("A break down of cases open"))
    assert LINK.findall(risk) == [
        ("tactical.risk_high_pct", "14%"),
        ("tactical.risk_medium_pct", "less than 1%"),
        ("tactical.risk_low_pct", "more than 99%"),
    ]
    trend = next(h.html for h in headlines if h.text.startswith("New referrals were still rising"))
    assert LINK.findall(trend) == [
        ("strategic.trend_annual_change_pct", "53%"),
        ("strategic.trend_lower_pct", "46%"),
        ("strategic.trend_upper_pct", "61%"),
    ]
