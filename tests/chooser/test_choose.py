"""The cheat-sheet walk: answers come from the table's numbers, ends where the sheet does."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from diveml.chooser import Facts, choose, sheet
from diveml.chooser._choose import _walk
from diveml.cli import app
from diveml.data import load_dataset
from diveml.exceptions import ColumnNotFoundError
from diveml.lessons import all_lessons, get_lesson
from tests.helpers import flat

runner = CliRunner()


def facts(**changes: object) -> Facts:
    base = dict(
        data="t.csv",
        name="t.csv",
        rows=1000,
        labelled_rows=1000,
        target="y",
        task="binary",
        task_reason="it holds 2 distinct values",
        classes=2,
        features=4,
        feature_kinds={"numeric": 4},
        text_columns=(),
        excluded={},
    )
    return Facts(**(base | changes))  # type: ignore[arg-type]


def tried(f: Facts) -> list[str]:
    return [s.text for s in _walk(f) if s.kind == "try"]


def test_the_sheet_is_well_formed_and_names_real_things() -> None:
    tree = sheet()
    assert tree["start"] in tree["question"]
    for leaf in tree["leaf"].values():
        for path in leaf["estimators"]:
            module, name = path.rsplit(".", 1)
            assert hasattr(importlib.import_module(module), name), path
        for lesson in leaf["lessons"]:
            get_lesson(lesson)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ["Linear SVC", "KNeighbors Classifier", "SVC, Ensemble Classifiers"]),
        ({"rows": 40, "labelled_rows": 40}, ["Get more data"]),
        ({"rows": 200_000, "labelled_rows": 200_000}, ["SGD Classifier", "Kernel approximation"]),
        (
            {"text_columns": ("a", "b", "c"), "feature_kinds": {"text": 3, "numeric": 1}},
            ["Linear SVC", "Naive Bayes"],
        ),
        (
            {"task": "regression", "task_reason": "it holds 900 distinct numbers"},
            ["RidgeRegression, SVR(kernel='linear')", "SVR(kernel='rbf'), Ensemble Regressors"],
        ),
        ({"task": "regression", "rows": 150_000, "labelled_rows": 150_000}, ["SGD Regressor"]),
        (
            {"target": None, "task": None, "labelled_rows": 0},
            ["Randomized PCA", "Isomap, Spectral Embedding", "LLE"],
        ),
    ],
)
def test_the_walk_ends_where_the_sheet_does(
    changes: dict[str, object], expected: list[str]
) -> None:
    assert tried(facts(**changes)) == expected


def test_one_text_column_in_a_table_is_not_text_data() -> None:
    steps = _walk(facts(text_columns=("name",), feature_kinds={"numeric": 3, "text": 1}))
    text = next(s for s in steps if s.text == "Text data?")
    assert text.answer == "no"
    assert "only 1 of 4 feature columns hold free text ('name')" in text.evidence


def test_penguins_answers_quote_the_tables_numbers() -> None:
    frame = load_dataset("penguins")
    choice = choose("penguins")
    questions = {s.text: s for s in choice.steps if s.kind == "question"}
    n = int(frame["species"].notna().sum())
    assert questions["More than 50 samples?"].evidence == f"{n:,} rows with a value in 'species'"
    assert questions["Predicting a category?"].evidence.endswith(
        f"it holds {frame['species'].nunique()} distinct labels"
    )
    assert questions["Fewer than 100K samples?"].answer == "yes"
    assert choice.facts.features == frame.shape[1] - 1
    assert choice.command == "diveml study penguins --target species"
    path = [lesson.id for lesson in all_lessons()]
    assert list(choice.lessons) == sorted(choice.lessons, key=path.index)
    # Where the sheet is dated, the walk says what the study does instead.
    linear = choice.recommended[0]
    assert linear.text == "Linear SVC" and linear.dated and "logistic regression" in linear.study


def test_a_regression_file_with_missing_targets(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=120), "z": rng.normal(size=120)})
    frame["price"] = frame["x"] * 3 + rng.normal(size=120)
    frame.loc[:9, "price"] = np.nan
    path = tmp_path / "my table.csv"
    frame.to_csv(path, index=False)
    choice = choose(str(path), "price")
    first = choice.steps[0]
    assert first.evidence == "110 rows with a value in 'price'"
    assert choice.recommended[0].text.startswith("RidgeRegression")
    assert choice.command == f"diveml study '{path}' --target price"


def test_no_target_looks_at_structure(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    pd.DataFrame({"a": range(80), "b": [i % 3 for i in range(80)]}).to_csv(path, index=False)
    choice = choose(str(path))
    assert choice.command is None
    assert choice.recommended[0].text == "Randomized PCA"
    assert any("pass target='COLUMN'" in note for note in choice.notes)  # Python's spelling


def test_a_wrong_target_gets_the_nearest_names() -> None:
    with pytest.raises(
        ColumnNotFoundError, match=r"The target 'Species' .*Did you mean 'species'\?"
    ):
        choose("penguins", "Species")


def test_cli_prints_the_walk_and_the_command() -> None:
    result = runner.invoke(app, ["choose", "penguins"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "More than 50 samples? yes: 344 rows with a value in 'species'" in out
    assert "-> Linear SVC (LinearSVC)" in out and "dated:" in out
    assert "Try them, honestly: diveml study penguins --target species" in out
    assert "diveml learn 5" in out


def test_cli_json_and_a_missing_file() -> None:
    data = json.loads(runner.invoke(app, ["choose", "penguins", "--json"]).stdout)
    assert data["facts"]["rows"] == 344
    assert data["recommended"][0] == "sklearn.svm.LinearSVC"
    missing = runner.invoke(app, ["choose", "no-such-file.csv", "--target", "y"])
    assert missing.exit_code == 1
    assert "Traceback" not in missing.output
    assert "no-such-file.csv" in flat(missing.stderr)
