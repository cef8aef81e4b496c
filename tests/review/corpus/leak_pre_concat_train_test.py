# expect: preprocessing-leak
# %%
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

# %%
df = load_breast_cancer(as_frame=True).frame

# %%
train_df, test_df = train_test_split(df, test_size=0.3, random_state=0)
full = pd.concat([train_df, test_df])

# %%
from sklearn.preprocessing import StandardScaler
cols = [c for c in df.columns if c != "target"]
sc = StandardScaler().fit(full[cols])
Xtr = sc.transform(train_df[cols])
Xte = sc.transform(test_df[cols])
model = LogisticRegression(max_iter=1000).fit(Xtr, train_df["target"])
print(accuracy_score(test_df["target"], model.predict(Xte)))
