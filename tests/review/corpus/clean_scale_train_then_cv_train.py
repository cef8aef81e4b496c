# expect: clean
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
X, y = load_breast_cancer(return_X_y=True)

# %%
from sklearn.preprocessing import StandardScaler
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
sc = StandardScaler().fit(X_train)
X_train_sc, X_test_sc = sc.transform(X_train), sc.transform(X_test)
print("cv", cross_val_score(LogisticRegression(max_iter=1000), X_train_sc, y_train, cv=5).mean())
final = LogisticRegression(max_iter=1000).fit(X_train_sc, y_train)
print("test", final.score(X_test_sc, y_test))
