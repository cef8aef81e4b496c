"""bench/ci_coverage.py: copy-free rows, weighted scores, and the coverage to expect."""

from __future__ import annotations

import math

import ci_coverage as cc
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import balanced_accuracy_score, r2_score, roc_auc_score


def test_new_rows_are_those_without_a_copy_in_every_column() -> None:
    train = pd.DataFrame({"x": [1, 2, 3], "c": ["a", "b", "a"], "y": ["0", "1", "1"]})
    test = pd.DataFrame(
        {
            "x": [1.0, 2.0, 9.0, 3.0],  # floats: the same values read with another dtype
            "c": ["a", "b", "a", "a"],
            "y": ["0", "0", "1", "1"],
        }
    )
    # row 0 and row 3 are copies; row 1 has row 1's features but another target: new
    assert cc.new_rows(train, test).tolist() == [False, True, True, False]


def test_new_rows_reads_the_test_columns_in_the_training_order() -> None:
    train = pd.DataFrame({"x": [1, 2], "y": [5, 6]})
    test = pd.DataFrame({"y": [6, 5], "x": [2, 9]})
    assert cc.new_rows(train, test).tolist() == [False, True]


def _resample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    counts = np.bincount(rng.integers(0, n, n), minlength=n)
    return counts, np.repeat(np.arange(n), counts)


def test_weighted_roc_auc_is_scikit_learns_on_the_rows_repeated_ties_included() -> None:
    rng = np.random.default_rng(0)
    y = rng.random(300) < 0.3
    p = (0.3 * y + rng.random(300)).round(1)  # few distinct values: many ties
    for seed in range(3):
        counts, rows = _resample(300, seed)
        got = cc.weighted_scores("roc_auc", y, p, counts)[0]
        assert got == pytest.approx(roc_auc_score(y[rows], p[rows]), abs=1e-6)


def test_weighted_balanced_accuracy_and_r2_are_scikit_learns() -> None:
    rng = np.random.default_rng(1)
    labels = rng.choice(np.array(["a", "b", "c"]), 200)
    guess = np.where(rng.random(200) < 0.6, labels, rng.choice(np.array(["a", "b", "c"]), 200))
    y = rng.normal(size=200)
    pred = 0.6 * y + rng.normal(size=200)
    counts, rows = _resample(200, 5)
    assert cc.weighted_scores("balanced_accuracy", labels, guess, counts)[0] == pytest.approx(
        balanced_accuracy_score(labels[rows], guess[rows]), abs=1e-6
    )
    assert cc.weighted_scores("r2", y, pred, counts)[0] == pytest.approx(
        r2_score(y[rows], pred[rows]), abs=1e-6
    )


def test_weighted_scores_are_nan_where_undefined_and_refuse_an_unknown_metric() -> None:
    y = np.array([True, True, False])
    only_positives = np.array([[1, 1, 0]])
    assert math.isnan(
        cc.weighted_scores("roc_auc", y, np.array([0.1, 0.2, 0.3]), only_positives)[0]
    )
    with pytest.raises(ValueError, match="no weighted score for metric 'f1'"):
        cc.weighted_scores("f1", y, y, only_positives)


def test_normal_expected_coverage_at_the_benchmarks_sizes() -> None:
    # holdout 20% of 75% against 25% kept back: n_h/n_k = 0.6
    assert cc.normal_expected(600, 1000) == pytest.approx(
        2 * stats.norm.cdf(1.959964 / math.sqrt(1.6)) - 1
    )
    assert cc.normal_expected(600, 1000) == pytest.approx(0.879, abs=0.001)
    assert cc.normal_expected(1000, 1000) == pytest.approx(0.834, abs=0.001)
    assert cc.normal_expected(1000, 10**9) == pytest.approx(0.95, abs=0.001)
    assert math.isnan(cc.normal_expected(0, 100))


def test_the_simulation_agrees_with_the_normal_formula_on_a_large_table() -> None:
    # r2 on 1,500 rows behaves like a mean: the percentile interval is close to exact there.
    rng = np.random.default_rng(2)
    y = rng.normal(size=1500)
    pred = 0.7 * y + rng.normal(scale=0.7, size=1500)
    got = cc.simulated_expected("r2", y, pred, 450, 750, reps=150, resamples=200, seed=3)
    # 150 draws: a standard error of about 0.027 around the formula's 0.879
    assert abs(got - cc.normal_expected(450, 750)) < 0.08


def test_the_simulated_interval_holds_the_true_score_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(7)
    y = rng.normal(size=1500)
    pred = 0.7 * y + rng.normal(scale=0.7, size=1500)
    got = cc.simulate("r2", y, pred, 450, 750, reps=150, resamples=200, seed=3)
    assert abs(got.true_score - 0.95) < 0.06  # a standard error of 0.018
    assert got.kept_back < got.true_score  # the kept-back draw adds its own noise


def test_the_simulation_sees_that_a_larger_kept_back_part_covers_more_often() -> None:
    rng = np.random.default_rng(4)
    y = rng.random(800) < 0.4
    p = np.clip(0.25 * y + rng.random(800), 0, 1)
    small = cc.simulated_expected("roc_auc", y, p, 300, 60, reps=150, resamples=200, seed=1)
    large = cc.simulated_expected("roc_auc", y, p, 300, 3000, reps=150, resamples=200, seed=1)
    assert small < 0.8 < large


def test_the_simulation_gives_way_on_tables_too_big_or_too_small() -> None:
    y = np.zeros(10)
    assert math.isnan(cc.simulated_expected("r2", y, y, 1, 10))
    assert math.isnan(cc.simulated_expected("r2", y, y, cc.MAX_CELLS, 10))


def test_bootstrap_se_of_a_mean_like_score() -> None:
    rng = np.random.default_rng(6)
    y = rng.normal(size=2000)
    pred = y + rng.normal(size=2000)
    se = cc.bootstrap_se("r2", y, pred)
    # r2 = 1 - mean((y-pred)^2)/var(y): roughly the standard error of a mean of chi-square(1)
    assert 0.02 < se < 0.06


def test_outside_widths_is_signed_and_zero_inside() -> None:
    assert cc.outside_widths(0.5, 0.4, 0.6) == 0.0
    assert cc.outside_widths(0.35, 0.4, 0.6) == pytest.approx(-0.25)
    assert cc.outside_widths(0.7, 0.4, 0.6) == pytest.approx(0.5)
    assert math.isnan(cc.outside_widths(0.7, 0.6, 0.6))


def test_chance_at_most_is_the_binomial_when_every_table_is_alike() -> None:
    p = [0.88] * 27
    for k in (20, 23, 27):
        assert cc.chance_at_most(k, p) == pytest.approx(stats.binom.cdf(k, 27, 0.88))
    assert cc.chance_at_most(1, [1.0, 0.0]) == pytest.approx(1.0)
    assert cc.chance_at_most(0, [1.0, 0.5]) == pytest.approx(0.0)


def _row(dataset: str, covers: str, **more: object) -> dict[str, object]:
    return {
        "dataset": dataset,
        "metric": "r2",
        "train_rows": 1000,
        "test_rows": 333,
        "holdout_score": 0.5,
        "ci_low": 0.4,
        "ci_high": 0.6,
        "kept_back": 0.5 if covers == "True" else 0.7,
        "ci_covers": covers,
        **more,
    }


def test_table_uses_the_simulated_figure_where_the_row_has_one() -> None:
    rows = pd.DataFrame(
        [
            _row("old", "True"),  # a row from before runs.csv had the new columns
            _row(
                "new",
                "False",
                holdout_rows=200,
                new_rows=40,
                kept_back_new=0.45,
                ci_covers_new="True",
                kept_back_se=0.03,
                expected_cover=0.8,
                expected_cover_new=0.7,
            ),
        ]
    )
    frame = cc.table(rows).set_index("dataset")
    assert frame.loc["old", "expected"] == pytest.approx(cc.normal_expected(200, 333))
    assert frame.loc["old", "holdout rows"] == "200"  # 20% of the training part
    assert frame.loc["new", "expected"] == pytest.approx(0.8)
    assert frame.loc["new", "outside (widths)"] == pytest.approx(0.5)
    assert frame.loc["new", "z"] == pytest.approx(0.2 / math.sqrt((0.2 / 3.919928) ** 2 + 0.03**2))
    # 40 copy-free rows are fewer than MIN_NEW_ROWS: no coverage figure against them
    assert frame.loc["new", "covers new"] is None
    assert frame["covers"].to_list() == [True, False]


def test_lines_state_observed_against_expected_and_the_chance() -> None:
    rows = pd.DataFrame(
        [_row(f"t{i}", "True", new_rows=100, ci_covers_new="True") for i in range(8)]
        + [_row("t8", "False", new_rows=100, ci_covers_new="False")]
    )
    plain, new, within = cc.lines(cc.table(rows))
    p = cc.normal_expected(200, 333)
    assert "contains it on 8 of 9 tables (89%; target ≥ 90%: misses)" in plain
    assert f"{9 * p:.1f} of 9 ({p:.0%})" in plain
    # the target (≥ 90% of 9: all 9) is reached by right intervals with chance p**9
    assert (
        f"fewer covered by sampling alone is {1 - p**9:.2f}, and of reaching the target " in plain
    )
    assert f"reaching the target {p**9:.2f}. Missed: t8." in plain
    assert new.startswith("- CI coverage of the copy-free kept-back score")
    # t8: kept-back 0.7 against holdout 0.5; se_h = 0.2/3.92 = 0.051, se_k = se_h·√(200/333)
    assert "8 of 9 tables (89%)" in within
    assert within.endswith("Outside (z): t8 (+3.1).")
