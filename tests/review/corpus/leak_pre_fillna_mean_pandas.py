# expect: preprocessing-leak
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
df.loc[df.index % 7 == 0, "mean radius"] = np.nan
df["mean radius"] = df["mean radius"].fillna(df["mean radius"].mean())

# %%
from sklearn.ensemble import RandomForestClassifier
features = df.drop(columns=["target"])
labels = df["target"]
f_train, f_test, l_train, l_test = train_test_split(features, labels, random_state=1)
forest = RandomForestClassifier(n_estimators=50, random_state=0).fit(f_train, l_train)
print("test accuracy", forest.score(f_test, l_test))
