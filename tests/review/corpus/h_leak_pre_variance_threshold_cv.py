# expect: preprocessing-leak

# %%
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectPercentile, chi2
from sklearn.model_selection import cross_validate
from sklearn.naive_bayes import GaussianNB
import numpy as np
X, y = make_classification(500, 300, n_informative=4, random_state=1)
X = np.abs(X)
X_sel = SelectPercentile(chi2, percentile=5).fit_transform(X, y)
res = cross_validate(GaussianNB(), X_sel, y, cv=5)
print(res["test_score"].mean())
