"""Lesson 10's own facts: other right answers pass, the data says what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.lessons.exercises import l10_malicious_domains as l10
from tests.lessons.run_answers import by_lesson, namespaces_before_exercises, outcome_of

LESSON = "10-malicious-domains"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.fixture(autouse=True)
def _needs_the_data(shared_data: Path) -> None:
    """Every test here runs the lesson, whose data is fetched (../shared/data in tests)."""


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        ("extract_names", 'names = domains["domain"].map(lambda d: d.split(".")[0])'),
        ("extract_names", 'names = domains["domain"].str.partition(".")[0]'),
        ("extract_names", 'names = domains["domain"].str.extract(r"^([^.]*)")[0]'),
        ("extract_names", 'names = [d.split(".", 1)[0] for d in domains["domain"]]'),
        (
            "entropy",
            "from scipy.stats import entropy as _e\n"
            "def entropy(text):\n    return _e(list(Counter(text).values()), base=2)",
        ),
        (
            "entropy",
            "def entropy(text):\n"
            "    _, counts = np.unique(list(text), return_counts=True)\n"
            "    p = counts / counts.sum()\n    return float(-(p * np.log2(p)).sum())",
        ),
        (
            "entropy",
            "def entropy(text):\n    total = 0.0\n    for ch in set(text):\n"
            "        p = text.count(ch) / len(text)\n        total -= p * math.log(p, 2)\n"
            "    return total",
        ),
        ("legit_names", 'legit_names = train[train["class"] == "legit"]["name"]'),
        ("legit_names", 'legit_names = train.query("`class` == \'legit\'")["name"].tolist()'),
        ("false_alarms", 'false_alarms = test[(predicted == "dga") & (test["class"] != "dga")]'),
        (
            "false_alarms",
            'false_alarms = test.loc[(test["class"] == "legit").to_numpy() & (predicted == "dga")]',
        ),
        (
            "false_alarm_rate",
            "from sklearn.metrics import confusion_matrix\n"
            'tn, fp, fn, tp = confusion_matrix(y_test, predicted, labels=["legit", "dga"]).ravel()\n'
            "false_alarm_rate = fp / (fp + tn)",
        ),
        ("false_alarm_rate", 'false_alarm_rate = (predicted[y_test == "legit"] == "dga").mean()'),
        (
            "score_new_names",
            'new_names = raw.map(lambda r: r.strip().lower().split(".")[0])\n'
            "new_predictions = model.predict(features(new_names)).tolist()",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_the_entropy_cases_tell_every_misconception_apart() -> None:
    # 'abab' comes first: it has repeats, so the per-occurrence and distinct-count mistakes
    # differ from the right value there, and its entropy is not 0 (a missing minus shows).
    first = l10.ENTROPY_CASES[0]
    assert l10._entropy(first) == 1.0
    assert l10._entropy("aaaa") == 0.0


def test_the_strip_misconception_is_visible_in_this_data() -> None:
    # `.str.strip(".com")` must differ from a split for the check to recognise it.
    domains = l10._domains()["domain"]
    stripped = domains.str.strip(".com")
    assert (stripped != domains.str.split(".").str[0]).any()
    assert not stripped.str.contains(".", regex=False).all()


def test_names_repeat_across_suffixes_and_the_lesson_keeps_each_once() -> None:
    train, test = l10._split()
    assert not set(train["name"]) & set(test["name"])
    domains = l10._domains()
    assert l10._name_of(domains["domain"]).duplicated().sum() > 0


def test_the_notebook_uses_the_split_the_checks_rebuild() -> None:
    namespace = namespaces_before_exercises(LESSON)["legit_names"]
    train, test = l10._split()
    assert namespace["train"].index.equals(train.index)
    assert namespace["test"]["name"].tolist() == test["name"].tolist()
