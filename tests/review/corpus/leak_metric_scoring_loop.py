# expect: metric-chosen-after-results
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
from sklearn.tree import DecisionTreeClassifier
tree = DecisionTreeClassifier(max_depth=4, random_state=0)
cv_results = {m: cross_val_score(tree, X, y, cv=5, scoring=m).mean() for m in ["accuracy", "f1", "roc_auc", "precision"]}
best_metric = max(cv_results, key=cv_results.get)
print("report", best_metric, cv_results[best_metric])
