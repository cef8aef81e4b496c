"""The commands that must start fast import no heavy library before they need it.

Each check runs in a fresh interpreter (this test process has long imported everything)
and looks at ``sys.modules``: a module imported at the top of a CLI file, or a library
pulled in by an import chain, makes it fail, whatever the machine's speed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Libraries only the study, the report or the notebook need: none may load for --help.
HEAVY = (
    "sklearn",
    "scipy",
    "pandas",
    "numpy",
    "matplotlib",
    "jinja2",
    "nbformat",
    "nbclient",
    "skops",
    "pyarrow",
    "duckdb",
    "dask",
    "distributed",
    "pytest",
)
# What `diveml predict` needs is scikit-learn, pandas and skops; never these.
NOT_FOR_PREDICT = (
    "matplotlib",
    "jinja2",
    "nbformat",
    "nbclient",
    "dask",
    "distributed",
    "pytest",
    # skops walks every scikit-learn module (importing these and pytest) unless diveml
    # imports it its own way (diveml.study._skops)
    "sklearn.utils._testing",
    "sklearn.neural_network",
    "sklearn.gaussian_process",
    "sklearn.semi_supervised",
)


def loaded_after(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the modules it left in sys.modules."""
    script = code + "\nimport json, sys\nprint('MODULES ' + json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_of_every_command_imports_no_heavy_library() -> None:
    code = (
        "from diveml.cli import app\n"
        "for args in (['--help'], ['study', '--help'], ['predict', '--help'], ['learn', '--help']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    assert top_level(loaded_after(code)) & set(HEAVY) == set()


def test_import_of_the_cli_imports_no_heavy_library() -> None:
    assert top_level(loaded_after("import diveml.cli")) & set(HEAVY) == set()


def test_predict_loads_a_model_without_report_libraries_or_the_skops_walk(
    tmp_path: Path,
) -> None:
    # A model file made in a fresh process too: this test process may have imported skops
    # the plain way already, which would hide what a real `diveml predict` imports.
    model = tmp_path / "model.skops"
    data = tmp_path / "rows.csv"
    data.write_text("x,c\n1.0,a\n2.0,b\n3.0,a\n4.0,b\n5.0,a\n6.0,b\n")
    make = f"""
import pandas as pd
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._model import save_model
X = pd.read_csv({str(data)!r})
pipe = build_pipeline(RUNGS[1], "regression", ["x"], ["c"], 0).fit(X, X["x"] * 2)
meta = {{"columns": ["x", "c"], "numeric": ["x"], "task": "regression", "target": "y"}}
save_model(pipe, __import__("pathlib").Path({str(model)!r}), meta)
"""
    subprocess.run([sys.executable, "-c", make], check=True, capture_output=True)
    out = tmp_path / "predictions.csv"
    code = (
        "from diveml.cli import app\n"
        "try:\n"
        f"    app(['predict', {str(model)!r}, {str(data)!r}, '--out', {str(out)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
    loaded = loaded_after(code)
    assert out.is_file()
    assert {"sklearn", "pandas", "skops"} <= top_level(loaded)  # the check can see imports
    assert {
        m for m in loaded if m in NOT_FOR_PREDICT or m.split(".")[0] in NOT_FOR_PREDICT
    } == set()


def _scipy_doc(skip: bool) -> str:
    """The docstring of a scipy function, in a fresh interpreter, with or without the skip."""
    first = "from diveml.cli._startup import skip_scipy_doc_tables\n"
    first += "assert skip_scipy_doc_tables() is True\n"
    code = (
        "import json\n"
        + (first if skip else "")
        + "import scipy.stats\n"
        + "print('DOC ' + json.dumps(scipy.stats.ttest_ind.__doc__))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return str(json.loads(done.stdout.split("DOC ", 1)[1]))


def test_study_and_predict_skip_scipys_docstring_tables_and_keep_the_docstrings() -> None:
    plain, skipped = _scipy_doc(False), _scipy_doc(True)
    assert "Array API Standard Support" in plain  # what the skip leaves out
    assert "Array API Standard Support" not in skipped
    # the rest is scipy's own text (the parser re-wraps nothing but the sections it edits)
    assert skipped.split("Parameters")[0].split() == plain.split("Parameters")[0].split()
    assert len(skipped) > 0.8 * len(plain)


def test_the_skip_does_nothing_once_scipy_stats_is_imported() -> None:
    code = (
        "import scipy.stats\n"
        "from diveml.cli._startup import skip_scipy_doc_tables\n"
        "assert skip_scipy_doc_tables() is False\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
