# expect: overlap-leak

# %%
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score
iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, random_state=0)
knn = KNeighborsClassifier(3)
knn.fit(iris.data, iris.target)
y_pred = knn.predict(X_test)
print(accuracy_score(y_test, y_pred))
