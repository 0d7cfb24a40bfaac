"""The ward figures of the 2021 Bradford South paper reproduced: each ward's average month of children at
risk from its child-months, its rate per 10,000 children from the unrounded average, and the likely ranges
(95% and 99.8%) the paper gives."""

from __future__ import annotations

import pytest

from helpers.stats import rates


@pytest.mark.parametrize(
    ("child_months", "population", "published_average", "published_rate"),
    [
        (91, 4686, 7.58, 16.18),  # Royds
        (60, 3911, 5.00, 12.78),  # Queensbury
        (218, 5928, 18.17, 30.65),  # Great Horton
        (199, 6805, 16.58, 24.37),  # Tong: from the unrounded average (16.58 itself would give 24.36)
    ],
)
def test_the_2021_report_triples_for_bradford_south(child_months, population, published_average, published_rate):
    average = child_months / 12
    assert round(average, 2) == published_average
    assert round(rates.rate_per_10k(average, population), 2) == published_rate


def test_the_rate_comes_from_the_unrounded_average():
    assert round(rates.rate_per_10k(16.58, 6805), 2) == 24.36
    assert round(rates.rate_per_10k(199 / 12, 6805), 2) == 24.37


@pytest.mark.parametrize(
    ("average", "population", "expected"),
    [
        # Reference intervals from the published formulas: 95% then 99.8%.
        (7.58, 4686, (6.79, 32.44, 3.79, 43.78)),  # exact Poisson, below 10
        (5.00, 3911, (4.15, 29.83, 1.89, 42.07)),  # exact Poisson
        (18.17, 5928, (18.21, 48.34, 13.05, 60.10)),  # Byar's, from 10
    ],
)
def test_intervals_match_the_published_reference_values(average, population, expected):
    found = (*rates.rate_limits(average, population, 0.95), *rates.rate_limits(average, population, 0.998))
    assert tuple(round(v, 2) for v in found) == expected
