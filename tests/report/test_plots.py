"""Plots are inline SVG drawn from the result's numbers."""

from __future__ import annotations

import re

import pytest

from diveml.report import _plots as plots


def test_svg_is_ready_to_inline() -> None:
    svg = plots.learning_curve_svg(
        {"sizes": [10, 20, 40], "scores": [0.6, 0.7, 0.72]}, metric="accuracy"
    )
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
    svg = plots.importance_svg([{"column": name, "mean": 0.1, "std": 0.02}])
    assert svg is not None
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in svg


@pytest.mark.parametrize(
    ("draw", "args"),
    [
        (plots.ladder_svg, ([{"name": "dummy", "cv_mean": None}],)),
        (plots.learning_curve_svg, ({"sizes": [1, 2], "scores": [0.5]},)),
        (plots.holdout_svg, ({"score": float("nan")},)),
        (plots.roc_pr_svg, (None, None)),
        (plots.calibration_svg, ({},)),
        (plots.residuals_svg, ({"predicted": [1.0], "residual": []},)),
        (plots.importance_svg, ([],)),
    ],
)
def test_plot_is_left_out_when_its_numbers_are_missing(draw, args) -> None:  # type: ignore[no-untyped-def]
    kwargs = {"metric": "r2"} if draw in (plots.learning_curve_svg,) else {}
    if draw is plots.ladder_svg:
        kwargs = {"chosen": None, "best": None, "metric": "r2"}
    if draw is plots.holdout_svg:
        kwargs = {"cv_mean": None, "cv_std": None, "metric": "r2"}
    assert draw(*args, **kwargs) is None


def test_ladder_plot_marks_the_chosen_rung() -> None:
    rungs = [
        {"name": "dummy", "label": "baseline", "complexity": 0, "cv_mean": 0.5, "cv_std": 0.0},
        {
            "name": "linear",
            "label": "logistic regression",
            "complexity": 1,
            "cv_mean": 0.9,
            "cv_std": 0.02,
        },
    ]
    chosen = plots.ladder_svg(rungs, chosen="linear", best="linear", metric="ROC AUC")
    other = plots.ladder_svg(rungs, chosen="dummy", best="linear", metric="ROC AUC")
    assert chosen is not None and other is not None
    assert plots.CHOSEN in chosen
    assert chosen != other


@pytest.mark.parametrize("damaged", [float("nan"), "0.9", 3, None])
def test_ladder_plot_ignores_fold_scores_that_are_not_a_list(damaged: object) -> None:
    # Found by the property test: a study.json whose cv_scores was NaN crashed the plot.
    rungs = [
        {"name": "dummy", "complexity": 0, "cv_mean": 0.5, "cv_std": 0.0, "cv_scores": damaged},
        {"name": "linear", "complexity": 1, "cv_mean": 0.9, "cv_scores": [0.88, 0.92]},
    ]
    assert plots.ladder_svg(rungs, chosen="linear", best="linear", metric="ROC AUC")


@pytest.mark.parametrize(("baseline", "off_scale"), [(0.333, True), (0.95, False)])
def test_ladder_plot_moves_a_far_baseline_to_the_edge(baseline: float, off_scale: bool) -> None:
    rungs = [
        {"name": "dummy", "label": "baseline", "complexity": 0, "cv_mean": baseline, "cv_std": 0.0},
        {"name": "linear", "label": "linear", "complexity": 1, "cv_mean": 0.99, "cv_std": 0.01},
        {"name": "forest", "label": "forest", "complexity": 3, "cv_mean": 0.98, "cv_std": 0.02},
    ]
    svg = plots.ladder_svg(rungs, chosen="linear", best="linear", metric="accuracy")
    assert svg is not None
    assert ("0.333 (off scale)" in svg) is off_scale
