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
df["radius_bin"] = pd.cut(df["mean radius"], 5, labels=False)
df["bin_rate"] = df.groupby("radius_bin")["target"].transform("mean")
X = df.drop(columns=["target"])
y = df.target
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
m = LogisticRegression(max_iter=5000).fit(X_train, y_train)
print(m.score(X_test, y_test))
