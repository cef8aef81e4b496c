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
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
lr = LogisticRegression(max_iter=3000).fit(X_train, y_train)
proba = lr.predict_proba(X_test)[:, 1]
best = (0, None)
for t in np.linspace(0.1, 0.9, 17):
    f = f1_score(y_test, proba > t)
    if f > best[0]:
        best = (f, t)
print("best threshold", best)
