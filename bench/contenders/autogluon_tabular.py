"""AutoGluon TabularPredictor, presets="medium_quality", time_limit=--budget seconds.

"reported" is AutoGluon's own validation score (score_val in its leaderboard) of the model it
predicts with (predictor.model_best), on the benchmark's metric.
"""

from __future__ import annotations

from _common import Job
from autogluon.tabular import TabularPredictor

job = Job()
train = job.train(keep_dates=True)
test = job.test(keep_dates=True)
problem = {"binary": "binary", "multiclass": "multiclass", "regression": "regression"}[job.task]
predictor = TabularPredictor(
    label=job.target,
    problem_type=problem,
    eval_metric=job.metric,
    path=str(job.out / "autogluon"),
    verbosity=0,
).fit(train, presets="medium_quality", time_limit=job.budget, num_cpus=job.n_jobs, num_gpus=0)
job.mark("fit")
board = predictor.leaderboard(silent=True)
best = predictor.model_best
reported = float(board.loc[board["model"] == best, "score_val"].iloc[0])
classify = job.task != "regression"
prediction = predictor.predict(test)
proba = predictor.predict_proba(test) if classify else None
job.mark("predict")
job.write(
    prediction,
    None if proba is None else proba.to_numpy(),
    None if proba is None else list(proba.columns),
    reported=reported,
    model=best,
    reported_kind="AutoGluon's score_val of model_best",
    leaderboard=board[["model", "score_val", "fit_time"]].head(10).to_dict("records"),
)
