# expect: clean
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
from sklearn.tree import DecisionTreeClassifier
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)

def cv_score(model):
    return cross_val_score(model, X_train, y_train, cv=5).mean()

candidates = {"lr": LogisticRegression(max_iter=3000), "tree": DecisionTreeClassifier(), "rf": RandomForestClassifier(n_estimators=50)}
cv = {name: cv_score(m) for name, m in candidates.items()}
best = max(cv, key=cv.get)

# %%
chosen = candidates[best].fit(X_train, y_train)
print(best, "test accuracy", chosen.score(X_test, y_test))
