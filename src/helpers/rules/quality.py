"""Data quality: what a reader should know about the extracts behind the figures.

These are warnings, not errors: the figures are still computed, and the report's "Data quality"
part states each share so that a reader can weigh the figures that depend on it, and how the
figures treat the records a plausibility note (`schema.VALUE_RULES`) lets through. Everything is
published through disclosure control like any other figure.
"""

from __future__ import annotations

import pandas as pd

from helpers.disclosure.declare import Quantity, SectionPublication, count, plain, ratio, share
from helpers.display.formatting import percentage
from helpers.display.narrative import NarrativeFormatter, facts, sentence_case
from helpers.inputs.loading import age_limit_breaks
from helpers.inputs.reference import NOT_RECORDED, Reference
from helpers.inputs.schema import CHILD_AT_REFERRAL, EARLIEST_LIFE_DATE, EARLIEST_RECORD_DATE, Extracts
from helpers.params import Params
from helpers.rules.calendar import period_quantity
from helpers.rules.crimes import CRIMES_RECORDED
from helpers.rules.episodes import EPISODES_IN_YEAR, in_period

DEFINITIONS: dict[str, str] = {
    "quality.blank_ethnicity_pct": "Episodes in year whose ethnicity is blank or a not-recorded category, as a "
    "percentage of episodes in year.",
    "quality.blank_ward_pct": "Episodes in year with no home ward recorded (not out of area), as a percentage "
    "of episodes in year.",
    "quality.episodes_without_assessment": "Episodes in year with no risk assessment at all.",
    "quality.episodes_without_assessment_pct": "The same as a percentage of episodes in year.",
    "quality.crimes_without_committed_date": "Crimes recorded in the crime period with no committed date.",
    "quality.crimes_without_committed_date_pct": "The same as a percentage of crimes recorded in the period.",
    "quality.episodes_18_or_over_at_referral": "Episodes in year whose child was 18 to 24 at referral (start_date); "
    "they are counted in every figure and shown in the '18 or over' row or band of the age tables.",
}


def no_data_in_year(extracts: Extracts, params: Params) -> str | None:
    """Why the year cannot be reported, or None when it can.

    A year has data when some episode started or ended in it, or some assessment was made in it.
    Open episodes alone do not count: an extract taken in 2021 says nothing about 2030.
    """
    start, end = (pd.Timestamp(d) for d in params.period)
    dates = pd.concat(
        [extracts.episodes["start_date"], extracts.episodes["end_date"], extracts.risk_assessments["assessment_date"]]
    ).dropna()
    if dates.between(start, end).any():
        return None
    span = f"run from {dates.min():%d %B %Y} to {dates.max():%d %B %Y}" if len(dates) else "hold no dates"
    return (
        f"the extracts hold no record dated in the reporting year {params.reporting_year} "
        f"({start:%d %B %Y} to {end:%d %B %Y}): their episodes and assessments {span}"
    )


def quality_publication(extracts: Extracts, reference: Reference, params: Params) -> SectionPublication:
    """The data-quality shares of the report's populations, episodes in year and crimes in the crime period,
    declared for the disclosure engine: their denominators are the counts the sections publish."""
    episodes = extracts.episodes[in_period(extracts.episodes, *params.period)]
    in_year = period_quantity(EPISODES_IN_YEAR, params.period)
    blank_ethnicity = int((reference.broad_group(episodes["ethnicity"]) == NOT_RECORDED).sum())
    blank_ward = int(episodes["ward_code"].isna().sum())
    without_assessment = int((~episodes["episode_id"].isin(extracts.risk_assessments["episode_id"])).sum())
    total = len(episodes)
    quantities = [Quantity(in_year, total), Quantity("quality.blank_ethnicity", blank_ethnicity)]
    figures = [
        ratio(
            "quality.blank_ethnicity_pct", percentage(blank_ethnicity, total), share("quality.blank_ethnicity", in_year)
        )
    ]
    if params.area:
        figures.append(
            plain(
                "quality.blank_ward_pct",
                None,
                why_missing="an area report counts only children with a ward in the area",
            )
        )
    else:
        quantities.append(Quantity("quality.blank_ward", blank_ward))
        figures.append(
            ratio("quality.blank_ward_pct", percentage(blank_ward, total), share("quality.blank_ward", in_year))
        )
    figures += [
        count("quality.episodes_without_assessment", without_assessment),
        ratio(
            "quality.episodes_without_assessment_pct",
            percentage(without_assessment, total),
            share("quality.episodes_without_assessment", in_year),
        ),
        count("quality.episodes_18_or_over_at_referral", int(age_limit_breaks(CHILD_AT_REFERRAL, episodes).sum())),
    ]
    if extracts.crimes is not None:
        start, end = (pd.Timestamp(d) for d in params.crime_period)
        crimes = extracts.crimes[extracts.crimes["recorded_date"].between(start, end)]
        recorded = period_quantity(CRIMES_RECORDED, params.crime_period)
        undated = int(crimes["committed_date"].isna().sum())
        quantities.append(Quantity(recorded, len(crimes)))
        figures += [
            count("quality.crimes_without_committed_date", undated),
            ratio(
                "quality.crimes_without_committed_date_pct",
                percentage(undated, len(crimes)),
                share("quality.crimes_without_committed_date", recorded),
            ),
        ]
    return SectionPublication("quality", figures=figures, quantities=quantities)


def quality_markdown(published: dict[str, object], notes: tuple[str, ...], threshold: int) -> str:
    """The report's "Data quality" part, from the published quality figures and the loader's notes; within
    figure_marks() each figure's number is marked with its key, for report.html's link to its definition."""
    q = facts(published).quality
    say = NarrativeFormatter(threshold).format
    lines = [say("- Ethnicity was not recorded for {p:pct} of the episodes in the year.", p=q.blank_ethnicity_pct)]
    if q.blank_ward_pct is not None:
        lines.append(
            say(
                "- No home ward was recorded for {p:pct} of the episodes in the year (among them records "
                "kept confidential); children placed out of area are not counted here.",
                p=q.blank_ward_pct,
            )
        )
    lines.append(
        say(
            "- {n:count} episodes in the year{p:bracketed_pct} had no risk assessment; their risk level is Not set.",
            n=q.episodes_without_assessment,
            p=q.episodes_without_assessment_pct,
        )
    )
    if hasattr(q, "crimes_without_committed_date"):
        lines.append(
            say(
                "- {n:count} crimes recorded in the crime period{p:bracketed_pct} had no committed date; they "
                "are not counted as non-recent.",
                n=q.crimes_without_committed_date,
                p=q.crimes_without_committed_date_pct,
            )
        )
    adults = q.episodes_18_or_over_at_referral
    lines.append(
        "- No episode in the year was of a young person aged 18 or over at referral."
        if adults == 0
        else say(
            "- Episodes in the year of young adults aged 18 to 24 at referral (transitional safeguarding): "
            "{n:count}. They are counted in every figure and shown in the '18 or over' row or band of the "
            "age tables.",
            n=adults,
        )
    )
    lines.append(
        f"- Every record passed the plausibility rules of the input contract: ages a person can have, no "
        f"birth or offence before {EARLIEST_LIFE_DATE.year} and no other record before "
        f"{EARLIEST_RECORD_DATE.year}, no date after the day of the build, one date of birth per child, "
        "periods and offences in date order. A record that breaks one stops the build."
    )
    lines = [sentence_case("\n".join(lines))] + [f"- {note}" for note in notes]
    return (
        "## Data quality\n\nThese shares describe the extracts behind the figures. They are warnings: "
        "the figures in the sections include these records.\n\n" + "\n".join(lines)
    )
