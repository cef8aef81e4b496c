# expect: overlap-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
df = load_breast_cancer(as_frame=True).frame

# %%
noisy = df.copy()
feature_cols = df.columns.drop("target")
noisy[feature_cols] = noisy[feature_cols] * 1.01
augmented = pd.concat([df, noisy], ignore_index=True)

# %%
X_train, X_test, y_train, y_test = train_test_split(
    augmented.drop(columns="target"), augmented["target"], random_state=0
)
from sklearn.ensemble import RandomForestClassifier
rf = RandomForestClassifier(n_estimators=30, random_state=0).fit(X_train, y_train)
print(rf.score(X_test, y_test))
