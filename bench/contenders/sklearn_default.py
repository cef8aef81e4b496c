"""scikit-learn defaults with a standard preprocessing pipeline (what a user writes by hand).

--variant hgb:    HistGradientBoosting{Classifier,Regressor}() on ordinal-encoded categoricals
                  (declared categorical), numeric columns as they are (it handles missing values).
--variant linear: LogisticRegression(max_iter=1000) / Ridge() after median/most-frequent
                  imputation, scaling and one-hot encoding.
Neither tool reports a score by itself; the "reported" figure is what its user would compute:
5-fold cross-validation on the training part (stratified for classification).
"""

from __future__ import annotations

import numpy as np
from _common import Job, categorical_columns
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

job = Job()
train = job.train()
X, y = train.drop(columns=[job.target]), train[job.target]
test = job.test()
categorical = categorical_columns(X)
numeric = [c for c in X.columns if c not in categorical]
classify = job.task != "regression"

if job.variant == "hgb":
    encode = ColumnTransformer(
        [
            (
                "cat",
                OrdinalEncoder(
                    handle_unknown="use_encoded_value",
                    unknown_value=np.nan,
                    encoded_missing_value=np.nan,
                    max_categories=250,
                ),
                categorical,
            ),
        ],
        remainder="passthrough",
        verbose_feature_names_out=False,
    )
    mask = [True] * len(categorical) + [False] * len(numeric)
    est = (
        HistGradientBoostingClassifier(categorical_features=mask, random_state=job.seed)
        if classify
        else HistGradientBoostingRegressor(categorical_features=mask, random_state=job.seed)
    )
    model = make_pipeline(encode, est)
    name = type(est).__name__
elif job.variant == "linear":
    encode = ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            (
                "cat",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")
                ),
                categorical,
            ),
        ]
    )
    est = LogisticRegression(max_iter=1000) if classify else Ridge()
    model = make_pipeline(encode, est)
    name = type(est).__name__
else:
    raise SystemExit(f"unknown variant {job.variant!r}")

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
    model=name,
    reported_kind="5-fold CV mean on the training part",
    cv_std=float(np.std(scores)),
)
