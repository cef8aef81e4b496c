"""diveml predict says what the model never saw: unseen categories, far-off numbers, ids."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diveml.config import Settings
from diveml.exceptions import InvalidOptionError
from diveml.study import predict
from diveml.study._novelty import find_novelties, training_profile
from tests.study.conftest import quick_study


def test_profile_and_novelties() -> None:
    train = pd.DataFrame({"x": [0.0, 10.0, 5.0], "c": ["a", "b", None]})
    meta = {"profile": training_profile(train, ["x"], ["c"])}
    assert meta["profile"] == {"categories": {"c": ["a", "b"]}, "ranges": {"x": [0.0, 10.0]}}
    new = pd.DataFrame({"x": [10.5, 50.0, -3.0], "c": ["zz", "a", "zz"]})
    found = {n.kind: n for n in find_novelties(new, meta)}
    assert found["unseen_category"].rows == 2 and found["unseen_category"].values == ["zz"]
    assert (
        "Column 'c': 2 row(s) hold values never seen in training ('zz')"
        in found["unseen_category"].message()
    )
    # 10.5 is within 10% of the range's width: not flagged; 50 and -3 are
    assert found["out_of_range"].rows == 2 and found["out_of_range"].values == [50.0, -3.0]
    assert "far outside the training range [0, 10]" in found["out_of_range"].message()


@pytest.fixture
def model(tmp_path: Path, settings: Settings) -> Path:
    train = pd.DataFrame(
        {"key": range(80), "x": [i % 9 for i in range(80)], "c": ["a", "b", "c", "d"] * 20}
    )
    train["y"] = [int(i % 3 == 0 or i % 4 == 1) for i in range(80)]  # c alone does not tell
    quick_study(train, "y", tmp_path / "s", settings)
    return tmp_path / "s" / "model.skops"


def test_predict_names_unseen_values_and_keeps_ids(model: Path) -> None:
    new = pd.DataFrame({"key": [7, 8, 9], "x": [1, 400, 2], "c": ["a", "e", "e"]})
    result = predict(model, new, ids=["key"])
    assert list(result.columns[:2]) == ["key", "prediction"]
    assert result["key"].tolist() == [7, 8, 9]
    assert result["unseen"].tolist() == [
        "",
        "c: unseen category; x: outside the training range",
        "c: unseen category",
    ]
    kinds = {n["kind"]: n for n in result.attrs["novelties"]}
    assert kinds["unseen_category"]["values"] == ["e"] and kinds["unseen_category"]["rows"] == 2
    assert kinds["out_of_range"]["values"] == [400.0]


def test_predict_without_novelties_has_no_unseen_column(model: Path) -> None:
    result = predict(model, pd.DataFrame({"key": [1], "x": [3], "c": ["b"]}))
    assert "unseen" not in result.columns and result.attrs["novelties"] == []


def test_predict_id_with_duplicates_is_refused(model: Path) -> None:
    new = pd.DataFrame({"key": [1, 1], "x": [1, 2], "c": ["a", "b"]})
    with pytest.raises(InvalidOptionError, match=r"ids=\['key'\] does not identify the rows"):
        predict(model, new, ids=["key"])
