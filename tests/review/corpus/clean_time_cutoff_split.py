# expect: clean
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.linear_model import Ridge
rng = np.random.default_rng(0)
sales = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=500, freq="D")})
sales["date"] = pd.to_datetime(sales["date"])
sales["dow"] = sales["date"].dt.dayofweek
sales["units"] = 50 + 0.1 * np.arange(500) + rng.normal(0, 5, 500)
sales = sales.sort_values("date")
X_train, X_test, y_train, y_test = train_test_split(sales[["dow"]], sales["units"], test_size=0.2, shuffle=False)
print(Ridge().fit(X_train, y_train).score(X_test, y_test))
