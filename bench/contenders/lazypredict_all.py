"""lazypredict: fit every estimator it knows and rank them on a validation split.

lazypredict needs a test set to rank on; it must not be the kept-back part, so we give it a
seeded 80/20 split of the training part (stratified for classification). The chosen model is
the top of its table on the benchmark metric ("ROC AUC", "Balanced Accuracy", "R-Squared");
"reported" is that validation figure; the chosen pipeline (fitted on the 80%) predicts the
kept-back rows.
"""

from __future__ import annotations

import lazypredict
from _common import Job
from lazypredict.Supervised import LazyClassifier, LazyRegressor
from sklearn.model_selection import train_test_split

job = Job()
train = job.train()
X, y = train.drop(columns=[job.target]), train[job.target]
test = job.test()
classify = job.task != "regression"
X_fit, X_val, y_fit, y_val = train_test_split(
    X, y, test_size=0.2, random_state=job.seed, stratify=y if classify else None
)
if job.task == "binary":
    # so that its ROC AUC is computed for our positive class
    y_fit, y_val = (
        (y_fit == job.meta["positive"]).astype(int),
        (y_val == job.meta["positive"]).astype(int),
    )
tool = (LazyClassifier if classify else LazyRegressor)(
    verbose=0, ignore_warnings=True, random_state=job.seed, n_jobs=job.n_jobs
)
table = tool.fit(X_fit, X_val, y_fit, y_val)
table = table[0] if isinstance(table, tuple) else table
column = {"roc_auc": "ROC AUC", "balanced_accuracy": "Balanced Accuracy", "r2": "R-Squared"}[
    job.metric
]
table = table.sort_values(column, ascending=False)
best = table.index[0]
job.mark("fit")
model = tool.models[best]
prediction = model.predict(test)
proba = None
labels = None
if classify and hasattr(model, "predict_proba"):
    proba = model.predict_proba(test)
    labels = list(model.classes_)
    if job.task == "binary":
        labels = [job.meta["positive"] if c == 1 else f"not_{job.meta['positive']}" for c in labels]
if job.task == "binary":
    prediction = [
        job.meta["positive"] if p == 1 else f"not_{job.meta['positive']}" for p in prediction
    ]
job.mark("predict")
job.write(
    prediction,
    proba,
    labels,
    reported=float(table[column].iloc[0]),
    model=str(best),
    reported_kind="lazypredict's score on a 20% validation split of the training part",
    models_tried=len(table),
    top=table.head(5)[[column]].reset_index().to_dict("records"),
    lazypredict_version=getattr(lazypredict, "__version__", "?"),
)
