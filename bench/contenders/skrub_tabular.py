"""skrub's ready-made tabular pipeline: skrub.tabular_pipeline("classifier"/"regressor").

skrub reports no score by itself; the "reported" figure is 5-fold cross-validation on the
training part, as its documentation shows users doing.
"""

from __future__ import annotations

import numpy as np
import skrub
from _common import Job
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score

job = Job()
train = job.train(keep_dates=True)
X, y = train.drop(columns=[job.target]), train[job.target]
test = job.test(keep_dates=True)
classify = job.task != "regression"
make = getattr(skrub, "tabular_pipeline", None) or skrub.tabular_learner
model = make("classifier" if classify else "regressor")
cv = (
    StratifiedKFold(5, shuffle=True, random_state=job.seed)
    if classify
    else KFold(5, shuffle=True, random_state=job.seed)
)
y_fit = (y == job.meta["positive"]).astype(int) if job.task == "binary" else y
scores = cross_val_score(model, X, y_fit, cv=cv, scoring=job.metric, n_jobs=1)
job.mark("cv")
model.fit(X, y)
job.mark("fit")
prediction = model.predict(test)
proba = model.predict_proba(test) if classify else None
job.mark("predict")
job.write(
    prediction,
    proba,
    model.classes_ if classify else None,
    reported=float(np.mean(scores)),
    model=f"skrub.{make.__name__} -> {type(model[-1]).__name__}",
    reported_kind="5-fold CV mean on the training part",
    cv_std=float(np.std(scores)),
    skrub_version=skrub.__version__,
)
