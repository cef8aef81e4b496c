"""Leakage suspects are excluded from the study unless --keep names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.config import Settings
from diveml.data import load_dataset

from .conftest import quick_study

pytestmark = pytest.mark.usefixtures("shared_data")


@pytest.mark.slow  # several studies or fits: seconds each on two cores
def test_leaking_columns_are_excluded_and_reported(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("titanic")
    frame["rescued"] = frame["survived"].map({0: "no", 1: "yes"})  # a copy, relabelled
    frame["score"] = frame["survived"] * 10 + 3  # a transform
    r = quick_study(frame, "survived", tmp_path / "s", settings).result
    assert {"rescued", "score"} <= set(r["excluded_columns"])
    errors = {f["column"] for f in r["audit"]["findings"] if f["severity"] == "error"}
    assert {"rescued", "score"} <= errors
    assert {"rescued", "score"}.isdisjoint(r["features"]["numeric"] + r["features"]["categorical"])
    assert r["holdout"]["score"] < 0.95


def test_keep_overrides_a_leakage_exclusion(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("penguins")
    frame["species_code"] = frame["species"].str[:3]
    r = quick_study(frame, "species", tmp_path / "s", settings, keep=["species_code"]).result
    assert "species_code" in r["features"]["categorical"]
    assert "species_code" not in r["excluded_columns"]
