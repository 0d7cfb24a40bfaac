"""Words the crimes and the offenders sections share: where a report is about, why a part is missing, and
published counts and shares as phrases that read right for 0, 1, a suppressed value and 100%.

A `c` may hide a count of any size (the disclosure engine hides large counts too, so that a small one
cannot be worked out), so a suppressed value is called suppressed, never "fewer than" anything. A number
written from a published figure is marked with its key, for report.html's link (helpers.display.narrative).
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.display.formatting import SUPPRESSED, pct_text
from helpers.display.narrative import figure_text, figure_words
from helpers.params import Params

DISTRICT_NAME = "Bradford district"
MISSING_CRIMES = (
    "The police crime extract was not supplied for this report, so CSE crimes and the persons linked "
    "to them cannot be shown."
)
MISSING_SUSPECTS = (
    "The police extract of persons linked to crimes was not supplied for this report, so the "
    "suspects and offenders linked to CSE crimes cannot be shown."
)
NOT_SHOWN = "Not shown: an extract it needs was not supplied (see the note at the start of this section)."
MISSING_MANAGEMENT = (
    "The police suspect management extract was not supplied for this report, so managed suspects cannot be shown."
)


def scope_name(params: Params) -> str:
    """`the Bradford district` or `the Bradford South area`."""
    return f"the {params.area} area" if params.area else f"the {DISTRICT_NAME}"


def in_scope(params: Params) -> str:
    """`In the Bradford South area`: how an area pack's prose names its area."""
    return f"In {scope_name(params)}"


def area_note(params: Params) -> str:
    """What an area report counts; nothing for the whole district."""
    if not params.area:
        return ""
    return (
        f"This is an area report: only crimes committed in the wards of the {params.area} area are counted, "
        "so crimes committed outside the district or at an unknown place are left out."
    )


def missing_note(facts: Mapping[str, object], needs_suspects: bool = False) -> str | None:
    """Why a part of the report cannot be shown (an extract it needs was not supplied), or None."""
    if not facts.get("crimes_supplied"):
        return MISSING_CRIMES
    if needs_suspects and not facts.get("suspects_supplied"):
        return MISSING_SUSPECTS
    return None


@figure_words
def number_of(
    value: object, singular: str = "", plural: str | None = None, verbs: tuple[str, str] | None = None
) -> str:
    """A published count with its noun and verb: `109 CSE crimes were`, `1 CSE crime was`, `no CSE crimes were`,
    `a suppressed number of CSE crimes were`. Without a noun: `109`, `1`, `none`, `a suppressed number`."""
    plural = plural if plural is not None else (f"{singular}s" if singular else "")
    one = value not in (None, SUPPRESSED) and int(value) == 1
    verb = "" if verbs is None else f" {verbs[0] if one else verbs[1]}"
    if value is None:
        words = f"an unknown number of {plural}" if plural else "an unknown number"
    elif value == SUPPRESSED:
        words = f"a suppressed number of {plural}" if plural else "a suppressed number"
    elif int(value) == 0:
        words = f"no {plural}" if plural else "none"
    else:
        words = f"{figure_text(value, f'{int(value):,}')} {singular if one else plural}".rstrip()
    return words + verb


@figure_words
def share_phrase(value: object) -> str:
    """A published share in a sentence: `21%`, `a suppressed share`, `an unknown share`."""
    if value is None:
        return "an unknown share"
    if value == SUPPRESSED:
        return "a suppressed share"
    return figure_text(value, pct_text(float(value)))


@figure_words
def bracketed_share(value: object) -> str:
    """` (21%)` after a count; nothing when the share is suppressed or unknown, as the count says it all."""
    if value is None or value == SUPPRESSED:
        return ""
    return f" ({figure_text(value, pct_text(float(value)))})"
