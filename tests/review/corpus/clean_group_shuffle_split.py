# expect: clean
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.model_selection import GroupShuffleSplit
rng = np.random.default_rng(0)
visits = pd.DataFrame({"patient_id": np.repeat(np.arange(60), 5)})
visits["bp"] = rng.normal(120, 10, len(visits))
visits["outcome"] = rng.integers(0, 2, len(visits))
print(visits.groupby("patient_id").size().describe())
gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
train_idx, test_idx = next(gss.split(visits, groups=visits["patient_id"]))
train, test = visits.iloc[train_idx], visits.iloc[test_idx]
clf = LogisticRegression().fit(train[["bp"]], train["outcome"])
print(clf.score(test[["bp"]], test["outcome"]))
