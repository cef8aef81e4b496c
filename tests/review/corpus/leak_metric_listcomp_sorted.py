# expect: metric-chosen-after-results
# %%
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

# %%
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
pred = LogisticRegression(max_iter=3000).fit(X_train, y_train).predict(X_test)

# %%
metrics = {"accuracy": accuracy_score, "f1": f1_score, "recall": recall_score}
ranked = sorted([(f(y_test, pred), name) for name, f in metrics.items()], reverse=True)
print("we reach", ranked[0])
