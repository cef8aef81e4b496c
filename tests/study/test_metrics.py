"""The metrics registry is the one place a metric is described, and every reader uses it.

The registry's own facts are checked here (a default per task, bounds, shortcuts that agree
with the exact function); the last test registers a metric the study did not know and runs
a study with it end to end, so that a reader that goes back to a branch on metric names
(an if-chain in the scoring, a list in the options, a table in the report) fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import diveml
from diveml.config import Settings
from diveml.exceptions import InvalidOptionError
from diveml.study._evaluate import Predictions, bootstrap_ci, resample_scorer, score
from diveml.study._metrics import (
    METRICS,
    Metric,
    Outputs,
    clip,
    default_metric,
    label,
    lower_is_better,
    metrics_for,
)
from diveml.study._options import TASKS, check_metric
from tests.study.conftest import quick_study
from tests.study.test_evaluate import _predictions


@pytest.mark.parametrize("task", TASKS)
def test_each_task_has_one_default_metric_among_its_own(task: str) -> None:
    defaults = [m.name for m in METRICS.values() if task in m.default_for]
    assert defaults == [default_metric(task)]
    assert default_metric(task) in metrics_for(task)


@pytest.mark.parametrize("metric", sorted(METRICS))
def test_each_metric_is_described_whole(metric: str) -> None:
    spec = METRICS[metric]
    assert spec.name == metric
    assert spec.tasks and set(spec.tasks) <= set(TASKS)
    assert spec.low < spec.high
    assert spec.label and label(metric) == spec.label
    # a negated error reports its plain value among the other metrics, lower being better
    assert spec.negated == (spec.plain is not None)
    if spec.plain is not None:
        assert lower_is_better(spec.plain[0]) and label(spec.plain[0]) == spec.plain[1]
    if spec.positive_label is not None:
        assert spec.tasks == ("binary",) and spec.positive_label in metrics_for("binary")


@pytest.mark.parametrize(
    ("task", "metric"),
    [(t, m.name) for m in METRICS.values() if m.resample is not None for t in m.tasks],
)
def test_every_resample_shortcut_gives_the_exact_scores(task: str, metric: str) -> None:
    # The weighted shortcut must agree with scoring the resampled rows directly, ties in
    # the probabilities (rounded to 0.01 by _predictions) included.
    predictions = _predictions(task, seed=5)
    fast = resample_scorer(metric, predictions)
    assert fast is not None
    rng = np.random.default_rng(0)
    n = len(predictions.y)
    for _ in range(20):
        rows = rng.integers(0, n, n)
        assert fast(rows) == pytest.approx(score(metric, predictions, rows), abs=1e-12)


@pytest.mark.parametrize("metric", [m.name for m in METRICS.values() if m.needs_proba])
def test_a_metric_of_probabilities_is_undefined_without_them(metric: str) -> None:
    # Predictions of a model without predict_proba: the metric cannot be computed, and
    # says so (NaN, shown as a dash) instead of failing inside its function.
    task = "binary" if "binary" in METRICS[metric].tasks else "multiclass"
    full = _predictions(task)
    assert math.isfinite(score(metric, full))
    bare = Predictions(full.y, full.predicted, None, full.classes)
    assert math.isnan(score(metric, bare))


def test_clip_keeps_an_interval_inside_the_metrics_bounds() -> None:
    assert clip("balanced_accuracy", 0.967, 1.016) == (0.967, 1.0)
    assert clip("neg_log_loss", -0.4, 0.1) == (-0.4, 0.0)
    assert clip("not_registered", -3.0, 3.0) == (-3.0, 3.0)


# A metric diveml does not register: scikit-learn's scorer name for the mean absolute
# percentage error, negated so that larger is better.
NEW = "neg_mean_absolute_percentage_error"


def _mape(o: Outputs) -> float:
    return -float(np.mean(np.abs((o.y - o.predicted) / np.abs(o.y))))


NEW_METRIC = Metric(
    NEW,
    ("regression",),
    -math.inf,
    0.0,
    _mape,
    "MAPE (negated), a test's metric",
    "the mean error as a share of the actual value (a test registered it)",
    plain=("mape_of_the_test", "MAPE of the test"),
    other_for=("regression",),
)


def test_an_unregistered_metric_is_refused() -> None:
    assert NEW not in METRICS
    with pytest.raises(InvalidOptionError, match=f"'{NEW}' is not a scikit-learn scorer name"):
        check_metric(NEW, "regression")


def test_a_metric_added_to_the_registry_runs_a_whole_study(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(METRICS, NEW, NEW_METRIC)
    assert check_metric(NEW, "regression") == NEW
    s = quick_study("diabetes", "progression", tmp_path / "d", settings, metric=NEW)
    r = s.result_
    assert r.metric == NEW
    # The holdout is scored by the registered function, on the predictions the study wrote.
    held = pd.read_csv(s.out_dir / "holdout_predictions.csv")
    expected = -np.mean(np.abs((held["actual"] - held["prediction"]) / held["actual"].abs()))
    assert r.holdout.score == pytest.approx(expected)
    # The bootstrap scored resamples with it too (no shortcut registered), within its bounds.
    assert r.holdout.ci_low is not None and r.holdout.ci_high is not None
    assert r.holdout.ci_low < r.holdout.score < r.holdout.ci_high <= 0.0
    assert r.holdout.ci_method.startswith("percentile bootstrap")
    # The cross-validation scored every rung with the same scikit-learn scorer name.
    assert all(rung.cv_mean is None or rung.cv_mean <= 0.0 for rung in r.ladder)
    # Every regression holdout now reports it among its other metrics (as its plain error,
    # lower being better), beside the ones it reported before, in the registry's order.
    mape = r.holdout.other_metrics["mape_of_the_test"]
    assert mape == pytest.approx(-expected)
    assert list(r.holdout.other_metrics) == ["r2", "rmse", "mae", "mape_of_the_test"]
    # The report names it and explains it from the registry.
    report = (s.out_dir / "report.md").read_text("utf-8")
    assert "MAPE (negated), a test's metric" in report
    assert "as a share of the actual value (a test registered it)" in report
    assert "MAPE of the test (lower is better)" in report
    # The review lists it among the metrics reported beside the study's own...
    review = diveml.review(s.out_dir, settings=settings, refit=False)
    measure = next(i for i in review.items if i["id"] == "choice-of-measure")
    assert measure["status"] == "pass"
    assert "(mae, mape_of_the_test, r2, rmse)" in measure["evidence"]
    # ...and a notebook that picks the best of it and another metric is caught.
    assert _picks_a_metric_after_the_results(tmp_path / "shop.py")


def _picks_a_metric_after_the_results(path: Path) -> bool:
    """Whether the notebook review flags a notebook choosing between NEW and r2."""
    from diveml.review._source import read_source
    from diveml.review._static import analyse

    path.write_text(
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.linear_model import Ridge\n"
        "from sklearn.model_selection import cross_val_score\n"
        "X, y = load_diabetes(return_X_y=True)\n"
        f"names = [{NEW!r}, 'r2']\n"
        "scores = {m: cross_val_score(Ridge(), X, y, cv=5, scoring=m).mean() for m in names}\n"
        "best = max(scores, key=scores.get)\n"
        "print(best, scores[best])\n",
        encoding="utf-8",
    )
    codes = {f.code for f in analyse(read_source(path))}
    return "metric-chosen-after-results" in codes


def test_an_unregistered_metric_name_is_not_a_metric_to_the_notebook_review(
    tmp_path: Path,
) -> None:
    # The counterpart of the end-to-end test: the review knows NEW from the registry only.
    assert not _picks_a_metric_after_the_results(tmp_path / "shop.py")


def test_a_metric_made_a_tasks_default_is_the_one_the_audit_recommends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from diveml.audit import audit

    rival = dataclasses.replace(METRICS["roc_auc"], name="a_test_auc", default_for=("binary",))
    monkeypatch.setitem(METRICS, "roc_auc", dataclasses.replace(METRICS["roc_auc"], default_for=()))
    monkeypatch.setitem(METRICS, rival.name, rival)
    assert default_metric("binary") == "a_test_auc"
    table = pd.DataFrame(
        {"x": range(300), "y": ["rare" if i % 25 == 0 else "common" for i in range(300)]}
    )
    (warning,) = [f for f in audit(table, "y").findings if f.code == "imbalance"]
    assert "the default metric, a_test_auc, does not" in warning.message


def test_a_registered_metric_is_bootstrapped_by_its_own_function() -> None:
    predictions = _predictions("regression", seed=1)
    spec = Metric(
        "a_test_metric", ("regression",), 0.0, 1.0, lambda o: float(np.mean(o.y > o.predicted)),
        "a test metric",
    )  # fmt: skip
    low, high, method = _bootstrap_with(spec, predictions)
    share = float(np.mean(predictions.y > predictions.predicted))
    assert 0.0 <= low < share < high <= 1.0
    assert method.startswith("percentile bootstrap")


def _bootstrap_with(spec: Metric, predictions: Predictions) -> tuple[float, float, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(METRICS, spec.name, spec)
        return bootstrap_ci(spec.name, predictions, seed=0, resamples=200)
