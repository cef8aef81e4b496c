"""FLAML AutoML with a time budget (--budget seconds), the benchmark's metric, seed 0.

"reported" is FLAML's own validation score of its best configuration (1 - best_loss), from
the cross-validation or holdout FLAML chose for itself on the training part.
"""

from __future__ import annotations

from _common import Job, categorical_columns
from flaml import AutoML
from sklearn.metrics import balanced_accuracy_score

job = Job()
train = job.train(keep_dates=True)
X, y = train.drop(columns=[job.target]), train[job.target]
test = job.test(keep_dates=True)
for frame in (X, test):
    for column in categorical_columns(X):
        frame[column] = frame[column].astype("category")


def balanced_accuracy(X_val, y_val, estimator, labels, X_train, y_train, *args, **kwargs):
    score = balanced_accuracy_score(y_val, estimator.predict(X_val))
    return 1.0 - score, {"balanced_accuracy": score}


metric = {"roc_auc": "roc_auc", "r2": "r2", "balanced_accuracy": balanced_accuracy}[job.metric]
automl = AutoML()
automl.fit(
    X,
    y,
    task="classification" if job.task != "regression" else "regression",
    metric=metric,
    time_budget=job.budget,
    n_jobs=job.n_jobs,
    seed=job.seed,
    verbose=0,
)
job.mark("fit")
classify = job.task != "regression"
prediction = automl.predict(test)
proba = automl.predict_proba(test) if classify else None
job.mark("predict")
job.write(
    prediction,
    proba,
    automl.classes_ if classify else None,
    reported=1.0 - automl.best_loss,
    model=str(automl.best_estimator),
    reported_kind="FLAML's own validation score of the best configuration (1 - best_loss)",
    eval_method=automl._state.eval_method if hasattr(automl, "_state") else None,
    best_config=automl.best_config,
)
