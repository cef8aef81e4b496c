# expect: preprocessing-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
X, y = make_classification(n_samples=300, n_features=200, n_informative=5, random_state=0)
from sklearn.feature_selection import SelectKBest, f_classif
X_best = SelectKBest(f_classif, k=10).fit_transform(X, y)

# %%
X_tr, X_te, y_tr, y_te = train_test_split(X_best, y, random_state=0)
lr = LogisticRegression().fit(X_tr, y_tr)
print(f"F1 on test: {f1_score(y_te, lr.predict(X_te)):.3f}")
