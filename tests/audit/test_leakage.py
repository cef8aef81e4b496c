"""Leakage suspects on real datasets: leaked columns are flagged and excluded, honest ones not."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from diveml.audit import audit
from diveml.data import load_dataset

from .conftest import codes, finding

LEAK_CODES = {"leakage_copy", "leakage_predictor", "leakage_formula"}


def _leaks(result: object) -> set[str]:
    return {f.column for f in result.findings if f.code in LEAK_CODES and f.column}  # type: ignore[attr-defined]


def test_titanic_without_leaks_flags_nothing() -> None:
    result = audit(load_dataset("titanic"), "survived")
    assert _leaks(result) == set()
    assert "sex" in result.feature_types
    assert "sex" not in result.excluded


@pytest.mark.parametrize(
    ("name", "target", "make"),
    [
        # a noisy numeric score built from the outcome
        ("titanic", "survived", lambda f, rng: f["survived"] * 10 + rng.normal(0, 1, len(f))),
        # the outcome spelled out
        ("titanic", "survived", lambda f, rng: f["survived"].map({0: "died", 1: "lived"})),
        # the outcome with 0.3% of the labels flipped
        (
            "titanic",
            "survived",
            lambda f, rng: np.where(rng.random(len(f)) < 0.003, 1 - f["survived"], f["survived"]),
        ),
        ("penguins", "species", lambda f, rng: f["species"].str.upper()),
        (
            "penguins",
            "species",
            lambda f, rng: (
                f["species"].map({"Adelie": 1.0, "Gentoo": 2.0, "Chinstrap": 3.0})
                + rng.normal(0, 0.05, len(f))
            ),
        ),
        ("diabetes", "progression", lambda f, rng: f["progression"] * 2 + 1),
        ("diabetes", "progression", lambda f, rng: np.log(f["progression"])),
        (
            "diabetes",
            "progression",
            lambda f, rng: f["progression"] + rng.normal(0, 0.05 * f["progression"].std(), len(f)),
        ),
        # not monotone, but one value per outcome: high outcomes kept, low ones negated
        (
            "diabetes",
            "progression",
            lambda f, rng: np.where(f["progression"] > 150, f["progression"], -f["progression"]),
        ),
    ],
    ids=[
        "titanic-noisy-score",
        "titanic-relabelled",
        "titanic-few-flips",
        "penguins-upper",
        "penguins-noisy-code",
        "diabetes-linear",
        "diabetes-log",
        "diabetes-noisy-copy",
        "diabetes-folded",
    ],
)
def test_leaked_column_is_an_error_and_excluded(name: str, target: str, make: object) -> None:
    frame = load_dataset(name)
    rng = np.random.default_rng(0)
    frame["leak"] = make(frame, rng)  # type: ignore[operator]
    result = audit(frame, target)
    leaks = [f for f in result.findings if f.column == "leak" and f.code in LEAK_CODES]
    assert leaks, f"leak not flagged; findings: {sorted(codes(result))}"
    assert leaks[0].severity == "error"
    assert "--keep leak" in leaks[0].fix
    assert "leak" in result.excluded
    assert "leak" not in result.feature_types
    # the honest columns stay
    assert _leaks(result) == {"leak"}


def test_leaked_column_named_in_keep_stays_with_its_error() -> None:
    frame = load_dataset("diabetes")
    frame["leak"] = frame["progression"] * 2 + 1
    result = audit(frame, "progression", keep=["leak"])
    error = finding(result, "leakage_copy", "leak")
    assert error.severity == "error"
    assert "stays a feature because you named it in --keep" in error.message
    assert "leak" in result.feature_types
    assert "leak" not in result.excluded


def test_leakage_message_gives_the_evidence() -> None:
    frame = load_dataset("titanic")
    frame["outcome_code"] = frame["survived"] * 10 + np.random.default_rng(1).normal(
        0, 1, len(frame)
    )
    error = finding(audit(frame, "survived"), "leakage_predictor", "outcome_code")
    assert "alone predicts the target 'survived' almost perfectly" in error.message
    assert re.search(
        r"balanced accuracy (0\.99\d|1\.000) out of sample on 1313 rows", error.message
    )
    assert "left out" in error.message


def test_strong_but_honest_feature_is_only_an_info() -> None:
    result = audit(load_dataset("iris"), "species")
    assert _leaks(result) == set()
    assert all(f.severity != "error" for f in result.findings)


@pytest.mark.parametrize(
    "name", ["breast_cancer", "wine", "penguins", "diabetes", "titanic_kaggle"]
)
def test_real_datasets_have_no_leakage_errors(name: str) -> None:
    from diveml.data import dataset_info

    frame = load_dataset(name)
    result = audit(frame, dataset_info(name).target)
    assert _leaks(result) == set()


def test_repeated_values_that_share_the_target_suggest_group() -> None:
    rng = np.random.default_rng(0)
    patients = np.repeat(np.arange(100), 5)
    outcome = rng.normal(size=100)[patients]
    frame = pd.DataFrame(
        {
            "patient": [f"P{p:03d}" for p in patients],
            "dose": rng.normal(size=500),
            "outcome": outcome + rng.normal(0, 0.001, 500),
        }
    )
    error = finding(audit(frame, "outcome"), "leakage_predictor", "patient")
    assert "the typical target of each of its values" in error.message
    assert "--group patient" in error.fix


def test_group_folds_stop_a_group_key_from_looking_like_leakage() -> None:
    rng = np.random.default_rng(0)
    patients = np.repeat(np.arange(100), 5)
    frame = pd.DataFrame(
        {
            "patient": patients,
            "ward": [f"W{p:03d}" for p in patients],
            "dose": rng.normal(size=500),
            "outcome": rng.normal(size=100)[patients],
        }
    )
    result = audit(frame, "outcome", group="patient")
    assert "ward" not in _leaks(result)
    assert result.exclusion_codes["patient"] == "group_column"


def test_election_polls_outcome_columns_are_reported() -> None:
    # 538's poll table: margin_actual is the election result; cand1_actual, cand2_actual,
    # error and bias are computed from it.
    frame = load_dataset("election_polls")
    result = audit(frame, "margin_actual")
    formulas = {f.column: f for f in result.findings if f.code == "leakage_formula"}
    # bias is in two formulas (with margin_poll, and with the poll percentages): it goes;
    # of cand1_actual - cand2_actual one goes; the poll's own numbers stay.
    assert set(formulas) in ({"bias", "cand1_actual"}, {"bias", "cand2_actual"})
    assert all(f.severity == "error" for f in formulas.values())
    assert "margin_actual = 1·margin_poll - 1·bias" in formulas["bias"].message
    assert {"bias", *formulas} <= set(result.excluded)
    assert {"margin_poll", "cand1_pct", "cand2_pct"} <= set(result.feature_types)


def test_formula_leak_on_diabetes_leaves_out_the_fewest_columns() -> None:
    frame = load_dataset("diabetes")
    rng = np.random.default_rng(0)
    frame["baseline"] = rng.normal(100, 20, len(frame))
    frame["followup"] = frame["baseline"] + frame["progression"]
    result = audit(frame, "progression")
    error = finding(result, "leakage_formula")
    assert error.column in {"baseline", "followup"}
    assert "progression = " in error.message
    assert "stay" in error.message
    assert f"--keep {error.column}" in error.fix
    assert len([f for f in result.findings if f.code == "leakage_formula"]) == 1
    assert {"baseline", "followup"} - set(result.excluded)  # one of the two stays


def test_group_level_feature_is_not_leakage_when_grouped() -> None:
    # Each patient has one age and one outcome: with --group patient no patient is on both
    # sides of a split, so age cannot look the outcome up, whatever its neighbours say.
    rng = np.random.default_rng(0)
    patients = np.repeat(np.arange(120), 4)
    frame = pd.DataFrame(
        {
            "patient": patients,
            "age": rng.integers(20, 90, size=120)[patients] + rng.random(120)[patients],
            "dose": rng.normal(size=480),
            "outcome": rng.choice(["ill", "well"], size=120)[patients],
        }
    )
    assert "age" in _leaks(audit(frame, "outcome"))
    assert "age" not in _leaks(audit(frame, "outcome", group="patient"))


@pytest.mark.parametrize("task", ["regression", "binary"])
def test_rows_that_share_a_value_and_the_target_suggest_group(task: str) -> None:
    rng = np.random.default_rng(0)
    cases = rng.integers(0, 150, size=600)
    outcome = rng.normal(size=150) if task == "regression" else rng.choice(["a", "b"], size=150)
    frame = pd.DataFrame({"case": cases, "dose": rng.normal(size=600), "outcome": outcome[cases]})
    warning = finding(audit(frame, "outcome"), "grouped_rows", "case")
    assert warning.severity == "warning"
    assert (
        "Rows that share a value of 'case' share the target 'outcome' (100.0% agreement"
        in warning.message
    )
    assert warning.fix.startswith("Pass --group case")
    assert "grouped_rows" not in codes(audit(frame, "outcome", group="case"))


def test_election_polls_races_are_grouped_rows() -> None:
    result = audit(load_dataset("election_polls"), "margin_actual")
    assert {f.column for f in result.findings if f.code == "grouped_rows"} >= {"race_id", "race"}


def test_formula_of_many_columns_is_reported_without_exclusion() -> None:
    frame = load_dataset("diabetes")
    rng = np.random.default_rng(0)
    parts = [f"part_{i}" for i in range(4)]
    for name in parts:
        frame[name] = rng.normal(0, 60, len(frame))
    frame["total"] = frame[parts].sum(axis=1) + frame["progression"]
    result = audit(frame, "progression")
    error = finding(result, "leakage_formula")
    assert error.column is None
    assert "exact formula of 4 or more of the remaining numeric columns" in error.message
    assert "total" not in result.excluded


def test_few_rows_and_many_columns_are_no_formula() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(60, 40)), columns=[f"c{i}" for i in range(40)])
    frame["y"] = rng.normal(size=60)
    assert "leakage_formula" not in codes(audit(frame, "y"))
