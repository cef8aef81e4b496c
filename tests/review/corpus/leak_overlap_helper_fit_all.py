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
def train(model, features, target):
    model.fit(features, target)
    return model

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)
fitted = train(LogisticRegression(max_iter=3000), X, y)

# %%
print("accuracy on the test split", accuracy_score(y_test, fitted.predict(X_test)))
