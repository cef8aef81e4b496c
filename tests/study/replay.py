"""A test oracle: score stored predictions through scikit-learn's own scorers.

The study scores the holdout with each metric's function in ``study/_metrics.py``; these
"replay" estimators hand scikit-learn's scorer the same stored predictions, so a test can
check both agree. They live here, not in the package: the study never needs them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin

from diveml.study._evaluate import Predictions


class ReplayClassifier(ClassifierMixin, BaseEstimator):
    """Return stored predictions for the row numbers it is given as ``X``."""

    def __init__(self, classes: np.ndarray, predicted: np.ndarray, proba: np.ndarray) -> None:
        self.classes = classes
        self.predicted = predicted
        self.proba = proba

    def fit(self, X: Any, y: Any = None) -> ReplayClassifier:
        self.classes_ = self.classes
        return self

    def predict(self, X: Any) -> np.ndarray:
        return self.predicted[np.asarray(X)[:, 0]]

    def predict_proba(self, X: Any) -> np.ndarray:
        return self.proba[np.asarray(X)[:, 0]]


class ReplayRegressor(RegressorMixin, BaseEstimator):
    """Return stored predictions for the row numbers it is given as ``X``."""

    def __init__(self, predicted: np.ndarray) -> None:
        self.predicted = predicted

    def fit(self, X: Any, y: Any = None) -> ReplayRegressor:
        return self

    def predict(self, X: Any) -> np.ndarray:
        return self.predicted[np.asarray(X)[:, 0]]


def scorer_score(scoring: str, predictions: Predictions) -> float:
    """Return the score through scikit-learn's own scorer (slow; checks ``score``)."""
    from sklearn.metrics import get_scorer

    estimator: Any
    if predictions.proba is not None:
        assert predictions.classes is not None
        estimator = ReplayClassifier(
            predictions.classes, predictions.predicted, predictions.proba
        ).fit(None)
    else:
        estimator = ReplayRegressor(predictions.predicted).fit(None)
    rows = np.arange(len(predictions.y))
    return float(get_scorer(scoring)(estimator, rows[:, None], predictions.y))
