"""Words of the tactical snapshot that have to be worked out: chart titles that state a finding, alt text, the
sentences whose shape depends on the values (none, one, all, a suppressed value) and the key headlines.

They read the *published* (suppressed) tables and figures only, so no sentence can reveal a suppressed
number. A `c` may hide a cell of any size (a secondary suppression protects another cell), so a hidden
value is named as suppressed, never read as "fewer than 10", and a largest group is named only when the
published total bounds every hidden one below it. A number a sentence shows is a published figure, or a
table cell that a figure repeats (`figure_cell`), so that report.html links it to its definition; the
sentences of the narrative are `@figure_words` (helpers.display.narrative). The narrative around these
words is in the notebook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from helpers.disclosure.model import PublishedTable
from helpers.display.formatting import SUPPRESSED, date_text
from helpers.display.narrative import figure_text, figure_value, figure_words, is_known
from helpers.display.words import (
    cell_words,
    largest_row,
    listing,
    number_words,
    pct_words,
    published_number,
    published_rows,
    sentence,
)
from helpers.inputs.reference import BROAD_GROUPS, NOT_RECORDED, NOT_SET
from helpers.params import Params, add_months
from helpers.rules.labels import GRAND_TOTAL, TOTAL
from helpers.sections.tactical.measures import (
    CLOSED,
    DIRECTIONS,
    EARLIER,
    FOLLOWUP_KEYS,
    FOLLOWUP_MONTHS,
    IN_LINE,
    NEVER,
    OPEN_SHARE,
    OUT_OF_AREA_LABEL,
    OVER,
    POPULATION_SHARE,
    PREVIOUSLY,
    STATUS_ROWS,
    UNDER,
    ethnicity_key,
    level_key,
    male_level_key,
    other_group_key,
    place_key,
    status_key,
    transition_key,
)

FOLLOWUP_SHARES = FOLLOWUP_KEYS[:3]  # the shares unchanged, decreased and increased, in the order of DIRECTIONS
CURRENT_STATUS = "a child in need, subject to a child protection plan or looked after"


# --- Reading published values -------------------------------------------------------------------


def cell(table: PublishedTable, label: str, column: str) -> object:
    """One published cell, found by the label in the first column: a number, `c`, or None (no such row)."""
    rows = table.cells.index[table.cells.iloc[:, 0] == label]
    return table.cells.at[rows[0], column] if len(rows) else None


def figure_cell(table: PublishedTable, label: str, column: str, key: str) -> object:
    """A published cell that figure `key` repeats, remembering the key, so that a sentence showing it links it."""
    return figure_value(cell(table, label, column), key)


def figure(figures: Mapping[str, object], key: str) -> object:
    """A published figure by its key, remembering the key."""
    return figure_value(figures.get(key), key)


def level_words(level: str, no_risk_level: str) -> str:
    """`at high risk`, `not at risk`, `with no risk level set`."""
    if level == no_risk_level:
        return "not at risk"
    if level == NOT_SET:
        return "with no risk level set"
    return f"at {level.lower()} risk"


def where(area: str | None) -> str:
    """` in the Keighley area` for an area pack; nothing for the district."""
    return f" in the {area} area" if area else ""


def whose(area: str | None) -> str:
    """`the Keighley area's` or `the district's`."""
    return f"the {area} area's" if area else "the district's"


def _suppressed_tail(noun: str, names: list[str]) -> str:
    """`the share at high risk is suppressed`, `the shares at high risk and at low risk are suppressed`."""
    if len(names) == 1:
        return f"the {noun} {names[0]} is suppressed"
    return f"the {noun}s {listing(names)} are suppressed"


def _amount(share: object, number: object, whole: object) -> str:
    """A part of a whole in words: `none` (its count is 0), `all` (its count is the whole), else its share."""
    if number == 0:
        return "none"
    if is_known(number, whole) and number == whole:
        return "all"
    return pct_words(share)


def of_open_cases(share: object, number: object, whole: object) -> str:
    """`15% of open cases`, `all the open cases`, `none of the open cases`."""
    amount = _amount(share, number, whole)
    if amount == "all":
        return "all the open cases"
    return "none of the open cases" if amount == "none" else f"{amount} of open cases"


def share_listing(items: list[tuple[object, object, str]], whole: object, verb: str = "were") -> str:
    """`15% were at high risk, none at medium risk and 85% at low risk (the share at X is suppressed)`.

    Each item is (published share, published count, words); a suppressed share is named after the list
    rather than given a number. The first value shown takes the verb.
    """
    shown = [(share, number, words) for share, number, words in items if share != SUPPRESSED]
    hidden = [words for share, _, words in items if share == SUPPRESSED]
    parts = [
        f"{_amount(share, number, whole)} {verb + ' ' if position == 0 else ''}{words}"
        for position, (share, number, words) in enumerate(shown)
    ]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("share", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


def count_listing(items: list[tuple[object, str]], verb: str = "were") -> str:
    """`1 was at high risk, 38 at medium risk and none at low risk (the number at X is suppressed)`."""
    shown = [(number, words) for number, words in items if number != SUPPRESSED]
    hidden = [words for number, words in items if number == SUPPRESSED]
    first_verb = "was" if shown and shown[0][0] == 1 and verb == "were" else verb
    parts = [
        f"{'none' if number == 0 else figure_text(number, f'{int(number):,}')} "
        f"{first_verb + ' ' if position == 0 and verb else ''}{words}"
        for position, (number, words) in enumerate(shown)
    ]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("number", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


# --- Open cases and their risk levels ------------------------------------------------------------


@figure_words
def there_were(value: object, singular: str = "child", plural: str = "children") -> str:
    """`there were 278 children`, `there was 1 child`, `there were no children`, `there were a suppressed number
    of children`."""
    if value == SUPPRESSED:
        return f"there were a suppressed number of {plural}"
    return f"there {'was' if int(value) == 1 else 'were'} {number_words(value, singular, plural)}"


@figure_words
def compared_with(previous: object, day: dt.date) -> str:
    """`, compared with 72 on 29 March 2015`; nothing when there is no count a year earlier."""
    if previous is None:
        return ""
    if previous == SUPPRESSED:
        return f", compared with a suppressed number on {date_text(day)}"
    return (
        f", compared with {'none' if previous == 0 else figure_text(previous, f'{int(previous):,}')} on "
        f"{date_text(day)}"
    )


@figure_words
def risk_mix(risk: PublishedTable, levels: tuple[str, ...]) -> str:
    """`Of these, 15% were at high risk, 44% at medium risk and 36% at low risk. A further 6% were assessed as
    not at risk.` from the risk level table; nothing when no child was open."""
    whole = cell(risk, TOTAL, "Children")
    if whole == 0:
        return ""
    no_risk = levels[-1]
    items = [
        (
            figure_cell(risk, level, OPEN_SHARE, level_key(level, "_pct")),
            cell(risk, level, "Children"),
            level_words(level, no_risk),
        )
        for level in levels[:-1]
    ]
    words = [f"Of these, {share_listing(items, whole)}."]
    for level, what in ((no_risk, "were assessed as not at risk"), (NOT_SET, "had no risk level set on that day")):
        share, number = figure_cell(risk, level, OPEN_SHARE, level_key(level, "_pct")), cell(risk, level, "Children")
        if number == 0 and level == NOT_SET:
            continue
        if share == SUPPRESSED:
            words.append(f"The share who {what} is suppressed.")
        elif number == 0:
            words.append(f"None {what}.")
        elif level == NOT_SET:
            words.append(sentence(f"{_amount(share, number, whole)} {what}."))
        else:
            words.append(f"A further {_amount(share, number, whole)} {what}.")
    return " ".join(words)


def risk_level_finding(risk: PublishedTable, levels: tuple[str, ...], day: dt.date, area: str | None) -> str:
    """Chart title: the most common level on the snapshot day, when the published values show it."""
    rows = published_rows(risk.cells, (TOTAL,))
    top = largest_row(rows, "Children", [*levels, NOT_SET], total=cell(risk, TOTAL, "Children"))
    if top is None:
        return f"Risk level of the children open{where(area)} on {date_text(day)}"
    share = cell(risk, top, OPEN_SHARE)
    tail = f": {pct_words(share)} of open cases" if is_known(share) else ""
    return f"{top} was the most common risk level{where(area)} on {date_text(day)}{tail}"


def risk_level_alt_text(risk: PublishedTable, day: dt.date, area: str | None) -> str:
    """Alt text of the risk level chart: the children at each level."""
    parts = "; ".join(
        f"{r['Risk level']}: {cell_words(r['Children'])}" for r in _records(published_rows(risk.cells, (TOTAL,)))
    )
    return (
        f"Bar chart of the children open to the Hub{where(area)} on {date_text(day)} by risk level, most serious "
        f"first. {parts}; in all: {cell_words(cell(risk, TOTAL, 'Children'))}."
    )


# --- Girls and boys ------------------------------------------------------------------------------


@figure_words
def boys_sentences(male_pct: object, by_gender: PublishedTable, levels: tuple[str, ...]) -> str:
    """`13% of open cases were boys. Of the boys, 46% were at medium risk ...`; nothing when no child was open."""
    whole, boys = cell(by_gender, TOTAL, TOTAL), cell(by_gender, TOTAL, "Male")
    if whole == 0:
        return ""
    if boys == 0:
        return "None of the open cases were boys."
    if male_pct == SUPPRESSED:
        first = "The share of open cases who were boys is suppressed."
    else:
        first = sentence(f"{of_open_cases(male_pct, boys, whole)} were boys.")
    items = [
        (
            figure_cell(by_gender, level, "% of boys", male_level_key(level)),
            cell(by_gender, level, "Male"),
            level_words(level, levels[-1]),
        )
        for level in (*levels, NOT_SET)
        if cell(by_gender, level, "Male") != 0
    ]
    return f"{first} Of the boys, {share_listing(items, boys)}."


def gender_finding(
    male_pct: object, by_gender: PublishedTable, levels: tuple[str, ...], day: dt.date, area: str | None
) -> str:
    """Chart title: the boys' share of open cases and, when the published values show it, their most common level."""
    if not is_known(male_pct) or cell(by_gender, TOTAL, "Male") == 0:
        return f"Risk level of girls and boys open{where(area)} on {date_text(day)}"
    boys = f"Boys were {pct_words(male_pct)} of open cases{where(area)} on {date_text(day)}"
    rows = published_rows(by_gender.cells, (TOTAL,))
    top = largest_row(rows, "Male", [*levels, NOT_SET], total=cell(by_gender, TOTAL, "Male"))
    return boys if top is None else f"{boys}, most often {level_words(top, levels[-1])}"


def gender_alt_text(by_gender: PublishedTable) -> str:
    """Alt text of the gender chart: each level's share of the girls and of the boys."""
    parts = "; ".join(
        f"{r['Risk level']}: girls {_pct_cell(r['% of girls'])}, boys {_pct_cell(r['% of boys'])}"
        for r in _records(published_rows(by_gender.cells, (TOTAL,)))
    )
    return (
        "Bar chart of the percentage of the girls and of the boys open to the Hub at each risk level, side by "
        f"side. {parts}."
    )


def _records(rows: pd.DataFrame) -> list[dict[str, object]]:
    """Rows of a published table as dicts: a cell that does not apply stays None (a row Series may turn it to NaN)."""
    return rows.to_dict("records")


def _pct_cell(value: object) -> str:
    """A published percentage cell in alt text: `52.7%`, `suppressed`, `not applicable`."""
    if value == SUPPRESSED:
        return "suppressed"
    if published_number(value) is None:
        return "not applicable"
    return f"{float(value):.1f}%"


# --- A year earlier ------------------------------------------------------------------------------


@figure_words
def risk_mix_year_earlier(
    figures: Mapping[str, object], levels: tuple[str, ...], previous_day: dt.date, previous_covered: bool
) -> str:
    """`Compared with the same day a year earlier (29 March 2015), the share of open cases at high risk was 15%
    against 13%, ...`, naming any pair that is suppressed, or why there is no comparison."""
    if not previous_covered:
        return (
            f"The data starts after {date_text(previous_day)}, so the risk levels cannot be compared with a "
            "year earlier."
        )
    now_day = add_months(previous_day, 12)
    for total, day in (("tactical.previous_open_cases", previous_day), ("tactical.open_cases", now_day)):
        if figures.get(total) == 0:
            return f"No child was open to the Hub on {date_text(day)}, so there are no risk levels to compare."
    earlier = f"the same day a year earlier ({date_text(previous_day)})"
    pairs = [
        (
            figure(figures, level_key(level, "_pct")),
            figure(figures, level_key(level, "_pct", EARLIER)),
            level_words(level, levels[-1]),
        )
        for level in levels[:-1]
    ]
    known = [(now, then, words) for now, then, words in pairs if is_known(now, then)]
    hidden = [words for now, then, words in pairs if not is_known(now, then)]
    if not known:
        return f"Compared with {earlier}, the shares of open cases by risk level are suppressed."
    shown = [
        f"{words}{' was' if position == 0 else ''} {pct_words(now)} against {pct_words(then)}"
        for position, (now, then, words) in enumerate(known)
    ]
    tail = f" ({_suppressed_tail('comparison', hidden)})" if hidden else ""
    return f"Compared with {earlier}, the share of open cases {listing(shown)}{tail}."


# --- After the snapshot day ----------------------------------------------------------------------


@figure_words
def followup_words(change: PublishedTable) -> str:
    """`for 71% of the children the risk level remained unchanged, 21% had had their risk level decreased or
    their case closed and 8% had seen it increase`, from the published table, naming any share that is
    suppressed."""
    whole = cell(change, TOTAL, "Children")
    if whole == 0:
        return "no child had a risk level set on both days to compare"
    shares = [
        (figure_cell(change, direction, "% of children compared", key), cell(change, direction, "Children"))
        for direction, key in zip(DIRECTIONS, FOLLOWUP_SHARES, strict=True)
    ]
    items = [
        (*shares[0], "the risk level remained unchanged", "unchanged"),
        (*shares[1], "had had their risk level decreased or their case closed", "decreased"),
        (*shares[2], "had seen their risk level increase", "increased"),
    ]
    parts = [
        f"for {_amount(share, number, whole)} of the children {words}"
        if name == "unchanged"
        else f"{_amount(share, number, whole)} {words}"
        for share, number, words, name in items
        if share != SUPPRESSED
    ]
    hidden = [name for share, _, _, name in items if share == SUPPRESSED]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("share", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


@figure_words
def closed_sentence(closed: object, followup: dt.date, open_cases: object) -> str:
    """How many children were no longer open by the follow-up day; nothing when no child was open."""
    day = date_text(followup)
    if open_cases == 0:
        return ""
    if closed == SUPPRESSED:
        return f"The number of children no longer open to the Hub by {day} is suppressed."
    if closed == 0:
        return f"Every one of these children was still open to the Hub on {day}."
    return (
        f"{number_words(closed, 'child', 'children')} {'was' if closed == 1 else 'were'} no longer open to the "
        f"Hub by {day}, suggesting that their risks had been reduced."
    )


@figure_words
def not_set_sentence(not_set: object) -> str:
    """The children left out of the percentages because a risk level was not set; nothing when there were none."""
    if not_set == 0 or not_set is None:
        return ""
    if not_set == SUPPRESSED:
        return (
            "Children with no risk level set on one of the two days are left out of these percentages (their "
            "number is suppressed)."
        )
    return (
        f"{number_words(not_set, 'child', 'children')} with no risk level set on one of the two days "
        f"{'is' if not_set == 1 else 'are'} left out of these percentages."
    )


@figure_words
def top_level_movement(moves: PublishedTable, levels: tuple[str, ...]) -> str:
    """What became of the children at the most serious level, and how many rose to it, from the table."""
    top, at_top = levels[0], level_words(levels[0], levels[-1])
    children = figure_cell(moves, top, "Children", level_key(top))
    if children == 0:
        words = f"No child was {at_top} on the snapshot day."
    else:
        if children == SUPPRESSED:
            head = f"Of the children {at_top} on the snapshot day (their number is suppressed)"
        else:
            head = f"Of the {number_words(children, 'child', 'children')} {at_top} on the snapshot day"
        became = [
            (figure_cell(moves, top, top, transition_key(top, top)), f"still {at_top}"),
            (figure_cell(moves, top, CLOSED, transition_key(top, CLOSED)), "closed"),
        ]
        shown, hidden = _became_words(became)
        if not shown:
            names = [what for number, what in became if number == SUPPRESSED]
            words = (
                f"{head}, the numbers {listing(names)} by the follow-up day are suppressed."
                if len(names) > 1
                else f"{head}, the number {names[0]} by the follow-up day is suppressed."
            )
        else:
            words = f"{head}, {shown} by the follow-up day{f' ({hidden})' if hidden else ''}."
    risen = [
        (figure_cell(moves, level, top, transition_key(level, top)), f"from {level.lower()}")
        for level in moves.cells.iloc[:, 0]
        if level not in (top, GRAND_TOTAL) and cell(moves, level, top) != 0
    ]
    if risen:
        words += f" Children whose risk had risen to {top.lower()}: {count_listing(risen, verb='')}."
    return words


def _became_words(became: list[tuple[object, str]]) -> tuple[str, str]:
    """(`27 were still at high risk and 2 had been closed`, `the number closed is suppressed`)."""
    parts = []
    for number, what in became:
        if number != SUPPRESSED:
            verb = "had been" if what == "closed" else "was" if number in (0, 1) else "were"
            parts.append(f"{'none' if number == 0 else figure_text(number, f'{int(number):,}')} {verb} {what}")
    hidden = [what for number, what in became if number == SUPPRESSED]
    return listing(parts), _suppressed_tail("number", hidden) if hidden else ""


def transition_finding(unchanged_pct: object, followup: dt.date, area: str | None) -> str:
    """Chart title: the share of children whose level was unchanged."""
    if not is_known(unchanged_pct):
        return f"Risk level of the children open{where(area)} on the snapshot day and on {date_text(followup)}"
    return (
        f"The risk level of {pct_words(unchanged_pct)} of the children{where(area)} was unchanged by "
        f"{date_text(followup)}"
    )


def transition_alt_text(moves: PublishedTable, followup: dt.date) -> str:
    """Alt text of the heat map: each row's children by their level on the follow-up day."""
    columns = list(moves.cells.columns[2:])
    parts = "; ".join(
        f"{r[moves.cells.columns[0]]} ({cell_words(r['Children'])}): "
        + ", ".join(f"{cell_words(r[c])} {c.lower() if c == CLOSED else 'at ' + c}" for c in columns)
        for r in _records(published_rows(moves.cells, (GRAND_TOTAL,)))
    )
    return (
        "Heat map of the children open on the snapshot day by their risk level that day (rows) and on "
        f"{date_text(followup)} (columns), each cell labelled with its number of children. {parts}."
    )


# --- Ethnicity ------------------------------------------------------------------------------------


@figure_words
def ethnicity_sentence(ethnic: PublishedTable, day: dt.date, area: str | None) -> str:
    """`Of the children open to the Hub on 29 March 2016, 68% were White, 10% Asian and 9% of mixed heritage.`"""
    whole = cell(ethnic, TOTAL, "Children")
    if whole == 0:
        return f"No child was open to the Hub{where(area)} on {date_text(day)}."
    groups = [("White", "White"), ("Asian", "Asian"), ("Mixed", "of mixed heritage")]
    items = [
        (figure_cell(ethnic, group, OPEN_SHARE, ethnicity_key(group)), cell(ethnic, group, "Children"), words)
        for group, words in groups
    ]
    return f"Of the children open to the Hub{where(area)} on {date_text(day)}, {share_listing(items, whole)}."


def _groups_compared(ethnic: PublishedTable, verdict: str) -> list[str]:
    return [group for group in BROAD_GROUPS if cell(ethnic, group, "Compared with population") == verdict]


def groups_differ(ethnic: PublishedTable) -> bool:
    """Whether a published comparison shows a broad group over- or under-represented among open cases."""
    return bool(_groups_compared(ethnic, OVER) or _groups_compared(ethnic, UNDER))


def representation_sentence(ethnic: PublishedTable) -> str:
    """`White and Other children were over-represented among open cases, and Asian children under-represented,
    compared with the district's under-18 population.`, naming the groups whose comparison is suppressed."""
    if cell(ethnic, TOTAL, "Children") == 0:
        return ""
    over, under = _groups_compared(ethnic, OVER), _groups_compared(ethnic, UNDER)
    hidden = _groups_compared(ethnic, SUPPRESSED)
    tail = f" The comparison for {listing(hidden)} children is suppressed." if hidden else ""
    if over or under:
        parts = ([f"{listing(over)} children were over-represented among open cases"] if over else []) + (
            [f"{listing(under)} children {'' if over else 'were '}under-represented"] if under else []
        )
        return ", and ".join(parts) + ", compared with the district's under-18 population." + tail
    in_line = _groups_compared(ethnic, IN_LINE)
    if not hidden:
        return (
            "No broad ethnic group was over- or under-represented among open cases, compared with the "
            "district's under-18 population."
        )
    if in_line:
        return (
            f"{listing(in_line)} children were in line with the district's under-18 population among open cases.{tail}"
        )
    return f"The comparison with the district's under-18 population is suppressed for {listing(hidden)} children."


def ethnicity_finding(ethnic: PublishedTable, area: str | None) -> str:
    """Chart title: the groups over- and under-represented among open cases."""
    over, under = _groups_compared(ethnic, OVER), _groups_compared(ethnic, UNDER)
    among = f"among open cases{where(area)}"
    if over and under:
        return f"{listing(over)} children were over-represented {among}, {listing(under)} under-represented"
    if over or under:
        return f"{listing(over or under)} children were {'over' if over else 'under'}-represented {among}"
    if _groups_compared(ethnic, SUPPRESSED) or cell(ethnic, TOTAL, "Children") == 0:
        return f"Ethnicity of open cases{where(area)} and of the district's children"
    return f"Open cases{where(area)} were in line with the ethnicity of the district's children"


def ethnicity_alt_text(ethnic: PublishedTable) -> str:
    """Alt text of the ethnicity chart: each group's share of open cases and of children."""
    parts = "; ".join(
        f"{group}: {_pct_cell(cell(ethnic, group, OPEN_SHARE))} of open cases, "
        f"{_pct_cell(cell(ethnic, group, POPULATION_SHARE))} of children"
        for group in BROAD_GROUPS
        if group != NOT_RECORDED
    )
    return (
        "Bar chart comparing, for each broad ethnic group, the percentage of open cases with the percentage of "
        f"the district's under-18 population in the 2011 Census. {parts}; ethnicity not recorded: "
        f"{_pct_cell(cell(ethnic, NOT_RECORDED, OPEN_SHARE))} of open cases."
    )


def census_scope_sentence(area: str | None) -> str:
    """For an area report: the census by ethnic group is published for the district only."""
    if not area:
        return ""
    return (
        f"The census by ethnic group is published for the whole district only, so the {area} area's open "
        "cases are compared with the district's children."
    )


@figure_words
def not_recorded_sentence(ethnic: PublishedTable) -> str:
    """The sentence on open cases with no ethnicity recorded."""
    share = figure_cell(ethnic, NOT_RECORDED, OPEN_SHARE, ethnicity_key(NOT_RECORDED))
    number = cell(ethnic, NOT_RECORDED, "Children")
    if cell(ethnic, TOTAL, "Children") == 0:
        return ""
    if number == 0:
        return "Every open case had an ethnicity recorded."
    if share == SUPPRESSED:
        return (
            "Some open cases had no ethnicity recorded (their share is suppressed), which has no counterpart "
            "in the census."
        )
    if _amount(share, number, cell(ethnic, TOTAL, "Children")) == "all":
        return "No open case had an ethnicity recorded, which has no counterpart in the census."
    return (
        f"The ethnicity of {pct_words(share)} of open cases was not recorded, which has no counterpart in the census."
    )


@figure_words
def other_categories_sentence(ethnic: PublishedTable, other: PublishedTable) -> str:
    """`The 8% of open cases in the broad group Other were 17 children recorded as Gypsy/Roma and ...`."""
    rows = [
        (r[other.cells.columns[0]], figure_value(r["Children"], other_group_key(r[other.cells.columns[0]])))
        for r in _records(published_rows(other.cells, (TOTAL,)))
        if r["Children"] != 0
    ]
    if not rows:
        return "No open case was in the broad group Other."
    share = figure_cell(ethnic, "Other", OPEN_SHARE, ethnicity_key("Other"))
    head = "The open cases" if share == SUPPRESSED else f"The {pct_words(share)} of open cases"
    parts = [f"{number_words(n, 'child', 'children')} recorded as {what}" for what, n in rows if n != SUPPRESSED]
    hidden = [what for what, n in rows if n == SUPPRESSED]
    if hidden:
        parts.append(
            f"children recorded as {listing(hidden, 'or')}, whose numbers are suppressed"
            if len(hidden) > 1
            else f"children recorded as {hidden[0]}, whose number is suppressed"
        )
    if len(rows) == 1 and not hidden and rows[0][1] == 1:
        return f"The one open case in the broad group Other was a child recorded as {rows[0][0]}."
    return f"{head} in the broad group Other were {listing(parts)}."


# --- Social care status ----------------------------------------------------------------------------

STATUS_WORDS = {  # (one child, several children)
    "Looked after": ("was looked after", "were looked after"),
    "Child protection": ("was subject to a child protection plan", "were subject to a child protection plan"),
    "Child in need": ("was a child in need", "were children in need"),
    PREVIOUSLY: ("had been a child in need, subject to a plan or looked after in the past",) * 2,
    NEVER: ("had never been any of these",) * 2,
}


@figure_words
def current_status_sentence(current_pct: object, status: PublishedTable, day: dt.date, area: str | None) -> str:
    """`On 29 March 2016, 55% of the children open to the Hub were a child in need, ...`."""
    whole = cell(status, GRAND_TOTAL, TOTAL)
    if whole == 0:
        return ""
    current = [cell(status, row, TOTAL) for row in STATUS_ROWS[:3]]
    who = f"the children open to the Hub{where(area)}"
    if current_pct == SUPPRESSED:
        return f"The share of {who} on {date_text(day)} who were {CURRENT_STATUS} is suppressed."
    if all(n == 0 for n in current):
        return f"On {date_text(day)}, none of {who} was {CURRENT_STATUS}."
    if is_known(whole) and current_pct == 100.0 and is_known(*current) and sum(current) == whole:
        return f"On {date_text(day)}, all {who} were {CURRENT_STATUS}."
    return f"On {date_text(day)}, {pct_words(current_pct)} of {who} were {CURRENT_STATUS}."


@figure_words
def never_sentence(never: object, never_pct: object, status: PublishedTable, levels: tuple[str, ...]) -> str:
    """`There were 82 children (30%) who had never been ...; by risk level, 1 was at high risk, ...`."""
    whole = cell(status, GRAND_TOTAL, TOTAL)
    if whole == 0:
        return ""
    if never == 0:
        return f"Every child open to the Hub had been {CURRENT_STATUS} at some time."
    columns = [level for level in (*levels, NOT_SET) if level in status.cells.columns]
    by_level = count_listing(
        [
            (figure_cell(status, NEVER, level, status_key(NEVER, level)), level_words(level, levels[-1]))
            for level in columns
        ]
    )
    if never == SUPPRESSED:
        return f"The number of children who had never been {CURRENT_STATUS} is suppressed; by risk level, {by_level}."
    if never == whole:
        return f"No child open to the Hub had ever been {CURRENT_STATUS}; by risk level, {by_level}."
    share = f" ({pct_words(never_pct)})" if is_known(never_pct) else ""
    return f"{sentence(there_were(never))}{share} who had never been {CURRENT_STATUS}; by risk level, {by_level}."


@figure_words
def status_of_level_sentence(status: PublishedTable, level: str, no_risk_level: str) -> str:
    """`Of the 37 children at high risk, 21 were looked after, ...`, from the published table."""
    children = figure_cell(status, GRAND_TOTAL, level, level_key(level))
    at_level = level_words(level, no_risk_level)
    if children is None or children == 0:
        return f"No open case was {at_level}."
    values = [
        (figure_cell(status, row, level, status_key(row, level)), STATUS_WORDS[row])
        for row in STATUS_ROWS
        if cell(status, row, level) != 0
    ]
    shown = [
        f"{figure_text(n, f'{int(n):,}')} {what[0] if n == 1 else what[1]}" for n, what in values if n != SUPPRESSED
    ]
    if children == SUPPRESSED:
        head = f"Of the children {at_level} (their number is suppressed)"
    else:
        head = f"Of the {number_words(children, 'child', 'children')} {at_level}"
    if not shown:
        return f"{head}, the numbers by social care status are suppressed."
    tail = " (the numbers with the other statuses are suppressed)" if len(shown) < len(values) else ""
    return f"{head}, {listing(shown)}{tail}."


# --- Where open cases live --------------------------------------------------------------------------


def largest_place(places: PublishedTable, area: str | None) -> str | None:
    """The constituency (in an area pack, the ward) with the most open cases, when the published values show it."""
    rows = published_rows(places.cells, (TOTAL,))
    candidates = [p for p in rows.iloc[:, 0] if p not in (OUT_OF_AREA_LABEL, NOT_RECORDED)]
    return largest_row(rows, "Children", candidates, total=cell(places, TOTAL, "Children"))


@figure_words
def largest_place_sentence(places: PublishedTable, area: str | None) -> str:
    """`Using the home ward of the children open to the Hub, 25% of open cases lived in the Bradford East
    constituency, home to 26% of the district's children.`"""
    if cell(places, TOTAL, "Children") == 0:
        return ""
    top = largest_place(places, area)
    kind = "ward" if area else "constituency"
    if top is None:
        return (
            f"The published numbers do not show which {kind} was home to the most open cases, as some are suppressed."
            if SUPPRESSED in set(places.cells["Children"])
            else ""
        )
    share = figure_cell(places, top, OPEN_SHARE, place_key(top, area))
    population = figure_cell(places, top, POPULATION_SHARE, place_key(top, area, population=True))
    name = f"{top} ward" if area else f"the {top} constituency"
    if not is_known(share):
        return f"More open cases{where(area)} lived in {name} than in any other {kind}."
    amount = of_open_cases(share, cell(places, top, "Children"), cell(places, TOTAL, "Children"))
    return (
        f"Using the home ward of the children open to the Hub{where(area)}, {amount} lived in {name}, home to "
        f"{pct_words(population)} of {whose(area)} children."
    )


@figure_words
def placed_elsewhere_sentence(places: PublishedTable) -> str:
    """District: the shares of open cases placed out of area and with no home ward recorded; nothing for an area
    pack, which counts neither."""
    whole = cell(places, TOTAL, "Children")
    if cell(places, OUT_OF_AREA_LABEL, "Children") is None or whole == 0:
        return ""
    out = cell(places, OUT_OF_AREA_LABEL, "Children")
    out_share = figure_cell(places, OUT_OF_AREA_LABEL, OPEN_SHARE, "tactical.out_of_area_pct")
    blank = cell(places, NOT_RECORDED, "Children")
    blank_share = figure_cell(places, NOT_RECORDED, OPEN_SHARE, "tactical.location_not_recorded_pct")
    if out_share == SUPPRESSED:
        first = "The share of open cases placed outside the district (out of area) is suppressed"
    elif out == 0:
        first = "No open case was a child placed outside the district (out of area)"
    else:
        first = f"{of_open_cases(out_share, out, whole)} were children placed outside the district (out of area)"
    if blank_share == SUPPRESSED:
        second = "the share whose home ward was not recorded is suppressed"
    elif blank == 0:
        second = "every open case had a home ward recorded"
    else:
        second = (
            f"for {_amount(blank_share, blank, whole)} the home ward was not recorded, for example because the "
            "record is confidential"
        )
    return sentence(f"{first}, and {second}.")


def constituency_finding(places: PublishedTable, area: str | None) -> str:
    """Chart title: the constituency (in an area pack, the ward) with the most open cases against its share of
    children."""
    top = largest_place(places, area)
    kind = "home ward" if area else "constituency of the home ward"
    if top is None:
        return f"Open cases{where(area)} by {kind}"
    share, population = cell(places, top, OPEN_SHARE), cell(places, top, POPULATION_SHARE)
    if not is_known(share, population):
        return f"{top} had the most open cases{where(area)}"
    return (
        f"{top} had the most open cases{where(area)}: {pct_words(share)} of them, against "
        f"{pct_words(population)} of {whose(area)} children"
    )


def constituency_alt_text(places: PublishedTable, area: str | None) -> str:
    """Alt text of the constituency (area pack: ward) chart: each row's two shares."""
    label = places.cells.columns[0]
    parts = "; ".join(
        f"{r[label]}: {_pct_cell(r[OPEN_SHARE])} of open cases"
        + ("" if r[POPULATION_SHARE] is None else f", {_pct_cell(r[POPULATION_SHARE])} of children")
        for r in _records(published_rows(places.cells, (TOTAL,)))
    )
    kind = f"each ward of the {area} area" if area else "each constituency"
    return (
        f"Bar chart comparing, for {kind}, the percentage of open cases whose home ward lies there with its "
        f"percentage of the under-18 population. {parts}."
    )


# --- Key headlines ----------------------------------------------------------------------------------


def followup_target(params: Params) -> dt.date:
    """The follow-up day the section compares with: given, or four months after the snapshot."""
    return params.followup_date or add_months(params.snapshot_date, FOLLOWUP_MONTHS)


def headlines(figures: Mapping[str, object], params: Params) -> list[str]:
    """The section's key headlines, most important first, in the voice of para 2.22 of the 2016 report."""
    day, levels, area = params.snapshot_date, params.risk_levels, params.area
    found = []
    at_risk = [figure(figures, level_key(level, "_pct")) for level in levels[:-1]]
    if is_known(*at_risk):
        shares = [f"{pct_words(p)} at {level.lower()} risk" for p, level in zip(at_risk, levels, strict=False)]
        shares[0] = shares[0].replace(" at ", " of cases were assessed as being at ", 1)
        found.append(
            f"A break down of cases open{where(area)} on one day ({date_text(day)}) shows that {listing(shares)}."
        )
    changes = [figure(figures, key) for key in FOLLOWUP_SHARES]
    if is_known(*changes):
        unchanged, decreased, increased = map(pct_words, changes)
        found.append(
            f"By {date_text(followup_target(params))} the risk level of {unchanged} of those "
            f"children was unchanged; {decreased} had seen their risk level decreased or their "
            f"case closed and {increased} increased."
        )
    now, then = figure(figures, "tactical.open_cases"), figure(figures, "tactical.previous_open_cases")
    if is_known(now, then):
        found.append(
            f"On {date_text(day)} {there_were(now)} open to the Hub{where(area)}, compared with "
            f"{'none' if then == 0 else figure_text(then, f'{int(then):,}')} on the same day a year earlier."
        )
    return found
