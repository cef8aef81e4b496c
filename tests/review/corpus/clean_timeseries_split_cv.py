# expect: clean
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.model_selection import TimeSeriesSplit
from sklearn.linear_model import Ridge
rng = np.random.default_rng(0)
df = pd.DataFrame({"timestamp": pd.date_range("2022-01-01", periods=400, freq="h")})
df["timestamp"] = pd.to_datetime(df["timestamp"])
df["hour"] = df["timestamp"].dt.hour
df["load"] = 10 + np.sin(np.arange(400) / 24 * 6.28) + rng.normal(0, 0.1, 400)
scores = cross_val_score(Ridge(), df[["hour"]], df["load"], cv=TimeSeriesSplit(n_splits=5))
print(scores.mean())
