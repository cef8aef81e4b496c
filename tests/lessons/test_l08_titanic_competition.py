"""Lesson 8's own checks: valid alternative answers pass; the reference title rule holds.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diveml.lessons import get_lesson
from diveml.lessons.exercises import l08_titanic_competition as l08
from tests.lessons.run_answers import by_lesson, lesson_proof, outcome_of

LESSON = "08-titanic-competition"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)

ALTERNATIVES = [
    ("title_of", "import re\ndef title_of(name):\n    return re.search(r', ([^.]+)\\.', name)[1]"),
    (
        "title_of",
        "def title_of(name):\n    start = name.index(',') + 2\n"
        "    return name[start:name.index('.', start)]",
    ),
    (
        "add_features",
        "def add_features(frame):\n"
        "    return frame.assign(\n"
        '        Title=[group_title(title_of(n)) for n in frame["Name"]],\n'
        "        FamilySize=frame.SibSp + frame.Parch + 1,\n"
        "        LogFare=np.log(frame.Fare + 1),\n    )",
    ),
    (
        "cross_validate",
        "X = add_features(train)[list(reversed(FEATURES))]\ny = train.Survived\n"
        "cv_scores = cross_val_score(model, X, y, cv=5).tolist()",
    ),
    (
        "submission",
        "model.fit(X, y)\n"
        "predictions = model.predict(add_features(test)[FEATURES]).astype(int)\n"
        'submission = test[["PassengerId"]].assign(Survived=predictions)\n'
        'submission.sort_values("PassengerId", ascending=False).to_csv(\n'
        '    "submission.csv", index=False)',
    ),
    (
        "pick_tweak",
        "best_tweak = public_scores.argmax()\nits_private = private_scores[best_tweak]",
    ),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(
    exercise: str, code: str, shared_data: Path
) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_the_reference_title_is_what_lies_between_comma_and_full_stop(
    shared_data: Path,
) -> None:
    assert l08._title("Braund, Mr. Owen Harris") == "Mr"
    assert l08._title("Rothes, the Countess. of (Lucy Noel Martha Dyer-Edwards)") == "the Countess"
    assert l08._title("Vander Planke, Miss. Augusta Maria") == "Miss"
    train, test = l08._files()
    assert all(l08._title(name) for name in [*train["Name"], *test["Name"]])


def test_rare_titles_are_grouped_and_french_ones_translated() -> None:
    assert [l08._group(t) for t in ("Mlle", "Mme", "Ms", "Master", "Jonkheer")] == [
        "Miss",
        "Mrs",
        "Miss",
        "Master",
        "Rare",
    ]


def test_the_lesson_has_five_exercises_and_takes_30_minutes() -> None:
    lesson = get_lesson(LESSON)
    assert lesson.minutes == 30
    assert list(lesson.exercises) == [
        "title_of",
        "add_features",
        "cross_validate",
        "submission",
        "pick_tweak",
    ]


@pytest.mark.parametrize("exercise", ["cross_validate", "pick_tweak"])
def test_feedback_on_a_wrong_answer_never_gives_the_right_score(
    exercise: str, shared_data: Path
) -> None:

    variants = lesson_proof(LESSON).for_exercise(exercise)
    solution = next(v for v in variants if v.variant == "solution")
    right = set(re.findall(r"0\.\d{3}", solution.result.message))
    assert right
    for variant in (v for v in variants if v.variant.startswith("wrong")):
        assert not right & set(re.findall(r"0\.\d{3}", variant.result.feedback)), variant.explain()
