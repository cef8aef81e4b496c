# expect: clean

# %%
from sklearn.datasets import load_breast_cancer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.feature_selection import SelectKBest
from sklearn.svm import SVC
from sklearn.model_selection import cross_val_score, train_test_split
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
pipe = Pipeline([("sc", StandardScaler()), ("kb", SelectKBest(k=10)), ("svc", SVC())])
print(cross_val_score(pipe, X_train, y_train, cv=5).mean())
pipe.fit(X_train, y_train)
print("holdout", pipe.score(X_test, y_test))
