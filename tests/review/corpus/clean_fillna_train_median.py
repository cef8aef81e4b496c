# expect: clean
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
train, test = train_test_split(df, test_size=0.2, random_state=0)
train = train.copy()
test = test.copy()
med = train["mean radius"].median()
train["mean radius"] = train["mean radius"].fillna(med)
test["mean radius"] = test["mean radius"].fillna(med)
feats = ["mean radius", "mean texture", "mean area"]
model = LogisticRegression(max_iter=3000).fit(train[feats], train["target"])
print(accuracy_score(test["target"], model.predict(test[feats])))
