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
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
cv_means = []
for k in range(1, 16, 2):
    scores = cross_val_score(KNeighborsClassifier(n_neighbors=k), X_train, y_train, cv=5)
    cv_means.append(scores.mean())
best_k = 1 + 2 * int(np.argmax(cv_means))
knn = KNeighborsClassifier(n_neighbors=best_k).fit(X_train, y_train)
print("test", knn.score(X_test, y_test))
