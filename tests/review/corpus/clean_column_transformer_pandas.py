# expect: clean
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
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import Pipeline
df["log_area"] = np.log1p(df["mean area"])
df["ratio"] = df["mean radius"] / df["mean texture"]
df["size"] = pd.cut(df["mean radius"], [0, 12, 16, 40], labels=["s", "m", "l"]).astype(str)
X = df.drop(columns=["target"])
y = df["target"]
num = [c for c in X.columns if c != "size"]
pre = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), num),
    ("cat", OneHotEncoder(handle_unknown="ignore"), ["size"]),
])
model = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=5000))])
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model.fit(X_train, y_train)
print(model.score(X_test, y_test))
