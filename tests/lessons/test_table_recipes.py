"""The table recipes name each pandas mistake of their family, on a small table of our own.

Each case runs a learner's line in a fresh namespace holding the table, then checks it with
an exercise built on the recipe, as a lesson would; the outcome and words are asserted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.lessons._check import evaluate, run_learner_code
from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

TABLE = pd.DataFrame(
    {
        "name": ["a", "b", "c", "d", "e", "f", "g"],
        "kind": ["x", "y", "x", "x", "y", "x", "x"],
        "size": [1.0, 5.0, 3.0, 3.0, np.nan, 8.0, 2.0],
        "age": [10.0, np.nan, 30.0, 20.0, np.nan, 60.0, 40.0],
    }
)
SMALL_X = (recipes.Condition("kind", "==", "x"), recipes.Condition("size", ">", 3))
HINT = ["Look at the table."]
lesson = Lesson(id="97-table-recipes", title="Table recipes under test", minutes=1)


@lesson.exercise(hints=HINT, wrong=recipes.filtered_wrongs("picked", "table", SMALL_X))
def picked(check: Check) -> str:
    "Rows of kind x with a size over 3."
    recipes.filtered(check, "picked", TABLE, SMALL_X, of="`table`")
    return "right rows"


@lesson.exercise(hints=HINT, wrong=recipes.top_rows_wrongs("top", "table", "size", 2))
def top(check: Check) -> str:
    "The two largest sizes."
    recipes.top_rows(check, "top", TABLE, "size", 2, of="`table`")
    return "right rows"


@lesson.exercise(hints=HINT, wrong=recipes.filled_wrongs("ages", "table['age']"))
def ages(check: Check) -> str:
    "Ages, gaps filled with the median."
    recipes.filled(check, "ages", TABLE["age"], how="median", values="ages")
    return "filled"


@lesson.exercise(hints=HINT, wrong=[Wrong("sizes = table['age']", message="the `age` column")])
def sizes(check: Check) -> str:
    "The size column."
    recipes.one_column(check, "sizes", TABLE, "size", of="`table`")
    return "column"


@lesson.exercise(hints=HINT, wrong=[Wrong("gaps = table.isna().sum(axis=1)", message="wrong axis")])
def gaps(check: Check) -> str:
    "Missing values per column."
    recipes.per_column(check, "gaps", TABLE.isna(), "sum", of="`table.isna()`")
    return "per column"


def outcome(exercise: str, code: str) -> tuple[str, str]:
    namespace: dict[str, Any] = {"table": TABLE.copy(), "pd": pd, "np": np}
    error = run_learner_code(code, namespace, "<answer>")
    assert error is None, error
    result = evaluate(lesson.exercises[exercise], namespace)
    return result.outcome, result.feedback


@pytest.mark.parametrize(
    ("exercise", "code", "words"),
    [
        ("picked", "picked = table[(table['kind'] == 'x') & (table['size'] > 3)]", "right rows"),
        ("top", "top = table.sort_values('size', ascending=False).head(2)", "right rows"),
        ("ages", "ages = table['age'].fillna(table['age'].median())", "filled"),
        ("sizes", "sizes = table['size']", "column"),
        ("gaps", "gaps = table.isna().sum()", "per column"),
    ],
)
def test_right_answers_pass(exercise: str, code: str, words: str) -> None:
    assert outcome(exercise, code) == ("correct", words)


@pytest.mark.parametrize(
    ("exercise", "code", "words"),
    [
        ("picked", "picked = (table['kind'] == 'x') & (table['size'] > 3)", "a mask"),
        ("picked", "picked = table[(table['kind'] == 'x') | (table['size'] > 3)]", "use `&`"),
        ("picked", "picked = table[(table['kind'] == 'x') & (table['size'] >= 3)]", "exactly 3"),
        ("picked", "picked = table[(table['kind'] == 'x') & (table['size'] < 3)]", "wrong way"),
        ("picked", "picked = table[(table['kind'] == 'X') & (table['size'] > 3)]", "capitals"),
        ("picked", "picked = table[table['size'] > 3]['size']", "a single column"),
        ("picked", "picked = table[table['kind'] == 'x']", "is more than 3"),
        ("picked", "picked = table[table == 'x']", "picked cells, not rows"),
        (
            "picked",
            "picked = table[(table['kind'] == 'x') & (table['size'] > 3)].reset_index()",
            "index was reset",
        ),
        ("top", "top = table.sort_values('size').head(2)", "2 smallest"),
        ("top", "top = table.sort_values('size').tail(2)", "NaN"),
        (
            "top",
            "top = table.sort_values('size').dropna(subset=['size']).tail(2)",
            "smallest first",
        ),
        ("top", "top = table.sort_values('size', ascending=False)", ".head(2)"),
        ("ages", "ages = table['age'].fillna(0)", "with 0"),
        ("ages", "ages = table['age'].fillna(table['age'].mean())", "the mean"),
        ("ages", "ages = table['age'].dropna()", "dropped"),
        ("ages", "ages = table['age'].ffill()", "neighbouring row"),
        (
            "ages",
            "ages = table['age'].copy()\nages.fillna(30, inplace=True)\nages = table['age']",
            "still has 2 gaps",
        ),
        ("ages", "ages = table['age'].median()", "single number"),
        ("sizes", "sizes = table['age']", "the `age` column"),
        ("sizes", "sizes = table[['size']]", "double brackets"),
        ("gaps", "gaps = table.isna().sum(axis=1)", "wrong axis"),
    ],
)
def test_each_mistake_gets_its_own_message(exercise: str, code: str, words: str) -> None:
    result, feedback = outcome(exercise, code)
    assert result == "incorrect", feedback
    assert words in feedback


def test_each_recipe_wrong_answer_gets_the_message_it_promises() -> None:
    for exercise in lesson.exercises.values():
        for wrong in exercise.wrong:
            result, feedback = outcome(exercise.name, wrong.code)
            assert result == wrong.outcome, (wrong.code, feedback)
            assert wrong.message in feedback, (wrong.code, feedback)


def test_a_condition_refuses_an_unknown_comparison() -> None:
    with pytest.raises(ValueError, match="must be one of"):
        recipes.Condition("size", "=>", 3)
