# expect: clean

# %%
import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.linear_model import LogisticRegression
rng = np.random.default_rng(0)
df = pd.DataFrame({"subject": np.repeat(np.arange(30), 10), "x": rng.normal(size=300), "y": rng.integers(0, 2, 300)})
print(df["subject"].value_counts().head())
print(cross_val_score(LogisticRegression(), df[["x"]], df["y"], groups=df["subject"], cv=GroupKFold(5)).mean())
