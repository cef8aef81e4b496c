# expect: preprocessing-leak

# %%
import numpy as np
from sklearn.datasets import load_digits
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
digits = load_digits()
X = digits.data
y = digits.target
X = X / X.max()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
model = SVC(gamma=0.01).fit(X_train, y_train)
print("score", model.score(X_test, y_test))
