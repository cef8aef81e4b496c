"""What diveml knows about each metric, in one place: the registry :data:`METRICS`.

Each :class:`Metric` is a scikit-learn scorer name (cross-validation and the permutation
importance call scikit-learn with that name) plus everything the rest of diveml asks about
it: the tasks it serves and the default of each, its bounds (an interval or an expected
range is clipped to them, so a report never shows a balanced accuracy of 1.016), whether it
reads the predicted probabilities, whether it needs the positive class labelled 1, its
display name and help, how to compute it from stored holdout predictions, a fast weighted
version for the bootstrap, and the exact lower bound of a perfect score.

Larger is better for every metric (the errors are negated, as in scikit-learn), which the
selection rule relies on. **Adding a metric means adding one** :class:`Metric` **to**
:data:`METRICS` **and a line to its tests**: the options, the column checks, the holdout
scoring, the bootstrap, the holdout's other metrics (``other_for``), the report, the audit's
advice (``default_for``), the study review and the notebook review's metric names all read
the registry, never a metric's name.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported where a metric is computed: the options table (and
    # so `diveml --help`) reads this registry, and must not load numpy.
    import numpy as np

__all__ = [
    "METRICS",
    "Metric",
    "Outputs",
    "clip",
    "default_metric",
    "label",
    "lower_is_better",
    "metrics_for",
    "other_metrics_for",
    "rule_of_three",
    "scorer_names",
]

_INF = math.inf


@dataclasses.dataclass(frozen=True)
class Outputs:
    """A model's outputs on some rows, as a metric reads them.

    ``proba`` and ``classes`` are None for a regression; ``proba``'s columns follow
    ``classes`` (sorted, as scikit-learn's ``classes_``), so the positive class of a binary
    task is ``classes[-1]`` and its probability ``proba[:, -1]``.
    """

    y: np.ndarray
    predicted: np.ndarray
    proba: np.ndarray | None
    classes: np.ndarray | None

    def take(self, rows: np.ndarray) -> Outputs:
        """Return the outputs of ``rows`` only (numbers into these rows)."""
        proba = None if self.proba is None else self.proba[rows]
        return Outputs(self.y[rows], self.predicted[rows], proba, self.classes)

    def positive(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (is the row positive, the probability of positive) for a binary task."""
        assert self.proba is not None and self.classes is not None
        return self.y == self.classes[-1], self.proba[:, -1]


Exact = Callable[[Outputs], float]
"""A metric's value on some rows' outputs (raises ValueError where it is undefined)."""
Resample = Callable[[Outputs], Callable[["np.ndarray"], float]]
"""Prepares, once, a fast ``rows drawn with replacement -> score`` for the bootstrap."""
NoError = Callable[[Outputs], tuple[list[int], str]]
"""For a perfect score: the row counts the rule of three is applied to, and what they are."""


@dataclasses.dataclass(frozen=True)
class Metric:
    """One metric: what it serves, its bounds, how it is computed and how it is shown."""

    name: str
    """The scikit-learn scorer name (``sklearn.metrics.get_scorer``)."""
    tasks: tuple[str, ...]
    low: float
    high: float
    exact: Exact
    """Computes the score from stored predictions, as scikit-learn's scorer would."""
    label: str
    """The name a report shows ('ROC AUC')."""
    help: str | None = None
    """One line a report shows under the score: what it measures, what is guessing."""
    needs_proba: bool = False
    """Reads the predicted probabilities (a classifier's ``predict_proba``)."""
    positive_label: str | None = None
    """Needs the positive class labelled 1 or True (binary only); the value names the metric
    to use instead when the target has no such class (recall averaged over the classes is
    balanced accuracy, for instance)."""
    default_for: tuple[str, ...] = ()
    """The tasks whose default metric this is (one metric per task)."""
    resample: Resample | None = None
    """A weighted shortcut for bootstrap resamples (a test checks it against ``exact``)."""
    no_error: NoError | None = None
    """When a perfect score gets the rule-of-three lower bound instead of a point."""
    plain: tuple[str, str] | None = None
    """For a negated error: the key and label of its plain value among the holdout's other
    metrics (``neg_root_mean_squared_error`` is reported there as ``rmse``, lower is better)."""
    other_for: tuple[str, ...] = ()
    """The tasks whose holdout reports it among the other metrics, beside the study's own
    (under its plain key for a negated error)."""

    @property
    def key(self) -> str:
        """Its key among the holdout's other metrics: the plain error's, or its name."""
        return self.plain[0] if self.plain is not None else self.name

    @property
    def negated(self) -> bool:
        """The score is an error with its sign flipped (closer to 0 is better)."""
        return self.high == 0.0 and self.low < 0.0


def rule_of_three(m: int) -> float:
    """Return the exact 97.5% lower bound of a success rate with no failure in ``m`` rows.

    With no error in m independent rows, the one-sided 97.5% (Clopper-Pearson) upper bound on
    the error rate is 1 - 0.025**(1/m), about 3.7/m: the "rule of three".
    """
    return float(0.025 ** (1.0 / m)) if m > 0 else 0.0


# --- how each metric is computed from stored predictions ------------------------------
# scikit-learn's metric functions validate their inputs at a cost of tens of milliseconds
# a call, which a 1,000-resample bootstrap multiplies into many seconds; the plain numpy
# versions below give the same numbers (a test compares every metric with scikit-learn's
# own scorer on random data) in microseconds. The others call scikit-learn directly.


def _roc_auc(o: Outputs) -> float:
    from scipy.stats import rankdata

    truth, p = o.positive()
    positives = int(truth.sum())
    negatives = len(truth) - positives
    if positives == 0 or negatives == 0:
        return math.nan
    ranks = rankdata(p)
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def _accuracy(o: Outputs) -> float:
    import numpy as np

    return float(np.mean(o.predicted == o.y))


def _balanced_accuracy(o: Outputs) -> float:
    import numpy as np

    present = np.unique(o.y)
    return float(np.mean([np.mean(o.predicted[o.y == c] == c) for c in present]))


def _neg_log_loss(o: Outputs) -> float:
    import numpy as np

    assert o.proba is not None and o.classes is not None
    index = np.searchsorted(o.classes, o.y)
    p = np.clip(o.proba[np.arange(len(o.y)), index], np.finfo(o.proba.dtype).eps, 1.0)
    return float(np.mean(np.log(p)))


def _residual(o: Outputs) -> tuple[np.ndarray, np.ndarray]:
    y = o.y.astype(float)
    return y, y - o.predicted


def _neg_mae(o: Outputs) -> float:
    import numpy as np

    return -float(np.mean(np.abs(_residual(o)[1])))


def _neg_mse(o: Outputs) -> float:
    import numpy as np

    return -float(np.mean(_residual(o)[1] ** 2))


def _neg_rmse(o: Outputs) -> float:
    return -math.sqrt(-_neg_mse(o))


def _share_explained(o: Outputs, of_residual: Callable[[np.ndarray], float]) -> float:
    import numpy as np

    y, residual = _residual(o)
    variance = float(np.var(y))
    if variance == 0:
        return math.nan
    return 1.0 - of_residual(residual) / variance


def _r2(o: Outputs) -> float:
    import numpy as np

    return _share_explained(o, lambda r: float(np.mean(r**2)))


def _explained_variance(o: Outputs) -> float:
    import numpy as np

    return _share_explained(o, lambda r: float(np.var(r)))


def _sklearn_positive(function: str, sign: float = 1.0) -> Exact:
    """A scikit-learn metric of (is positive, probability of positive)."""

    def compute(o: Outputs) -> float:
        from sklearn import metrics

        truth, p = o.positive()
        return sign * float(getattr(metrics, function)(truth, p))

    return compute


def _sklearn_labels(function: str, sign: float = 1.0, **kwargs: Any) -> Exact:
    """A scikit-learn metric of (actual, predicted)."""

    def compute(o: Outputs) -> float:
        from sklearn import metrics

        return sign * float(getattr(metrics, function)(o.y, o.predicted, **kwargs))

    return compute


def _roc_auc_multi(multi_class: str, average: str) -> Exact:
    def compute(o: Outputs) -> float:
        from sklearn import metrics

        return float(
            metrics.roc_auc_score(
                o.y, o.proba, multi_class=multi_class, average=average, labels=o.classes
            )
        )

    return compute


# --- weighted shortcuts for the bootstrap ------------------------------------------------
# A bootstrap resample is the holdout with each row counted 0, 1, 2... times, so its score
# is a *weighted* score with those counts as weights (np.bincount). Everything that does not
# depend on the weights (the labels as integers, the sort order of the probabilities and
# their ties) is computed once, so a resample costs a few passes over plain arrays: for ROC
# AUC no sort at all. On a 1.3-million-row holdout this took the bootstrap from minutes to
# seconds.


def _resample_accuracy(o: Outputs) -> Callable[[np.ndarray], float]:
    import numpy as np

    correct = np.asarray(o.predicted == o.y, dtype=float)
    n = len(o.y)

    def accuracy(rows: np.ndarray) -> float:
        w = np.bincount(rows, minlength=n).astype(float)
        return float(np.dot(w, correct) / w.sum())

    return accuracy


def _resample_balanced_accuracy(o: Outputs) -> Callable[[np.ndarray], float]:
    import numpy as np

    correct = np.asarray(o.predicted == o.y, dtype=float)
    _, codes = np.unique(o.y, return_inverse=True)
    n = len(o.y)

    def balanced_accuracy(rows: np.ndarray) -> float:
        w = np.bincount(rows, minlength=n).astype(float)
        hits = np.bincount(codes, weights=w * correct)
        totals = np.bincount(codes, weights=w)
        present = totals > 0
        return float(np.mean(hits[present] / totals[present]))

    return balanced_accuracy


def _resample_roc_auc(o: Outputs) -> Callable[[np.ndarray], float]:
    import numpy as np

    truth, p = o.positive()
    n = len(o.y)
    order = np.argsort(p, kind="stable")
    p_sorted = p[order]
    group = np.concatenate([[0], np.cumsum(p_sorted[1:] != p_sorted[:-1])])
    positive = np.asarray(truth[order], dtype=float)

    def auc(rows: np.ndarray) -> float:
        w = np.bincount(rows, minlength=n)[order].astype(float)
        w_pos, w_neg = w * positive, w * (1.0 - positive)
        total_pos, total_neg = w_pos.sum(), w_neg.sum()
        if total_pos == 0 or total_neg == 0:
            return math.nan
        # negatives ranked below each tie group, ties counted half
        neg_in_group = np.bincount(group, weights=w_neg)
        below = np.cumsum(neg_in_group) - neg_in_group + 0.5 * neg_in_group
        return float(np.dot(w_pos, below[group]) / (total_pos * total_neg))

    return auc


def _resample_r2(o: Outputs) -> Callable[[np.ndarray], float]:
    import numpy as np

    actual = np.asarray(o.y, dtype=float)
    squared = (actual - np.asarray(o.predicted, dtype=float)) ** 2
    n = len(o.y)

    def r2(rows: np.ndarray) -> float:
        w = np.bincount(rows, minlength=n).astype(float)
        total = w.sum()
        mean = np.dot(w, actual) / total
        spread = np.dot(w, (actual - mean) ** 2)
        return math.nan if spread == 0 else float(1.0 - np.dot(w, squared) / spread)

    return r2


# --- the rule of three for a perfect score -----------------------------------------------
# Applied to accuracy (m = rows), to each class's recall for balanced accuracy (averaged),
# and to ROC AUC with m = the rows of the smaller class: 1 - AUC is at most the share of that
# class's rows ranked on the wrong side of some row of the other class, and none was.


def _no_error_rows(o: Outputs) -> tuple[list[int], str]:
    return [len(o.y)], f"{len(o.y)} rows"


def _no_error_classes(o: Outputs) -> tuple[list[int], str]:
    import pandas as pd

    # value_counts' order (most common first), as before: the mean of the bounds is summed
    # in this order, and a different order can move its last digit.
    return [int(c) for c in pd.Series(o.y).value_counts()], "each class's rows"


def _no_error_smaller_class(o: Outputs) -> tuple[list[int], str]:
    import numpy as np

    truth, _ = o.positive()
    positives = int(np.sum(truth))
    m = min(positives, len(o.y) - positives)
    return [m], f"the {m} rows of the smaller class"


_BINARY = ("binary",)
_MULTI = ("multiclass",)
_CLASSES = ("binary", "multiclass")
_REGRESSION = ("regression",)
_RANKS = "how well the model ranks positives above negatives: 0.5 is guessing, 1.0 is perfect"

# One metric a few lines, grouped by argument rather than one argument a line.
# fmt: off
METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric(
            "roc_auc", _BINARY, 0.0, 1.0, _roc_auc, "ROC AUC", _RANKS, needs_proba=True,
            default_for=_BINARY, resample=_resample_roc_auc, no_error=_no_error_smaller_class,
            other_for=_BINARY,
        ),
        Metric(
            "average_precision", _BINARY, 0.0, 1.0,
            _sklearn_positive("average_precision_score"), "average precision",
            "the area under the precision-recall curve", needs_proba=True,
        ),
        Metric(
            "accuracy", _CLASSES, 0.0, 1.0, _accuracy, "accuracy",
            "the share of rows predicted correctly",
            resample=_resample_accuracy, no_error=_no_error_rows, other_for=_CLASSES,
        ),
        Metric(
            "balanced_accuracy", _CLASSES, 0.0, 1.0, _balanced_accuracy, "balanced accuracy",
            "the mean of the per-class accuracies, so a rare class counts as much as a common "
            "one: 1/(number of classes) is guessing, 1.0 is perfect",
            default_for=_MULTI, resample=_resample_balanced_accuracy,
            no_error=_no_error_classes, other_for=_CLASSES,
        ),
        Metric(
            "f1", _BINARY, 0.0, 1.0, _sklearn_labels("f1_score", pos_label=1), "F1",
            "the balance of precision and recall for the positive class",
            positive_label="f1_macro", other_for=_BINARY,
        ),
        Metric(
            "f1_macro", _CLASSES, 0.0, 1.0, _sklearn_labels("f1_score", average="macro"),
            "F1 (macro)", other_for=_CLASSES,
        ),
        Metric(
            "f1_weighted", _CLASSES, 0.0, 1.0,
            _sklearn_labels("f1_score", average="weighted"), "F1 (weighted)",
        ),
        Metric(
            "f1_micro", _MULTI, 0.0, 1.0, _sklearn_labels("f1_score", average="micro"),
            "F1 (micro)",
        ),
        Metric(
            "precision", _BINARY, 0.0, 1.0, _sklearn_labels("precision_score", pos_label=1),
            "precision", positive_label="f1_macro",
        ),
        Metric(
            "recall", _BINARY, 0.0, 1.0, _sklearn_labels("recall_score", pos_label=1),
            "recall", positive_label="balanced_accuracy",
        ),
        Metric(
            "neg_log_loss", _CLASSES, -_INF, 0.0, _neg_log_loss, "log loss (negated)",
            "how confident and right the predicted probabilities are (negated, so closer to "
            "0 is better)", needs_proba=True, plain=("log_loss", "log loss"),
            other_for=_CLASSES,
        ),
        Metric(
            "neg_brier_score", _BINARY, -1.0, 0.0,
            _sklearn_positive("brier_score_loss", sign=-1.0), "Brier score (negated)",
            needs_proba=True, plain=("brier_score", "Brier score"),
        ),
        Metric(
            "matthews_corrcoef", _CLASSES, -1.0, 1.0, _sklearn_labels("matthews_corrcoef"),
            "Matthews correlation",
        ),
        Metric(
            "roc_auc_ovr", _MULTI, 0.0, 1.0, _roc_auc_multi("ovr", "macro"),
            "ROC AUC (one-vs-rest)", needs_proba=True,
        ),
        Metric(
            "roc_auc_ovo", _MULTI, 0.0, 1.0, _roc_auc_multi("ovo", "macro"),
            "ROC AUC (one-vs-one)", needs_proba=True,
        ),
        Metric(
            "roc_auc_ovr_weighted", _MULTI, 0.0, 1.0, _roc_auc_multi("ovr", "weighted"),
            "ROC AUC (one-vs-rest, weighted)", needs_proba=True,
        ),
        Metric(
            "r2", _REGRESSION, -_INF, 1.0, _r2, "R²",
            "the share of the target's variance the model explains: 0 is no better than "
            "predicting the mean, 1.0 is perfect, and it can be negative",
            default_for=_REGRESSION, resample=_resample_r2, other_for=_REGRESSION,
        ),
        Metric(
            "neg_root_mean_squared_error", _REGRESSION, -_INF, 0.0, _neg_rmse,
            "RMSE (negated)",
            "the typical size of an error, in the target's units (negated, so closer to 0 "
            "is better)", plain=("rmse", "RMSE"), other_for=_REGRESSION,
        ),
        Metric(
            "neg_mean_squared_error", _REGRESSION, -_INF, 0.0, _neg_mse, "MSE (negated)",
            plain=("mse", "MSE"),
        ),
        Metric(
            "neg_mean_absolute_error", _REGRESSION, -_INF, 0.0, _neg_mae, "MAE (negated)",
            "the mean size of an error, in the target's units (negated, so closer to 0 is "
            "better)", plain=("mae", "MAE"), other_for=_REGRESSION,
        ),
        Metric(
            "neg_median_absolute_error", _REGRESSION, -_INF, 0.0,
            _sklearn_labels("median_absolute_error", sign=-1.0),
            "median absolute error (negated)",
            plain=("median_absolute_error", "median absolute error"),
        ),
        Metric(
            "explained_variance", _REGRESSION, -_INF, 1.0, _explained_variance,
            "explained variance",
        ),
    )
}
# fmt: on


def metrics_for(task: str) -> tuple[str, ...]:
    """Return the names of the metrics a ``task`` study accepts, in the registry's order."""
    return tuple(m.name for m in METRICS.values() if task in m.tasks)


def other_metrics_for(task: str) -> tuple[Metric, ...]:
    """Return the metrics a ``task`` holdout reports beside the study's own, in order."""
    return tuple(m for m in METRICS.values() if task in m.other_for)


def scorer_names() -> frozenset[str]:
    """Return every metric name and plain error key the registry knows ('roc_auc', 'rmse')."""
    return frozenset(
        [m.name for m in METRICS.values()] + [m.plain[0] for m in METRICS.values() if m.plain]
    )


def default_metric(task: str) -> str:
    """Return ``task``'s default metric."""
    return next(m.name for m in METRICS.values() if task in m.default_for)


def clip(metric: str, low: float, high: float) -> tuple[float, float]:
    """Return the interval ``low``-``high`` kept inside ``metric``'s bounds."""
    info = METRICS.get(metric)
    if info is None:
        return low, high
    return max(low, info.low), min(high, info.high)


def _plain(name: str) -> Metric | None:
    return next((m for m in METRICS.values() if m.plain and m.plain[0] == name), None)


def label(name: str) -> str:
    """Return the display name of a metric or of a plain error ('roc_auc' -> 'ROC AUC')."""
    if name in METRICS:
        return METRICS[name].label
    twin = _plain(name)
    if twin is not None and twin.plain is not None:
        return twin.plain[1]
    return name.replace("_", " ")


def lower_is_better(name: str) -> bool:
    """Say whether a lower value is better: the plain errors among the other metrics."""
    return name not in METRICS and _plain(name) is not None
