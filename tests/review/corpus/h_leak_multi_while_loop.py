# expect: multi-test-leak

# %%
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
n = 10
best_score, best_n = 0, None
while n <= 200:
    rf = RandomForestClassifier(n_estimators=n, random_state=0).fit(X_train, y_train)
    s = rf.score(X_test, y_test)
    if s > best_score:
        best_score, best_n = s, n
    n *= 2
print(best_n, best_score)
