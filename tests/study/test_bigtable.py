"""A table too big to load: read in parts, a hash-drawn sample studied, every row counted.

The limit is lowered here so that a small Parquet file counts as big; the same code reads
a file of hundreds of millions of rows (bench/RESULTS.md, the scale section).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.config import Settings
from diveml.study import _bigtable, study
from diveml.study._bigtable import draw_table


def _parquet(path: Path, n: int = 3000) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "x1": rng.normal(size=n),
            "x2": rng.normal(size=n),
            "colour": rng.choice(["red", "green", "blue"], size=n),
        }
    )
    frame.loc[rng.choice(n, 40, replace=False), "x2"] = np.nan
    signal = frame["x1"] - frame["x2"].fillna(0) + rng.normal(scale=0.8, size=n)
    frame["label"] = np.where(signal > 0, "yes", "no")
    frame.to_parquet(path, row_group_size=400)
    return frame


def test_the_sample_is_the_same_on_both_readers_and_every_row_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask")
    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    frame = _parquet(tmp_path / "t.parquet")
    local = draw_table(tmp_path / "t.parquet", len(frame), "label", False, 3, False)
    spread = draw_table(tmp_path / "t.parquet", len(frame), "label", False, 3, True)
    pd.testing.assert_frame_equal(local.frame, spread.frame)
    assert 850 < len(local.frame) < 1150  # about STUDY_ROWS rows
    assert local.info["whole_table"] == spread.info["whole_table"]
    whole = local.info["whole_table"]
    assert whole["missing"]["x2"] == 40 and whole["missing"]["x1"] == 0
    assert whole["target"] == frame["label"].value_counts().sort_index().to_dict()
    assert "8 partitions, in parallel" in spread.info["how_read"]


def test_a_big_table_studied_on_dask_gives_the_local_numbers(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from diveml.study._dask import DaskEngine

    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    _parquet(tmp_path / "t.parquet")
    data = str(tmp_path / "t.parquet")
    options: dict[str, Any] = {"settings": settings, "budget": 1, "folds": 3}
    here = study(data, "label", out=tmp_path / "local", **options)
    with DaskEngine(workers=2) as engine:
        there = study(data, "label", out=tmp_path / "dask", engine=engine, **options)
    a, b = here.result, there.result
    assert a["table"]["rows"] == 3000 and a["data"]["rows"] == a["table"]["drawn_rows"]
    assert a["data"]["fingerprint"] == b["data"]["fingerprint"]
    assert a["split"]["holdout_fingerprint"] == b["split"]["holdout_fingerprint"]
    assert [r["cv_scores"] for r in a["ladder"]] == [r["cv_scores"] for r in b["ladder"]]
    assert a["chosen"] == b["chosen"]
    for key in ("score", "ci_low", "ci_high"):
        assert a["holdout"][key] == b["holdout"][key]
    assert "The table has 3,000 rows" in a["sampling"]["note"]
    assert "in parallel on the cluster" in b["sampling"]["note"]
