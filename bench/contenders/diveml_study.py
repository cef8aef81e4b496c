"""diveml's study with its default settings, then diveml predict on the kept-back rows.

Runs the two commands a user types (``diveml study TRAIN --target COL --out DIR`` and
``diveml predict DIR/model.skops TEST_X --out FILE``) as child processes of this script, so the
harness measures their wall time and memory together. "reported" is the cross-validation mean
of the chosen model (study.json chosen.cv_mean); the study's own holdout score (taken inside
the training part we gave it) and its 95% CI are recorded beside it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pandas as pd
from _common import Job

job = Job()
study_dir = job.out / "study"
env = dict(os.environ)
env.setdefault("DIVEML_HOME", str(job.out / "home"))
cli = [sys.executable, "-m", "diveml"]
started = time.perf_counter()
subprocess.run(
    [*cli, "study", str(job.train_path), "--target", job.target, "--out", str(study_dir)],
    check=True,
    env=env,
)
study_seconds = time.perf_counter() - started
job.mark("study")
predictions_file = job.out / "diveml_predictions.csv"
subprocess.run(
    [
        *cli,
        "predict",
        str(study_dir / "model.skops"),
        str(job.test_path),
        "--out",
        str(predictions_file),
    ],
    check=True,
    env=env,
)
job.mark("predict")
result = json.loads((study_dir / "study.json").read_text())
predicted = pd.read_csv(predictions_file)
proba_columns = [c for c in predicted.columns if c.startswith("proba_")]
holdout = result.get("holdout") or {}
chosen = result.get("chosen") or {}
job.write(
    predicted["prediction"],
    predicted[proba_columns].to_numpy() if proba_columns else None,
    [c.removeprefix("proba_") for c in proba_columns] if proba_columns else None,
    reported=chosen.get("cv_mean"),
    model=chosen.get("name"),
    reported_kind="study.json chosen.cv_mean",
    study_seconds=round(study_seconds, 3),
    metric_used=result.get("metric"),
    task_used=result.get("task"),
    cv_std=chosen.get("cv_std"),
    holdout_score=holdout.get("score"),
    ci_low=holdout.get("ci_low"),
    ci_high=holdout.get("ci_high"),
    holdout_rows=holdout.get("rows"),
    best=(result.get("selection") or {}).get("best"),
    excluded_columns=result.get("excluded_columns"),
    sampling=result.get("sampling"),
    stages=(result.get("timings") or {}).get("stages"),
    status=result.get("status"),
)
