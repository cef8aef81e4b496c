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
scores = cross_val_score(LogisticRegression(max_iter=3000), X, y, cv=5)
print(f"accuracy {scores.mean():.3f}, folds spread {scores.std():.3f} (min {scores.min():.3f}, max {scores.max():.3f})")
print("%0.2f accuracy with a standard deviation of %0.2f" % (scores.mean(), scores.std()))
