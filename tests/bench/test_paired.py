"""bench/paired.py: the paired differences, sign test and before/after table in RESULTS.md."""

from __future__ import annotations

import math

import numpy as np
import paired
import pandas as pd
import pytest
from scipy import stats


def _rows(contender: str, scores: dict[str, float], **extra: object) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"dataset": t, "contender": contender, "metric": "r2", "kept_back": s, **extra}
            for t, s in scores.items()
        ]
    )


@pytest.mark.parametrize(("wins", "losses"), [(5, 0), (7, 3), (3, 3), (12, 1), (0, 9)])
def test_sign_test_is_the_exact_two_sided_binomial_test(wins: int, losses: int) -> None:
    expected = stats.binomtest(wins, wins + losses, 0.5).pvalue
    assert paired.sign_test(wins, losses) == pytest.approx(expected)


def test_sign_test_without_wins_or_losses_is_one() -> None:
    assert paired.sign_test(0, 0) == 1.0


def test_bootstrap_mean_is_seeded_and_brackets_the_mean() -> None:
    values = [0.01, -0.02, 0.03, 0.0, 0.05, -0.01]
    low, high = paired.bootstrap_mean(values)
    assert (low, high) == paired.bootstrap_mean(values)
    assert low < float(np.mean(values)) < high
    assert paired.bootstrap_mean([0.2, 0.2, 0.2]) == pytest.approx((0.2, 0.2))


def test_describe_counts_wins_ties_losses_at_the_tie_band() -> None:
    diff = pd.Series([0.02, 0.004, -0.004, -0.03, -0.05, 0.0051])
    out = paired.describe(diff)
    assert out["wins / ties / losses (±0.005)"] == "2 / 2 / 2"
    assert out["tables"] == 6
    assert out["median diff"] == pytest.approx(0.0)
    assert out["sign test p"] == pytest.approx(1.0)


def test_one_table_has_no_interval_over_tables() -> None:
    assert paired.describe(pd.Series([0.1]))["95% CI of mean (bootstrap over tables)"] == (
        "+nan to +nan"
    )


def test_differences_pair_only_tables_both_completed() -> None:
    ok = pd.concat(
        [
            _rows("diveml", {"a": 0.9, "b": 0.8, "c": 0.7}),
            _rows("flaml_120", {"a": 0.85, "c": 0.75, "d": 0.6}),
        ]
    )
    diff = paired.differences(ok, "flaml_120", ["a", "b", "c", "d"])
    assert diff.to_dict() == pytest.approx({"a": 0.05, "c": -0.05})


def test_against_contenders_lists_only_contenders_with_a_paired_table() -> None:
    ok = pd.concat([_rows("diveml", {"a": 0.9}), _rows("skrub", {"a": 0.8})])
    frame = paired.against_contenders(ok, ["a"])
    assert frame["diveml − …"].to_list() == ["skrub"]
    assert frame.loc[0, "mean diff"] == pytest.approx(0.1)


def test_per_table_leaves_a_missing_contender_empty() -> None:
    ok = pd.concat([_rows("diveml", {"a": 0.9, "b": 0.5}), _rows("sklearn_hgb", {"a": 0.7})])
    frame = paired.per_table(ok, ["a", "b"], ["sklearn_hgb"]).set_index("dataset")
    assert frame.loc["a", "diveml − sklearn_hgb"] == pytest.approx(0.2)
    assert math.isnan(frame.loc["b", "sklearn_hgb"])


def _diveml(scores: dict[str, float], ci_half: float, covers: object, cpu: float) -> pd.DataFrame:
    rows = _rows("diveml", scores, gap=0.01, ci_covers=covers, cpu_s=cpu, model="linear")
    rows["ci_low"] = rows["kept_back"] - ci_half
    rows["ci_high"] = rows["kept_back"] + ci_half
    return rows


def test_before_after_flags_a_drop_beyond_half_the_new_interval() -> None:
    before = _diveml({"a": 0.80, "b": 0.80}, 0.05, "True", 10.0)
    after = _diveml({"a": 0.74, "b": 0.78}, 0.05, "False", 5.0)
    frame = paired.before_after(before, after, ["a", "b"]).set_index("dataset")
    assert frame["worse beyond noise"].to_dict() == {"a": True, "b": False}
    assert frame["noise (½ CI after)"].to_list() == pytest.approx([0.05, 0.05])
    assert frame["CI covers before"].to_list() == [True, True]
    assert frame["CI covers after"].to_list() == [False, False]
    lines = paired.before_after_lines(frame.reset_index())
    assert (
        "- Worse by more than the noise (half the new 95% holdout interval): 1 of 2 (a)." in lines
    )
    assert any("2 of 2 before, 0 of 2 after" in line for line in lines)
    assert any("CPU seconds, after ÷ before: median 0.50" in line for line in lines)


def test_before_after_lines_say_when_nothing_was_rerun() -> None:
    rows = _diveml({"a": 0.5}, 0.1, "True", 1.0)
    empty = paired.before_after(rows, rows.iloc[0:0], ["a"])
    assert paired.before_after_lines(empty) == [
        "No table has a diveml row both before and after the cut yet."
    ]
