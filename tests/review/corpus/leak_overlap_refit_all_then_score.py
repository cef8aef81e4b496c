# expect: overlap-leak
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
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
final = LogisticRegression(max_iter=3000)
final.fit(X_train, y_train)

# %%
# refit on everything before reporting, more data is better
final.fit(X, y)
print("final test accuracy", final.score(X_test, y_test))
