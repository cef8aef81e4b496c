# expect: target-in-features

# %%
import pandas as pd
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import cross_val_score
df = load_diabetes(as_frame=True).frame
X = df
y = df.target
print(cross_val_score(LinearRegression(), X, y, cv=5).mean())
