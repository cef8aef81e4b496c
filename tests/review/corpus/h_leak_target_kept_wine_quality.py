# expect: target-in-features

# %%
import pandas as pd
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
rng = np.random.default_rng(0)
wine = pd.DataFrame({"alcohol": rng.normal(10, 1, 400), "acidity": rng.normal(3, .3, 400), "quality": rng.integers(3, 9, 400)})
wine["good"] = (wine["quality"] >= 7).astype(int)
X = wine.drop(["good"], axis=1)
y = wine["good"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
