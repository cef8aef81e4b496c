"""The learning curve of the chosen model, and a verdict on whether more data would help.

The verdict rule (documented in study.json as ``verdict_rule``): the validation scores at
each training size come from the same folds, so the gain between two sizes is measured fold
by fold. With ``d_last`` the per-fold gain from the second-largest to the largest size and
``d_half`` the gain from the middle size to the largest:

- "more data likely helps" when ``mean(d_last) > 2 * se(d_last)``: even the last, smallest
  step up in data gave a reliable gain, so the curve is still rising at the end;
- "unclear" when the last step still rose by more than one standard error
  (``mean(d_last) > se(d_last)``) without being reliable: the curve still rises at its
  right edge, which the glossary reads as "more data would likely help", so it is not
  called a plateau;
- "plateau" when neither ``d_last`` nor ``d_half`` is reliably positive
  (``mean <= 2 * se``): doubling the data over the second half of the curve bought nothing
  that stands out from fold noise;
- "unclear" otherwise (the second half rose, but the last step did not reliably).

``se`` is the standard error of the per-fold gains (sample standard deviation / sqrt(k)).
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from diveml.study._design import Design
    from diveml.study._engine import Engine
    from diveml.study._ladder import Rung

__all__ = [
    "FRACTIONS",
    "SHORT_FRACTIONS",
    "VERDICT_RULE",
    "curve_section",
    "learning_curve_section",
    "learning_curves",
    "not_drawn_section",
    "verdict",
]

FRACTIONS = (0.1, 0.25, 0.5, 0.75, 1.0)
# Used when even the fewest rows cannot fit the five sizes in the budget (a wide table,
# where a fit costs about the same whatever its rows); the verdict rule works on three.
SHORT_FRACTIONS = (0.25, 0.5, 1.0)
VERDICT_RULE = (
    "more data likely helps: the per-fold gain from the second-largest to the largest training "
    "size exceeds twice its standard error; unclear: that gain exceeds one standard error (the "
    "curve still rises at its right edge, but not reliably); plateau: neither that gain nor the "
    "gain from the middle size to the largest exceeds twice its standard error; unclear: "
    "otherwise"
)
_WORDS = {
    "more_data_helps": "more data likely helps: the score was still rising at the largest training size",
    "plateau": "plateau: more rows of the same kind are unlikely to help much; better features might",
    "unclear": "unclear: the curve still rises, but by less than the folds vary, so more rows may or may not help",
}


def _reliably_positive(gains: np.ndarray) -> bool:
    gains = gains[np.isfinite(gains)]
    if len(gains) == 0:
        return False
    mean = float(np.mean(gains))
    se = float(np.std(gains, ddof=1)) / math.sqrt(len(gains)) if len(gains) > 1 else 0.0
    return mean > 2 * se and mean > 0


def _rising(gains: np.ndarray) -> bool:
    """True when the mean gain exceeds one standard error: still rising, if not reliably."""
    gains = gains[np.isfinite(gains)]
    if len(gains) < 2:
        return False
    mean = float(np.mean(gains))
    return mean > float(np.std(gains, ddof=1)) / math.sqrt(len(gains)) and mean > 0


def verdict(test_scores: np.ndarray) -> str:
    """Return the verdict code for a (sizes x folds) array of validation scores."""
    last = test_scores[-1] - test_scores[-2]
    half = test_scores[-1] - test_scores[len(test_scores) // 2]
    if _reliably_positive(last):
        return "more_data_helps"
    if _rising(last):
        return "unclear"
    if not _reliably_positive(half):
        return "plateau"
    return "unclear"


def learning_curve_section(
    name: str,
    pipeline: Any,
    X: pd.DataFrame,
    y: pd.Series,
    cv: Any,
    groups: pd.Series | None,
    scoring: str,
    fractions: tuple[float, ...] = FRACTIONS,
) -> dict[str, Any]:
    """Run scikit-learn's learning_curve at ``fractions`` of the rows; return the section."""
    from sklearn.model_selection import learning_curve

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sizes, train_scores, test_scores = learning_curve(
            pipeline,
            X,
            y,
            groups=groups,
            cv=cv,
            scoring=scoring,
            train_sizes=np.array(fractions),
            n_jobs=1,
            error_score=np.nan,
            shuffle=False,
        )
    return curve_section(name, sizes, train_scores, test_scores)


def curve_section(
    name: str, sizes: np.ndarray, train_scores: np.ndarray, test_scores: np.ndarray
) -> dict[str, Any]:
    """Return the section for (sizes x folds) training and validation scores.

    Shared by every engine: the local one gets the scores from one ``learning_curve``
    call, the others put them together point by point.
    """
    code = verdict(np.asarray(test_scores, dtype=float))

    def mean(values: np.ndarray) -> float | None:
        values = values[np.isfinite(values)]
        return float(np.mean(values)) if len(values) else None

    def std(values: np.ndarray) -> float | None:
        values = values[np.isfinite(values)]
        return float(np.std(values, ddof=1)) if len(values) > 1 else None

    return {
        "model": name,
        "sizes": [int(s) for s in sizes],
        "scores": [mean(s) for s in test_scores],
        "scores_std": [std(s) for s in test_scores],
        "train_scores": [mean(s) for s in train_scores],
        "verdict": _WORDS[code],
        "verdict_code": code,
        "verdict_rule": VERDICT_RULE,
    }


def not_drawn_section(name: str, why: str) -> dict[str, Any]:
    """Return the section of a learning curve the budget plan left out, ``why`` in words.

    No sizes and no scores (nothing was measured); the verdict is ``why``, which says
    what was skipped, why, and the budget that would draw it.
    """
    return {
        "model": name,
        "sizes": [],
        "scores": [],
        "scores_std": [],
        "train_scores": [],
        "verdict": why,
        "verdict_code": "not_drawn",
        "verdict_rule": VERDICT_RULE,
    }


def learning_curves(
    design: Design,
    rows: np.ndarray,
    chosen: Rung,
    best: Rung | None,
    best_note: str | None,
    engine: Engine,
) -> dict[str, Any]:
    """Return the ``learning_curve`` section: the chosen model's curve, and the best's.

    DESIGN.md asks for both: if the best (more complex) model's curve still climbs while
    the chosen one's is flat, more data may change which model is worth it. The best one's
    is drawn on the same rows so the two lines compare; ``best`` is None (and
    ``best_note`` says why) when the budget plan left it out.
    """
    data = design.rows(rows)
    section = engine.learning_curve(
        chosen.name, design.make(chosen), data, design.cv, design.metric
    )
    if best is not None:
        line = engine.learning_curve(best.name, design.make(best), data, design.cv, design.metric)
        keys = ("model", "sizes", "scores", "scores_std", "verdict", "verdict_code")
        section["best"] = {key: line[key] for key in keys}
    elif best_note is not None:
        section["best"] = None
        section["best_note"] = best_note
    return section
