# expect: cv-spread-as-interval
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
cv_scores = cross_val_score(RandomForestClassifier(n_estimators=30, random_state=0), X, y, cv=5)
low = cv_scores.mean() - 1.96 * cv_scores.std()
high = cv_scores.mean() + 1.96 * cv_scores.std()
print(f"95% confidence interval: [{low:.3f}, {high:.3f}]")
