# expect: clean

# %%
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
X, y = load_wine(return_X_y=True)
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, test_size=0.25, random_state=0)
sc = StandardScaler().fit(X_train)
best = None
for C in [0.01, 0.1, 1, 10]:
    m = LogisticRegression(C=C, max_iter=5000).fit(sc.transform(X_train), y_train)
    acc = m.score(sc.transform(X_val), y_val)
    if best is None or acc > best[0]:
        best = (acc, C)
final = LogisticRegression(C=best[1], max_iter=5000).fit(sc.transform(X_train), y_train)
print("test", final.score(sc.transform(X_test), y_test))
