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
from scipy import stats
res = cross_val_score(LogisticRegression(max_iter=3000), X, y, cv=10)
ci = stats.t.interval(0.95, len(res) - 1, loc=np.mean(res), scale=stats.sem(res))
print("CI", ci)
