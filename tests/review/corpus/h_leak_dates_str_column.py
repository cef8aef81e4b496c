# expect: random-split-of-dated-rows

# %%
import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
rng = np.random.default_rng(0)
trips = pd.DataFrame({"pickup_datetime": pd.date_range("2023-01-01", periods=600, freq="h").astype(str), "distance": rng.gamma(2, 2, 600)})
trips["pickup_datetime"] = pd.to_datetime(trips["pickup_datetime"])
trips["hour"] = trips.pickup_datetime.dt.hour
trips["fare"] = 3 + 2 * trips["distance"] + rng.normal(0, 1, 600)
X_train, X_test, y_train, y_test = train_test_split(trips[["distance", "hour"]], trips["fare"], test_size=0.2, random_state=1)
print(GradientBoostingRegressor().fit(X_train, y_train).score(X_test, y_test))
