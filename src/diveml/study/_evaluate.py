"""Score the holdout once: the score, its bootstrap interval, other metrics, diagnostics.

Everything here works from the predictions made once on the holdout rows. Each score is
computed by its metric's function in the registry (:data:`._metrics.METRICS`), never by a
branch on its name, so a metric added there is scored, bootstrapped and bounded here too.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from diveml.study._metrics import METRICS, Outputs, clip, other_metrics_for, rule_of_three

__all__ = [
    "BOOTSTRAP_RESAMPLES",
    "GAP_RULE",
    "Clusters",
    "Holdout",
    "Predictions",
    "bootstrap_ci",
    "diagnostics",
    "expected_range",
    "no_error_bound",
    "other_metrics",
    "resample_scorer",
    "score",
]

BOOTSTRAP_RESAMPLES = 1000
# A bootstrap draws resamples x holdout rows values; above this many, fewer resamples are
# drawn (1.3 million holdout rows x 1,000 resamples of ROC AUC took tens of minutes).
BOOTSTRAP_CELLS = 20_000_000
MIN_RESAMPLES = 100
MAX_POINTS = 200
GAP_RULE = (
    "expected range = cv_mean ± 2·sqrt(se_cv² + se_holdout²), with se_cv = cv_std/sqrt(folds) "
    "and se_holdout = (ci_high - ci_low)/(2·1.96), kept within the metric's bounds; the "
    "holdout score is flagged when it falls outside that range"
)


class Predictions:
    """The holdout's actual values and one model's predictions (and probabilities)."""

    def __init__(
        self, y: pd.Series, predicted: np.ndarray, proba: np.ndarray | None, classes: Any
    ) -> None:
        self.y = np.asarray(y)
        self.predicted = np.asarray(predicted)
        self.proba = proba
        self.classes = None if classes is None else np.asarray(classes)

    @classmethod
    def of(cls, pipeline: Any, X: pd.DataFrame, y: pd.Series, task: str) -> Predictions:
        predicted = pipeline.predict(X)
        if task == "regression":
            return cls(y, predicted, None, None)
        return cls(y, predicted, pipeline.predict_proba(X), pipeline.classes_)

    def outputs(self) -> Outputs:
        """Return the predictions as the metrics of :mod:`._metrics` read them."""
        return Outputs(self.y, self.predicted, self.proba, self.classes)


def score(scoring: str, predictions: Predictions, rows: np.ndarray | None = None) -> float:
    """Return the ``scoring`` score on ``rows`` (all rows by default); NaN when undefined.

    Computed by the metric's own function in :data:`._metrics.METRICS`, from the stored
    predictions; a test checks every metric against scikit-learn's scorer.
    """
    spec = METRICS[scoring]
    outputs = predictions.outputs()
    if spec.needs_proba and outputs.proba is None:
        return math.nan  # a model without probabilities cannot be scored by this metric
    if rows is not None:
        outputs = outputs.take(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = spec.exact(outputs)
        except ValueError:  # e.g. ROC AUC on a sample holding one class
            return math.nan
    return value if math.isfinite(value) else math.nan


@dataclasses.dataclass(frozen=True)
class Clusters:
    """Which holdout rows were drawn together, and what they are (for the method's words).

    ``ids`` holds one cluster number per holdout row (0 .. count-1); ``kind`` names a
    cluster in words: ``"distinct rows"`` (copies of a row are one cluster) or ``"groups"``.
    """

    ids: np.ndarray
    kind: str

    @classmethod
    def of(cls, keys: Any, kind: str) -> Clusters:
        """Number the clusters of ``keys`` (one key per holdout row: a hash, or a group)."""
        _, ids = np.unique(np.asarray(keys), return_inverse=True)
        return cls(np.asarray(ids).ravel(), kind)

    @property
    def count(self) -> int:
        return int(self.ids.max()) + 1 if len(self.ids) else 0

    def resample(self, rng: np.random.Generator) -> np.ndarray:
        """Draw ``count`` clusters with replacement; return the rows of the ones drawn."""
        k = self.count
        times = np.bincount(rng.integers(0, k, k), minlength=k)
        return np.repeat(np.arange(len(self.ids)), times[self.ids])

    def firsts(self) -> np.ndarray:
        """One row of each cluster (its first), in row order."""
        return np.sort(np.unique(self.ids, return_index=True)[1])

    def describe(self) -> str:
        return f"the {self.count:,} {self.kind} of the holdout's {len(self.ids):,} rows"


def bootstrap_ci(
    scoring: str,
    predictions: Predictions,
    seed: int,
    resamples: int = BOOTSTRAP_RESAMPLES,
    clusters: Clusters | None = None,
) -> tuple[float, float, str]:
    """Return the 95% interval of the holdout score and, in words, how it was made.

    Usually a percentile bootstrap. Two cases need more:

    - **A large holdout.** Each resample costs time in proportion to the rows, so above
      :data:`BOOTSTRAP_CELLS` / ``resamples`` rows fewer resamples are drawn (at least
      :data:`MIN_RESAMPLES`) and the interval is the normal one from their spread, which is
      accurate at such sizes, where the percentile tails would be too noisy.
    - **A perfect holdout.** When the model makes no error on the holdout, every resample
      scores the same perfect value and the percentile interval shrinks to a point, claiming
      a certainty that a finite holdout cannot give. The lower end then comes from the rule
      of three (:func:`no_error_bound`).

    With ``clusters`` whose rows were drawn together (copies of a row, or the groups of a
    grouped split), a resample draws whole clusters, not rows (a cluster bootstrap): rows
    that are not independent draws must not count as if they were, or the interval is too
    narrow. Without them, or when every row is its own cluster, rows are resampled.
    """
    rng = np.random.default_rng(seed)
    n = len(predictions.y)
    draws = int(min(resamples, max(MIN_RESAMPLES, BOOTSTRAP_CELLS // max(n, 1))))
    fast = resample_scorer(scoring, predictions)
    one = fast if fast is not None else (lambda rows: score(scoring, predictions, rows))
    together = clusters if clusters is not None and clusters.count < n else None
    if together is None:
        values = np.array([one(rng.integers(0, n, n)) for _ in range(draws)])
    else:
        values = np.array([one(together.resample(rng)) for _ in range(draws)])
    values = values[np.isfinite(values)]
    if len(values) < draws / 2:
        return math.nan, math.nan, f"bootstrap failed: fewer than half of {draws} resamples scored"
    over = "" if together is None else f" over {together.describe()}"
    if draws < resamples:
        centre, spread = float(np.mean(values)), float(np.std(values, ddof=1))
        low, high = clip(scoring, centre - 1.96 * spread, centre + 1.96 * spread)
        method = (
            f"normal bootstrap interval{over}, {draws} resamples (a large holdout), seed {seed}"
        )
    else:
        low, high = (float(v) for v in np.percentile(values, [2.5, 97.5]))
        method = f"percentile bootstrap{over}, {draws} resamples, seed {seed}"
    if low == high:
        firsts = None if together is None else together.firsts()
        bound = no_error_bound(scoring, predictions, score(scoring, predictions), firsts)
        if bound is not None:
            low, method = bound
    return float(low), float(high), method


def resample_scorer(scoring: str, predictions: Predictions) -> Callable[[np.ndarray], float] | None:
    """Return the metric's fast ``rows -> score`` for bootstrap resamples, or None.

    The metric's ``resample`` in :data:`._metrics.METRICS` scores a resample as a weighted
    score of the holdout (a test checks it gives :func:`score`'s numbers); metrics without
    one are scored resample by resample.
    """
    make = METRICS[scoring].resample
    return None if make is None else make(predictions.outputs())


def no_error_bound(
    scoring: str, predictions: Predictions, value: float, rows: np.ndarray | None = None
) -> tuple[float, str] | None:
    """Return a 97.5% lower bound for a perfect holdout score, or None when it does not apply.

    The metric's ``no_error`` in :data:`._metrics.METRICS` names the row counts a perfect
    score rests on; the bound is the mean of their rule-of-three bounds
    (:func:`._metrics.rule_of_three`). With ``rows`` (one row of each set of rows drawn
    together), only those count: a row's copies are not further rows without an error.
    """
    counts = METRICS[scoring].no_error
    if counts is None or not (math.isfinite(value) and value == 1.0):
        return None
    outputs = predictions.outputs()
    ms, m_text = counts(outputs if rows is None else outputs.take(rows))
    if rows is not None:
        m_text += ", each set of rows drawn together counted once"
    low = rule_of_three(ms[0]) if len(ms) == 1 else float(np.mean([rule_of_three(m) for m in ms]))
    return low, (
        "the holdout had no errors, so every bootstrap resample scored the same; the lower "
        f"end is the exact 97.5% bound for no errors in {m_text} (the rule of three)"
    )


def expected_range(
    cv_mean: float,
    cv_std: float,
    folds: int,
    ci_low: float,
    ci_high: float,
    metric: str | None = None,
) -> tuple[float, float]:
    """Return the range the holdout score was expected in, by :data:`GAP_RULE`.

    With ``metric``, the range is kept inside the metric's bounds (a score of 1 is the most
    a balanced accuracy can be, whatever the spread says).
    """
    se_cv = cv_std / math.sqrt(folds)
    se_holdout = (ci_high - ci_low) / (2 * 1.96) if math.isfinite(ci_high - ci_low) else 0.0
    spread = 2 * math.sqrt(se_cv**2 + se_holdout**2)
    low, high = cv_mean - spread, cv_mean + spread
    return clip(metric, low, high) if metric is not None else (low, high)


def _codes(predictions: Predictions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (actual, predicted, labels) as class numbers when every value is a known class.

    scikit-learn's metrics sort and compare the labels themselves; with text labels that is
    slow on big holdouts (half a minute for 1.3 million rows); as class numbers the same
    metrics take a fraction of a second and give the same values.
    """
    classes = predictions.classes
    y, pred = predictions.y, predictions.predicted
    if classes is None:
        return y, pred, np.asarray([])
    try:
        y_codes = np.searchsorted(classes, y)
        pred_codes = np.searchsorted(classes, pred)
        known = bool(
            np.all(y_codes < len(classes))
            and np.all(pred_codes < len(classes))
            and np.all(classes[np.minimum(y_codes, len(classes) - 1)] == y)
            and np.all(classes[np.minimum(pred_codes, len(classes) - 1)] == pred)
        )
    except TypeError:  # labels that cannot be ordered against the classes
        known = False
    if not known:
        return y, pred, np.asarray(classes)
    return y_codes, pred_codes, np.arange(len(classes))


def other_metrics(task: str, predictions: Predictions) -> dict[str, float | None]:
    """Return the usual metrics besides the study's own, as the registry lists them.

    Each is computed by its own function in :data:`._metrics.METRICS` (a negated error is
    reported as its plain value, lower being better), on class numbers for a classification;
    a metric that cannot be computed on these predictions is None.
    """
    outputs = predictions.outputs()
    if task != "regression":
        y, pred, labels = _codes(predictions)
        outputs = Outputs(y, pred, outputs.proba, labels)
    out: dict[str, float | None] = {}
    for metric in other_metrics_for(task):
        if metric.needs_proba and outputs.proba is None:
            out[metric.key] = None
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                value = metric.exact(outputs)
            except ValueError:
                out[metric.key] = None
                continue
        value = -value if metric.plain is not None else value
        out[metric.key] = value if math.isfinite(value) else None
    return out


def _thin(values: np.ndarray, points: int = MAX_POINTS) -> list[float]:
    if len(values) <= points:
        return [float(v) for v in values]
    keep = np.unique(np.linspace(0, len(values) - 1, points).round().astype(int))
    return [float(v) for v in values[keep]]


def _label(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


@dataclasses.dataclass(frozen=True)
class Holdout:
    """The chosen model on the holdout: what the diagnostics look at.

    ``rows`` are the holdout rows' numbers in the table as read (for ``worst_rows``).
    """

    task: str
    scoring: str
    predictions: Predictions
    pipeline: Any
    X: pd.DataFrame
    rows: np.ndarray


def diagnostics(
    holdout: Holdout, segment_columns: list[str], seed: int, budget: float = 120.0
) -> dict[str, Any]:
    """Return the ``diagnostics`` section, kept cheap: curves thinned, importance on a sample.

    ``budget`` (the study's, in seconds) bounds the permutation importance.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if holdout.task != "regression":
            out, error = _class_diagnostics(holdout.task, holdout.predictions)
        else:
            out, error = _residuals(holdout.predictions)
        out |= _importance(holdout, seed, budget)
        out["segments"] = _segments(holdout, segment_columns)
        out["worst_rows"] = _worst_rows(holdout, error)
    return out


def _class_diagnostics(task: str, predictions: Predictions) -> tuple[dict[str, Any], np.ndarray]:
    """Confusion matrix (and ROC, PR, calibration for binary); each row's error."""
    from sklearn import metrics

    assert predictions.classes is not None and predictions.proba is not None
    y, pred = predictions.y, predictions.predicted
    labels = list(predictions.classes)
    y_codes, pred_codes, code_labels = _codes(predictions)
    out: dict[str, Any] = {
        "confusion_matrix": {
            "labels": [_label(v) for v in labels],
            "matrix": metrics.confusion_matrix(y_codes, pred_codes, labels=code_labels).tolist(),
        }
    }
    if task == "binary" and len(np.unique(y)) == 2:
        out |= _binary_curves(predictions.proba[:, 1], y == labels[1], labels[1])
    true_index = np.searchsorted(predictions.classes, y) if _sortable(labels) else None
    if true_index is None:
        return out, (pred != y).astype(float)
    return out, 1.0 - predictions.proba[np.arange(len(y)), true_index]


def _binary_curves(p: np.ndarray, truth: np.ndarray, positive: Any) -> dict[str, Any]:
    """ROC and precision-recall curves (thinned) and the calibration curve."""
    from sklearn import metrics
    from sklearn.calibration import calibration_curve

    fpr, tpr, _ = metrics.roc_curve(truth, p)
    precision, recall, _ = metrics.precision_recall_curve(truth, p)
    prob_true, prob_pred = calibration_curve(truth, p, n_bins=10, strategy="quantile")
    return {
        "roc_curve": {
            "fpr": _thin(fpr),
            "tpr": _thin(tpr),
            "auc": float(metrics.roc_auc_score(truth, p)),
            "positive": _label(positive),
        },
        "pr_curve": {
            "precision": _thin(precision),
            "recall": _thin(recall),
            "average_precision": float(metrics.average_precision_score(truth, p)),
            "positive": _label(positive),
        },
        "calibration": {
            "prob_pred": [float(v) for v in prob_pred],
            "prob_true": [float(v) for v in prob_true],
        },
    }


def _residuals(predictions: Predictions) -> tuple[dict[str, Any], np.ndarray]:
    """The residual plot's points (thinned, the ten largest kept); each row's error."""
    pred = predictions.predicted
    residual = np.asarray(predictions.y, dtype=float) - np.asarray(pred, dtype=float)
    order = np.argsort(pred, kind="stable")
    # Every k-th row by prediction, plus the ten largest residuals, so the plot's range
    # shows the worst errors rather than losing them to the thinning.
    largest = np.argsort(-np.abs(residual), kind="stable")[:10]
    keep = np.union1d(order[:: max(1, len(order) // MAX_POINTS)], largest)
    keep = keep[np.argsort(pred[keep], kind="stable")]
    section = {
        "predicted": [float(v) for v in pred[keep]],
        "residual": [float(v) for v in residual[keep]],
        "holdout_rows": len(residual),
    }
    return {"residuals": section}, np.abs(residual)


def _importance(holdout: Holdout, seed: int, budget: float) -> dict[str, Any]:
    """Permutation importance within the budget: see _importance.py for the plan."""
    from diveml.study._importance import importance_plan, permutation_importance_section

    predictions = holdout.predictions
    output = predictions.proba if predictions.proba is not None else predictions.predicted
    if output is not None and holdout.task == "binary" and np.ndim(output) == 2:
        output = output[:, -1:]
    rows_used = min(len(predictions.y), 1000)
    repeats = int(importance_plan(rows_used, len(holdout.X.columns), budget)[1])
    try:
        ranked, note = permutation_importance_section(
            holdout.pipeline,
            holdout.X,
            pd.Series(predictions.y),
            output,
            holdout.scoring,
            seed,
            budget,
        )
    except ValueError:
        ranked, note = [], None
    return {
        "importance_rows": rows_used,
        "importance_repeats": repeats,
        "permutation_importance": ranked,
        "permutation_importance_note": note,
    }


def _segments(holdout: Holdout, columns: list[str]) -> list[dict[str, Any]]:
    """The holdout score of each value of a few categorical columns."""
    segments = []
    for column in columns:
        values = holdout.X[column].fillna("missing")
        for value, count in values.value_counts().sort_index().items():
            where = np.flatnonzero((values == value).to_numpy())
            value_score = score(holdout.scoring, holdout.predictions, where)
            segments.append(
                {
                    "column": str(column),
                    "value": str(value),
                    "rows": int(count),
                    "score": None if math.isnan(value_score) else value_score,
                }
            )
    return segments


def _worst_rows(holdout: Holdout, error: np.ndarray) -> list[dict[str, Any]]:
    """The ten holdout rows the model got most wrong, by row number."""
    y, pred = holdout.predictions.y, holdout.predictions.predicted
    return [
        {
            "row": int(holdout.rows[i]),
            "actual": _label(y[i]),
            "predicted": _label(pred[i]),
            "error": float(error[i]),
        }
        for i in np.argsort(-error, kind="stable")[:10]
    ]


def _sortable(labels: list[Any]) -> bool:
    try:
        return bool(np.all(np.asarray(labels[:-1]) <= np.asarray(labels[1:])))
    except TypeError:
        return False
