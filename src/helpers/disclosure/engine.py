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

from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from helpers.disclosure.audit import INFINITY, Auditor, Range, State, satisfies, sensitive
from helpers.disclosure.system import System
from helpers.workers import cores, worker_context

RATIO_COST = 0.5  # hiding a percentage costs the reader less than hiding any count
PARALLEL_FROM = 200  # sensitive counts: below this a second process costs more than it saves


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
    return {
        r
        for r, ratio in enumerate(system.ratios)
        if r not in locked
        and not any(
            v in hidden or (not system.variables[v].shown and system.is_small(v, threshold)) for v in ratio.variables
        )
    }


def _numerator(system: System, ratio: int) -> float:
    return sum(c * system.variables[v].value for v, c in system.ratios[ratio].numerator.items())


def _hideable(system: System, variable: int, hidden: set[int], decided: Mapping[int, bool]) -> bool:
    """A shown, non-zero count not hidden yet and not decided by another report (zeros are always shown)."""
    return (
        variable not in hidden
        and variable not in decided
        and system.variables[variable].shown
        and system.variables[variable].value >= 1
    )


def _cheapest(
    system: System, found: Range, hidden: set[int], published_ratios: set[int], decided: Mapping[int, bool]
) -> tuple[str, int] | None:
    ratios = [r for r in found.binding_ratios if r in published_ratios]
    if ratios:
        # The ratio of the smallest group goes first: an area's share before the district's headline one.
        return "ratio", min(ratios, key=lambda r: (abs(_numerator(system, r)), r))
    counts = [v for v in found.binding_variables if _hideable(system, v, hidden, decided)]
    if not counts:
        return None
    return "variable", min(counts, key=lambda v: (system.variables[v].cost * system.variables[v].value, v))


def _fallback(
    system: System, variable: int, hidden: set[int], decided: Mapping[int, bool], equations_of: Mapping[int, list[int]]
) -> int | None:
    """When no published number pins the bound by itself: the smallest shown count that shares a relation."""
    neighbours = {v for number in equations_of.get(variable, []) for v in system.equations[number]}
    candidates = [v for v in neighbours if _hideable(system, v, hidden, decided)]
    return min(candidates, key=lambda v: (system.variables[v].cost * system.variables[v].value, v), default=None)


def protect(
    system: System,
    threshold: int,
    protection_range: int,
    decided: Mapping[int, bool] | None = None,
    workers: int | None = None,
) -> Decision:
    """Decide what is hidden so that no count a reader could work out is narrowed below protection_range.

    `decided` holds variables whose fate another report settled (hidden: True), which this one keeps:
    a count a reader has seen elsewhere cannot be hidden again, nor one hidden elsewhere shown.

    Counts that share no relation, however many counts are hidden, cannot narrow each other: the system
    falls into parts (the episodes' tables, the crimes', ...) that are decided on their own, on up to
    `workers` cores (default: the cores the build may use). Each part is decided exactly as it would be in
    one pass, in the same order, so the decision is the same whatever the number of workers.
    """
    decided = dict(decided or {})
    if threshold <= 1:
        state = State(frozenset(), frozenset(range(len(system.ratios))))
        return Decision(state, frozenset(), {}, threshold, protection_range)
    hidden, locked = _primary(system, threshold)
    hidden = (hidden | {v for v, is_hidden in decided.items() if is_hidden}) - {
        v for v, is_hidden in decided.items() if not is_hidden
    }
    start = State(frozenset(hidden), frozenset(_ratios_shown(system, hidden, locked, threshold)))
    jobs = _jobs(system, start, threshold, workers or cores())
    arguments = [(system, start, job, locked, decided, threshold, protection_range) for job in jobs]
    if len(jobs) == 1:
        results = [_protect_part(*arguments[0])]
    else:
        with ProcessPoolExecutor(len(jobs), mp_context=worker_context()) as pool:
            results = list(pool.map(_protect_part, *zip(*arguments)))
    final_hidden = set(start.hidden).union(*(h for h, _, _ in results))
    published: set[int] = set()
    audit: dict[int, Range] = {}
    for job, (_, job_published, job_audit) in zip(jobs, results):
        published |= {r for r in job_published if _ratio_part(system, r, jobs) is job}
        audit.update(job_audit)
    state = State(frozenset(final_hidden), frozenset(published))
    hidden_opaques = frozenset(
        o for o, opaque in enumerate(system.opaques) if any(not state.is_fixed(system, v) for v in opaque.inputs)
    )
    return Decision(state, hidden_opaques, dict(sorted(audit.items())), threshold, protection_range)


def _parts(system: System) -> list[set[int]]:
    """The largest groups of variables any hiding could link: joined by every equation and every ratio."""
    parent = list(range(len(system.variables)))

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for members in [*(list(e) for e in system.equations), *(sorted(r.variables) for r in system.ratios)]:
        for v in members[1:]:
            parent[root(v)] = root(members[0])
    parts: dict[int, set[int]] = {}
    for v in range(len(system.variables)):
        parts.setdefault(root(v), set()).add(v)
    return list(parts.values())


def _jobs(system: System, start: State, threshold: int, workers: int) -> list[frozenset[int]]:
    """The parts shared among the workers, the most sensitive counts first to the least loaded worker; one
    job when the work is too small to be worth another process."""
    work = set(sensitive(system, start, threshold))
    if workers < 2 or len(work) < PARALLEL_FROM:
        return [frozenset(range(len(system.variables)))]
    loads: list[tuple[int, set[int]]] = [(0, set()) for _ in range(workers)]
    for part in sorted(_parts(system), key=lambda p: (-len(p & work), min(p))):
        loads.sort(key=lambda load: (load[0], min(load[1], default=-1)))
        load, members = loads[0]
        members |= part
        loads[0] = (load + len(part & work), members)
    return [frozenset(members) for _, members in loads if members]


def _ratio_part(system: System, ratio: int, jobs: list[frozenset[int]]) -> frozenset[int]:
    """The job a ratio belongs to (all its variables are in one part); a ratio of no variable, with count 0's."""
    anyone = next(iter(system.ratios[ratio].variables), 0)
    return next((job for job in jobs if anyone in job), jobs[0])


def _protect_part(
    system: System,
    start: State,
    job: frozenset[int],
    locked: set[int],
    decided: Mapping[int, bool],
    threshold: int,
    protection_range: int,
) -> tuple[set[int], set[int], dict[int, Range]]:
    """Steps 3 and 4 on the counts of one job: the hidden counts, the published ratios and the audit there."""
    auditor = Auditor(system, start)
    pending = [v for v in sorted(sensitive(system, auditor.state, threshold)) if v in job]
    queued = set(pending)
    while pending:
        variable = pending.pop(0)
        while True:
            found = auditor.range_of(variable)
            if found.width >= protection_range:
                break
            choice = _cheapest(system, found, auditor.hidden, auditor.published, decided)
            if choice is None:
                fallback = _fallback(system, variable, auditor.hidden, decided, auditor.links_of_variable)
                if fallback is None:
                    break  # nothing left to hide: the audit below reports the count and the build fails
                choice = ("variable", fallback)
            kind, number = choice
            if kind == "ratio":
                auditor.unpublish(number)
            else:
                for ratio in [r for r in auditor.ratios_of_variable.get(number, []) if r in auditor.published]:
                    auditor.unpublish(ratio)
                auditor.hide(number)
                if number not in queued:
                    pending.append(number)
                    queued.add(number)
    audit = _reveal_safe_ratios(system, auditor, locked, threshold, protection_range, job)
    # The points of the programmes served only to spare programmes here; they are large to send back.
    return auditor.hidden, auditor.published, {v: replace(r, points=()) for v, r in audit.items()}


def _reveal_safe_ratios(
    system: System, auditor: Auditor, locked: set[int], threshold: int, protection_range: int, job: frozenset[int]
) -> dict[int, Range]:
    """Show each ratio hidden only for using a hidden count, where the audit shows it tells nothing unsafe;
    returns the range of every count the audit covers, under the final state.

    A ratio can narrow a count only where some point reaching the count's bounds breaks the ratio's rows:
    the points of the last programmes are kept, and a count is solved again only when its points do.
    """
    candidates = [
        r
        for r in range(len(system.ratios))
        if next(iter(system.ratios[r].variables), 0) in job
        and r not in locked
        and r not in auditor.published
        and not any(not system.variables[v].shown and system.is_small(v, threshold) for v in system.ratios[r].variables)
    ]
    known = {v: auditor.range_of(v) for v in sensitive(system, auditor.state, threshold) if v in job}
    for r in candidates:
        free = [v for v in system.ratios[r].variables if auditor.is_free(v)]
        if not free:
            auditor.publish(r)  # every count it uses is published: it tells a reader nothing new
            continue
        if len(free) == 1 and free[0] in known and _pins(system, r, free[0], protection_range):
            continue
        groups = {auditor.group_of(v) for v in free}
        at_risk = [v for g in groups for v in auditor.members(g) if v in known]
        # The ratio's own counts first: they are the ones it is likeliest to pin, and one failure settles it.
        at_risk.sort(key=lambda v: v not in free)
        unsettled = [
            v
            for v in at_risk
            if not known[v].settled_by_points or not all(satisfies(system, r, point) for point in known[v].points)
        ]
        auditor.publish(r)
        found: dict[int, Range] = {}
        for v in unsettled:
            found[v] = auditor.range_of(v)
            if found[v].width < protection_range:
                auditor.unpublish(r)
                break
        else:
            known.update(found)
    return known


def _pins(system: System, ratio_number: int, variable: int, protection_range: int) -> bool:
    """Whether a ratio whose only unknown is `variable` gives it a range narrower than protection_range."""
    ratio = system.ratios[ratio_number]
    if variable in ratio.denominator:
        return False  # the interval of a denominator is not linear in it alone; let the programme say
    denominator = sum(c * system.variables[v].value for v, c in ratio.denominator.items()) + ratio.constant
    low, high = ratio.bounds
    coefficient = abs(ratio.scale * ratio.numerator[variable])
    return (high - low) * abs(denominator) / coefficient < protection_range


def describe(system: System, found: Range) -> str:
    """`district report, table t: row, column: a reader can narrow it to between 3 and 4 (from: ...)`."""
    variable = system.variables[found.variable]
    where = "; ".join(variable.places[:3]) if variable.places else f"{variable.name} (not published, but implied)"
    high = "any larger number" if found.high == INFINITY else f"{found.high:g}"
    pinned = sorted({place for v in found.binding_variables for place in system.variables[v].places[:1]})[:3]
    pinned += sorted({place for r in found.binding_ratios for place in system.ratios[r].places[:1]})[:2]
    origin = f" (given {'; '.join(pinned)})" if pinned else ""
    return f"{where}: a reader can narrow it to between {found.low:g} and {high}{origin}"
