# expect: cv-spread-as-interval

# %%
from sklearn.datasets import load_iris
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC
X, y = load_iris(return_X_y=True)
acc = cross_val_score(SVC(), X, y, cv=5)
print("Accuracy: {:.2f} (95% confidence interval +/- {:.2f})".format(acc.mean(), acc.std() * 2))
