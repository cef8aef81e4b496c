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
train, test = train_test_split(df, test_size=0.25, random_state=0)
subsets = [["mean radius", "mean texture"], ["worst radius", "worst area"], ["mean area", "mean smoothness", "worst concavity"]]
model = LogisticRegression(max_iter=3000)
for cols in subsets:
    model.fit(train[cols], train["target"])
    print(cols, model.score(test[cols], test["target"]))
