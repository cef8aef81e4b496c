# expect: overlap-leak
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
from sklearn.utils import resample
majority = df[df.target == 1]
minority = df[df.target == 0]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=0)
balanced = pd.concat([majority, minority_up])

# %%
X = balanced.drop(columns="target")
y = balanced["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
from sklearn.tree import DecisionTreeClassifier
tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
print("test accuracy", accuracy_score(y_test, tree.predict(X_test)))
