"""The learning-curve verdict rule."""

from __future__ import annotations

import numpy as np
import pytest

from diveml.study._curve import verdict

# Fold noise whose differences between sizes average to zero, so each case is exact.
PATTERN = np.array([1.0, -1.0, 0.0, 1.0, -1.0]) * 0.004
NOISE = np.array([PATTERN * (-1) ** i for i in range(5)])


@pytest.mark.parametrize(
    ("means", "expected"),
    [
        ([0.60, 0.70, 0.78, 0.84, 0.89], "more_data_helps"),
        ([0.80, 0.85, 0.86, 0.86, 0.86], "plateau"),
        ([0.60, 0.70, 0.80, 0.84, 0.84], "unclear"),
    ],
)
def test_verdict_follows_the_documented_rule(means: list[float], expected: str) -> None:
    scores = np.asarray(means)[:, None] + NOISE
    assert verdict(scores) == expected


def test_verdict_of_a_flat_dummy_curve_is_plateau() -> None:
    assert verdict(np.full((5, 5), 0.5)) == "plateau"


def test_a_curve_still_rising_at_its_right_edge_is_not_a_plateau() -> None:
    # The penguins case: the last step gains on average, by more than one standard error
    # but less than two, so the verdict must not say "probably not" (the glossary reads a
    # curve rising at its right edge as "more data would likely help").
    gains = np.array([0.012, -0.004, 0.010, 0.002, 0.006])  # mean 0.0052, se 0.0029
    scores = np.vstack([np.full(5, 0.90), np.full(5, 0.95), np.full(5, 0.97), np.full(5, 0.97)])
    scores = np.vstack([scores, scores[-1] + gains])
    assert verdict(scores) == "unclear"
    flat = scores.copy()
    flat[-1] = scores[-2] + gains - gains.mean()  # the same noise, no rise
    assert verdict(flat) == "plateau"
