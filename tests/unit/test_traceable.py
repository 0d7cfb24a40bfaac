"""Every number traceable: in report.html each number of the narrative and of the key headlines links to the
definition of its figure key on technical.html, while headlines.md, chart titles, alt text and tables stay plain."""
from __future__ import annotations

import datetime as dt
import html
import importlib
import json
import pickle
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from helpers import paths, synthetic
from helpers.build import run as build
from helpers.build.headlines import key_headlines
from helpers.display import section as section_module
from helpers.display.formatting import Share
from helpers.display.narrative import (
    NarrativeFormatter,
    facts,
    figure_marks,
    keyed,
    keyed_numbers,
    linked_html,
    linked_markdown,
    plain_text,
    sentence_case,
)
from helpers.display.section import PUBLICATION_ENV, Section
from helpers.params import resolve
from helpers.sections import BY_SLUG

LINK = re.compile(r'<a class="figure" href="technical\.html#([^"]+)">([^<]*)</a>')
NUMBER_SPECS = ("count", "pct", "num1", "whole", "bracketed_pct")  # the specs that write a number
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|December)")
# Numbers a headline may hold without a link, each a fixed part of the words rather than a figure:
NOT_FIGURES = [
    re.compile(rf"\b\d{{1,2}} {MONTH} \d{{4}}\b"),  # dates: the report's periods, set by its parameters
    re.compile(rf"\b{MONTH} \d{{4}}\b"),  # months: the end of the trend's window
    re.compile(r"\b\d{4}[/-]\d{2}\b"),  # financial years: the report's year and the one before
    re.compile(r"\b24 months\b"),  # the trend test's window, fixed by the method
    re.compile(r"\b95% interval\b"),  # the projection's confidence level, fixed by the method
    re.compile(r"\b(?:under the age of|aged) \d+\b"),  # ages in words, fixed by the definitions of the bands
]


def unlinked_numbers(fragment: str) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", LINK.sub(" ", fragment)))
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    return re.findall(r"\d[\d,.]*%?", text)


def link(key: str, text: str) -> str:
    return f'<a class="figure" href="technical.html#{key}">{text}</a>'


def linked(template: str, **values: object) -> str:
    """A template as report.html's narrative has it: formatted within figure_marks, links rendered."""
    with figure_marks():
        return linked_html(NarrativeFormatter(10).format(template, **values))


FIGURES = {"strategic.new_referrals": 650, "strategic.no_risk_at_referral": "c",
           "strategic.no_risk_at_referral_pct": "c", "strategic.children": 578,
           "strategic.male_children_pct": Share(20.3, 20), "strategic.trend": None}


# --- The formatter ----------------------------------------------------------------------------------

def test_a_value_from_a_figures_namespace_links_to_its_key():
    s = facts(FIGURES).strategic
    assert linked("{s.new_referrals:count} new referrals", s=s) == (
        link("strategic.new_referrals", "650") + " new referrals")
    assert linked("{s.male_children_pct:pct} boys", s=s) == link("strategic.male_children_pct", "20%") + " boys"
    # Section.say also hands every figure over as `facts`.
    assert linked("{facts.strategic.children:count}", facts=facts(FIGURES)) == link("strategic.children", "578")


def test_a_plain_value_is_not_linked():
    s = facts(FIGURES).strategic
    assert linked("{n:count} children", n=650) == "650 children"
    # A figure passed as a plain keyword has lost its key: templates write `{s.new_referrals}`, not `{n}`.
    assert linked("{n:count} children", n=s.new_referrals) == "650 children"
    assert linked("{day:date}, {label}", day=dt.date(2016, 3, 29), label="Keighley") == "29 March 2016, Keighley"


def test_the_namespace_gives_the_values_themselves():
    s = facts(FIGURES).strategic
    assert [s.new_referrals, s.trend, s.no_risk_at_referral] == [650, None, "c"]
    assert s.key_of("new_referrals") == "strategic.new_referrals"
    assert vars(s) == {k.split(".", 1)[1]: v for k, v in FIGURES.items()}  # the key prefix is no figure
    assert pickle.loads(pickle.dumps(s)).key_of("children") == "strategic.children"


def test_a_suppressed_value_reads_some_and_links_to_its_key():
    # figures.json holds the `c`: the link tells a reviewer which figure "some" stands for, and nothing more.
    s = facts(FIGURES).strategic
    with figure_marks():
        marked = sentence_case(NarrativeFormatter(10).format("{s.no_risk_at_referral:count} episodes.", s=s))
    assert linked_html(marked) == link("strategic.no_risk_at_referral", "Some") + " episodes."
    assert plain_text(marked) == "Some episodes."
    assert linked("{s.trend}", s=s) == link("strategic.trend", "not available")


def test_a_bracketed_share_links_its_number_not_its_brackets():
    s = facts({**FIGURES, "strategic.no_risk_at_referral": 225,
               "strategic.no_risk_at_referral_pct": Share(31.3, 31)}).strategic
    assert linked("{s.no_risk_at_referral:count} episodes{s.no_risk_at_referral_pct:bracketed_pct}", s=s) == (
        f'{link("strategic.no_risk_at_referral", "225")} episodes ({link("strategic.no_risk_at_referral_pct", "31%")})')
    hidden = facts(FIGURES).strategic
    assert linked("episodes{s.no_risk_at_referral_pct:bracketed_pct}", s=hidden) == "episodes"


def test_outside_figure_marks_nothing_is_marked():
    # Chart titles, alt text and table cells use the same formatter and words without marks.
    s = facts(FIGURES).strategic
    text = NarrativeFormatter(10).format("{s.new_referrals:count} and {s.no_risk_at_referral:count}", s=s)
    assert text == "650 and some"
    assert keyed("strategic.new_referrals", "650") == "650"
    assert keyed_numbers("there were 650 children", {"strategic.new_referrals": "650"}) == "there were 650 children"


def test_numbers_in_words_a_section_wrote_are_linked_only_where_unambiguous():
    with figure_marks():
        found = linked_html(keyed_numbers("there were 1,650 children in 2016, 38% up",
                                          {"a.children": "1,650", "a.change_pct": "38%", "a.year": "16"}))
        assert found == f'there were {link("a.children", "1,650")} children in 2016, {link("a.change_pct", "38%")} up'
        # Two figures reading the same, or one number twice: no link rather than a wrong one.
        assert keyed_numbers("from 38% to 38%", {"a.low": "38%"}) == "from 38% to 38%"
        assert keyed_numbers("38% and 40%", {"a.low": "38%", "a.high": "38%"}) == "38% and 40%"
        assert keyed_numbers("no children", {"a.children": "0"}) == "no children"


def test_the_rendered_links_escape_what_they_hold():
    with figure_marks():
        marked = keyed("wards.highest_rate_ward", "Bolton & Undercliffe") + " <had> the highest rate"
    assert linked_html(marked) == (link("wards.highest_rate_ward", "Bolton &amp; Undercliffe")
                                   + " &lt;had&gt; the highest rate")
    assert linked_markdown("**" + marked) == "**" + link("wards.highest_rate_ward", "Bolton &amp; Undercliffe") + (
        " <had> the highest rate")  # the rest of the Markdown as written


def test_say_links_its_markdown_and_keeps_its_plain_text_plain(monkeypatch):
    shown = []
    monkeypatch.setattr(section_module, "display", lambda data, raw=False: shown.append(data))
    section = Section(1, "strategic", "Strategic overview", SimpleNamespace(suppression_threshold=10),
                      published=dict(FIGURES))
    section.say("\n{s.no_risk_at_referral:count} episodes. There were {s.new_referrals:count} new referrals in "
                "{year}.\n", s=section.figures.strategic, year="2015/16")
    assert shown == [{
        "text/markdown": (f'{link("strategic.no_risk_at_referral", "Some")} episodes. There were '
                          f'{link("strategic.new_referrals", "650")} new referrals in 2015/16.'),
        "text/plain": "Some episodes. There were 650 new referrals in 2015/16.",
    }]


# --- The key headlines ------------------------------------------------------------------------------

HEADLINE_FIGURES = {
    "strategic.trend": "still rising", "strategic.trend_annual_change_pct": Share(53.2, 53),
    "strategic.trend_lower_pct": Share(45.8, 46), "strategic.trend_upper_pct": Share(61.0, 61),
    "strategic.months_in_year": 12, "strategic.projected_new_referrals": None,
    "strategic.projected_new_referrals_lower": None, "strategic.projected_new_referrals_upper": None,
    "strategic.new_referrals": 650, "strategic.new_referrals_change_pct": Share(50.8, 51),
    "strategic.male_children_pct": Share(20.3, 20), "strategic.peak_age_female": 15, "strategic.peak_age_male": 14,
    "strategic.monthly_average_referrals": 54.2, "strategic.previous_monthly_average_referrals": 35.9,
    "strategic.episodes_in_year": 719, "strategic.children": 578, "strategic.children_referred_more_than_once": 95,
    "tactical.risk_high_pct": 13.7, "tactical.risk_medium_pct": 0.3, "tactical.risk_low_pct": 99.6,
    "tactical.followup_unchanged_pct": 50.0, "tactical.followup_decreased_pct": 30.0,
    "tactical.followup_increased_pct": 20.0, "tactical.open_cases": 278, "tactical.previous_open_cases": 72,
    "crimes.cse_crimes": 109, "crimes.cse_pct": 21.2, "crimes.cse_crimes_change_pct": 36.3,
    "crimes.previous_cse_crimes": 80, "crimes.non_recent_pct": 16.5, "crimes.non_recent_before_cutoff_pct": 5.6,
    "offenders.under_36_pct": 70.1, "offenders.under_25_pct": 40.2, "offenders.white_pct": 30.0,
    "offenders.asian_pct": 60.0, "offenders.ethnicity_not_recorded_pct": 10.0, "management.occurrences": 120,
    "management.aged_35_or_under_pct": 55.0,
}


@pytest.fixture(scope="module")
def params():
    return resolve("2015-16", overrides={"data_dir": "synthetic"})


@pytest.mark.parametrize("slug", ["strategic", "tactical", "crimes", "suspects"])
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
        link("strategic.male_children_pct", "20%") + " of the children referred to the Hub were boys.")
    risk = next(h.html for h in headlines if h.text.startswith("A break down of cases open"))
    assert LINK.findall(risk) == [("tactical.risk_high_pct", "14%"), ("tactical.risk_medium_pct", "less than 1%"),
                                  ("tactical.risk_low_pct", "more than 99%")]
    trend = next(h.html for h in headlines if h.text.startswith("New referrals were still rising"))
    assert LINK.findall(trend) == [("strategic.trend_annual_change_pct", "53%"), ("strategic.trend_lower_pct", "46%"),
                                   ("strategic.trend_upper_pct", "61%")]


# --- End to end: one report ---------------------------------------------------------------------------

def reads_as(text: str, value: object) -> bool:
    """Whether a link's text is a reading of the figure's value in figures.json (a count, a whole or one-decimal
    number, a whole percentage rounded once from the exact ratio; `some` for a `c`, `not available` for null)."""
    if value is None:
        return text == "not available"
    if value == "c":
        return text.lower() == "some"
    if isinstance(value, str):
        return text == value
    number = re.fullmatch(r"(\d[\d,]*(?:\.\d)?)%?", text)
    # 0.55: a whole number from a value published to one decimal, itself rounded from the exact ratio.
    return number is not None and abs(float(number[1].replace(",", "")) - abs(float(value))) <= 0.55


def replay_narrative(notebook: Path, params, monkeypatch) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Runs a section notebook's code in this process as the build's kernel ran it, recording every number that a
    count/pct/num1/whole/bracketed_pct spec writes, with the key it was marked with (None: no key), and the
    Markdown of each narrative paragraph shown."""
    written: list[tuple[str | None, str]] = []
    format_field = NarrativeFormatter.format_field

    def recording(self, value, spec):
        text = format_field(self, value, spec)
        if spec in NUMBER_SPECS and plain_text(text).strip(" ()") not in ("", "some", "not available"):
            links = LINK.findall(linked_html(text))
            written.append(links[0] if links else (None, text.strip(" ()")))
        return text

    shown: list[dict] = []
    monkeypatch.setattr(NarrativeFormatter, "format_field", recording)
    monkeypatch.setattr(section_module, "display", lambda data, raw=False: shown.append(data))
    namespace: dict = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(notebook), "exec"), namespace)
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(params.to_mapping())  # what papermill injects after the parameters cell
    return written, [data["text/markdown"] for data in shown if "text/markdown" in data]


def built_narrative(notebook: Path) -> list[str]:
    """The Markdown of the narrative paragraphs of an executed notebook, in order."""
    return [output["data"]["text/markdown"] for cell in nbformat.read(notebook, as_version=4).cells
            for output in cell.get("outputs", []) if "text/markdown" in output.get("data", {})]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=7), data, "cse")
    params = resolve("2015-16", overrides={"data_dir": str(data)})
    out_root = tmp_path_factory.mktemp("outputs")
    folder = build.build(params, out_root, only=["strategic", "crimes"])
    # The report as the build handed it to the section kernels, from the year the build decided (outputs/.cache).
    (year,) = out_root.glob(".cache/year-2015-16-*.pickle")
    publication = tmp_path_factory.mktemp("publication") / "report.pickle"
    publication.write_bytes(pickle.dumps(pickle.loads(year.read_bytes()).report(params)))
    return params, folder, publication


@pytest.mark.e2e
def test_every_figure_link_names_a_published_and_defined_key(report):
    _, folder, _ = report
    page, notes = (folder / "report.html").read_text(), (folder / "technical.html").read_text()
    figures = json.loads((folder / "figures.json").read_text())
    links = LINK.findall(page)
    assert len(links) > 20
    for key, text in links:
        assert key in figures, f"{key} is linked but not in figures.json"
        assert f'<dt id="{key}">' in notes, f"{key} is linked but not defined in technical.html"
        assert reads_as(html.unescape(text), figures[key]), f"{text!r} links to {key}, which is {figures[key]!r}"


@pytest.mark.e2e
def test_every_number_the_narrative_specs_write_is_linked(report, monkeypatch):
    """Which numbers of a paragraph a spec wrote cannot be read off report.html: a section's words put numbers
    into the sentences they hand to a template (the crimes section writes "109 crimes" so), and those carry no
    key. So each section notebook is run again here, in this process, on the same publication, recording every
    number a spec writes; the run must show the very narrative the build published, every number it recorded
    must carry a key, and report.html's narrative must hold each as a link."""
    params, folder, publication = report
    monkeypatch.setenv(PUBLICATION_ENV, str(publication))
    page = (folder / "report.html").read_text()
    narrative = "".join(re.findall(r'<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output"'
                                   r'[^>]*>(.*?)</div>', page, flags=re.S))
    in_report, recorded = Counter(LINK.findall(narrative)), 0
    for slug in ("strategic", "crimes"):
        notebook = BY_SLUG[slug].notebook
        written, shown = replay_narrative(paths.notebooks_dir() / notebook, params, monkeypatch)
        recorded += len(written)
        assert shown == built_narrative(folder / "sections" / notebook), f"{notebook} ran differently"
        assert [text for key, text in written if key is None] == [], f"{notebook} writes numbers with no key"
        missing = Counter((key, html.escape(text)) for key, text in written) - in_report
        assert not missing, f"numbers of {notebook} not linked in report.html: {sorted(missing)}"
    assert recorded >= 10  # the strategic narrative alone writes a dozen numbers by its specs


@pytest.mark.e2e
def test_the_headlines_link_their_numbers_and_headlines_md_stays_plain(report):
    _, folder, _ = report
    page = (folder / "report.html").read_text()
    plain = [line[2:] for line in (folder / "headlines.md").read_text().splitlines() if line.startswith("- ")]
    items = re.findall(r"<li>(.*?) <a href=\"#[^\"]+\">See [^<]+</a></li>",
                       re.search(r'<ul class="headlines">(.*?)</ul>', page, flags=re.S)[1])
    assert len(plain) >= 5
    assert len(items) == len(plain)
    for text, item in zip(plain, items, strict=True):
        assert not re.search("[<\ue000-\uf8ff]", text)
        assert html.unescape(LINK.sub(r"\2", item)) == text
        assert LINK.search(item), f"no number linked in: {text}"
        assert unlinked_numbers(item) == [], f"a number with no link in: {text}"
    assert not PRIVATE_USE.search(page)
