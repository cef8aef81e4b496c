# expect: clean
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
rng = np.random.default_rng(3)
orders = pd.DataFrame({"customer_id": rng.integers(0, 200, 2000), "amount": rng.gamma(2, 20, 2000)})
per_customer = orders.groupby("customer_id").agg(n_orders=("amount", "size"), spend=("amount", "sum")).reset_index()
per_customer["vip"] = (per_customer["spend"] > per_customer["spend"].quantile(0.8)).astype(int)
X = per_customer[["n_orders"]]
y = per_customer["vip"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
