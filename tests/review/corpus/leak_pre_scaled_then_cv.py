# expect: preprocessing-leak
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
from sklearn.preprocessing import RobustScaler
X_s = RobustScaler().fit_transform(X)
scores = cross_val_score(LogisticRegression(max_iter=1000), X_s, y, cv=5)
print("mean CV accuracy", scores.mean())
