"""Lesson 16's own facts: other right answers pass, and the data shows what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from diveml.lessons.exercises import l16_feature_engineering_and_more_data as l16
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "16-feature-engineering-and-more-data"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "relative_mass",
            'relative_mass = penguins["body_mass_g"] / '
            'penguins["species"].map(penguins.groupby("species")["body_mass_g"].mean())',
        ),
        (
            "relative_mass",
            'relative_mass = penguins.groupby("species")["body_mass_g"]'
            ".transform(lambda m: m / m.mean())",
        ),
        (
            "engineered_scores",
            "engineered_scores = list(cross_val_score(simple, "
            "relative_mass.to_numpy().reshape(-1, 1), y, cv=cv))",
        ),
        (
            "clever_scores",
            "clever = GradientBoostingClassifier(random_state=0)\n"
            "clever_scores = cross_val_score(clever, X_raw.to_numpy(), y, cv=cv)",
        ),
        (
            "learning_curves",
            "rf_test = learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, "
            "cv=splits)[2]\nnb_curve = np.mean(nb_test, axis=1)\n"
            "rf_curve = np.mean(rf_test, axis=1)",
        ),
        ("crossing", "first_forest_win = SIZES[int(np.argmax(rf_curve > nb_curve))]"),
        ("crossing", "first_forest_win = float(SIZES[int(np.argmax(rf_curve > nb_curve))])"),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_the_derived_feature_lifts_the_simple_model_to_the_clever_ones_level() -> None:
    # The text: mass alone is near a coin toss; one derived column matches or beats
    # gradient boosting on the raw columns.
    mass = l16._cv_scores("simple", "mass").mean()
    engineered = l16._cv_scores("simple", "relative").mean()
    clever = l16._cv_scores("boosting", "raw").mean()
    assert mass < 0.7
    assert engineered > mass + 0.15
    assert engineered >= clever - l16._cv_scores("boosting", "raw").std()


def test_the_learning_curves_cross_once_simple_first() -> None:
    # The text: naive Bayes is ahead with few rows, the forest with many, and the forest's
    # curve keeps rising while naive Bayes' flattens.
    curves = l16._curves()
    nb, rf = curves["nb_test"].mean(axis=1), curves["rf_test"].mean(axis=1)
    ahead = rf > nb
    assert not ahead[0] and ahead[-1]
    first = int(np.argmax(ahead))
    assert ahead[first:].all(), "the forest should stay ahead once it leads"
    assert rf[-1] - rf[first] > nb[-1] - nb[first]
