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
    formulas = [f.message for f in result.findings if f.code == "leakage_formula"]
    assert any("'cand1_actual', 'cand2_actual'" in m for m in formulas)
    assert any("'bias'" in m for m in formulas)
    assert all(f.severity == "error" for f in result.findings if f.code == "leakage_formula")
