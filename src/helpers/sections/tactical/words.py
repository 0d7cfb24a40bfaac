"""Words of the tactical snapshot that have to be worked out: chart titles that state a finding, alt text, the
key headlines, and the values the notebook's sentences take from the published tables.

The sentences themselves are templates in notebooks/02_tactical.ipynb. What they take from here is a value, or
a phrase that only the data can shape: a group of a published table (`Part`: its count, its share and the whole
they are of), and listings of the groups, whose length and order depend on which values are published (`15%
were at high risk, none at medium risk and 85% at low risk (the share at X is suppressed)`).

They read the *published* (suppressed) tables and figures only, so no sentence can reveal a suppressed
number. A `c` may hide a cell of any size (a secondary suppression protects another cell), so a hidden
value is named as suppressed, never read as "fewer than 10", and a largest group is named only when the
published total bounds every hidden one below it. A number a sentence shows is a published figure, or a
table cell that a figure repeats (`figure_cell`), so that report.html links it to its definition; the
phrases with numbers are `@figure_words` (helpers.display.narrative).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

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


# --- Values in words ------------------------------------------------------------------------------


@figure_words
def amount(share: object, number: object, whole: object) -> str:
    """A part of a whole in words: `none` (its count is 0), `all` (its count is the whole), else its share."""
    if number == 0:
        return "none"
    if is_known(number, whole) and number == whole:
        return "all"
    return pct_words(share)


@figure_words
def pct(share: object) -> str:
    """A published percentage: `18%`, `less than 1%`, `more than 99%`; `a suppressed share`, `an unknown share`."""
    if share is None:
        return "an unknown share"
    return "a suppressed share" if share == SUPPRESSED else pct_words(share)


@figure_words
def number_of(value: object, singular: str = "child", plural: str = "children") -> str:
    """`278 children`, `1 child`, `no children`, `a suppressed number of children`."""
    if value is None:
        return f"an unknown number of {plural}"
    if value == SUPPRESSED:
        return f"a suppressed number of {plural}"
    return number_words(value, singular, plural)


@figure_words
def count(value: object) -> str:
    """A published count on its own: `72`, `none`, `a suppressed number`."""
    if value is None:
        return "an unknown number"
    if value == SUPPRESSED:
        return "a suppressed number"
    return "none" if value == 0 else figure_text(value, f"{int(value):,}")


@dataclass(frozen=True)
class Part:
    """A group of a published table as a sentence takes it: its count and its share (each remembering the figure
    that repeats it) and the whole they are of. A template reads `{p.amount}` (`15%`, `none`, `all`),
    or `{p.children}` (`2 children`, `a suppressed number of children`); the cell tests `p.hidden`, `p.none` and
    `p.all`."""

    number: object
    share: object = None
    whole: object = None

    @property
    def hidden(self) -> bool:
        """Its share is suppressed (a count without a share: the count)."""
        return (self.number if self.share is None else self.share) == SUPPRESSED

    @property
    def none(self) -> bool:
        return self.number == 0

    @property
    def all(self) -> bool:
        return not self.none and is_known(self.number, self.whole) and self.number == self.whole

    @property
    def amount(self) -> str:
        return amount(self.share, self.number, self.whole)

    @property
    def children(self) -> str:
        return number_of(self.number)


def _part(table: PublishedTable, label: str, count_column: str, share_column: str, key: str, whole: object) -> Part:
    return Part(cell(table, label, count_column), figure_cell(table, label, share_column, key), whole)


# --- Listings of groups ---------------------------------------------------------------------------


def _suppressed_tail(noun: str, names: list[str]) -> str:
    """`the share at high risk is suppressed`, `the shares at high risk and at low risk are suppressed`."""
    if len(names) == 1:
        return f"the {noun} {names[0]} is suppressed"
    return f"the {noun}s {listing(names)} are suppressed"


@figure_words
def share_listing(items: list[tuple[object, object, str]], whole: object, verb: str = "were") -> str:
    """`15% were at high risk, none at medium risk and 85% at low risk (the share at X is suppressed)`.

    Each item is (published share, published count, words); a suppressed share is named after the list
    rather than given a number. The first value shown takes the verb.
    """
    shown = [(share, number, words) for share, number, words in items if share != SUPPRESSED]
    hidden = [words for share, _, words in items if share == SUPPRESSED]
    parts = [
        f"{amount(share, number, whole)} {verb + ' ' if position == 0 else ''}{words}"
        for position, (share, number, words) in enumerate(shown)
    ]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("share", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


@figure_words
def count_listing(items: list[tuple[object, str]], verb: str = "were") -> str:
    """`1 was at high risk, 38 at medium risk and none at low risk (the number at X is suppressed)`."""
    shown = [(number, words) for number, words in items if number != SUPPRESSED]
    hidden = [words for number, words in items if number == SUPPRESSED]
    first_verb = "was" if shown and shown[0][0] == 1 and verb == "were" else verb
    parts = [
        f"{count(number)} {first_verb + ' ' if position == 0 and verb else ''}{words}"
        for position, (number, words) in enumerate(shown)
    ]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("number", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


# --- Open cases and their risk levels ------------------------------------------------------------


def level_mix(risk: PublishedTable, levels: tuple[str, ...]) -> SimpleNamespace:
    """The open cases by risk level on the snapshot day: `whole` (every open case), `at_risk` (the shares at the
    levels of risk, listed: `15% were at high risk, 44% at medium risk and 36% at low risk`), and `no_risk` and
    `not_set` (Parts)."""
    whole = cell(risk, TOTAL, "Children")
    items = [
        (
            figure_cell(risk, level, OPEN_SHARE, level_key(level, "_pct")),
            cell(risk, level, "Children"),
            level_words(level, levels[-1]),
        )
        for level in levels[:-1]
    ]
    return SimpleNamespace(
        whole=whole,
        at_risk=share_listing(items, whole),
        **{
            name: _part(risk, level, "Children", OPEN_SHARE, level_key(level, "_pct"), whole)
            for name, level in (("no_risk", levels[-1]), ("not_set", NOT_SET))
        },
    )


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


def boys(by_gender: PublishedTable, male_pct: object, levels: tuple[str, ...]) -> SimpleNamespace:
    """The boys open on the snapshot day: `part` (a Part of the open cases) and `at_levels` (the shares of the boys
    at each level they are found at, listed: `46% were at medium risk and 54% at low risk`)."""
    whole, number = cell(by_gender, TOTAL, TOTAL), cell(by_gender, TOTAL, "Male")
    items = [
        (
            figure_cell(by_gender, level, "% of boys", male_level_key(level)),
            cell(by_gender, level, "Male"),
            level_words(level, levels[-1]),
        )
        for level in (*levels, NOT_SET)
        if cell(by_gender, level, "Male") != 0
    ]
    return SimpleNamespace(part=Part(number, male_pct, whole), at_levels=share_listing(items, number))


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
def shares_a_year_earlier(figures: Mapping[str, object], levels: tuple[str, ...]) -> str:
    """`at high risk was 15% against 13%, at medium risk 44% against 40% and at low risk 36% against 41%`, naming
    the pairs that are suppressed (`(the comparison at high risk is suppressed)`); nothing when every pair is."""
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
    shown = [
        f"{words}{' was' if position == 0 else ''} {pct_words(now)} against {pct_words(then)}"
        for position, (now, then, words) in enumerate(known)
    ]
    tail = f" ({_suppressed_tail('comparison', hidden)})" if hidden and known else ""
    return f"{listing(shown)}{tail}"


# --- After the snapshot day ----------------------------------------------------------------------


def followup_change(change: PublishedTable, unchanged: str, decreased: str, increased: str) -> SimpleNamespace:
    """The children compared on the two days: `children` (their number) and `shares` (the shares unchanged,
    decreased and increased, each in the words given, `{}` standing for its amount, listed and naming any share
    that is suppressed: `21% had had their risk level decreased (the shares unchanged and increased are
    suppressed)`)."""
    whole = cell(change, TOTAL, "Children")
    items = [
        (
            figure_cell(change, direction, "% of children compared", key),
            cell(change, direction, "Children"),
            words,
            direction.lower(),
        )
        for direction, key, words in zip(DIRECTIONS, FOLLOWUP_SHARES, (unchanged, decreased, increased), strict=True)
    ]
    return SimpleNamespace(children=whole, shares=_direction_listing(items, whole))


@figure_words
def _direction_listing(items: list[tuple[object, object, str, str]], whole: object) -> str:
    parts = [words.format(amount(share, number, whole)) for share, number, words, _ in items if share != SUPPRESSED]
    hidden = [name for share, _, _, name in items if share == SUPPRESSED]
    if not hidden:
        return listing(parts)
    tail = _suppressed_tail("share", hidden)
    return f"{listing(parts)} ({tail})" if parts else tail


def top_level_moves(moves: PublishedTable, levels: tuple[str, ...]) -> SimpleNamespace:
    """What became of the children at the most serious level by the follow-up day, from the transition table:
    `level` (`high`), `at_level` (`at high risk`), `snapshot` (a Part: the children at the level on the snapshot day),
    `became` (`27 were still at high risk and 2 had been closed`, the numbers shown; nothing when both are
    suppressed), `hidden` (`the number closed is suppressed` when one is shown, `still at high risk and closed`
    when neither is, nothing when both are shown), and `risen` (the children who rose to the level, by the level
    they rose from: `3 from medium and 1 from low`; nothing when none did)."""
    top, at_top = levels[0], level_words(levels[0], levels[-1])
    became = [
        (figure_cell(moves, top, top, transition_key(top, top)), f"still {at_top}"),
        (figure_cell(moves, top, CLOSED, transition_key(top, CLOSED)), "closed"),
    ]
    names = [what for number, what in became if number == SUPPRESSED]
    shown = _became_listing(became)
    risen = [
        (figure_cell(moves, level, top, transition_key(level, top)), f"from {level.lower()}")
        for level in moves.cells.iloc[:, 0]
        if level not in (top, GRAND_TOTAL) and cell(moves, level, top) != 0
    ]
    return SimpleNamespace(
        level=top.lower(),
        at_level=at_top,
        snapshot=Part(figure_cell(moves, top, "Children", level_key(top))),
        became=shown,
        hidden=_suppressed_tail("number", names) if names and shown else listing(names),
        risen=count_listing(risen, verb="") if risen else "",
    )


@figure_words
def _became_listing(became: list[tuple[object, str]]) -> str:
    """`27 were still at high risk and 2 had been closed`: the numbers that are published."""
    parts = []
    for number, what in became:
        if number != SUPPRESSED:
            verb = "had been" if what == "closed" else "was" if number in (0, 1) else "were"
            parts.append(f"{count(number)} {verb} {what}")
    return listing(parts)


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


def ethnic_mix(ethnic: PublishedTable) -> SimpleNamespace:
    """The open cases by broad ethnic group: `whole`, `shares` (`68% were White, 10% Asian and 9% of mixed
    heritage`, naming the shares suppressed) and `not_recorded` (a Part)."""
    whole = cell(ethnic, TOTAL, "Children")
    items = [
        (figure_cell(ethnic, group, OPEN_SHARE, ethnicity_key(group)), cell(ethnic, group, "Children"), words)
        for group, words in (("White", "White"), ("Asian", "Asian"), ("Mixed", "of mixed heritage"))
    ]
    return SimpleNamespace(
        whole=whole,
        shares=share_listing(items, whole),
        not_recorded=_part(ethnic, NOT_RECORDED, "Children", OPEN_SHARE, ethnicity_key(NOT_RECORDED), whole),
    )


def _groups_compared(ethnic: PublishedTable, verdict: str) -> list[str]:
    return [group for group in BROAD_GROUPS if cell(ethnic, group, "Compared with population") == verdict]


def representation(ethnic: PublishedTable) -> SimpleNamespace:
    """The broad groups by their comparison with the district's children, listed (`White and Other`; nothing
    when no group): `over`, `under`, `in_line` and `hidden` (the comparison is suppressed)."""
    return SimpleNamespace(
        **{
            name: listing(_groups_compared(ethnic, verdict))
            for name, verdict in (("over", OVER), ("under", UNDER), ("in_line", IN_LINE), ("hidden", SUPPRESSED))
        }
    )


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


def other_groups(ethnic: PublishedTable, other: PublishedTable) -> SimpleNamespace:
    """The open cases in the broad group Other: `share` (a Part of the open cases), `groups` (how many categories
    hold a child), `only` (the category of the one child, when there is just one) and `listing` (`17 children
    recorded as Gypsy/Roma and 3 children recorded as Arab`, naming the categories whose numbers are
    suppressed)."""
    label = other.cells.columns[0]
    rows = [
        (r[label], figure_value(r["Children"], other_group_key(r[label])))
        for r in _records(published_rows(other.cells, (TOTAL,)))
        if r["Children"] != 0
    ]
    only = rows[0][0] if len(rows) == 1 and rows[0][1] == 1 else None
    return SimpleNamespace(
        share=Part(None, figure_cell(ethnic, "Other", OPEN_SHARE, ethnicity_key("Other"))),
        groups=len(rows),
        only=only,
        listing=_other_listing(rows),
    )


@figure_words
def _other_listing(rows: list[tuple[str, object]]) -> str:
    parts = [f"{number_words(n, 'child', 'children')} recorded as {what}" for what, n in rows if n != SUPPRESSED]
    hidden = [what for what, n in rows if n == SUPPRESSED]
    if hidden:
        parts.append(
            f"children recorded as {listing(hidden, 'or')}, whose numbers are suppressed"
            if len(hidden) > 1
            else f"children recorded as {hidden[0]}, whose number is suppressed"
        )
    return listing(parts)


# --- Social care status ----------------------------------------------------------------------------


def social_care(status: PublishedTable, current_pct: object, levels: tuple[str, ...]) -> SimpleNamespace:
    """The social care status of the open cases: `whole`, `current` (a Part: the children in need, on a plan or
    looked after on the snapshot day) and `never_by_level` (the children who never were, by risk level: `1 was
    at high risk, 38 at medium risk and none at low risk`, naming the numbers suppressed)."""
    whole = cell(status, GRAND_TOTAL, TOTAL)
    current = [cell(status, row, TOTAL) for row in STATUS_ROWS[:3]]
    columns = [level for level in (*levels, NOT_SET) if level in status.cells.columns]
    never = [
        (figure_cell(status, NEVER, level, status_key(NEVER, level)), level_words(level, levels[-1]))
        for level in columns
    ]
    return SimpleNamespace(
        whole=whole,
        current=Part(sum(current) if is_known(*current) else SUPPRESSED, current_pct, whole),
        never_by_level=count_listing(never),
    )


def status_at_level(
    status: PublishedTable, level: str, no_risk_level: str, status_words: Mapping[str, tuple[str, str]]
) -> SimpleNamespace:
    """The open cases at one risk level by social care status: `at_level` (`at high risk`), `children` (a Part),
    `statuses` (`21 were looked after and 1 was a child in need`, each status in the words given for one child
    and for several, the statuses of none left out) and `some_hidden` (whether a status's number is suppressed)."""
    values = [
        (figure_cell(status, row, level, status_key(row, level)), status_words[row])
        for row in STATUS_ROWS
        if cell(status, row, level) != 0
    ]
    return SimpleNamespace(
        at_level=level_words(level, no_risk_level),
        children=Part(figure_cell(status, GRAND_TOTAL, level, level_key(level))),
        statuses=_status_listing(values),
        some_hidden=any(n == SUPPRESSED for n, _ in values),
    )


@figure_words
def _status_listing(values: list[tuple[object, tuple[str, str]]]) -> str:
    return listing([f"{count(n)} {what[0] if n == 1 else what[1]}" for n, what in values if n != SUPPRESSED])


# --- Where open cases live --------------------------------------------------------------------------


def largest_place(places: PublishedTable, area: str | None) -> str | None:
    """The constituency (in an area pack, the ward) with the most open cases, when the published values show it."""
    rows = published_rows(places.cells, (TOTAL,))
    candidates = [p for p in rows.iloc[:, 0] if p not in (OUT_OF_AREA_LABEL, NOT_RECORDED)]
    return largest_row(rows, "Children", candidates, total=cell(places, TOTAL, "Children"))


def places_of(places: PublishedTable, area: str | None) -> SimpleNamespace:
    """Where the open cases lived: `whole`, `some_hidden` (whether a count is suppressed), `largest` (the
    constituency, in an area pack the ward, with the most open cases, or None when the published values do not
    show it), `cases` (its Part of the open cases) and `population` (its share of the children); `out_of_area`
    and `not_recorded` (Parts; None in an area pack, which counts neither)."""
    whole = cell(places, TOTAL, "Children")
    top = largest_place(places, area)
    elsewhere = cell(places, OUT_OF_AREA_LABEL, "Children") is not None
    return SimpleNamespace(
        whole=whole,
        some_hidden=SUPPRESSED in set(places.cells["Children"]),
        largest=top,
        cases=None if top is None else _part(places, top, "Children", OPEN_SHARE, place_key(top, area), whole),
        population=None if top is None else pct(figure_cell(places, top, POPULATION_SHARE, place_key(top, area, True))),
        out_of_area=_part(places, OUT_OF_AREA_LABEL, "Children", OPEN_SHARE, "tactical.out_of_area_pct", whole)
        if elsewhere
        else None,
        not_recorded=_part(places, NOT_RECORDED, "Children", OPEN_SHARE, "tactical.location_not_recorded_pct", whole)
        if elsewhere
        else None,
    )


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
            f"On {date_text(day)} there {'was' if now == 1 else 'were'} {number_of(now)} open to the Hub{where(area)}, "
            f"compared with {count(then)} on the same day a year earlier."
        )
    return found
