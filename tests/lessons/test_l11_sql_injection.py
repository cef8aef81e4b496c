"""Lesson 11's own facts: other right answers pass, and the data has what the text claims.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.lessons.exercises import l11_sql_injection as l11
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "11-sql-injection"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)
PIPE = "from sklearn.feature_extraction.text import CountVectorizer\n"


@pytest.fixture(autouse=True)
def _needs_the_data(shared_data: Path) -> None:
    """Every test here runs the lesson, whose data is fetched (../shared/data in tests)."""


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        ("count_repeats", 'n_repeats = len(sql_all) - sql_all["raw_sql"].nunique()'),
        ("count_repeats", 'n_repeats = int(sql_all.duplicated("raw_sql").sum())'),
        (
            "split_data",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, "
            "stratify=y, random_state=0, shuffle=True)",
        ),
        (
            "build_model",
            PIPE + 'model = make_pipeline(CountVectorizer(analyzer="char", ngram_range=(1, 3), '
            "min_df=5), LogisticRegression(max_iter=2000)).fit(X_train, y_train)",
        ),
        (
            "build_model",
            "from sklearn.pipeline import Pipeline\n"
            'model = Pipeline([("grams", TfidfVectorizer(analyzer="char_wb", '
            'ngram_range=(2, 4), min_df=5)), ("clf", LogisticRegression(C=10, max_iter=1000))])\n'
            "model.fit(X_train, y_train)",
        ),
        ("pick_threshold", 'threshold = np.quantile(legit_oof, 0.99, method="higher")'),
        ("pick_threshold", "threshold = float(np.percentile(legit_oof, 99))"),
        (
            "test_rates",
            "proba = model.predict_proba(X_test)\n"
            'test_scores = proba[:, model.classes_ == "malicious"].ravel()\n'
            "from sklearn.metrics import confusion_matrix\n"
            'guess = np.where(test_scores > threshold, "malicious", "legit")\n'
            'tn, fp, fn, tp = confusion_matrix(y_test, guess, labels=["legit", "malicious"]).ravel()\n'
            "test_fpr, test_recall = fp / (fp + tn), tp / (tp + fn)",
        ),
        (
            "deployed_precision",
            "N = 1_000_000\nattacks = N * INJECTION_RATE\n"
            "alarms_real = attacks * test_recall\nalarms_false = (N - attacks) * test_fpr\n"
            "deployed_precision = alarms_real / (alarms_real + alarms_false)",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_every_repeat_is_an_injection_string_and_removing_them_keeps_the_legit_rows() -> None:
    frame = l11._all()
    repeated = frame[frame["raw_sql"].duplicated(keep=False)]
    assert set(repeated["type"]) == {"malicious"}
    assert (frame.drop_duplicates("raw_sql")["type"] == "legit").sum() == 1003


def test_the_split_has_no_string_on_both_sides() -> None:
    X_train, X_test, _, _ = l11._split()
    assert not set(X_train) & set(X_test)


def test_an_unstratified_split_is_told_apart_from_the_stratified_one() -> None:
    # The check recognises `stratify` left out by its rows: they must differ here.
    from sklearn.model_selection import train_test_split

    sql = l11._all().drop_duplicates("raw_sql")
    plain = train_test_split(sql["raw_sql"], test_size=0.25, random_state=0)[1]
    assert not plain.index.equals(l11._split()[1].index)
