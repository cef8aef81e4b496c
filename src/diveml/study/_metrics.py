"""What diveml knows about each metric, in one place: tasks, bounds, what it needs.

Every metric is a scikit-learn scorer name, larger is better (the errors are negated),
which the selection rule relies on. ``low`` and ``high`` are the bounds of its values: an
interval or an expected range is clipped to them, so a report never shows a balanced
accuracy of 1.016. Adding a metric means adding a line here (and, if it needs a fast
resampled version, to ``_evaluate.resample_scorer``).
"""

from __future__ import annotations

import dataclasses
import math

__all__ = ["METRIC_INFO", "Metric", "clip"]

_INF = math.inf


@dataclasses.dataclass(frozen=True)
class Metric:
    """One metric: the tasks it serves, its bounds, and whether it needs a positive label."""

    name: str
    tasks: tuple[str, ...]
    low: float
    high: float
    positive_label: bool = False
    """Needs the positive class labelled 1 or True (binary only)."""
    default_for: tuple[str, ...] = ()


_BINARY = ("binary",)
_MULTI = ("multiclass",)
_CLASSES = ("binary", "multiclass")
_REGRESSION = ("regression",)

METRIC_INFO: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("roc_auc", _BINARY, 0.0, 1.0, default_for=_BINARY),
        Metric("average_precision", _BINARY, 0.0, 1.0),
        Metric("accuracy", _CLASSES, 0.0, 1.0),
        Metric("balanced_accuracy", _CLASSES, 0.0, 1.0, default_for=_MULTI),
        Metric("f1", _BINARY, 0.0, 1.0, positive_label=True),
        Metric("f1_macro", _CLASSES, 0.0, 1.0),
        Metric("f1_weighted", _CLASSES, 0.0, 1.0),
        Metric("f1_micro", _MULTI, 0.0, 1.0),
        Metric("precision", _BINARY, 0.0, 1.0, positive_label=True),
        Metric("recall", _BINARY, 0.0, 1.0, positive_label=True),
        Metric("neg_log_loss", _CLASSES, -_INF, 0.0),
        Metric("neg_brier_score", _BINARY, -1.0, 0.0),
        Metric("matthews_corrcoef", _CLASSES, -1.0, 1.0),
        Metric("roc_auc_ovr", _MULTI, 0.0, 1.0),
        Metric("roc_auc_ovo", _MULTI, 0.0, 1.0),
        Metric("roc_auc_ovr_weighted", _MULTI, 0.0, 1.0),
        Metric("r2", _REGRESSION, -_INF, 1.0, default_for=_REGRESSION),
        Metric("neg_root_mean_squared_error", _REGRESSION, -_INF, 0.0),
        Metric("neg_mean_squared_error", _REGRESSION, -_INF, 0.0),
        Metric("neg_mean_absolute_error", _REGRESSION, -_INF, 0.0),
        Metric("neg_median_absolute_error", _REGRESSION, -_INF, 0.0),
        Metric("explained_variance", _REGRESSION, -_INF, 1.0),
    )
}


def clip(metric: str, low: float, high: float) -> tuple[float, float]:
    """Return the interval ``low``-``high`` kept inside ``metric``'s bounds."""
    info = METRIC_INFO.get(metric)
    if info is None:
        return low, high
    return max(low, info.low), min(high, info.high)
