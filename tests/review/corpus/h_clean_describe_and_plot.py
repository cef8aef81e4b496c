# expect: clean

# %%
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
df = load_breast_cancer(as_frame=True).frame
print(df.describe())
print(df.mean())
(df - df.mean()).div(df.std()).boxplot()
X = df.drop(columns="target")
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(rf.score(X_test, y_test))
