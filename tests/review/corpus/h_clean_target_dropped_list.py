# expect: clean

# %%
import pandas as pd
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
df = load_diabetes(as_frame=True).frame
df["bmi_sq"] = df["bmi"] ** 2
X = df.drop(columns=["target"])
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
