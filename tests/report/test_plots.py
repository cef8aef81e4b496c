"""Plots are inline SVG drawn from the typed result's records."""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

import pytest

from diveml.report import _plots as plots
from diveml.study._result import (
    Holdout,
    Importance,
    LearningCurve,
    Residuals,
    RungScore,
)


def _rung(name: str, cv_mean: float | None, **fields: Any) -> RungScore:
    record = RungScore(
        name=name,
        label=name,
        complexity=0 if name == "dummy" else 1,
        cv_mean=cv_mean,
        cv_std=0.0,
        cv_scores=(),
        fit_seconds=0.1,
        predict_seconds=0.01,
        status="ok" if cv_mean is not None else "failed",
        note="",
    )
    return dataclasses.replace(record, **fields)


def _curve(sizes: tuple[int, ...], scores: tuple[float | None, ...]) -> LearningCurve:
    return LearningCurve(
        model="linear",
        sizes=sizes,
        scores=scores,
        scores_std=(),
        train_scores=(),
        verdict="",
        verdict_code="unclear",
        verdict_rule="",
    )


def _holdout(score: float | None) -> Holdout:
    return Holdout(
        score=score,
        ci_low=None,
        ci_high=None,
        ci_method="",
        rows=10,
        times_scored=1,
        baseline_score=None,
        expected_low=None,
        expected_high=None,
        gap_rule="",
        gap_flag=False,
        gap_message="",
        other_metrics={},
    )


def test_svg_is_ready_to_inline() -> None:
    svg = plots.learning_curve_svg(_curve((10, 20, 40), (0.6, 0.7, 0.72)), metric="accuracy")
    assert svg is not None
    assert svg.startswith("<svg ")
    assert svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "DOCTYPE" not in svg and "<metadata" not in svg
    assert not re.search(r'(href|src)="https?:', svg)
    assert not re.search(r'<svg[^>]*\swidth="', svg), "CSS sets the width"
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("learning-curve-") for i in ids)


@pytest.mark.parametrize("name", ["$price$", "a_b^c", r"\frac{1}{2}", "<b>x</b>", "50% & more"])
def test_labels_are_drawn_as_written(name: str) -> None:
    svg = plots.importance_svg([Importance(column=name, mean=0.1, std=0.02)])
    assert svg is not None
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in svg


@pytest.mark.parametrize(
    ("draw", "args", "kwargs"),
    [
        (plots.ladder_svg, ([_rung("dummy", None)],), {"chosen": None, "best": None}),
        (plots.learning_curve_svg, (_curve((1, 2), (0.5,)),), {}),
        (plots.learning_curve_svg, (_curve((1, 2), (None, math.nan)),), {}),
        (plots.holdout_svg, (_holdout(math.nan),), {"cv_mean": None, "cv_std": None}),
        (plots.holdout_svg, (_holdout(None),), {"cv_mean": 0.5, "cv_std": 0.1}),
        (plots.roc_pr_svg, (None, None), {}),
        (plots.calibration_svg, (None,), {}),
        (plots.residuals_svg, (Residuals(predicted=(1.0,), residual=()),), {}),
        (plots.residuals_svg, (None,), {}),
        (plots.importance_svg, ([],), {}),
    ],
)
def test_plot_is_left_out_when_its_numbers_are_missing(
    draw: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    if draw in (plots.ladder_svg, plots.learning_curve_svg, plots.holdout_svg):
        kwargs = {**kwargs, "metric": "r2"}
    assert draw(*args, **kwargs) is None


def test_ladder_plot_marks_the_chosen_rung() -> None:
    rungs = [
        _rung("dummy", 0.5, label="baseline"),
        _rung("linear", 0.9, label="logistic regression", cv_std=0.02),
    ]
    chosen = plots.ladder_svg(rungs, chosen="linear", best="linear", metric="ROC AUC")
    other = plots.ladder_svg(rungs, chosen="dummy", best="linear", metric="ROC AUC")
    assert chosen is not None and other is not None
    assert plots.CHOSEN in chosen
    assert chosen != other


def test_ladder_plot_skips_fold_scores_that_are_not_numbers() -> None:
    # A result built in Python can hold NaN fold scores (study.json stores them as null).
    rungs = [
        _rung("dummy", 0.5, cv_scores=(math.nan, 0.5)),
        _rung("linear", 0.9, cv_std=math.nan, cv_scores=(0.88, 0.92)),
    ]
    assert plots.ladder_svg(rungs, chosen="linear", best="linear", metric="ROC AUC")


@pytest.mark.parametrize(("baseline", "off_scale"), [(0.333, True), (0.95, False)])
def test_ladder_plot_moves_a_far_baseline_to_the_edge(baseline: float, off_scale: bool) -> None:
    rungs = [
        _rung("dummy", baseline, label="baseline"),
        _rung("linear", 0.99, cv_std=0.01),
        _rung("forest", 0.98, complexity=3, cv_std=0.02),
    ]
    svg = plots.ladder_svg(rungs, chosen="linear", best="linear", metric="accuracy")
    assert svg is not None
    assert ("0.333 (off scale)" in svg) is off_scale


def test_the_same_records_are_drawn_once_and_different_ones_anew() -> None:
    # The cache key is the records' fields: equal records reuse the SVG, a changed one not.
    curve = _curve((10, 20, 40), (0.6, 0.7, 0.72))
    first = plots.learning_curve_svg(curve, metric="accuracy")
    again = plots.learning_curve_svg(_curve((10, 20, 40), (0.6, 0.7, 0.72)), metric="accuracy")
    moved = plots.learning_curve_svg(_curve((10, 20, 40), (0.6, 0.7, 0.9)), metric="accuracy")
    assert first is again
    assert moved is not None and moved != first
