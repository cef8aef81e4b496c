"""Lesson 18's own facts: other right answers pass, and the network does what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from diveml.lessons.exercises import l18_a_bridge_to_deep_learning as l18
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "18-a-bridge-to-deep-learning"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)
_HIDDEN = "hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
_SCORES = "scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]\n"


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        (
            "linear_model",
            "linear = LogisticRegression(max_iter=1000)\nlinear.fit(X_train, y_train)\n"
            "linear_score = (linear.predict(X_test) == y_test).mean()",
        ),
        (
            "mlp",
            "mlp = MLPClassifier(hidden_layer_sizes=32, max_iter=200, random_state=0)"
            ".fit(X_train, y_train)\nfrom sklearn.metrics import accuracy_score\n"
            "mlp_score = accuracy_score(y_test, mlp.predict(X_test))",
        ),
        ("count_parameters", "n_parameters = sum(a.size for a in mlp.coefs_ + mlp.intercepts_)"),
        (
            "training_curves",
            "from sklearn.metrics import accuracy_score\n"
            "train_curve, val_loss = [], []\nfor _ in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
            "    train_curve.append(accuracy_score(y_fit, net.predict(X_fit)))\n"
            "    val_loss.append(log_loss(y_val, net.predict_proba(X_val), labels=CLASSES))",
        ),
        ("best_epoch", "best_epoch = val_loss.index(min(val_loss)) + 1"),
        (
            "choose_alpha",
            "alpha_losses = [log_loss(y_val, MLPClassifier(hidden_layer_sizes=(64,), alpha=a, "
            "learning_rate_init=0.01, batch_size=20, max_iter=EPOCHS, random_state=0)"
            ".fit(X_fit, y_fit).predict_proba(X_val)) for a in ALPHAS]\n"
            "best_alpha = ALPHAS[alpha_losses.index(min(alpha_losses))]",
        ),
        (
            "forward_pass",
            "from scipy.special import softmax\n"
            + _HIDDEN
            + _SCORES
            + "by_hand = softmax(scores, axis=1)",
        ),
        (
            "forward_pass",
            _HIDDEN + _SCORES + "shifted = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "by_hand = shifted / shifted.sum(axis=1, keepdims=True)",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_the_network_beats_the_linear_model_with_several_times_its_parameters() -> None:
    _, _, _, X_test, _, y_test = l18._data()
    mlp = l18._reference("mlp", "train")
    linear = l18._reference("linear", "train")
    assert mlp.score(X_test, y_test) > linear.score(X_test, y_test)
    n_mlp = sum(w.size for w in mlp.coefs_) + sum(b.size for b in mlp.intercepts_)
    assert n_mlp > 3 * (linear.coef_.size + linear.intercept_.size)


def test_the_validation_loss_turns_up_while_the_training_rows_are_all_learned() -> None:
    # The text under the training curves: training loss falls towards 0, every fit row is
    # right, and the validation loss falls first, then rises.
    curves = l18._curves()
    best = int(np.argmin(curves["val_loss"]))
    assert 0 < best < l18.EPOCHS - 10
    assert curves["val_loss"][-1] > curves["val_loss"][best] + 0.01
    assert curves["fit_acc"][-1] == 1.0
    assert curves["training_loss"][-1] < curves["training_loss"][0] / 10


def test_an_alpha_in_between_is_best() -> None:
    losses = l18._alpha_losses()["val"]
    assert 0 < int(np.argmin(losses)) < len(l18.ALPHAS) - 1
