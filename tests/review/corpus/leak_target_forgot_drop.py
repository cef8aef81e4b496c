# expect: target-in-features
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
df = load_breast_cancer(as_frame=True).frame

# %%
df["id"] = range(len(df))
X = df.drop(columns=["id"])
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
clf = LogisticRegression(max_iter=3000).fit(X_train, y_train)
print(clf.score(X_test, y_test))
