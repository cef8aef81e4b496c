"""Check a study's options before any data is read: one table of what is allowed."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any, Literal

from diveml.exceptions import InvalidOptionError, did_you_mean

__all__ = [
    "DEFAULT_METRICS",
    "METRICS",
    "TASKS",
    "Task",
    "check_metric",
    "check_options",
]

Task = Literal["binary", "multiclass", "regression"]
TASKS: tuple[Task, ...] = ("binary", "multiclass", "regression")

DEFAULT_METRICS: dict[str, str] = {
    "binary": "roc_auc",
    "multiclass": "balanced_accuracy",
    "regression": "r2",
}

# The scikit-learn scorer names a study accepts for each task. Larger is better for every
# one of them (scikit-learn negates the errors), which the selection rule relies on.
METRICS: dict[str, tuple[str, ...]] = {
    "binary": (
        "roc_auc",
        "average_precision",
        "accuracy",
        "balanced_accuracy",
        "f1",
        "f1_macro",
        "f1_weighted",
        "precision",
        "recall",
        "neg_log_loss",
        "neg_brier_score",
        "matthews_corrcoef",
    ),
    "multiclass": (
        "balanced_accuracy",
        "accuracy",
        "f1_macro",
        "f1_weighted",
        "f1_micro",
        "neg_log_loss",
        "roc_auc_ovr",
        "roc_auc_ovo",
        "roc_auc_ovr_weighted",
        "matthews_corrcoef",
    ),
    "regression": (
        "r2",
        "neg_root_mean_squared_error",
        "neg_mean_squared_error",
        "neg_mean_absolute_error",
        "neg_median_absolute_error",
        "explained_variance",
    ),
}

# Metrics that need the positive class to be labelled 1 or True.
POSITIVE_LABEL_METRICS = ("f1", "precision", "recall")

_MAX_SEED = 2**32 - 1


def check_metric(metric: str | None, task: Task) -> str:
    """Return the metric to use for ``task``: the default, or ``metric`` once checked."""
    if metric is None:
        return DEFAULT_METRICS[task]
    allowed = METRICS[task]
    if metric in allowed:
        return metric
    everything = sorted({m for names in METRICS.values() for m in names})
    if metric in everything:
        other = next(t for t in TASKS if metric in METRICS[t])
        raise InvalidOptionError(
            f"--metric {metric!r} is a {other} metric, but this study is {task}. "
            f"Use one of: {', '.join(allowed)} (the default is {DEFAULT_METRICS[task]!r})."
        )
    raise InvalidOptionError(
        f"--metric {metric!r} is not a scikit-learn scorer name a study knows."
        f"{did_you_mean(metric, everything)} For a {task} study use one of: "
        f"{', '.join(allowed)}."
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_options(
    *,
    task: str | None,
    metric: str | None,
    holdout: Any,
    folds: Any,
    seed: Any,
    budget: Any,
    drop: Sequence[str],
    keep: Sequence[str],
    group: str | None,
    time: str | None,
    target: str,
) -> None:
    """Raise :class:`InvalidOptionError` for an option outside what a study allows."""
    if task is not None and task not in TASKS:
        raise InvalidOptionError(
            f"--task {task!r} is not a task.{did_you_mean(str(task), TASKS)} "
            f"Use one of: {', '.join(TASKS)}, or leave it out to infer it from the target."
        )
    if metric is not None and not isinstance(metric, str):
        raise InvalidOptionError(f"--metric must be a scorer name, got {metric!r}.")
    if (
        isinstance(holdout, bool)
        or not isinstance(holdout, numbers.Real)
        or not math.isfinite(holdout)
        or not 0 < float(holdout) < 1
    ):
        raise InvalidOptionError(
            f"--holdout {holdout!r} is not a fraction between 0 and 1 (both excluded). "
            "Pass the share of rows to lock away, e.g. --holdout 0.2."
        )
    if not _is_int(folds) or folds < 2:
        raise InvalidOptionError(
            f"--folds {folds!r} is not a whole number of at least 2; cross-validation "
            "needs two folds or more. Pass e.g. --folds 5."
        )
    if folds > 20:
        raise InvalidOptionError(
            f"--folds {folds!r} is more than 20; each rung would be fitted {folds} times for "
            "little gain. Pass a value from 2 to 20 (5 is the default)."
        )
    if not _is_int(seed) or not 0 <= seed <= _MAX_SEED:
        raise InvalidOptionError(
            f"--seed {seed!r} is not a whole number from 0 to {_MAX_SEED}. Pass e.g. --seed 0."
        )
    if (
        isinstance(budget, bool)
        or not isinstance(budget, numbers.Real)
        or not math.isfinite(budget)
        or float(budget) <= 0
    ):
        raise InvalidOptionError(
            f"--budget {budget!r} is not a positive number of seconds. Pass e.g. --budget 120."
        )
    if group is not None and time is not None:
        raise InvalidOptionError(
            f"--group {group!r} and --time {time!r} were both given; a holdout is either "
            "grouped or the most recent rows. Pass only one of them."
        )
    for option, column in (("--group", group), ("--time", time)):
        if column is not None and column == target:
            raise InvalidOptionError(
                f"{option} {column!r} is the target itself. Name another column."
            )
    both = sorted(set(drop) & set(keep))
    if both:
        raise InvalidOptionError(
            f"The columns {both!r} were given to both --drop and --keep. Pass each column to "
            "only one of them."
        )
    for option, columns in (("--drop", drop), ("--keep", keep)):
        if target in columns:
            raise InvalidOptionError(
                f"{option} names the target {target!r}. The target is never a feature; "
                f"remove it from {option}."
            )
