"""Holdout scoring: fast metrics agree with scikit-learn's scorers; bootstrap; gap rule."""

from __future__ import annotations

import numpy as np
import pytest

from diveml.study._evaluate import (
    Clusters,
    Predictions,
    bootstrap_ci,
    expected_range,
    resample_scorer,
    score,
)
from diveml.study._metrics import metrics_for
from tests.study.replay import scorer_score


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
    ("task", "metric"),
    [(t, m) for t in ("binary", "multiclass", "regression") for m in metrics_for(t)],
)
def test_score_agrees_with_sklearn_scorer(task: str, metric: str) -> None:
    predictions = _predictions(task)
    assert score(metric, predictions) == pytest.approx(scorer_score(metric, predictions))


def test_bootstrap_is_seeded_and_brackets_the_score() -> None:
    predictions = _predictions("binary", seed=3)
    low, high, method = bootstrap_ci("roc_auc", predictions, seed=7, resamples=300)
    assert (low, high, method) == bootstrap_ci("roc_auc", predictions, seed=7, resamples=300)
    assert low < score("roc_auc", predictions) < high
    assert method == "percentile bootstrap, 300 resamples, seed 7"


def _repeated(predictions: Predictions, times: int) -> Predictions:
    """Each holdout row ``times`` times over, as copies of a row drawn together give."""
    take = np.repeat(np.arange(len(predictions.y)), times)
    proba = None if predictions.proba is None else predictions.proba[take]
    return Predictions(predictions.y[take], predictions.predicted[take], proba, predictions.classes)


@pytest.mark.parametrize("metric", ["roc_auc", "accuracy", "f1"])  # fast and slow scorers
def test_copies_drawn_together_are_resampled_together(metric: str) -> None:
    one = _predictions("binary", seed=3)
    copies = _repeated(one, 8)  # 960 rows, but only 120 independent draws
    ids = np.repeat(np.arange(len(one.y)), 8)
    rows_low, rows_high, _ = bootstrap_ci(metric, copies, seed=7, resamples=400)
    low, high, method = bootstrap_ci(
        metric, copies, seed=7, resamples=400, clusters=Clusters(ids, "distinct rows")
    )
    alone_low, alone_high, _ = bootstrap_ci(metric, one, seed=7, resamples=400)
    # treated as 960 independent rows the interval is about sqrt(8) times too narrow;
    # over the 120 clusters it is as wide as the 120 distinct rows alone give
    assert (high - low) > 2 * (rows_high - rows_low)
    assert (high - low) == pytest.approx(alone_high - alone_low, rel=0.25)
    assert method == (
        "percentile bootstrap over the 120 distinct rows of the holdout's 960 rows, "
        "400 resamples, seed 7"
    )


def test_rows_each_their_own_cluster_give_the_row_bootstrap_exactly() -> None:
    predictions = _predictions("binary", seed=3)
    alone = Clusters.of(np.arange(len(predictions.y)) * 7919, "distinct rows")
    assert bootstrap_ci("roc_auc", predictions, seed=7, clusters=alone) == bootstrap_ci(
        "roc_auc", predictions, seed=7
    )


def test_clusters_number_their_keys_and_resample_whole_ones() -> None:
    clusters = Clusters.of(np.array(["b", "a", "b", "c", "a"]), "groups")
    assert clusters.ids.tolist() == [1, 0, 1, 2, 0] and clusters.count == 3
    rows = clusters.resample(np.random.default_rng(0))
    # every cluster drawn brings all of its rows, as many times as it was drawn
    drawn = np.bincount(clusters.ids[rows], minlength=3) / np.bincount(clusters.ids)
    assert np.all(drawn == drawn.round()) and drawn.sum() == 3
    assert clusters.describe() == "the 3 groups of the holdout's 5 rows"


def _perfect(task: str, n_small: int, n_large: int) -> Predictions:
    """Predictions without a single error: n_small rows of one class, n_large of the other."""
    if task == "multiclass":
        y = np.array(["a"] * n_small + ["b"] * n_large + ["c"] * n_large)
        classes = np.array(["a", "b", "c"])
    else:
        y = np.array([1] * n_small + [0] * n_large)
        classes = np.array([0, 1])
    proba = (y[:, None] == classes[None, :]).astype(float) * 0.8 + 0.1
    proba = proba / proba.sum(axis=1, keepdims=True)
    return Predictions(y, y.copy(), proba, classes)


@pytest.mark.parametrize(
    ("metric", "task", "expected_low"),
    [
        # the exact bound 0.025 ** (1 / m), with m = 32 positives (the smaller class)
        ("roc_auc", "binary", 0.025 ** (1 / 32)),
        ("accuracy", "binary", 0.025 ** (1 / 86)),
        ("balanced_accuracy", "multiclass", (0.025 ** (1 / 32) + 2 * 0.025 ** (1 / 54)) / 3),
    ],
)
def test_a_perfect_holdout_gets_an_interval_not_a_point(
    metric: str, task: str, expected_low: float
) -> None:
    # Every resample of an error-free holdout scores 1.0, so the percentile interval would
    # be [1, 1] (breast_cancer and penguins in bench/RESULTS.md); the rule of three gives
    # the honest lower end instead.
    predictions = _perfect(task, 32, 54)
    assert score(metric, predictions) == 1.0
    low, high, method = bootstrap_ci(metric, predictions, seed=0, resamples=200)
    assert high == 1.0
    assert low == pytest.approx(expected_low)
    assert 0.85 < low < 0.99
    assert "no errors" in method and "rule of three" in method


def test_a_perfect_regression_keeps_its_point_interval_and_says_bootstrap() -> None:
    # No rule-of-three analogue for r2: the interval stays the bootstrap's own.
    y = np.arange(20.0)
    low, high, method = bootstrap_ci("r2", Predictions(y, y.copy(), None, None), seed=0)
    assert low == high == 1.0
    assert method.startswith("percentile bootstrap")


def test_a_large_holdout_draws_fewer_resamples_and_uses_the_normal_interval() -> None:
    # 400,000 rows x 1,000 resamples would be 4e8 values; the cap keeps it to 100 x 400,000.
    rng = np.random.default_rng(0)
    n = 400_000
    y = rng.integers(0, 2, n)
    proba1 = np.clip(y * 0.3 + rng.uniform(0, 0.7, n), 0, 1)
    proba = np.column_stack([1 - proba1, proba1])
    predictions = Predictions(y, (proba1 > 0.5).astype(int), proba, np.array([0, 1]))
    low, high, method = bootstrap_ci("accuracy", predictions, seed=1)
    value = score("accuracy", predictions)
    assert method.startswith("normal bootstrap interval, 100 resamples")
    assert low < value < high
    # the standard error of a proportion, sqrt(p(1-p)/n), checks the width
    se = np.sqrt(value * (1 - value) / n)
    assert (high - low) / (2 * 1.96) == pytest.approx(se, rel=0.25)


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


# Each resample shortcut against the exact scores: tests/study/test_metrics.py.


def test_other_metrics_have_no_fast_resample_scorer() -> None:
    assert resample_scorer("neg_log_loss", _predictions("binary")) is None


@pytest.mark.parametrize("task", ["binary", "multiclass"])
def test_other_metrics_on_class_numbers_equal_those_on_the_labels(task: str) -> None:
    # other_metrics turns text labels into class numbers for speed; the values must be the
    # ones scikit-learn gives on the labels themselves.
    from sklearn import metrics

    from diveml.study._evaluate import other_metrics

    predictions = _predictions(task, seed=2)
    if task == "binary":  # text labels, the slow case
        classes = np.array(["no", "yes"])
        predictions = Predictions(
            classes[predictions.y],
            classes[predictions.predicted],
            predictions.proba,
            classes,
        )
    y, pred = predictions.y, predictions.predicted
    got = other_metrics(task, predictions)
    assert got["accuracy"] == pytest.approx(metrics.accuracy_score(y, pred))
    assert got["f1_macro"] == pytest.approx(metrics.f1_score(y, pred, average="macro"))
    assert got["log_loss"] == pytest.approx(
        metrics.log_loss(y, predictions.proba, labels=predictions.classes)
    )
    if task == "binary":
        assert got["f1"] == pytest.approx(metrics.f1_score(y, pred, pos_label="yes"))


def test_a_perfect_holdout_of_copies_rests_on_its_distinct_rows() -> None:
    one = _perfect("binary", 10, 30)
    copies = _repeated(one, 6)
    ids = np.repeat(np.arange(len(one.y)), 6)
    low, _, method = bootstrap_ci("accuracy", copies, seed=0, clusters=Clusters(ids, "rows"))
    alone_low, _, _ = bootstrap_ci("accuracy", one, seed=0)
    rows_low, _, _ = bootstrap_ci("accuracy", copies, seed=0)
    # 40 distinct rows without an error, not 240: the bound is the 40 rows' bound
    assert low == alone_low < rows_low
    assert "no errors in 40 rows, each set of rows drawn together counted once" in method
