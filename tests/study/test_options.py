"""Bad options are refused before any data is read, each with its fix, in each front end's words."""

from __future__ import annotations

from typing import Any

import pytest

from diveml.exceptions import InvalidOptionError, spell
from diveml.study._metrics import default_metric
from diveml.study._options import (
    MAX_BUDGET,
    OPTIONS,
    StudyOptions,
    check_metric,
    check_options,
)

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
    ("change", "python", "cli"),
    [
        (
            {"holdout": 0},
            r"holdout=0 is not a fraction between 0 and 1.*e\.g\. holdout=0\.2\.",
            r"--holdout 0 is not a fraction between 0 and 1.*e\.g\. --holdout 0\.2\.",
        ),
        ({"holdout": 1.0}, r"holdout=1\.0 is not a fraction", r"--holdout 1\.0 is not"),
        ({"holdout": -0.5}, r"holdout=-0\.5 is not a fraction", r"--holdout -0\.5 is not"),
        ({"holdout": float("nan")}, r"holdout=nan is not a fraction", r"--holdout nan is not"),
        (
            {"folds": 1},
            r"folds=1 is not a whole number from 2 to 20.*folds=5",
            r"--folds 1 is not a whole number from 2 to 20.*--folds 5",
        ),
        ({"folds": 2.5}, r"folds=2\.5 is not a whole number", r"--folds 2\.5 is not"),
        ({"folds": 50}, r"folds=50 is more than 20", r"--folds 50 is more than 20"),
        (
            {"seed": -1},
            r"seed=-1 is not a whole number from 0 to 4294967295",
            r"--seed -1 is not a whole number",
        ),
        ({"seed": 1.5}, r"seed=1\.5 is not a whole number", r"--seed 1\.5 is not"),
        (
            {"budget": 0},
            r"budget=0 is not a number of seconds above 0.*e\.g\. budget=120",
            r"--budget 0 is not a number of seconds above 0.*e\.g\. --budget 120",
        ),
        ({"budget": float("inf")}, r"budget=inf is not a number", r"--budget inf is not"),
        (
            {"budget": 1e306},
            r"budget=1e\+306 is more than a study can honour \(604,800 seconds, a week",
            r"--budget 1e\+306 is more than a study can honour",
        ),
        (
            {"task": "regresion"},
            r"task='regresion' is not a task\. Did you mean 'regression'\?",
            r"--task regresion is not a task\. Did you mean 'regression'\?",
        ),
        (
            {"task": "clustering"},
            r"task='clustering' is not a task.*binary, multiclass, regression",
            r"--task clustering is not a task",
        ),
        ({"metric": 3}, r"metric=3 is not a scorer name", r"--metric 3 is not a scorer name"),
        (
            {"group": "g", "time": "t"},
            r"group='g' and time='t' were both given.*only one",
            r"--group g and --time t were both given",
        ),
        (
            {"group": "y"},
            r"group='y' is the target itself\. Name another column",
            r"--group y is the target itself",
        ),
        ({"time": "y"}, r"time='y' is the target itself", r"--time y is the target itself"),
        (
            {"drop": ["a"], "keep": ["a"]},
            r"\['a'\] were given to both drop and keep",
            r"\['a'\] were given to both --drop and --keep",
        ),
        (
            {"drop": ["y"]},
            r"drop names the target 'y'.*remove it from drop\.",
            r"--drop names the target 'y'.*remove it from --drop\.",
        ),
        ({"keep": ["y"]}, r"keep names the target 'y'", r"--keep names the target 'y'"),
        ({"keep": "age"}, r"keep='age' is not a list of column names", r"--keep age is not"),
    ],
)
def test_study_error_bad_option(change: dict[str, Any], python: str, cli: str) -> None:
    with pytest.raises(InvalidOptionError, match=python) as caught:
        check_options(**(GOOD | change))
    assert "--" not in str(caught.value)  # the Python wording never names a flag
    assert caught.value.option in OPTIONS
    import re

    assert re.search(cli, caught.value.render("cli")), caught.value.render("cli")


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_every_option_error_carries_its_fields(name: str) -> None:
    rule = OPTIONS[name]
    bad: Any = {"drop": "x", "keep": "x", "group": 1, "time": 1, "metric": 1}.get(name, "x")
    assert not rule.check(bad)
    error = rule.refuse(bad)
    assert (error.option, error.value, error.allowed) == (name, bad, rule.allowed)
    assert error.fix and str(error).startswith(f"{name}=")
    assert error.render("cli").startswith(f"--{name} ")


def test_good_options_pass_and_defaults_come_from_the_table() -> None:
    options = check_options(**GOOD)
    assert options == StudyOptions()
    for name, rule in OPTIONS.items():
        assert getattr(StudyOptions(), name) == rule.default
        assert rule.default is None or rule.check(rule.default)
    assert check_options(target="y", budget=MAX_BUDGET).budget == MAX_BUDGET


def test_cli_takes_its_defaults_and_help_from_the_table() -> None:
    import typer

    from diveml.cli import app

    command = typer.main.get_command(app).commands["study"]  # type: ignore[attr-defined]
    params = {p.name: p for p in command.params}
    for name, rule in OPTIONS.items():
        param = params["time_" if name == "time" else name]
        assert param.help == rule.help
        if name not in {"drop", "keep"}:
            assert param.default == rule.default


def test_spell_writes_options_for_each_front_end() -> None:
    message = "Pass «keep=['a b', 'c']» or «folds=3», or leave «task» out."
    assert spell(message, "python") == "Pass keep=['a b', 'c'] or folds=3, or leave task out."
    assert spell(message, "cli") == "Pass --keep 'a b' --keep c or --folds 3, or leave --task out."


@pytest.mark.parametrize(
    ("metric", "task", "match"),
    [
        (
            "roc_acu",
            "binary",
            r"metric='roc_acu' is not a scikit-learn scorer.*Did you mean 'roc_auc'",
        ),
        ("rmse", "regression", r"metric='rmse' is not.*neg_root_mean_squared_error"),
        (
            "r2",
            "binary",
            r"metric='r2' is a regression metric, but this study is binary.*'roc_auc'",
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
    with pytest.raises(InvalidOptionError, match=match) as caught:
        check_metric(metric, task)
    assert caught.value.render("cli").startswith(f"--metric {metric} ")


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_default_metric_per_task(task: Any) -> None:
    assert check_metric(None, task) == default_metric(task)
    assert check_metric("f1_macro" if task != "regression" else "r2", task)
