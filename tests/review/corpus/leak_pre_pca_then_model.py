# expect: preprocessing-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
X, y = load_breast_cancer(return_X_y=True)

# %%
from sklearn.decomposition import PCA
pca = PCA(n_components=5)
X_pca = pca.fit_transform(X)

# %%
from sklearn.neighbors import KNeighborsClassifier
Xtr, Xte, ytr, yte = train_test_split(X_pca, y, random_state=7)
knn = KNeighborsClassifier(n_neighbors=5).fit(Xtr, ytr)
print("KNN test accuracy", knn.score(Xte, yte))
