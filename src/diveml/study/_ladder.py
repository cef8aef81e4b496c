"""The model ladder: simplest first, preprocessing inside every pipeline.

Each rung is a scikit-learn :class:`~sklearn.pipeline.Pipeline` of one
:class:`~sklearn.compose.ColumnTransformer` (numbers: median imputation and scaling;
categories: a "missing" category, then one-hot encoding that groups rare values and ignores
unseen ones; categories with many values: target encoding, cross-fitted) and one estimator.
Because the preprocessing is part of the pipeline, cross-validation fits it on the training
folds only: nothing is learnt from validation rows.

The same rungs are written out as code by :func:`pipeline_code` for the notebook; a test
checks that the code builds the very pipeline :func:`build_pipeline` returns.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "NO_ENCODING",
    "RUNGS",
    "Encoding",
    "Rung",
    "build_pipeline",
    "encoded_width",
    "many_valued_columns",
    "pipeline_code",
    "run_rung",
]

# One-hot settings: categories seen fewer than MIN_FREQUENCY times share one column, and at
# most MAX_CATEGORIES columns per feature, so a column with thousands of values cannot blow
# up the width (and the fit time) of every model.
MIN_FREQUENCY = 5
MAX_CATEGORIES = 30
# A categorical column with more than MAX_CATEGORIES distinct values in the training rows is
# target encoded instead (each value replaced by the mean target of its rows, shrunk towards
# the overall mean, learnt by internal cross-fitting so a row never sees its own target).
# One-hot capped at 30 columns threw most of such a column away: on the benchmark's
# election_polls table (pollster, race and location with hundreds of values) 5-fold CV r2
# went from 0.839 to 0.900 for ridge and from 0.879 to 0.968 for gradient boosting, and the
# fits got faster (bench/RESULTS.md).
TARGET_ENCODER_FOLDS = 5


def many_valued_columns(X: pd.DataFrame, categorical: list[str]) -> list[str]:
    """Return the categorical columns that are target encoded (too many values for one-hot)."""
    return [c for c in categorical if int(X[c].nunique()) > MAX_CATEGORIES]


def encoded_width(
    X: pd.DataFrame, numeric: list[str], categorical: list[str], many: list[str], classes: int
) -> int:
    """Return how many columns the preprocessing makes of ``X``.

    ``categorical`` are all the categorical columns; those in ``many`` (from
    :func:`many_valued_columns`) are target encoded, the others one-hot encoded (capped).
    """
    per_encoded = classes if classes > 2 else 1  # multiclass: one column per class
    return len(numeric) + sum(
        per_encoded if c in many else min(int(X[c].nunique()), MAX_CATEGORIES) for c in categorical
    )


@dataclasses.dataclass(frozen=True)
class Rung:
    """One step of the ladder; ``complexity`` orders them, simplest first."""

    name: str
    label: str
    complexity: int
    classifier: str  # code building the estimator, with {seed}
    regressor: str


RUNGS: tuple[Rung, ...] = (
    Rung(
        "dummy",
        "baseline (predicts the most common class / the mean)",
        0,
        "DummyClassifier(strategy='prior')",
        "DummyRegressor(strategy='mean')",
    ),
    Rung(
        "linear",
        "linear model (logistic regression / ridge)",
        1,
        "LogisticRegression(max_iter=1000)",
        "Ridge(alpha=1.0)",
    ),
    Rung(
        "small_tree",
        "small decision tree (depth 4)",
        2,
        "DecisionTreeClassifier(max_depth=4, random_state={seed})",
        "DecisionTreeRegressor(max_depth=4, random_state={seed})",
    ),
    Rung(
        "random_forest",
        "random forest (100 trees)",
        3,
        # max_features='sqrt' for both tasks: the regressor's default (all features) costs
        # several times more and rarely helps on tables; min_samples_leaf=2 halves the trees.
        "RandomForestClassifier(n_estimators=100, min_samples_leaf=2, random_state={seed}, n_jobs=1)",
        "RandomForestRegressor(n_estimators=100, max_features='sqrt', min_samples_leaf=2, random_state={seed}, n_jobs=1)",
    ),
    Rung(
        "gradient_boosting",
        "gradient boosting (histogram-based)",
        4,
        "HistGradientBoostingClassifier(random_state={seed})",
        "HistGradientBoostingRegressor(random_state={seed})",
    ),
)

_IMPORTS = """\
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
"""

_ENCODER_IMPORTS = """from sklearn.model_selection import {splitter}
from sklearn.preprocessing import TargetEncoder
"""

_TEXT_IMPORTS = """from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
"""
_SPARSE_TEXT_IMPORTS = """from sklearn.feature_extraction.text import TfidfVectorizer
"""

_DATE_IMPORTS = """from sklearn.preprocessing import FunctionTransformer

from diveml.study import calendar_features
"""

# TF-IDF settings of each text style (see _features.py for how the style is chosen):
# character n-grams within word boundaries for short strings and code, words and word
# pairs for prose; the vocabulary is capped so a column of long texts stays affordable.
# 5,000 rather than 20,000: on a 20,000-row sample of dga_domains (5-fold CV ROC AUC) the
# smaller vocabulary scored the same (gradient boosting 0.981 against 0.978, logistic
# regression 0.942 against 0.943) and made the saved model several times smaller (30 MB
# with 20,000) and quicker to write.
_TFIDF = {
    "char": 'analyzer="char_wb", ngram_range=(1, 4)',
    "word": 'analyzer="word", ngram_range=(1, 2)',
}
TFIDF_MAX_FEATURES = 5_000
# The same settings as keyword arguments, for counting a column's terms (_features.py).
TFIDF_KWARGS: dict[str, dict[str, Any]] = {
    "char": {"analyzer": "char_wb", "ngram_range": (1, 4), "max_features": TFIDF_MAX_FEATURES},
    "word": {"analyzer": "word", "ngram_range": (1, 2), "max_features": TFIDF_MAX_FEATURES},
}
# Rungs that take categories as integer codes and split on them natively, not one-hot.
# Histogram gradient boosting with native categories beat it on one-hot columns on the
# benchmark's ames table (kept-back r2 0.906 for scikit-learn's native-categorical default
# against diveml's 0.874 with one-hot, bench/RESULTS.md); measured in diveml's own rung on
# the catalog tables at hand (5-fold CV of the gradient boosting rung, one-hot -> native):
# titanic roc_auc 0.837 -> 0.838, penguins balanced accuracy 0.983 -> 0.981, election_polls
# r2 0.9925 -> 0.9926 with the fit time halved (79 s -> 42 s): the same within the folds'
# spread, and faster (bench/encoders/README.md).
NATIVE_CATEGORICAL_RUNGS = ("gradient_boosting",)
# Rungs that take each text column as its sparse TF-IDF matrix, without the SVD: a linear
# model is at its best on the thousands of sparse n-gram columns, and fits them fast. On
# dga_domains (5-fold CV ROC AUC on 20,000 rows, bench/encoders/README.md) the sparse
# TF-IDF with logistic regression scored 0.992 against 0.943 on the 30 SVD columns, and
# skipping the SVD made it faster. The baseline ignores its input, so it takes the cheaper
# encoding too. The trees and boosting keep the dense SVD columns (histogram gradient
# boosting refuses sparse input, and trees on 5,000 sparse columns would crawl).
SPARSE_TEXT_RUNGS = ("dummy", "linear")


def _text_branches(
    text: Mapping[str, str],
    seed: int,
    components: Mapping[str, int] | None = None,
    sparse: bool = False,
) -> str:
    """Return the ColumnTransformer entries of the text columns, one per column.

    ``sparse``: the TF-IDF matrix as it is (for the rungs in SPARSE_TEXT_RUNGS), else
    reduced by truncated SVD to dense columns.
    """
    from diveml.study._features import TEXT_COMPONENTS

    blocks = []
    for index, (column, style) in enumerate(text.items()):
        how = "character n-grams" if style == "char" else "words"
        n = (components or {}).get(column, TEXT_COMPONENTS)
        if sparse:
            blocks.append(f"""
        # free text, as TF-IDF of {how}, kept sparse (up to {TFIDF_MAX_FEATURES:,} columns)
        ("text_{index}", TfidfVectorizer({_TFIDF[style]}, sublinear_tf=True, max_features={TFIDF_MAX_FEATURES}), {column!r}),""")
            continue
        blocks.append(f"""
        # free text, as TF-IDF of {how}, reduced to {n} dense columns
        ("text_{index}", Pipeline([
            ("tfidf", TfidfVectorizer({_TFIDF[style]}, sublinear_tf=True, max_features={TFIDF_MAX_FEATURES})),
            ("svd", TruncatedSVD(n_components={n}, random_state={seed})),
            ("scale", StandardScaler()),
        ]), {column!r}),""")
    return "".join(blocks)


@dataclasses.dataclass(frozen=True)
class Encoding:
    """Which columns get an encoder other than scaling (numbers) and one-hot (categories)."""

    many_valued: list[str] | tuple[str, ...] = ()
    """Categorical columns with more than MAX_CATEGORIES values: target encoded."""
    text: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Each free-text column's style (``"char"`` or ``"word"``, see :mod:`._features`)."""
    dates: list[str] | tuple[str, ...] = ()
    """Date columns (already parsed to datetimes), made into calendar features."""
    hours: list[str] | tuple[str, ...] = ()
    """The date columns that also get the hour of the day."""
    components: Mapping[str, int] | None = None
    """SVD columns of each text column (fewer than the default for a tiny vocabulary)."""


NO_ENCODING = Encoding()


def pipeline_code(
    rung: Rung,
    task: str,
    numeric: list[str],
    categorical: list[str],
    seed: int,
    encoding: Encoding = NO_ENCODING,
) -> str:
    """Return plain scikit-learn code that defines ``model``, the unfitted pipeline of ``rung``.

    ``categorical`` columns are one-hot encoded; ``encoding`` says which columns get the
    other encoders (:class:`Encoding`). Each block is written only when it has columns, so
    most notebooks stay as short as before.
    """
    many_valued, dates, hours = encoding.many_valued, encoding.dates, encoding.hours
    components = encoding.components
    estimator = (rung.regressor if task == "regression" else rung.classifier).format(seed=seed)
    imports = _IMPORTS
    text = dict(encoding.text)
    encoded = ""
    native = rung.name in NATIVE_CATEGORICAL_RUNGS and bool(categorical)
    if native:
        # The categories come first, as integer codes, and the booster is told their
        # positions: it then splits on groups of categories rather than on one-hot columns.
        imports = imports.replace(
            "import OneHotEncoder, StandardScaler", "import OrdinalEncoder, StandardScaler"
        )
        estimator = estimator.replace(
            "(random_state=",
            "(categorical_features=list(range(len(categorical_columns))), random_state=",
        )
    categories = _categories_block(native)
    if many_valued:
        splitter = "KFold" if task == "regression" else "StratifiedKFold"
        imports += _ENCODER_IMPORTS.format(splitter=splitter)
        encoded = _many_valued_block(task, splitter, seed)
    sparse = rung.name in SPARSE_TEXT_RUNGS and bool(text)
    if text:
        imports += _SPARSE_TEXT_IMPORTS if sparse else _TEXT_IMPORTS
        encoded += _text_branches(text, seed, components, sparse)
    if dates:
        imports += _DATE_IMPORTS
        encoded += _dates_block(hours)
    return (
        imports
        + f"""
numeric_columns = {numeric!r}
categorical_columns = {categorical!r}
"""
        + (f"many_valued_columns = {list(many_valued)!r}\n" if many_valued else "")
        + (f"date_columns = {list(dates)!r}\n" if dates else "")
        + f"""preprocess = ColumnTransformer(
    [{categories if native else ""}
        ("numeric", Pipeline([
            ("impute", SimpleImputer(strategy="median")),
            ("scale", StandardScaler()),
        ]), numeric_columns),{"" if native else categories}{encoded}
    ],
    remainder="drop",
    {_SPARSE_OUTPUT if sparse else _DENSE_OUTPUT}
)
model = Pipeline([("preprocess", preprocess), ("model", {estimator})])
"""
    )


_DENSE_OUTPUT = (
    "sparse_threshold=0.0,  # dense output: histogram gradient boosting refuses sparse input"
)
_SPARSE_OUTPUT = "sparse_threshold=1.0,  # sparse output: the text's TF-IDF columns stay sparse"


def _categories_block(native: bool) -> str:
    """The ColumnTransformer entry of the categories: integer codes (native) or one-hot."""
    if native:
        return f"""
        # categories as integer codes (rare ones grouped, unseen ones -1: treated as missing)
        ("categorical", Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            ("codes", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, min_frequency={MIN_FREQUENCY}, max_categories={MAX_CATEGORIES})),
        ]), categorical_columns),"""
    return f"""
        ("categorical", Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            ("onehot", OneHotEncoder(handle_unknown="ignore", min_frequency={MIN_FREQUENCY}, max_categories={MAX_CATEGORIES})),
        ]), categorical_columns),"""


def _many_valued_block(task: str, splitter: str, seed: int) -> str:
    """The entry of the categories with too many values for one-hot: target encoding."""
    # Said, not inferred: a regression target of whole numbers (prices in dollars) would
    # be taken for thousands of classes, making the encoding slow and wrong.
    target_type = {"regression": "continuous"}.get(task, task)
    return f"""
        # more than {MAX_CATEGORIES} values: each value becomes the average target of its rows,
        # learnt by cross-fitting so no row's own target leaks into its encoding
        ("many_valued", Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
            ("target_encode", TargetEncoder(target_type="{target_type}", cv={splitter}({TARGET_ENCODER_FOLDS}, shuffle=True, random_state={seed}))),
            ("scale", StandardScaler()),
        ]), many_valued_columns),"""


def _dates_block(hours: list[str] | tuple[str, ...]) -> str:
    """The entry of the date columns: calendar features, imputed and scaled."""
    return f"""
        # dates: year, month, day, day of week{", hour" if hours else ""} and days since 1970
        ("dates", Pipeline([
            ("calendar", FunctionTransformer(calendar_features, kw_args={{"hours": {list(hours)!r}}})),
            ("impute", SimpleImputer(strategy="median")),
            ("scale", StandardScaler()),
        ]), date_columns),"""


def build_pipeline(
    rung: Rung,
    task: str,
    numeric: list[str],
    categorical: list[str],
    seed: int,
    encoding: Encoding = NO_ENCODING,
) -> Any:
    """Return the unfitted pipeline of ``rung``, built by running :func:`pipeline_code`.

    Running the very code the notebook shows (rather than a second hand-written copy)
    guarantees that the notebook reproduces the study's model.
    """
    namespace: dict[str, Any] = {}
    code = pipeline_code(rung, task, numeric, categorical, seed, encoding)
    exec(code, namespace)
    return namespace["model"]


@dataclasses.dataclass
class RungResult:
    """What cross-validating one rung gave."""

    rung: Rung
    status: str  # ok | failed | skipped
    scores: list[float] = dataclasses.field(default_factory=list)
    fit_seconds: float | None = None
    predict_seconds: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        ok = self.status == "ok"
        return {
            "name": self.rung.name,
            "label": self.rung.label,
            "complexity": self.rung.complexity,
            "cv_mean": float(np.mean(self.scores)) if ok else None,
            "cv_std": float(np.std(self.scores, ddof=1)) if ok and len(self.scores) > 1 else None,
            "cv_scores": [float(s) for s in self.scores] if ok else [],
            "fit_seconds": self.fit_seconds,
            "predict_seconds": self.predict_seconds,
            "status": self.status,
            "note": self.note,
        }


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[: limit - 3] + "..."


def _likely_cause(scoring: str) -> str:
    """The usual cause of folds that cannot be scored, worded for the metric's task."""
    from diveml.study._metrics import METRICS

    if "regression" in METRICS[scoring].tasks:
        return " (extreme target values, or a fold whose target is constant?)"
    return " (too few rows of a class in a fold?)"


def run_rung(
    rung: Rung,
    pipeline: Any,
    X: pd.DataFrame,
    y: pd.Series,
    cv: Any,
    groups: pd.Series | None,
    scoring: str,
) -> RungResult:
    """Cross-validate one rung; a failure becomes a ``failed`` rung with the reason.

    In this process, one fold after another (``n_jobs=1``): spreading the folds over
    workers is the engine's job (:mod:`._engine`), and both at once would nest them.
    """
    from sklearn.model_selection import cross_validate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = cross_validate(
                pipeline,
                X,
                y,
                groups=groups,
                cv=cv,
                scoring=scoring,
                n_jobs=1,
                error_score=np.nan,
            )
        except ValueError as exc:  # e.g. a fold where the metric is undefined for every split
            return RungResult(rung, "failed", note=_short(f"{type(exc).__name__}: {exc}"))
    scores = np.asarray(out["test_score"], dtype=float)
    notes = sorted({_short(f"{w.category.__name__}: {w.message}") for w in caught})
    if not np.all(np.isfinite(scores)):
        failed = int(np.sum(~np.isfinite(scores)))
        reason = next((n for n in notes if "FitFailed" in n or "score" in n.lower()), "")
        return RungResult(
            rung,
            "failed",
            note=_short(
                f"{failed} of {len(scores)} folds could not be fitted or scored"
                f"{_likely_cause(scoring)}. {reason}"
            ),
        )
    return RungResult(
        rung,
        "ok",
        scores=[float(s) for s in scores],
        fit_seconds=float(np.mean(out["fit_time"])),
        predict_seconds=float(np.mean(out["score_time"])),
        note="; ".join(notes[:2]),
    )
