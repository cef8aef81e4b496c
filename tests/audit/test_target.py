"""Target checks and task inference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diveml.audit import audit, infer_task
from diveml.data import load_dataset
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError, TargetError

from .conftest import codes, finding


@pytest.mark.parametrize(
    ("values", "task"),
    [
        (["a", "b"] * 10, "binary"),
        ([True, False] * 10, "binary"),
        ([0, 1] * 10, "binary"),
        (["a", "b", "c"] * 10, "multiclass"),
        ([1, 2, 3, 4, 5] * 10, "multiclass"),
        ([1.0, 2.0, 3.0] * 10, "multiclass"),
        (list(range(30)), "regression"),
        ([0.5, 1.5, 2.25] * 10, "regression"),
    ],
)
def test_infer_task_from_the_target(values: list[object], task: str) -> None:
    assert infer_task(pd.Series(values))[0] == task


def test_few_distinct_integers_are_classes_and_the_finding_says_how_to_override(
    table: pd.DataFrame,
) -> None:
    table["rating"] = np.resize([1, 2, 3, 4], len(table))
    result = audit(table.drop(columns="y"), "rating")
    assert result.task == "multiclass"
    note = finding(result, "task_inferred", "rating")
    assert "4 distinct whole numbers, read as classes" in note.message
    assert "--task regression" in note.fix
    assert audit(table.drop(columns="y"), "rating", task="regression").task == "regression"


def test_target_absent_suggests_the_nearest_column(table: pd.DataFrame) -> None:
    with pytest.raises(
        ColumnNotFoundError, match=r"The target 'Y' is not a column.*Did you mean 'y'\?"
    ):
        audit(table, "Y")


def test_target_with_one_value_is_refused(table: pd.DataFrame) -> None:
    table["y"] = "yes"
    with pytest.raises(
        TargetError,
        match=r"target 'y' has only one value \('yes'\).*nothing to predict.*Choose another target",
    ):
        audit(table, "y")


def test_target_all_missing_is_refused(table: pd.DataFrame) -> None:
    table["y"] = np.nan
    with pytest.raises(
        TargetError, match=r"target 'y' is missing in all 300 rows.*choose a target column"
    ):
        audit(table, "y")


def test_class_with_fewer_rows_than_folds_names_class_count_and_fix(table: pd.DataFrame) -> None:
    table.loc[:2, "y"] = "maybe"
    with pytest.raises(
        TargetError,
        match=r"class 'maybe' of the target 'y' has only 3 row\(s\)\. The holdout needs at "
        r"least one.*Merge 'maybe' into a related class, or drop its rows to study the other 2 "
        r"classes \(df\[df\['y'\] != 'maybe'\]\)\.$",
    ):
        audit(table, "y")
    assert audit(table, "y", folds=3).task == "multiclass"


def test_very_rare_class_of_a_binary_target_gets_one_clear_message() -> None:
    frame = pd.DataFrame({"x": range(100), "y": ["yes"] * 3 + ["no"] * 97})
    with pytest.raises(TargetError) as caught:
        audit(frame, "y")
    message = str(caught.value)
    assert "class 'yes' of the target 'y' has only 3 row(s)" in message
    assert message.endswith(
        "This little data cannot support a study of 'y': collect more rows of 'yes' (a few "
        "dozen at least), then run the study again."
    )
    # neither fix that leads nowhere: removing 'yes' leaves one class; fewer folds still fail
    assert "remove the rows" not in message and "--folds" not in message


def test_rare_class_on_real_data_iris_dirty() -> None:
    # iris_dirty (the fetched UCI copy) has one row whose class is misspelled.
    frame = load_dataset("iris_dirty")
    with pytest.raises(
        TargetError,
        match=r"class 'Iris-setossa' .* only 1 row\(s\).*Merge 'Iris-setossa' into a related class",
    ):
        audit(frame, "class")


def test_imbalanced_target_is_warned(table: pd.DataFrame) -> None:
    table["y"] = ["rare" if i % 25 == 0 else "common" for i in range(len(table))]
    result = audit(table, "y")
    warning = finding(result, "imbalance", "y")
    assert warning.severity == "warning"
    assert "rarest class 'rare' is 4.0% of rows (12 of 300)" in warning.message
    assert "roc_auc" in warning.message


def test_missing_target_values_are_counted_and_warned(table: pd.DataFrame) -> None:
    table.loc[:9, "y"] = None
    result = audit(table, "y")
    assert result.target_missing_rows == 10
    warning = finding(result, "target_missing", "y")
    assert warning.severity == "warning"
    assert "missing in 10 of 300 rows" in warning.message
    assert "left out of the study" in warning.message


def test_infinite_target_is_refused(table: pd.DataFrame) -> None:
    table["y"] = np.linspace(0, 1, len(table))
    table.loc[5, "y"] = np.inf
    with pytest.raises(TargetError, match=r"target 'y' has 1 infinite value.*Remove those rows"):
        audit(table, "y")


@pytest.mark.parametrize(
    ("task", "error", "message"),
    [
        (
            "regression",
            TargetError,
            r"--task regression needs a numeric target.*Pass --task binary",
        ),
        (
            "classification",
            InvalidOptionError,
            r"--task classification is not a task.*binary, multiclass, regression",
        ),
    ],
)
def test_task_that_does_not_fit_the_target(
    table: pd.DataFrame, task: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        audit(table, "y", task=task)


def test_binary_task_on_three_classes_is_refused(table: pd.DataFrame) -> None:
    table["y"] = np.resize(["a", "b", "c"], len(table))
    with pytest.raises(
        TargetError, match=r"--task binary needs exactly 2 classes.*has 3.*--task multiclass"
    ):
        audit(table, "y", task="binary")


def test_classes_are_counted(table: pd.DataFrame) -> None:
    result = audit(table, "y")
    assert sum(result.classes.values()) == len(table)
    assert set(result.classes) == {"yes", "no"}
    assert codes(result, "y") >= {"task_inferred"}


def test_many_balanced_classes_are_not_imbalanced(table: pd.DataFrame) -> None:
    table["y"] = np.resize(list("abcdefghij"), len(table))
    assert "imbalance" not in codes(audit(table, "y"))


def test_messages_show_plain_values_not_numpy_reprs(table: pd.DataFrame) -> None:
    table["y"] = [1 if i % 25 == 0 else 0 for i in range(len(table))]
    table["flag"] = np.float64(0.0)
    result = audit(table, "y")
    assert "rarest class 1 is" in finding(result, "imbalance", "y").message
    assert "(0.0)" in finding(result, "constant", "flag").message
    assert all("np." not in f.message for f in result.findings)


def test_unused_categories_of_a_categorical_target_are_not_classes(table: pd.DataFrame) -> None:
    table["y"] = pd.Categorical(table["y"], categories=["yes", "no", "maybe"])
    result = audit(table, "y")
    assert result.task == "binary"
    assert set(result.classes) == {"yes", "no"}


@pytest.mark.parametrize(
    ("values", "fix"),
    [
        (["a", "b", "c"] * 10, "Nothing to do: text labels are classes."),
        ([0, 1] * 15, "Pass --task regression if the numbers are amounts, not classes."),
        ([float(i) / 7 for i in range(30)], "Pass --task multiclass if the numbers are labels"),
    ],
)
def test_inferred_task_offers_only_a_sensible_override(values: list[object], fix: str) -> None:
    frame = pd.DataFrame({"x": range(len(values)), "y": values})
    found = [f for f in audit(frame, "y", folds=2).findings if f.code == "task_inferred"]
    assert found and found[0].fix.startswith(fix)


def test_unique_text_finding_says_the_study_models_it_as_text() -> None:
    frame = pd.DataFrame(
        {"name": [f"person {i}" for i in range(40)], "y": [0, 1] * 20, "x": range(40)}
    )
    found = [f for f in audit(frame, "y").findings if f.code == "unique_text"]
    assert found and "The study models it as free text" in found[0].message
    assert found[0].severity == "info"
    assert "--drop name" in found[0].fix


def test_an_id_column_as_target_is_warned() -> None:
    frame = pd.DataFrame({"PassengerId": range(1, 101), "x": [i % 7 for i in range(100)]})
    found = [f for f in audit(frame, "PassengerId").findings if f.code == "target_is_id"]
    assert found and found[0].severity == "warning"
    assert "The target 'PassengerId' looks like a row identifier: 100 distinct values" in (
        found[0].message
    )
    assert "--id" in found[0].fix


def test_a_unique_amount_target_is_not_called_an_id() -> None:
    frame = pd.DataFrame({"price": [1.5 + i * 0.37 for i in range(100)], "x": range(100)})
    assert not [f for f in audit(frame, "price").findings if f.code == "target_is_id"]
