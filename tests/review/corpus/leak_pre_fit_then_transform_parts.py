# expect: preprocessing-leak
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
from sklearn.preprocessing import MinMaxScaler
mms = MinMaxScaler()
mms.fit(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=42)
X_train = mms.transform(X_train)
X_test = mms.transform(X_test)

# %%
from sklearn.svm import SVC
svc = SVC().fit(X_train, y_train)
print(accuracy_score(y_test, svc.predict(X_test)))
