# expect: multi-test-leak

# %%
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge, Lasso
from sklearn.metrics import mean_squared_error
X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)

# %%
ridge = Ridge(alpha=1.0).fit(X_train, y_train)
print("ridge", mean_squared_error(y_test, ridge.predict(X_test)))

# %%
ridge = Ridge(alpha=0.1).fit(X_train, y_train)
print("ridge 0.1", mean_squared_error(y_test, ridge.predict(X_test)))

# %%
lasso = Lasso(alpha=0.1).fit(X_train, y_train)
print("lasso", mean_squared_error(y_test, lasso.predict(X_test)))
