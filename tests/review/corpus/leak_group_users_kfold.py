# expect: group-split-row-by-row
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.model_selection import KFold
from sklearn.ensemble import RandomForestClassifier
rng = np.random.default_rng(2)
sessions = pd.DataFrame({"user_id": rng.integers(0, 40, 400), "clicks": rng.poisson(5, 400)})
sessions["minutes"] = sessions["clicks"] * 2 + sessions["user_id"] % 5
sessions["bought"] = rng.integers(0, 2, len(sessions))
print("users:", sessions["user_id"].nunique(), "sessions:", len(sessions))

# %%
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(RandomForestClassifier(n_estimators=20), sessions[["clicks", "minutes"]], sessions["bought"], cv=cv)
print(scores.mean())
