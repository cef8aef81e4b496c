# expect: preprocessing-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
words = ["good", "bad", "great", "awful", "fine", "poor", "nice", "terrible"]
rng = np.random.default_rng(0)
docs = [" ".join(rng.choice(words, 6)) for _ in range(400)]
labels = np.array([int(d.count("good") + d.count("great") > d.count("bad")) for d in docs])

# %%
vec = TfidfVectorizer()
X_all = vec.fit_transform(docs)
X_train, X_test, y_train, y_test = train_test_split(X_all, labels, test_size=0.2, random_state=0)
nb = MultinomialNB().fit(X_train, y_train)
print(accuracy_score(y_test, nb.predict(X_test)))
