"""Study result dicts shaped like study.json, for rendering reports without running a study.

The ``reproduce`` code in each is real: it loads a catalog dataset, splits it and builds an
unfitted pipeline. ``run_reproduce`` executes that code, and the builders record the holdout
score it gives, so a notebook built from a fixture must reproduce the fixture's own score.
The other numbers are made up but shaped like a real study's (ranges, lengths, spreads).
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

LOAD = {
    "binary": """
        from diveml import load_dataset

        df = load_dataset("penguins")
        df = df.dropna(subset=["sex"]).reset_index(drop=True)
        """,
    "multiclass": """
        from diveml import load_dataset

        df = load_dataset("penguins")
        """,
    "regression": """
        from diveml import load_dataset

        df = load_dataset("diabetes")
        """,
}

SPLIT = {
    "binary": """
        from sklearn.model_selection import train_test_split

        X = df.drop(columns=["sex", "year"])
        y = df["sex"]
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=0.2, stratify=y, random_state=0
        )
        """,
    "multiclass": """
        from sklearn.model_selection import train_test_split

        X = df.drop(columns=["species", "year"])
        y = df["species"]
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=0.2, stratify=y, random_state=0
        )
        """,
    "regression": """
        from sklearn.model_selection import train_test_split

        X = df.drop(columns=["progression"])
        y = df["progression"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
        """,
}

_PREPROCESS = """
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    categorical = {categorical}
    preprocess = ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("categorical", make_pipeline(
            SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")
        ), categorical),
    ])
    """

PIPELINE = {
    "binary": _PREPROCESS.format(categorical='["species", "island"]')
    + """
    from sklearn.linear_model import LogisticRegression

    model = Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
    """,
    "multiclass": _PREPROCESS.format(categorical='["island", "sex"]')
    + """
    from sklearn.linear_model import LogisticRegression

    model = Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
    """,
    "regression": """
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    model = Pipeline([("scale", StandardScaler()), ("model", Ridge(alpha=1.0))])
    """,
}

METRIC = {"binary": "roc_auc", "multiclass": "balanced_accuracy", "regression": "r2"}


def reproduce_code(task: str) -> dict[str, str]:
    """Return the real load/split/pipeline snippets for a task."""
    return {
        "load_code": textwrap.dedent(LOAD[task]).strip() + "\n",
        "split_code": textwrap.dedent(SPLIT[task]).strip() + "\n",
        "pipeline_code": textwrap.dedent(PIPELINE[task]).strip() + "\n",
    }


@cache
def run_reproduce(task: str) -> tuple[float, int, int]:
    """Execute a task's snippets; return (holdout score, training rows, holdout rows)."""
    from sklearn.metrics import get_scorer

    namespace: dict[str, Any] = {}
    for code in reproduce_code(task).values():
        exec(code, namespace)
    model = namespace["model"].fit(namespace["X_train"], namespace["y_train"])
    score = get_scorer(METRIC[task])(model, namespace["X_test"], namespace["y_test"])
    return float(score), len(namespace["X_train"]), len(namespace["X_test"])


def _rung(name: str, label: str, complexity: int, mean: float, std: float, fit: float) -> dict:
    scores = [round(mean + std * d, 4) for d in (-1.2, -0.4, 0.1, 0.5, 1.0)]
    return {
        "name": name,
        "label": label,
        "complexity": complexity,
        "cv_mean": mean,
        "cv_std": std,
        "cv_scores": scores,
        "fit_seconds": fit,
        "predict_seconds": fit / 10,
        "status": "ok",
        "note": None,
    }


def make_result(task: str = "binary", *, times_scored: int = 1, gap: bool = False) -> dict:
    """Return a study result dict for ``task`` with every section filled in."""
    score, train_rows, holdout_rows = run_reproduce(task)
    metric = METRIC[task]
    target = {"binary": "sex", "multiclass": "species", "regression": "progression"}[task]
    data_name = "diabetes" if task == "regression" else "penguins"
    rows = train_rows + holdout_rows
    if task == "regression":
        ladder = [
            _rung("dummy", "baseline (mean)", 0, -0.012, 0.010, 0.002),
            _rung("linear", "ridge regression", 1, 0.472, 0.061, 0.004),
            _rung("tree", "decision tree (depth 4)", 2, 0.301, 0.095, 0.006),
            _rung("forest", "random forest", 3, 0.438, 0.066, 0.41),
            _rung("boosting", "gradient boosting", 4, 0.421, 0.071, 0.35),
        ]
        best, chosen = "linear", "linear"
    else:
        base = 0.5
        ladder = [
            _rung("dummy", "baseline (most frequent)", 0, base, 0.0, 0.002),
            _rung("linear", "logistic regression", 1, 0.962, 0.018, 0.012),
            _rung("tree", "decision tree (depth 4)", 2, 0.905, 0.032, 0.006),
            _rung("forest", "random forest", 3, 0.968, 0.015, 0.38),
            _rung("boosting", "gradient boosting", 4, 0.966, 0.017, 0.52),
        ]
        best, chosen = "forest", "linear"
    by_name = {r["name"]: r for r in ladder}
    pick = by_name[chosen]
    expected = (pick["cv_mean"] - 2 * pick["cv_std"], pick["cv_mean"] + 2 * pick["cv_std"])
    diagnostics: dict[str, Any] = {
        "permutation_importance": [
            {
                "column": "flipper_length_mm" if task != "regression" else "bmi",
                "mean": 0.21,
                "std": 0.03,
            },
            {
                "column": "bill_depth_mm" if task != "regression" else "s5",
                "mean": 0.12,
                "std": 0.02,
            },
            {"column": "island" if task != "regression" else "bp", "mean": 0.01, "std": 0.01},
        ],
        "worst_rows": [
            {
                "row": 17,
                "actual": "female" if task != "regression" else 310.0,
                "predicted": "male" if task != "regression" else 121.4,
                "error": 0.93 if task != "regression" else 188.6,
            },
            {
                "row": 203,
                "actual": "male" if task != "regression" else 52.0,
                "predicted": "female" if task != "regression" else 199.0,
                "error": 0.81 if task != "regression" else 147.0,
            },
        ],
    }
    if task != "regression":
        diagnostics["segments"] = [
            {"column": "island", "value": "Biscoe", "rows": 33, "score": 0.97},
            {"column": "island", "value": "Dream", "rows": 25, "score": 0.94},
            {"column": "island", "value": "Torgersen", "rows": 9, "score": 1.0},
        ]
    if task == "binary":
        diagnostics["confusion_matrix"] = {
            "labels": ["female", "male"],
            "matrix": [[30, 3], [2, 32]],
        }
        diagnostics["roc_curve"] = {
            "fpr": [0.0, 0.0, 0.03, 0.06, 0.12, 0.3, 1.0],
            "tpr": [0.0, 0.55, 0.8, 0.91, 0.97, 1.0, 1.0],
            "auc": score,
        }
        diagnostics["pr_curve"] = {
            "precision": [0.5, 0.8, 0.9, 0.94, 0.97, 1.0, 1.0],
            "recall": [1.0, 1.0, 0.97, 0.91, 0.8, 0.55, 0.0],
            "average_precision": 0.95,
        }
        diagnostics["calibration"] = {
            "prob_pred": [0.05, 0.2, 0.4, 0.6, 0.8, 0.95],
            "prob_true": [0.02, 0.18, 0.45, 0.55, 0.86, 0.97],
        }
        other = {"accuracy": 0.925, "f1": 0.928, "neg_log_loss": -0.19}
    elif task == "multiclass":
        diagnostics["confusion_matrix"] = {
            "labels": ["Adelie", "Chinstrap", "Gentoo"],
            "matrix": [[30, 0, 0], [1, 13, 0], [0, 0, 25]],
        }
        other = {"accuracy": 0.986, "f1_macro": 0.98, "neg_log_loss": -0.06}
    else:
        diagnostics["residuals"] = {
            "predicted": [80.0 + 2.5 * i for i in range(60)],
            "residual": [((i * 37) % 41 - 20) * 2.1 for i in range(60)],
        }
        other = {"rmse": 53.4, "mae": 42.8}
    comparisons = [
        {
            "name": r["name"],
            "mean_diff": round(by_name[best]["cv_mean"] - r["cv_mean"], 4),
            "p_value": p,
            "indistinguishable": p > 0.05,
        }
        for r, p in zip(ladder, [0.0001, 0.41, 0.002, 1.0, 0.78], strict=True)
    ]
    return {
        "diveml_version": "0.1.0",
        "id": f"{data_name}-20261125-120000",
        "status": "complete",
        "created_at": "2026-11-25T12:00:00+00:00",
        "data": {
            "name": data_name,
            "source": data_name,
            "rows": rows,
            "columns": 8 if data_name == "penguins" else 11,
            "fingerprint": "sha256:9f2c0e71ab",
        },
        "target": target,
        "task": task,
        "metric": metric,
        "seed": 0,
        "settings": {
            "holdout": 0.2,
            "folds": 5,
            "group": None,
            "time": None,
            "budget": 120.0,
            "drop": [],
            "keep": [],
        },
        "excluded_columns": ["year"] if data_name == "penguins" else [],
        "exclusions": [
            {
                "column": "year",
                "code": "id_like",
                "reason": "Only three values, the study years; it describes when, not what.",
            }
        ]
        if data_name == "penguins"
        else [],
        "audit": {
            "findings": [
                {
                    "code": "missing",
                    "severity": "warning",
                    "column": "sex",
                    "message": "Column 'sex' is 3% missing.",
                    "fix": "Missing values are imputed inside the pipeline.",
                },
                {
                    "code": "id_like",
                    "severity": "error",
                    "column": "year",
                    "message": "Column 'year' looks like a record of when, not a feature.",
                    "fix": "Excluded; pass --keep year to use it.",
                },
                {
                    "code": "duplicates",
                    "severity": "info",
                    "column": None,
                    "message": "No duplicate rows.",
                    "fix": "",
                },
            ]
        },
        "split": {
            "strategy": "random" if task == "regression" else "stratified",
            "train_rows": train_rows,
            "holdout_rows": holdout_rows,
            "holdout_fingerprint": "sha256:41d8cd98f0",
        },
        "ladder": ladder,
        "selection": {
            "rule": "The simplest model whose mean score is not reliably below the best's "
            "(corrected paired t-test over folds, p > 0.05) is chosen.",
            "best": best,
            "chosen": chosen,
            "explanation": (
                f"{by_name[best]['label'].capitalize()} scored highest, but {pick['label']} is "
                "not reliably worse here, so the simpler model is chosen."
                if best != chosen
                else f"{pick['label'].capitalize()} scored highest, and no simpler model comes close."
            ),
            "comparisons": comparisons,
        },
        "chosen": {
            "name": chosen,
            "label": pick["label"],
            "cv_mean": pick["cv_mean"],
            "cv_std": pick["cv_std"],
        },
        "learning_curve": {
            "model": chosen,
            "sizes": [int(train_rows * f) for f in (0.1, 0.3, 0.55, 0.8, 1.0)],
            "scores": [pick["cv_mean"] - d for d in (0.2, 0.08, 0.03, 0.01, 0.0)],
            "scores_std": [0.09, 0.05, 0.03, 0.02, pick["cv_std"]],
            "train_scores": [min(1.0, pick["cv_mean"] + d) for d in (0.1, 0.06, 0.04, 0.03, 0.02)],
            "verdict": "The curve has flattened: more rows of the same kind would likely not help much.",
            "verdict_code": "plateau",
        },
        "holdout": {
            "score": score,
            "ci_low": score - 0.05,
            "ci_high": min(1.0, score + 0.03),
            "rows": holdout_rows,
            "times_scored": times_scored,
            "baseline_score": 0.5 if task != "regression" else -0.01,
            "expected_low": expected[0],
            "expected_high": expected[1],
            "gap_flag": gap,
            "gap_message": "The holdout score is well below the cross-validation range."
            if gap
            else "The holdout score is within the range cross-validation led us to expect.",
            "other_metrics": other,
        },
        "diagnostics": diagnostics,
        "timings": {
            "total_seconds": 7.4,
            "stages": {
                "read": 0.05,
                "audit": 0.3,
                "ladder": 4.9,
                "learning_curve": 1.6,
                "holdout": 0.1,
                "diagnostics": 0.45,
            },
        },
        "sampling": {
            "ladder_rows": train_rows,
            "learning_curve_rows": train_rows,
            "note": "No sampling was needed: every training row was used.",
        },
        "reproduce": reproduce_code(task),
        "artifacts": {
            "report_html": "report.html",
            "report_md": "report.md",
            "study_json": "study.json",
            "model": "model.skops",
            "holdout_predictions": "holdout_predictions.csv",
            "notebook": "study.ipynb",
        },
    }


@pytest.fixture(params=["binary", "multiclass", "regression"])
def result(request: pytest.FixtureRequest) -> dict:
    """A complete study result, once per task."""
    return make_result(request.param)


@pytest.fixture
def result_factory() -> Callable[..., dict]:
    """Build a study result with options (task, times_scored, gap); each call is a fresh copy."""

    def factory(task: str = "binary", **options: Any) -> dict:
        return copy.deepcopy(make_result(task, **options))

    return factory
