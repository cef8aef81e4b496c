"""What every contender script shares: read the split, write predictions and what the tool said.

A contender is run as ``python contenders/<tool>.py --data DIR --out DIR [--budget S] [--n-jobs N]``
in its own virtual environment. It reads only ``DIR/train.parquet`` (features + target) and
``DIR/test_X.parquet`` (kept-back features, no target), and writes

    OUT/predictions.parquet  ``prediction`` and, for classification, ``proba_<class>`` columns
    OUT/reported.json        {"reported": the tool's own estimate of its chosen model's score on
                              the benchmark metric, or null; "model": its chosen model; "note": ...}

It never sees the kept-back target; bench/run.py scores the predictions.
Only pandas (and the standard library) are needed here, so every venv can import it.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


class Job:
    def __init__(self) -> None:
        parser = argparse.ArgumentParser()
        parser.add_argument("--data", type=Path, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--budget", type=float, default=120.0)
        parser.add_argument("--n-jobs", type=int, default=2)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--variant", default="")
        args = parser.parse_args()
        self.data: Path = args.data
        self.out: Path = args.out
        self.budget: float = args.budget
        self.n_jobs: int = args.n_jobs
        self.seed: int = args.seed
        self.variant: str = args.variant
        self.out.mkdir(parents=True, exist_ok=True)
        self.meta: dict[str, Any] = json.loads((self.data / "meta.json").read_text())
        self.task: str = self.meta["task"]
        self.target: str = self.meta["target"]
        self.metric: str = self.meta["metric"]
        self.classes: list[str] = self.meta["classes"]
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}

    @property
    def train_path(self) -> Path:
        return self.data / "train.parquet"

    @property
    def test_path(self) -> Path:
        return self.data / "test_X.parquet"

    def train(self, *, keep_dates: bool = False) -> pd.DataFrame:
        return tidy(pd.read_parquet(self.train_path), self.target, self.task, keep_dates)

    def test(self, *, keep_dates: bool = False) -> pd.DataFrame:
        return tidy(pd.read_parquet(self.test_path), self.target, self.task, keep_dates)

    def mark(self, stage: str) -> None:
        """Record the seconds since the previous mark under ``stage``."""
        now = time.perf_counter()
        self.timings[stage] = round(now - self.started - sum(self.timings.values()), 3)

    def write(
        self,
        prediction: Any,
        proba: Any = None,
        proba_classes: Any = None,
        *,
        reported: float | None,
        model: str,
        **extra: Any,
    ) -> None:
        frame = pd.DataFrame({"prediction": np.asarray(prediction)})
        if self.task != "regression":
            frame["prediction"] = frame["prediction"].astype(str)
        if proba is not None:
            proba = np.asarray(proba, dtype=float)
            for i, label in enumerate(proba_classes):
                frame[f"proba_{label}"] = proba[:, i]
        frame.to_parquet(self.out / "predictions.parquet")
        payload = {
            "reported": None if reported is None else float(reported),
            "model": model,
            "timings": self.timings,
            **extra,
        }
        (self.out / "reported.json").write_text(json.dumps(payload, indent=2, default=str))


def tidy(frame: pd.DataFrame, target: str, task: str, keep_dates: bool = False) -> pd.DataFrame:
    """Plain dtypes every tool accepts: text columns as object with NaN, labels as str.

    Date columns (datetime64 in the Parquet file) stay dates with ``keep_dates`` (for the
    tools that model dates themselves: FLAML, skrub, AutoGluon); without it they become ISO
    text like any other non-numeric column (the hand-written scikit-learn pipelines and
    lazypredict have no date step).
    """
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if column == target:
            frame[column] = series.astype(str) if task != "regression" else series.astype(float)
        elif keep_dates and pd.api.types.is_datetime64_any_dtype(series):
            continue
        elif not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            values = np.array([np.nan if pd.isna(v) else str(v) for v in series], dtype=object)
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def categorical_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that are neither numbers nor dates."""
    return [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c])
        and not pd.api.types.is_datetime64_any_dtype(frame[c])
    ]
