"""skops.io, imported without the work that diveml's own save and load never use.

When first imported, skops.io (0.16) computes its default lists of trusted types, and two of
them cost more than everything else ``diveml predict`` does once scikit-learn is loaded:

- the estimator types: it calls scikit-learn's ``all_estimators()``, which imports every
  scikit-learn module (and pytest, through ``sklearn.utils._testing``): about 2 s of the
  4-5 s ``diveml predict`` took on a 344-row table (bench/RESULTS.md, "Where the time goes");
- the numpy and scipy ufuncs: it finds the module of each of scipy's ~330 ufuncs by looking
  for it in every loaded module (pickle's ``whichmodule``): about 0.3 CPU-s in a predict
  process, more the more modules are loaded (bench/results_notes.md, "predict's imports").

It also imports ``sklearn.ensemble`` for one internal type of histogram gradient boosting,
whatever the model. diveml's models need none of that: they hold only the scikit-learn
classes its ladder builds (:data:`PIPELINE_CLASSES`, plus :data:`INTERNAL_CLASSES`) and no
ufunc. :func:`skops_io` therefore imports skops.io with those lists deferred: in skops's
place it puts lists that compute themselves exactly as skops would, the first time anything
other than diveml's own save and load reads them. Inside :func:`diveml_trust` they hold what
diveml trusts instead: the classes of :data:`PIPELINE_CLASSES` and :data:`INTERNAL_CLASSES`
that the file being checked names (only their modules are imported, so a linear model never
imports ``sklearn.ensemble``), and no ufunc. Another user of skops in the same process (a
lesson, a notebook) thus sees skops's own defaults, unchanged; diveml's save and load trust
fewer types than skops would, never more.

What this touches in skops, and how each part falls back when a skops release changes it
(tests/study/test_skops.py checks each part against the installed skops):

- ``sklearn.utils.all_estimators`` answers no class while skops.io is imported (as before);
- ``skops.io._utils.get_public_type_names`` answers a deferred list while
  ``skops.io._trusted_types`` runs (an import hook around that one module; without that
  module or function, nothing is swapped and skops scans as it always did);
- ``sklearn.ensemble`` cannot be imported while skops.io is imported, when it is not imported
  already (skops catches the ImportError and leaves the type out, diveml adds it back on
  demand); if skops.io fails to import that way, it is imported again with it.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import importlib.abc
import importlib.machinery
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any

__all__ = [
    "INTERNAL_CLASSES",
    "PIPELINE_CLASSES",
    "diveml_trust",
    "read_schema",
    "schema_type_names",
    "skops_io",
]

# Every scikit-learn class a diveml pipeline is made of (the ladder's code in _ladder.py,
# all branches); tests/study/test_skops.py checks each rung's saved model against it.
PIPELINE_CLASSES = (
    "sklearn.compose.ColumnTransformer",
    "sklearn.pipeline.Pipeline",
    "sklearn.impute.SimpleImputer",
    "sklearn.preprocessing.StandardScaler",
    "sklearn.preprocessing.OneHotEncoder",
    "sklearn.preprocessing.OrdinalEncoder",
    "sklearn.preprocessing.TargetEncoder",
    "sklearn.preprocessing.FunctionTransformer",
    "sklearn.preprocessing.LabelEncoder",  # inside a few estimators, for the classes
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",  # inside the vectorizer
    "sklearn.decomposition.TruncatedSVD",
    "sklearn.dummy.DummyClassifier",
    "sklearn.dummy.DummyRegressor",
    "sklearn.linear_model.LogisticRegression",
    "sklearn.linear_model.Ridge",
    "sklearn.tree.DecisionTreeClassifier",
    "sklearn.tree.DecisionTreeRegressor",
    "sklearn.ensemble.RandomForestClassifier",
    "sklearn.ensemble.RandomForestRegressor",
    "sklearn.ensemble.HistGradientBoostingClassifier",
    "sklearn.ensemble.HistGradientBoostingRegressor",
)
# Internal types that skops trusts by default and diveml's models hold, which skops.io is
# imported without (above): histogram gradient boosting keeps its binner.
INTERNAL_CLASSES = ("sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",)

_ENSEMBLE = "sklearn.ensemble"
_TRUSTED_TYPES_MODULE = "skops.io._trusted_types"

_ONLY_DIVEML = contextvars.ContextVar("diveml_skops_only", default=False)
# The type names (as skops writes them) of the classes resolved so far, by class name.
_RESOLVED: dict[str, str] = {}


def _type_name(cls: type) -> str:
    """The name skops writes for a class (its module as skops finds it, and its name)."""
    skops_io()  # diveml's way, before anything of skops.io is imported
    return str(sys.modules["skops.io._utils"].get_type_name(cls))


def _resolve(type_names: Iterable[str]) -> None:
    """Import those of diveml's classes that ``type_names`` name, and record their names.

    Matched by class name, then trusted under the name skops gives the class diveml
    imported: a file that names another module's ``LogisticRegression`` gets scikit-learn's
    imported and trusted, and its own type still refused.
    """
    wanted = {name.rpartition(".")[2] for name in type_names}
    for dotted in (*PIPELINE_CLASSES, *INTERNAL_CLASSES):
        module, _, name = dotted.rpartition(".")
        if name in wanted and dotted not in _RESOLVED:
            _RESOLVED[dotted] = _type_name(getattr(importlib.import_module(module), name))


class _Deferred(list[str]):
    """A default list of skops's, computed on first read outside diveml's save and load.

    Outside :func:`diveml_trust`, every read gives ``compute()`` (called once), which is
    what skops itself would have computed at import. Inside, it gives ``inside()``: what
    diveml trusts in that place. The list's own storage holds the computed names, so code
    that reads a list's items directly (in C) sees skops's list once it has been computed.
    """

    def __init__(self, compute: Callable[[], list[str]], inside: Callable[[], list[str]]):
        super().__init__()
        self._compute = compute
        self._inside = inside
        self.computed = False

    def _names(self) -> list[str]:
        if _ONLY_DIVEML.get():
            return list(self._inside())
        if not self.computed:
            list.extend(self, self._compute())
            self.computed = True
        return list(list.__iter__(self))

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __bool__(self) -> bool:
        return bool(self._names())

    def __contains__(self, item: object) -> bool:
        return item in self._names()

    def __getitem__(self, index: Any) -> Any:
        return self._names()[index]

    def __add__(self, other: Iterable[str]) -> list[str]:  # type: ignore[override]
        return self._names() + list(other)

    def __radd__(self, other: Iterable[str]) -> list[str]:
        return list(other) + self._names()

    def __eq__(self, other: object) -> bool:
        return self._names() == other

    __hash__ = None  # a list is unhashable; so is this one

    def __repr__(self) -> str:
        return repr(self._names())


def _deferring(real: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """skops's ``get_public_type_names``, giving its answer (ufuncs) as a deferred list."""

    def deferred(module: ModuleType, oftype: type) -> list[str]:
        # inside diveml's save and load: no ufunc (a diveml model holds none; save_model
        # refuses a pipeline that does)
        return _Deferred(lambda: real(module=module, oftype=oftype), list)

    return deferred


class _SwapLoader(importlib.abc.Loader):
    """Runs one module with an attribute of another module swapped for its duration."""

    def __init__(self, loader: Any, owner: str, name: str, make: Callable[[Any], Any]):
        self._loader = loader
        self._owner, self._name, self._make = owner, name, make

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        owner = sys.modules.get(self._owner)
        real = getattr(owner, self._name, None)
        if owner is None or real is None:  # another skops: run the module as it is
            self._loader.exec_module(module)
            return
        setattr(owner, self._name, self._make(real))
        try:
            self._loader.exec_module(module)
        finally:
            setattr(owner, self._name, real)
            if hasattr(module, self._name):  # what `from ... import name` bound there
                setattr(module, self._name, real)


class _AroundTrustedTypes(importlib.abc.MetaPathFinder):
    """Finds skops.io._trusted_types as usual and runs it with the ufunc scan deferred."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _TRUSTED_TYPES_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _SwapLoader(
            spec.loader, "skops.io._utils", "get_public_type_names", _deferring
        )
        return spec


@contextlib.contextmanager
def _deferred_skops_import(keep_out_ensemble: bool) -> Iterator[bool]:
    """While skops.io is imported: no estimator walk, no ufunc scan, no sklearn.ensemble.

    Yields whether ``sklearn.ensemble`` was kept out.
    """
    import sklearn.utils

    everything = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda type_filter=None: []
    finder = _AroundTrustedTypes()
    sys.meta_path.insert(0, finder)
    blocked = keep_out_ensemble and _ENSEMBLE not in sys.modules
    if blocked:
        sys.modules[_ENSEMBLE] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        yield blocked
    finally:
        if blocked and sys.modules.get(_ENSEMBLE, ...) is None:
            del sys.modules[_ENSEMBLE]
        sys.meta_path.remove(finder)
        sklearn.utils.all_estimators = everything


def _forget_skops_io() -> None:
    for name in [m for m in sys.modules if m == "skops.io" or m.startswith("skops.io.")]:
        del sys.modules[name]


def _all_estimator_names() -> list[str]:
    """What skops computes at import (skops/io/_trusted_types.py)."""
    from sklearn.utils import all_estimators

    names = [_type_name(cls) for _, cls in all_estimators()]
    return [name for name in names if name.startswith("sklearn.")]


def _with_internal(base: list[str]) -> Callable[[], list[str]]:
    """skops's internal types with the ones it was imported without, imported now."""

    def compute() -> list[str]:
        names = list(base)
        for dotted in INTERNAL_CLASSES:
            module, _, name = dotted.rpartition(".")
            try:
                cls = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError):  # as skops: left out where it is missing
                continue
            names.append(_type_name(cls))
        return names

    return compute


def skops_io() -> Any:
    """Return the ``skops.io`` module, imported without the work diveml never needs."""
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    try:
        with _deferred_skops_import(keep_out_ensemble=True) as blocked:
            import skops.io
    except ImportError:  # a skops that needs sklearn.ensemble to import: let it
        _forget_skops_io()
        with _deferred_skops_import(keep_out_ensemble=False) as blocked:
            import skops.io
    from skops.io import _general, _trusted_types

    estimators = _Deferred(_all_estimator_names, lambda: list(_RESOLVED.values()))
    _trusted_types.SKLEARN_ESTIMATOR_TYPE_NAMES = estimators
    _general.SKLEARN_ESTIMATOR_TYPE_NAMES = estimators
    if blocked:
        base = list(_trusted_types.SKLEARN_INTERNAL_TYPE_NAMES)
        internal = _Deferred(_with_internal(base), lambda: list(base))
        _trusted_types.SKLEARN_INTERNAL_TYPE_NAMES = internal
        _general.SKLEARN_INTERNAL_TYPE_NAMES = internal
    return skops.io


def read_schema(payload: bytes) -> Any:
    """The schema of a skops file (its bytes): what it holds, read before anything is built.

    Raises zipfile.BadZipFile, KeyError or ValueError on a damaged file.
    """
    return json.loads(zipfile.ZipFile(io.BytesIO(payload)).read("schema.json"))


def schema_type_names(schema: Any) -> set[str]:
    """Every ``module.class`` that a skops schema (:func:`read_schema`) names."""
    names: set[str] = set()
    stack = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            module, cls = item.get("__module__"), item.get("__class__")
            if isinstance(module, str) and isinstance(cls, str):
                names.add(f"{module}.{cls}")
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return names


@contextlib.contextmanager
def diveml_trust(type_names: Iterable[str] = ()) -> Iterator[None]:
    """Within this block skops trusts diveml's own classes by default, nothing more.

    Those of :data:`PIPELINE_CLASSES` and :data:`INTERNAL_CLASSES` that ``type_names`` (the
    names a file holds, :func:`schema_type_names`) name, and the ones named before, are
    imported and trusted; plus what the caller passes as ``trusted``. Outside, skops's own
    defaults.
    """
    _resolve(type_names)
    token = _ONLY_DIVEML.set(True)
    try:
        yield
    finally:
        _ONLY_DIVEML.reset(token)
