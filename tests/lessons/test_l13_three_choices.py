"""Lesson 13's own facts: other right answers pass, and the data shows what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import pytest

from diveml.lessons.exercises import l13_three_choices as l13
from tests.lessons.run_answers import by_lesson, namespaces_before_exercises, outcome_of

LESSON = "13-three-choices"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)
_MODELS = (
    '{"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
    '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
    '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}'
)


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "representations",
            f"models = {_MODELS}\n"
            "scores = {}\n"
            "for name in models:\n"
            "    scores[name] = np.mean(cross_val_score(models[name], X, y, cv=cv))",
        ),
        (
            "three_scores",
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    return (model.score(X9_test, y9_test), balanced_accuracy_score(y9_test, p), "
            "log_loss(y9_test, model.predict_proba(X9_test)[:, 1]))",
        ),
        (
            "optimization",
            "train_losses = [log_loss(y_train, LogisticRegression(max_iter=n).fit(X_train, "
            "y_train).predict_proba(X_train)) for n in max_iters]",
        ),
        (
            "permutation",
            "real_score, permuted_scores, p_value = permutation_test_score("
            "DecisionTreeClassifier(max_depth=3, random_state=0), X, y, cv=cv, "
            "n_permutations=20, random_state=0)",
        ),
        (
            "no_free_lunch",
            "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() "
            "for n, m in models.items()}\n"
            "winners = {t: max(s.items(), key=lambda kv: kv[1])[0] "
            "for t, s in (('cancer', scores), ('digits', digits_scores))}",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_the_winning_family_changes_between_the_two_tables() -> None:
    # Exercise 5 and its text rest on this: no free lunch, on these very folds.
    cancer, digits = l13._means("cancer"), l13._means("digits")
    assert max(cancer, key=cancer.__getitem__) != max(digits, key=digits.__getitem__)
    assert digits["tree"] == min(digits.values())


def test_the_evaluation_changes_the_winner_and_flatters_the_baseline() -> None:
    # The table after exercise 2: accuracy and balanced accuracy crown different models,
    # the baseline's accuracy looks good while its balanced accuracy is 0.5, and the deep
    # tree's log-loss is worse than the baseline's.
    namespace = namespaces_before_exercises(LESSON)["optimization"]
    table = namespace["table"]
    assert table["accuracy"].idxmax() != table["balanced accuracy"].idxmax()
    assert table.loc["baseline", "accuracy"] >= 0.85
    assert table.loc["baseline", "balanced accuracy"] == 0.5
    assert table.loc["deep tree", "log-loss"] > table.loc["baseline", "log-loss"]


def test_a_longer_search_lowers_the_training_loss_and_scaling_speeds_it() -> None:
    losses = l13._losses()["train"]
    assert list(losses) == sorted(losses, reverse=True)
    namespace = namespaces_before_exercises(LESSON)["permutation"]
    assert namespace["scaled_accuracy"][1] > namespace["test_accuracy"][1]


def test_no_model_clearly_beats_chance_on_shuffled_labels() -> None:
    from sklearn.dummy import DummyClassifier
    from sklearn.model_selection import cross_val_score

    namespace = namespaces_before_exercises(LESSON)["permutation"]
    X, y_shuffled, cv = namespace["X"], namespace["y_shuffled"], namespace["cv"]
    chance = cross_val_score(DummyClassifier(), X, y_shuffled, cv=cv).mean()
    for model in l13._models().values():
        assert cross_val_score(model, X, y_shuffled, cv=cv).mean() < chance + 0.02


def test_the_permutation_test_gives_the_smallest_p_value_it_can() -> None:
    score, permuted, p_value = l13._permutation()
    assert score > max(permuted)
    assert p_value == pytest.approx(1 / (l13.N_PERMUTATIONS + 1))


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "representations",
            'models = {"linear": LogisticRegression, "tree": 3, "knn": None}\nscores = {}',
        ),
        (
            "representations",
            'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), "tree": make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=3, random_state=0)), "knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\nscores = {"linear": "high", "tree": [1, 2], "knn": None}',
        ),
        ("three_scores", 'def three_scores(model):\n    return "accuracy", None, [1]'),
        ("optimization", 'train_losses = ["low", "lower", "lowest", "0"]'),
        ("permutation", 'real_score, permuted_scores, p_value = "a", ["x"] * 20, None'),
        ("no_free_lunch", 'digits_scores = scores\nwinners = {"cancer": [1], "digits": None}'),
    ],
)
def test_odd_answers_get_a_message_not_a_checker_bug(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome in {"incorrect", "raised"}, result.feedback
