"""Lesson 19's own checks: valid alternatives pass, and the experiments show what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import diveml
from diveml.lessons import get_lesson
from diveml.lessons._source import read_source
from diveml.lessons.exercises import l19_clever_overfitting as l19
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "19-clever-overfitting"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)
_TEST_LOOP = (
    "scores = [make_tree().fit(X_train[c], y_train).score(X_test[c], y_test) for c in subsets]\n"
)

ALTERNATIVES = [
    (
        "tune_on_test",
        _TEST_LOOP + "i = scores.index(max(scores))\n"
        "best_cols, best_test_score = tuple(subsets[i]), scores[i]",
    ),
    (
        "fresh_truth",
        "best_fresh_score = float((make_tree().fit(X_train[best_cols], y_train)"
        ".predict(X_fresh[best_cols]) == y_fresh).mean())",
    ),
    (
        "choose_on_validation",
        "scores = [make_tree().fit(X_fit[c], y_fit).score(X_val[c], y_val) for c in subsets]\n"
        "val_cols = list(subsets[scores.index(max(scores))])\n"
        "val_fresh_score = make_tree().fit(X_train[val_cols], y_train)"
        ".score(X_fresh[val_cols], y_fresh)",
    ),
    (
        "choose_measure",
        "chosen_metric = pd.Series(gains_test).idxmax()\n"
        "chosen_gain_fresh = float(pd.Series(gains_on(X_fresh, y_fresh))[chosen_metric])",
    ),
    (
        "pick_clinics",
        "picked = clinics.index[clinics.gain_test > 0].tolist()\n"
        "reported_gain = clinics.loc[picked, 'gain_test'].mean()\n"
        "picked_fresh_gain = clinics.loc[picked, 'gain_fresh'].mean()",
    ),
    ("review_codes", "found_codes = sorted({f['code'] for f in review.findings})"),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_each_clever_method_looks_better_than_the_truth() -> None:
    # The lesson's point: the number each method reports is above what fresh rows give.
    best = l19._best("train", "test")
    assert max(l19._scores("train", "test")) > l19._score("train", "fresh", best)
    test, fresh = l19._gains("test"), l19._gains("fresh")
    chosen = max(test, key=test.__getitem__)
    assert test[chosen] > fresh[chosen]
    clinics = l19._clinics()
    wins = clinics[clinics["gain_test"] > 0]
    assert 0 < len(wins) < len(clinics)
    assert wins["gain_test"].mean() > wins["gain_fresh"].mean()


def _script(name: str, tmp_path: Path) -> Path:
    """Write the lesson's CLEVER or HONEST script the way its cell does."""
    cell = next(c for c in read_source(get_lesson(LESSON)) if f'{name} = """' in c.source)
    namespace: dict[str, object] = {}
    exec(cell.source.split(f'Path("{name.lower()}.py")')[0], namespace)
    path = tmp_path / f"{name.lower()}.py"
    path.write_text(str(namespace[name]), encoding="utf-8")
    return path


def test_the_review_catches_methods_one_and_two_and_not_three(tmp_path: Path) -> None:
    review = diveml.review(_script("CLEVER", tmp_path), run=False)
    lines = {f["code"]: f["line"] for f in review.findings}
    assert set(lines) == {"multi-test-leak", "metric-chosen-after-results"}
    text = _script("CLEVER", tmp_path).read_text().splitlines()
    assert "test_scores.append" in text[lines["multi-test-leak"] - 1] or "for cols" in "".join(
        text[lines["multi-test-leak"] - 2 : lines["multi-test-leak"]]
    )
    assert "max(gains" in text[lines["metric-chosen-after-results"] - 1]


def test_the_honest_script_gets_no_finding(tmp_path: Path) -> None:
    assert diveml.review(_script("HONEST", tmp_path), run=False).findings == []
