"""Lesson 14's own facts: other right answers pass, and the data shows what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from diveml.lessons.exercises import l14_overfitting_faces as l14
from tests.lessons.run_answers import by_lesson, namespaces_before_exercises, outcome_of

LESSON = "14-overfitting-faces"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "bootstrap",
            "def bootstrap_predictions(model, n_resamples):\n"
            "    return np.array([clone(model).fit(*resample(X_train, y_train, random_state=b))"
            ".predict(X_test) for b in range(n_resamples)])",
        ),
        (
            "bootstrap",
            "def bootstrap_predictions(model, n_resamples):\n"
            "    rows = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
            "        model.fit(X_b, y_b)\n"
            "        rows.append(model.predict(X_test))\n"
            "    return np.vstack(rows)",
        ),
        (
            "bias_variance",
            "def bias_variance(predictions, y_true):\n"
            "    main = np.apply_along_axis(lambda c: np.bincount(c).argmax(), 0, predictions)\n"
            "    return (main != y_true).mean(), (predictions != main).mean()",
        ),
        (
            "hoeffding",
            "import math\n"
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return math.sqrt(math.log(2 * n_models / delta) / (2 * n))",
        ),
        (
            "bound_vs_fresh",
            "holdout_error = np.mean(chosen.predict(X_holdout) != y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(100, 0.05, 10)\n"
            "fresh_error = np.mean(chosen.predict(X_fresh) != y_fresh)",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_deeper_trees_have_less_bias_and_more_variance_than_the_stump() -> None:
    # What the text after exercise 3 says: bias falls at every depth, and variance is
    # lowest for the stump (it is not monotone beyond, and the text does not say it is).
    sweep = l14._sweep()
    assert list(sweep["biases"]) == sorted(sweep["biases"], reverse=True)
    assert all(v > sweep["variances"][0] for v in sweep["variances"][1:])


def test_the_stump_is_wrong_the_same_way_and_the_deep_tree_wavers() -> None:
    # The picture after exercise 1, with its 30 refits.
    _, _, _, y_test = l14._split()
    stump = l14._bias_variance(l14._predictions(1, 30), y_test)
    deep = l14._bias_variance(l14._predictions(None, 30), y_test)
    assert stump[0] > deep[0]
    assert stump[1] < deep[1]


def test_the_bound_holds_on_every_draw_and_is_loose() -> None:
    # The text after exercise 5: the bound held, wider than every gap seen.
    experiment = l14._holdout_experiment()
    assert experiment["fresh"] <= experiment["holdout"] + experiment["eps"]
    namespace = namespaces_before_exercises(LESSON)["bound_vs_fresh"]
    assert namespace["chosen"].max_depth != 10  # the "deepest tree" slip differs from it
    after = _after_the_lesson()
    assert all(after["held"])
    assert after["eps"] > max(after["gaps"])
    assert after["eps"] > 3 * float(np.median(after["gaps"]))  # "several times wider than most"


def _after_the_lesson() -> dict[str, object]:
    import contextlib
    import io

    from diveml.lessons import get_lesson
    from diveml.lessons._check import run_learner_code
    from diveml.lessons._source import read_source

    namespace: dict[str, object] = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in read_source(get_lesson(LESSON)):
            if cell.kind == "code" and cell.role != "starter":
                assert run_learner_code(cell.source, namespace, "<cell>") is None
    import matplotlib.pyplot as plt

    plt.close("all")
    return namespace


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        ("bootstrap", 'def bootstrap_predictions(model, n_resamples):\n    return "predictions"'),
        ("bias_variance", 'def bias_variance(predictions, y_true):\n    return "bias", "variance"'),
        ("depth_sweep", 'biases, variances = ["a"] * 5, [None] * 5'),
        ("hoeffding", "def hoeffding_epsilon(n, delta, n_models=1):\n    return [n, delta]"),
        ("bound_vs_fresh", 'holdout_error, bound, fresh_error = "0.2", None, [0.1]'),
    ],
)
def test_odd_answers_get_a_message_not_a_checker_bug(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome in {"incorrect", "raised"}, result.feedback
