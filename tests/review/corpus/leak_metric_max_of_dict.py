# expect: metric-chosen-after-results
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
from sklearn.metrics import roc_auc_score, precision_score
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
clf = LogisticRegression(max_iter=3000).fit(X_train, y_train)
pred = clf.predict(X_test)
metrics = {
    "accuracy": accuracy_score(y_test, pred),
    "f1": f1_score(y_test, pred),
    "precision": precision_score(y_test, pred),
}
headline = max(metrics, key=metrics.get)
print(f"Our model reaches {metrics[headline]:.3f} {headline}")
