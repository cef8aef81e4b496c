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
from sklearn.neighbors import KNeighborsClassifier
X_full, X_test, y_full, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_full, y_full, test_size=0.25, random_state=0)
val_scores = {}
for k in [1, 3, 5, 7, 9, 15]:
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    val_scores[k] = knn.score(X_val, y_val)
best_k = max(val_scores, key=val_scores.get)

# %%
final = KNeighborsClassifier(n_neighbors=best_k).fit(X_full, y_full)
print("test accuracy, scored once:", final.score(X_test, y_test))
