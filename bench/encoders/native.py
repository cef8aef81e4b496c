"""One-hot against native categories in diveml's gradient boosting rung (bench/encoders/README.md).

python bench/encoders/native.py titanic survived
"""

import sys, time
import numpy as np, pandas as pd
from threadpoolctl import threadpool_limits
from sklearn.model_selection import cross_val_score, StratifiedKFold, KFold
import diveml.study._ladder as L
from diveml.audit import audit
from diveml.data import load_dataset
from diveml.study._split import Columns, prepare

name, target = sys.argv[1], sys.argv[2]
df = load_dataset(name)
a = audit(df, target)
task = a.task
num = [
    c for c, k in a.feature_types.items() if k == "numeric" and c not in a.excluded and c != target
]
cat = [
    c
    for c, k in a.feature_types.items()
    if k in ("categorical", "boolean") and c not in a.excluded and c != target
]
p = prepare(df, Columns(target, task, num, cat))
many = L.many_valued_columns(p.X, p.categorical)
few = [c for c in p.categorical if c not in many]
rung = next(r for r in L.RUNGS if r.name == "gradient_boosting")
cv = (
    KFold(5, shuffle=True, random_state=0)
    if task == "regression"
    else StratifiedKFold(5, shuffle=True, random_state=0)
)
metric = {"regression": "r2", "binary": "roc_auc", "multiclass": "balanced_accuracy"}[task]
with threadpool_limits(1):
    for native in (False, True):
        L.NATIVE_CATEGORICAL_RUNGS = ("gradient_boosting",) if native else ()
        pipe = L.build_pipeline(rung, task, p.numeric, few, 0, L.Encoding(many))
        t = time.perf_counter()
        s = cross_val_score(pipe, p.X, p.y, cv=cv, scoring=metric)
        print(
            f"{name} few={len(few)} native={native}: {metric} {s.mean():.4f} +- {s.std():.4f} {time.perf_counter() - t:.1f}s",
            flush=True,
        )
