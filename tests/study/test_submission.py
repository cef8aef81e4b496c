"""Kaggle-style --test/--id: submission.csv, and every way the TEST file can be wrong."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diveml.config import Settings
from diveml.exceptions import ColumnMismatchError, ColumnNotFoundError, InvalidOptionError
from diveml.study._submission import NO_SCORE
from tests.study.conftest import quick_study


def test_titanic_kaggle_submission(tmp_path: Path, settings: Settings, shared_data: Path) -> None:
    test = shared_data / "titanic" / "test.csv"
    s = quick_study(
        shared_data / "titanic" / "train.csv",
        "Survived",
        tmp_path / "s",
        settings,
        test=str(test),
        ids=["PassengerId"],
    )
    written = pd.read_csv(tmp_path / "s" / "submission.csv")
    assert list(written.columns) == ["PassengerId", "Survived"]
    assert written["PassengerId"].tolist() == pd.read_csv(test)["PassengerId"].tolist()
    assert set(written["Survived"]) <= {0, 1}
    assert s.submission is not None and s.submission.to_dict()["why_not_scored"] == NO_SCORE
    assert "no labels, so no score comes from them" in NO_SCORE


def test_probabilities_with_proba(tmp_path: Path, settings: Settings, shared_data: Path) -> None:
    quick_study(
        shared_data / "titanic" / "train.csv",
        "Survived",
        tmp_path / "s",
        settings,
        test=str(shared_data / "titanic" / "test.csv"),
        ids=["PassengerId"],
        proba=True,
    )
    written = pd.read_csv(tmp_path / "s" / "submission.csv")
    assert list(written.columns) == ["PassengerId", "Survived"]
    assert written["Survived"].between(0, 1).all() and written["Survived"].nunique() > 2


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    train = pd.DataFrame(
        {"key": range(60), "x": [i % 7 for i in range(60)], "c": ["a", "b", "c"] * 20}
    )
    train["y"] = [i % 2 for i in range(60)]
    test = train.drop(columns="y").head(10).assign(key=range(100, 110))
    return train, test


@pytest.mark.parametrize(
    ("change", "ids", "error", "message"),
    [
        (
            lambda t: t.drop(columns="c").assign(z=1),
            ["key"],
            ColumnMismatchError,
            r"differ from TRAIN's \(in TRAIN but not in TEST: \['c'\]; in TEST but not in "
            r"TRAIN: \['z'\]\)",
        ),
        (
            lambda t: t,
            ["kee"],
            ColumnNotFoundError,
            r"The ids column of 'dataframe', 'kee' is not a column.*Did you mean 'key'\?",
        ),
        (
            lambda t: t.assign(key=[1, 1, 2, 3, 4, 5, 6, 7, 8, 8]),
            ["key"],
            InvalidOptionError,
            r"ids=\['key'\] does not identify the rows.*4 rows share a value.*e.g. 1, 8",
        ),
        (lambda t: t, [], InvalidOptionError, r"test needs ids=\['COLUMN'\]"),
    ],
    ids=["columns-differ", "id-missing", "id-duplicates", "no-id"],
)
def test_bad_test_tables_fail_before_any_fit(
    tmp_path: Path,
    settings: Settings,
    change: object,
    ids: list[str],
    error: type[Exception],
    message: str,
) -> None:
    train, test = _frames()
    with pytest.raises(error, match=message):
        quick_study(train, "y", tmp_path / "s", settings, test=change(test), ids=ids)  # type: ignore[operator]
    # nothing was fitted or written (the folder itself may be made when --out is checked)
    assert not (tmp_path / "s" / "study.json").exists()
    assert not (tmp_path / "s" / "model.skops").exists()


def test_target_in_test_is_ignored_and_said(tmp_path: Path, settings: Settings) -> None:
    train, test = _frames()
    s = quick_study(train, "y", tmp_path / "s", settings, test=test.assign(y=1), ids=["key"])
    assert s.submission is not None
    assert any(
        "holds the target column 'y'; it is ignored" in n
        and "the study's holdout is the honest score" in n
        for n in s.submission.notes
    )
    assert list(pd.read_csv(tmp_path / "s" / "submission.csv").columns) == ["key", "y"]


def test_id_without_test_is_refused(tmp_path: Path, settings: Settings) -> None:
    train, _ = _frames()
    with pytest.raises(InvalidOptionError, match=r"ids goes with test='TEST'"):
        quick_study(train, "y", tmp_path / "s", settings, ids=["key"])
