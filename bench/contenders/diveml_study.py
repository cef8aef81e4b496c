"""diveml's study with its default settings, then diveml predict on the kept-back rows.

Runs the two commands a user types (``diveml study TRAIN --target COL --out DIR`` and
``diveml predict DIR/model.skops TEST_X --out FILE``) as child processes of this script, so the
harness measures their wall time and memory together. "reported" is the cross-validation mean
of the chosen model (study.json chosen.cv_mean); the study's own holdout score (taken inside
the training part we gave it) and its 95% CI are recorded beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pandas as pd
from _common import Job

from diveml.study import load_result

job = Job()
study_dir = job.out / "study"
env = dict(os.environ)
env.setdefault("DIVEML_HOME", str(job.out / "home"))
cli = [sys.executable, "-m", "diveml"]
started = time.perf_counter()
# --seed 0 is the study's default: the benchmark's rows are the default study's.
study = [*cli, "study", str(job.train_path), "--target", job.target, "--out", str(study_dir)]
subprocess.run(
    [*study, "--seed", str(job.seed)],
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
# Read through diveml's own typed result, so a study.json that drifts from its format fails
# here loudly instead of recording empty fields.
result = load_result(study_dir)
predicted = pd.read_csv(predictions_file)
proba_columns = [c for c in predicted.columns if c.startswith("proba_")]
holdout, chosen = result.holdout, result.chosen
job.write(
    predicted["prediction"],
    predicted[proba_columns].to_numpy() if proba_columns else None,
    [c.removeprefix("proba_") for c in proba_columns] if proba_columns else None,
    reported=chosen.cv_mean,
    model=chosen.name,
    reported_kind="study.json chosen.cv_mean",
    study_seconds=round(study_seconds, 3),
    metric_used=result.metric,
    task_used=result.task,
    cv_std=chosen.cv_std,
    holdout_score=holdout.score,
    ci_low=holdout.ci_low,
    ci_high=holdout.ci_high,
    holdout_rows=holdout.rows,
    best=result.selection.best,
    excluded_columns=list(result.excluded_columns),
    sampling=result.to_dict()["sampling"],
    stages=dict(result.timings.stages),
    status=result.status,
)
