# expect: preprocessing-leak

# %%
import numpy as np
import pandas as pd
from sklearn.datasets import fetch_california_housing
from sklearn.impute import KNNImputer
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.ensemble import RandomForestRegressor
Xy = fetch_california_housing(as_frame=True).frame.sample(2000, random_state=0)
Xy.iloc[::10, 0] = np.nan
features = Xy.drop(columns=["MedHouseVal"])
target = Xy["MedHouseVal"]
imp = KNNImputer(n_neighbors=3)
features_filled = pd.DataFrame(imp.fit_transform(features), columns=features.columns)

# %%
Xtr, Xte, ytr, yte = train_test_split(features_filled, target, random_state=0)
search = GridSearchCV(RandomForestRegressor(n_estimators=20), {"max_depth": [4, 8]}, cv=3)
search.fit(Xtr, ytr)
print(search.score(Xte, yte))
