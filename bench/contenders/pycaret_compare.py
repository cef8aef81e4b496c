"""PyCaret's usual flow: setup(), compare_models(sort=metric), finalize_model(), predict_model().

"reported" is the cross-validated score compare_models shows for the model it ranks first
(mean over PyCaret's folds on its own training share of the data we gave it).
"""

from __future__ import annotations

from _common import Job
from sklearn.metrics import balanced_accuracy_score

job = Job()
train = job.train()
test = job.test()
classify = job.task != "regression"
if classify:
    from pycaret import classification as pc
else:
    from pycaret import regression as pc

pc.setup(
    data=train,
    target=job.target,
    session_id=job.seed,
    fold=5,
    n_jobs=job.n_jobs,
    verbose=False,
    html=False,
)
if job.metric == "balanced_accuracy":
    pc.add_metric("balacc", "BalAcc", balanced_accuracy_score)
sort = {"roc_auc": "AUC", "r2": "R2", "balanced_accuracy": "BalAcc"}[job.metric]
best = pc.compare_models(sort=sort, verbose=False, budget_time=job.budget / 60.0)
table = pc.pull()
reported = float(table[sort].iloc[0])
job.mark("compare")
final = pc.finalize_model(best)
job.mark("finalize")
options = {"raw_score": True} if classify else {}  # regression's predict_model has no raw_score
out = pc.predict_model(final, data=test, verbose=False, **options)
prediction = out["prediction_label"]
proba = None
labels = None
if classify:
    score_columns = [c for c in out.columns if c.startswith("prediction_score_")]
    labels = [c.removeprefix("prediction_score_") for c in score_columns]
    proba = out[score_columns].to_numpy()
job.mark("predict")
job.write(
    prediction,
    proba,
    labels,
    reported=reported,
    model=type(best).__name__,
    reported_kind="compare_models CV mean of the top-ranked model",
    ranking=table.head(5).reset_index().to_dict("records"),
)
