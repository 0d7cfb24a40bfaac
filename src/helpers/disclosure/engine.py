"""The suppression engine: what a reporting year hides, chosen on the whole system of what it publishes.

1. Primary: every shown count from 1 to threshold - 1 is hidden, and so is every ratio one of whose
   judged counts is (a percentage of 3 children says 3 children).
2. Ratios and opaque values that use a hidden count start hidden.
3. Secondary: the audit finds each count a reader could narrow to less than `protection_range`;
   the linear programmes that pin it name the published numbers that pin it, and the cheapest of
   those is hidden (a ratio before a count, a small count before a large one, a total or headline
   figure last), until every count is protected. Hiding only ever widens a range, so this ends.
4. Findings hidden in step 2 are shown again wherever the audit shows them to be safe.

A variable is hidden or shown as a whole, so a count hidden in one table is hidden wherever it is
published again: in another table, in a figure, in an area pack and in the district report.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from helpers.disclosure.audit import (
    INFINITY,
    Range,
    State,
    connected,
    ranges,
    sensitive,
)
from helpers.disclosure.system import System

RATIO_COST = 0.5  # hiding a percentage costs the reader less than hiding any count


@dataclass(frozen=True)
class Decision:
    state: State
    hidden_opaques: frozenset[int]
    audit: dict[int, Range]  # every sensitive count with its range
    threshold: int
    protection_range: int

    def failures(self) -> list[Range]:
        return [r for r in self.audit.values() if r.width < self.protection_range]


def _primary(system: System, threshold: int) -> tuple[set[int], set[int]]:
    hidden = {v for v, variable in enumerate(system.variables) if variable.shown and system.is_small(v, threshold)}
    locked = {r for r, ratio in enumerate(system.ratios) if any(system.is_small(c, threshold) for c in ratio.counts)}
    return hidden, locked


def _ratios_shown(system: System, hidden: set[int], locked: set[int], threshold: int) -> set[int]:
    """Ratios not hidden by the primary rule that use no hidden count and no small count that no table shows."""
    return {r for r, ratio in enumerate(system.ratios)
            if r not in locked and not any(v in hidden or (not system.variables[v].shown and system.is_small(v, threshold))
                                           for v in ratio.variables)}


def _numerator(system: System, ratio: int) -> float:
    return sum(c * system.variables[v].value for v, c in system.ratios[ratio].numerator.items())


def _hideable(system: System, variable: int, hidden: set[int], decided: Mapping[int, bool]) -> bool:
    """A shown, non-zero count not hidden yet and not decided by another report (zeros are always shown)."""
    return (variable not in hidden and variable not in decided and system.variables[variable].shown
            and system.variables[variable].value >= 1)


def _cheapest(system: System, found: Range, hidden: set[int], published_ratios: set[int],
              decided: Mapping[int, bool]) -> tuple[str, int] | None:
    ratios = [r for r in found.binding_ratios if r in published_ratios]
    if ratios:
        # The ratio of the smallest group goes first: an area's share before the district's headline one.
        return "ratio", min(ratios, key=lambda r: (abs(_numerator(system, r)), r))
    counts = [v for v in found.binding_variables if _hideable(system, v, hidden, decided)]
    if not counts:
        return None
    return "variable", min(counts, key=lambda v: (system.variables[v].cost * system.variables[v].value, v))


def _fallback(system: System, variable: int, hidden: set[int], decided: Mapping[int, bool]) -> int | None:
    """When no published number pins the bound by itself: the smallest shown count that shares a relation."""
    neighbours = {v for equation in system.equations if variable in equation for v in equation}
    candidates = [v for v in neighbours if _hideable(system, v, hidden, decided)]
    return min(candidates, key=lambda v: (system.variables[v].cost * system.variables[v].value, v), default=None)


def _hide_ratios_using(system: System, variable: int, published_ratios: set[int]) -> None:
    for r in [r for r in published_ratios if variable in system.ratios[r].variables]:
        published_ratios.discard(r)


def protect(system: System, threshold: int, protection_range: int, decided: Mapping[int, bool] | None = None
            ) -> Decision:
    """Decide what is hidden so that no count a reader could work out is narrowed below protection_range.

    `decided` holds variables whose fate another report settled (hidden: True), which this one keeps:
    a count a reader has seen elsewhere cannot be hidden again, nor one hidden elsewhere shown.
    """
    decided = dict(decided or {})
    if threshold <= 1:
        state = State(frozenset(), frozenset(range(len(system.ratios))))
        return Decision(state, frozenset(), {}, threshold, protection_range)
    hidden, locked = _primary(system, threshold)
    hidden = (hidden | {v for v, is_hidden in decided.items() if is_hidden}) - {
        v for v, is_hidden in decided.items() if not is_hidden}
    published_ratios = _ratios_shown(system, hidden, locked, threshold)

    def current() -> State:
        return State(frozenset(hidden), frozenset(published_ratios))

    pending = sorted(sensitive(system, current(), threshold))
    while pending:
        variable = pending.pop(0)
        while True:
            found = ranges(system, current(), [variable])[variable]
            if found.width >= protection_range:
                break
            choice = _cheapest(system, found, hidden, published_ratios, decided)
            if choice is None:
                fallback = _fallback(system, variable, hidden, decided)
                if fallback is None:
                    break  # nothing left to hide: the audit below reports the count and the build fails
                choice = ("variable", fallback)
            kind, number = choice
            if kind == "ratio":
                published_ratios.discard(number)
            else:
                hidden.add(number)
                _hide_ratios_using(system, number, published_ratios)
                if number not in pending:
                    pending.append(number)

    _reveal_safe_ratios(system, hidden, locked, published_ratios, threshold, protection_range)
    state = current()
    audit = ranges(system, state, sensitive(system, state, threshold))
    hidden_opaques = frozenset(o for o, opaque in enumerate(system.opaques)
                               if any(not state.is_fixed(system, v) for v in opaque.inputs))
    return Decision(state, hidden_opaques, audit, threshold, protection_range)


def _reveal_safe_ratios(system: System, hidden: set[int], locked: set[int], published_ratios: set[int],
                        threshold: int, protection_range: int) -> None:
    """Show each ratio hidden only for using a hidden count, where the audit shows it tells nothing unsafe."""
    for r in range(len(system.ratios)):
        if r in locked or r in published_ratios:
            continue
        ratio = system.ratios[r]
        if any(not system.variables[v].shown and system.variables[v].is_count and system.is_small(v, threshold)
               for v in ratio.variables):
            continue
        trial = State(frozenset(hidden), frozenset(published_ratios | {r}))
        nearby = connected(system, trial, ratio.variables)
        at_risk = [v for v in sensitive(system, trial, threshold) if v in nearby]
        if all(found.width >= protection_range for found in ranges(system, trial, at_risk).values()):
            published_ratios.add(r)


def describe(system: System, found: Range) -> str:
    """`a count shown as c in table t (row, column) can be worked out as between 3 and 4`."""
    variable = system.variables[found.variable]
    where = "; ".join(variable.places[:3]) if variable.places else f"{variable.name} (not published, but implied)"
    high = "any larger number" if found.high == INFINITY else f"{found.high:g}"
    return f"{where}: a reader can narrow it to between {found.low:g} and {high}"
