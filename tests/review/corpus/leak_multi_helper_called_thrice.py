# expect: multi-test-leak
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
from sklearn.tree import DecisionTreeClassifier
from sklearn.naive_bayes import GaussianNB
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=2)

def evaluate(model):
    model.fit(X_train, y_train)
    return accuracy_score(y_test, model.predict(X_test))

# %%
print("logreg", evaluate(LogisticRegression(max_iter=3000)))
print("tree", evaluate(DecisionTreeClassifier(max_depth=3)))
print("bayes", evaluate(GaussianNB()))
