"""Steps 7 and 8: the final fit, and the one look at the locked holdout.

The chosen model (and the baseline) are fitted on the training rows the budget plan allows,
then scored once on the holdout with a bootstrap interval; the holdout score is compared
with the range the cross-validation led one to expect (the gap rule).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from diveml.study._design import Design
from diveml.study._engine import Engine
from diveml.study._evaluate import (
    GAP_RULE,
    Clusters,
    Predictions,
    bootstrap_ci,
    expected_range,
    other_metrics,
    score,
)
from diveml.study._ladder import RUNGS, Rung
from diveml.study._strategies import STRATEGIES

__all__ = ["Final", "fit_final", "gap_message", "score_holdout"]


@dataclasses.dataclass(frozen=True)
class Final:
    """The fitted chosen model and baseline, and the training rows they saw."""

    model: Any
    baseline: Any
    rows: np.ndarray


def fit_final(design: Design, rung: Rung, rows: np.ndarray, engine: Engine) -> Final:
    """Fit the chosen rung and the baseline on ``rows`` of the training rows."""
    X, y, _ = design.rows(rows)
    model = engine.fit(design.make(rung), X, y)
    baseline = engine.fit(design.make(RUNGS[0]), X, y)
    return Final(model, baseline, rows)


def score_holdout(
    design: Design, final: Final, chosen: dict[str, Any], sampled: bool, times: int
) -> tuple[dict[str, Any], Predictions]:
    """Score the holdout once; return the ``holdout`` section and the predictions.

    ``chosen`` is the chosen rung's ladder row (its cross-validated mean and spread);
    ``sampled`` says the ladder saw a sample but the final model every training row.
    """
    X_test, y_test, _ = design.rows(design.split.test)
    metric = design.metric
    predictions = Predictions.of(final.model, X_test, y_test, design.task)
    value = score(metric, predictions)
    strategy = STRATEGIES[design.split.strategy]
    together = strategy.together(design.prepared, design.split.test)
    clusters = None if together is None else Clusters.of(*together)
    ci_low, ci_high, ci_method = bootstrap_ci(metric, predictions, design.seed, clusters=clusters)
    baseline = score(metric, Predictions.of(final.baseline, X_test, y_test, design.task))
    low, high = expected_range(
        chosen["cv_mean"], chosen["cv_std"] or 0.0, design.folds, ci_low, ci_high, metric
    )
    flag = bool(math.isfinite(value) and not low <= value <= high)
    section = {
        "score": value,
        "ci_low": ci_low,
        "ci_high": ci_high,
        "ci_method": ci_method,
        "rows": len(design.split.test),
        "times_scored": times,
        "baseline_score": baseline,
        "expected_low": low,
        "expected_high": high,
        "gap_rule": GAP_RULE,
        "gap_flag": flag,
        "gap_message": gap_message(
            value, chosen["cv_mean"], (low, high), flag, sampled, design.split.strategy
        ),
        "other_metrics": other_metrics(design.task, predictions),
    }
    return section, predictions


def gap_message(
    value: float,
    cv_mean: float,
    expected: tuple[float, float],
    flag: bool,
    sampled: bool,
    strategy: str,
) -> str:
    """Say in words how the holdout score compares with what the folds led one to expect."""
    low, high = expected
    if not math.isfinite(value):
        return "The holdout score could not be computed (too few rows of a class in the holdout?)."
    where = (
        f"the range the cross-validation estimate {cv_mean:.4g} led one to expect "
        f"({low:.4g} to {high:.4g})"
    )
    if not flag:
        return f"The holdout score {value:.4g} is within {where}."
    if value < low:
        drift = STRATEGIES[strategy].drift
        return (
            f"The holdout score {value:.4g} is below {where}. Possible causes: the model "
            "choice fitted the folds' noise, the holdout differs from the training rows"
            f"{drift}, or leakage inflated the cross-validation."
        )
    more = (
        " The ladder was cross-validated on a sample and the final model on every training "
        "row, which may explain part of it."
        if sampled
        else " A lucky holdout is the likeliest reason; do not read it as a better model."
    )
    return f"The holdout score {value:.4g} is above {where}.{more}"
