"""diveml's own import of skops: its models save and load, other skops users are unchanged.

Both checks run in a fresh interpreter, where diveml imports skops first (in this test
process another test may have imported skops the plain way, which hides the difference).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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

# The ensembles' models loaded where nothing but diveml's load has run: skops.io is then
# imported without sklearn.ensemble, which the file's own classes bring back in.
SAVE_ENSEMBLES = """
import sys
from pathlib import Path
import numpy as np, pandas as pd
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._model import save_model

folder = Path(sys.argv[1])
rng = np.random.default_rng(0)
X = pd.DataFrame({"x": rng.normal(size=80), "few": rng.choice(["a", "b"], size=80)})
y = pd.Series(rng.choice(["yes", "no"], size=80))
for rung in RUNGS:
    if rung.name in ("random_forest", "gradient_boosting"):
        pipe = build_pipeline(rung, "binary", ["x"], ["few"], 0).fit(X, y)
        save_model(pipe, folder / f"{rung.name}.skops", {"task": "binary"})
        np.save(folder / f"{rung.name}.npy", pipe.predict_proba(X))
X.to_parquet(folder / "X.parquet")
"""
LOAD_ENSEMBLES = """
import sys
from pathlib import Path
import numpy as np, pandas as pd
from diveml.study._model import load_model

folder = Path(sys.argv[1])
X = pd.read_parquet(folder / "X.parquet")
assert "sklearn.ensemble" not in sys.modules
for name in ("random_forest", "gradient_boosting"):
    pipe, _ = load_model(folder / f"{name}.skops")
    assert np.allclose(pipe.predict_proba(X), np.load(folder / f"{name}.npy")), name
print("OK")
"""


def test_ensembles_load_where_skops_was_imported_without_sklearn_ensemble(
    tmp_path: Path,
) -> None:
    run(SAVE_ENSEMBLES, str(tmp_path))
    assert run(LOAD_ENSEMBLES, str(tmp_path)).strip().endswith("OK")


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
# once an outside reader has made skops compute its full list, diveml still trusts its own
# classes only
with diveml_trust():
    again = sio.get_untrusted_types(data=sio.dumps(model))
assert again == inside, again
assert sio.loads(sio.dumps(model)).predict(np.eye(3)).tolist() == [0, 1, 2]
print("OK")
"""


# The lists skops trusts by default, as another user of skops reads them: printed after a
# plain `import skops.io`, and after diveml's import of it followed by diveml's own load of
# a linear model (inside diveml_trust, which must not change what others read later).
DEFAULT_LISTS = """
import json, sys
from skops.io import _general, _trusted_types as t
lists = {
    name: list(getattr(t, name))
    for name in ("SCIPY_UFUNC_TYPE_NAMES", "NUMPY_UFUNC_TYPE_NAMES",
                 "SKLEARN_ESTIMATOR_TYPE_NAMES", "SKLEARN_INTERNAL_TYPE_NAMES")
}
# what skops's loaders read: the same objects
assert _general.SKLEARN_ESTIMATOR_TYPE_NAMES is t.SKLEARN_ESTIMATOR_TYPE_NAMES
assert _general.SKLEARN_INTERNAL_TYPE_NAMES is t.SKLEARN_INTERNAL_TYPE_NAMES
assert _general.SCIPY_UFUNC_TYPE_NAMES is t.SCIPY_UFUNC_TYPE_NAMES
print("LISTS " + json.dumps(lists))
"""
DIVEML_FIRST = """
import numpy as np, pandas as pd, tempfile
from pathlib import Path
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._model import load_model, save_model
from diveml.study._skops import skops_io
X = pd.DataFrame({"x": np.arange(20.0), "c": ["a", "b"] * 10})
pipe = build_pipeline(RUNGS[1], "regression", ["x"], ["c"], 0).fit(X, X["x"] * 2)
path = Path(tempfile.mkdtemp()) / "model.skops"
save_model(pipe, path, {"task": "regression"})
loaded, _ = load_model(path)
"""


def _lists(code: str) -> dict[str, list[str]]:
    out = run(code + DEFAULT_LISTS)
    return dict(json.loads(out.split("LISTS ", 1)[1]))


def test_other_users_read_the_lists_skops_itself_computes() -> None:
    plain = _lists("import skops.io\n")
    after_diveml = _lists(DIVEML_FIRST)
    assert plain["SCIPY_UFUNC_TYPE_NAMES"]  # skops found ufuncs: the lists are not empty
    assert any("_BinMapper" in n for n in plain["SKLEARN_INTERNAL_TYPE_NAMES"])
    assert after_diveml == plain


# A file that names one of diveml's class names from another module: scikit-learn's class
# of that name is what gets trusted, and the file's own type is still refused.
LOOKALIKE = """
from diveml.study import _skops
from diveml.study._skops import diveml_trust, read_schema, schema_type_names, skops_io

class LogisticRegression:  # not scikit-learn's
    pass

sio = skops_io()
payload = sio.dumps(LogisticRegression())
names = schema_type_names(read_schema(payload))
assert "__main__.LogisticRegression" in names, names
with diveml_trust(names):
    untrusted = sio.get_untrusted_types(data=payload)
# scikit-learn's class of that name was resolved (and would be trusted)
assert "sklearn.linear_model.LogisticRegression" in _skops._RESOLVED
assert untrusted == ["__main__.LogisticRegression"], untrusted
print("OK")
"""


def test_a_class_named_like_diveml_s_from_elsewhere_is_not_trusted() -> None:
    assert run(LOOKALIKE).strip().endswith("OK")


def run(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_every_rung_saves_and_loads_with_diveml_trust_only() -> None:
    assert run(EVERY_RUNG).strip().endswith("OK")


def test_skops_keeps_its_own_defaults_for_everyone_else() -> None:
    assert run(OTHER_USERS).strip().endswith("OK")
