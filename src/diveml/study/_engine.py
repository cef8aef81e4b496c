"""The engine seam: where the protocol's fits run.

The ladder's cross-validation, the learning curves and the final fit all go through an
:class:`Engine`. :class:`LocalEngine` runs them in this process, one core, as scikit-learn
does; another engine (Dask, for a cluster) implements the same three methods and the
protocol does not change. An engine only runs fits: every decision (rows, rungs, folds)
is made before, from the budget plan, so any engine gives the same study.
"""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd

from diveml.study._curve import learning_curve_section
from diveml.study._ladder import Rung, RungResult, run_rung

__all__ = ["Engine", "LocalEngine"]


class Engine(Protocol):
    """Runs the fits of a study."""

    def cross_validate(
        self,
        rung: Rung,
        pipeline: Any,
        data: tuple[pd.DataFrame, pd.Series, pd.Series | None],
        cv: Any,
        scoring: str,
    ) -> RungResult:
        """Cross-validate ``pipeline`` on ``data`` (features, target, groups)."""
        ...

    def learning_curve(
        self,
        name: str,
        pipeline: Any,
        data: tuple[pd.DataFrame, pd.Series, pd.Series | None],
        cv: Any,
        scoring: str,
    ) -> dict[str, Any]:
        """Return the ``learning_curve`` section for ``pipeline`` on ``data``."""
        ...

    def fit(self, pipeline: Any, X: pd.DataFrame, y: pd.Series) -> Any:
        """Fit ``pipeline`` on every given row and return it."""
        ...


class LocalEngine:
    """Runs every fit here, one at a time (``n_jobs=1``)."""

    def cross_validate(
        self,
        rung: Rung,
        pipeline: Any,
        data: tuple[pd.DataFrame, pd.Series, pd.Series | None],
        cv: Any,
        scoring: str,
    ) -> RungResult:
        X, y, groups = data
        return run_rung(rung, pipeline, X, y, cv, groups, scoring)

    def learning_curve(
        self,
        name: str,
        pipeline: Any,
        data: tuple[pd.DataFrame, pd.Series, pd.Series | None],
        cv: Any,
        scoring: str,
    ) -> dict[str, Any]:
        X, y, groups = data
        return learning_curve_section(name, pipeline, X, y, cv, groups, scoring, 0)

    def fit(self, pipeline: Any, X: pd.DataFrame, y: pd.Series) -> Any:
        return pipeline.fit(X, y)
