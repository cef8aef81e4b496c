"""Lesson 7's own checks: valid alternative answers pass, feedback keeps the answers hidden.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import re

import pytest

from diveml.lessons import get_lesson
from tests.lessons.run_answers import by_lesson, lesson_proof, outcome_of

LESSON = "07-eigenfaces"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)

ALTERNATIVES = [
    # Another honest split: other seed, a fifth for testing, numpy arrays, no stratify.
    (
        "split_images",
        'X = faces.drop(columns="is_face").to_numpy()\ny = faces["is_face"].to_numpy()\n'
        "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, "
        "random_state=1)",
    ),
    (
        "split_images",
        "X = faces.iloc[:, :-1]\ny = faces.is_face\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=3)",
    ),
    ("fit_pca", "pca = PCA(random_state=0)\npca.fit(X_train, y_train)"),
    ("fit_pca", "pca = PCA(random_state=0).fit(X_train.to_numpy())"),
    ("components_for_90", "n_90 = PCA(n_components=0.9).fit(X_train).n_components_"),
    (
        "components_for_90",
        "n_90 = np.searchsorted(np.cumsum(pca.explained_variance_ratio_), 0.9) + 1",
    ),
    (
        "components_for_90",
        "n_90 = int((np.cumsum(pca.explained_variance_ratio_) < 0.9).sum()) + 1",
    ),
    (
        "tune_model",
        "from sklearn.pipeline import Pipeline\n"
        'pipe = Pipeline([("reduce", PCA(n_components=30, whiten=True, random_state=0)),\n'
        '                 ("clf", SVC())])\n'
        'search = GridSearchCV(pipe, {"clf__C": [1, 10], "reduce__n_components": [10, 30]},\n'
        "                      cv=3).fit(X_train, y_train)",
    ),
    (
        "tune_model",
        "from sklearn.model_selection import RandomizedSearchCV\n"
        "search = RandomizedSearchCV(\n"
        "    make_pipeline(PCA(n_components=20, whiten=True, random_state=0), SVC()),\n"
        '    {"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01]}, n_iter=3, cv=5,\n'
        "    random_state=0).fit(X_train, y_train)",
    ),
    (
        "confusion",
        "import pandas as pd\ny_pred = search.best_estimator_.predict(X_test)\n"
        "cm = pd.crosstab(y_test, y_pred)",
    ),
    (
        "faces_missed",
        'faces_missed = ((y_test == "face") & (y_pred == "non-face")).sum()',
    ),
    ("faces_missed", "faces_missed = cm[0][1]"),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_the_lesson_has_six_exercises_in_notebook_order_and_takes_30_minutes() -> None:
    lesson = get_lesson(LESSON)
    assert lesson.minutes == 30
    assert list(lesson.exercises) == [
        "split_images",
        "fit_pca",
        "components_for_90",
        "tune_model",
        "confusion",
        "faces_missed",
    ]


@pytest.mark.parametrize("exercise", ["components_for_90", "faces_missed"])
def test_feedback_on_a_wrong_count_never_gives_the_right_count(exercise: str) -> None:
    variants = lesson_proof(LESSON).for_exercise(exercise)
    solution = next(v for v in variants if v.variant == "solution")
    right = re.search(r"\d+", solution.result.message)
    assert right is not None
    wrong = [v for v in variants if v.variant.startswith("wrong")]
    assert len(wrong) >= 3
    for variant in wrong:
        numbers = re.findall(r"\d+", variant.result.feedback)
        assert right.group() not in numbers, variant.explain()
