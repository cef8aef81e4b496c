"""Holdout scoring: fast metrics agree with scikit-learn's scorers; bootstrap; gap rule."""

from __future__ import annotations

import numpy as np
import pytest

from diveml.study._evaluate import (
    Predictions,
    bootstrap_ci,
    expected_range,
    score,
    scorer_score,
)
from diveml.study._options import METRICS


def _predictions(task: str, seed: int = 0) -> Predictions:
    rng = np.random.default_rng(seed)
    n = 120
    if task == "regression":
        y = rng.normal(size=n)
        return Predictions(y, y + rng.normal(scale=0.5, size=n), None, None)
    classes = np.array([0, 1]) if task == "binary" else np.array(["a", "b", "c"])
    y = classes[rng.integers(0, len(classes), n)]
    proba = rng.dirichlet(np.ones(len(classes)), size=n).round(2)
    proba = proba / proba.sum(axis=1, keepdims=True)
    return Predictions(y, classes[proba.argmax(axis=1)], proba, classes)


@pytest.mark.parametrize(
    ("task", "metric"), [(t, m) for t, names in METRICS.items() for m in names]
)
def test_score_agrees_with_sklearn_scorer(task: str, metric: str) -> None:
    predictions = _predictions(task)
    assert score(metric, predictions) == pytest.approx(scorer_score(metric, predictions))


def test_bootstrap_is_seeded_and_brackets_the_score() -> None:
    predictions = _predictions("binary", seed=3)
    low, high = bootstrap_ci("roc_auc", predictions, seed=7, resamples=300)
    assert (low, high) == bootstrap_ci("roc_auc", predictions, seed=7, resamples=300)
    assert low < score("roc_auc", predictions) < high


def test_score_is_nan_when_undefined() -> None:
    predictions = Predictions(
        np.array([1, 1, 1]), np.array([1, 1, 1]), np.full((3, 2), 0.5), np.array([0, 1])
    )
    assert np.isnan(score("roc_auc", predictions))


def test_expected_range_widens_with_both_uncertainties() -> None:
    narrow = expected_range(0.8, 0.01, 5, 0.79, 0.81)
    wide = expected_range(0.8, 0.05, 5, 0.70, 0.90)
    assert narrow[0] < 0.8 < narrow[1]
    assert wide[0] < narrow[0] and wide[1] > narrow[1]
