"""Compare text encodings on a catalog table: 5-fold CV ROC AUC and time (bench/encoders/README.md).

python bench/encoders/text.py dga_domains domain class 20000 [max_features]
"""

import sys
import time
import numpy as np
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score, StratifiedKFold, train_test_split
from diveml.data import load_dataset
from threadpoolctl import threadpool_limits

name, col, tgt, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
MAX_FEATURES = int(sys.argv[5]) if len(sys.argv) > 5 else 20000
df = load_dataset(name)
X = df[col].astype(str)
y = df[tgt]
if len(df) > n:
    X, _, y, _ = train_test_split(X, y, train_size=n, stratify=y, random_state=0)
cv = StratifiedKFold(5, shuffle=True, random_state=0)


def tf(style):
    return (
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, max_features=MAX_FEATURES
        )
        if style == "char"
        else TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, max_features=MAX_FEATURES
        )
    )


variants = {
    "char+svd30+LR": lambda: make_pipeline(
        tf("char"),
        TruncatedSVD(30, random_state=0),
        StandardScaler(),
        LogisticRegression(max_iter=1000),
    ),
    "char+svd30+HGB": lambda: make_pipeline(
        tf("char"),
        TruncatedSVD(30, random_state=0),
        StandardScaler(),
        HistGradientBoostingClassifier(random_state=0),
    ),
    "char+svd100+HGB": lambda: make_pipeline(
        tf("char"),
        TruncatedSVD(100, random_state=0),
        StandardScaler(),
        HistGradientBoostingClassifier(random_state=0),
    ),
    "char sparse+LR": lambda: make_pipeline(tf("char"), LogisticRegression(max_iter=1000)),
    "word+svd30+HGB": lambda: make_pipeline(
        tf("word"),
        TruncatedSVD(30, random_state=0),
        StandardScaler(),
        HistGradientBoostingClassifier(random_state=0),
    ),
}
with threadpool_limits(1):
    for k, f in variants.items():
        t = time.perf_counter()
        s = cross_val_score(f(), X, y, cv=cv, scoring="roc_auc")
        print(
            f"{name} n={len(X)} {k}: {s.mean():.4f} +- {s.std():.4f}  {time.perf_counter() - t:.1f}s",
            flush=True,
        )
