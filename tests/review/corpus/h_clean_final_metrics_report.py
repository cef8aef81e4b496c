# expect: clean

# %%
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score, roc_auc_score, f1_score, ConfusionMatrixDisplay
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
gs = GridSearchCV(GradientBoostingClassifier(), {"max_depth": [2, 3]}, cv=3).fit(X_train, y_train)
model = gs.best_estimator_
pred = model.predict(X_test)
proba = model.predict_proba(X_test)[:, 1]
print({"accuracy": accuracy_score(y_test, pred), "f1": f1_score(y_test, pred), "auc": roc_auc_score(y_test, proba)})
ConfusionMatrixDisplay.from_estimator(model, X_test, y_test)
