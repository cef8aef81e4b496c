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
# What `diveml predict` needs is scikit-learn, pandas and skops; never these (a module or
# any module under it).
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
    # a linear model's file names no ensemble, and skops is imported without it
    "sklearn.ensemble",
    # predict converts columns as the study did (diveml.study._features) without the audit,
    # and never touches the study's own stages or its reports
    "diveml.audit",
    "diveml.report",
    "diveml.review",
    "diveml.study._study",
    "diveml.study._ladder",
)


def under(modules: set[str], names: tuple[str, ...]) -> set[str]:
    """The modules that are one of ``names`` or lie under one of them."""
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}


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


def test_predict_of_a_linear_model_imports_only_what_its_file_names(
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
        "import sys\n"
        "from diveml.cli import app\n"
        "try:\n"
        f"    app(['predict', {str(model)!r}, {str(data)!r}, '--out', {str(out)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        # skops's scan of every ufunc over every loaded module never ran
        "trusted = sys.modules['skops.io._trusted_types']\n"
        "assert not trusted.SCIPY_UFUNC_TYPE_NAMES.computed\n"
        "assert not trusted.SKLEARN_ESTIMATOR_TYPE_NAMES.computed\n"
    )
    loaded = loaded_after(code)
    assert out.is_file()
    assert "sklearn.linear_model" in loaded  # the check can see imports: the model's own
    assert {"sklearn", "pandas", "skops"} <= top_level(loaded)
    assert under(loaded, NOT_FOR_PREDICT) == set()


def _scipy_docs(skip: bool) -> dict[str, str]:
    """Docstrings of scipy.stats.ttest_ind, in a fresh interpreter, with or without the skip.

    "doc" is the function's docstring; "written" is the one in scipy's source (of the
    function scipy's decorators wrap).
    """
    first = "from diveml.cli._startup import skip_scipy_doc_tables\n"
    first += "assert skip_scipy_doc_tables() is True\n"
    code = (
        "import json\n"
        + (first if skip else "")
        + "import scipy.stats\n"
        + "f = scipy.stats.ttest_ind\n"
        + "print('DOC ' + json.dumps({'doc': f.__doc__, 'written': f.__wrapped__.__doc__}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.split("DOC ", 1)[1]))


def test_study_and_predict_skip_scipys_docstring_rewriting_and_keep_the_docstrings() -> None:
    plain, skipped = _scipy_docs(False), _scipy_docs(True)
    # what scipy adds at import, and the skip leaves out: the array-API table and the
    # standard nan_policy paragraph
    assert "Array API Standard Support" in plain["doc"]
    assert "Array API Standard Support" not in skipped["doc"]
    assert plain["doc"] != plain["written"].lstrip(" \n")
    # with the skip, the docstring is scipy's own text as written in its source
    assert skipped["written"] == plain["written"]
    assert skipped["doc"] == skipped["written"].lstrip(" \n")


def test_the_skip_does_nothing_once_scipy_stats_is_imported() -> None:
    code = (
        "import scipy.stats\n"
        "from diveml.cli._startup import skip_scipy_doc_tables\n"
        "assert skip_scipy_doc_tables() is False\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
