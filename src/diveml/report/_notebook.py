"""Build ``study.ipynb``: the study's split, chosen pipeline and holdout score in plain code.

The code cells come from the result's ``reproduce`` record (written by the study); this
module only adds the explanation around them and the cells that fit, score and compare.
"""

from __future__ import annotations

from typing import Any

from diveml.exceptions import ReportError
from diveml.study._result import Reproduce, StudyResult

__all__ = ["build_notebook"]


class _Cells:
    """Build nbformat 4.5 cells as plain dicts, with ids that are the same every run.

    Plain dicts rather than ``nbformat.v4`` constructors: importing nbformat loads
    jsonschema's format checkers, which costs seconds, and writing a notebook needs none
    of it. ``Report.notebook()`` turns the dict into a ``NotebookNode``.
    """

    def __init__(self) -> None:
        self.cells: list[dict[str, Any]] = []

    def markdown(self, source: str) -> None:
        self.cells.append(
            {
                "cell_type": "markdown",
                "id": f"cell-{len(self.cells)}",
                "metadata": {},
                "source": source,
            }
        )

    def code(self, source: str, *, tags: list[str] | None = None) -> None:
        self.cells.append(
            {
                "cell_type": "code",
                "id": f"cell-{len(self.cells)}",
                "metadata": {"tags": tags} if tags else {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
        )


_SNIPPETS = {
    "load_code": "defines `df`",
    "split_code": "defines `X_train`, `X_test`, `y_train`, `y_test`",
    "pipeline_code": "defines `model`",
}


def _reproduce(result: StudyResult) -> Reproduce:
    reproduce = result.reproduce
    for key, what in _SNIPPETS.items():
        if not getattr(reproduce, key).strip():
            raise ReportError(
                f"The study result's reproduce[{key!r}] is missing or empty; it must hold "
                f"Python code that {what}. Re-run the study to record it."
            )
    return reproduce


def _md(text: str) -> str:
    """Escape text for a Markdown cell so names with * _ < > show as written."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def build_notebook(result: StudyResult) -> dict[str, Any]:
    """Return a notebook (nbformat 4.5, as a dict) that repeats the study's final score.

    Raises
    ------
    ReportError
        When ``result`` has no usable ``reproduce`` code.
    """
    code = _reproduce(result)
    nb = _Cells()
    _introduction(nb, result)
    _load_and_split(nb, code)
    _model_and_cross_validation(nb, result, code)
    _score_the_holdout_once(nb, result)
    _next_steps(nb)
    return _document(result, nb)


def _introduction(nb: _Cells, result: StudyResult) -> None:
    """The title and what the notebook repeats."""
    from diveml.report._context import metric_name

    metric, target = result.metric, result.target
    data_name = result.data.name or "the data"
    chosen_label = result.chosen.label or result.chosen.name
    nb.markdown(
        f"# Reproduce the study: predicting {_md(target)} in {_md(data_name)}\n\n"
        "This notebook repeats, in plain scikit-learn code, what the study did at the end: "
        "the same split into training and holdout rows, the chosen model "
        f"(**{_md(chosen_label)}**), its fit on the training rows, and one score on the "
        f"holdout with the study's metric, `{metric}` ({metric_name(metric)}).\n\n"
        "Read it top to bottom, run it, then change things: the model, its settings, the "
        "columns. The study's full report (audit, model ladder, learning curve, "
        "diagnostics) is in `report.html` beside this file."
    )


def _load_and_split(nb: _Cells, code: Reproduce) -> None:
    """Steps 1 and 2: load the table, split it as the study did."""
    nb.markdown("## 1. Load the data\n\nThe table is loaded into a pandas DataFrame called `df`.")
    nb.code(code.load_code.strip() + "\n\ndf.shape")
    nb.code("df.head()")
    nb.markdown(
        "## 2. Split exactly as the study did\n\n"
        "The holdout rows are set aside *before* any model is looked at, with the same "
        "seed, so they are the very rows the study scored. Columns the audit excluded "
        "(for example leakage suspects) are dropped here too."
    )
    nb.code(
        code.split_code.strip()
        + '\n\nprint(f"training rows: {len(X_train)}, holdout rows: {len(X_test)}")'
    )


def _model_and_cross_validation(nb: _Cells, result: StudyResult, code: Reproduce) -> None:
    """Steps 3 and 4: the chosen pipeline, and cross-validation where plain k-fold fits."""
    from diveml.study._strategies import STRATEGIES

    metric, chosen = result.metric, result.chosen
    strategy = STRATEGIES[result.split.strategy]
    folds = result.settings.folds
    nb.markdown(
        "## 3. The chosen model\n\n"
        "A scikit-learn `Pipeline`: the preprocessing (filling missing values, scaling, "
        "encoding categories) is part of the model, so it is learned from training rows "
        "only and never peeks at the holdout. Displaying `model` draws its steps."
    )
    nb.code(code.pipeline_code.strip() + "\n\nmodel")
    if not strategy.plain_cv:
        nb.markdown(
            "## 4. Cross-validation\n\n"
            f"The study used {strategy.short}; plain k-fold cross-validation would mix "
            "groups or times across folds and overstate the score, so it is left out "
            "here. See the report for the study's cross-validation scores."
        )
    else:
        nb.markdown(
            "## 4. Cross-validation on the training rows\n\n"
            f"Before the holdout, estimate the score with {folds}-fold cross-validation on "
            "the training rows only. The folds may differ from the study's, so expect "
            "numbers close to, not equal to, the report's "
            f"({_fmt(chosen.cv_mean)} ± {_fmt(chosen.cv_std)})."
        )
        nb.code(
            "from sklearn.model_selection import cross_val_score\n\n"
            f"cv_scores = cross_val_score(model, X_train, y_train, cv={int(folds)}, "
            f"scoring={metric!r})\n"
            'print(f"cross-validation: {cv_scores.mean():.4f} ± {cv_scores.std():.4f}")'
        )


def _score_the_holdout_once(nb: _Cells, result: StudyResult) -> None:
    """Step 5: fit on every training row and score the holdout once, beside the study's."""
    metric, recorded = result.metric, result.holdout.score
    nb.markdown(
        "## 5. Fit on all training rows and score the holdout once\n\n"
        "`get_scorer` gives the exact scoring function the study used. Score the holdout "
        "once, at the end: every extra look, and every change made after looking, makes "
        "it a less honest estimate."
    )
    nb.code(
        "from sklearn.metrics import get_scorer\n\n"
        f"metric = {metric!r}\n"
        f"recorded_score = {_literal(recorded)}  # the study's holdout score\n\n"
        "model.fit(X_train, y_train)\n"
        "holdout_score = get_scorer(metric)(model, X_test, y_test)\n"
        'print(f"holdout {metric} (this notebook): {holdout_score:.4f}")\n'
        "if recorded_score is not None:\n"
        '    print(f"holdout {metric} (the study):   {recorded_score:.4f}")',
        tags=["holdout-score"],
    )


def _next_steps(nb: _Cells) -> None:
    nb.markdown(
        "## Next steps\n\n"
        "- Change a setting of the model (for example its regularisation) and see how the "
        "cross-validation score moves, using the training rows only.\n"
        "- Try another model from the study's ladder in place of the last step of the "
        "pipeline.\n"
        "- Keep the holdout for the very end: if you choose a model because of its "
        "holdout score, that score is no longer an honest estimate."
    )


def _document(result: StudyResult, nb: _Cells) -> dict[str, Any]:
    """The notebook document around the cells."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "diveml": {
                "study_id": result.id,
                "diveml_version": result.diveml_version,
            },
        },
        "cells": nb.cells,
    }


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "—"


def _literal(value: Any) -> str:
    """Return a Python literal for a recorded score (None when there is none)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return repr(float(value))
    return "None"
