"""Kaggle-style files: predict an unlabelled TEST table and write submission.csv.

A competition gives a labelled TRAIN file and an unlabelled TEST file with an id column;
the submission holds exactly the id and the target, one row per TEST row. The study's
score comes from its own locked holdout, cut from TRAIN: the TEST rows have no labels, so
nothing here scores them. Also the id handling of ``predict(..., ids=...)``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from diveml.exceptions import (
    ColumnMismatchError,
    ColumnNotFoundError,
    InvalidOptionError,
    option,
)

__all__ = ["NO_SCORE", "SUBMISSION", "Submission", "check_ids", "check_test", "write_submission"]

SUBMISSION = "submission.csv"
SUBMISSION_NOTES = "submission.json"
NO_SCORE = (
    "The TEST rows have no labels, so no score comes from them: the study's holdout score "
    "is the honest estimate of how the submission will do."
)


@dataclasses.dataclass
class Submission:
    """What writing the submission did: its file, rows, columns and what it noted."""

    path: Path
    rows: int
    columns: list[str]
    notes: list[str]
    novelties: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path.name,
            "rows": self.rows,
            "columns": self.columns,
            "scored": False,
            "why_not_scored": NO_SCORE,
            "notes": self.notes,
            "novelties": self.novelties,
        }


def check_ids(frame: pd.DataFrame, ids: Sequence[str], source: str) -> None:
    """Refuse id columns that are missing from ``frame`` or repeat a value."""
    columns = [str(c) for c in frame.columns]
    for column in ids:
        if column not in frame.columns:
            raise ColumnNotFoundError(
                column, columns, option=f"{option('ids', bare=True)} column of {source!r},"
            )
    if not ids:
        return
    key = frame[list(ids)]
    repeated = key.duplicated(keep=False)
    if repeated.any():
        examples = key[repeated].drop_duplicates().head(3)
        shown = ", ".join(
            repr(row[0] if len(ids) == 1 else tuple(row))
            for row in examples.itertuples(index=False)
        )
        raise InvalidOptionError(
            f"{option('ids', list(ids))} does not identify the rows of {source!r}: "
            f"{int(repeated.sum())} rows share a value with another row (e.g. {shown}). Name "
            "a column with a different value in every row, or several columns that together "
            f"have one (several in {option('ids', bare=True)})."
        )


def _column_diff(train: list[str], test: list[str]) -> str:
    missing = [c for c in train if c not in test]
    extra = [c for c in test if c not in train]
    return f"in TRAIN but not in TEST: {missing!r}; in TEST but not in TRAIN: {extra!r}"


def check_test(
    train_columns: list[str],
    test: pd.DataFrame,
    test_name: str,
    target: str,
    ids: Sequence[str],
    *,
    proba: bool,
    task: str | None,
) -> list[str]:
    """Check the TEST table before anything is fitted; return notes for the user.

    The TEST table must have TRAIN's columns, less the target; its ``ids`` must exist and
    identify its rows. A target column in TEST is ignored, with a note.
    """
    if not ids:
        raise InvalidOptionError(
            f"{option('test', bare=True)} needs {option('ids', ['COLUMN'])}: a submission is keyed "
            f"by the TEST table's id column (e.g. {option('ids', ['PassengerId'])}). Name it with "
            f"{option('ids', bare=True)}."
        )
    if proba and task == "regression":
        raise InvalidOptionError(
            f"{option('proba', bare=True)} applies to classification; {target!r} is a regression target, whose "
            f"submission is the predicted value itself. Leave {option('proba', bare=True)} out."
        )
    check_ids(test, ids, test_name)
    test_columns = [str(c) for c in test.columns]
    expected = [c for c in train_columns if c != target]
    missing = [c for c in expected if c not in test_columns]
    extra = [c for c in test_columns if c not in train_columns]
    if missing or extra:
        raise ColumnMismatchError(
            f"The columns of the TEST table {test_name!r} differ from TRAIN's "
            f"({_column_diff(expected, test_columns)}). A TEST file must have TRAIN's columns "
            "without the target; check that it is the matching file, or rename the columns."
        )
    if target in test_columns:
        return [
            f"The TEST table {test_name!r} holds the target column {target!r}; it is ignored "
            "(the model never sees it and nothing is scored on it): the study's holdout is "
            "the honest score."
        ]
    return []


def write_submission(
    pipeline: Any,
    meta: dict[str, Any],
    train_columns: list[str],
    test: pd.DataFrame,
    test_name: str,
    ids: Sequence[str],
    out_dir: Path,
    *,
    proba: bool = False,
) -> Submission:
    """Predict the TEST rows with the study's model and write submission.csv beside it.

    ``train_columns`` are the columns of the TRAIN table (target included); the TEST table
    is checked against them by :func:`check_test` (again, so this also works on its own).
    """
    from diveml.study._model import check_columns
    from diveml.study._novelty import find_novelties

    target = str(meta["target"])
    task = str(meta["task"])
    notes = check_test(train_columns, test, test_name, target, ids, proba=proba, task=task)
    X = check_columns(test, meta, test_name)
    novelties = [n.to_dict() for n in find_novelties(X, meta)]
    table = test[list(ids)].reset_index(drop=True).copy()
    classes = list(getattr(pipeline, "classes_", []))
    if not proba:
        table[target] = pipeline.predict(X)
    elif len(classes) == 2:
        table[target] = pipeline.predict_proba(X)[:, 1]
        notes.append(f"{target!r} is the probability of the class {classes[1]!r}.")
    else:
        probabilities = pipeline.predict_proba(X)
        for index, label in enumerate(classes):
            table[str(label)] = probabilities[:, index]
    path = out_dir / SUBMISSION
    partial = path.with_name(f".{path.name}.partial")
    try:
        table.to_csv(partial, index=False)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    submission = Submission(path, len(table), [str(c) for c in table.columns], notes, novelties)
    (out_dir / SUBMISSION_NOTES).write_text(
        json.dumps(submission.to_dict(), indent=2, default=str) + "\n", encoding="utf-8"
    )
    return submission
