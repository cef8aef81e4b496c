"""Lesson 6's own references: the cleaning rules and what the feedback may reveal.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``; these tests check what is particular to this lesson.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from diveml.lessons import get_lesson
from diveml.lessons.exercises import l06_first_workflow as l06
from tests.lessons.run_answers import by_lesson, lesson_proof

LESSON = "06-a-first-full-workflow"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


def test_each_typo_maps_to_the_species_it_misspells(shared_data: Path) -> None:
    typos = l06._typos(l06._dirty())
    assert {typo: l06._closest_species(typo) for typo in typos} == {
        "Iris-setossa": "Iris-setosa",
        "versicolor": "Iris-versicolor",
    }


def test_reference_cleaning_reproduces_olsons_clean_file(shared_data: Path) -> None:
    import pandas as pd

    from diveml.data import dataset_files

    olson = pd.read_csv(dataset_files("iris_dirty")["iris-data-clean.csv"])
    ours = l06._reference_clean()
    # Olson also dropped the setosa with a sepal narrower than 2.5 cm; the lesson keeps it.
    dropped = (ours["class"] == "Iris-setosa") & (ours["sepal_width_cm"] < 2.5)
    assert int(dropped.sum()) == len(ours) - len(olson) == 1
    kept = ours[~dropped].reset_index(drop=True)
    assert list(kept["class"]) == list(olson["class"])
    np.testing.assert_allclose(kept["sepal_length_cm"], olson["sepal_length_cm"])
    # He filled the missing widths before any split; the lesson leaves them to the pipeline.
    known = kept["petal_width_cm"].notna()
    np.testing.assert_allclose(
        kept.loc[known, "petal_width_cm"], olson.loc[known, "petal_width_cm"]
    )


def _reference_numbers() -> list[float]:
    """The scores a correct learner gets: the values no feedback may give away."""
    from sklearn.dummy import DummyClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.model_selection import cross_val_score, train_test_split
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline

    iris = l06._reference_clean()
    X, y = iris.drop(columns="class"), iris["class"]
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0
    )
    model = make_pipeline(SimpleImputer(strategy="median"), KNeighborsClassifier())
    cv = cross_val_score(model, X_train, y_train, cv=5)
    base = cross_val_score(DummyClassifier(), X_train, y_train, cv=5)
    test = model.fit(X_train, y_train).score(X_test, y_test)
    return [float(cv.mean()), float(base.mean()), float(test), *map(float, cv)]


@pytest.mark.parametrize("exercise", ["cross_validate", "baseline", "final_score"])
def test_feedback_on_wrong_answers_never_shows_the_expected_score(
    exercise: str, shared_data: Path
) -> None:
    shown = {f"{value:.3f}" for value in _reference_numbers()}
    shown |= {f"{value:.2f}" for value in _reference_numbers()}
    variants = [v for v in lesson_proof(LESSON).for_exercise(exercise) if v.variant != "solution"]
    assert variants
    for variant in variants:
        assert not [text for text in shown if text in variant.result.feedback], variant.explain()


def test_lesson_takes_a_learner_15_to_30_minutes_with_8_exercises() -> None:
    lesson = get_lesson(LESSON)
    assert lesson.minutes == 25
    assert list(lesson.exercises) == [
        "fix_class_names",
        "fix_units",
        "split_data",
        "build_pipeline",
        "cross_validate",
        "baseline",
        "final_score",
        "reflection",
    ]
