"""Lesson 17's own facts: other right answers pass, and the data shows what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import pytest

from diveml.lessons.exercises import l17_many_models_simplicity_causation as l17
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "17-many-models-simplicity-causation"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "best_single",
            "best_single = pd.Series({n: s.mean() for n, s in single_scores.items()}).idxmax()",
        ),
        (
            "bag_and_boost",
            "bagged = BaggingClassifier(estimator=DecisionTreeClassifier(random_state=0), "
            "n_estimators=20, random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = list(cross_val_score(boosted, X, y, cv=cv))",
        ),
        (
            "stacking",
            "stacked = StackingClassifier(estimators=list(singles.items()))\n"
            "stacked_scores = cross_val_score(stacked, X, y, cv=cv)",
        ),
        (
            "judge_gains",
            'boost_vs_tree = boosted_scores - single_scores["decision tree"]\n'
            'stack_vs_best = stacked_scores - single_scores["logistic regression"]\n'
            "boost_clear = boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree)\n"
            "stack_clear = stack_vs_best.mean() > 2 * standard_error(stack_vs_best)",
        ),
        (
            "simplicity",
            "stump_scores = cross_val_score(DecisionTreeClassifier(max_leaf_nodes=2, "
            "random_state=0), X, y, cv=cv)",
        ),
        (
            "overall_slope",
            "from sklearn.linear_model import LinearRegression\n"
            'overall_slope = LinearRegression().fit(penguins[["bill_length_mm"]], depth)'
            ".coef_[0]",
        ),
        (
            "species_slopes",
            'species_slopes = penguins.groupby("species").apply(lambda g: '
            'np.polyfit(g["bill_length_mm"], g["bill_depth_mm"], 1)[0])',
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_boosting_clearly_beats_a_tree_but_no_ensemble_clearly_beats_the_best_single() -> None:
    # The text after exercise 4 says exactly this.
    singles = {name: l17._scores(name) for name in l17._singles()}
    best = max(singles, key=lambda n: singles[n].mean())
    assert best == "logistic regression"
    assert l17._clear(l17._scores("boosted") - singles["decision tree"])
    for ensemble in ("bagged", "boosted", "stacked"):
        assert not l17._clear(l17._scores(ensemble) - singles[best]), ensemble


def test_the_stump_is_less_accurate_than_every_other_model() -> None:
    stump = l17._scores("stump").mean()
    others = [*l17._singles(), "bagged", "boosted", "stacked"]
    assert all(stump < l17._scores(name).mean() for name in others)


def test_many_stumps_fit_the_training_rows_without_losing_the_validation_rows() -> None:
    from sklearn.ensemble import AdaBoostClassifier

    X, y = l17._cancer()
    fit_rows, val_rows = next(l17._cv().split(X, y))
    many = AdaBoostClassifier(n_estimators=100, random_state=0).fit(X[fit_rows], y[fit_rows])
    train = list(many.staged_score(X[fit_rows], y[fit_rows]))
    val = list(many.staged_score(X[val_rows], y[val_rows]))
    assert train[-1] == 1.0
    assert val[-1] > val[0] and val[-1] >= max(val) - 0.03


def test_the_species_reverse_the_slope_of_bill_depth_on_length() -> None:
    frame = l17._penguins()
    assert l17._slope(frame["bill_length_mm"], frame["bill_depth_mm"]) < 0
    for _, group in frame.groupby("species"):
        assert l17._slope(group["bill_length_mm"], group["bill_depth_mm"]) > 0
