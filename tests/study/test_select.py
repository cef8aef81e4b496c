"""The selection rule: the corrected resampled paired t-test, simplest adequate rung."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from diveml.study._select import corrected_paired_t, select


def _rung(name: str, complexity: int, scores: list[float]) -> dict[str, object]:
    return {
        "name": name,
        "label": f"{name} (x)",
        "complexity": complexity,
        "status": "ok",
        "cv_scores": scores,
        "cv_mean": float(np.mean(scores)),
    }


def test_corrected_t_matches_the_formula() -> None:
    best = [0.90, 0.92, 0.88, 0.91, 0.93]
    other = [0.89, 0.90, 0.88, 0.88, 0.92]
    diff, p = corrected_paired_t(best, other, n_train=400, n_test=100)
    d = np.subtract(best, other)
    t = d.mean() / math.sqrt((1 / 5 + 100 / 400) * d.var(ddof=1))
    assert diff == pytest.approx(d.mean())
    assert p == pytest.approx(stats.t.sf(t, df=4))


def test_correction_is_more_cautious_than_the_plain_paired_t() -> None:
    best = [0.90, 0.92, 0.88, 0.91, 0.93]
    other = [0.89, 0.90, 0.88, 0.88, 0.92]
    _, corrected = corrected_paired_t(best, other, n_train=400, n_test=100)
    plain = stats.ttest_rel(best, other, alternative="greater").pvalue
    assert corrected > plain


def test_simplest_indistinguishable_rung_is_chosen() -> None:
    ladder = [
        _rung("dummy", 0, [0.5] * 5),
        _rung("linear", 1, [0.80, 0.83, 0.79, 0.82, 0.81]),
        _rung("forest", 3, [0.82, 0.82, 0.80, 0.83, 0.81]),
    ]
    selection = select(ladder, n_train=400, n_test=100)
    assert selection["best"] == "forest"
    assert selection["chosen"] == "linear"
    assert "not reliably better than linear" in selection["explanation"]


def test_reliably_better_rung_is_chosen() -> None:
    ladder = [
        _rung("dummy", 0, [0.5] * 5),
        _rung("linear", 1, [0.70, 0.71, 0.69, 0.72, 0.70]),
        _rung("boost", 4, [0.90, 0.91, 0.89, 0.92, 0.90]),
    ]
    selection = select(ladder, n_train=400, n_test=100)
    assert selection["chosen"] == "boost"
    assert "reliably better than every simpler model" in selection["explanation"]


def test_skipped_and_failed_rungs_are_ignored() -> None:
    ladder = [
        _rung("dummy", 0, [0.5, 0.52, 0.49, 0.5, 0.51]),
        _rung("linear", 1, [0.80, 0.83, 0.79, 0.82, 0.81]),
        {"name": "forest", "complexity": 3, "status": "skipped", "label": "forest"},
    ]
    assert select(ladder, n_train=400, n_test=100)["chosen"] == "linear"
