# expect: preprocessing-leak

# %%
import pandas as pd
import numpy as np
from sklearn import preprocessing, model_selection, ensemble, metrics
from sklearn.datasets import load_wine
wine = load_wine(as_frame=True)
data = wine.frame
target_col = 'target'

# %%
y = data[target_col]
data = data.drop(target_col, axis=1)
num_cols = data.columns
data[num_cols] = preprocessing.StandardScaler().fit_transform(data[num_cols])

# %%
X_tr, X_val, y_tr, y_val = model_selection.train_test_split(data, y, test_size=.2, random_state=2)
clf = ensemble.ExtraTreesClassifier(n_estimators=100)
clf.fit(X_tr, y_tr)
print(metrics.accuracy_score(y_val, clf.predict(X_val)))
