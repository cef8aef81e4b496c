# expect: group-split-row-by-row
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
rng = np.random.default_rng(0)
visits = pd.DataFrame({"patient_id": np.repeat(np.arange(60), 5)})
visits["bp"] = rng.normal(120, 10, len(visits)) + visits["patient_id"] % 7
visits["age"] = 30 + visits["patient_id"] % 40
visits["outcome"] = rng.integers(0, 2, len(visits))
print(visits.groupby("patient_id").size().describe())

# %%
X = visits[["bp", "age"]]
y = visits["outcome"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
