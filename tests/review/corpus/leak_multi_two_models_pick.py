# expect: multi-test-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
X, y = load_breast_cancer(return_X_y=True)

# %%
from sklearn.ensemble import RandomForestClassifier
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=11)
lr = LogisticRegression(max_iter=3000).fit(X_train, y_train)
print("logistic regression", lr.score(X_test, y_test))

# %%
rf = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_train, y_train)
print("random forest", rf.score(X_test, y_test))

# %% [markdown]
# The random forest wins on the test set, so we keep it.
