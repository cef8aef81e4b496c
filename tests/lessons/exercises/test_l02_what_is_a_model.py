"""Lesson 2's prose and checks rest on facts about the penguins; these tests keep them true.

The lesson's text says what the plots show (training accuracy climbs to 1.0 with depth, a
depth-1 tree names only two species, the held-out accuracy stops improving), and exercise 1
accepts a window of hand-picked thresholds. If a new palmerpenguins or scikit-learn release
changed any of that, these tests say which sentence to rewrite.
"""

from __future__ import annotations

import pytest

from diveml.lessons import get_lesson
from diveml.lessons._check import evaluate
from diveml.lessons.exercises import l02_what_is_a_model as l02


def _outcome(exercise: str, **namespace: object) -> str:
    return evaluate(get_lesson("02").exercises[exercise], namespace).outcome


def test_training_accuracy_rises_with_depth_to_every_penguin() -> None:
    frame = l02._penguins()
    scores = [l02._reference_tree(d).score(frame[l02.BILLS], frame["species"]) for d in l02.DEPTHS]
    assert scores == sorted(scores)
    assert scores[-1] == 1.0


def test_depth_one_tree_names_only_two_of_three_species() -> None:
    frame = l02._penguins()
    predicted = set(l02._reference_tree(1).predict(frame[l02.BILLS]))
    assert len(predicted) == 2
    assert frame["species"].nunique() == 3


def test_held_out_accuracy_stops_improving_before_the_deepest_tree() -> None:
    from sklearn.model_selection import train_test_split
    from sklearn.tree import DecisionTreeClassifier

    frame = l02._penguins()
    seen_x, hidden_x, seen_y, hidden_y = train_test_split(
        frame[l02.BILLS],
        frame["species"],
        test_size=1 / 3,
        random_state=0,
        stratify=frame["species"],
    )
    hidden, seen = [], []
    for depth in l02.DEPTHS:
        model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(seen_x, seen_y)
        hidden.append(model.score(hidden_x, hidden_y))
        seen.append(model.score(seen_x, seen_y))
    best = hidden.index(max(hidden))
    assert best < len(hidden) - 1
    assert max(hidden[best:]) == hidden[best]
    assert seen[-1] > hidden[-1]


@pytest.mark.parametrize(
    ("threshold", "outcome"),
    [(206, "correct"), (204, "correct"), (200, "incorrect"), (210, "incorrect")],
)
def test_hand_threshold_window_is_narrow_but_readable(threshold: float, outcome: str) -> None:
    assert _outcome("flipper_threshold", flipper_threshold=threshold) == outcome


def test_new_penguin_answer_differs_when_measurements_are_swapped() -> None:
    import pandas as pd

    tree = l02._reference_tree(2)
    normal = pd.DataFrame([l02.NEW_PENGUIN])
    swapped = pd.DataFrame(
        [
            {
                "bill_length_mm": l02.NEW_PENGUIN["bill_depth_mm"],
                "bill_depth_mm": l02.NEW_PENGUIN["bill_length_mm"],
            }
        ]
    )
    assert tree.predict(normal)[0] != tree.predict(swapped)[0]
