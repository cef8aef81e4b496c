"""study.ipynb: the study's split, chosen pipeline and holdout score in plain code."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from diveml.exceptions import ReportError
from diveml.report import build_report, write_report
from diveml.study import StudyResult
from tests.report.conftest import variant


def code_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def test_notebook_is_valid_and_runs_the_study_code_in_order(result: StudyResult) -> None:
    notebook = build_report(result).notebook()
    nbformat.validate(notebook)
    sources = "\n".join(code_cells(notebook))
    code = result.reproduce
    positions = [
        sources.index(snippet.strip())
        for snippet in (code.load_code, code.split_code, code.pipeline_code)
    ]
    assert positions == sorted(positions)
    assert f"metric = {result.metric!r}" in sources
    assert f"recorded_score = {result.holdout.score!r}" in sources
    assert "get_scorer(metric)(model, X_test, y_test)" in sources
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_notebook_explains_each_step(result_factory: Callable[..., StudyResult]) -> None:
    notebook = build_report(result_factory("binary")).notebook()
    headings = [
        cell.source.splitlines()[0] for cell in notebook.cells if cell.cell_type == "markdown"
    ]
    assert headings[0].startswith("# Reproduce the study: predicting sex in penguins")
    assert [h for h in headings if h.startswith("## ")] == [
        "## 1. Load the data",
        "## 2. Split exactly as the study did",
        "## 3. The chosen model",
        "## 4. Cross-validation on the training rows",
        "## 5. Fit on all training rows and score the holdout once",
        "## Next steps",
    ]


@pytest.mark.parametrize("strategy", ["grouped", "time"])
def test_notebook_leaves_out_plain_cross_validation_for_grouped_and_time_splits(
    result_factory: Callable[..., StudyResult], strategy: str
) -> None:
    result = variant(result_factory("binary"), split={"strategy": strategy})
    notebook = build_report(result).notebook()
    assert not any("cross_val_score" in source for source in code_cells(notebook))
    assert any(f"The study used a {strategy} split" in cell.source for cell in notebook.cells)


def test_notebook_escapes_markdown_in_names(result_factory: Callable[..., StudyResult]) -> None:
    result = variant(result_factory("binary"), target="<b>is_*male*</b>")
    title = build_report(result).notebook().cells[0].source.splitlines()[0]
    assert "<b>" not in title
    assert r"\<b\>is\_\*male\*\</b\>" in title


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "load_code",
            r"reproduce\['load_code'\] is missing or empty; it must hold Python code that defines `df`",
        ),
        ("pipeline_code", r"reproduce\['pipeline_code'\] is missing or empty.*Re-run the study"),
    ],
)
def test_notebook_needs_the_reproduce_code(
    result_factory: Callable[..., StudyResult], key: str, message: str
) -> None:
    result = variant(result_factory("binary"), reproduce={key: ""})
    with pytest.raises(ReportError, match=message):
        build_report(result).notebook()


@pytest.mark.slow
@pytest.mark.parametrize("task", ["binary", "regression"])
def test_notebook_runs_headless_and_reproduces_the_holdout_score(
    result_factory: Callable[..., StudyResult], tmp_path: Path, task: str
) -> None:
    from nbclient import NotebookClient

    result = result_factory(task)
    path = write_report(result, tmp_path)["notebook"]
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    (cell,) = [c for c in notebook.cells if "holdout-score" in c.metadata.get("tags", [])]
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    found = dict(re.findall(r"holdout \S+ \((this notebook|the study)\):\s+(-?[\d.]+)", printed))
    assert set(found) == {"this notebook", "the study"}
    assert float(found["this notebook"]) == pytest.approx(result.holdout.score, abs=5e-5)
    assert found["this notebook"] == found["the study"]
