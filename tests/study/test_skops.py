"""diveml's own import of skops: its models save and load, other skops users are unchanged.

Both checks run in a fresh interpreter, where diveml imports skops first (in this test
process another test may have imported skops the plain way, which hides the difference).
"""

from __future__ import annotations

import subprocess
import sys

# Every rung, both kinds of task, and every branch of the preprocessing (numbers, a few
# categories, many categories, free text, dates): each saved model must hold only types
# that diveml trusts, and load back to the same predictions.
EVERY_RUNG = """
import sys, tempfile
from pathlib import Path
import numpy as np, pandas as pd
from diveml.study._ladder import RUNGS, Encoding, build_pipeline
from diveml.study._model import load_model, save_model
from diveml.study._features import as_dates

rng = np.random.default_rng(0)
n = 120
X = pd.DataFrame({
    "x": rng.normal(size=n),
    "few": rng.choice(["a", "b", "c"], size=n),
    "many": [f"v{i}" for i in rng.integers(0, 60, size=n)],
    "text": [" ".join(rng.choice(["red", "green", "blue", "cat", "dog"], size=5)) for _ in range(n)],
    "when": as_dates(pd.Series(pd.date_range("2020-01-01", periods=n, freq="D").astype(str))),
})
targets = {"binary": pd.Series(rng.choice(["yes", "no"], size=n)),
           "multiclass": pd.Series(rng.choice(["p", "q", "r"], size=n)),
           "regression": pd.Series(rng.normal(size=n))}
folder = Path(tempfile.mkdtemp())
for task, y in targets.items():
    for rung in RUNGS:
        encoding = Encoding(["many"], {"text": "word"}, ["when"], components={"text": 3})
        pipe = build_pipeline(rung, task, ["x"], ["few", "many"], 0, encoding)
        pipe.fit(X, y)
        path = folder / f"{task}-{rung.name}.skops"
        save_model(pipe, path, {"task": task})
        loaded, _ = load_model(path)
        assert (loaded.predict(X) == pipe.predict(X)).all(), (task, rung.name)
assert "pytest" not in sys.modules and "sklearn.utils._testing" not in sys.modules
print("OK")
"""

# Outside diveml's save and load, skops trusts what it always trusts: a model diveml never
# makes (k nearest neighbours) has no untrusted types, as with skops imported plainly.
OTHER_USERS = """
import numpy as np
from sklearn.neighbors import KNeighborsClassifier
from diveml.study._skops import diveml_trust, skops_io

sio = skops_io()
model = KNeighborsClassifier(n_neighbors=1).fit(np.eye(3), [0, 1, 2])
with diveml_trust():
    inside = sio.get_untrusted_types(data=sio.dumps(model))
outside = sio.get_untrusted_types(data=sio.dumps(model))
assert any("KNeighborsClassifier" in t for t in inside), inside
assert outside == [], outside
assert sio.loads(sio.dumps(model)).predict(np.eye(3)).tolist() == [0, 1, 2]
print("OK")
"""


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_every_rung_saves_and_loads_with_diveml_trust_only() -> None:
    assert run(EVERY_RUNG).strip().endswith("OK")


def test_skops_keeps_its_own_defaults_for_everyone_else() -> None:
    assert run(OTHER_USERS).strip().endswith("OK")
