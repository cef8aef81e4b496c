"""Studies of valid but odd tables: times across a daylight-saving change, huge targets, wide tables."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

from diveml.config import Settings
from diveml.exceptions import StudyError, TargetError
from diveml.study import _engine
from diveml.study._importance import (
    MAX_PREDICTIONS,
    association,
    importance_plan,
    permutation_importance_section,
    prediction_seconds,
)
from diveml.study._ladder import RungResult, _likely_cause

from .conftest import quick_study


def _dst_frame(rows: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    stamps = pd.date_range("2024-03-28", periods=rows, freq="3h", tz="Europe/Berlin")
    frame = pd.DataFrame({"when": [s.isoformat() for s in stamps], "x": rng.normal(size=rows)})
    frame["y"] = 2 * frame["x"] + rng.normal(size=rows)
    return frame.sample(frac=1.0, random_state=0).reset_index(drop=True)


def test_a_time_column_across_a_dst_change_splits_by_the_true_instant(
    tmp_path: Path, settings: Settings
) -> None:
    from typing import cast

    frame = _dst_frame()
    s = quick_study(frame, "y", tmp_path / "s", settings, time="when")
    assert s.result["split"]["strategy"] == "time"
    held = pd.read_csv(s.out_dir / "holdout_predictions.csv")["row"]
    instants = pd.to_datetime(frame["when"], utc=True)
    assert (instants.loc[held] > instants.drop(held).max()).all()
    # the notebook's split code reads the same times the same way
    namespace: dict[str, Any] = {"df": frame}
    exec(cast(str, s.result["reproduce"]["split_code"]), namespace)
    assert sorted(namespace["X_test"].index) == sorted(held)


def test_a_dst_column_that_is_not_the_time_is_audited_as_dates(
    tmp_path: Path, settings: Settings
) -> None:
    s = quick_study(_dst_frame(), "y", tmp_path / "s", settings)
    assert s.result["audit"]["column_types"]["when"] == "datetime"


def test_a_huge_regression_target_is_refused_before_the_ladder(
    tmp_path: Path, settings: Settings
) -> None:
    frame = _dst_frame().drop(columns="when")
    frame["y"] = frame["y"] * 1e300
    with pytest.raises(TargetError, match=r"Rescale the target first"):
        quick_study(frame, "y", tmp_path / "s", settings)


@pytest.mark.parametrize(
    ("task", "target", "advice", "not_advice"),
    [
        ("regression", "y", "pick metric='neg_mean_absolute_error'", "accuracy"),
        ("binary", "label", "pick metric='accuracy'", "neg_mean_absolute_error"),
    ],
)
def test_when_no_rung_can_be_scored_the_advice_fits_the_task(
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    task: str,
    target: str,
    advice: str,
    not_advice: str,
) -> None:
    def failing(rung: Any, pipeline: Any, X: Any, y: Any, cv: Any, g: Any, metric: str) -> Any:
        return RungResult(rung, "failed", note=f"5 of 5 folds failed{_likely_cause(metric)}")

    monkeypatch.setattr(_engine, "run_rung", failing)
    frame = _dst_frame().drop(columns="when")
    frame["label"] = np.where(frame["y"] > 0, "up", "down")
    frame = frame.drop(columns="label" if task == "regression" else "y")
    with pytest.raises(StudyError, match=re.escape(advice)) as caught:
        quick_study(frame, target, tmp_path / "s", settings)
    assert not_advice not in str(caught.value)


@pytest.mark.parametrize(
    ("metric", "cause"),
    [
        ("r2", "extreme target values"),
        ("neg_root_mean_squared_error", "extreme target values"),
        ("roc_auc", "too few rows of a class"),
        ("balanced_accuracy", "too few rows of a class"),
    ],
)
def test_a_failed_rung_names_a_cause_of_its_task(metric: str, cause: str) -> None:
    assert cause in _likely_cause(metric)


# --------------------------------------------------------------------------- importance plan


@pytest.mark.parametrize(("columns", "repeats"), [(1, 5), (8, 5), (30, 5), (50, 3), (75, 2)])
def test_a_narrow_table_measures_every_column(columns: int, repeats: int) -> None:
    measured, got_repeats, allowed = importance_plan(1000, columns, budget=120.0)
    assert (measured, got_repeats) == (columns, repeats)
    assert measured * got_repeats <= allowed <= MAX_PREDICTIONS


@pytest.mark.parametrize("columns", [76, 300, 3000, 10_000])
@pytest.mark.parametrize("budget", [0.01, 15.0, 120.0, 1e6])
def test_a_wide_table_never_plans_more_predictions_than_fit(columns: int, budget: float) -> None:
    for rows in (10, 50, 1000):
        measured, repeats, allowed = importance_plan(rows, columns, budget)
        assert measured * repeats <= min(allowed, MAX_PREDICTIONS)
        assert measured < columns
        # the plan's estimated cost stays within its share of the budget (or the floor)
        cost = measured * repeats * prediction_seconds(rows, columns)
        assert cost <= max(0.1 * budget, 1.0) + 1e-9


def test_association_ranks_the_column_the_model_uses_first() -> None:
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(200, 40)), columns=[f"n{i}" for i in range(40)])
    X["colour"] = rng.choice(["red", "green", "blue"], 200)
    X["noise"] = rng.choice(["a", "b", "c"], 200)
    X["constant"] = 1.0
    X.loc[::7, "n3"] = np.nan
    output = X["n3"].fillna(0).to_numpy() + (X["colour"] == "red") * 3.0
    scores = association(X, output.to_numpy())
    ranked = [X.columns[i] for i in np.argsort(-scores)]
    assert set(ranked[:2]) == {"colour", "n3"}
    assert scores[list(X.columns).index("constant")] == 0.0
    assert np.all((scores >= 0) & (scores <= 1))


class CountingModel(ClassifierMixin, BaseEstimator):
    """A fitted 'model' predicting from one column, counting its predictions."""

    def __init__(self, column: str = "a") -> None:
        self.column = column
        self.calls = 0
        self.classes_ = np.array([0, 1])

    def fit(self, X: Any, y: Any) -> CountingModel:
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        self.calls += 1
        return (X[self.column].to_numpy() > 0).astype(int)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        self.calls += 1
        p = 1 / (1 + np.exp(-4 * X[self.column].to_numpy()))
        return np.column_stack([1 - p, p])


@pytest.mark.parametrize("columns", [200, 3000])
def test_a_wide_table_makes_only_the_planned_predictions_and_says_so(columns: int) -> None:
    rng = np.random.default_rng(1)
    X = pd.DataFrame(rng.normal(size=(50, columns)), columns=[f"f{i}" for i in range(columns)])
    y = pd.Series((X["f7"] > 0).astype(int))
    model = CountingModel("f7")
    output = model.predict_proba(X)[:, -1:]
    model.calls = 0
    ranked, note = permutation_importance_section(model, X, y, output, "roc_auc", 0, 15.0)
    measured, repeats, _ = importance_plan(50, columns, 15.0)
    assert model.calls == measured * repeats + 1  # +1: the unshuffled baseline
    assert ranked[0]["column"] == "f7" and ranked[0]["mean"] > 0
    assert note is not None
    assert f"measured for {measured} of the {columns:,} columns" in note
    assert "raise budget to measure more" in note


def test_a_table_too_wide_for_even_two_predictions_skips_importance_with_a_note() -> None:
    X = pd.DataFrame(np.zeros((10, 3)), columns=["a", "b", "c"])
    model = CountingModel("a")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("diveml.study._importance.PREDICT_FIXED_SECONDS", 10.0)
        ranked, note = permutation_importance_section(
            model, X, pd.Series([0, 1] * 5), np.zeros((10, 1)), "roc_auc", 0, 1.0
        )
    assert ranked == [] and model.calls == 0
    assert note is not None and "was not measured" in note


def test_a_wide_study_stays_quiet_and_plans_its_importance(
    tmp_path: Path, settings: Settings
) -> None:
    rng = np.random.default_rng(2)
    columns = 600
    frame = pd.DataFrame(rng.normal(size=(60, columns)), columns=[f"f{i}" for i in range(columns)])
    frame["c"] = rng.choice(["a", "b"], 60)
    frame["target"] = (frame["f0"] + frame["f1"] > 0).astype(int)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = quick_study(frame, "target", tmp_path / "w", settings, budget=5.0)
    reached = [f"{w.category.__name__}: {w.message}" for w in caught]
    assert not [w for w in reached if "PerformanceWarning" in w], reached[:3]
    diag = s.result["diagnostics"]
    measured, _, _ = importance_plan(12, columns + 1, 5.0)
    assert len(diag["permutation_importance"]) == min(measured, 25)
    assert f"of the {columns + 1:,} columns" in diag["permutation_importance_note"]
