# expect: multi-test-leak

# %%
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import f1_score
X, y = load_wine(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
candidates = [("lr", LogisticRegression(max_iter=5000)), ("svc", SVC()), ("dt", DecisionTreeClassifier())]
scores = {}
for label, est in candidates:
    est.fit(X_train, y_train)
    scores[label] = f1_score(y_test, est.predict(X_test), average="macro")
winner = max(scores, key=scores.get)
print(winner)
