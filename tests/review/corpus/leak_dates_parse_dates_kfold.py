# expect: random-split-of-dated-rows
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
import io
from sklearn.ensemble import RandomForestRegressor
rng = np.random.default_rng(1)
days = pd.date_range("2021-01-01", periods=300, freq="D")
csv = pd.DataFrame({"day": days, "temp": rng.normal(10, 5, 300), "load": rng.normal(100, 10, 300)}).to_csv(index=False)
energy = pd.read_csv(io.StringIO(csv), parse_dates=["day"])
energy["month"] = energy["day"].dt.month
train, test = train_test_split(energy, test_size=0.25, random_state=0)
rf = RandomForestRegressor(n_estimators=20, random_state=0).fit(train[["temp", "month"]], train["load"])
print(rf.score(test[["temp", "month"]], test["load"]))
