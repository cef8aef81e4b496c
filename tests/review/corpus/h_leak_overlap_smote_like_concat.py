# expect: overlap-leak

# %%
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
df = load_breast_cancer(as_frame=True).frame
minority = df[df["target"] == 0]
df_balanced = pd.concat([df, minority, minority])
X = df_balanced.drop("target", axis=1)
y = df_balanced["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
svm = SVC().fit(X_train, y_train)
print(svm.score(X_test, y_test))
