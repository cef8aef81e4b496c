# expect: multi-test-leak
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
df = df.sample(frac=1.0, random_state=0)
cut = int(0.8 * len(df))
train_df = df.iloc[:cut]
test_df = df.iloc[cut:]
X_tr, y_tr = train_df.drop(columns="target"), train_df["target"]
X_te, y_te = test_df.drop(columns="target"), test_df["target"]

# %%
for C in [0.01, 0.1, 1, 10]:
    clf = LogisticRegression(C=C, max_iter=5000).fit(X_tr, y_tr)
    print(C, clf.score(X_te, y_te))
