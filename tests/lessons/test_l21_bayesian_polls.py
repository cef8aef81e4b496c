"""Lesson 21's own checks: valid alternatives pass; the posterior says what the text says;
the PyMC cells skip cleanly without PyMC.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from diveml.lessons import get_lesson
from diveml.lessons._source import read_source
from diveml.lessons.exercises import l21_bayesian_polls as l21
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "21-bayesian-polls"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)

ALTERNATIVES = [
    (
        "dem_count",
        "dem_count = np.round(pa.samplesize * pa.cand1_pct / (pa.cand1_pct + pa.cand2_pct))",
    ),
    ("first_update", "k, m = dem_count.iloc[0], n.iloc[0]\na_first, b_first = 1 + k, 1 + (m - k)"),
    (
        "all_polls",
        "a_post, b_post = 1, 1\nfor k, m in zip(dem_count, n):\n"
        "    a_post, b_post = a_post + k, b_post + m - k",
    ),
    (
        "credible_interval",
        "post_mean = stats.beta.mean(a_post, b_post)\n"
        "low, high = stats.beta.interval(0.95, a_post, b_post)",
    ),
    ("lead_probability", "p_dem_leads = 1 - stats.beta.cdf(0.5, a_post, b_post)"),
    (
        "check_result",
        "d, r = pa.loc[0, 'cand1_actual'], pa.loc[0, 'cand2_actual']\n"
        "actual_share = d / (d + r)\ninside = low < actual_share < high",
    ),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(
    exercise: str, code: str, shared_data: Path
) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_the_independent_polls_model_is_sure_and_misses_the_result(shared_data: Path) -> None:
    # The text says: a very narrow interval, a near-certain lead, and the result outside.
    from scipy import stats

    a, b = l21._posterior()
    low, high = stats.beta.ppf([0.025, 0.975], a, b)
    first = l21._pa().iloc[0]
    actual = first["cand1_actual"] / (first["cand1_actual"] + first["cand2_actual"])
    assert high - low < 0.02
    assert stats.beta.sf(0.5, a, b) > 0.99
    assert not low <= actual <= high
    assert set(l21._pa()["cand1_party"]) == {"DEM"}


def test_without_pymc_the_pymc_cells_print_how_to_get_it(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pymc", None)  # makes `import pymc` raise ImportError
    cell = next(c for c in read_source(get_lesson(LESSON)) if "import pymc as pm" in c.source)
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(cell.source, namespace)
    assert namespace["pm"] is None
    assert 'pip install "diveml[bayes]"' in out.getvalue()
