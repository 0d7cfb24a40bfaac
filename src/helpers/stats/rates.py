"""Crude rates per 10,000 with the public-health intervals (the Fingertips method), and funnel limits.

An event count (which may be an average, such as the average monthly number of children at risk)
over a population gives a rate per 10,000. Its interval takes the count as a Poisson count: exact
limits from the chi-squared distribution below 10 events, Byar's approximation from 10; with no
events the lower limit is 0. A funnel plot's limits are the same interval around the count a
population would hold at a reference rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
from scipy.stats import chi2, norm

PER = 10_000  # rates are per 10,000 of the population
BYARS_FROM = 10  # exact Poisson limits below 10 events, Byar's approximation from 10
CONFIDENCE = {"95": 0.95, "99_8": 0.998}
Comparison = Literal["higher", "similar", "lower"]


def poisson_limits(events: float, confidence: float) -> tuple[float, float]:
    """Limits of an event count: exact (chi-squared) below 10 events, Byar's from 10; lower 0 with none."""
    if events < 0:
        raise ValueError(f"an event count cannot be negative: {events}")
    tail = (1 - confidence) / 2
    if events < BYARS_FROM:
        lower = 0.0 if events == 0 else float(chi2.ppf(tail, 2 * events)) / 2
        return lower, float(chi2.ppf(1 - tail, 2 * events + 2)) / 2
    z = float(norm.ppf(1 - tail))
    lower = events * (1 - 1 / (9 * events) - z / (3 * math.sqrt(events))) ** 3
    above = events + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return lower, upper


def rate_per_10k(events: float, population: int) -> float:
    """Unrounded rate per 10,000."""
    return float(PER * events / population)


def rate_limits(events: float, population: int, confidence: float) -> tuple[float, float]:
    """Unrounded limits of a rate per 10,000."""
    lower, upper = poisson_limits(events, confidence)
    return rate_per_10k(lower, population), rate_per_10k(upper, population)


def compared_with(lower: float, upper: float, reference_rate: float) -> Comparison:
    """`higher` when the interval lies wholly above the reference rate, `lower` wholly below, else `similar`."""
    if lower > reference_rate:
        return "higher"
    if upper < reference_rate:
        return "lower"
    return "similar"


def funnel_limits(
    reference_rate: float, populations: Sequence[float] | np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """The interval of the count a population would hold at the reference rate, as rates."""
    populations = np.asarray(populations, dtype=float)
    limits = np.array([poisson_limits(e, confidence) for e in reference_rate * populations / PER])
    return PER * limits[:, 0] / populations, PER * limits[:, 1] / populations
