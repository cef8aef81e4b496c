"""Bad options are refused before any data is read, each with its fix."""

from __future__ import annotations

from typing import Any

import pytest

from diveml.exceptions import InvalidOptionError
from diveml.study._options import DEFAULT_METRICS, check_metric, check_options

GOOD: dict[str, Any] = dict(
    task=None,
    metric=None,
    holdout=0.2,
    folds=5,
    seed=0,
    budget=120.0,
    drop=(),
    keep=(),
    group=None,
    time=None,
    target="y",
)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"holdout": 0}, r"--holdout 0 is not a fraction between 0 and 1.*--holdout 0\.2"),
        ({"holdout": 1.0}, r"--holdout 1\.0 is not a fraction"),
        ({"holdout": -0.5}, r"--holdout -0\.5 is not a fraction"),
        ({"holdout": float("nan")}, r"--holdout nan is not a fraction"),
        ({"folds": 1}, r"--folds 1 is not a whole number of at least 2.*--folds 5"),
        ({"folds": 2.5}, r"--folds 2\.5 is not a whole number"),
        ({"folds": 50}, r"--folds 50 is more than 20.*from 2 to 20"),
        ({"seed": -1}, r"--seed -1 is not a whole number from 0 to 4294967295"),
        ({"seed": 1.5}, r"--seed 1\.5 is not a whole number"),
        ({"budget": 0}, r"--budget 0 is not a positive number of seconds.*--budget 120"),
        ({"budget": float("inf")}, r"--budget inf is not a positive number"),
        ({"task": "regresion"}, r"--task 'regresion' is not a task\. Did you mean 'regression'\?"),
        (
            {"task": "clustering"},
            r"--task 'clustering' is not a task.*binary, multiclass, regression",
        ),
        ({"group": "g", "time": "t"}, r"--group 'g' and --time 't' were both given.*only one"),
        ({"group": "y"}, r"--group 'y' is the target itself\. Name another column"),
        ({"time": "y"}, r"--time 'y' is the target itself"),
        ({"drop": ["a"], "keep": ["a"]}, r"\['a'\] were given to both --drop and --keep"),
        ({"drop": ["y"]}, r"--drop names the target 'y'.*remove it from --drop"),
        ({"keep": ["y"]}, r"--keep names the target 'y'"),
    ],
)
def test_study_error_bad_option(change: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidOptionError, match=match):
        check_options(**(GOOD | change))


def test_good_options_pass() -> None:
    check_options(**GOOD)


@pytest.mark.parametrize(
    ("metric", "task", "match"),
    [
        (
            "roc_acu",
            "binary",
            r"--metric 'roc_acu' is not a scikit-learn scorer.*Did you mean 'roc_auc'",
        ),
        ("rmse", "regression", r"--metric 'rmse' is not.*neg_root_mean_squared_error"),
        (
            "r2",
            "binary",
            r"--metric 'r2' is a regression metric, but this study is binary.*'roc_auc'",
        ),
        (
            "roc_auc",
            "multiclass",
            r"'roc_auc' is a binary metric, but this study is multiclass.*roc_auc_ovr",
        ),
        ("accuracy", "regression", r"'accuracy' is a binary metric, but this study is regression"),
    ],
)
def test_study_error_metric(metric: str, task: Any, match: str) -> None:
    with pytest.raises(InvalidOptionError, match=match):
        check_metric(metric, task)


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_default_metric_per_task(task: Any) -> None:
    assert check_metric(None, task) == DEFAULT_METRICS[task]
    assert check_metric("f1_macro" if task != "regression" else "r2", task)
