# expect: overlap-leak

# %%
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)
lin = LinearRegression()
lin.fit(X_test, y_test)
print(r2_score(y_test, lin.predict(X_test)))
