"""Lesson 15's own facts: other right answers pass, and the data shows what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import pytest

from diveml.lessons.exercises import l15_high_dimensions as l15
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "15-high-dimensions"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "add_noise",
            "def with_noise(X, n_noise, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    return np.concatenate([X, rng.normal(0, 1, (X.shape[0], n_noise))], axis=1)",
        ),
        (
            "knn_noise",
            "knn_scores = [np.mean(cross_val_score(make_pipeline(StandardScaler(), "
            "KNeighborsClassifier(n_neighbors=5)), with_noise(X, n), y, cv=cv)) "
            "for n in noise_columns]",
        ),
        (
            "distance_ratio",
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    near = np.where(np.eye(len(D), dtype=bool), np.inf, D).min(axis=1)\n"
            "    return float((near / D.max(axis=1)).mean())",
        ),
        ("parity", "def parity(bits):\n    return np.bitwise_xor.reduce(bits, axis=1)"),
        ("parity", "def parity(bits):\n    return bits.sum(axis=1) % 2 == 1"),
        (
            "learnable",
            "from sklearn.metrics import accuracy_score\n"
            "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
            "represent_score = accuracy_score(target, full_tree.predict(all_bits))\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "learn_score = accuracy_score(y_unseen, small_tree.predict(X_unseen))",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_noise_drowns_the_neighbours_more_than_the_tree() -> None:
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.tree import DecisionTreeClassifier

    knn = l15._knn_scores()
    assert list(knn) == sorted(knn, reverse=True)
    X, y = l15._cancer()
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    tree = DecisionTreeClassifier(max_depth=3, random_state=0)
    assert cross_val_score(tree, l15._noise(X, l15.NOISE[-1]), y, cv=cv).mean() > knn[-1]


def test_distances_concentrate_as_dimensions_grow() -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    ratios = [l15._ratios(rng.uniform(size=(200, d)))["right"] for d in (2, 10, 100, 1000)]
    assert ratios == sorted(ratios)
    assert ratios[-1] > 0.8


def test_parity_is_represented_but_not_learned_and_the_easy_target_is() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.tree import DecisionTreeClassifier

    bits = l15._all_bits()
    target = bits.sum(axis=1) % 2
    assert DecisionTreeClassifier(random_state=0).fit(bits, target).score(bits, target) == 1
    X_seen, X_unseen, y_seen, y_unseen = l15._parity_split()
    learned = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)
    assert learned.score(X_unseen, y_unseen) < 0.5  # "worse than a coin"
    assert LogisticRegression().fit(bits, target).score(bits, target) <= 0.6


def test_seeing_more_combinations_makes_the_tree_worse_on_parity_only() -> None:
    # The text under the last plot.
    from sklearn.model_selection import train_test_split
    from sklearn.tree import DecisionTreeClassifier

    bits = l15._all_bits()
    labels = {"parity": bits.sum(axis=1) % 2, "easy": bits[:, 0] & bits[:, 1]}
    curves: dict[str, list[float]] = {"parity": [], "easy": []}
    for size in (100, 300, 500, 700, 900):
        seen, unseen = train_test_split(range(len(bits)), train_size=size, random_state=0)
        for name, target in labels.items():
            tree = DecisionTreeClassifier(random_state=0).fit(bits[seen], target[seen])
            curves[name].append(tree.score(bits[unseen], target[unseen]))
    assert curves["parity"] == sorted(curves["parity"], reverse=True)
    assert min(curves["easy"]) > 0.95


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        ("add_noise", 'def with_noise(X, n_noise, seed=0):\n    return ["noise"] * 3'),
        ("knn_noise", 'knn_scores = ["good", "bad", None, {}]'),
        ("distance_ratio", 'def distance_ratio(points):\n    return "far"'),
        ("parity", 'def parity(bits):\n    return "odd"'),
        (
            "learnable",
            'full_tree = [1]\nrepresent_score = 1\nsmall_tree = None\nlearn_score = "0.3"',
        ),
    ],
)
def test_odd_answers_get_a_message_not_a_checker_bug(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome in {"incorrect", "raised"}, result.feedback
