"""Comparing two studies: only what differs, inputs first, timings counted but hidden."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from diveml.web._compare import compare, flatten


def record(study_id: str, **result: object) -> dict[str, object]:
    return {"id": study_id, "created_at": study_id, "times_scored": 1, "result": result}


def test_flatten_keys_lists_of_named_rows_by_name() -> None:
    flat = flatten({"ladder": [{"name": "linear", "cv_mean": 0.5, "cv_scores": [0.4, 0.6]}]})
    assert flat == {"ladder.linear.cv_mean": 0.5, "ladder.linear.cv_scores": [0.4, 0.6]}


def test_only_differences_are_listed_inputs_first() -> None:
    a = record(
        "a",
        settings={"folds": 5},
        ladder=[{"name": "linear", "cv_mean": 0.5, "fit_seconds": 0.1}],
        target="y",
        timings={"total_seconds": 3.0},
    )
    b = record(
        "b",
        settings={"folds": 3},
        ladder=[{"name": "linear", "cv_mean": 0.6, "fit_seconds": 0.2}],
        target="y",
        timings={"total_seconds": 4.0},
    )
    diff = compare(a, b)
    assert diff.rows == [("settings.folds", "5", "3"), ("ladder.linear.cv_mean", "0.5", "0.6")]
    assert diff.timing == 2  # fit_seconds and timings.total_seconds: hidden, counted
    assert diff.equal == 2  # target and ledger.times_scored


def test_a_missing_result_is_named_and_its_fields_show_as_absent() -> None:
    a = record("a", target="y")
    b = {"id": "b", "result": None}
    diff = compare(a, b)
    assert diff.missing_result == ["b"]
    assert ("target", "y", "(absent)") in diff.rows
