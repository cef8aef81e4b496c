"""Lesson 12's own facts: other right answers pass, and the data has the trap the text shows.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.lessons.exercises import l12_java_class_files as l12
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "12-java-class-files"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)


@pytest.fixture(autouse=True)
def _needs_the_data(shared_data: Path) -> None:
    """Every test here runs the lesson, whose data is fetched (../shared/data in tests)."""


@pytest.mark.parametrize(
    ("exercise", "code"),
    [
        ("flatten", "table = pd.json_normalize(docs, max_level=3)"),
        ("flatten", "table = pd.json_normalize(docs)"),
        (
            "count_methods",
            "n_methods = methods.map(lambda v: len(v) if isinstance(v, list) else 0)",
        ),
        ("count_methods", "n_methods = methods.fillna('').map(len)"),
        ("count_methods", "n_methods = [len(v) if isinstance(v, list) else 0 for v in methods]"),
        (
            "leaky_column",
            "leaky_column = table.columns[table.columns.str.endswith('file_name')][0]",
        ),
        ("library", 'library = class_name.map(lambda n: "/".join(n.split("/")[:2]))'),
        ("library", r'library = class_name.str.extract(r"^([^/]+(?:/[^/]+)?)")[0]'),
        ("seen_share", "seen_share = library_test.isin(set(library_train)).mean()"),
        (
            "seen_share",
            "seen_share = sum(lib in set(library_train) for lib in library_test) / len(library_test)",
        ),
        (
            "grouped_split",
            "from sklearn.model_selection import StratifiedGroupKFold\n"
            "grouped_cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)\n"
            "grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv, "
            "groups=library)",
        ),
        (
            "grouped_split",
            "from sklearn.model_selection import GroupShuffleSplit\n"
            "grouped_cv = GroupShuffleSplit(n_splits=5, test_size=0.25, random_state=0)\n"
            "grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv, "
            "groups=library)",
        ),
    ],
)
def test_other_right_answers_are_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.feedback


def test_the_file_name_column_spells_out_the_folder() -> None:
    table = l12._table()
    folders = table["metadata.file_name"].str.split("/").str[0]
    assert folders.value_counts().to_dict() == {"java_malicious": 520, "java_clean": 500}


def test_a_few_libraries_hold_most_benign_classes() -> None:
    # What exercises 4 and 5 rest on: the benign side is dominated by a few libraries.
    table = l12._table()
    library = l12._library(table[l12.JAVA + "class_name"])
    benign = library[table["metadata.file_name"].str.startswith("java_clean")]
    assert benign.value_counts().head(3).sum() > len(benign) / 2
