"""bench/run.py: scoring a contender's predictions, and runs.csv growing new columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import run
from sklearn.metrics import roc_auc_score

OLD_FIELDS = run.FIELDS[: run.FIELDS.index("note") + 1]


def _old_file(path: Path) -> list[str]:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OLD_FIELDS)
        writer.writeheader()
        writer.writerow({"run_id": "1", "dataset": "a", "contender": "diveml", "status": "ok"})
    return path.read_text().splitlines()


def test_an_older_runs_csv_gets_the_new_header_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    before = _old_file(path)
    run.append({"run_id": "2", "dataset": "b", "contender": "diveml", "new_rows": 7}, path)
    after = path.read_text().splitlines()
    assert after[0] == ",".join(run.FIELDS)
    assert after[1] == before[1]  # the old row, byte for byte
    rows = pd.read_csv(path)
    assert rows["new_rows"].isna().tolist() == [True, False]
    assert rows.loc[1, "new_rows"] == 7
    assert rows["finished_at"].notna().tolist() == [False, True]


def test_a_runs_csv_whose_header_is_not_an_older_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    path.write_text("run_id,something_else\n1,2\n")
    with pytest.raises(SystemExit, match=r"header is not a prefix of run\.py.s FIELDS"):
        run.append({"run_id": "3"}, path)
    assert path.read_text() == "run_id,something_else\n1,2\n"


def _split(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A binary table whose first 40 kept-back rows are copies of training rows."""
    rng = np.random.default_rng(0)
    train = pd.DataFrame({"x": rng.normal(size=200), "y": rng.choice(["no", "yes"], 200)})
    fresh = pd.DataFrame({"x": rng.normal(size=80) + 10, "y": rng.choice(["no", "yes"], 80)})
    test = pd.concat([train.iloc[:40], fresh], ignore_index=True)
    folder, out = tmp_path / "data", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    train.to_parquet(folder / "train.parquet")
    test[["x"]].to_parquet(folder / "test_X.parquet")
    test[["y"]].to_parquet(folder / "test_y.parquet")
    proba = np.clip((test["y"] == "yes") * 0.3 + rng.random(len(test)) * 0.7, 0, 1)
    pd.DataFrame({"prediction": np.where(proba > 0.5, "yes", "no"), "proba_yes": proba}).to_parquet(
        out / "predictions.parquet"
    )
    meta = {"task": "binary", "metric": "roc_auc", "target": "y", "positive": "yes"}
    return folder, out, meta


def test_kept_back_fields_score_all_rows_and_the_copy_free_ones(tmp_path: Path) -> None:
    folder, out, meta = _split(tmp_path)
    truth = pd.read_parquet(folder / "test_y.parquet")["y"] == "yes"
    proba = pd.read_parquet(out / "predictions.parquet")["proba_yes"]
    info = {"ci_low": 0.0, "ci_high": 0.99, "holdout_rows": 30}
    fields, note = run.kept_back_fields(meta, folder, out, info)
    assert note == ""
    assert fields["kept_back"] == pytest.approx(roc_auc_score(truth, proba), abs=1e-5)
    assert fields["new_rows"] == 80
    assert fields["kept_back_new"] == pytest.approx(roc_auc_score(truth[40:], proba[40:]), abs=1e-5)
    assert fields["ci_covers"] is True and fields["ci_covers_new"] is True
    assert fields["holdout_rows"] == 30
    assert 0 < fields["kept_back_se"] < 0.1
    assert 0.5 < fields["expected_cover"] <= 1
    assert 0.5 < fields["expected_cover_new"] <= 1
    assert 0.5 < fields["interval_cover"] <= 1


def test_kept_back_fields_without_an_interval_leave_coverage_out(tmp_path: Path) -> None:
    folder, out, meta = _split(tmp_path)
    (out / "predictions.parquet").unlink()
    labels = pd.read_parquet(folder / "test_y.parquet")["y"]
    pd.DataFrame({"prediction": labels}).to_parquet(out / "predictions.parquet")
    fields, note = run.kept_back_fields(meta, folder, out, {})
    assert note == "no probabilities: AUC of hard labels"
    assert fields["kept_back"] == 1.0
    assert set(fields) == {"kept_back", "new_rows", "kept_back_new"}
    assert json.dumps(fields)  # plain values, as runs.csv and the logs take them
