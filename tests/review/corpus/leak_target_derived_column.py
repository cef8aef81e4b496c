# expect: target-in-features
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
df = load_diabetes(as_frame=True).frame
df["progression_band"] = (df["target"] > 150).astype(int)
X = df.drop(columns=["target"])
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
reg = Ridge().fit(X_train, y_train)
print("R2", reg.score(X_test, y_test))
