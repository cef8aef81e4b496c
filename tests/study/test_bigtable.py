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


def _csv(path: Path, n: int = 3000) -> pd.DataFrame:
    """A CSV whose parts would each guess other types: whole numbers first, decimals later."""
    rng = np.random.default_rng(8)
    frame = pd.DataFrame(
        {
            "count": rng.integers(0, 50, size=n).astype(float),
            "x": rng.normal(size=n),
            "colour": rng.choice(["red", "green", "blue"], size=n).astype(object),
            "code": rng.integers(0, 9, size=n).astype(object),
        }
    )
    frame.loc[n - n // 6 :, "count"] += 0.5  # decimals only in the last part
    frame.loc[n - 100, "code"] = "x9"  # text only in the last part
    frame.loc[rng.choice(n, 30, replace=False), "colour"] = np.nan
    frame["price"] = frame["x"] * 3 + frame["count"] + rng.normal(size=n)
    frame.to_csv(path, index=False)
    return frame


def test_a_big_csv_is_read_in_parts_and_gives_its_parquet_copys_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    monkeypatch.setattr(_bigtable, "BATCH_ROWS", 500)  # 6 parts
    _csv(tmp_path / "t.csv")
    whole = pd.read_csv(tmp_path / "t.csv")  # the file as one read sees it
    whole.to_parquet(tmp_path / "t.parquet", row_group_size=700)
    rows, types = _bigtable.csv_types(tmp_path / "t.csv", {})
    assert rows == 3000
    assert types == {str(c): str(t) for c, t in whole.dtypes.items()}
    parts = _bigtable.draw_csv(tmp_path / "t.csv", rows, types, "price", 3, {})
    copy = draw_table(tmp_path / "t.parquet", rows, "price", True, 3, False)
    pd.testing.assert_frame_equal(parts.frame, copy.frame)
    assert 850 < len(parts.frame) < 1150
    assert parts.info["whole_table"] == copy.info["whole_table"]
    assert parts.info["whole_table"]["missing"]["colour"] == 30
    assert "read as CSV in 6 parts of up to 500 rows" in parts.info["how_read"]


def test_a_study_of_a_big_csv_runs_on_the_drawn_rows_and_says_so(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    monkeypatch.setattr(_bigtable, "BATCH_ROWS", 500)
    monkeypatch.setattr(_bigtable, "CSV_PARTS_BYTES", 1000)  # this small file counts as big
    _csv(tmp_path / "t.csv")
    done = study(str(tmp_path / "t.csv"), "price", out=tmp_path / "s", settings=settings, budget=1)
    assert done.result["table"]["rows"] == 3000
    assert done.result["data"]["rows"] == done.result["table"]["drawn_rows"] < 1150
    assert "The table has 3,000 rows" in done.result["sampling"]["note"]
    assert "read as CSV in 6 parts" in done.result["sampling"]["note"]


def test_a_big_csv_with_no_more_rows_than_a_study_loads_is_read_whole(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_bigtable, "CSV_PARTS_BYTES", 1000)
    _csv(tmp_path / "t.csv", n=600)
    done = study(str(tmp_path / "t.csv"), "price", out=tmp_path / "s", settings=settings, budget=1)
    assert done.result.get("table") is None
    assert done.result["data"]["rows"] == 600


def test_a_big_csv_without_the_target_names_the_columns(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diveml.exceptions import ColumnNotFoundError

    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    monkeypatch.setattr(_bigtable, "CSV_PARTS_BYTES", 1000)
    _csv(tmp_path / "t.csv")
    with pytest.raises(ColumnNotFoundError, match=r"prise.*price"):
        study(str(tmp_path / "t.csv"), "prise", out=tmp_path / "s", settings=settings, budget=1)


def test_a_big_csv_in_another_encoding_says_to_pass_it(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diveml.exceptions import DataReadError

    monkeypatch.setattr(_bigtable, "CSV_PARTS_BYTES", 1000)
    frame = _csv(tmp_path / "t.csv")
    frame["colour"] = frame["colour"].replace("red", "rouge é")
    frame.to_csv(tmp_path / "t.csv", index=False, encoding="cp1252")
    with pytest.raises(DataReadError, match=r"read as UTF-8, which it is not.*encoding='cp1252'"):
        study(str(tmp_path / "t.csv"), "price", out=tmp_path / "s", settings=settings, budget=1)


def _awkward(n: int = 2000) -> pd.DataFrame:
    """A table with what the whole-table counts must catch: copies, a constant, infinities."""
    rng = np.random.default_rng(11)
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=n),  # distinct in every row: past the cap
            "level": rng.integers(0, 7, size=n).astype(float),
            "same": 4.0,
            "town": rng.choice(["a", "b", "c"], size=n, p=[0.2, 0.5, 0.3]),
        }
    )
    frame.loc[rng.choice(n, 15, replace=False), "level"] = np.inf
    frame.loc[rng.choice(n, 9, replace=False), "town"] = None
    frame["label"] = np.where(frame["x"] > 0, "yes", "no")
    copies = frame.sample(40, random_state=1)  # 40 rows repeated once more
    return pd.concat([frame, copies], ignore_index=True)


def test_the_whole_table_counts_are_exact_on_every_row_and_the_same_on_both_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask")
    from diveml.study import _wholetable

    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 500)
    monkeypatch.setattr(_wholetable, "DISTINCT_CAP", 50)
    frame = _awkward()
    frame.to_parquet(tmp_path / "t.parquet", row_group_size=300)
    local = draw_table(tmp_path / "t.parquet", len(frame), "label", False, 3, False)
    spread = draw_table(tmp_path / "t.parquet", len(frame), "label", False, 3, True)
    assert local.info["whole_table"] == spread.info["whole_table"]
    whole = local.info["whole_table"]
    assert whole["duplicate_rows"] == int(frame.duplicated().sum()) == 40
    assert whole["constant_columns"] == ["same"]
    assert whole["distinct_cap"] == 50
    columns = whole["columns"]
    assert columns["x"]["distinct"] is None and columns["x"]["most_common"] is None
    assert columns["x"]["min"] == frame["x"].min() and columns["x"]["max"] == frame["x"].max()
    level = frame["level"]
    assert columns["level"]["infinite"] == int(np.isinf(level).sum())
    assert columns["level"]["max"] == level[np.isfinite(level)].max()
    assert columns["level"]["distinct"] == level.nunique()  # inf counts as a value
    town = frame["town"].value_counts()
    assert columns["town"]["distinct"] == 3 and columns["town"]["missing"] == 9
    assert columns["town"]["most_common"] == {"value": "b", "rows": int(town["b"])}
    assert columns["town"]["min"] is None and columns["town"]["infinite"] is None
    # the audit ran on the drawn rows, and study.json says which numbers are whose
    assert "the audit's findings" in local.info["on_the_sample"]


def test_the_study_note_says_what_was_counted_on_every_row(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    frame = _awkward()
    frame.to_parquet(tmp_path / "t.parquet", row_group_size=300)
    done = study(
        str(tmp_path / "t.parquet"), "label", out=tmp_path / "s", settings=settings, budget=1
    )
    note = done.result["sampling"]["note"]
    assert "Counted on every row: the rows, the duplicate rows (40, by row hash)" in note
    assert "(constant columns: same)" in note
    assert "On the drawn rows: the audit's findings" in note
    assert done.result["table"]["whole_table"]["columns"]["town"]["missing"] == 9


def test_a_big_csv_read_in_parallel_on_dask_gives_its_parquet_copys_sample_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask")
    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    monkeypatch.setattr(_bigtable, "CSV_BLOCK_BYTES", 20_000)  # the file is about 170 kB
    _csv(tmp_path / "t.csv")
    whole = pd.read_csv(tmp_path / "t.csv")
    whole.to_parquet(tmp_path / "t.parquet", row_group_size=700)
    rows, types = _bigtable.csv_types(tmp_path / "t.csv", {}, parallel=True)
    # the types settled over every block are those of one whole read (the decimals and the
    # text sit only in the last blocks)
    assert (rows, types) == (3000, {str(c): str(t) for c, t in whole.dtypes.items()})
    spread = _bigtable.draw_csv(tmp_path / "t.csv", rows, types, "price", 3, {}, parallel=True)
    copy = draw_table(tmp_path / "t.parquet", rows, "price", True, 3, True)
    pd.testing.assert_frame_equal(spread.frame, copy.frame)
    assert spread.info["whole_table"] == copy.info["whole_table"]
    assert spread.info["whole_table"]["missing"]["colour"] == 30
    assert "read as CSV by a Dask DataFrame of" in spread.info["how_read"]
    assert "blocks of up to 0.0190735 MiB, in parallel" in spread.info["how_read"]


def test_a_big_csv_on_dask_in_another_encoding_says_to_pass_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask")
    from diveml.exceptions import DataReadError

    monkeypatch.setattr(_bigtable, "CSV_BLOCK_BYTES", 20_000)
    frame = _csv(tmp_path / "t.csv")
    frame.loc[2500, "colour"] = "rouge é"  # in a later block than the first
    frame.to_csv(tmp_path / "t.csv", index=False, encoding="cp1252")
    with pytest.raises(DataReadError, match=r"read as UTF-8, which it is not.*encoding='cp1252'"):
        _bigtable.csv_types(tmp_path / "t.csv", {}, parallel=True)


class _NoCluster:
    """An engine that reads in parallel but must not be started: the target is checked first."""

    reads_in_parallel = True

    def start(self) -> None:
        raise AssertionError("the cluster started before the target was checked")


def test_a_big_csv_on_dask_without_the_target_is_caught_before_the_cluster_starts(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diveml.exceptions import ColumnNotFoundError

    monkeypatch.setattr(_bigtable, "CSV_PARTS_BYTES", 1000)
    _csv(tmp_path / "t.csv")
    with pytest.raises(ColumnNotFoundError, match=r"prise.*price"):
        _bigtable.read_study_table(
            str(tmp_path / "t.csv"), "prise", 0, (None, None), {}, settings, _NoCluster()
        )
