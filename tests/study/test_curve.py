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
